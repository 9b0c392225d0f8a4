//! Validation of a parsed document: every problem, each with its JSON path.

use std::collections::HashSet;

use crate::document::{Block, Page, SiteDocument, TextRun, SCHEMA_VERSION};
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
    /// Two pages share a slug.
    DuplicateSlug,
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
    if doc.pages.is_empty() {
        v.push("pages", ProblemKind::NoPages);
    }
    if doc.pages.len() > MAX_PAGES {
        v.push("pages", ProblemKind::TooMany { max: MAX_PAGES });
    }
    let mut slugs = HashSet::new();
    for (id, page) in &doc.pages {
        let path = format!("pages.{id}");
        if !is_id(id) {
            v.push(&path, ProblemKind::BadId);
        }
        v.page(&path, page);
        if !slugs.insert(page.slug.as_str()) {
            v.push(&format!("{path}.slug"), ProblemKind::DuplicateSlug);
        }
    }
    v.problems
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
        let ok = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            self.push(path, ProblemKind::BadColor);
        }
    }

    fn page(&mut self, path: &str, page: &Page) {
        if !is_slug(&page.slug) {
            self.push(&format!("{path}.slug"), ProblemKind::BadSlug);
        }
        self.line(&format!("{path}.title"), &page.title, true);
        let mut ids = HashSet::new();
        self.blocks(&format!("{path}.blocks"), &page.blocks, 1, &mut ids);
    }

    fn blocks<'a>(&mut self, path: &str, blocks: &'a [Block], depth: usize, ids: &mut HashSet<&'a str>) {
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
            match block {
                Block::Heading(h) => {
                    if !(2..=4).contains(&h.level) {
                        self.push(&format!("{path}.level"), ProblemKind::BadHeadingLevel);
                    }
                    self.line(&format!("{path}.text"), &h.text, true);
                }
                Block::Paragraph(p) => self.runs(&format!("{path}.runs"), &p.runs),
                Block::Image(img) => {
                    if !is_image_url(&img.src) {
                        self.push(&format!("{path}.src"), ProblemKind::BadImageUrl);
                    }
                    self.line(&format!("{path}.alt"), &img.alt, true);
                    self.text(&format!("{path}.caption"), &img.caption);
                }
                Block::Section(s) => {
                    self.line(&format!("{path}.title"), &s.title, false);
                    if depth >= MAX_SECTION_DEPTH {
                        self.push(&path, ProblemKind::TooDeep { max: MAX_SECTION_DEPTH });
                    } else {
                        self.blocks(&format!("{path}.blocks"), &s.blocks, depth + 1, ids);
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

/// Page slugs: `a-z`, `0-9`, single inner hyphens, 1 to 64 characters.
pub fn is_slug(slug: &str) -> bool {
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

fn is_https(url: &str) -> bool {
    url.len() > 8
        && url[..8].eq_ignore_ascii_case("https://")
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
    use crate::document::{Heading, Image, Paragraph, Section};

    fn paths(doc: &SiteDocument) -> Vec<(String, ProblemKind)> {
        validate(doc).into_iter().map(|p| (p.path, p.kind)).collect()
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
            caption: String::new(),
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
            blocks: vec![Block::Paragraph(Paragraph {
                id: "p".into(),
                runs: vec![TextRun { text: "x".into(), link: Some("data:text/html,<b>".into()), ..TextRun::default() }],
            })],
        })];
        assert_eq!(paths(&doc), vec![("pages.contacts.blocks[0].blocks[0].runs[0].link".into(), ProblemKind::BadLink)]);
    }

    #[test]
    fn duplicate_slug_and_deep_sections() {
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
        assert!(found.contains(&("pages.copy.slug".into(), ProblemKind::DuplicateSlug)));
        assert!(found.contains(&(
            "pages.copy.blocks[0].blocks[0].blocks[0].blocks[0]".into(),
            ProblemKind::TooDeep { max: MAX_SECTION_DEPTH }
        )));
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
    fn messages_exist_in_both_languages() {
        let kind = ProblemKind::TooLong { max: 5 };
        assert_eq!(kind.message(Lang::Ru), "не длиннее 5 символов");
        assert_eq!(kind.message(Lang::En), "must be at most 5 characters");
    }
}
