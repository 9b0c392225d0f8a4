//! The collection table's logic, pure so it is tested natively: which rows a filter keeps,
//! how a column sorts, and how an item's fields become form text and back.

use civic_shared::collection_items::{ItemField, ItemFieldKind};
use serde_json::Value;

/// The text a cell or a form field shows for one field of an item.
pub fn field_text(item: &Value, field: &ItemField) -> String {
    match item.get(field.name) {
        Some(Value::String(text)) => text.clone(),
        // A poll's answers: one per line.
        Some(Value::Array(lines)) if field.kind == ItemFieldKind::Lines => lines.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"),
        // News bodies are paragraph lists: one blank line between paragraphs in the form.
        Some(Value::Array(paragraphs)) => paragraphs.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n\n"),
        Some(Value::Number(number)) => number.to_string(),
        Some(Value::Bool(yes)) => yes.to_string(),
        _ => String::new(),
    }
}

/// Writes form text back into an item, in the field's JSON shape.
pub fn set_field(item: &mut Value, field: &ItemField, text: &str) {
    let value = match (field.name, field.kind) {
        ("body", ItemFieldKind::Text) => Value::Array(
            text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| Value::String(p.to_string())).collect(),
        ),
        (_, ItemFieldKind::Number) => Value::from(text.trim().parse::<u64>().unwrap_or(0)),
        // Kept as typed (a line just begun, a space at the end): [`tidy`] cleans up on saving.
        (_, ItemFieldKind::Lines) => Value::Array(text.split('\n').map(|l| Value::String(l.trim_end_matches('\r').to_string())).collect()),
        (_, ItemFieldKind::Flag) => Value::Bool(text == "true"),
        _ => Value::String(text.to_string()),
    };
    if let Value::Object(map) = item {
        map.insert(field.name.to_string(), value);
    }
}

/// The item as it is saved: lists of lines without blank lines and surrounding spaces.
pub fn tidy(item: &mut Value, fields: &[ItemField]) {
    for field in fields.iter().filter(|f| f.kind == ItemFieldKind::Lines) {
        if let Some(Value::Array(lines)) = item.get_mut(field.name) {
            lines.retain_mut(|line| match line {
                Value::String(text) => {
                    *text = text.trim().to_string();
                    !text.is_empty()
                }
                _ => false,
            });
        }
    }
}

/// Indexes of the items to show: those whose text contains every word of `filter`
/// (case-insensitive), sorted by `sort` (field, ascending) when given, else as listed.
pub fn visible_rows(items: &[Value], fields: &[ItemField], filter: &str, sort: Option<(&str, bool)>) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let haystack = |item: &Value| fields.iter().map(|f| field_text(item, f)).collect::<Vec<_>>().join(" ").to_lowercase();
    let mut rows: Vec<usize> = (0..items.len()).filter(|&i| {
        let text = haystack(&items[i]);
        words.iter().all(|word| text.contains(word.as_str()))
    }).collect();
    if let Some((name, ascending)) = sort {
        if let Some(field) = fields.iter().find(|f| f.name == name) {
            rows.sort_by(|&a, &b| {
                let order = field_text(&items[a], field).to_lowercase().cmp(&field_text(&items[b], field).to_lowercase());
                if ascending { order } else { order.reverse() }
            });
        }
    }
    rows
}

/// The ids of `items` with the one at `index` moved one place up or down (`None` at an end).
pub fn moved_order(items: &[Value], index: usize, up: bool) -> Option<Vec<String>> {
    let target = if up { index.checked_sub(1)? } else { index + 1 };
    if target >= items.len() {
        return None;
    }
    let mut ids: Vec<String> = items.iter().map(|item| item.get("id").and_then(Value::as_str).unwrap_or("").to_string()).collect();
    ids.swap(index, target);
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::collection_items::Collection;
    use serde_json::json;

    fn news() -> Vec<Value> {
        vec![
            json!({"id": "a", "title": "Открыт МФЦ", "date": "2026-11-01", "summary": "В Рязани", "body": ["Первый.", "Второй."]}),
            json!({"id": "b", "title": "Приём граждан", "date": "2026-11-20", "summary": "Министр примет", "body": []}),
            json!({"id": "c", "title": "Конкурс", "date": "2026-10-05", "summary": "Для школ Рязани", "body": []}),
        ]
    }

    #[test]
    fn filter_by_every_word_in_any_field() {
        let fields = Collection::News.fields();
        assert_eq!(visible_rows(&news(), fields, "", None), [0, 1, 2]);
        assert_eq!(visible_rows(&news(), fields, "рязани", None), [0, 2]);
        assert_eq!(visible_rows(&news(), fields, "РЯЗАНИ школ", None), [2]);
        assert_eq!(visible_rows(&news(), fields, "второй", None), [0], "the body counts too");
        assert!(visible_rows(&news(), fields, "нет такого", None).is_empty());
    }

    #[test]
    fn sort_by_a_column_both_ways() {
        let fields = Collection::News.fields();
        assert_eq!(visible_rows(&news(), fields, "", Some(("date", true))), [2, 0, 1]);
        assert_eq!(visible_rows(&news(), fields, "", Some(("date", false))), [1, 0, 2]);
        assert_eq!(visible_rows(&news(), fields, "", Some(("title", true))), [2, 0, 1]);
    }

    #[test]
    fn paragraphs_and_numbers_round_trip_through_the_form() {
        let fields = Collection::News.fields();
        let body = fields.iter().find(|f| f.name == "body").unwrap();
        let mut item = news()[0].clone();
        assert_eq!(field_text(&item, body), "Первый.\n\nВторой.");
        set_field(&mut item, body, "Один.\n\n\n\nДва.\n\n");
        assert_eq!(item["body"], json!(["Один.", "Два."]));
        let size = Collection::Documents.fields().iter().find(|f| f.name == "file_size").unwrap();
        let mut doc = json!({});
        set_field(&mut doc, size, " 2048 ");
        assert_eq!(doc["file_size"], json!(2048));
        assert_eq!(field_text(&doc, size), "2048");
    }

    #[test]
    fn poll_answers_and_flags_round_trip_through_the_form() {
        let fields = Collection::Polls.fields();
        let field = |name: &str| fields.iter().find(|f| f.name == name).unwrap();
        let mut poll = json!({"question": "Какой кружок открыть?"});
        set_field(&mut poll, field("options"), "  Шахматы \n\nТеатр\r\n");
        assert_eq!(field_text(&poll, field("options")), "  Шахматы \n\nТеатр\n", "the form keeps what is typed");
        tidy(&mut poll, fields);
        assert_eq!(poll["options"], json!(["Шахматы", "Театр"]), "one answer per line, blank lines dropped");
        assert_eq!(field_text(&poll, field("options")), "Шахматы\nТеатр");
        set_field(&mut poll, field("multiple"), "true");
        assert_eq!(poll["multiple"], json!(true));
        assert_eq!(field_text(&poll, field("multiple")), "true");
        set_field(&mut poll, field("multiple"), "false");
        assert_eq!(poll["multiple"], json!(false));
        set_field(&mut poll, field("results"), "after");
        assert_eq!(poll["results"], json!("after"));
        let checked = Collection::Polls.check_item(&poll.to_string()).expect("the form's poll passes the server's check");
        assert!(checked.json.contains(r#""options":["Шахматы","Театр"]"#), "{}", checked.json);
    }

    #[test]
    fn moving_rows() {
        assert_eq!(moved_order(&news(), 1, true), Some(vec!["b".into(), "a".into(), "c".into()]));
        assert_eq!(moved_order(&news(), 2, false), None);
        assert_eq!(moved_order(&news(), 0, true), None);
    }
}
