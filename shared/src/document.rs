//! The site document: serde types of the site, theme and pages, and parsing that
//! migrates older versions and names the JSON path of any problem.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::blocks::Block;

/// The version of the document format this code writes and reads.
pub const SCHEMA_VERSION: u32 = 2;

/// A whole site: its organisation, theme and pages in menu order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SiteDocument {
    /// Format version; documents of older versions are migrated before use.
    #[cfg_attr(feature = "json-schema", schemars(extend("const" = SCHEMA_VERSION)))]
    pub schema_version: u32,
    /// Who the site belongs to.
    pub site: SiteMeta,
    /// Colours and font of the public site.
    pub theme: Theme,
    /// Pages keyed by a stable id, in menu order; the first page is the home page.
    #[cfg_attr(feature = "json-schema", schemars(extend("minProperties" = 1, "maxProperties" = crate::validate::MAX_PAGES, "propertyNames" = { "pattern": crate::json_schema::ID_PATTERN })))]
    pub pages: IndexMap<String, Page>,
}

/// The organisation behind a site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SiteMeta {
    /// Full official name, shown in the header.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub name: String,
    /// Kind of organisation; decides the mandatory structure.
    pub kind: OrgKind,
    /// One line under the name in the header.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub tagline: String,
    /// Address, phone, e-mail: shown in the footer.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_TEXT)))]
    pub contacts: String,
}

/// The organisation kinds Civic knows the mandatory structure of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A regional ministry, committee or agency.
    ExecutiveBody,
    /// A municipal district or town.
    Municipality,
    /// A school.
    School,
    /// A kindergarten.
    Kindergarten,
    /// A hospital or clinic.
    Medical,
}

impl OrgKind {
    /// The kind as stored and sent: `executive_body`, `school`…
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::ExecutiveBody => "executive_body",
            OrgKind::Municipality => "municipality",
            OrgKind::School => "school",
            OrgKind::Kindergarten => "kindergarten",
            OrgKind::Medical => "medical",
        }
    }
}

/// Colours and font of the public site, as CSS custom properties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Header and link colour, `#rrggbb`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::COLOR_PATTERN)))]
    pub primary_color: String,
    /// Accent colour for buttons and highlights, `#rrggbb`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::COLOR_PATTERN)))]
    pub accent_color: String,
    /// Body font family.
    #[serde(default)]
    pub font: ThemeFont,
    /// Logo (coat of arms or emblem) shown in the header: a relative or `https:` address.
    /// Without one the header shows the organisation's initial.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub logo_src: String,
    /// Links in the footer (e.g. the regional government, the personal data policy).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footer_links: Vec<crate::blocks::LinkItem>,
}

impl Theme {
    /// Civic's own colours: the platform's pages (a 404 of no site) and the fallback for a
    /// colour that is not `#rrggbb`.
    pub fn platform() -> Self {
        Self {
            primary_color: "#1f4e8c".into(),
            accent_color: "#c8102e".into(),
            font: ThemeFont::Sans,
            logo_src: String::new(),
            footer_links: Vec::new(),
        }
    }
}

/// The font families a theme can choose from (system fonts: nothing to download).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ThemeFont {
    /// A sans-serif system stack.
    #[default]
    Sans,
    /// A serif system stack.
    Serif,
}

/// One page of the site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Address part: `a-z`, `0-9` and inner hyphens, or `eduStandarts` and `paid_edu`, the two
    /// addresses Rosobrnadzor prescribes letter for letter under `/sveden/`. The page's address
    /// is the chain of its parents' slugs and its own, `/s/<site>/<parent>/<slug>` or
    /// `<site>.<domain>/<parent>/<slug>`; the home page is at the root and its children are top-level.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::SLUG_PATTERN), length(max = 64)))]
    pub slug: String,
    /// Title: the `<h1>` and the `<title>`.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// One or two sentences for search engines and link previews.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub description: String,
    /// Id of the parent page: its address goes before this page's slug, and breadcrumbs and the
    /// page tree follow it. None (or the home page) for top-level pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Whether the page is listed in the main menu.
    #[serde(default = "yes")]
    pub in_menu: bool,
    /// Required by the organisation kind's template (and the law behind it): editors may change
    /// the page but not delete it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mandatory: bool,
    /// Content, top to bottom.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_BLOCKS)))]
    pub blocks: Vec<Block>,
}

fn yes() -> bool {
    true
}

/// A document that could not be read, with the JSON path of the first problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where: `pages.about.blocks[3].level`, or `.` for the whole document.
    pub path: String,
    /// What serde said.
    pub reason: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for ParseError {}

impl ParseError {
    fn from_serde<E: std::fmt::Display>(err: serde_path_to_error::Error<E>) -> Self {
        Self { path: err.path().to_string(), reason: err.inner().to_string() }
    }
}

impl SiteDocument {
    /// Reads a document from JSON, migrating older schema versions, and names the JSON
    /// path of the first problem.
    pub fn from_json(json: &str) -> Result<Self, ParseError> {
        let version = crate::migrate::schema_version_of(json)?;
        if version == SCHEMA_VERSION {
            let mut de = serde_json::Deserializer::from_str(json);
            return serde_path_to_error::deserialize(&mut de).map_err(ParseError::from_serde);
        }
        let value = crate::migrate::to_current(json, version)?;
        serde_path_to_error::deserialize(value).map_err(ParseError::from_serde)
    }

    /// Reads a document the platform wrote itself (the server's draft, the constructor's own
    /// copy): no error paths, no unknown-field report, one deserializer, which keeps the
    /// constructor's wasm small. Older versions are migrated first. Use [`Self::from_json`]
    /// for anything a person or another system sent.
    pub fn from_trusted_json(json: &str) -> Result<Self, ParseError> {
        let version = crate::migrate::schema_version_of(json)?;
        let current;
        let json = if version == SCHEMA_VERSION {
            json
        } else {
            current = crate::migrate::to_current(json, version)?.to_string();
            &current
        };
        serde_json::from_str(json).map_err(|err| ParseError { path: ".".into(), reason: err.to_string() })
    }

    /// Writes the document as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a site document always serialises")
    }

    /// The home page: the first page in menu order.
    pub fn home_page(&self) -> Option<(&String, &Page)> {
        self.pages.first()
    }

    /// The slugs that make up a page's address, outermost first: `["sveden", "common"]`; empty
    /// for the home page. Pages whose parent is the home page (or none) are top-level. `None` for
    /// an unknown page or a broken chain of parents (a missing parent, a loop).
    pub fn page_slugs(&self, page_id: &str) -> Option<Vec<&str>> {
        let home = self.pages.get_index(0).map(|(id, _)| id.as_str());
        let mut slugs = Vec::new();
        let mut current = Some(page_id);
        while let Some(id) = current.filter(|id| Some(*id) != home) {
            if slugs.len() >= self.pages.len() {
                return None;
            }
            let page = self.pages.get(id)?;
            slugs.push(page.slug.as_str());
            current = page.parent.as_deref();
        }
        slugs.reverse();
        Some(slugs)
    }

    /// A page's address below the site, without slashes at either end: `sveden/common`; empty
    /// for the home page. `None` as for [`Self::page_slugs`].
    pub fn page_path(&self, page_id: &str) -> Option<String> {
        self.page_slugs(page_id).map(|slugs| slugs.join("/"))
    }

    /// Finds a page by its address below the site (`sveden/common`, no slashes at the ends);
    /// the empty path means the home page. The home page has no other address.
    pub fn page_by_path(&self, path: &str) -> Option<(&String, &Page)> {
        let (home, _) = self.home_page()?;
        if path.is_empty() {
            return self.home_page();
        }
        // Walk down one segment at a time among the children of the page found so far.
        let mut parent: Option<&str> = None;
        let mut found = None;
        for segment in path.split('/') {
            let is_child = |page: &Page| match parent {
                None => page.parent.as_deref().is_none_or(|p| p == home),
                Some(parent) => page.parent.as_deref() == Some(parent),
            };
            let (id, page) = self.pages.iter().find(|(id, page)| *id != home && page.slug == segment && is_child(page))?;
            parent = Some(id.as_str());
            found = Some((id, page));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_round_trips_through_json() {
        let doc = crate::demo::ministry();
        let again = SiteDocument::from_json(&doc.to_json()).unwrap();
        assert_eq!(doc, again);
    }

    #[test]
    fn an_organisation_kind_is_named_as_serde_sends_it() {
        for kind in [OrgKind::ExecutiveBody, OrgKind::Municipality, OrgKind::School, OrgKind::Kindergarten, OrgKind::Medical] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[test]
    fn unknown_field_is_rejected_with_its_path() {
        let mut value: serde_json::Value = serde_json::from_str(&crate::demo::ministry().to_json()).unwrap();
        value["pages"]["home"]["blocks"][0]["colour"] = "red".into();
        let err = SiteDocument::from_json(&value.to_string()).unwrap_err();
        assert!(err.path.starts_with("pages.home.blocks[0]"), "{err}");
        assert!(err.reason.contains("colour"), "{err}");
    }

    #[test]
    fn raw_html_block_type_does_not_exist() {
        let mut value: serde_json::Value = serde_json::from_str(&crate::demo::ministry().to_json()).unwrap();
        value["pages"]["home"]["blocks"][0] = serde_json::json!({"type": "html", "id": "x", "html": "<script>"});
        let err = SiteDocument::from_json(&value.to_string()).unwrap_err();
        assert_eq!(err.path, "pages.home.blocks[0].type");
        assert!(err.reason.contains("html"), "{err}");
    }

    #[test]
    fn path_lookup_and_home() {
        let doc = crate::demo::ministry();
        assert_eq!(doc.page_by_path("").unwrap().0, "home");
        assert_eq!(doc.page_by_path("kontakty").unwrap().0, "contacts");
        assert_eq!(doc.page_by_path("obrashcheniya/analiz-obrashcheniy").unwrap().0, "analysis");
        for missing in ["nope", "glavnaya", "analiz-obrashcheniy", "obrashcheniya/nope", "kontakty/analiz-obrashcheniy", "obrashcheniya/"] {
            assert!(doc.page_by_path(missing).is_none(), "{missing}");
        }
    }

    #[test]
    fn paths_follow_the_parents() {
        let mut doc = crate::demo::ministry();
        assert_eq!(doc.page_path("home").as_deref(), Some(""));
        assert_eq!(doc.page_path("contacts").as_deref(), Some("kontakty"));
        assert_eq!(doc.page_path("analysis").as_deref(), Some("obrashcheniya/analiz-obrashcheniy"));
        assert_eq!(doc.page_slugs("analysis"), Some(vec!["obrashcheniya", "analiz-obrashcheniy"]));
        assert_eq!(doc.page_path("nope"), None);
        // A child of the home page is top-level; a missing parent or a loop has no address.
        doc.pages.get_mut("contacts").unwrap().parent = Some("home".into());
        assert_eq!(doc.page_path("contacts").as_deref(), Some("kontakty"));
        assert_eq!(doc.page_by_path("kontakty").unwrap().0, "contacts");
        doc.pages.get_mut("contacts").unwrap().parent = Some("gone".into());
        assert_eq!(doc.page_path("contacts"), None);
        doc.pages.get_mut("appeals").unwrap().parent = Some("analysis".into());
        assert_eq!(doc.page_path("analysis"), None);
    }

    #[test]
    fn mandatory_is_written_only_when_set() {
        let mut doc = crate::demo::ministry();
        let page = doc.pages.get_mut("contacts").unwrap();
        page.mandatory = false;
        assert!(!serde_json::to_string(page).unwrap().contains("mandatory"));
        page.mandatory = true;
        assert!(serde_json::to_string(page).unwrap().contains("\"mandatory\":true"));
    }
}
