//! Bulk import into a collection: a CSV, XLSX or JSON file becomes a table of
//! header and rows; a [`Mapping`] says which column fills which field; [`plan`] turns the rows
//! into items checked exactly as the server checks them, and lists every bad row with its
//! reasons. Nothing here writes anything: the constructor sends the good items in batches and
//! the server checks each of them again.

use std::collections::HashMap;

mod xlsx;

use crate::collection_items::{Collection, ItemError, ItemField, ItemFieldKind, MAX_ITEMS};
use crate::validate::is_id;
use crate::Lang;

/// The largest file read, in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Most rows one file may hold: a collection holds no more items.
pub const MAX_ROWS: usize = MAX_ITEMS;

/// A file read into text cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column names (the first row, or the keys of JSON objects).
    pub headers: Vec<String>,
    /// The data rows, each as long as `headers`, with their row number in the file.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Why a file could not be read; nothing is imported from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooBig,
    /// No header or no data rows.
    Empty,
    /// Not a CSV, XLSX or JSON file.
    UnknownFormat,
    /// A spreadsheet that cannot be opened.
    BrokenSpreadsheet(String),
    /// A CSV file that cannot be read.
    BrokenCsv(String),
    /// JSON that is not an array of objects.
    BrokenJson(String),
    /// Text in an encoding other than UTF-8, UTF-16 or Windows-1251.
    Encoding,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
}

impl ImportError {
    /// What to tell the person who chose the file.
    pub fn message(&self, lang: Lang) -> String {
        let mb = MAX_FILE_BYTES / 1024 / 1024;
        match (self, lang) {
            (ImportError::TooBig, Lang::Ru) => format!("Файл больше {mb} МБ. Разделите его на части."),
            (ImportError::TooBig, Lang::En) => format!("The file is larger than {mb} MB. Split it into parts."),
            (ImportError::Empty, Lang::Ru) => "В файле нет строк с данными: нужна строка заголовков и хотя бы одна строка под ней.".into(),
            (ImportError::Empty, Lang::En) => "The file has no data: it needs a header row and at least one row below it.".into(),
            (ImportError::UnknownFormat, Lang::Ru) => "Этот вид файла не поддерживается. Подходят CSV, XLSX и JSON; файл XLS или ODS сохраните как XLSX.".into(),
            (ImportError::UnknownFormat, Lang::En) => "This kind of file is not supported. Use CSV, XLSX or JSON; save an XLS or ODS file as XLSX.".into(),
            (ImportError::BrokenSpreadsheet(why), Lang::Ru) => {
                format!("Таблицу не удалось открыть: файл повреждён или это не таблица Excel ({why}). Сохраните его заново и попробуйте ещё раз.")
            }
            (ImportError::BrokenSpreadsheet(why), Lang::En) => {
                format!("The spreadsheet cannot be opened: the file is damaged or not an Excel file ({why}). Save it again and retry.")
            }
            (ImportError::BrokenCsv(why), Lang::Ru) => format!("CSV-файл не удалось прочитать: {why}."),
            (ImportError::BrokenCsv(why), Lang::En) => format!("The CSV file cannot be read: {why}."),
            (ImportError::BrokenJson(why), Lang::Ru) => format!("JSON-файл должен содержать список объектов: {why}."),
            (ImportError::BrokenJson(why), Lang::En) => format!("The JSON file must hold a list of objects: {why}."),
            (ImportError::Encoding, Lang::Ru) => {
                "Не удалось определить кодировку файла. Сохраните его как «CSV UTF-8» или «CSV (разделители — запятые)».".into()
            }
            (ImportError::Encoding, Lang::En) => "The file's encoding is not recognised. Save it as CSV UTF-8.".into(),
            (ImportError::TooManyRows, Lang::Ru) => format!("В файле больше {MAX_ROWS} строк: столько записей раздел не вмещает."),
            (ImportError::TooManyRows, Lang::En) => format!("The file has more than {MAX_ROWS} rows: a collection holds no more."),
        }
    }
}

/// Reads a file by its name's ending (`.csv`, `.txt`, `.tsv`, `.xlsx`, `.json`).
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Table, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooBig);
    }
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
    let table = match ext {
        "csv" | "txt" | "tsv" => read_csv(bytes)?,
        "xlsx" | "xlsm" => read_spreadsheet(bytes)?,
        "json" => read_json(bytes)?,
        _ => return Err(ImportError::UnknownFormat),
    };
    if table.headers.iter().all(|h| h.is_empty()) || table.rows.is_empty() {
        return Err(ImportError::Empty);
    }
    if table.rows.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows);
    }
    Ok(table)
}

/// Text of a file, as [`crate::text_file::decode`] reads it.
fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    crate::text_file::decode(bytes).ok_or(ImportError::Encoding)
}

/// A cell as plain text: control characters other than line breaks and tabs go, and so do
/// the spaces around it.
fn clean(cell: &str) -> String {
    cell.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect::<String>().trim().to_string()
}

/// The delimiter of the header line: `;` (Russian Excel), `,` or a tab, whichever occurs most.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |d: char| first.chars().filter(|c| *c == d).count();
    [b';', b'\t', b','].into_iter().max_by_key(|d| (count(*d as char), *d == b',')).unwrap_or(b',')
}

/// Reads CSV: the first line names the columns.
pub fn read_csv(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter(&text)).from_reader(text.as_bytes());
    let mut records = Vec::new();
    // Row numbers as a spreadsheet shows them: blank lines count, line breaks inside quotes do not.
    let (mut line, mut counted_to) = (1, 0);
    for record in reader.records() {
        let record = record.map_err(|err| ImportError::BrokenCsv(err.to_string()))?;
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        // A record's position is where the reader began, before the blank lines it skipped.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) && start + 1 < text.len() {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start.max(counted_to)].iter().filter(|b| **b == b'\n').count();
        counted_to = start.max(counted_to);
        records.push((line, record.iter().map(clean).collect::<Vec<_>>()));
        if records.len() > MAX_ROWS + 1 {
            return Err(ImportError::TooManyRows);
        }
    }
    Ok(table_of(records))
}

/// The first record is the header; rows are padded to its width, empty rows dropped.
fn table_of(mut records: Vec<(usize, Vec<String>)>) -> Table {
    records.retain(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    if records.is_empty() {
        return Table::default();
    }
    let (_, headers) = records.remove(0);
    let width = records.iter().map(|(_, r)| r.len()).chain([headers.len()]).max().unwrap_or(0);
    let mut headers = headers;
    headers.resize(width, String::new());
    for (_, row) in &mut records {
        row.resize(width, String::new());
    }
    Table { headers, rows: records }
}

/// Reads the first sheet of an XLSX file; dates become `YYYY-MM-DD`.
pub fn read_spreadsheet(bytes: &[u8]) -> Result<Table, ImportError> {
    let records = xlsx::read(bytes, MAX_ROWS + 1).map_err(|why| match why.as_str() {
        "слишком много строк" => ImportError::TooManyRows,
        _ => ImportError::BrokenSpreadsheet(why),
    })?;
    Ok(table_of(records))
}

/// Reads a JSON array of objects; the keys, in order of first appearance, are the columns.
pub fn read_json(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode(bytes)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|err| ImportError::BrokenJson(err.to_string()))?;
    let serde_json::Value::Array(items) = value else {
        return Err(ImportError::BrokenJson("в начале файла нет «[»".into()));
    };
    if items.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows);
    }
    let mut headers: Vec<String> = Vec::new();
    let mut objects = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let serde_json::Value::Object(object) = item else {
            return Err(ImportError::BrokenJson(format!("запись {} — не объект", i + 1)));
        };
        for key in object.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
        objects.push(object);
    }
    let rows = objects
        .into_iter()
        .enumerate()
        .map(|(i, object)| {
            let cells = headers
                .iter()
                .map(|key| match object.get(key) {
                    None | Some(serde_json::Value::Null) => String::new(),
                    Some(serde_json::Value::String(text)) => clean(text),
                    Some(serde_json::Value::Array(parts)) => {
                        clean(&parts.iter().map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_string)).collect::<Vec<_>>().join("\n\n"))
                    }
                    Some(other) => other.to_string(),
                })
                .collect();
            (i + 1, cells)
        })
        .collect();
    Ok(Table { headers, rows })
}

/// Which column fills what: the external id and each field of the collection
/// (in [`Collection::fields`] order); `None` leaves it empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub id: Option<usize>,
    pub fields: Vec<Option<usize>>,
}

fn normal(header: &str) -> String {
    header.to_lowercase().replace('ё', "е").chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Other names a column of a field often has in office spreadsheets.
fn synonyms(field: &str) -> &'static [&'static str] {
    match field {
        "name" => &["фамилияимяотчество", "сотрудник", "фио"],
        "email" => &["email", "почта", "эпочта", "электроннаяпочта", "емейл"],
        "phone" => &["тел", "телефон", "телефоны", "номертелефона"],
        "department" => &["отдел", "структурноеподразделение", "управление"],
        "position" => &["должность"],
        "title" => &["заголовок", "название", "наименование", "должность"],
        "date" => &["дата"],
        _ => &[],
    }
}

const ID_NAMES: &[&str] = &["id", "код", "идентификатор", "externalid", "внешнийкод", "номерзаписи"];

impl Mapping {
    /// Guesses the columns from their headers: field names, Russian and English labels and
    /// common synonyms; each column is used once.
    pub fn guess(collection: Collection, headers: &[String]) -> Mapping {
        let normal_headers: Vec<String> = headers.iter().map(|h| normal(h)).collect();
        let mut used = vec![false; headers.len()];
        let mut find = |names: &[String]| {
            let found = normal_headers.iter().enumerate().find(|(i, h)| !used[*i] && !h.is_empty() && names.contains(h)).map(|(i, _)| i);
            if let Some(i) = found {
                used[i] = true;
            }
            found
        };
        let id = find(&ID_NAMES.iter().map(|n| n.to_string()).collect::<Vec<_>>());
        let mut fields = vec![None; collection.fields().len()];
        // Exact labels first, synonyms after, so «Должность» goes to the position, not the title.
        for pass in 0..2 {
            for (slot, field) in fields.iter_mut().zip(collection.fields()) {
                if slot.is_some() {
                    continue;
                }
                let names: Vec<String> = if pass == 0 {
                    vec![normal(field.name), normal(field.label_ru), normal(field.label_en)]
                } else {
                    synonyms(field.name).iter().map(|s| s.to_string()).collect()
                };
                *slot = find(&names);
            }
        }
        Mapping { id, fields }
    }
}

/// A row that became an item, with its row number in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedItem {
    pub row: usize,
    /// The item's JSON as the server stores it (its id set if the file gave one).
    pub item: serde_json::Value,
}

/// A row that cannot be imported, and why (in the interface language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    pub row: usize,
    pub reasons: Vec<String>,
}

/// What an import would do: the items to send and the rows left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DryRun {
    pub items: Vec<PlannedItem>,
    pub bad: Vec<BadRow>,
}

/// The item id for an external id: itself if it is a valid id, else a stable one made from
/// it, so importing the same file again updates the same items.
pub fn item_id(collection: Collection, external: &str) -> String {
    if is_id(external) {
        return external.to_string();
    }
    // FNV-1a: stable across runs and machines, unlike the standard hasher.
    let hash = external.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{}-{hash:016x}", collection.as_str())
}

/// `ДД.ММ.ГГГГ` (and `Д.М.ГГГГ`) as `YYYY-MM-DD`; other text unchanged.
fn iso_date(text: &str) -> String {
    let parts: Vec<&str> = text.split(['.', '/']).collect();
    if let [d, m, y] = parts[..] {
        if y.len() == 4 && (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) && [d, m, y].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return format!("{y}-{m:0>2}-{d:0>2}");
        }
    }
    text.to_string()
}

fn status(text: &str) -> Option<&'static str> {
    match normal(text).as_str() {
        "" | "действует" | "inforce" | "действующий" => Some("in_force"),
        "утратилсилу" | "void" | "недействует" => Some("void"),
        "проект" | "draft" => Some("draft"),
        _ => None,
    }
}

fn cell_value(collection: Collection, field: &ItemField, text: &str, lang: Lang) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    let wrong = |ru: &str, en: &str| format!("{}: {}", field.label(lang), if lang == Lang::Ru { ru } else { en });
    Ok(match field.kind {
        ItemFieldKind::Date => Value::String(iso_date(text)),
        ItemFieldKind::Number if text.is_empty() => Value::from(0u64),
        ItemFieldKind::Number => {
            let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            Value::from(digits.parse::<u64>().map_err(|_| wrong("нужно целое число", "a whole number is needed"))?)
        }
        ItemFieldKind::DocumentStatus => Value::String(
            status(text).ok_or_else(|| wrong("нужно «действует», «утратил силу» или «проект»", "«in force», «void» or «draft» is needed"))?.into(),
        ),
        ItemFieldKind::Text if collection == Collection::News => {
            Value::Array(text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| Value::String(p.into())).collect())
        }
        _ => Value::String(text.to_string()),
    })
}

fn cell(row: &[String], column: Option<usize>) -> &str {
    column.and_then(|c| row.get(c)).map_or("", String::as_str)
}

/// Turns rows into checked items: every bad row is listed with all its reasons, and a row
/// repeating an earlier row's id is bad too.
pub fn plan(table: &Table, mapping: &Mapping, collection: Collection, lang: Lang) -> DryRun {
    let mut run = DryRun::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, row) in &table.rows {
        let mut reasons = Vec::new();
        let mut object = serde_json::Map::new();
        let external = cell(row, mapping.id);
        if !external.is_empty() {
            let id = item_id(collection, external);
            match seen.get(&id) {
                Some(first) => reasons.push(match lang {
                    Lang::Ru => format!("код «{external}» уже встречался в строке {first}"),
                    Lang::En => format!("id «{external}» already used in row {first}"),
                }),
                None => {
                    seen.insert(id.clone(), *number);
                }
            }
            object.insert("id".into(), serde_json::Value::String(id));
        }
        for (field, column) in collection.fields().iter().zip(&mapping.fields) {
            match cell_value(collection, field, cell(row, *column), lang) {
                Ok(value) => {
                    object.insert(field.name.into(), value);
                }
                Err(reason) => reasons.push(reason),
            }
        }
        let json = serde_json::Value::Object(object).to_string();
        match collection.check_item(&json) {
            Ok(checked) if reasons.is_empty() => {
                let item = serde_json::from_str(&checked.json).unwrap_or_default();
                run.items.push(PlannedItem { row: *number, item });
            }
            Ok(_) => {}
            Err(ItemError::Invalid(problems)) => reasons.extend(problems.iter().map(|p| reason(collection, &p.path, &p.message(lang), lang))),
            Err(ItemError::Parse(err)) => reasons.push(reason(collection, &err.path, &err.reason, lang)),
        }
        if !reasons.is_empty() {
            run.bad.push(BadRow { row: *number, reasons });
        }
    }
    run
}

fn reason(collection: Collection, path: &str, message: &str, lang: Lang) -> String {
    let label = match collection.fields().iter().find(|f| f.name == path) {
        Some(field) => field.label(lang),
        None if path == "id" => if lang == Lang::Ru { "Код" } else { "Id" },
        None => path,
    };
    format!("{label}: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff_csv() -> &'static str {
        "\u{feff}Код;ФИО;Должность;Телефон;E-mail\n\
         1;Иванов Иван Иванович;Министр;+7 (4912) 51-00-00;ivanov@ryazan.gov.ru\n\
         2;\"Петрова; Анна\";\"Заместитель \"\"министра\"\"\";51-00-01;не почта\n\
         \n\
         3;;Секретарь;51-00-02;\n"
    }

    #[test]
    fn csv_with_bom_semicolons_and_quotes() {
        let table = read_file("staff.csv", staff_csv().as_bytes()).unwrap();
        assert_eq!(table.headers, ["Код", "ФИО", "Должность", "Телефон", "E-mail"]);
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[1].1[1], "Петрова; Анна");
        assert_eq!(table.rows[1].1[2], "Заместитель \"министра\"");
        assert_eq!(table.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 3, 5]);
        let commas = read_csv(b"name,position\n\"A, B\",C\n").unwrap();
        assert_eq!(commas.rows[0].1, ["A, B", "C"]);
    }

    #[test]
    fn windows_1251_and_utf16_are_read_binary_is_refused() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("ФИО;Должность\nЁлкина Ёлка;Министр\n");
        let table = read_file("a.csv", &bytes).unwrap();
        assert_eq!(table.rows[0].1, ["Ёлкина Ёлка", "Министр"]);
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "ФИО\tДолжность\nА\tБ\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(read_file("a.txt", &utf16).unwrap().rows[0].1, ["А", "Б"]);
        assert_eq!(read_file("a.csv", &[0x00, 0x01, 0xff, 0xfe, 0x80]), Err(ImportError::Encoding));
    }

    #[test]
    fn empty_unknown_too_big_and_too_many() {
        assert_eq!(read_file("a.csv", b""), Err(ImportError::Empty));
        assert_eq!(read_file("a.csv", b"name;position\n\n;\n"), Err(ImportError::Empty));
        assert_eq!(read_file("a.json", b"[]"), Err(ImportError::Empty));
        assert_eq!(read_file("a.docx", b"x"), Err(ImportError::UnknownFormat));
        assert_eq!(read_file("a.csv", &vec![b'a'; MAX_FILE_BYTES + 1]), Err(ImportError::TooBig));
        let many = format!("name\n{}", "x\n".repeat(MAX_ROWS + 1));
        assert_eq!(read_file("a.csv", many.as_bytes()), Err(ImportError::TooManyRows));
        for error in [ImportError::TooBig, ImportError::Empty, ImportError::Encoding, ImportError::BrokenSpreadsheet("x".into())] {
            assert!(!error.message(Lang::Ru).is_empty() && !error.message(Lang::En).chars().any(|c| ('а'..='я').contains(&c)));
        }
    }

    #[test]
    fn broken_spreadsheets_and_json_get_clear_errors() {
        assert!(matches!(read_file("a.xlsx", b"PK\x03\x04 not really a zip"), Err(ImportError::BrokenSpreadsheet(_))));
        assert!(matches!(read_file("a.xlsx", b"hello"), Err(ImportError::BrokenSpreadsheet(_))));
        let broken = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/broken.xlsx")).unwrap();
        assert!(matches!(read_file("broken.xlsx", &broken), Err(ImportError::BrokenSpreadsheet(_))));
        assert_eq!(read_file("a.xls", b"x"), Err(ImportError::UnknownFormat));
        assert!(matches!(read_file("a.json", b"{\"a\":1}"), Err(ImportError::BrokenJson(_))));
        assert!(matches!(read_file("a.json", b"[1,2]"), Err(ImportError::BrokenJson(_))));
        assert!(matches!(read_file("a.json", b"[{\"a\":"), Err(ImportError::BrokenJson(_))));
        assert!(read_file("a.xlsx", b"hello").unwrap_err().message(Lang::Ru).contains("повреждён"));
    }

    #[test]
    fn xlsx_fixture_reads_with_dates() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/staff.xlsx")).unwrap();
        let table = read_file("staff.xlsx", &bytes).unwrap();
        assert_eq!(table.headers[..3], ["Код", "ФИО", "Должность"]);
        assert_eq!(table.rows[0].1[..3], ["x-1", "Сидоров Сидор Сидорович", "Начальник отдела «Связь & ИТ»"]);
        assert_eq!(table.rows[0].1[4], "sidorov@ryazan.gov.ru");
        assert_eq!(table.rows[0].1[5], "2026-03-01");
        assert_eq!(table.rows[0].1[3], "84912510010");
    }

    #[test]
    fn json_arrays_of_objects() {
        let table = read_file("a.json", r#"[{"title":"А","date":"2026-01-02","body":["п1","п2"]},{"title":"Б","extra":5,"date":null}]"#.as_bytes()).unwrap();
        assert_eq!(table.headers, ["title", "date", "body", "extra"]);
        assert_eq!(table.rows[0].1, ["А", "2026-01-02", "п1\n\nп2", ""]);
        assert_eq!(table.rows[1].1, ["Б", "", "", "5"]);
        let run = plan(&table, &Mapping::guess(Collection::News, &table.headers), Collection::News, Lang::Ru);
        assert_eq!(run.bad.len(), 2, "{run:?}");
        assert!(run.bad.iter().all(|b| b.reasons.iter().any(|r| r.starts_with("Кратко:"))));
    }

    #[test]
    fn guessing_maps_russian_and_english_headers() {
        let headers: Vec<String> = ["Код", "ФИО", "Должность", "Телефон", "E-mail"].map(String::from).to_vec();
        let mapping = Mapping::guess(Collection::Staff, &headers);
        assert_eq!(mapping, Mapping { id: Some(0), fields: vec![Some(1), Some(2), None, Some(3), Some(4)] });
        let english: Vec<String> = ["id", "Title", "Kind", "number", "Date signed", "status"].map(String::from).to_vec();
        let mapping = Mapping::guess(Collection::Documents, &english);
        assert_eq!(mapping, Mapping { id: Some(0), fields: vec![Some(1), Some(2), Some(3), Some(4), Some(5), None, None] });
        let vacancy = Mapping::guess(Collection::Vacancies, &["Должность".to_string()]);
        assert_eq!(vacancy.fields[0], Some(0));
    }

    #[test]
    fn plan_lists_every_bad_row_with_reasons_and_keeps_ids_stable() {
        let table = read_csv(staff_csv().as_bytes()).unwrap();
        let run = plan(&table, &Mapping::guess(Collection::Staff, &table.headers), Collection::Staff, Lang::Ru);
        assert_eq!(run.items.len(), 1);
        assert_eq!(run.items[0].item["id"], "1");
        assert_eq!(run.items[0].item["name"], "Иванов Иван Иванович");
        assert_eq!(run.bad, [
            BadRow { row: 3, reasons: vec!["Электронная почта: адрес электронной почты вида имя@домен.ru".into()] },
            BadRow { row: 5, reasons: vec!["ФИО: обязательное поле не заполнено".into()] },
        ]);
        // Another external id becomes a stable item id; a repeated one is a bad row.
        let table = read_csv("Код,ФИО,Должность\nТН 15,А,Б\nТН 15,В,Г\n".as_bytes()).unwrap();
        let run = plan(&table, &Mapping::guess(Collection::Staff, &table.headers), Collection::Staff, Lang::Ru);
        assert_eq!(run.items[0].item["id"], item_id(Collection::Staff, "ТН 15"));
        assert!(item_id(Collection::Staff, "ТН 15").starts_with("staff-"));
        assert_eq!(run.bad[0].reasons, ["код «ТН 15» уже встречался в строке 2"]);
    }

    #[test]
    fn documents_convert_dates_statuses_and_sizes() {
        let table = read_csv("Название;Вид документа;Номер;Дата подписания;Статус;Размер файла, байт\nО бюджете;Закон;1-ОЗ;1.2.2026;Утратил силу;1 024\nО налогах;Закон;2;31.02.2026;отменён;много\n".as_bytes()).unwrap();
        let run = plan(&table, &Mapping::guess(Collection::Documents, &table.headers), Collection::Documents, Lang::Ru);
        assert_eq!(run.items[0].item["date"], "2026-02-01");
        assert_eq!(run.items[0].item["status"], "void");
        assert_eq!(run.items[0].item["file_size"], 1024);
        assert_eq!(run.bad[0].reasons.len(), 3, "{:?}", run.bad);
        assert!(run.bad[0].reasons[0].starts_with("Статус:") && run.bad[0].reasons[1].starts_with("Размер файла"));
    }

    #[test]
    fn hostile_strings_stay_text_and_are_checked() {
        let table = read_csv("ФИО;Должность;E-mail\n\"<script>alert(1)</script>\u{0}\u{7}\";=HYPERLINK(\"x\");\n".as_bytes()).unwrap();
        let run = plan(&table, &Mapping::guess(Collection::Staff, &table.headers), Collection::Staff, Lang::Ru);
        assert_eq!(run.items[0].item["name"], "<script>alert(1)</script>");
        let long = format!("ФИО;Должность\n{};Б\n", "я".repeat(10_000));
        let table = read_csv(long.as_bytes()).unwrap();
        let run = plan(&table, &Mapping::guess(Collection::Staff, &table.headers), Collection::Staff, Lang::Ru);
        assert!(run.bad[0].reasons[0].starts_with("ФИО:"), "{:?}", run.bad);
        let table = read_csv("Файл;Название;Вид документа;Номер;Дата подписания\njavascript:alert(1);А;Б;1;2026-01-01\n".as_bytes()).unwrap();
        let run = plan(&table, &Mapping::guess(Collection::Documents, &table.headers), Collection::Documents, Lang::Ru);
        assert!(run.bad[0].reasons[0].starts_with("Файл:"), "{:?}", run.bad);
    }
}
