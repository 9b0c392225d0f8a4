//! Validation of a parsed document: every problem, each with its JSON path.

use std::collections::HashSet;

use crate::blocks::{Block, Panel, TextBlock, TextRun};
use crate::compliance::sveden::{self, ValueKind};
use crate::document::{Page, SiteDocument, SCHEMA_VERSION};
use crate::messages::Lang;

/// Sections may contain sections down to this depth.
pub const MAX_SECTION_DEPTH: usize = 4;
/// Longest title, name or heading.
pub const MAX_LINE: usize = 300;
/// Longest text run, caption or contact block.
pub const MAX_TEXT: usize = 20_000;
/// Most pages a site may have.
pub const MAX_PAGES: usize = 2_000;
/// Most blocks in one container.
pub const MAX_BLOCKS: usize = 1_000;
/// Most rows and columns of a table.
pub const MAX_TABLE_ROWS: usize = 2_000;
/// See [`MAX_TABLE_ROWS`].
pub const MAX_TABLE_COLUMNS: usize = 50;
/// Top-level addresses the platform itself answers under every site (search, files).
pub const RESERVED_SLUGS: &[&str] = &["poisk", "media"];
/// Hosts whose players and widgets may be embedded (in a sandboxed frame). The last one is
/// the federal feedback platform («Платформа обратной связи»).
pub const EMBED_HOSTS: &[&str] = &["rutube.ru", "vk.com", "vkvideo.ru", "pos.gosuslugi.ru"];

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `pages.about.blocks[3].src`.
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// The message in the given language, prefixed by nothing: show the path separately.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }
}

/// The kinds of problem validation finds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// `schema_version` is not the current one.
    UnsupportedSchemaVersion { found: u32 },
    /// A required text is empty.
    Required,
    /// A text is too long.
    TooLong { max: usize },
    /// A page slug has characters other than `a-z`, `0-9` and inner hyphens.
    BadSlug,
    /// Two pages have the same address (the same slug under the same parent).
    DuplicatePath,
    /// A page or block id has unexpected characters.
    BadId,
    /// Two blocks on one page share an id.
    DuplicateId,
    /// An image source is not relative or `https:`.
    BadImageUrl,
    /// A link is not relative, `https:`, `mailto:` or `tel:`.
    BadLink,
    /// Heading level outside 2..=4.
    BadHeadingLevel,
    /// A colour is not `#rrggbb`.
    BadColor,
    /// The site has no pages.
    NoPages,
    /// Sections nested too deep.
    TooDeep { max: usize },
    /// Too many pages or blocks.
    TooMany { max: usize },
    /// An embed address is not `https:` on an allowed host.
    BadEmbedHost,
    /// The feedback platform's widget is not an `https:` address on `pos.gosuslugi.ru`.
    NotPosWidget,
    /// A block is placed where it may not be (e.g. columns inside columns).
    NotAllowedHere,
    /// Table rows have different numbers of cells.
    RaggedTable,
    /// A number outside its range.
    OutOfRange { min: i64, max: i64 },
    /// The parent page does not exist or the pages form a loop.
    BadParent,
    /// A top-level page would hide a platform address (`poisk`, `media`).
    ReservedSlug,
    /// Not a calendar date as `YYYY-MM-DD`.
    BadDate,
    /// A page the organisation's template requires was removed or unmarked.
    MandatoryPage,
    /// Not a phone number.
    BadPhone,
    /// Not an e-mail address.
    BadEmail,
    /// Not a subsection of «Сведения об образовательной организации».
    UnknownSection,
    /// A field or main tag the subsection does not have.
    UnknownField,
    /// A theme colour too light for white text on it (decree 102 item «з»): the contrast in
    /// tenths (45 = 4.5:1) and the least allowed.
    LowContrast { tenths: u32, min_tenths: u32 },
    /// A period that ends before it begins.
    EndsBeforeStart,
    /// A list of lines (a poll's answers) with too few or too many of them.
    LineCount { min: usize, max: usize },
    /// The answers of a poll that already has votes were changed.
    AnswersHaveVotes,
}

impl ProblemKind {
    /// Whether this is a size limit (too long, too many, too deep). An edit that breaks one is
    /// refused as it is made; an empty required field, by contrast, is a normal step of editing.
    pub fn is_limit(&self) -> bool {
        matches!(self, ProblemKind::TooLong { .. } | ProblemKind::TooMany { .. } | ProblemKind::TooDeep { .. })
    }
}

/// The problems of one block's own fields (not of its children), with paths inside the block
/// (`content`, `images[2].alt`): what the editor checks as each edit is made.
pub fn block_problems(block: &Block) -> Vec<Problem> {
    let mut v = Validator { problems: Vec::new() };
    v.block("", block);
    for problem in &mut v.problems {
        problem.path = problem.path.trim_start_matches('.').to_string();
    }
    v.problems
}

/// The WCAG contrast ratio of a `#rrggbb` colour with white, if it is one.
pub fn contrast_with_white(color: &str) -> Option<f64> {
    if !is_hex_color(color) {
        return None;
    }
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&color[i..i + 2], 16).ok()?) / 255.0;
        Some(if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) })
    };
    let luminance = 0.2126 * channel(1)? + 0.7152 * channel(3)? + 0.0722 * channel(5)?;
    Some(1.05 / (luminance + 0.05))
}

/// Returns every problem of the document; empty means valid.
pub fn validate(doc: &SiteDocument) -> Vec<Problem> {
    let mut v = Validator { problems: Vec::new() };
    if doc.schema_version != SCHEMA_VERSION {
        v.push("schema_version", ProblemKind::UnsupportedSchemaVersion { found: doc.schema_version });
    }
    v.line("site.name", &doc.site.name, true);
    v.line("site.tagline", &doc.site.tagline, false);
    v.text("site.contacts", &doc.site.contacts);
    v.color("theme.primary_color", &doc.theme.primary_color);
    v.color("theme.accent_color", &doc.theme.accent_color);
    v.contrast_with_white("theme.primary_color", &doc.theme.primary_color, 45);
    v.contrast_with_white("theme.accent_color", &doc.theme.accent_color, 30);
    v.image_url("theme.logo_src", &doc.theme.logo_src, false);
    v.count("theme.footer_links", doc.theme.footer_links.len(), 0, 20);
    for (i, link) in doc.theme.footer_links.iter().enumerate() {
        v.line(&format!("theme.footer_links[{i}].label"), &link.label, true);
        v.link(&format!("theme.footer_links[{i}].href"), &link.href, true);
    }
    if doc.pages.is_empty() {
        v.push("pages", ProblemKind::NoPages);
    }
    if doc.pages.len() > MAX_PAGES {
        v.push("pages", ProblemKind::TooMany { max: MAX_PAGES });
    }
    let mut addresses = HashSet::new();
    for (id, page) in &doc.pages {
        let path = format!("pages.{id}");
        if !is_id(id) {
            v.push(&path, ProblemKind::BadId);
        }
        v.page(&path, page);
        if !parent_chain_ok(doc, id) {
            v.push(&format!("{path}.parent"), ProblemKind::BadParent);
        } else if doc.page_slugs(id).is_some_and(|address| !addresses.insert(address)) {
            v.push(&format!("{path}.slug"), ProblemKind::DuplicatePath);
        } else if doc.page_slugs(id).is_some_and(|address| address.len() == 1 && RESERVED_SLUGS.contains(&address[0])) {
            v.push(&format!("{path}.slug"), ProblemKind::ReservedSlug);
        }
    }
    v.problems
}

/// The page's ancestors exist and do not loop back to it.
fn parent_chain_ok(doc: &SiteDocument, page_id: &str) -> bool {
    let mut current = page_id;
    for _ in 0..doc.pages.len() {
        match doc.pages.get(current).and_then(|p| p.parent.as_deref()) {
            None => return true,
            Some(parent) if parent == page_id || !doc.pages.contains_key(parent) => return false,
            Some(parent) => current = parent,
        }
    }
    false
}

struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn push(&mut self, path: &str, kind: ProblemKind) {
        self.problems.push(Problem { path: path.to_string(), kind });
    }

    fn line(&mut self, path: &str, value: &str, required: bool) {
        if required && value.trim().is_empty() {
            self.push(path, ProblemKind::Required);
        } else if value.chars().count() > MAX_LINE {
            self.push(path, ProblemKind::TooLong { max: MAX_LINE });
        }
    }

    fn text(&mut self, path: &str, value: &str) {
        if value.chars().count() > MAX_TEXT {
            self.push(path, ProblemKind::TooLong { max: MAX_TEXT });
        }
    }

    fn color(&mut self, path: &str, value: &str) {
        if !is_hex_color(value) {
            self.push(path, ProblemKind::BadColor);
        }
    }

    /// White text stands on the primary colour (header, buttons): 4.5:1 at least; the accent
    /// marks focus and the current page: 3:1, as for non-text contrast.
    fn contrast_with_white(&mut self, path: &str, value: &str, min_tenths: u32) {
        if let Some(ratio) = contrast_with_white(value) {
            let tenths = (ratio * 10.0).floor() as u32;
            if tenths < min_tenths {
                self.push(path, ProblemKind::LowContrast { tenths, min_tenths });
            }
        }
    }

    fn page(&mut self, path: &str, page: &Page) {
        if !is_slug(&page.slug) {
            self.push(&format!("{path}.slug"), ProblemKind::BadSlug);
        }
        self.line(&format!("{path}.title"), &page.title, true);
        if page.description.chars().count() > MAX_LINE {
            self.push(&format!("{path}.description"), ProblemKind::TooLong { max: MAX_LINE });
        }
        let mut ids = HashSet::new();
        self.blocks(&format!("{path}.blocks"), &page.blocks, Place::Page, 1, &mut ids);
    }

    fn blocks<'a>(&mut self, path: &str, blocks: &'a [Block], place: Place, depth: usize, ids: &mut HashSet<&'a str>) {
        if blocks.len() > MAX_BLOCKS {
            self.push(path, ProblemKind::TooMany { max: MAX_BLOCKS });
        }
        for (index, block) in blocks.iter().enumerate() {
            let path = format!("{path}[{index}]");
            if !is_id(block.id()) {
                self.push(&format!("{path}.id"), ProblemKind::BadId);
            } else if !ids.insert(block.id()) {
                self.push(&format!("{path}.id"), ProblemKind::DuplicateId);
            }
            if !place.allows(block) {
                self.push(&path, ProblemKind::NotAllowedHere);
            }
            self.block(&path, block);
            let groups = block.child_groups();
            if groups.is_empty() {
                continue;
            }
            if depth >= MAX_SECTION_DEPTH {
                self.push(&path, ProblemKind::TooDeep { max: MAX_SECTION_DEPTH });
                continue;
            }
            let inner = Place::Inside(block.type_name());
            match block {
                Block::Section(s) => self.blocks(&format!("{path}.blocks"), &s.blocks, inner, depth + 1, ids),
                Block::Columns(c) => {
                    for (i, column) in c.columns.iter().enumerate() {
                        self.blocks(&format!("{path}.columns[{i}].blocks"), &column.blocks, inner, depth + 1, ids);
                    }
                }
                Block::Tabs(t) => self.panels(&format!("{path}.tabs"), &t.tabs, inner, depth, ids),
                Block::Accordion(a) => self.panels(&format!("{path}.items"), &a.items, inner, depth, ids),
                _ => {}
            }
        }
    }

    fn panels<'a>(&mut self, path: &str, panels: &'a [Panel], place: Place, depth: usize, ids: &mut HashSet<&'a str>) {
        self.count(path, panels.len(), 1, 20);
        for (i, panel) in panels.iter().enumerate() {
            self.line(&format!("{path}[{i}].title"), &panel.title, true);
            self.blocks(&format!("{path}[{i}].blocks"), &panel.blocks, place, depth + 1, ids);
        }
    }

    /// The block's own fields (children are checked by `blocks`).
    fn block(&mut self, path: &str, block: &Block) {
        let at = |key: &str| format!("{path}.{key}");
        match block {
            Block::Heading(h) => {
                if !(2..=4).contains(&h.level) {
                    self.push(&at("level"), ProblemKind::BadHeadingLevel);
                }
                self.line(&at("text"), &h.text, true);
            }
            Block::Text(t) => self.rich_text(&at("content"), &t.content),
            Block::Image(img) => {
                self.image_url(&at("src"), &img.src, true);
                if !img.decorative {
                    self.line(&at("alt"), &img.alt, true);
                }
                self.text(&at("caption"), &img.caption);
            }
            Block::Gallery(g) => {
                self.line(&at("title"), &g.title, false);
                self.count(&at("images"), g.images.len(), 1, 100);
                for (i, img) in g.images.iter().enumerate() {
                    self.image_url(&format!("{path}.images[{i}].src"), &img.src, true);
                    self.line(&format!("{path}.images[{i}].alt"), &img.alt, true);
                    self.line(&format!("{path}.images[{i}].caption"), &img.caption, false);
                }
            }
            Block::Button(b) => {
                self.line(&at("label"), &b.label, true);
                self.link(&at("href"), &b.href, true);
            }
            Block::FileLink(file) => {
                self.line(&at("label"), &file.label, true);
                self.link(&at("href"), &file.href, true);
                self.line(&at("format"), &file.format, false);
            }
            Block::Table(t) => {
                self.line(&at("caption"), &t.caption, true);
                self.count(&at("rows"), t.rows.len(), 1, MAX_TABLE_ROWS as i64);
                let width = t.rows.first().map_or(0, Vec::len);
                if width > MAX_TABLE_COLUMNS {
                    self.push(&at("rows[0]"), ProblemKind::TooMany { max: MAX_TABLE_COLUMNS });
                }
                for (r, row) in t.rows.iter().enumerate() {
                    if row.len() != width {
                        self.push(&format!("{path}.rows[{r}]"), ProblemKind::RaggedTable);
                    }
                    for (c, cell) in row.iter().enumerate() {
                        self.text(&format!("{path}.rows[{r}][{c}]"), cell);
                    }
                }
            }
            Block::Section(s) => self.line(&at("title"), &s.title, false),
            Block::Columns(c) => self.count(&at("columns"), c.columns.len(), 2, 4),
            Block::Tabs(_) | Block::Accordion(_) | Block::Divider(_) | Block::Spacer(_) => {}
            Block::Breadcrumbs(_) | Block::SearchBox(_) | Block::NewsItem(_) | Block::Poll(_) => {}
            Block::Card(c) => {
                self.line(&at("title"), &c.title, true);
                self.text(&at("text"), &c.text);
                self.optional_image(path, &c.image_src, &c.image_alt);
                self.link(&at("href"), &c.href, false);
            }
            Block::Hero(h) => {
                self.line(&at("title"), &h.title, true);
                self.text(&at("text"), &h.text);
                self.optional_image(path, &h.image_src, &h.image_alt);
                self.line(&at("button_label"), &h.button_label, !h.button_href.is_empty());
                self.link(&at("button_href"), &h.button_href, !h.button_label.is_empty());
            }
            Block::ContactCard(c) => {
                self.line(&at("name"), &c.name, true);
                for (key, value) in [("position", &c.position), ("phone", &c.phone), ("email", &c.email), ("address", &c.address), ("hours", &c.hours)] {
                    self.line(&at(key), value, false);
                }
            }
            Block::Map(m) => {
                self.line(&at("title"), &m.title, false);
                self.line(&at("address"), &m.address, true);
                self.range(&at("latitude"), m.latitude, 90);
                self.range(&at("longitude"), m.longitude, 180);
            }
            Block::Embed(e) => {
                self.line(&at("title"), &e.title, true);
                if !is_embed_url(&e.url) {
                    self.push(&at("url"), ProblemKind::BadEmbedHost);
                }
            }
            Block::Menu(m) => {
                self.line(&at("title"), &m.title, false);
                self.count(&at("links"), m.links.len(), 0, 100);
                for (i, link) in m.links.iter().enumerate() {
                    self.line(&format!("{path}.links[{i}].label"), &link.label, true);
                    self.link(&format!("{path}.links[{i}].href"), &link.href, true);
                }
            }
            Block::NewsFeed(b) => self.titled_list(path, &b.title, b.limit),
            Block::Announcements(b) => self.titled_list(path, &b.title, b.limit),
            Block::DocumentList(b) => {
                self.line(&at("title"), &b.title, false);
                self.line(&at("kind"), &b.kind, false);
            }
            Block::StaffDirectory(b) => {
                self.line(&at("title"), &b.title, false);
                self.line(&at("department"), &b.department, false);
            }
            Block::PhoneDirectory(b) => self.line(&at("title"), &b.title, false),
            Block::ReceptionSchedule(b) => self.line(&at("title"), &b.title, false),
            Block::Vacancies(b) => self.line(&at("title"), &b.title, false),
            Block::AppealAnalysis(b) => self.line(&at("title"), &b.title, false),
            Block::AppealForm(f) => {
                self.line(&at("title"), &f.title, false);
                self.count(&at("topics"), f.topics.len(), 0, 50);
                for (i, topic) in f.topics.iter().enumerate() {
                    self.line(&format!("{path}.topics[{i}]"), topic, true);
                }
            }
            Block::Sveden(b) => self.sveden(path, b),
            Block::Discussion(d) => {
                self.line(&at("title"), &d.title, true);
                self.link(&at("document_href"), &d.document_href, false);
                self.text(&at("summary"), &d.summary);
                for (key, date) in [("opens", &d.opens), ("closes", &d.closes)] {
                    if !crate::collection_items::is_date(date) {
                        self.push(&at(key), ProblemKind::BadDate);
                    }
                }
                if d.closes < d.opens {
                    self.push(&at("closes"), ProblemKind::EndsBeforeStart);
                }
            }
            Block::SocialLinks(s) => {
                self.line(&at("title"), &s.title, false);
                self.count(&at("links"), s.links.len(), 1, 20);
                for (i, link) in s.links.iter().enumerate() {
                    if !is_https(&link.url) {
                        self.push(&format!("{path}.links[{i}].url"), ProblemKind::BadLink);
                    }
                }
                if !s.pos_widget.is_empty() && !is_pos_widget_url(&s.pos_widget) {
                    self.push(&at("pos_widget"), ProblemKind::NotPosWidget);
                }
            }
        }
    }

    /// A subsection of «Сведения»: only the subsection's own fields and main tags, documents
    /// and sites as links (or the word «отсутствует»), a bounded number of rows.
    fn sveden(&mut self, path: &str, block: &crate::blocks::Sveden) {
        let Some(section) = sveden::section(&block.section) else {
            self.push(&format!("{path}.section"), ProblemKind::UnknownSection);
            return;
        };
        for (itemprop, value) in &block.values {
            let at = format!("{path}.values.{itemprop}");
            match section.field(itemprop) {
                Some(field) => self.sveden_value(&at, field, value),
                None => self.push(&at, ProblemKind::UnknownField),
            }
        }
        for (itemprop, rows) in &block.groups {
            let at = format!("{path}.groups.{itemprop}");
            let Some(group) = section.group(itemprop) else {
                self.push(&at, ProblemKind::UnknownField);
                continue;
            };
            self.count(&at, rows.len(), 0, MAX_TABLE_ROWS as i64);
            for (r, row) in rows.iter().enumerate() {
                for (key, value) in row {
                    let at = format!("{at}[{r}].{key}");
                    match group.field(key) {
                        Some(field) => self.sveden_value(&at, field, value),
                        None => self.push(&at, ProblemKind::UnknownField),
                    }
                }
            }
        }
    }

    fn sveden_value(&mut self, path: &str, field: &sveden::SvedenField, value: &str) {
        match field.kind {
            ValueKind::Document | ValueKind::Url if !sveden::is_absent(value) => self.link(path, value, false),
            _ => self.text(path, value),
        }
    }

    fn titled_list(&mut self, path: &str, title: &str, limit: u16) {
        self.line(&format!("{path}.title"), title, false);
        if !(1..=50).contains(&limit) {
            self.push(&format!("{path}.limit"), ProblemKind::OutOfRange { min: 1, max: 50 });
        }
    }

    fn count(&mut self, path: &str, len: usize, min: usize, max: i64) {
        if len < min {
            self.push(path, ProblemKind::Required);
        } else if len as i64 > max {
            self.push(path, ProblemKind::TooMany { max: max as usize });
        }
    }

    fn range(&mut self, path: &str, value: Option<f64>, limit: i64) {
        if value.is_some_and(|v| !v.is_finite() || v.abs() > limit as f64) {
            self.push(path, ProblemKind::OutOfRange { min: -limit, max: limit });
        }
    }

    fn image_url(&mut self, path: &str, url: &str, required: bool) {
        if url.is_empty() && !required {
            return;
        }
        if !is_image_url(url) {
            self.push(path, ProblemKind::BadImageUrl);
        }
    }

    /// An optional picture: when there is an address there must be a description.
    fn optional_image(&mut self, path: &str, src: &str, alt: &str) {
        self.image_url(&format!("{path}.image_src"), src, false);
        self.line(&format!("{path}.image_alt"), alt, !src.is_empty());
    }

    fn link(&mut self, path: &str, url: &str, required: bool) {
        if url.is_empty() {
            if required {
                self.push(path, ProblemKind::Required);
            }
        } else if !is_link(url) {
            self.push(path, ProblemKind::BadLink);
        }
    }

    fn rich_text(&mut self, path: &str, content: &[TextBlock]) {
        self.count(path, content.len(), 1, MAX_BLOCKS as i64);
        for (i, block) in content.iter().enumerate() {
            let path = format!("{path}[{i}]");
            match block {
                TextBlock::Paragraph { runs } => self.runs(&format!("{path}.runs"), runs),
                TextBlock::Heading { level, runs } => {
                    if !(2..=4).contains(level) {
                        self.push(&format!("{path}.level"), ProblemKind::BadHeadingLevel);
                    }
                    self.runs(&format!("{path}.runs"), runs);
                }
                TextBlock::Quote { runs, cite } => {
                    self.runs(&format!("{path}.runs"), runs);
                    self.line(&format!("{path}.cite"), cite, false);
                }
                TextBlock::List { items, .. } => {
                    self.count(&format!("{path}.items"), items.len(), 1, MAX_BLOCKS as i64);
                    for (j, item) in items.iter().enumerate() {
                        self.runs(&format!("{path}.items[{j}]"), item);
                    }
                }
            }
        }
    }

    fn runs(&mut self, path: &str, runs: &[TextRun]) {
        if runs.iter().all(|r| r.text.trim().is_empty()) {
            self.push(path, ProblemKind::Required);
        }
        for (index, run) in runs.iter().enumerate() {
            self.text(&format!("{path}[{index}].text"), &run.text);
            if let Some(link) = &run.link {
                if !is_link(link) {
                    self.push(&format!("{path}[{index}].link"), ProblemKind::BadLink);
                }
            }
        }
    }
}

/// Where a block stands: nesting rules depend on it.
#[derive(Clone, Copy)]
enum Place {
    Page,
    Inside(&'static str),
}

impl Place {
    /// Banners only at the top of a page; no columns in columns; no tabs or accordions
    /// inside tabs or accordions (screen readers lose their way in such nesting).
    fn allows(self, block: &Block) -> bool {
        match self {
            Place::Page => true,
            Place::Inside(container) => allowed_inside(container, block.type_name()),
        }
    }
}

/// Whether a block of `block_type` may stand inside a `container` block (the page's top level
/// takes everything). The constructor asks this before a drop, validation after a save.
pub fn allowed_inside(container: &str, block_type: &str) -> bool {
    !matches!(
        (container, block_type),
        (_, "hero") | ("columns", "columns") | ("tabs" | "accordion", "tabs" | "accordion")
    )
}

/// An `https:` address whose host is one of [`EMBED_HOSTS`].
pub fn is_embed_url(url: &str) -> bool {
    embed_host(url).is_some()
}

/// The host of the federal feedback platform («Платформа обратной связи» of Gosuslugi).
pub const POS_HOST: &str = "pos.gosuslugi.ru";

/// An `https:` address of the federal feedback platform's widget.
pub fn is_pos_widget_url(url: &str) -> bool {
    embed_host(url) == Some(POS_HOST)
}

/// The allowed host an `https:` address is on, if it is on one of [`EMBED_HOSTS`].
fn embed_host(url: &str) -> Option<&'static str> {
    if !is_https(url) {
        return None;
    }
    let host = url[8..].split(['/', '?', '#']).next().unwrap_or("");
    if host.contains('@') || host.contains(':') {
        return None;
    }
    EMBED_HOSTS.iter().copied().find(|allowed| host.eq_ignore_ascii_case(allowed))
}

/// A colour as `#rrggbb`: the only form that reaches CSS.
pub fn is_hex_color(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Slugs that break the usual rule because a regulator prescribes the address letter for letter:
/// Rosobrnadzor's methodical recommendations (v9, 2025, table 3.1) put two subsections of
/// «Сведения об образовательной организации» at `/sveden/eduStandarts` and `/sveden/paid_edu`,
/// and outside checkers fetch exactly those (case-sensitive) paths.
pub const PRESCRIBED_SLUGS: &[&str] = &["eduStandarts", "paid_edu"];

/// Page slugs: `a-z`, `0-9`, single inner hyphens, 1 to 64 characters; or one of
/// [`PRESCRIBED_SLUGS`].
pub fn is_slug(slug: &str) -> bool {
    is_plain_slug(slug) || PRESCRIBED_SLUGS.contains(&slug)
}

fn is_plain_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Page and block ids: latin letters, digits, `-`, `_`, 1 to 64 characters.
pub fn is_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A relative path (`/files/a.png`, `img/a.png`) or an `https:` URL; nothing that a browser could run.
pub fn is_image_url(url: &str) -> bool {
    is_https(url) || is_relative(url)
}

/// What a text link may point to.
pub fn is_link(url: &str) -> bool {
    is_image_url(url) || url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with('#')
}

/// An absolute `https:` URL without spaces or backslashes.
pub fn is_https(url: &str) -> bool {
    // `get`, not indexing: byte 8 of a non-ASCII address may fall inside a character.
    url.len() > 8
        && url.get(..8).is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

fn is_relative(url: &str) -> bool {
    // A scheme is letters before a ':' that precedes any '/', '?' or '#'.
    let before_delims = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty()
        && !before_delims.contains(':')
        && !url.starts_with("//")
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{Columns, Column, Embed, Heading, Image, Section, Text};

    fn paths(doc: &SiteDocument) -> Vec<(String, ProblemKind)> {
        validate(doc).into_iter().map(|p| (p.path, p.kind)).collect()
    }

    #[test]
    fn reserved_addresses_are_refused_at_the_top_only() {
        let mut doc = crate::demo::ministry();
        doc.pages.get_mut("contacts").unwrap().slug = "poisk".into();
        assert!(validate(&doc).iter().any(|p| p.path == "pages.contacts.slug" && p.kind == ProblemKind::ReservedSlug));
        doc.pages.get_mut("contacts").unwrap().parent = Some("about".into());
        assert!(!validate(&doc).iter().any(|p| p.kind == ProblemKind::ReservedSlug), "deeper down it hides nothing");
    }

    #[test]
    fn a_block_is_checked_on_its_own_with_paths_inside_it() {
        let long = "я".repeat(MAX_LINE + 1);
        let heading = Block::Heading(Heading { id: "h".into(), level: 2, text: long });
        let problems = block_problems(&heading);
        assert_eq!(problems.iter().map(|p| (p.path.as_str(), p.kind.is_limit())).collect::<Vec<_>>(), vec![("text", true)]);
        let empty = Block::Heading(Heading { id: "h".into(), level: 2, text: String::new() });
        assert!(block_problems(&empty).iter().all(|p| !p.kind.is_limit()), "an empty field is no limit");
    }

    #[test]
    fn demo_is_valid() {
        assert_eq!(validate(&crate::demo::ministry()), vec![]);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut doc = crate::demo::ministry();
        doc.theme.primary_color = "blue".into();
        let home = doc.pages.get_mut("home").unwrap();
        home.slug = "Главная".into();
        home.blocks.push(Block::Image(Image {
            id: "img-x".into(),
            src: "javascript:alert(1)".into(),
            alt: " ".into(),
            ..Image::default()
        }));
        home.blocks.push(Block::Heading(Heading { id: "img-x".into(), level: 1, text: "x".into() }));
        let found = paths(&doc);
        let n = doc.pages["home"].blocks.len();
        assert!(found.contains(&("theme.primary_color".into(), ProblemKind::BadColor)));
        assert!(found.contains(&("pages.home.slug".into(), ProblemKind::BadSlug)));
        assert!(found.contains(&(format!("pages.home.blocks[{}].src", n - 2), ProblemKind::BadImageUrl)));
        assert!(found.contains(&(format!("pages.home.blocks[{}].alt", n - 2), ProblemKind::Required)));
        assert!(found.contains(&(format!("pages.home.blocks[{}].id", n - 1), ProblemKind::DuplicateId)));
        assert!(found.contains(&(format!("pages.home.blocks[{}].level", n - 1), ProblemKind::BadHeadingLevel)));
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn nested_paths_and_links() {
        let mut doc = crate::demo::ministry();
        let page = doc.pages.get_mut("contacts").unwrap();
        page.blocks = vec![Block::Section(Section {
            id: "s".into(),
            title: String::new(),
            blocks: vec![Block::Text(Text {
                id: "p".into(),
                content: vec![TextBlock::Paragraph {
                    runs: vec![TextRun { text: "x".into(), link: Some("data:text/html,<b>".into()), ..TextRun::default() }],
                }],
            })],
        })];
        assert_eq!(paths(&doc), vec![("pages.contacts.blocks[0].blocks[0].content[0].runs[0].link".into(), ProblemKind::BadLink)]);
    }

    #[test]
    fn headings_inside_rich_text_have_levels_2_to_4_and_some_text() {
        let heading = |level, text: &str| TextBlock::Heading { level, runs: vec![TextRun::plain(text)] };
        let text = Block::Text(Text { id: "t".into(), content: vec![heading(2, "Раздел"), heading(4, "Пункт"), heading(1, "x"), heading(5, "y"), heading(3, " ")] });
        let problems: Vec<(String, ProblemKind)> = block_problems(&text).into_iter().map(|p| (p.path, p.kind)).collect();
        assert_eq!(
            problems,
            [
                ("content[2].level".to_string(), ProblemKind::BadHeadingLevel),
                ("content[3].level".to_string(), ProblemKind::BadHeadingLevel),
                ("content[4].runs".to_string(), ProblemKind::Required),
            ]
        );
    }

    #[test]
    fn duplicate_address_and_deep_sections() {
        let mut doc = crate::demo::ministry();
        let mut copy = doc.pages["contacts"].clone();
        let mut inner = Block::Section(Section { id: "d4".into(), title: String::new(), blocks: vec![] });
        for depth in (1..4).rev() {
            inner = Block::Section(Section { id: format!("d{depth}"), title: String::new(), blocks: vec![inner] });
        }
        let mut deep = inner.clone();
        if let Block::Section(s) = &mut deep {
            s.id = "d0".into();
            s.blocks = vec![inner];
        }
        copy.blocks = vec![deep];
        doc.pages.insert("copy".into(), copy);
        let found = paths(&doc);
        assert!(found.contains(&("pages.copy.slug".into(), ProblemKind::DuplicatePath)));
        assert!(found.contains(&(
            "pages.copy.blocks[0].blocks[0].blocks[0].blocks[0]".into(),
            ProblemKind::TooDeep { max: MAX_SECTION_DEPTH }
        )));
    }

    #[test]
    fn nesting_rules_and_embeds() {
        let mut doc = crate::demo::ministry();
        let inner = Block::Columns(Columns { id: "c2".into(), columns: vec![Column::default(), Column::default()] });
        let page = doc.pages.get_mut("contacts").unwrap();
        page.blocks = vec![
            Block::Columns(Columns { id: "c1".into(), columns: vec![Column { blocks: vec![inner] }, Column::default()] }),
            Block::Embed(Embed { id: "e1".into(), title: "Видео".into(), url: "https://evil.example/player".into() }),
            Block::Embed(Embed { id: "e2".into(), title: "Видео".into(), url: "https://rutube.ru@evil.example/x".into() }),
            Block::Embed(Embed { id: "e3".into(), title: "Видео".into(), url: "https://rutube.ru/play/embed/abc".into() }),
            Block::Image(Image { id: "i".into(), src: "/a.png".into(), decorative: true, ..Image::default() }),
        ];
        assert_eq!(
            paths(&doc),
            vec![
                ("pages.contacts.blocks[0].columns[0].blocks[0]".into(), ProblemKind::NotAllowedHere),
                ("pages.contacts.blocks[1].url".into(), ProblemKind::BadEmbedHost),
                ("pages.contacts.blocks[2].url".into(), ProblemKind::BadEmbedHost),
            ]
        );
    }

    #[test]
    fn the_feedback_widget_is_only_the_platforms() {
        let mut doc = crate::demo::ministry();
        let social = |id: &str, pos_widget: &str| {
            Block::SocialLinks(crate::SocialLinks {
                id: id.into(),
                links: vec![crate::SocialLink { network: crate::SocialNetwork::Vk, url: "https://vk.com/x".into() }],
                pos_widget: pos_widget.into(),
                ..crate::SocialLinks::default()
            })
        };
        doc.pages.get_mut("contacts").unwrap().blocks = vec![
            social("s1", "https://pos.gosuslugi.ru/form/?opaId=1"),
            social("s2", "https://rutube.ru/play/embed/abc"),
            social("s3", "http://pos.gosuslugi.ru/form/"),
            social("s4", ""),
        ];
        assert_eq!(
            paths(&doc),
            vec![("pages.contacts.blocks[1].pos_widget".into(), ProblemKind::NotPosWidget), ("pages.contacts.blocks[2].pos_widget".into(), ProblemKind::NotPosWidget)]
        );
    }

    #[test]
    fn a_slug_may_repeat_under_another_parent() {
        let mut doc = crate::demo::ministry();
        let mut child = doc.pages["contacts"].clone();
        child.parent = Some("about".into());
        doc.pages.insert("about-contacts".into(), child.clone());
        assert_eq!(paths(&doc), vec![]);
        // Under the home page is top-level: the same address as the existing page.
        child.parent = Some("home".into());
        doc.pages.insert("about-contacts".into(), child);
        assert_eq!(paths(&doc), vec![("pages.about-contacts.slug".into(), ProblemKind::DuplicatePath)]);
    }

    #[test]
    fn only_prescribed_slugs_break_the_slug_rule() {
        for slug in PRESCRIBED_SLUGS.iter().chain(&["common", "o-nas", "2026"]) {
            assert!(is_slug(slug), "{slug}");
        }
        for slug in ["eduStandart", "EduStandarts", "paid-Edu", "paid_edu_", "o_nas", "oNas"] {
            assert!(!is_slug(slug), "{slug}");
        }
    }

    #[test]
    fn parent_loops_are_refused() {
        let mut doc = crate::demo::ministry();
        doc.pages.get_mut("appeals").unwrap().parent = Some("analysis".into());
        let found = paths(&doc);
        assert!(found.contains(&("pages.appeals.parent".into(), ProblemKind::BadParent)), "{found:?}");
        doc.pages.get_mut("appeals").unwrap().parent = Some("nope".into());
        assert!(paths(&doc).contains(&("pages.appeals.parent".into(), ProblemKind::BadParent)));
    }

    #[test]
    fn urls() {
        for good in ["/files/a.png", "img/a.png", "https://example.org/a.png", "a.png?x=1:2"] {
            assert!(is_image_url(good), "{good}");
        }
        for bad in ["javascript:alert(1)", "JAVASCRIPT:x", "data:image/png;base64,AA", "//evil.org/x", "http://x.ru/a.png", "", " /a", "java\tscript:x", "/a\\b"] {
            assert!(!is_image_url(bad), "{bad}");
        }
        assert!(is_link("mailto:info@example.ru") && is_link("tel:+74912000000") && is_link("#top"));
        assert!(!is_link("vbscript:x"));
    }

    #[test]
    fn a_discussion_ends_after_it_begins() {
        let mut doc = crate::demo::ministry();
        let discussion = crate::schema::new_block("discussion", "talk").unwrap();
        let Block::Discussion(mut d) = discussion else { unreachable!() };
        (d.opens, d.closes) = ("2026-12-01".into(), "2026-11-01".into());
        doc.pages.get_mut("home").unwrap().blocks.push(Block::Discussion(d));
        let problem = validate(&doc).into_iter().find(|p| p.path.ends_with(".closes")).expect("refused");
        assert_eq!(problem.kind, ProblemKind::EndsBeforeStart);
        assert_eq!(problem.message(Lang::Ru), "дата окончания раньше даты начала");
    }

    #[test]
    fn theme_colours_keep_white_text_readable() {
        assert!((contrast_with_white("#000000").unwrap() - 21.0).abs() < 0.01);
        assert!((contrast_with_white("#ffffff").unwrap() - 1.0).abs() < 0.01);
        assert!((contrast_with_white("#767676").unwrap() - 4.54).abs() < 0.01, "the lightest grey that passes");
        let mut doc = crate::demo::ministry();
        doc.theme.primary_color = "#7fb3ff".into();
        doc.theme.accent_color = "#ffd166".into();
        let problems = validate(&doc);
        let kinds: Vec<_> = problems.iter().filter(|p| p.path.starts_with("theme.")).map(|p| (p.path.as_str(), p.kind.clone())).collect();
        assert!(matches!(kinds.as_slice(), [
            ("theme.primary_color", ProblemKind::LowContrast { min_tenths: 45, .. }),
            ("theme.accent_color", ProblemKind::LowContrast { min_tenths: 30, .. })
        ]), "{kinds:?}");
        assert!(problems[0].message(Lang::Ru).contains("4,5:1"));
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let kind = ProblemKind::TooLong { max: 5 };
        assert_eq!(kind.message(Lang::Ru), "не длиннее 5 символов");
        assert_eq!(kind.message(Lang::En), "must be at most 5 characters");
    }
}
