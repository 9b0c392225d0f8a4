//! Migrations of older site documents to the current schema, one step per version.
//!
//! v1 → v2: the `paragraph` block (a run sequence) became the `text` block (paragraphs,
//! lists and quotes); everything else is unchanged.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::document::{ParseError, SCHEMA_VERSION};

/// Reads only `schema_version` (serde skips the rest without building it).
pub fn schema_version_of(json: &str) -> Result<u32, ParseError> {
    #[derive(Deserialize)]
    struct Peek {
        schema_version: u32,
    }
    let peek: Peek = serde_json::from_str(json).map_err(|err| ParseError {
        path: if err.is_data() { "schema_version".into() } else { ".".into() },
        reason: err.to_string(),
    })?;
    if peek.schema_version == 0 || peek.schema_version > SCHEMA_VERSION {
        return Err(ParseError {
            path: "schema_version".into(),
            reason: format!("version {} is not supported (this Civic reads 1 to {SCHEMA_VERSION})", peek.schema_version),
        });
    }
    Ok(peek.schema_version)
}

/// Migrates a document of version `from` to the current version, as a JSON value.
pub fn to_current(json: &str, from: u32) -> Result<Value, ParseError> {
    let mut value: Value =
        serde_json::from_str(json).map_err(|err| ParseError { path: ".".into(), reason: err.to_string() })?;
    let mut version = from;
    while version < SCHEMA_VERSION {
        match version {
            1 => v1_to_v2(&mut value),
            _ => unreachable!("schema_version_of refuses unknown versions"),
        }
        version += 1;
        value["schema_version"] = json!(version);
    }
    Ok(value)
}

fn v1_to_v2(document: &mut Value) {
    let Some(pages) = document.get_mut("pages").and_then(Value::as_object_mut) else { return };
    for page in pages.values_mut() {
        if let Some(blocks) = page.get_mut("blocks").and_then(Value::as_array_mut) {
            paragraphs_to_text(blocks);
        }
    }
}

fn paragraphs_to_text(blocks: &mut [Value]) {
    for block in blocks {
        if block.get("type").and_then(Value::as_str) == Some("paragraph") {
            let id = block.get("id").cloned().unwrap_or(Value::Null);
            let runs = block.get("runs").cloned().unwrap_or_else(|| json!([]));
            *block = json!({ "type": "text", "id": id, "content": [{ "kind": "paragraph", "runs": runs }] });
        } else if let Some(children) = block.get_mut("blocks").and_then(Value::as_array_mut) {
            // v1 had one container, the section.
            paragraphs_to_text(children);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{Block, TextBlock};
    use crate::SiteDocument;

    const V1: &str = r##"{
      "schema_version": 1,
      "site": { "name": "Школа № 1", "kind": "school", "tagline": "", "contacts": "" },
      "theme": { "primary_color": "#1f4e8c", "accent_color": "#c8102e", "font": "serif" },
      "pages": {
        "home": { "slug": "glavnaya", "title": "Главная", "blocks": [
          { "type": "heading", "id": "h", "level": 2, "text": "Добро пожаловать" },
          { "type": "paragraph", "id": "p", "runs": [{ "text": "Мы ", "bold": true }, { "text": "рядом", "link": "kontakty" }] },
          { "type": "section", "id": "s", "title": "Раздел", "blocks": [
            { "type": "paragraph", "id": "p2", "runs": [{ "text": "Внутри" }] }
          ] }
        ] },
        "contacts": { "slug": "kontakty", "title": "Контакты", "blocks": [] }
      }
    }"##;

    #[test]
    fn v1_paragraphs_become_text_blocks() {
        let doc = SiteDocument::from_json(V1).unwrap();
        assert_eq!(doc.schema_version, SCHEMA_VERSION);
        let blocks = &doc.pages["home"].blocks;
        match &blocks[1] {
            Block::Text(text) => {
                assert_eq!(text.id, "p");
                match &text.content[..] {
                    [TextBlock::Paragraph { runs }] => {
                        assert!(runs[0].bold);
                        assert_eq!(runs[1].link.as_deref(), Some("kontakty"));
                    }
                    other => panic!("{other:?}"),
                }
            }
            other => panic!("{other:?}"),
        }
        match &blocks[2] {
            Block::Section(section) => assert!(matches!(section.blocks[0], Block::Text(_))),
            other => panic!("{other:?}"),
        }
        assert_eq!(doc.pages.keys().collect::<Vec<_>>(), ["home", "contacts"], "page order is kept");
        assert!(crate::validate(&doc).is_empty(), "{:?}", crate::validate(&doc));
    }

    #[test]
    fn migrated_document_round_trips_as_current() {
        let doc = SiteDocument::from_json(V1).unwrap();
        assert_eq!(SiteDocument::from_json(&doc.to_json()).unwrap(), doc);
    }

    #[test]
    fn future_and_missing_versions_are_refused() {
        let err = SiteDocument::from_json(&V1.replace("\"schema_version\": 1", "\"schema_version\": 99")).unwrap_err();
        assert_eq!(err.path, "schema_version");
        let err = SiteDocument::from_json(&V1.replace("\"schema_version\": 1,", "")).unwrap_err();
        assert_eq!(err.path, "schema_version");
        let err = SiteDocument::from_json("{ not json").unwrap_err();
        assert_eq!(err.path, ".");
    }

    #[test]
    fn errors_after_migration_still_name_the_path() {
        let err = SiteDocument::from_json(&V1.replace("\"level\": 2", "\"level\": \"два\"")).unwrap_err();
        assert!(err.path.starts_with("pages.home.blocks[0]"), "{err}");
    }
}
