//! The JSON Schema of the site document, for systems outside Civic that write or check
//! documents. It is derived from the serde types (schemars reads their serde attributes)
//! and published as `www/schema/site-document.v<N>.json`; `tests/json_schema.rs` keeps that
//! file in step with the code. Not to be confused with [`crate::schema`], the constructor's
//! form description of each block.
//!
//! The schema checks the shape and the rules that are cheap to state (slugs, ids, colours,
//! ranges, counts, lengths); [`crate::validate()`] stays the authority on the rest (unique
//! slugs and ids, parent pages, nesting, allowed URLs and embed hosts).

use schemars::Schema;
use serde_json::{Map, Value};

use crate::document::{SiteDocument, SCHEMA_VERSION};

/// Page slugs, as [`crate::validate::is_slug`] accepts them (together with `maxLength` 64):
/// the usual rule or one of [`crate::validate::PRESCRIBED_SLUGS`].
pub const SLUG_PATTERN: &str = "^([a-z0-9]+(-[a-z0-9]+)*|eduStandarts|paid_edu)$";
/// Page and block ids, as [`crate::validate::is_id`] accepts them.
pub const ID_PATTERN: &str = "^[A-Za-z0-9_-]{1,64}$";
/// Theme colours, `#rrggbb`.
pub const COLOR_PATTERN: &str = "^#[0-9a-fA-F]{6}$";

/// The schema's title.
pub const TITLE: &str = "Civic site document";

/// Where the schema of the current version is served: `/schema/site-document.v2.json`.
pub fn schema_path() -> String {
    format!("/schema/site-document.v{SCHEMA_VERSION}.json")
}

/// The JSON Schema (draft 2020-12) of a site document of the current version, with
/// `$schema`, `$id` and `title` first.
pub fn site_document_schema() -> Schema {
    let generated = schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<SiteDocument>();
    let Value::Object(generated) = generated.to_value() else { unreachable!("a struct's schema is an object") };
    let mut ordered = Map::new();
    ordered.insert("$schema".into(), generated.get("$schema").cloned().unwrap_or(Value::Null));
    ordered.insert("$id".into(), schema_path().into());
    ordered.insert("title".into(), TITLE.into());
    for (key, value) in generated {
        ordered.entry(key).or_insert(value);
    }
    Schema::from(ordered)
}
