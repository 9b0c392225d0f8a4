//! Demo content: the documents and collections the set-up seeds into local storage, one demo
//! site per organisation kind, each built from its kind's template ([`crate::templates`]).

use crate::collections::RenderData;
use crate::document::SiteDocument;

/// One demo site: its address and its JSON, exactly as `scripts/seed.mjs` seeds it.
#[derive(Clone, Copy, Debug)]
pub struct DemoSite {
    /// Site slug: `/s/<slug>/`.
    pub slug: &'static str,
    /// The site document.
    pub document_json: &'static str,
    /// The collections (news, documents, staff…).
    pub data_json: &'static str,
}

impl DemoSite {
    /// The parsed document.
    pub fn document(&self) -> SiteDocument {
        SiteDocument::from_json(self.document_json).expect("a demo document is valid JSON of the current schema")
    }

    /// The parsed collections.
    pub fn data(&self) -> RenderData {
        serde_json::from_str(self.data_json).expect("demo collections are valid")
    }
}

/// The demo ministry's document as JSON, exactly as seeded.
pub const MINISTRY_JSON: &str = include_str!("../demo/mincifra.json");

/// The demo ministry's collections (news, documents, staff…) as JSON, exactly as seeded.
pub const MINISTRY_DATA_JSON: &str = include_str!("../demo/mincifra-data.json");

/// The four demo sites in the order of their ids in `scripts/seed.mjs`: a regional ministry,
/// a municipality, a school and a hospital.
pub const SITES: [DemoSite; 4] = [
    DemoSite { slug: "mincifra", document_json: MINISTRY_JSON, data_json: MINISTRY_DATA_JSON },
    DemoSite { slug: "kasimov", document_json: include_str!("../demo/kasimov.json"), data_json: include_str!("../demo/kasimov-data.json") },
    DemoSite { slug: "school7", document_json: include_str!("../demo/school7.json"), data_json: include_str!("../demo/school7-data.json") },
    DemoSite { slug: "gb4", document_json: include_str!("../demo/gb4.json"), data_json: include_str!("../demo/gb4-data.json") },
];

/// The demo site with this slug.
pub fn site(slug: &str) -> Option<DemoSite> {
    SITES.into_iter().find(|site| site.slug == slug)
}

/// The demo regional ministry.
pub fn ministry() -> SiteDocument {
    SITES[0].document()
}

/// The demo ministry's collections.
pub fn ministry_data() -> RenderData {
    SITES[0].data()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::OrgKind;
    use crate::templates::{mandatory_pages, starter};
    use crate::validate::validate;

    #[test]
    fn demo_collections_parse() {
        let data = super::ministry_data();
        assert_eq!(data.news.len(), 3);
        assert!(data.appeal_stats.is_some());
        for site in SITES {
            let data = site.data();
            assert!(!data.news.is_empty() && !data.documents.is_empty() && !data.staff.is_empty(), "{}", site.slug);
            assert!(!data.phones.is_empty() && !data.reception.is_empty() && !data.polls.is_empty(), "{}", site.slug);
            assert!(data.appeal_stats.is_some(), "{}", site.slug);
        }
    }

    #[test]
    fn every_demo_document_is_valid() {
        for site in SITES {
            assert_eq!(validate(&site.document()), vec![], "{}", site.slug);
        }
    }

    #[test]
    fn one_demo_site_per_kind_of_the_demo_data() {
        let kinds: Vec<OrgKind> = SITES.iter().map(|site| site.document().site.kind).collect();
        assert_eq!(kinds, [OrgKind::ExecutiveBody, OrgKind::Municipality, OrgKind::School, OrgKind::Medical]);
        assert_eq!(site("school7").map(|s| s.slug), Some("school7"));
        assert!(site("nope").is_none());
    }

    /// Each demo keeps every page its kind's template marks mandatory, still marked, at the
    /// template's address. The ministry predates the templates and keeps the addresses its
    /// visitors know for two of them.
    #[test]
    fn every_demo_has_the_mandatory_pages_of_its_template() {
        const OWN_ADDRESSES: [(&str, &str, &str); 2] =
            [("mincifra", "about", "o-ministerstve"), ("mincifra", "analysis", "obrashcheniya/analiz-obrashcheniy")];
        for site in SITES {
            let doc = site.document();
            let template = starter(doc.site.kind, &doc.site.name);
            for id in mandatory_pages(doc.site.kind) {
                let page = doc.pages.get(id).unwrap_or_else(|| panic!("{}: no mandatory page {id}", site.slug));
                assert!(page.mandatory, "{}: page {id} is not marked mandatory", site.slug);
                let expected = match OWN_ADDRESSES.iter().find(|(slug, page, _)| (*slug, *page) == (site.slug, id)) {
                    Some((_, _, path)) => Some(path.to_string()),
                    None => template.page_path(id),
                };
                assert_eq!(doc.page_path(id), expected, "{}: address of {id}", site.slug);
            }
        }
    }

    /// Rosobrnadzor's checkers read these exact addresses.
    #[test]
    fn the_school_answers_at_every_sveden_address() {
        let doc = site("school7").unwrap().document();
        for slug in ["common", "struct", "document", "education", "eduStandarts", "managers", "employees", "objects", "grants", "paid_edu", "budget", "vacant", "inter", "catering"] {
            assert!(doc.page_by_path(&format!("sveden/{slug}")).is_some(), "/sveden/{slug}");
        }
    }
}
