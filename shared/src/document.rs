//! Site document v1: serde types and parsing with JSON paths in errors.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The version of the document format this code writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole site: its organisation, theme and pages in menu order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteDocument {
    /// Format version; documents of older versions are migrated before use.
    pub schema_version: u32,
    /// Who the site belongs to.
    pub site: SiteMeta,
    /// Colours and font of the public site.
    pub theme: Theme,
    /// Pages keyed by a stable id, in menu order; the first page is the home page.
    pub pages: IndexMap<String, Page>,
}

/// The organisation behind a site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteMeta {
    /// Full official name, shown in the header.
    pub name: String,
    /// Kind of organisation; decides the mandatory structure.
    pub kind: OrgKind,
    /// One line under the name in the header.
    #[serde(default)]
    pub tagline: String,
    /// Address, phone, e-mail: shown in the footer.
    #[serde(default)]
    pub contacts: String,
}

/// The organisation kinds Civic knows the mandatory structure of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Colours and font of the public site, as CSS custom properties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Header and link colour, `#rrggbb`.
    pub primary_color: String,
    /// Accent colour for buttons and highlights, `#rrggbb`.
    pub accent_color: String,
    /// Body font family.
    #[serde(default)]
    pub font: ThemeFont,
}

/// The font families a theme can choose from (system fonts: nothing to download).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Address part: `/s/<site>/<slug>` or `<site>.<domain>/<slug>`.
    pub slug: String,
    /// Title: the `<h1>` and the `<title>`.
    pub title: String,
    /// One or two sentences for search engines and link previews.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether the page is listed in the main menu.
    #[serde(default = "yes")]
    pub in_menu: bool,
    /// Content, top to bottom.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

fn yes() -> bool {
    true
}

/// A content block. Every block has an `id` unique within its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading below the page title.
    Heading(Heading),
    /// A paragraph of structured rich text.
    Paragraph(Paragraph),
    /// A picture with its text alternative.
    Image(Image),
    /// A container grouping child blocks under an optional title.
    Section(Section),
}

/// A heading of level 2 to 4 (the page title is the only level 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Block id.
    pub id: String,
    /// 2, 3 or 4.
    pub level: u8,
    /// Plain text.
    pub text: String,
}

/// A paragraph: a sequence of text runs. Never raw HTML.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Block id.
    pub id: String,
    /// The runs, in reading order.
    pub runs: Vec<TextRun>,
}

/// A stretch of text with one set of marks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRun {
    /// Plain text.
    pub text: String,
    /// Strong emphasis.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    /// Emphasis.
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Link target: a relative path, `https:`, `mailto:` or `tel:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl TextRun {
    /// A run of plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A picture. `alt` is required: it is what a screen reader says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Block id.
    pub id: String,
    /// A relative or `https:` URL.
    pub src: String,
    /// Text alternative.
    pub alt: String,
    /// Visible caption under the picture.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
}

/// A container of child blocks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Block id.
    pub id: String,
    /// Optional heading of the section (level 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Child blocks.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

impl Block {
    /// The block's id.
    pub fn id(&self) -> &str {
        match self {
            Block::Heading(b) => &b.id,
            Block::Paragraph(b) => &b.id,
            Block::Image(b) => &b.id,
            Block::Section(b) => &b.id,
        }
    }

    /// The type name used in JSON (`"heading"`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Heading(_) => "heading",
            Block::Paragraph(_) => "paragraph",
            Block::Image(_) => "image",
            Block::Section(_) => "section",
        }
    }

    /// Child blocks, for containers.
    pub fn children(&self) -> &[Block] {
        match self {
            Block::Section(s) => &s.blocks,
            _ => &[],
        }
    }
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

impl SiteDocument {
    /// Reads a document from JSON, naming the JSON path of the first problem.
    pub fn from_json(json: &str) -> Result<Self, ParseError> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de).map_err(|err| ParseError {
            path: err.path().to_string(),
            reason: err.inner().to_string(),
        })
    }

    /// Writes the document as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a site document always serialises")
    }

    /// The home page: the first page in menu order.
    pub fn home_page(&self) -> Option<(&String, &Page)> {
        self.pages.first()
    }

    /// Finds a page by its slug; the empty slug means the home page.
    pub fn page_by_slug(&self, slug: &str) -> Option<(&String, &Page)> {
        if slug.is_empty() {
            return self.home_page();
        }
        self.pages.iter().find(|(_, page)| page.slug == slug)
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
    fn slug_lookup_and_home() {
        let doc = crate::demo::ministry();
        assert_eq!(doc.page_by_slug("").unwrap().0, "home");
        assert_eq!(doc.page_by_slug("kontakty").unwrap().1.slug, "kontakty");
        assert!(doc.page_by_slug("nope").is_none());
    }
}
