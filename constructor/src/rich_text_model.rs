//! Rich text between its stored form and the editor, in both directions. `Vec<TextBlock>`
//! becomes the editing markup (escaped at the leaves); a node tree walked from the editor's
//! DOM, or from pasted HTML, becomes `Vec<TextBlock>` again. Only structure survives the way
//! back: what the model does not understand gives its text or nothing, never markup.

use std::mem;

use civic_renderer::escape;
use civic_shared::validate::is_link;
use civic_shared::{TextBlock, TextRun};

/// One node of a DOM tree as the editor's shell walked it: just what the model reads.
#[derive(Clone, Debug, PartialEq)]
pub enum DomNode {
    /// A text node, as the DOM holds it (entities already decoded).
    Text(String),
    /// An element.
    Element(DomElement),
}

/// An element with the two attributes the model reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DomElement {
    /// Lower-case tag name.
    pub name: String,
    /// The `href` attribute as written (not resolved against the page).
    pub href: Option<String>,
    /// The `style` attribute: word processors mark bold and italic with CSS.
    pub style: Option<String>,
    /// Child nodes in order.
    pub children: Vec<DomNode>,
}

/// The elements the editing markup (and Chromium's editing commands) produce: anything else in
/// the live editor came from outside and is replaced by a fresh rendering of the model.
const EDITING: &[&str] =
    &["p", "div", "br", "ul", "ol", "li", "blockquote", "cite", "h2", "h3", "h4", "strong", "b", "em", "i", "a", "span"];

/// Elements whose content is code, metadata, media fallback or form state: not text to keep.
const SILENT: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "head",
    "title", "meta", "link", "base", "svg", "math", "canvas", "audio", "video", "picture", "source", "track", "img",
    "input", "select", "option", "optgroup", "datalist", "textarea", "button",
];

/// Elements outside the model that still end a paragraph (pasted tables, sections).
const BLOCKISH: &[&str] = &[
    "section", "article", "header", "footer", "main", "nav", "aside", "pre",
    "address", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd", "hr",
    "details", "summary", "fieldset", "legend", "form", "center",
];

/// The editing markup of `content`. An empty text still gets a paragraph for the caret.
pub fn to_markup(content: &[TextBlock], out: &mut String) {
    // XSS-safety: every tag below is a literal; texts and addresses go through `escape`.
    if content.is_empty() {
        out.push_str("<p><br></p>");
    }
    for block in content {
        match block {
            TextBlock::Paragraph { runs } => {
                out.push_str("<p>");
                runs_markup(runs, out);
                out.push_str("</p>");
            }
            TextBlock::Heading { level, runs } => {
                let tag = heading_tag(*level);
                out.push('<');
                out.push_str(tag);
                out.push('>');
                runs_markup(runs, out);
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            TextBlock::List { ordered, items } => {
                out.push_str(if *ordered { "<ol>" } else { "<ul>" });
                for item in items {
                    out.push_str("<li>");
                    runs_markup(item, out);
                    out.push_str("</li>");
                }
                out.push_str(if *ordered { "</ol>" } else { "</ul>" });
            }
            TextBlock::Quote { runs, cite } => {
                out.push_str("<blockquote><p>");
                runs_markup(runs, out);
                out.push_str("</p>");
                if !cite.is_empty() {
                    out.push_str("<cite>");
                    escape::text(out, cite);
                    out.push_str("</cite>");
                }
                out.push_str("</blockquote>");
            }
        }
    }
}

/// The tag of a heading, clamped to 2–4 as the renderer writes it.
fn heading_tag(level: u8) -> &'static str {
    match level {
        0..=2 => "h2",
        3 => "h3",
        _ => "h4",
    }
}

/// The level of a pasted heading element: `<h1>` is the page title's, so it and `<h2>` are 2;
/// `<h5>` and `<h6>` are 4, the deepest the model has.
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" | "h2" => Some(2),
        "h3" => Some(3),
        "h4" | "h5" | "h6" => Some(4),
        _ => None,
    }
}

/// The markup of one sequence of runs; a link only where the address is one the site allows.
pub fn runs_markup(runs: &[TextRun], out: &mut String) {
    if runs.iter().all(|run| run.text.is_empty()) {
        // An empty line keeps its height, so the caret can go there.
        out.push_str("<br>");
        return;
    }
    civic_renderer::write_runs(
        runs,
        out,
        |run| run.link.as_deref().filter(|link| is_link(link)),
        |out, link| escape::url_attr(out, "href", link, is_link),
    );
}

/// Rich text read from a node tree: the editor's children, or the body of pasted HTML.
pub fn from_tree(nodes: &[DomNode]) -> Vec<TextBlock> {
    let mut builder = Builder::default();
    let context = Context { container: Container::Paragraph, marks: Marks::default() };
    for node in nodes {
        builder.walk(node, &context);
    }
    builder.flush(Container::Paragraph);
    builder.out
}

/// Rich text from plain text: each non-empty line is a paragraph.
pub fn from_plain_text(text: &str) -> Vec<TextBlock> {
    text.lines()
        .map(|line| normalise(vec![(line.to_string(), Marks::default())]))
        .filter(|runs| !runs.is_empty())
        .map(|runs| TextBlock::Paragraph { runs })
        .collect()
}

/// Whether the tree holds only elements the editing markup is made of, the way it makes them;
/// if not, something foreign got into the live editor and it should show the model's rendering
/// instead. A heading holds no blocks (Chromium puts pasted ones inside an empty heading).
pub fn is_clean(nodes: &[DomNode]) -> bool {
    nodes.iter().all(|node| match node {
        DomNode::Text(_) => true,
        DomNode::Element(element) => {
            EDITING.contains(&element.name.as_str())
                && is_clean(&element.children)
                && !(heading_level(&element.name).is_some() && element.children.iter().any(is_block))
        }
    })
}

fn is_block(node: &DomNode) -> bool {
    matches!(node, DomNode::Element(element) if matches!(element.name.as_str(), "p" | "div" | "ul" | "ol" | "li" | "blockquote")
        || heading_level(&element.name).is_some())
}

/// The kind of block the caret is in, as the toolbar shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockFormat {
    /// A plain paragraph.
    #[default]
    Paragraph,
    /// An item of a bulleted list.
    Bulleted,
    /// An item of a numbered list.
    Numbered,
    /// A quotation.
    Quote,
    /// A heading.
    Heading,
}

/// Where the caret is: its block and the link around it, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaretContext {
    /// The block's kind.
    pub block: BlockFormat,
    /// The address of the link the caret is in.
    pub link: Option<String>,
}

/// The caret's context from its ancestors, innermost first, up to (not including) the editor:
/// each element's name and `href`.
pub fn caret_context<'a>(ancestors: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> CaretContext {
    let mut context = CaretContext::default();
    let mut block = None;
    for (name, href) in ancestors {
        match name {
            "ul" | "ol" if !matches!(block, Some(BlockFormat::Bulleted | BlockFormat::Numbered)) => {
                block = Some(if name == "ol" { BlockFormat::Numbered } else { BlockFormat::Bulleted });
            }
            "blockquote" if block.is_none() => block = Some(BlockFormat::Quote),
            _ if block.is_none() && heading_level(name).is_some() => block = Some(BlockFormat::Heading),
            "a" if context.link.is_none() => context.link = href.map(str::trim).filter(|href| is_link(href)).map(String::from),
            _ => {}
        }
    }
    context.block = block.unwrap_or_default();
    context
}

/// How an edit of the editor joins the undo history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// Typing and deleting: a burst of them is one undo step, as in a plain field.
    Typing,
    /// A command (bold, a list, a link, a paste): its own undo step.
    Step,
}

/// The kind of an edit from its `InputEvent.inputType`.
pub fn edit_kind(input_type: &str) -> EditKind {
    let typing = matches!(
        input_type,
        "insertText" | "insertReplacementText" | "insertCompositionText" | "insertFromComposition" | "insertParagraph"
            | "insertLineBreak" | "deleteCompositionText" | "deleteByComposition"
    ) || (input_type.starts_with("delete") && !matches!(input_type, "deleteByCut" | "deleteByDrag"));
    if typing {
        EditKind::Typing
    } else {
        EditKind::Step
    }
}

/// Whether the browser may carry out an edit of this `inputType` by itself. Formatting the
/// model cannot store (underline, colours, alignment) is refused; bold and italic go through
/// the editor's own commands, and undo / redo are the constructor's.
pub fn native_input_allowed(input_type: &str) -> bool {
    !(input_type.starts_with("format") || input_type.starts_with("history"))
}

/// The marks a stretch of text carries.
#[derive(Clone, Debug, Default, PartialEq)]
struct Marks {
    bold: bool,
    italic: bool,
    link: Option<String>,
}

impl Marks {
    /// CSS wins over the tag, as in the browser: Google Docs wraps a paste in
    /// `<b style="font-weight:normal">`, Word marks bold with `<span style="font-weight:700">`.
    fn apply_style(&mut self, style: Option<&str>) {
        for (property, value) in declarations(style) {
            match property.as_str() {
                "font-weight" => match value.as_str() {
                    "bold" | "bolder" => self.bold = true,
                    "normal" | "lighter" => self.bold = false,
                    number => {
                        if let Ok(weight) = number.parse::<f32>() {
                            self.bold = weight >= 600.0;
                        }
                    }
                },
                "font-style" => match value.as_str() {
                    "normal" => self.italic = false,
                    v if v == "italic" || v.starts_with("oblique") => self.italic = true,
                    _ => {}
                },
                _ => {}
            }
        }
    }
}

/// The declarations of a `style` attribute, property and value in lower case.
fn declarations(style: Option<&str>) -> impl Iterator<Item = (String, String)> + '_ {
    style.unwrap_or_default().split(';').filter_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        Some((property.trim().to_ascii_lowercase(), value.trim_end_matches("!important").trim().to_string()))
    })
}

/// The level of a Word list paragraph (`style="mso-list:l0 level2 lfo1"`), if it is one.
fn word_list_level(style: Option<&str>) -> Option<u32> {
    let (_, value) = declarations(style).find(|(property, _)| property == "mso-list")?;
    let mut words = value.split_whitespace();
    let list = words.next()?;
    if !(list.len() > 1 && list.starts_with('l') && list[1..].bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(words.find_map(|word| word.strip_prefix("level")?.parse().ok()).unwrap_or(1))
}

/// Whether an element is Word's list marker (`<span style="mso-list:Ignore">`), which Word
/// writes for programs that cannot show its lists.
fn is_word_marker(element: &DomElement) -> bool {
    declarations(element.style.as_deref()).any(|(property, value)| property == "mso-list" && value == "ignore")
}

/// The text of the first Word list marker in a subtree.
fn word_marker(nodes: &[DomNode]) -> Option<String> {
    nodes.iter().find_map(|node| match node {
        DomNode::Element(element) if is_word_marker(element) => {
            let mut text = String::new();
            plain_text(&element.children, &mut text);
            Some(text)
        }
        DomNode::Element(element) => word_marker(&element.children),
        DomNode::Text(_) => None,
    })
}

/// Whether a list marker counts: it has a digit («1.», «(2)», «3)») or is letters closed by a
/// dot or a bracket («a)», «б.», «IV.»). Bullets («·», «o», «§», «–») do not.
fn is_numbering(marker: &str) -> bool {
    let marker = marker.trim();
    let letters = marker.trim_end_matches(['.', ')']);
    marker.chars().any(|c| c.is_ascii_digit())
        || (letters.len() < marker.len() && !letters.is_empty() && letters.chars().all(char::is_alphabetic))
}

/// What the text being collected will become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Paragraph,
    Heading { level: u8 },
    Quote,
    Item { ordered: bool },
}

#[derive(Clone, Debug)]
struct Context {
    container: Container,
    marks: Marks,
}

#[derive(Default)]
struct Builder {
    out: Vec<TextBlock>,
    /// Text of the block being collected, with its marks, whitespace not yet normalised.
    pieces: Vec<(String, Marks)>,
    /// The source of the quote being collected (`Some` inside a `<blockquote>`).
    cite: Option<String>,
}

impl Builder {
    fn walk(&mut self, node: &DomNode, context: &Context) {
        match node {
            DomNode::Text(text) => self.pieces.push((text.clone(), context.marks.clone())),
            DomNode::Element(element) => self.element(element, context),
        }
    }

    fn children(&mut self, element: &DomElement, context: &Context) {
        for child in &element.children {
            self.walk(child, context);
        }
    }

    fn element(&mut self, element: &DomElement, context: &Context) {
        let name = element.name.as_str();
        // Word's list marker: the item has a marker of its own.
        if SILENT.contains(&name) || (matches!(context.container, Container::Item { .. }) && is_word_marker(element)) {
            return;
        }
        let mut inner = context.clone();
        match name {
            "strong" | "b" => inner.marks.bold = true,
            "em" | "i" => inner.marks.italic = true,
            "a" => {
                if let Some(href) = element.href.as_deref().map(str::trim).filter(|href| is_link(href)) {
                    inner.marks.link = Some(href.to_string());
                }
            }
            _ => {}
        }
        if EDITING.contains(&name) {
            inner.marks.apply_style(element.style.as_deref());
        }
        match name {
            "br" => self.boundary(context.container),
            "ul" | "ol" => self.list(element, &inner, name == "ol"),
            "p" if context.container == Container::Paragraph && word_list_level(element.style.as_deref()).is_some() => {
                self.word_item(element, &inner);
            }
            "li" => self.item(element, &inner),
            "blockquote" if self.cite.is_none() && !matches!(context.container, Container::Item { .. }) => self.quote(element, &inner),
            "cite" if self.cite.is_some() && context.container == Container::Quote => {
                let mut text = String::new();
                plain_text(&element.children, &mut text);
                let cite = self.cite.get_or_insert_with(String::new);
                cite.push(' ');
                cite.push_str(&text);
            }
            "td" | "th" => {
                self.pieces.push((" ".into(), Marks::default()));
                self.children(element, &inner);
                self.pieces.push((" ".into(), Marks::default()));
            }
            // A heading is one line: a paragraph inside it ends it.
            "p" | "div" if matches!(context.container, Container::Heading { .. }) => {
                self.flush(context.container);
                self.children(element, &Context { container: Container::Paragraph, marks: inner.marks });
                self.flush(Container::Paragraph);
            }
            _ if context.container == Container::Paragraph && heading_level(name).is_some() => {
                let container = Container::Heading { level: heading_level(name).unwrap_or(2) };
                self.flush(context.container);
                self.children(element, &Context { container, marks: inner.marks });
                self.flush(container);
            }
            _ if matches!(name, "p" | "div" | "blockquote") || heading_level(name).is_some() || BLOCKISH.contains(&name) => {
                self.boundary(context.container);
                self.children(element, &inner);
                self.boundary(context.container);
            }
            _ => self.children(element, &inner),
        }
    }

    /// A line break or block edge: a new paragraph, or a space inside a list item or a heading
    /// (each holds one line of runs).
    fn boundary(&mut self, container: Container) {
        match container {
            Container::Item { .. } | Container::Heading { .. } => self.pieces.push((" ".into(), Marks::default())),
            _ => self.flush(container),
        }
    }

    /// A list; one nested in an item continues the outer list, since lists do not nest.
    fn list(&mut self, element: &DomElement, context: &Context, ordered: bool) {
        let container = match context.container {
            outer @ Container::Item { .. } => outer,
            _ => Container::Item { ordered },
        };
        self.flush(context.container);
        self.children(element, &Context { container, marks: context.marks.clone() });
        self.flush(container);
    }

    /// A list item (one outside a list starts a bulleted one).
    fn item(&mut self, element: &DomElement, context: &Context) {
        let container = match context.container {
            Container::Item { .. } => context.container,
            _ => Container::Item { ordered: false },
        };
        self.flush(context.container);
        self.children(element, &Context { container, marks: context.marks.clone() });
        self.flush(container);
    }

    /// A Word list paragraph: an item of a numbered list if its marker is a number, of a
    /// bulleted one if not. A deeper level continues the list before it, since lists do not nest.
    fn word_item(&mut self, element: &DomElement, context: &Context) {
        self.flush(context.container);
        let level = word_list_level(element.style.as_deref()).unwrap_or(1);
        let ordered = match self.out.last() {
            Some(TextBlock::List { ordered, .. }) if level > 1 => *ordered,
            _ => word_marker(&element.children).is_some_and(|marker| is_numbering(&marker)),
        };
        let container = Container::Item { ordered };
        self.children(element, &Context { container, marks: context.marks.clone() });
        self.flush(container);
    }

    /// A quotation: each of its paragraphs becomes a quote; its `<cite>` goes to the last.
    fn quote(&mut self, element: &DomElement, context: &Context) {
        self.flush(context.container);
        let start = self.out.len();
        self.cite = Some(String::new());
        self.children(element, &Context { container: Container::Quote, marks: context.marks.clone() });
        self.flush(Container::Quote);
        let cite = normalise(vec![(self.cite.take().unwrap_or_default(), Marks::default())])
            .into_iter()
            .map(|run| run.text)
            .collect::<String>();
        if cite.is_empty() {
            return;
        }
        match self.out[start..].iter_mut().rev().find_map(|block| match block {
            TextBlock::Quote { cite, .. } => Some(cite),
            _ => None,
        }) {
            Some(slot) => *slot = cite,
            // A source left without its quote stays as text.
            None => self.out.push(TextBlock::Paragraph { runs: vec![TextRun::plain(cite)] }),
        }
    }

    /// Ends the block being collected; empty ones are dropped.
    fn flush(&mut self, container: Container) {
        let mut pieces = mem::take(&mut self.pieces);
        if let Container::Heading { .. } = container {
            // A heading is bold already: pasted headings often say so again in their styles.
            pieces.iter_mut().for_each(|(_, marks)| marks.bold = false);
        }
        let runs = normalise(pieces);
        if runs.is_empty() {
            return;
        }
        match container {
            Container::Paragraph => self.out.push(TextBlock::Paragraph { runs }),
            Container::Heading { level } => self.out.push(TextBlock::Heading { level, runs }),
            Container::Quote => self.out.push(TextBlock::Quote { runs, cite: String::new() }),
            Container::Item { ordered } => match self.out.last_mut() {
                Some(TextBlock::List { ordered: last, items }) if *last == ordered => items.push(runs),
                _ => self.out.push(TextBlock::List { ordered, items: vec![runs] }),
            },
        }
    }
}

/// The text of a subtree, silent elements left out.
fn plain_text(nodes: &[DomNode], out: &mut String) {
    for node in nodes {
        match node {
            DomNode::Text(text) => out.push_str(text),
            DomNode::Element(element) if !SILENT.contains(&element.name.as_str()) => plain_text(&element.children, out),
            DomNode::Element(_) => {}
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// One block's text as runs, its whitespace as a browser shows it: runs of spaces and line
/// breaks are one space, none at the edges. A no-break space counts as a space where
/// contenteditable puts one for a typed space (at an edge, or next to another space); between
/// two words it was meant and is kept. Adjacent runs with the same marks merge.
fn normalise(pieces: Vec<(String, Marks)>) -> Vec<TextRun> {
    let chars: Vec<(char, usize)> = pieces
        .iter()
        .enumerate()
        .flat_map(|(index, (text, _))| text.chars().map(move |c| (c, index)))
        .filter(|&(c, _)| !matches!(c, '\u{200b}' | '\u{feff}') && (is_space(c) || !c.is_control()))
        .collect();
    let spacy = |i: usize| chars.get(i).is_some_and(|&(c, _)| is_space(c) || c == '\u{a0}');
    let mut kept: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    let mut pending_space = None;
    for (i, &(c, piece)) in chars.iter().enumerate() {
        let soft = is_space(c) || (c == '\u{a0}' && (i == 0 || i + 1 == chars.len() || spacy(i - 1) || spacy(i + 1)));
        if soft {
            if !kept.is_empty() && pending_space.is_none() {
                pending_space = Some(piece);
            }
            continue;
        }
        if let Some(space_piece) = pending_space.take() {
            kept.push((' ', space_piece));
        }
        kept.push((c, piece));
    }
    let mut runs: Vec<TextRun> = Vec::new();
    let mut last_marks: Option<&Marks> = None;
    for (c, piece) in kept {
        let marks = &pieces[piece].1;
        match runs.last_mut() {
            Some(run) if last_marks == Some(marks) => run.text.push(c),
            _ => {
                runs.push(TextRun { text: c.to_string(), bold: marks.bold, italic: marks.italic, link: marks.link.clone() });
                last_marks = Some(marks);
            }
        }
    }
    runs
}

#[cfg(test)]
mod tests;
