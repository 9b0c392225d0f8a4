//! Demo content: the documents and collections the set-up seeds into local storage.

use crate::collections::RenderData;
use crate::document::SiteDocument;

/// The demo ministry's document as JSON, exactly as seeded.
pub const MINISTRY_JSON: &str = include_str!("../demo/mincifra.json");

/// The demo ministry's collections (news, documents, staff…) as JSON, exactly as seeded.
pub const MINISTRY_DATA_JSON: &str = include_str!("../demo/mincifra-data.json");

/// The demo regional ministry.
pub fn ministry() -> SiteDocument {
    SiteDocument::from_json(MINISTRY_JSON).expect("the demo document is valid JSON of the current schema")
}

/// The demo ministry's collections.
pub fn ministry_data() -> RenderData {
    serde_json::from_str(MINISTRY_DATA_JSON).expect("the demo collections are valid")
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_collections_parse() {
        let data = super::ministry_data();
        assert_eq!(data.news.len(), 3);
        assert!(data.appeal_stats.is_some());
    }
}
