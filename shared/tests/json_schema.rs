//! The published JSON Schema of the site document (`www/schema/site-document.v<N>.json`):
//! it matches the code, it is a valid schema, and it agrees with serde and `validate()` on
//! the demo and on broken documents.
//! To accept an intended change: `UPDATE_GOLDEN=1 cargo test -p civic-shared --test json_schema`.
//! (The `json-schema` feature is on for this crate's tests through its dev-dependency on itself.)

use std::path::PathBuf;

use civic_shared::json_schema::{schema_path, site_document_schema, TITLE};
use civic_shared::schema::{new_block, SCHEMAS};
use civic_shared::validate::{is_id, is_slug};
use serde_json::{json, Value};

fn schema() -> Value {
    site_document_schema().to_value()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the generated schema compiles")
}

fn demo() -> Value {
    serde_json::from_str(civic_shared::demo::MINISTRY_JSON).unwrap()
}

/// Every error the schema finds, as `instance path: message`.
fn errors(instance: &Value) -> Vec<String> {
    validator().iter_errors(instance).map(|error| format!("{}: {error}", error.instance_path())).collect()
}

#[test]
fn published_file_matches_the_code() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../www").join(schema_path().trim_start_matches('/'));
    let pretty = serde_json::to_string_pretty(&schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &pretty).unwrap();
        return;
    }
    let published = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        published == pretty,
        "{} differs from the schema the code generates; to accept: UPDATE_GOLDEN=1 cargo test -p civic-shared --test json_schema",
        file.display()
    );
}

#[test]
fn schema_names_itself_and_its_dialect() {
    let schema = schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["$id"], "/schema/site-document.v2.json");
    assert_eq!(schema["title"], TITLE);
    assert_eq!(schema["properties"]["schema_version"]["const"], civic_shared::SCHEMA_VERSION);
    assert!(jsonschema::meta::is_valid(&schema), "{:?}", jsonschema::meta::validate(&schema).err());
}

/// `Block` is tagged by `type` (snake_case) with one variant per block of the library;
/// `TextBlock` is tagged by `kind`; both refuse unknown fields.
#[test]
fn tagged_enums_follow_their_serde_attributes() {
    let schema = schema();
    let variants = schema["$defs"]["Block"]["oneOf"].as_array().expect("Block is a oneOf");
    let mut tags: Vec<&str> = variants.iter().map(|v| v["properties"]["type"]["const"].as_str().unwrap()).collect();
    let mut library: Vec<&str> = SCHEMAS.iter().map(|s| s.type_name).collect();
    tags.sort_unstable();
    library.sort_unstable();
    assert_eq!(tags, library);
    for variant in variants {
        assert_eq!(variant["required"][0], "type", "{variant}");
        assert_eq!(variant["additionalProperties"], false, "{variant}");
    }
    let heading = variants.iter().find(|v| v["properties"]["type"]["const"] == "heading").unwrap();
    assert_eq!(heading["properties"]["level"]["minimum"], 2);
    assert_eq!(heading["properties"]["level"]["maximum"], 4);

    let kinds: Vec<&Value> = schema["$defs"]["TextBlock"]["oneOf"].as_array().unwrap().iter().collect();
    let tags: Vec<&str> = kinds.iter().map(|v| v["properties"]["kind"]["const"].as_str().unwrap()).collect();
    assert_eq!(tags, ["paragraph", "heading", "list", "quote"]);
    let heading = kinds.iter().find(|v| v["properties"]["kind"]["const"] == "heading").unwrap();
    assert_eq!(heading["properties"]["level"]["minimum"], 2);
    assert_eq!(heading["properties"]["level"]["maximum"], 4);
    for kind in kinds {
        assert_eq!(kind["additionalProperties"], false, "{kind}");
    }
}

#[test]
fn demo_document_is_valid() {
    assert_eq!(errors(&demo()), Vec::<String>::new());
}

#[test]
fn a_new_block_of_every_type_is_valid() {
    for block_schema in SCHEMAS {
        let mut doc = demo();
        let block = new_block(block_schema.type_name, "new-block").unwrap();
        doc["pages"]["home"]["blocks"].as_array_mut().unwrap().push(serde_json::to_value(block).unwrap());
        assert_eq!(errors(&doc), Vec::<String>::new(), "{}", block_schema.type_name);
    }
}

#[test]
fn unknown_block_type_fails() {
    let mut doc = demo();
    doc["pages"]["home"]["blocks"][0] = json!({ "type": "html", "id": "x", "html": "<script>" });
    assert!(!validator().is_valid(&doc));
    assert!(civic_shared::SiteDocument::from_json(&doc.to_string()).is_err(), "serde agrees");
}

#[test]
fn missing_required_field_fails() {
    let mut doc = demo();
    doc["pages"]["home"].as_object_mut().unwrap().remove("title");
    assert!(!validator().is_valid(&doc));
    assert!(civic_shared::SiteDocument::from_json(&doc.to_string()).is_err(), "serde agrees");

    let mut doc = demo();
    let first = &mut doc["pages"]["home"]["blocks"][0];
    let id = first["id"].clone();
    *first = json!({ "type": "heading", "id": id, "level": 2 });
    assert!(!validator().is_valid(&doc), "a heading without text");
}

#[test]
fn unknown_field_and_old_version_fail() {
    let mut doc = demo();
    doc["pages"]["home"]["blocks"][0]["colour"] = "red".into();
    assert!(!validator().is_valid(&doc));

    let mut doc = demo();
    doc["site"]["motto"] = "x".into();
    assert!(!validator().is_valid(&doc));

    // Version 1 is still read (and migrated) by Civic, but this schema describes version 2.
    let mut doc = demo();
    doc["schema_version"] = 1.into();
    assert!(!validator().is_valid(&doc));
}

#[test]
fn rules_of_validate_are_in_the_schema() {
    let cases = [
        ("/theme/primary_color", json!("blue")),
        ("/pages/home/slug", json!("Glavnaya")),
        ("/pages/home/title", json!("")),
        ("/pages/home/blocks", json!([{ "type": "heading", "id": "h", "level": 5, "text": "x" }])),
        ("/pages/home/blocks", json!([{ "type": "heading", "id": "bad id", "level": 2, "text": "x" }])),
        ("/pages/home/blocks", json!([{ "type": "text", "id": "t", "content": [{ "kind": "heading", "level": 1, "runs": [{ "text": "x" }] }] }])),
        ("/pages/home/blocks", json!([{ "type": "text", "id": "t", "content": [{ "kind": "heading", "level": 3, "runs": [] }] }])),
        ("/pages/home/blocks", json!([{ "type": "columns", "id": "c", "columns": [{ "blocks": [] }] }])),
        ("/pages/home/blocks", json!([{ "type": "news_feed", "id": "n", "limit": 0 }])),
        ("/pages/home/blocks", json!([{ "type": "map", "id": "m", "address": "x", "latitude": 91.0 }])),
        ("/pages", json!({})),
    ];
    for (pointer, value) in cases {
        let mut doc = demo();
        *doc.pointer_mut(pointer).unwrap() = value.clone();
        assert!(!validator().is_valid(&doc), "{pointer} = {value} should fail");
        let parsed = civic_shared::SiteDocument::from_json(&doc.to_string());
        if let Ok(parsed) = parsed {
            assert!(!civic_shared::validate(&parsed).is_empty(), "validate() agrees that {pointer} = {value} is wrong");
        }
    }
}

/// The patterns say what `is_slug` and `is_id` say.
#[test]
fn patterns_agree_with_validate() {
    let schema = schema();
    let slug = jsonschema::validator_for(&schema["$defs"]["Page"]["properties"]["slug"]).unwrap();
    let names = json!({ "propertyNames": schema["properties"]["pages"]["propertyNames"] });
    let id = jsonschema::validator_for(&names).unwrap();
    let samples = [
        "", "a", "kontakty", "o-ministerstve", "2026", "-a", "a-", "a--b", "A", "a_b", "a b", "ы", "a.b", "Home_1",
        "x-1-y", &"a".repeat(64), &"a".repeat(65), "eduStandarts", "paid_edu", "eduStandarts-1", "paid_edu_", "Paid_edu",
        "paid-edu", "edustandarts", "o_nas",
    ];
    for sample in samples {
        assert_eq!(slug.is_valid(&json!(sample)), is_slug(sample), "slug {sample:?}");
        let mut object = serde_json::Map::new();
        object.insert(sample.to_string(), json!(null));
        assert_eq!(id.is_valid(&Value::Object(object)), is_id(sample), "id {sample:?}");
    }
}
