//! Properties of the document contract: reading any input and validating any document never
//! crash the worker or the editor, and what the editor saves reads back the same.

mod arbitrary;

use civic_shared::demo::MINISTRY_JSON;
use civic_shared::{validate, SiteDocument};
use proptest::prelude::*;
use serde_json::Value;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, ..ProptestConfig::default() }
}

/// Any JSON value, nested a few levels, with the document's own keys among the object keys
/// so that spliced values reach deep into the deserialiser.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(&["type", "id", "blocks", "level", "schema_version", "pages", "site", "theme", "columns", "tabs", "items", "runs", "kind", "text", "src"][..])
            .prop_map(str::to_string),
        arbitrary::any_text(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(&["heading", "section", "columns", "paragraph", "list", "html", "2", "1"][..]).prop_map(Value::from),
        arbitrary::any_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..4).prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Every place in a JSON value, as a list of steps from the root.
fn places(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::Index(i));
                places(item, here, out);
                here.pop();
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                here.push(Step::Key(key.clone()));
                places(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

fn at<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |value, step| match step {
        Step::Index(i) => &mut value[*i],
        Step::Key(key) => &mut value[key.as_str()],
    })
}

/// The demo document with one value somewhere inside replaced, or one key added.
fn mutated_demo() -> impl Strategy<Value = String> {
    let demo: Value = serde_json::from_str(MINISTRY_JSON).unwrap();
    let mut all = Vec::new();
    places(&demo, &mut Vec::new(), &mut all);
    (prop::sample::select(all), any_json(), any::<Option<String>>()).prop_map(move |(path, replacement, new_key)| {
        let mut doc = demo.clone();
        let target = at(&mut doc, &path);
        match (new_key, target.as_object_mut()) {
            (Some(key), Some(fields)) => {
                fields.insert(key, replacement);
            }
            _ => *target = replacement,
        }
        doc.to_string()
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn reading_any_text_never_panics(text in any::<String>()) {
        let _ = SiteDocument::from_json(&text);
    }

    #[test]
    fn reading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = SiteDocument::from_json(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn reading_a_cut_demo_never_panics(cut in 0..MINISTRY_JSON.len()) {
        let end = (cut..=MINISTRY_JSON.len()).find(|&i| MINISTRY_JSON.is_char_boundary(i)).unwrap();
        // Only a cut in the trailing newline leaves the whole document.
        prop_assert!(SiteDocument::from_json(&MINISTRY_JSON[..end]).is_err() || MINISTRY_JSON[end..].trim().is_empty());
    }

    /// A broken document is refused with a path, or read; then validation still runs.
    #[test]
    fn reading_a_mutated_demo_never_panics(json in mutated_demo()) {
        match SiteDocument::from_json(&json) {
            Ok(doc) => {
                let _ = validate(&doc);
            }
            Err(err) => prop_assert!(!err.reason.is_empty(), "{}", err),
        }
    }

    #[test]
    fn validating_any_document_never_panics(doc in arbitrary::site_document()) {
        for problem in validate(&doc) {
            prop_assert!(!problem.path.is_empty());
            let _ = problem.message(civic_shared::Lang::Ru);
            let _ = problem.message(civic_shared::Lang::En);
        }
    }

    #[test]
    fn any_document_reads_back_as_saved(doc in arbitrary::site_document()) {
        let again = SiteDocument::from_json(&doc.to_json());
        prop_assert_eq!(again.as_ref(), Ok(&doc));
    }
}

/// Found by `validating_any_document_never_panics`: the scheme check sliced the address at
/// byte 8, inside a four-byte character, and the panic took down validation and rendering.
#[test]
fn an_address_with_a_wide_character_near_the_scheme_is_refused_not_a_crash() {
    let mut doc = civic_shared::demo::ministry();
    let url = "https:/ё";
    doc.pages.get_mut("home").unwrap().blocks.push(civic_shared::Block::Image(civic_shared::Image {
        id: "wide".into(),
        src: url.into(),
        alt: "x".into(),
        ..Default::default()
    }));
    assert!(!civic_shared::validate::is_https(url));
    assert!(!civic_shared::validate::is_embed_url(url));
    assert!(!civic_shared::validate::is_https("𐠴C𑑝\"𓇌r"), "the case the property found");
    assert!(validate(&doc).iter().any(|problem| problem.path.ends_with(".src")));
}

/// Found by `any_document_reads_back_as_saved`: without serde_json's exact float parsing a
/// saved latitude came back one unit in the last place off, so each save moved the pin.
/// The long digits are the point of the test.
#[test]
#[allow(clippy::excessive_precision)]
fn map_coordinates_read_back_exactly() {
    let mut doc = civic_shared::demo::ministry();
    doc.pages.get_mut("home").unwrap().blocks.push(civic_shared::Block::Map(civic_shared::Map {
        id: "pin".into(),
        address: "Рязань".into(),
        latitude: Some(24.517135146014006),
        longitude: Some(39.741915699999995),
        ..Default::default()
    }));
    assert_eq!(SiteDocument::from_json(&doc.to_json()), Ok(doc));
}
