//! The first sheet of an XLSX file as text cells: the archive read by [`crate::zip`] and a
//! scanner for the few XML parts a sheet needs. Written here instead of a spreadsheet library so the
//! constructor's wasm does not carry every code page of every legacy format.

use std::collections::HashMap;

use crate::zip::{entries, Entry};

/// Largest unpacked part read: a sheet of 5,000 rows is far smaller.
const MAX_PART: usize = 64 * 1024 * 1024;

fn part(entries: &HashMap<String, Entry<'_>>, name: &str) -> Result<Option<String>, String> {
    let Some(entry) = entries.get(name) else { return Ok(None) };
    let raw = entry.unpack(MAX_PART).map_err(|_| format!("часть {name} повреждена"))?;
    String::from_utf8(raw).map(Some).map_err(|_| format!("часть {name} не в UTF-8"))
}

/// One XML tag or run of text.
enum Token<'a> {
    Open { name: &'a str, attrs: &'a str, empty: bool },
    Close(&'a str),
    Text(&'a str),
}

/// Tags and text in order; declarations, comments and processing instructions are skipped.
fn tokens(xml: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = xml;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            let (text, after) = rest.split_at(end);
            rest = after;
            return Some(Token::Text(text));
        }
        let end = rest.find('>')?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            return Some(Token::Close(local(name.trim())));
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let (name, attrs) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        return Some(Token::Open { name: local(name), attrs, empty });
    })
}

/// `x:row` → `row`.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, n)| n)
}

/// An attribute's value, unescaped (`r`, `t`, `s`, `r:id`).
fn attr(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        let value_end = after[1..].find(quote)? + 1;
        if name == wanted {
            return Some(unescape(&after[1..value_end]));
        }
        rest = &after[value_end + 1..];
    }
    None
}

/// XML character references and the five named entities.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let ch = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(ch) => {
                out.push(ch);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shared strings: each `<si>` with the text of its `<t>`s (phonetic runs left out).
fn shared_strings(xml: &str) -> Vec<String> {
    let (mut strings, mut current, mut in_t, mut in_phonetic) = (Vec::new(), String::new(), false, false);
    for token in tokens(xml) {
        match token {
            Token::Open { name: "si", empty, .. } => {
                current.clear();
                if empty {
                    strings.push(String::new());
                }
            }
            Token::Open { name: "rPh", empty: false, .. } => in_phonetic = true,
            Token::Close("rPh") => in_phonetic = false,
            Token::Open { name: "t", empty: false, .. } => in_t = true,
            Token::Close("t") => in_t = false,
            Token::Text(text) if in_t && !in_phonetic => current.push_str(&unescape(text)),
            Token::Close("si") => strings.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    strings
}

/// Which cell styles (`s`) show a date: built-in formats 14–22 and 45–47, and custom formats
/// with day, month or year letters outside quotes and brackets.
fn date_styles(xml: &str) -> Vec<bool> {
    let mut custom: HashMap<String, bool> = HashMap::new();
    let mut styles = Vec::new();
    let mut in_xfs = false;
    for token in tokens(xml) {
        match token {
            Token::Open { name: "numFmt", attrs, .. } => {
                if let (Some(id), Some(code)) = (attr(attrs, "numFmtId"), attr(attrs, "formatCode")) {
                    custom.insert(id, looks_like_date(&code));
                }
            }
            Token::Open { name: "cellXfs", empty: false, .. } => in_xfs = true,
            Token::Close("cellXfs") => in_xfs = false,
            Token::Open { name: "xf", attrs, .. } if in_xfs => {
                let id = attr(attrs, "numFmtId").unwrap_or_default();
                let builtin = id.parse::<u32>().is_ok_and(|n| (14..=22).contains(&n) || (45..=47).contains(&n));
                styles.push(builtin || custom.get(&id).copied().unwrap_or(false));
            }
            _ => {}
        }
    }
    styles
}

fn looks_like_date(code: &str) -> bool {
    let (mut quoted, mut bracket) = (false, false);
    code.chars().any(|c| {
        match c {
            '"' => quoted = !quoted,
            '[' => bracket = true,
            ']' => bracket = false,
            _ => {}
        }
        !quoted && !bracket && matches!(c.to_ascii_lowercase(), 'd' | 'y' | 'm')
    })
}

/// Excel's day number (1900 system) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Day 60 is the 29 February 1900 that never was; days after it are one too many.
    let days = serial.floor() as i64 - if serial >= 61.0 { 1 } else { 0 };
    // Days since 1970-01-01 (1899-12-31 is day -25,568), then the civil date.
    Some(crate::appeals::from_days(days - 25_568))
}

/// Column letters of a cell reference (`AB12` → 27), zero-based.
fn column(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference.bytes().take_while(u8::is_ascii_alphabetic).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(letters.iter().fold(0usize, |n, b| n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1) - 1)
}

/// The path of the workbook's first sheet.
fn first_sheet(entries: &HashMap<String, Entry<'_>>) -> Result<String, String> {
    let workbook = part(entries, "xl/workbook.xml")?.ok_or("в файле нет книги Excel (xl/workbook.xml)")?;
    let id = tokens(&workbook).find_map(|t| match t {
        Token::Open { name: "sheet", attrs, .. } => attr(attrs, "r:id"),
        _ => None,
    });
    let rels = part(entries, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let target = id.and_then(|id| {
        tokens(&rels).find_map(|t| match t {
            Token::Open { name: "Relationship", attrs, .. } if attr(attrs, "Id").as_deref() == Some(id.as_str()) => attr(attrs, "Target"),
            _ => None,
        })
    });
    Ok(match target {
        Some(target) if target.starts_with('/') => target.trim_start_matches('/').to_string(),
        Some(target) => format!("xl/{target}"),
        None => "xl/worksheets/sheet1.xml".into(),
    })
}

/// Rows of the first sheet: (row number, cells), numbers as written, dates as `YYYY-MM-DD`.
pub fn read(data: &[u8], max_rows: usize) -> Result<Vec<(usize, Vec<String>)>, String> {
    let entries = entries(data).map_err(|err| err.to_string())?;
    let sheet_path = first_sheet(&entries)?;
    let sheet = part(&entries, &sheet_path)?.ok_or("в книге нет листа")?;
    let strings = part(&entries, "xl/sharedStrings.xml")?.map(|xml| shared_strings(&xml)).unwrap_or_default();
    let dates = part(&entries, "xl/styles.xml")?.map(|xml| date_styles(&xml)).unwrap_or_default();

    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    // The cell being read: column, type, style; and its value so far.
    let mut cell: Option<(usize, String, usize)> = None;
    let (mut value, mut in_value) = (String::new(), false);
    for token in tokens(&sheet) {
        match token {
            Token::Open { name: "row", attrs, .. } => {
                let number = attr(attrs, "r").and_then(|r| r.parse().ok()).unwrap_or(rows.last().map_or(1, |(n, _)| n + 1));
                rows.push((number, Vec::new()));
                if rows.len() > max_rows {
                    return Err("слишком много строк".into());
                }
            }
            Token::Open { name: "c", attrs, empty } => {
                let row_cells = rows.last().map_or(0, |(_, cells)| cells.len());
                let col = attr(attrs, "r").and_then(|r| column(&r)).unwrap_or(row_cells);
                let kind = attr(attrs, "t").unwrap_or_default();
                let style = attr(attrs, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                value.clear();
                cell = (!empty).then_some((col, kind, style));
            }
            Token::Open { name: "v" | "t", empty: false, .. } if cell.is_some() => in_value = true,
            Token::Close("v" | "t") => in_value = false,
            Token::Text(text) if in_value => value.push_str(&unescape(text)),
            Token::Close("c") => {
                let Some((col, kind, style)) = cell.take() else { continue };
                let text = match kind.as_str() {
                    "s" => value.trim().parse::<usize>().ok().and_then(|i| strings.get(i)).cloned().unwrap_or_default(),
                    "b" => if value.trim() == "1" { "да" } else { "нет" }.into(),
                    "e" => String::new(),
                    "inlineStr" | "str" => value.clone(),
                    _ => match value.trim().parse::<f64>() {
                        Ok(n) if dates.get(style).copied().unwrap_or(false) => excel_date(n).unwrap_or_else(|| value.clone()),
                        Ok(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
                        _ => value.trim().to_string(),
                    },
                };
                if let Some((_, cells)) = rows.last_mut() {
                    if col >= cells.len() {
                        cells.resize(col + 1, String::new());
                    }
                    cells[col] = text;
                }
            }
            _ => {}
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_days_become_dates() {
        assert_eq!(excel_date(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(excel_date(59.0).as_deref(), Some("1900-02-28"));
        assert_eq!(excel_date(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(excel_date(46082.0).as_deref(), Some("2026-03-01"));
        assert_eq!(excel_date(45351.75).as_deref(), Some("2024-02-29"));
        assert_eq!(excel_date(-3.0), None);
    }

    #[test]
    fn pieces() {
        assert_eq!(column("A1"), Some(0));
        assert_eq!(column("AB12"), Some(27));
        assert_eq!(unescape("&lt;b&gt; &amp;amp; &#1071;&#x44f; & x"), "<b> &amp; Яя & x");
        assert_eq!(attr(r#"r="A1" t='s' s="3""#, "t").as_deref(), Some("s"));
        assert!(looks_like_date("dd/mm/yyyy") && !looks_like_date("0.00") && !looks_like_date("[Red]0;\"d\"0"));
        assert_eq!(shared_strings("<sst><si><t>А</t></si><si><r><t>Б</t></r><r><t xml:space=\"preserve\"> В</t></r><rPh><t>x</t></rPh></si><si/></sst>"), ["А", "Б В", ""]);
    }
}
