//! The block library: every kind of content a page is built from.
//!
//! Blocks are data, never markup: text is structured ([`TextBlock`], [`TextRun`]) and the
//! renderer escapes every string. Containers hold child blocks; data blocks only say what
//! to show and the platform passes the collections in the render context.

use serde::{Deserialize, Serialize};

/// A content block. Every block has an `id` unique within its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading below the page title.
    Heading(Heading),
    /// Rich text: paragraphs, lists and quotes.
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
}

/// A heading of level 2 to 4 (the page title is the only level 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    pub id: String,
    /// 2, 3 or 4.
    pub level: u8,
    pub text: String,
}

/// Rich text as a list of text blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub id: String,
    pub content: Vec<TextBlock>,
}

/// One paragraph, list or quote of rich text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TextBlock {
    /// A paragraph.
    Paragraph { runs: Vec<TextRun> },
    /// A bulleted or numbered list; each item is a run sequence.
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<Vec<TextRun>>,
    },
    /// A quotation with an optional source.
    Quote {
        runs: Vec<TextRun>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        cite: String,
    },
}

/// A stretch of text with one set of marks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRun {
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

fn is_false(value: &bool) -> bool {
    !*value
}

/// A picture. `alt` is required unless the picture is marked decorative.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub id: String,
    /// A relative or `https:` URL.
    pub src: String,
    /// Text alternative: what a screen reader says.
    #[serde(default)]
    pub alt: String,
    /// Purely decorative: rendered with an empty alt, skipped by screen readers.
    #[serde(default, skip_serializing_if = "is_false")]
    pub decorative: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
}

/// A grid of pictures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gallery {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub images: Vec<GalleryImage>,
}

/// One picture of a gallery.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GalleryImage {
    pub src: String,
    pub alt: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
}

/// A prominent link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Button {
    pub id: String,
    pub label: String,
    pub href: String,
    #[serde(default)]
    pub variant: ButtonVariant,
}

/// How strongly a button stands out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ButtonVariant {
    #[default]
    Primary,
    Secondary,
}

/// A link to a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileLink {
    pub id: String,
    pub label: String,
    pub href: String,
    /// Format shown to the visitor, e.g. `PDF`.
    #[serde(default)]
    pub format: String,
    /// Size in bytes, shown as «1,2 МБ».
    #[serde(default)]
    pub size_bytes: u64,
}

/// A table of plain-text cells.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub id: String,
    /// Required: tables are announced by their caption.
    pub caption: String,
    /// The first row holds column headers.
    #[serde(default = "yes")]
    pub header_row: bool,
    pub rows: Vec<Vec<String>>,
}

fn yes() -> bool {
    true
}

/// A titled container.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// Columns side by side.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub id: String,
    pub columns: Vec<Column>,
}

/// One column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// Tabs: each panel has a title and blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tabs {
    pub id: String,
    pub tabs: Vec<Panel>,
}

/// An accordion of questions and answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accordion {
    pub id: String,
    pub items: Vec<Panel>,
}

/// A titled panel of a tab set or accordion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    pub title: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// A card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_src: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_alt: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub href: String,
}

/// A banner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hero {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_src: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image_alt: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub button_label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub button_href: String,
}

/// A horizontal rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Divider {
    pub id: String,
}

/// Vertical space.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spacer {
    pub id: String,
    #[serde(default)]
    pub size: SpacerSize,
}

/// Height of a spacer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpacerSize {
    Small,
    #[default]
    Medium,
    Large,
}

/// Contacts of a person or an office.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContactCard {
    pub id: String,
    pub name: String,
    pub position: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub hours: String,
}

/// An address with a link to a maps service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub address: String,
    /// Optional coordinates for a precise pin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// A video or widget from an allowed host.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Embed {
    pub id: String,
    /// Frame title, read by screen readers.
    pub title: String,
    /// `https:` address on one of [`crate::validate::EMBED_HOSTS`].
    pub url: String,
}

/// The trail of parent pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breadcrumbs {
    pub id: String,
}

/// A list of links; empty means the site's main menu.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Menu {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default)]
    pub links: Vec<LinkItem>,
}

/// A labelled link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkItem {
    pub label: String,
    pub href: String,
}

/// A search form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchBox {
    pub id: String,
}

/// Latest news.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsFeed {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// How many items to show.
    #[serde(default = "default_limit")]
    pub limit: u16,
}

fn default_limit() -> u16 {
    5
}

/// One news item in full.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsItemBlock {
    pub id: String,
    /// Id of the news item; empty means the one the page is opened for.
    #[serde(default)]
    pub news_id: String,
}

/// Announcements.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcements {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default = "default_limit")]
    pub limit: u16,
}

/// Official documents, optionally of one kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentList {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Only documents of this kind (e.g. «Приказ»); empty shows all.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
}

/// Staff directory, optionally of one department.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffDirectory {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
}

/// Phone directory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneDirectory {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// Reception schedule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceptionSchedule {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// Vacancies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vacancies {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// The appeal form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealForm {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Topics offered in the form.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// A poll, by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollBlock {
    pub id: String,
    /// Id of the poll; empty shows the newest open one.
    #[serde(default)]
    pub poll_id: String,
}

/// Official social pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialLinks {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub links: Vec<SocialLink>,
}

/// One official social page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialLink {
    pub network: SocialNetwork,
    pub url: String,
}

/// Networks where public bodies keep official pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SocialNetwork {
    #[default]
    Vk,
    Ok,
    Telegram,
    Max,
    Rutube,
}

/// «Анализ обращений».
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealAnalysis {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
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
