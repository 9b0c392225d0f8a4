//! The OpenAPI 3.1 document of the API for outside systems, served at `/api/v1/openapi.json`.
//! It is written by hand (`edge/openapi.v1.json`) and kept true by tests: its paths and
//! methods are exactly the routing table's (`api_v1_routes.rs`), its examples validate, its
//! item schemas name the fields and required fields of `civic_shared::collection_items`, and
//! its string patterns accept exactly what the server's checks accept.

/// The document, as served.
pub const OPENAPI_V1: &str = include_str!("../openapi.v1.json");

#[cfg(test)]
mod tests {
    use super::OPENAPI_V1;
    use civic_shared::collection_items::{is_date, is_email, is_phone, Collection, ItemFieldKind};
    use civic_shared::validate::{is_image_url, is_link};
    use jsonschema::Registry;
    use serde_json::{json, Value};

    const BASE: &str = "urn:civic:openapi";

    fn doc() -> Value {
        serde_json::from_str(OPENAPI_V1).expect("the OpenAPI document is JSON")
    }

    /// A validator for the schema at `pointer` inside the document (refs resolve within it).
    fn validator(pointer: &str) -> jsonschema::Validator {
        let registry = Registry::new().add(BASE, doc()).expect("adds").prepare().expect("prepares");
        jsonschema::options()
            .with_registry(&registry)
            .build(&json!({ "$ref": format!("{BASE}#{pointer}") }))
            .unwrap_or_else(|e| panic!("{pointer}: {e}"))
    }

    fn schema(name: &str) -> jsonschema::Validator {
        validator(&format!("/components/schemas/{name}"))
    }

    fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
        validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
    }

    /// The document's name for each collection's item type.
    fn type_name(collection: Collection) -> &'static str {
        match collection {
            Collection::News => "News",
            Collection::Announcements => "Announcement",
            Collection::Documents => "DocumentItem",
            Collection::Staff => "StaffMember",
            Collection::Phones => "PhoneEntry",
            Collection::Reception => "ReceptionSlot",
            Collection::Vacancies => "Vacancy",
            Collection::Polls => "PollItem",
        }
    }

    #[test]
    fn is_openapi_3_1_with_bearer_tokens() {
        let doc = doc();
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["servers"][0]["url"], "/api/v1");
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
        assert_eq!(doc["security"], json!([{ "bearer": [] }]));
        assert_eq!(doc["paths"]["/openapi.json"]["get"]["security"], json!([]), "the description needs no token");
    }

    /// Every operation documents its problem responses as `application/problem+json`, and
    /// every operation that needs a token documents 401.
    #[test]
    fn every_operation_documents_its_problems() {
        let doc = doc();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap().iter().filter(|(k, _)| k.as_str() != "parameters") {
                let responses = operation["responses"].as_object().unwrap();
                assert!(responses.contains_key("405"), "{method} {path}: 405");
                if operation.get("security") != Some(&json!([])) {
                    for status in ["401", "404", "503"] {
                        assert!(responses.contains_key(status), "{method} {path}: {status}");
                    }
                }
                for (status, response) in responses {
                    let response = match response.get("$ref").and_then(Value::as_str) {
                        Some(reference) => &doc["components"]["responses"][reference.rsplit('/').next().unwrap()],
                        None => response,
                    };
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(response["content"]["application/problem+json"].is_object(), "{method} {path} {status}");
                    }
                }
            }
        }
    }

    /// Every `examples` of every schema validates against that schema.
    #[test]
    fn examples_validate() {
        let doc = doc();
        let mut checked = 0;
        for (name, body) in doc["components"]["schemas"].as_object().unwrap() {
            let validator = schema(name);
            for example in body["examples"].as_array().into_iter().flatten() {
                assert_eq!(errors(&validator, example), Vec::<String>::new(), "example of {name}: {example}");
                checked += 1;
            }
        }
        assert!(checked >= 30, "only {checked} examples");
    }

    /// The server accepts every example of a new or saved item, and what it stores is an
    /// item of the documented shape.
    #[test]
    fn item_examples_pass_the_server_checks() {
        let doc = doc();
        for collection in Collection::ALL {
            let name = type_name(collection);
            for kind in ["Input", "Update"] {
                for example in doc["components"]["schemas"][format!("{name}{kind}")]["examples"].as_array().unwrap() {
                    let checked = collection.check_item(&example.to_string()).unwrap_or_else(|e| panic!("{name}{kind}: {e:?}"));
                    let stored: Value = serde_json::from_str(&checked.json).unwrap();
                    assert_eq!(errors(&schema(name), &stored), Vec::<String>::new(), "{name}: {stored}");
                }
            }
        }
    }

    /// The item schemas name exactly the fields serde reads, and require exactly the fields
    /// the server refuses to leave empty.
    #[test]
    fn item_schemas_match_the_collections() {
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        for collection in Collection::ALL {
            let name = type_name(collection);
            let stored: Value = serde_json::from_str(&default_item(collection)).unwrap();
            let mut fields: Vec<&str> = stored.as_object().unwrap().keys().map(String::as_str).collect();
            fields.sort_unstable();
            for (schema_name, with_id) in [(format!("{name}Input"), true), (format!("{name}Update"), false), (name.to_string(), true)] {
                let mut documented: Vec<&str> = schemas[&schema_name]["properties"].as_object().unwrap().keys().map(String::as_str).collect();
                if !with_id {
                    documented.push("id");
                }
                documented.sort_unstable();
                assert_eq!(documented, fields, "{schema_name}");
                assert_eq!(schemas[&schema_name]["additionalProperties"], false, "{schema_name}");
            }
            let mut required: Vec<&str> = collection
                .fields()
                .iter()
                .filter(|f| f.required && !matches!(f.kind, ItemFieldKind::DocumentStatus | ItemFieldKind::Number | ItemFieldKind::PollResults))
                .map(|f| f.name)
                .collect();
            required.sort_unstable();
            for schema_name in [format!("{name}Input"), format!("{name}Update")] {
                let mut documented: Vec<&str> =
                    schemas[&schema_name]["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
                documented.sort_unstable();
                assert_eq!(documented, required, "{schema_name}");
            }
        }
    }

    /// Every field of a collection item with serde's defaults (what an empty object becomes).
    fn default_item(collection: Collection) -> String {
        use civic_shared::collections::*;
        match collection {
            Collection::News => serde_json::to_string(&NewsItem::default()),
            Collection::Announcements => serde_json::to_string(&Announcement::default()),
            Collection::Documents => serde_json::to_string(&DocumentItem::default()),
            Collection::Staff => serde_json::to_string(&StaffMember::default()),
            Collection::Phones => serde_json::to_string(&PhoneEntry::default()),
            Collection::Reception => serde_json::to_string(&ReceptionSlot::default()),
            Collection::Vacancies => serde_json::to_string(&Vacancy::default()),
            Collection::Polls => serde_json::to_string(&PollItem::default()),
        }
        .unwrap()
    }

    /// Whitespace as Rust's `trim` sees it, and look-alikes that are not.
    const TRICKY: &[&str] = &[
        "", " ", "\t", "\n", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{feff}", "\u{1c}", "\u{0}", "x", " x ", "\u{85}x",
    ];

    fn field_validator(kind: &str) -> jsonschema::Validator {
        schema(kind)
    }

    /// Optional typed fields: blank (as `trim` sees it) or valid.
    fn optional(text: &str, check: fn(&str) -> bool) -> bool {
        text.trim().is_empty() || check(text)
    }

    #[test]
    fn date_pattern_is_is_date() {
        let date = field_validator("Date");
        for year in [0, 1000, 1899, 1900, 1901, 1904, 1996, 2000, 2023, 2024, 2100, 2104, 2199, 2200, 2201, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(date.is_valid(&json!(text)), is_date(&text), "{text}");
                }
            }
        }
        for text in ["2026-1-01", "2026-01-1", "2026-01-011", " 2026-01-01", "2026-01-01\n", "２０２６-01-01", "2026/01/01", "+026-01-01"] {
            assert_eq!(date.is_valid(&json!(text)), is_date(text), "{text:?}");
        }
    }

    #[test]
    fn phone_patterns_are_is_phone() {
        let (required, optional_phone) = (field_validator("RequiredPhone"), field_validator("Phone"));
        let samples = [
            "+7 (4912) 51-00-00", "51-00-00 доб. 123", "12345", "1234", "1 2 3 4 5", "12345x", "<script>", "12345\n", "١٢٣٤٥",
            "(((((12345", "доб 12", "+7 (4912) 51-00-00, 51-00-01", "12\t345",
        ];
        for text in samples.iter().chain(TRICKY) {
            assert_eq!(required.is_valid(&json!(text)), is_phone(text), "required {text:?}");
            assert_eq!(optional_phone.is_valid(&json!(text)), optional(text, is_phone), "optional {text:?}");
        }
    }

    #[test]
    fn email_pattern_is_is_email() {
        let email = field_validator("Email");
        let samples = [
            "priemnaya@ryazan.gov.ru", "a@b.c", "priemnaya@ryazan", "a b@c.ru", "@b.c", "a@.b", "a@b.", "a@@b.c", "a@b@c.d", "a@b..c",
            "a@b.c\n", "а@б.рф", "a@b\u{a0}.c", "a@b.c\u{feff}",
        ];
        for text in samples.iter().chain(TRICKY) {
            assert_eq!(email.is_valid(&json!(text)), optional(text, is_email), "{text:?}");
        }
    }

    #[test]
    fn link_and_picture_patterns_are_the_url_checks() {
        let link = field_validator("Link");
        let samples = [
            "/files/a.pdf", "files/a.pdf", "a.pdf", "https://ryazan.gov.ru/a", "HTTPS://x.ru", "https://", "http://x.ru", "//evil.ru/a",
            "/", "?q=1", "#top", "# top", "mailto:a@b.c", "tel:+74912", "tel: 123", "javascript:alert(1)", "data:text/html,x",
            "a b.pdf", "a\\b", "/a\u{7f}", "a:b/c", "a/b:c", "./a", "../a", "https://x.ru/a b", "mailto:", "Mailto:a@b.c",
            "https://x.ru\n", "/a\u{2028}",
        ];
        for text in samples.iter().chain(TRICKY) {
            assert_eq!(link.is_valid(&json!(text)), optional(text, is_link), "link {text:?}");
        }
        let picture = field_validator("Picture");
        for src in samples.iter().chain(TRICKY) {
            for alt in ["Фото", "", " ", "\u{85}", "\u{1c}"] {
                let expected = is_image_url(src) && !alt.trim().is_empty();
                assert_eq!(picture.is_valid(&json!([src, alt])), expected, "picture {src:?} {alt:?}");
            }
        }
        assert!(picture.is_valid(&Value::Null));
        assert!(!picture.is_valid(&json!(["/a.png"])));
        assert!(!picture.is_valid(&json!(["/a.png", "a", "b"])));
    }

    #[test]
    fn required_lines_are_not_blank_as_trim_sees_it() {
        let line = field_validator("RequiredLine");
        for text in TRICKY {
            assert_eq!(line.is_valid(&json!(text)), !text.trim().is_empty(), "{text:?}");
        }
        assert!(!line.is_valid(&json!("я".repeat(301))));
        assert!(line.is_valid(&json!("я".repeat(300))));
    }

    /// JSON Schema counts `2.0` as an integer; so does the server, wherever the document says
    /// `integer` in a request.
    #[test]
    fn integers_written_as_floats_are_read() {
        let document = json!({ "title": "О режиме", "kind": "Приказ", "number": "1", "date": "2026-11-20", "file_size": 48213.0 });
        assert!(schema("DocumentItemInput").is_valid(&document));
        let checked = Collection::Documents.check_item(&document.to_string()).expect("a whole float is a size");
        assert!(checked.json.contains("\"file_size\":48213"), "{}", checked.json);
        let save = json!({ "base_version": 3.0, "document": serde_json::from_str::<Value>(civic_shared::demo::MINISTRY_JSON).unwrap() });
        assert!(schema("SaveDocument").is_valid(&save));
        assert_eq!(crate::api::parse_save(&save.to_string()).map(|(s, _)| s.base_version).ok(), Some(3));
        let publish = json!({ "version": 4.0 });
        assert!(schema("PublishRequest").is_valid(&publish));
        assert_eq!(serde_json::from_value::<crate::api::PublishDraft>(publish).map(|p| p.version).ok(), Some(4));
        assert!(!schema("PublishRequest").is_valid(&json!({ "version": 4.5 })));
    }

    /// What the worker really sends validates against what the document promises.
    #[test]
    fn real_bodies_match_their_schemas() {
        use crate::api::{ApiError, RevisionSummary, SiteSummary};
        use crate::problem::{problem, problem_json};
        let problems = [
            ApiError::StaleVersion { current_version: 3 },
            ApiError::StaleItem { current_revision: 2 },
            ApiError::BadPage(crate::pagination::PageError::BadCursor),
            ApiError::TokenInvalid,
            ApiError::IdempotencyKeyReused,
            crate::api::parse_item(Collection::News, r#"{"title":"","date":"x","summary":"a"}"#).unwrap_err(),
            crate::api::parse_save("{").unwrap_err(),
        ];
        for error in problems {
            for lang in [civic_shared::Lang::Ru, civic_shared::Lang::En] {
                let body: Value = serde_json::from_str(&problem_json(&problem(&error, lang, "/api/v1/sites"))).unwrap();
                assert_eq!(errors(&schema("Problem"), &body), Vec::<String>::new(), "{body}");
            }
        }
        let site = SiteSummary { slug: "gb4".into(), name: "ГБ № 4".into(), kind: "hospital".into(), draft_version: 2, published_revision: None };
        let list = json!({ "items": [site], "next_cursor": null });
        assert_eq!(errors(&schema("SiteList"), &list), Vec::<String>::new());
        let revision = RevisionSummary { revision: 2, draft_version: 3, published_at: "2026-11-23 10:00:00".into(), published_by: "api#1 x".into(), restored_from: Some(1) };
        let revisions = json!({ "published_revision": 2, "items": [revision], "next_cursor": "abc" });
        assert_eq!(errors(&schema("RevisionList"), &revisions), Vec::<String>::new());
    }
}
