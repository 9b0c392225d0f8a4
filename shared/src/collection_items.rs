//! The collections editors fill in forms and tables (news, documents, staff…): which exist,
//! their fields for the constructor's forms, and the server-side check of one item.
//! Items are the types of [`crate::collections`]; polls are kept as [`PollItem`] (their votes
//! come from visitors); appeal figures are not edited here (they come from appeals).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::collections::{Announcement, DocumentItem, NewsItem, PhoneEntry, PollItem, ReceptionSlot, StaffMember, Vacancy};
use crate::document::ParseError;
use crate::validate::{is_id, is_image_url, is_link, Problem, ProblemKind, MAX_LINE, MAX_TEXT};
use crate::Lang;

/// Most items one collection of one site may hold.
pub const MAX_ITEMS: usize = 5_000;
/// Most items one bulk import request adds or updates (all of them or none).
pub const IMPORT_BATCH: usize = 500;

/// A collection editors maintain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Collection {
    /// Новости.
    News,
    /// Анонсы и объявления.
    Announcements,
    /// Документы.
    Documents,
    /// Сотрудники.
    Staff,
    /// Телефонный справочник.
    Phones,
    /// График приёма граждан.
    Reception,
    /// Вакансии.
    Vacancies,
    /// Голосования.
    Polls,
}

/// How a field is edited and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemFieldKind {
    /// One line of text.
    Line,
    /// Several paragraphs.
    Text,
    /// `YYYY-MM-DD`.
    Date,
    /// A link (relative, https, mailto, tel).
    Link,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// One of the document statuses.
    DocumentStatus,
    /// A whole number (bytes).
    Number,
    /// A list of lines, one entry per line (a poll's answers): [`MIN_LINES`]..=[`MAX_LINES`].
    Lines,
    /// Yes or no (a checkbox).
    Flag,
    /// When a poll's results are shown (during or after the voting).
    PollResults,
}

/// Fewest entries of a [`ItemFieldKind::Lines`] field.
pub const MIN_LINES: usize = 2;
/// Most entries of a [`ItemFieldKind::Lines`] field.
pub const MAX_LINES: usize = 20;

/// A field of an item, for forms and table columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemField {
    /// JSON name.
    pub name: &'static str,
    /// Label in Russian.
    pub label_ru: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// Editor and check.
    pub kind: ItemFieldKind,
    /// Must not be empty.
    pub required: bool,
}

impl ItemField {
    /// The field's label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.label_ru,
            Lang::En => self.label_en,
        }
    }
}

const fn field(name: &'static str, label_ru: &'static str, label_en: &'static str, kind: ItemFieldKind, required: bool) -> ItemField {
    ItemField { name, label_ru, label_en, kind, required }
}

use ItemFieldKind as K;

const NEWS: &[ItemField] = &[
    field("title", "Заголовок", "Headline", K::Line, true),
    field("date", "Дата", "Date", K::Date, true),
    field("summary", "Кратко", "Summary", K::Line, true),
    field("body", "Текст", "Text", K::Text, false),
];
const ANNOUNCEMENTS: &[ItemField] = &[
    field("title", "Заголовок", "Title", K::Line, true),
    field("date", "Дата", "Date", K::Date, true),
    field("text", "Текст", "Text", K::Text, false),
];
const DOCUMENTS: &[ItemField] = &[
    field("title", "Название", "Title", K::Line, true),
    field("kind", "Вид документа", "Kind", K::Line, true),
    field("number", "Номер", "Number", K::Line, true),
    field("date", "Дата подписания", "Date signed", K::Date, true),
    field("status", "Статус", "Status", K::DocumentStatus, true),
    field("file_url", "Файл", "File", K::Link, false),
    field("file_size", "Размер файла, байт", "File size, bytes", K::Number, false),
];
const STAFF: &[ItemField] = &[
    field("name", "ФИО", "Full name", K::Line, true),
    field("position", "Должность", "Position", K::Line, true),
    field("department", "Подразделение", "Department", K::Line, false),
    field("phone", "Телефон", "Phone", K::Phone, false),
    field("email", "Электронная почта", "E-mail", K::Email, false),
];
const PHONES: &[ItemField] = &[
    field("department", "Подразделение", "Department", K::Line, true),
    field("name", "ФИО", "Full name", K::Line, false),
    field("position", "Должность", "Position", K::Line, false),
    field("phone", "Телефон", "Phone", K::Phone, true),
];
const RECEPTION: &[ItemField] = &[
    field("official", "Кто ведёт приём", "Official", K::Line, true),
    field("position", "Должность", "Position", K::Line, false),
    field("days", "Дни приёма", "Days", K::Line, true),
    field("hours", "Часы приёма", "Hours", K::Line, true),
    field("place", "Место", "Place", K::Line, false),
    field("booking", "Как записаться", "How to book", K::Line, false),
];
const VACANCIES: &[ItemField] = &[
    field("title", "Должность", "Position", K::Line, true),
    field("department", "Подразделение", "Department", K::Line, false),
    field("salary", "Зарплата", "Salary", K::Line, false),
    field("requirements", "Требования", "Requirements", K::Text, false),
    field("contact", "Контакт", "Contact", K::Line, false),
];
const POLLS: &[ItemField] = &[
    field("question", "Вопрос", "Question", K::Line, true),
    field("options", "Ответы, каждый на отдельной строке", "Answers, one per line", K::Lines, true),
    field("multiple", "Можно выбрать несколько ответов", "Several answers may be chosen", K::Flag, false),
    field("opens", "Дата начала", "Opens", K::Date, false),
    field("closes", "Дата окончания", "Closes", K::Date, false),
    field("results", "Результаты показывать", "Show results", K::PollResults, false),
    field("login_required", "Только для сотрудников, вошедших в систему", "Only staff signed in may vote", K::Flag, false),
    field("closed", "Закрыть досрочно", "Closed early", K::Flag, false),
];

impl Collection {
    /// Every collection, in the order the constructor lists them.
    pub const ALL: [Collection; 8] = [
        Collection::News,
        Collection::Announcements,
        Collection::Documents,
        Collection::Staff,
        Collection::Phones,
        Collection::Reception,
        Collection::Vacancies,
        Collection::Polls,
    ];

    /// The name in addresses and in [`crate::RenderData`].
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::News => "news",
            Collection::Announcements => "announcements",
            Collection::Documents => "documents",
            Collection::Staff => "staff",
            Collection::Phones => "phones",
            Collection::Reception => "reception",
            Collection::Vacancies => "vacancies",
            Collection::Polls => "polls",
        }
    }

    /// Reads a name from an address.
    pub fn parse(name: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The collection's title for people.
    pub fn title(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            Collection::News => ("Новости", "News"),
            Collection::Announcements => ("Анонсы и объявления", "Announcements"),
            Collection::Documents => ("Документы", "Documents"),
            Collection::Staff => ("Сотрудники", "Staff"),
            Collection::Phones => ("Телефонный справочник", "Phone directory"),
            Collection::Reception => ("График приёма граждан", "Reception schedule"),
            Collection::Vacancies => ("Вакансии", "Vacancies"),
            Collection::Polls => ("Голосования", "Polls"),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }

    /// The fields of one item, in form order.
    pub fn fields(self) -> &'static [ItemField] {
        match self {
            Collection::News => NEWS,
            Collection::Announcements => ANNOUNCEMENTS,
            Collection::Documents => DOCUMENTS,
            Collection::Staff => STAFF,
            Collection::Phones => PHONES,
            Collection::Reception => RECEPTION,
            Collection::Vacancies => VACANCIES,
            Collection::Polls => POLLS,
        }
    }

    /// Dated collections are shown newest first; the others in the order editors set.
    pub fn newest_first(self) -> bool {
        matches!(self, Collection::News | Collection::Announcements | Collection::Documents)
    }

    /// Reads and checks one item from JSON: the item in its stored (normalised) JSON with
    /// its id, or every problem with its path. An empty id is left for the server to fill.
    pub fn check_item(self, json: &str) -> Result<CheckedItem, ItemError> {
        match self {
            Collection::News => checked::<NewsItem>(self, json, |i| &i.id),
            Collection::Announcements => checked::<Announcement>(self, json, |i| &i.id),
            Collection::Documents => checked::<DocumentItem>(self, json, |i| &i.id),
            Collection::Staff => checked::<StaffMember>(self, json, |i| &i.id),
            Collection::Phones => checked::<PhoneEntry>(self, json, |i| &i.id),
            Collection::Reception => checked::<ReceptionSlot>(self, json, |i| &i.id),
            Collection::Vacancies => checked::<Vacancy>(self, json, |i| &i.id),
            Collection::Polls => checked::<PollItem>(self, json, |i| &i.id),
        }
    }
}

/// An item that passed the checks.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedItem {
    /// Its id (empty if the caller gave none).
    pub id: String,
    /// Its date, for sorting dated collections.
    pub date: String,
    /// The item as stored: every known field, nothing else.
    pub json: String,
}

/// Why an item was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemError {
    /// Not the JSON of such an item.
    Parse(ParseError),
    /// Well-formed, but breaks rules.
    Invalid(Vec<Problem>),
}

fn checked<T: DeserializeOwned + Serialize>(collection: Collection, json: &str, id: fn(&T) -> &String) -> Result<CheckedItem, ItemError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let mut unknown = Vec::new();
    let item: T = serde_ignored::deserialize(&mut de, |path| unknown.push(path.to_string())).map_err(|err| {
        ItemError::Parse(ParseError { path: ".".into(), reason: err.to_string() })
    })?;
    if let Some(path) = unknown.first() {
        return Err(ItemError::Parse(ParseError { path: path.clone(), reason: "unknown field".into() }));
    }
    let value = serde_json::to_value(&item).map_err(|err| ItemError::Parse(ParseError { path: ".".into(), reason: err.to_string() }))?;
    let problems = item_problems(collection, &value);
    if !problems.is_empty() {
        return Err(ItemError::Invalid(problems));
    }
    let date = value.get("date").and_then(|d| d.as_str()).unwrap_or_default().to_string();
    Ok(CheckedItem { id: id(&item).clone(), date, json: value.to_string() })
}

fn item_problems(collection: Collection, value: &serde_json::Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |path: &str, kind| problems.push(Problem { path: path.to_string(), kind });
    if let Some(id) = value.get("id").and_then(|v| v.as_str()) {
        // `import` is the address of a collection's import, not of an item.
        if !id.is_empty() && (!is_id(id) || id == "import") {
            push("id", ProblemKind::BadId);
        }
    }
    for field in collection.fields() {
        if field.kind == K::Lines {
            lines_problems(field, value.get(field.name), &mut push);
            continue;
        }
        let text = match value.get(field.name) {
            Some(serde_json::Value::String(text)) => text.clone(),
            // Paragraph lists (news bodies) are checked paragraph by paragraph below.
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(|p| p.as_str()).collect::<Vec<_>>().join("\n\n"),
            _ => continue,
        };
        let empty = text.trim().is_empty();
        if empty {
            if field.required {
                push(field.name, ProblemKind::Required);
            }
            continue;
        }
        let max = if field.kind == K::Text { MAX_TEXT } else { MAX_LINE };
        if text.chars().count() > max {
            push(field.name, ProblemKind::TooLong { max });
        }
        let ok = match field.kind {
            K::Date => is_date(&text),
            K::Link => is_link(&text),
            K::Phone => is_phone(&text),
            K::Email => is_email(&text),
            K::Line | K::Text | K::DocumentStatus | K::Number | K::Lines | K::Flag | K::PollResults => true,
        };
        if !ok {
            let kind = match field.kind {
                K::Date => ProblemKind::BadDate,
                K::Link => ProblemKind::BadLink,
                K::Phone => ProblemKind::BadPhone,
                _ => ProblemKind::BadEmail,
            };
            push(field.name, kind);
        }
    }
    // A period (a poll's): the end may not come before the start.
    if let (Some(opens), Some(closes)) = (value.get("opens").and_then(|v| v.as_str()), value.get("closes").and_then(|v| v.as_str())) {
        if is_date(opens) && is_date(closes) && closes < opens {
            push("closes", ProblemKind::EndsBeforeStart);
        }
    }
    for (name, pair) in [("image", value.get("image")), ("photo", value.get("photo"))] {
        if let Some(serde_json::Value::Array(pair)) = pair {
            let (src, alt) = (pair.first().and_then(|v| v.as_str()).unwrap_or(""), pair.get(1).and_then(|v| v.as_str()).unwrap_or(""));
            if !is_image_url(src) {
                push(&format!("{name}[0]"), ProblemKind::BadImageUrl);
            }
            if alt.trim().is_empty() {
                push(&format!("{name}[1]"), ProblemKind::Required);
            }
        }
    }
    problems
}

/// A list of lines: [`MIN_LINES`]..=[`MAX_LINES`] entries, none empty, each one line.
fn lines_problems(field: &ItemField, value: Option<&serde_json::Value>, push: &mut impl FnMut(&str, ProblemKind)) {
    let lines: Vec<&str> = match value {
        Some(serde_json::Value::Array(items)) => items.iter().map(|v| v.as_str().unwrap_or_default()).collect(),
        _ => Vec::new(),
    };
    if !(MIN_LINES..=MAX_LINES).contains(&lines.len()) {
        push(field.name, ProblemKind::LineCount { min: MIN_LINES, max: MAX_LINES });
    }
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            push(&format!("{}[{i}]", field.name), ProblemKind::Required);
        } else if line.chars().count() > MAX_LINE || line.contains(['\n', '\r']) {
            push(&format!("{}[{i}]", field.name), ProblemKind::TooLong { max: MAX_LINE });
        }
    }
}

/// A real calendar date as `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text.get(range).filter(|s| s.bytes().all(|b| b.is_ascii_digit()))?.parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&year) && (1..=days).contains(&day)
}

/// Digits with the usual separators; at least five digits (internal extensions included).
pub fn is_phone(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    digits >= 5 && text.chars().all(|c| c.is_ascii_digit() || " +()-,.доб".contains(c))
}

/// `name@host.tld` without spaces: enough to catch typos; delivery proves the rest.
pub fn is_email(text: &str) -> bool {
    let Some((name, host)) = text.split_once('@') else { return false };
    !name.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_labelled_in_both_languages() {
        for field in Collection::ALL.into_iter().flat_map(Collection::fields) {
            assert!(!field.label(Lang::Ru).is_empty() && !field.label(Lang::En).is_empty(), "{}", field.name);
            assert_eq!((field.label(Lang::Ru), field.label(Lang::En)), (field.label_ru, field.label_en));
        }
    }

    #[test]
    fn every_collection_round_trips_its_name_and_renders_from_render_data() {
        for collection in Collection::ALL {
            assert_eq!(Collection::parse(collection.as_str()), Some(collection));
            assert!(!collection.fields().is_empty());
        }
        // The names are RenderData's fields, so stored items assemble into it directly.
        let data = serde_json::to_value(crate::RenderData::default()).unwrap();
        for collection in Collection::ALL {
            assert!(data.get(collection.as_str()).is_some(), "{}", collection.as_str());
        }
    }

    #[test]
    fn an_item_may_not_take_the_import_address_as_its_id() {
        let item = r#"{"id": "import", "name": "Иванов И. И.", "position": "Учитель"}"#;
        let Err(ItemError::Invalid(problems)) = Collection::Staff.check_item(item) else { panic!("accepted") };
        assert_eq!(problems, vec![Problem { path: "id".into(), kind: ProblemKind::BadId }]);
    }

    #[test]
    fn demo_items_pass() {
        let data = serde_json::to_value(crate::demo::ministry_data()).unwrap();
        // Demo polls are rendered polls (with counts); scripts/seed.mjs stores them as items.
        for collection in Collection::ALL.into_iter().filter(|c| *c != Collection::Polls) {
            for item in data[collection.as_str()].as_array().unwrap() {
                let checked = collection.check_item(&item.to_string());
                assert!(checked.is_ok(), "{} {item}: {checked:?}", collection.as_str());
            }
        }
    }

    #[test]
    fn bad_items_name_their_fields() {
        let err = Collection::Documents
            .check_item(r#"{"title":"","kind":"Приказ","number":"1","date":"2026-02-30","file_url":"javascript:alert(1)"}"#)
            .unwrap_err();
        let ItemError::Invalid(problems) = err else { panic!("{err:?}") };
        let paths: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.kind.clone())).collect();
        assert_eq!(paths, [("title", ProblemKind::Required), ("date", ProblemKind::BadDate), ("file_url", ProblemKind::BadLink)]);

        let unknown = Collection::Staff.check_item(r#"{"name":"А","position":"Б","salary":"1"}"#).unwrap_err();
        assert!(matches!(unknown, ItemError::Parse(ParseError { ref path, .. }) if path == "salary"), "{unknown:?}");
        let typed = Collection::News.check_item(r#"{"title":"А","date":"2026-01-01","summary":"Б","body":"не список"}"#);
        assert!(matches!(typed, Err(ItemError::Parse(_))));
        let phone = Collection::Phones.check_item(r#"{"department":"Приёмная","phone":"звоните"}"#).unwrap_err();
        assert_eq!(phone, ItemError::Invalid(vec![Problem { path: "phone".into(), kind: ProblemKind::BadPhone }]));
        let photo = Collection::Staff.check_item(r#"{"name":"А","position":"Б","photo":["/a.png",""]}"#).unwrap_err();
        assert_eq!(photo, ItemError::Invalid(vec![Problem { path: "photo[1]".into(), kind: ProblemKind::Required }]));
    }

    #[test]
    fn stored_json_keeps_known_fields_only_and_the_date() {
        let item = Collection::Announcements.check_item(r#"{"id":"a-1","title":"Приём","date":"2026-11-23"}"#).unwrap();
        assert_eq!(item.id, "a-1");
        assert_eq!(item.date, "2026-11-23");
        assert_eq!(item.json, r#"{"id":"a-1","title":"Приём","date":"2026-11-23","text":""}"#);
    }

    #[test]
    fn polls_have_two_to_twenty_answers_and_end_after_they_start() {
        let poll = |options: &str, opens: &str, closes: &str| {
            Collection::Polls.check_item(&format!(
                r#"{{"question":"Какой кружок открыть?","options":{options},"opens":"{opens}","closes":"{closes}","results":"after"}}"#
            ))
        };
        let item = poll(r#"["Шахматы","Театр"]"#, "2026-12-01", "2026-12-20").unwrap();
        assert_eq!(
            item.json,
            r#"{"id":"","question":"Какой кружок открыть?","options":["Шахматы","Театр"],"multiple":false,"opens":"2026-12-01","closes":"2026-12-20","results":"after","login_required":false,"closed":false}"#
        );
        assert!(poll(r#"["Шахматы","Театр"]"#, "", "").is_ok(), "dates are optional");
        assert!(poll(r#"["Шахматы","Театр"]"#, "2026-12-01", "2026-12-01").is_ok(), "a one-day poll");
        let problems = |result: Result<CheckedItem, ItemError>| match result {
            Err(ItemError::Invalid(problems)) => problems.into_iter().map(|p| (p.path, p.kind)).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let count = ProblemKind::LineCount { min: 2, max: 20 };
        assert_eq!(problems(poll(r#"["Шахматы"]"#, "", "")), [("options".into(), count.clone())]);
        assert_eq!(problems(poll(&serde_json::to_string(&vec!["Да"; 21]).unwrap(), "", "")), [("options".into(), count)]);
        assert_eq!(problems(poll(r#"["Шахматы"," "]"#, "", "")), [("options[1]".into(), ProblemKind::Required)]);
        let long = serde_json::to_string(&["Шахматы".to_string(), "я".repeat(MAX_LINE + 1)]).unwrap();
        assert_eq!(problems(poll(&long, "", "")), [("options[1]".into(), ProblemKind::TooLong { max: MAX_LINE })]);
        assert_eq!(problems(poll(r#"["Шахматы","Театр"]"#, "2026-12-20", "2026-12-01")), [("closes".into(), ProblemKind::EndsBeforeStart)]);
        assert_eq!(ProblemKind::EndsBeforeStart.message(Lang::Ru), "дата окончания раньше даты начала");
        assert_eq!(problems(poll(r#"["Шахматы","Театр"]"#, "2026-13-01", "")), [("opens".into(), ProblemKind::BadDate)]);
        assert!(matches!(Collection::Polls.check_item(r#"{"question":"?","options":["a","b"],"results":"never"}"#), Err(ItemError::Parse(_))));
    }

    #[test]
    fn dates_phones_emails() {
        assert!(is_date("2024-02-29") && !is_date("2025-02-29") && !is_date("2026-13-01") && !is_date("26-01-01"));
        assert!(!is_date("2026-1-011") && !is_date("２０２６-01-01"));
        assert!(is_phone("+7 (4912) 51-00-00") && is_phone("51-00-00 доб. 123") && !is_phone("1234") && !is_phone("<script>"));
        assert!(is_email("priemnaya@ryazan.gov.ru") && !is_email("priemnaya@ryazan") && !is_email("a b@c.ru"));
    }
}
