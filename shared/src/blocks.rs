//! The block library: every kind of content a page is built from.
//!
//! Blocks are data, never markup: text is structured ([`TextBlock`], [`TextRun`]) and the
//! renderer escapes every string. Containers hold child blocks; data blocks only say what
//! to show and the platform passes the collections in the render context.

use serde::{Deserialize, Serialize};

mod data;
pub use data::*;
#[cfg_attr(feature = "derived-block-serde", allow(dead_code))]
mod tag_first;

/// A content block. Every block has an `id` unique within its page.
// Read by serde's derived code with the feature `derived-block-serde` (the edge), else type
// first (`tag_first.rs`): the same blocks, less wasm.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "derived-block-serde", derive(Deserialize))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading below the page title.
    Heading(Heading),
    /// Rich text: paragraphs, headings, lists and quotes.
    Text(Text),
    /// A picture.
    Image(Image),
    /// Several pictures in a grid.
    Gallery(Gallery),
    /// A prominent link styled as a button.
    Button(Button),
    /// A link to a file with its format and size.
    FileLink(FileLink),
    /// A table of plain-text cells.
    Table(Table),
    /// A titled group of blocks.
    Section(Section),
    /// Two to four columns side by side (stacked on phones).
    Columns(Columns),
    /// Panels reached from a list of tabs (without JavaScript: jump links).
    Tabs(Tabs),
    /// Questions and answers that open in place (`<details>`).
    Accordion(Accordion),
    /// A card: picture, title, short text and a link.
    Card(Card),
    /// A large banner at the top of a page.
    Hero(Hero),
    /// A horizontal rule.
    Divider(Divider),
    /// Vertical space.
    Spacer(Spacer),
    /// A person or office with phone, e-mail, address and hours.
    ContactCard(ContactCard),
    /// An address card with a link to a maps service (no third-party script).
    Map(Map),
    /// A video or widget from an allowed host, in a sandboxed frame.
    Embed(Embed),
    /// The trail of parent pages.
    Breadcrumbs(Breadcrumbs),
    /// A list of links (or the site's main menu).
    Menu(Menu),
    /// A site search form.
    SearchBox(SearchBox),
    /// Latest news.
    NewsFeed(NewsFeed),
    /// One news item in full.
    NewsItem(NewsItemBlock),
    /// Announcements.
    Announcements(Announcements),
    /// Official documents.
    DocumentList(DocumentList),
    /// Staff directory.
    StaffDirectory(StaffDirectory),
    /// Phone directory.
    PhoneDirectory(PhoneDirectory),
    /// Reception schedule of officials.
    ReceptionSchedule(ReceptionSchedule),
    /// Open vacancies.
    Vacancies(Vacancies),
    /// The public appeal form.
    AppealForm(AppealForm),
    /// A poll.
    Poll(PollBlock),
    /// Official social pages («Госпаблики»).
    SocialLinks(SocialLinks),
    /// Figures and charts of appeals («Анализ обращений»).
    AppealAnalysis(AppealAnalysis),
    /// A subsection of «Сведения об образовательной организации» with its microdata.
    Sveden(Sveden),
    /// A public discussion of a draft document.
    Discussion(Discussion),
}

#[cfg(not(feature = "derived-block-serde"))]
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        tag_first::deserialize(deserializer)
    }
}

/// A heading of level 2 to 4 (the page title is the only level 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// 2, 3 or 4.
    #[cfg_attr(feature = "json-schema", schemars(range(min = 2, max = 4)))]
    pub level: u8,
    /// Heading text.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub text: String,
}

/// Rich text as a list of text blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Paragraphs, headings, lists and quotes, top to bottom.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_BLOCKS)))]
    pub content: Vec<TextBlock>,
}

/// One paragraph, heading, list or quote of rich text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TextBlock {
    /// A paragraph.
    Paragraph {
        /// Stretches of text with their marks.
        #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
        runs: Vec<TextRun>,
    },
    /// A heading inside the text, of level 2 to 4 like the heading block (the page title is
    /// the only level 1).
    Heading {
        /// 2, 3 or 4.
        #[cfg_attr(feature = "json-schema", schemars(range(min = 2, max = 4)))]
        level: u8,
        /// The heading's text with its marks.
        #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
        runs: Vec<TextRun>,
    },
    /// A bulleted or numbered list; each item is a run sequence.
    List {
        /// Numbered rather than bulleted.
        #[serde(default)]
        ordered: bool,
        /// The items, each a sequence of runs.
        #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_BLOCKS)))]
        items: Vec<Vec<TextRun>>,
    },
    /// A quotation with an optional source.
    Quote {
        /// The quoted text.
        #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
        runs: Vec<TextRun>,
        /// Who or what is quoted; empty for none.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
        cite: String,
    },
}

impl TextBlock {
    /// Every run of the block in reading order, a list's items one after another.
    pub fn runs(&self) -> impl Iterator<Item = &TextRun> {
        let (runs, items): (&[TextRun], &[Vec<TextRun>]) = match self {
            TextBlock::Paragraph { runs } | TextBlock::Heading { runs, .. } | TextBlock::Quote { runs, .. } => (runs, &[]),
            TextBlock::List { items, .. } => (&[], items),
        };
        runs.iter().chain(items.iter().flatten())
    }

    /// [`TextBlock::runs`], to change them.
    pub fn runs_mut(&mut self) -> impl Iterator<Item = &mut TextRun> {
        let (runs, items): (&mut [TextRun], &mut [Vec<TextRun>]) = match self {
            TextBlock::Paragraph { runs } | TextBlock::Heading { runs, .. } | TextBlock::Quote { runs, .. } => (runs, &mut []),
            TextBlock::List { items, .. } => (&mut [], items),
        };
        runs.iter_mut().chain(items.iter_mut().flatten())
    }
}

/// A stretch of text with one set of marks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TextRun {
    /// The text itself.
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_TEXT)))]
    pub text: String,
    /// Strong emphasis.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    /// Emphasis.
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Link target: a relative path, `https:`, `mailto:`, `tel:` or `#anchor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl TextRun {
    /// A run of plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }
}

/// The first block among `blocks` and their children, in reading order, that `matches`.
pub fn find_block<'a>(blocks: &'a [Block], matches: &dyn Fn(&Block) -> bool) -> Option<&'a Block> {
    blocks.iter().find_map(|block| {
        if matches(block) {
            Some(block)
        } else {
            block.child_groups().into_iter().find_map(|group| find_block(group, matches))
        }
    })
}

pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}

/// A picture. `alt` is required unless the picture is marked decorative.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// A relative or `https:` URL.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
    pub src: String,
    /// Text alternative: what a screen reader says.
    #[serde(default)]
    pub alt: String,
    /// Purely decorative: rendered with an empty alt, skipped by screen readers.
    #[serde(default, skip_serializing_if = "is_false")]
    pub decorative: bool,
    /// Caption under the picture; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_TEXT)))]
    pub caption: String,
}

/// A grid of pictures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Gallery {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// The pictures, in order.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = 100)))]
    pub images: Vec<GalleryImage>,
}

/// One picture of a gallery.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GalleryImage {
    /// A relative or `https:` URL.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
    pub src: String,
    /// Text alternative: what a screen reader says.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub alt: String,
    /// Caption under the picture; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub caption: String,
}

/// A prominent link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Button {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Text on the button.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub label: String,
    /// Link target: a relative path, `https:`, `mailto:`, `tel:` or `#anchor`.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
    pub href: String,
    /// How strongly the button stands out.
    #[serde(default)]
    pub variant: ButtonVariant,
}

/// How strongly a button stands out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ButtonVariant {
    /// The main action: stands out.
    #[default]
    Primary,
    /// A secondary action: quieter.
    Secondary,
}

/// A link to a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FileLink {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Name of the file as visitors see it.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub label: String,
    /// Address of the file. Link target: a relative path, `https:`, `mailto:`, `tel:` or `#anchor`.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
    pub href: String,
    /// Format shown to the visitor, e.g. `PDF`.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub format: String,
    /// Size in bytes, shown as «1,2 МБ».
    #[serde(default)]
    pub size_bytes: u64,
}

/// A table of plain-text cells.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Required: tables are announced by their caption.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub caption: String,
    /// The first row holds column headers.
    #[serde(default = "yes")]
    pub header_row: bool,
    /// Rows of plain-text cells; every row has as many cells as the first.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_TABLE_ROWS), inner(length(max = crate::validate::MAX_TABLE_COLUMNS))))]
    pub rows: Vec<Vec<String>>,
}

fn yes() -> bool {
    true
}

/// A titled container.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading of the section; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Child blocks, top to bottom.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_BLOCKS)))]
    pub blocks: Vec<Block>,
}

/// Columns side by side.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// The columns, left to right: two to four.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 2, max = 4)))]
    pub columns: Vec<Column>,
}

/// One column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Blocks of the column, top to bottom.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_BLOCKS)))]
    pub blocks: Vec<Block>,
}

/// Tabs: each panel has a title and blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tabs {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// The tabs, in order.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = 20)))]
    pub tabs: Vec<Panel>,
}

/// An accordion of questions and answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Accordion {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Questions (panel titles) with their answers (panel blocks).
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = 20)))]
    pub items: Vec<Panel>,
}

/// A titled panel of a tab set or accordion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Panel {
    /// Tab label or question.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Content of the panel, top to bottom.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_BLOCKS)))]
    pub blocks: Vec<Block>,
}

/// A card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Title of the card.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Short text; empty for none.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_TEXT)))]
    pub text: String,
    /// Picture: a relative or `https:` URL; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_src: String,
    /// Text alternative of the picture; required when there is one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub image_alt: String,
    /// Where the card leads; empty for nowhere. Link target: a relative path, `https:`, `mailto:`, `tel:` or `#anchor`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub href: String,
}

/// A banner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Hero {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Title of the banner.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Text under the title; empty for none.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_TEXT)))]
    pub text: String,
    /// Picture: a relative or `https:` URL; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_src: String,
    /// Text alternative of the picture; required when there is one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub image_alt: String,
    /// Text of the banner's button; empty for no button.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub button_label: String,
    /// Where the button leads; required with a label. Link target: a relative path, `https:`, `mailto:`, `tel:` or `#anchor`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub button_href: String,
}

/// A horizontal rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Divider {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
}

/// Vertical space.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Spacer {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// How much space.
    #[serde(default)]
    pub size: SpacerSize,
}

/// Height of a spacer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpacerSize {
    /// The smallest gap.
    Small,
    /// The usual gap.
    #[default]
    Medium,
    /// The largest gap.
    Large,
}

/// Contacts of a person or an office.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ContactCard {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Name of the person or office.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub name: String,
    /// Position or role.
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub position: String,
    /// Phone number.
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub phone: String,
    /// E-mail address.
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub email: String,
    /// Postal address.
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub address: String,
    /// Office or reception hours.
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub hours: String,
}

/// An address with a link to a maps service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Postal address; the maps link searches for it.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub address: String,
    /// Latitude in degrees, for a precise pin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "json-schema", schemars(range(min = -90, max = 90)))]
    pub latitude: Option<f64>,
    /// Longitude in degrees, for a precise pin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "json-schema", schemars(range(min = -180, max = 180)))]
    pub longitude: Option<f64>,
}

/// A video or widget from an allowed host.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Embed {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Frame title, read by screen readers.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// `https:` address on one of [`crate::validate::EMBED_HOSTS`].
    pub url: String,
}

/// The trail of parent pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Breadcrumbs {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
}

/// A list of links; empty means the site's main menu.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Menu {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// The links; empty shows the site's main menu.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = 100)))]
    pub links: Vec<LinkItem>,
}

/// A labelled link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkItem {
    /// Link text.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub label: String,
    /// Link target: a relative path, `https:`, `mailto:`, `tel:` or `#anchor`.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1)))]
    pub href: String,
}

/// A search form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SearchBox {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
}

impl Block {
    /// The block's id.
    pub fn id(&self) -> &str {
        match self {
            Block::Heading(b) => &b.id,
            Block::Text(b) => &b.id,
            Block::Image(b) => &b.id,
            Block::Gallery(b) => &b.id,
            Block::Button(b) => &b.id,
            Block::FileLink(b) => &b.id,
            Block::Table(b) => &b.id,
            Block::Section(b) => &b.id,
            Block::Columns(b) => &b.id,
            Block::Tabs(b) => &b.id,
            Block::Accordion(b) => &b.id,
            Block::Card(b) => &b.id,
            Block::Hero(b) => &b.id,
            Block::Divider(b) => &b.id,
            Block::Spacer(b) => &b.id,
            Block::ContactCard(b) => &b.id,
            Block::Map(b) => &b.id,
            Block::Embed(b) => &b.id,
            Block::Breadcrumbs(b) => &b.id,
            Block::Menu(b) => &b.id,
            Block::SearchBox(b) => &b.id,
            Block::NewsFeed(b) => &b.id,
            Block::NewsItem(b) => &b.id,
            Block::Announcements(b) => &b.id,
            Block::DocumentList(b) => &b.id,
            Block::StaffDirectory(b) => &b.id,
            Block::PhoneDirectory(b) => &b.id,
            Block::ReceptionSchedule(b) => &b.id,
            Block::Vacancies(b) => &b.id,
            Block::AppealForm(b) => &b.id,
            Block::Poll(b) => &b.id,
            Block::SocialLinks(b) => &b.id,
            Block::AppealAnalysis(b) => &b.id,
            Block::Sveden(b) => &b.id,
            Block::Discussion(b) => &b.id,
        }
    }

    /// The type name used in JSON (`"heading"`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Heading(_) => "heading",
            Block::Text(_) => "text",
            Block::Image(_) => "image",
            Block::Gallery(_) => "gallery",
            Block::Button(_) => "button",
            Block::FileLink(_) => "file_link",
            Block::Table(_) => "table",
            Block::Section(_) => "section",
            Block::Columns(_) => "columns",
            Block::Tabs(_) => "tabs",
            Block::Accordion(_) => "accordion",
            Block::Card(_) => "card",
            Block::Hero(_) => "hero",
            Block::Divider(_) => "divider",
            Block::Spacer(_) => "spacer",
            Block::ContactCard(_) => "contact_card",
            Block::Map(_) => "map",
            Block::Embed(_) => "embed",
            Block::Breadcrumbs(_) => "breadcrumbs",
            Block::Menu(_) => "menu",
            Block::SearchBox(_) => "search_box",
            Block::NewsFeed(_) => "news_feed",
            Block::NewsItem(_) => "news_item",
            Block::Announcements(_) => "announcements",
            Block::DocumentList(_) => "document_list",
            Block::StaffDirectory(_) => "staff_directory",
            Block::PhoneDirectory(_) => "phone_directory",
            Block::ReceptionSchedule(_) => "reception_schedule",
            Block::Vacancies(_) => "vacancies",
            Block::AppealForm(_) => "appeal_form",
            Block::Poll(_) => "poll",
            Block::SocialLinks(_) => "social_links",
            Block::AppealAnalysis(_) => "appeal_analysis",
            Block::Sveden(_) => "sveden",
            Block::Discussion(_) => "discussion",
        }
    }

    /// Groups of child blocks, for containers (a section has one, columns one per column).
    pub fn child_groups(&self) -> Vec<&[Block]> {
        match self {
            Block::Section(s) => vec![&s.blocks],
            Block::Columns(c) => c.columns.iter().map(|col| col.blocks.as_slice()).collect(),
            Block::Tabs(t) => t.tabs.iter().map(|p| p.blocks.as_slice()).collect(),
            Block::Accordion(a) => a.items.iter().map(|p| p.blocks.as_slice()).collect(),
            _ => Vec::new(),
        }
    }

    /// Mutable groups of child blocks.
    pub fn child_groups_mut(&mut self) -> Vec<&mut Vec<Block>> {
        match self {
            Block::Section(s) => vec![&mut s.blocks],
            Block::Columns(c) => c.columns.iter_mut().map(|col| &mut col.blocks).collect(),
            Block::Tabs(t) => t.tabs.iter_mut().map(|p| &mut p.blocks).collect(),
            Block::Accordion(a) => a.items.iter_mut().map(|p| &mut p.blocks).collect(),
            _ => Vec::new(),
        }
    }

    /// Every child block, depth first.
    pub fn children(&self) -> impl Iterator<Item = &Block> {
        self.child_groups().into_iter().flatten()
    }
}
