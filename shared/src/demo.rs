//! Demo content: the documents the set-up seeds into local storage.

use crate::document::SiteDocument;

/// The demo ministry's document as JSON, exactly as seeded.
pub const MINISTRY_JSON: &str = include_str!("../demo/mincifra.json");

/// The demo regional ministry.
pub fn ministry() -> SiteDocument {
    SiteDocument::from_json(MINISTRY_JSON).expect("the demo document is valid JSON of schema v1")
}
