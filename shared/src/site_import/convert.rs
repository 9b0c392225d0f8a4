//! The conversion: files → a plan (the document with the new pages, the files to copy, the
//! report); then, once the files are in the media library, their addresses go into the pages.

use std::collections::{BTreeMap, HashMap, HashSet};

use scraper::node::Node;
use scraper::{ElementRef, Html};

use super::{ImportedPage, Note, NoteKind, Removed, Report, SiteImportError, MAX_ASSETS, MAX_PAGES, MAX_UPLOAD_BYTES};
use crate::blocks::{Block, Divider, Embed, FileLink, Heading, Image, Table, Text, TextBlock, TextRun};
use crate::validate::{is_embed_url, is_https, is_link, MAX_BLOCKS, MAX_LINE, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT};
use crate::SiteDocument;

/// Marks a picture's or file's address until the file is in the media library.
const ASSET_MARK: &str = "civic-import:";
/// Largest single file taken from an archive.
const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Most bytes unpacked from one archive, whatever its entries claim: the worker holds them
/// all at once beside the upload (30 MB) in its 128 MB of memory.
const MAX_UNPACKED_BYTES: usize = 64 * 1024 * 1024;

const PAGE_EXTENSIONS: &[&str] = &["html", "htm"];
/// What the media library accepts (the worker checks each file's bytes again).
const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "rtf", "csv", "txt",
];
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp"];

/// A file of the old site: its path in the archive (`news/2024.html`) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path with `/` separators, no leading slash.
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Where the imported pages go and what the old site's address was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Id of the page to put them under; `None` for the top level.
    pub parent: Option<String>,
    /// The old site's host (`school7.ru`): absolute links to it count as internal.
    pub old_host: Option<String>,
}

/// A picture or file to copy into the media library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// How pages refer to it: the archive path, or the `https:` address of a remote picture.
    pub key: String,
    /// File name for the library.
    pub name: String,
    /// Description, from the first `alt` (or link text) that names it.
    pub alt: String,
    /// Bytes from the archive; `None` for a remote picture the worker fetches.
    pub bytes: Option<Vec<u8>>,
}

/// What an import will do: the document with the new pages (their pictures and files still
/// marked), the files to copy and the report so far.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The whole site document with the new pages added.
    pub document: SiteDocument,
    /// The files the pages use.
    pub assets: Vec<Asset>,
    /// Pages, links and notes.
    pub report: Report,
}

/// The files of a ZIP archive worth looking at: pages and what they may use. Paths are
/// normalised (`\` → `/`, one common top folder dropped); system litter and paths that climb
/// out (`../`) are skipped.
pub fn read_archive(data: &[u8]) -> Result<Vec<SourceFile>, SiteImportError> {
    if data.len() > MAX_UPLOAD_BYTES {
        return Err(SiteImportError::TooBig);
    }
    let entries = crate::zip::entries(data).map_err(|err| SiteImportError::BrokenArchive { reason: err.to_string() })?;
    let mut names: Vec<&String> = entries.keys().collect();
    names.sort();
    let mut files = Vec::new();
    let mut unpacked = 0usize;
    for name in names {
        let path = name.replace('\\', "/");
        let skipped = path.ends_with('/')
            || path.split('/').any(|part| part == ".." || part.starts_with("__MACOSX") || part == ".DS_Store" || part == "Thumbs.db");
        if skipped || !(is_page(&path) || is_asset(&path)) {
            continue;
        }
        if files.len() >= MAX_PAGES + MAX_ASSETS {
            return Err(SiteImportError::TooMany);
        }
        let bytes = entries[name].unpack(MAX_FILE_BYTES).map_err(|err| SiteImportError::BrokenArchive { reason: format!("{path}: {err}") })?;
        unpacked += bytes.len();
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(SiteImportError::TooBig);
        }
        files.push(SourceFile { path: path.trim_start_matches('/').to_string(), bytes });
    }
    // Archives made by «Send to compressed folder» hold one folder with the site inside.
    let first = files.first().and_then(|f| f.path.split_once('/').map(|(top, _)| format!("{top}/")));
    if let Some(top) = first.filter(|top| files.iter().all(|f| f.path.starts_with(top.as_str()))) {
        for file in &mut files {
            file.path = file.path[top.len()..].to_string();
        }
    }
    Ok(files)
}

fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

fn is_page(path: &str) -> bool {
    PAGE_EXTENSIONS.contains(&extension(path).as_str())
}

fn is_asset(path: &str) -> bool {
    ASSET_EXTENSIONS.contains(&extension(path).as_str())
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Plans the import of `files` into `doc`: every page becomes a page (pages in folders under
/// the folder's own index page, where there is one), every picture and linked file an asset.
pub fn plan(files: Vec<SourceFile>, doc: &SiteDocument, options: &Options) -> Result<Plan, SiteImportError> {
    if let Some(parent) = &options.parent {
        if !doc.pages.contains_key(parent) {
            return Err(SiteImportError::UnknownParent);
        }
    }
    let (pages, others): (Vec<SourceFile>, Vec<SourceFile>) = files.into_iter().partition(|f| is_page(&f.path));
    if pages.is_empty() {
        return Err(SiteImportError::NoPages);
    }
    if pages.len() > MAX_PAGES {
        return Err(SiteImportError::TooMany);
    }
    if doc.pages.len() + pages.len() > crate::validate::MAX_PAGES {
        return Err(SiteImportError::SiteFull);
    }
    let parsed: Vec<(String, Html)> = pages
        .iter()
        .map(|f| {
            let text = crate::text_file::decode(&f.bytes).unwrap_or_else(|| String::from_utf8_lossy(&f.bytes).into_owned());
            (f.path.clone(), Html::parse_document(&text))
        })
        .collect();

    // Pages first, all of them, so every link between them can be rewritten.
    let mut document = doc.clone();
    let mut order: Vec<usize> = (0..parsed.len()).collect();
    order.sort_by_key(|&i| (parsed[i].0.matches('/').count(), !is_index(&parsed[i].0), parsed[i].0.clone()));
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    for &i in &order {
        let (path, html) = &parsed[i];
        let title = page_title(html, path);
        let parent = folder_page(path, &ids).or_else(|| options.parent.clone());
        let id = crate::pages::add(&mut document, &title, parent.as_deref()).map_err(|_| SiteImportError::UnknownParent)?;
        // Imported pages stay out of the menu until an editor puts the right ones in.
        let page = document.pages.get_mut(&id).expect("just added");
        page.in_menu = false;
        page.description = clip(&meta_description(html), MAX_LINE).0;
        ids.insert(path.clone(), id);
        titles.insert(path.clone(), title);
    }
    let addresses: HashMap<String, String> = ids.iter().filter_map(|(path, id)| Some((path.clone(), document.page_path(id)?))).collect();
    let files: HashMap<String, Vec<u8>> = others.into_iter().map(|f| (f.path, f.bytes)).collect();

    let mut report = Report::default();
    let mut used: BTreeMap<String, String> = BTreeMap::new();
    let context = Context { addresses: &addresses, files: &files, old_host: options.old_host.as_deref().map(bare_host) };
    for &i in &order {
        let (path, html) = &parsed[i];
        let mut converter = Converter::new(&context, path);
        converter.page(html);
        let Converter { blocks, notes, links, assets, .. } = converter;
        report.links += links;
        for (key, alt) in assets {
            used.entry(key).or_insert(alt);
        }
        let id = &ids[path];
        if blocks.is_empty() {
            report.notes.push(Note { source: path.clone(), kind: NoteKind::Empty });
        }
        report.notes.extend(notes.into_iter().map(|kind| Note { source: path.clone(), kind }));
        report.pages.push(ImportedPage {
            source: path.clone(),
            id: id.clone(),
            title: titles[path].clone(),
            path: addresses.get(path).cloned().unwrap_or_default(),
            blocks: blocks.len(),
        });
        document.pages.get_mut(id).expect("added above").blocks = blocks;
    }
    if used.len() > MAX_ASSETS {
        return Err(SiteImportError::TooMany);
    }
    let unused = files.keys().filter(|path| !used.contains_key(*path)).count();
    if unused > 0 {
        report.notes.push(Note { source: String::new(), kind: NoteKind::Unused { count: unused } });
    }
    // The bytes move from the archive's files into the assets: an archive is held once.
    let mut files = files;
    let assets = used
        .into_iter()
        .map(|(key, alt)| Asset { name: file_name(&key).to_string(), bytes: files.remove(&key), alt, key })
        .collect();
    Ok(Plan { document, assets, report })
}

fn is_index(path: &str) -> bool {
    matches!(file_name(path).to_ascii_lowercase().as_str(), "index.html" | "index.htm" | "default.html" | "default.htm")
}

/// The page a page in a folder goes under: the folder's index page (`about/index.html`), or a
/// page named like the folder beside it (`about.html`); for an index page, its parent folder's.
fn folder_page(path: &str, ids: &HashMap<String, String>) -> Option<String> {
    let mut dir = path.rsplit_once('/').map(|(dir, _)| dir.to_string())?;
    if is_index(path) {
        dir = dir.rsplit_once('/').map(|(up, _)| up.to_string())?;
        if dir.is_empty() {
            return None;
        }
    }
    ["index.html", "index.htm", "default.html", "default.htm"]
        .iter()
        .map(|name| format!("{dir}/{name}"))
        .chain([format!("{dir}.html"), format!("{dir}.htm")])
        .find_map(|candidate| ids.get(&candidate).cloned())
}

fn bare_host(host: &str) -> String {
    let host = host.trim().trim_start_matches("https://").trim_start_matches("http://");
    let host = host.split('/').next().unwrap_or("").to_ascii_lowercase();
    host.trim_start_matches("www.").to_string()
}

/// Text of an element as one line: whitespace collapsed, trimmed.
fn one_line<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for text in texts {
        out.push_str(text);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to `max` characters, and whether it was cut.
fn clip(text: &str, max: usize) -> (String, bool) {
    match text.char_indices().nth(max) {
        Some((at, _)) => (text[..at].trim_end().to_string(), true),
        None => (text.to_string(), false),
    }
}

fn find<'a>(root: ElementRef<'a>, matches: &dyn Fn(&ElementRef<'a>) -> bool) -> Option<ElementRef<'a>> {
    root.descendants().filter_map(ElementRef::wrap).find(|el| matches(el))
}

fn page_title(html: &Html, path: &str) -> String {
    let root = html.root_element();
    let h1 = find(root, &|el| el.value().name() == "h1").map(|el| one_line(el.text()));
    let title = find(root, &|el| el.value().name() == "title").map(|el| one_line(el.text()));
    let stem = file_name(path).rsplit_once('.').map_or(path, |(stem, _)| stem).to_string();
    let chosen = [h1, title, Some(stem)].into_iter().flatten().find(|t| !t.trim().is_empty()).unwrap_or_else(|| "Страница".into());
    clip(&chosen, MAX_LINE).0
}

fn meta_description(html: &Html) -> String {
    let meta = find(html.root_element(), &|el| el.value().name() == "meta" && el.value().attr("name").is_some_and(|n| n.eq_ignore_ascii_case("description")));
    meta.and_then(|el| el.value().attr("content")).map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// The part of the page that holds its content: `<main>`, `role="main"`, a lone `<article>`,
/// an element with the id or class `content`, else `<body>`.
fn content(html: &Html) -> Option<ElementRef<'_>> {
    let root = html.root_element();
    let body = find(root, &|el| el.value().name() == "body").unwrap_or(root);
    let by_id = |el: &ElementRef| {
        let value = el.value();
        let id = value.id().unwrap_or("").to_ascii_lowercase();
        ["content", "main", "main-content", "maincontent"].contains(&id.as_str()) || value.classes().any(|c| c.eq_ignore_ascii_case("content") || c.eq_ignore_ascii_case("main-content"))
    };
    let articles = body.descendants().filter_map(ElementRef::wrap).filter(|el| el.value().name() == "article").count();
    find(body, &|el| el.value().name() == "main" || el.value().attr("role") == Some("main"))
        .or_else(|| if articles == 1 { find(body, &|el| el.value().name() == "article") } else { None })
        .or_else(|| find(body, &by_id))
        .or(Some(body))
}

/// What every page's conversion reads: where the other pages and files are.
struct Context<'a> {
    /// Archive path of each page → its new address.
    addresses: &'a HashMap<String, String>,
    /// The archive's other files.
    files: &'a HashMap<String, Vec<u8>>,
    old_host: Option<String>,
}

/// Where a link or picture address leads.
enum Target {
    /// Keep as a link (already in the form the document accepts).
    Link(String),
    /// A page of the import, by its new address.
    Page(String),
    /// A file: archive path or remote `https:` picture.
    Asset(String),
    /// Left out, with the note saying why (none for an empty address).
    Drop(Option<NoteKind>),
}

/// Marks of the text being read.
#[derive(Clone, Default)]
struct Marks {
    bold: bool,
    italic: bool,
    link: Option<String>,
}

/// One page's conversion: a walk over its content that keeps the paragraph being written, the
/// text block around it and the blocks so far.
struct Converter<'a> {
    context: &'a Context<'a>,
    /// Folder of the page in the archive, with a trailing `/` (empty at the root).
    dir: String,
    blocks: Vec<Block>,
    text: Vec<TextBlock>,
    runs: Vec<TextRun>,
    notes: Vec<NoteKind>,
    removed: BTreeMap<RemovedKey, usize>,
    http_links: usize,
    links: usize,
    assets: Vec<(String, String)>,
    next_id: usize,
    last_level: u8,
    title_seen: bool,
    truncated: bool,
    merged: bool,
    tables: usize,
}

/// [`Removed`] as a map key (in the order the report lists them).
type RemovedKey = u8;

const REMOVED: [Removed; 6] = [Removed::Scripts, Removed::Forms, Removed::Frames, Removed::Media, Removed::Objects, Removed::Graphics];

impl<'a> Converter<'a> {
    fn new(context: &'a Context<'a>, path: &str) -> Self {
        let dir = path.rsplit_once('/').map(|(dir, _)| format!("{dir}/")).unwrap_or_default();
        Converter {
            context,
            dir,
            blocks: Vec::new(),
            text: Vec::new(),
            runs: Vec::new(),
            notes: Vec::new(),
            removed: BTreeMap::new(),
            http_links: 0,
            links: 0,
            assets: Vec::new(),
            next_id: 0,
            last_level: 1,
            title_seen: false,
            truncated: false,
            merged: false,
            tables: 0,
        }
    }

    fn page(&mut self, html: &Html) {
        // Scripts anywhere on the page (the head's too) are reported: none is carried over.
        let scripts = html.root_element().descendants().filter_map(ElementRef::wrap).filter(|el| el.value().name() == "script").count();
        if scripts > 0 {
            self.removed.insert(0, scripts);
        }
        if let Some(content) = content(html) {
            let whole_body = content.value().name() == "body" || content.value().name() == "html";
            self.children(content, whole_body);
        }
        self.flush_text();
        if self.blocks.len() > MAX_BLOCKS {
            self.blocks.truncate(MAX_BLOCKS);
            self.notes.push(NoteKind::TooManyBlocks);
        }
        for (key, count) in std::mem::take(&mut self.removed) {
            self.notes.push(NoteKind::Removed { what: REMOVED[usize::from(key)], count });
        }
        if self.http_links > 0 {
            self.notes.push(NoteKind::HttpLinks { count: self.http_links });
        }
        if self.merged {
            self.notes.push(NoteKind::MergedCells);
        }
        if self.truncated {
            self.notes.push(NoteKind::Truncated);
        }
    }

    fn id(&mut self) -> String {
        self.next_id += 1;
        format!("b{}", self.next_id)
    }

    fn remove(&mut self, what: Removed) {
        let key = REMOVED.iter().position(|r| *r == what).unwrap_or(0) as RemovedKey;
        *self.removed.entry(key).or_default() += 1;
    }

    /// Walks the children of a block-level element. `skip_chrome`: the page's own header,
    /// footer and menus are left out (the new site has its own).
    fn children(&mut self, element: ElementRef<'_>, skip_chrome: bool) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.push_text(text, &Marks::default()),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.block(el, skip_chrome);
                    }
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, el: ElementRef<'_>, skip_chrome: bool) {
        let name = el.value().name();
        match name {
            "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "link" | "base" => {}
            "form" | "input" | "select" | "textarea" | "button" => self.remove(Removed::Forms),
            "video" | "audio" => self.remove(Removed::Media),
            "object" | "embed" | "applet" => self.remove(Removed::Objects),
            "svg" | "math" | "canvas" => self.remove(Removed::Graphics),
            "nav" | "header" | "footer" | "aside" if skip_chrome => {}
            "iframe" => self.frame(el),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(el),
            "p" => {
                self.flush_paragraph();
                self.inline_children(el, &Marks::default());
                self.flush_paragraph();
            }
            "br" => self.flush_paragraph(),
            "ul" | "ol" => {
                self.flush_paragraph();
                let mut items = Vec::new();
                self.list_items(el, &mut items);
                if !items.is_empty() {
                    self.text.push(TextBlock::List { ordered: name == "ol", items });
                }
            }
            "dl" => {
                self.flush_paragraph();
                let items: Vec<Vec<TextRun>> = el
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "dt" | "dd"))
                    .map(|c| vec![TextRun { bold: c.value().name() == "dt", ..TextRun::plain(one_line(c.text())) }])
                    .filter(|runs| !runs[0].text.is_empty())
                    .collect();
                if !items.is_empty() {
                    self.text.push(TextBlock::List { ordered: false, items });
                }
            }
            "blockquote" => {
                self.flush_paragraph();
                self.inline_children(el, &Marks::default());
                let runs = self.take_runs();
                if !runs.is_empty() {
                    self.text.push(TextBlock::Quote { runs, cite: String::new() });
                }
            }
            "table" => self.table(el),
            "img" => {
                self.flush_text();
                self.image(el, String::new());
            }
            "figure" => {
                self.flush_text();
                let caption = find(el, &|c| c.value().name() == "figcaption").map(|c| one_line(c.text())).unwrap_or_default();
                match find(el, &|c| c.value().name() == "img") {
                    Some(img) => self.image(img, caption),
                    None => self.children(el, false),
                }
            }
            "hr" => {
                self.flush_text();
                let id = self.id();
                self.blocks.push(Block::Divider(Divider { id }));
            }
            "a" | "b" | "strong" | "i" | "em" | "span" | "font" | "u" | "s" | "small" | "sub" | "sup" | "code" | "abbr" | "cite" | "q"
            | "label" | "time" | "mark" | "big" | "tt" | "del" | "ins" => self.inline(el, &Marks::default()),
            // Containers (div, section, article, center, main, td outside a table…): their
            // content, with paragraphs broken at their edges.
            _ => {
                self.flush_paragraph();
                self.children(el, skip_chrome);
                self.flush_paragraph();
            }
        }
    }

    fn heading(&mut self, el: ElementRef<'_>) {
        self.flush_text();
        let (text, cut) = clip(&one_line(el.text()), MAX_LINE);
        self.truncated |= cut;
        if text.is_empty() {
            return;
        }
        let wanted: u8 = el.value().name()[1..].parse().unwrap_or(2);
        if wanted == 1 && !self.title_seen {
            // The first `<h1>` is the page's title.
            self.title_seen = true;
            return;
        }
        // Levels 2 to 4, never skipping one going down.
        let level = wanted.clamp(2, 4).min(self.last_level + 1).max(2);
        self.last_level = level;
        let id = self.id();
        self.blocks.push(Block::Heading(Heading { id, level, text }));
    }

    fn frame(&mut self, el: ElementRef<'_>) {
        let src = el.value().attr("src").unwrap_or("").trim();
        let url = if src.starts_with("//") { format!("https:{src}") } else { src.to_string() };
        if is_embed_url(&url) {
            self.flush_text();
            let title = el.value().attr("title").map(str::trim).filter(|t| !t.is_empty()).unwrap_or("Видео");
            let id = self.id();
            self.blocks.push(Block::Embed(Embed { id, title: clip(title, MAX_LINE).0, url }));
        } else {
            self.remove(Removed::Frames);
        }
    }

    fn list_items(&mut self, list: ElementRef<'_>, items: &mut Vec<Vec<TextRun>>) {
        for li in list.children().filter_map(ElementRef::wrap) {
            if li.value().name() != "li" {
                continue;
            }
            let mut nested = Vec::new();
            for child in li.children() {
                match ElementRef::wrap(child) {
                    Some(el) if matches!(el.value().name(), "ul" | "ol") => nested.push(el),
                    Some(el) => self.inline(el, &Marks::default()),
                    None => {
                        if let Node::Text(text) = child.value() {
                            self.push_text(text, &Marks::default());
                        }
                    }
                }
            }
            let runs = self.take_runs();
            if !runs.is_empty() && items.len() < MAX_BLOCKS {
                items.push(runs);
            }
            // A list inside an item follows it, one level flatter.
            for inner in nested {
                self.list_items(inner, items);
            }
        }
    }

    fn inline_children(&mut self, el: ElementRef<'_>, marks: &Marks) {
        for child in el.children() {
            match child.value() {
                Node::Text(text) => self.push_text(text, marks),
                Node::Element(_) => {
                    if let Some(inner) = ElementRef::wrap(child) {
                        self.inline(inner, marks);
                    }
                }
                _ => {}
            }
        }
    }

    /// Walks an element inside a paragraph.
    fn inline(&mut self, el: ElementRef<'_>, marks: &Marks) {
        let mut marks = marks.clone();
        match el.value().name() {
            "b" | "strong" => marks.bold = true,
            "i" | "em" => marks.italic = true,
            "br" => {
                self.push_text(" ", &marks);
                return;
            }
            "img" => {
                // A picture inside a paragraph becomes a block of its own between its halves.
                let runs = self.take_runs();
                if !runs.is_empty() {
                    self.text.push(TextBlock::Paragraph { runs });
                }
                self.flush_text();
                self.image(el, String::new());
                return;
            }
            "a" => {
                let href = el.value().attr("href").unwrap_or("");
                marks.link = match self.resolve(href) {
                    Target::Link(link) => Some(link),
                    Target::Page(address) => {
                        self.links += 1;
                        Some(address)
                    }
                    Target::Asset(key) => {
                        self.assets.push((key.clone(), one_line(el.text())));
                        Some(format!("{ASSET_MARK}{key}"))
                    }
                    Target::Drop(note) => {
                        self.notes.extend(note);
                        None
                    }
                };
            }
            "script" | "style" | "form" | "input" | "select" | "textarea" | "button" | "iframe" | "video" | "audio" | "object" | "embed" | "svg" | "math" | "canvas" => {
                self.block(el, false);
                return;
            }
            _ => {}
        }
        self.inline_children(el, &marks);
    }

    /// Adds text with `marks` to the paragraph being written, whitespace collapsed as a
    /// browser shows it.
    fn push_text(&mut self, text: &str, marks: &Marks) {
        let mut collapsed = String::with_capacity(text.len());
        let mut space = false;
        for ch in text.chars() {
            if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                space = true;
            } else {
                if space {
                    collapsed.push(' ');
                }
                space = false;
                collapsed.push(ch);
            }
        }
        if space {
            collapsed.push(' ');
        }
        if collapsed.is_empty() {
            return;
        }
        let after_space = self.runs.last().is_none_or(|r| r.text.ends_with(' '));
        if after_space {
            collapsed = collapsed.trim_start().to_string();
            if collapsed.is_empty() {
                return;
            }
        }
        match self.runs.last_mut() {
            Some(last) if last.bold == marks.bold && last.italic == marks.italic && last.link == marks.link => last.text.push_str(&collapsed),
            _ => self.runs.push(TextRun { text: collapsed, bold: marks.bold, italic: marks.italic, link: marks.link.clone() }),
        }
    }

    /// The paragraph so far, trimmed, with empty runs gone.
    fn take_runs(&mut self) -> Vec<TextRun> {
        let mut runs = std::mem::take(&mut self.runs);
        if let Some(last) = runs.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        runs.retain(|r| !r.text.is_empty());
        for run in &mut runs {
            let (text, cut) = clip(&run.text, MAX_TEXT);
            self.truncated |= cut;
            run.text = text;
        }
        runs
    }

    fn flush_paragraph(&mut self) {
        let runs = self.take_runs();
        if runs.is_empty() {
            return;
        }
        // A paragraph that is only a link to a document is a file link.
        if let [TextRun { text, link: Some(link), .. }] = runs.as_slice() {
            if let Some(key) = link.strip_prefix(ASSET_MARK).filter(|key| !IMAGE_EXTENSIONS.contains(&extension(key).as_str())) {
                self.flush_text();
                let id = self.id();
                let size = self.context.files.get(key).map_or(0, |b| b.len() as u64);
                self.blocks.push(Block::FileLink(FileLink {
                    id,
                    label: clip(text, MAX_LINE).0,
                    href: link.clone(),
                    format: extension(key).to_ascii_uppercase(),
                    size_bytes: size,
                }));
                return;
            }
        }
        self.text.push(TextBlock::Paragraph { runs });
    }

    fn flush_text(&mut self) {
        self.flush_paragraph();
        if self.text.is_empty() {
            return;
        }
        let mut content = std::mem::take(&mut self.text);
        if content.len() > MAX_BLOCKS {
            content.truncate(MAX_BLOCKS);
            self.notes.push(NoteKind::TooManyBlocks);
        }
        let id = self.id();
        self.blocks.push(Block::Text(Text { id, content }));
    }

    fn image(&mut self, img: ElementRef<'_>, caption: String) {
        let src = img.value().attr("src").unwrap_or("");
        let key = match self.resolve(src) {
            Target::Asset(key) => key,
            Target::Link(link) if is_https(&link) => link,
            Target::Link(_) | Target::Page(_) => {
                self.notes.push(NoteKind::MissingFile { href: src.to_string() });
                return;
            }
            Target::Drop(note) => {
                self.notes.extend(note);
                return;
            }
        };
        let written = img.value().attr("alt").map(|alt| alt.split_whitespace().collect::<Vec<_>>().join(" "));
        let (alt, decorative) = match written {
            // `alt=""` is how HTML marks a decorative picture.
            Some(alt) if alt.is_empty() => (String::new(), true),
            Some(alt) => (alt, false),
            None => {
                let title = img.value().attr("title").map(str::trim).filter(|t| !t.is_empty());
                let alt = match title {
                    Some(title) => title.to_string(),
                    None => {
                        self.notes.push(NoteKind::NoAlt { file: file_name(&key).to_string() });
                        file_name(&key).to_string()
                    }
                };
                (alt, false)
            }
        };
        let (alt, cut) = clip(&alt, MAX_LINE);
        self.truncated |= cut;
        self.assets.push((key.clone(), alt.clone()));
        let id = self.id();
        self.blocks.push(Block::Image(Image { id, src: format!("{ASSET_MARK}{key}"), alt, decorative, caption: clip(&caption, MAX_TEXT).0 }));
    }

    fn table(&mut self, table: ElementRef<'_>) {
        self.flush_text();
        self.tables += 1;
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header_row = false;
        // Rows of this table only, not of tables inside its cells.
        let row_elements = table.descendants().filter_map(ElementRef::wrap).filter(|el| {
            el.value().name() == "tr" && el.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "table").is_some_and(|t| t.id() == table.id())
        });
        for tr in row_elements {
            let mut cells = Vec::new();
            let mut all_th = true;
            for cell in tr.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "td" | "th")) {
                all_th &= cell.value().name() == "th";
                let (text, cut) = clip(&one_line(cell.text()), MAX_TEXT);
                self.truncated |= cut;
                cells.push(text);
                let span = |name: &str| cell.value().attr(name).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1);
                let (colspan, rowspan) = (span("colspan"), span("rowspan"));
                if colspan > 1 || rowspan > 1 {
                    self.merged = true;
                }
                for _ in 1..colspan.min(MAX_TABLE_COLUMNS) {
                    cells.push(String::new());
                }
            }
            if cells.is_empty() {
                continue;
            }
            if rows.is_empty() {
                header_row = all_th;
            }
            rows.push(cells);
            if rows.len() >= MAX_TABLE_ROWS {
                self.truncated = true;
                break;
            }
        }
        if rows.is_empty() {
            return;
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(1).min(MAX_TABLE_COLUMNS);
        if rows.iter().any(|r| r.len() > MAX_TABLE_COLUMNS) {
            self.truncated = true;
        }
        for row in &mut rows {
            row.resize(width, String::new());
        }
        let written = find(table, &|c| c.value().name() == "caption").map(|c| one_line(c.text())).filter(|c| !c.is_empty());
        let caption = match written {
            Some(caption) => clip(&caption, MAX_LINE).0,
            None => {
                let caption = format!("Таблица {}", self.tables);
                self.notes.push(NoteKind::TableCaption { caption: caption.clone() });
                caption
            }
        };
        let id = self.id();
        self.blocks.push(Block::Table(Table { id, caption, header_row, rows }));
    }

    /// Where `href`, written on this page, leads.
    fn resolve(&mut self, href: &str) -> Target {
        let href = href.trim();
        if href.is_empty() {
            return Target::Drop(None);
        }
        let lower = href.to_ascii_lowercase();
        if href.starts_with('#') || lower.starts_with("mailto:") || lower.starts_with("tel:") {
            return if is_link(href) { Target::Link(href.to_string()) } else { Target::Drop(Some(NoteKind::UnsafeLink { href: short(href) })) };
        }
        let absolute = href.strip_prefix("//").map(|rest| format!("https://{rest}"));
        let href_abs = absolute.as_deref().unwrap_or(href);
        let scheme = href_abs.split(['/', '?', '#']).next().unwrap_or("").split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let path = match scheme.as_deref() {
            Some("http" | "https") => {
                let rest = href_abs.split_once("://").map_or("", |(_, rest)| rest);
                let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
                let internal = self.context.old_host.as_deref().is_some_and(|old| bare_host(host) == old);
                if !internal {
                    let https = if scheme.as_deref() == Some("http") {
                        self.http_links += 1;
                        format!("https://{rest}")
                    } else {
                        href_abs.to_string()
                    };
                    return if is_https(&https) { Target::Link(https) } else { Target::Drop(Some(NoteKind::UnsafeLink { href: short(href) })) };
                }
                format!("/{path}")
            }
            Some(_) => return Target::Drop(Some(NoteKind::UnsafeLink { href: short(href) })),
            None => href.to_string(),
        };
        let path = path.split(['#', '?']).next().unwrap_or("");
        let decoded = percent_decode(path);
        let joined = if decoded.starts_with('/') { decoded } else { format!("{}{decoded}", self.dir) };
        let Some(normal) = normalise(&joined) else {
            return Target::Drop(Some(NoteKind::MissingFile { href: short(href) }));
        };
        let candidates = if normal.is_empty() || normal.ends_with('/') {
            vec![format!("{normal}index.html"), format!("{normal}index.htm")]
        } else {
            vec![normal.clone(), format!("{normal}.html"), format!("{normal}/index.html")]
        };
        for candidate in &candidates {
            if let Some(address) = self.context.addresses.get(candidate) {
                return Target::Page(address.clone());
            }
            if self.context.files.contains_key(candidate) {
                return Target::Asset(candidate.clone());
            }
        }
        Target::Drop(Some(NoteKind::MissingFile { href: short(href) }))
    }
}

/// An address for the report, at most 120 characters.
fn short(href: &str) -> String {
    let (text, cut) = clip(href, 120);
    if cut {
        format!("{text}…")
    } else {
        text
    }
}

/// `%D0%9E` → `О`; a broken escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A path inside the archive with `.` and `..` resolved and no leading `/`; `None` if it
/// climbs out of the archive.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

impl Plan {
    /// Puts the media library's addresses into the pages (`stored`: asset key → public address,
    /// or why the file was not copied). Pictures that were not copied are removed, links to
    /// files that were not copied lose their link; the report says which.
    pub fn place_assets(&mut self, stored: &HashMap<String, Result<String, String>>) {
        let new_pages: HashSet<String> = self.report.pages.iter().map(|p| p.id.clone()).collect();
        let mut failed: BTreeMap<(String, String), String> = BTreeMap::new();
        let sources: HashMap<&String, &String> = self.report.pages.iter().map(|p| (&p.id, &p.source)).collect();
        for (id, page) in self.document.pages.iter_mut().filter(|(id, _)| new_pages.contains(*id)) {
            let source = sources.get(id).map(|s| s.to_string()).unwrap_or_default();
            let mut place = |marked: &str| -> Option<String> {
                let key = marked.strip_prefix(ASSET_MARK)?;
                match stored.get(key) {
                    Some(Ok(url)) => Some(url.clone()),
                    Some(Err(reason)) => {
                        failed.insert((source.clone(), key.to_string()), reason.clone());
                        None
                    }
                    None => {
                        failed.insert((source.clone(), key.to_string()), "файл не был передан".into());
                        None
                    }
                }
            };
            page.blocks.retain_mut(|block| match block {
                Block::Image(image) if image.src.starts_with(ASSET_MARK) => match place(&image.src) {
                    Some(url) => {
                        image.src = url;
                        true
                    }
                    None => false,
                },
                Block::FileLink(file) if file.href.starts_with(ASSET_MARK) => match place(&file.href) {
                    Some(url) => {
                        file.href = url;
                        true
                    }
                    None => false,
                },
                Block::Text(text) => {
                    for run in text.content.iter_mut().flat_map(TextBlock::runs_mut) {
                        if let Some(link) = run.link.as_deref().filter(|l| l.starts_with(ASSET_MARK)) {
                            run.link = place(link);
                        }
                    }
                    true
                }
                _ => true,
            });
        }
        let copied = self.assets.iter().filter(|a| matches!(stored.get(&a.key), Some(Ok(_)))).count();
        self.report.assets = copied;
        for ((source, key), reason) in failed {
            self.report.notes.push(Note { source, kind: NoteKind::AssetFailed { file: file_name(&key).to_string(), reason } });
        }
        for page in &mut self.report.pages {
            page.blocks = self.document.pages.get(&page.id).map_or(0, |p| p.blocks.len());
        }
    }
}

#[cfg(test)]
mod tests;
