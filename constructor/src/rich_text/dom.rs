//! The editor's DOM: the selection, Chromium's editing commands, and the walk of a subtree
//! (the live editor, or a pasted document) into the node tree the model reads.

use civic_shared::TextBlock;
use wasm_bindgen::JsCast;
use web_sys::{DataTransfer, DomParser, Element, HtmlDocument, HtmlElement, Node, Selection, SupportedType};

use crate::rich_text_model::{self as model, DomElement, DomNode};

/// Deeper than this a tree is not walked: a hostile paste may nest thousands of elements,
/// and the walk must not exhaust the stack.
const MAX_DEPTH: usize = 64;

pub(super) fn html_document() -> Option<HtmlDocument> {
    web_sys::window()?.document()?.dyn_into::<HtmlDocument>().ok()
}

pub(super) fn selection() -> Option<Selection> {
    web_sys::window()?.get_selection().ok().flatten()
}

pub(super) fn is_active(element: &HtmlElement) -> bool {
    html_document().and_then(|d| d.active_element()).is_some_and(|active| active.is_same_node(Some(element)))
}

/// Chromium's editing commands; the model reads whatever DOM they leave.
pub(super) fn exec(command: &str, value: &str) {
    if let Some(document) = html_document() {
        let _ = document.exec_command_with_show_ui_and_value(command, false, value);
    }
}

pub(super) fn caret_to_end(area: &HtmlElement) {
    let (Some(document), Some(selection)) = (html_document(), selection()) else { return };
    if let Ok(range) = document.create_range() {
        if range.select_node_contents(area).is_ok() {
            range.collapse_with_to_start(false);
            let _ = selection.remove_all_ranges();
            let _ = selection.add_range(&range);
        }
    }
}

/// The innermost heading, quote, list item or paragraph around `node`, below `root`.
pub(super) fn enclosing_block(node: &Node, root: &HtmlElement) -> Option<Element> {
    let mut current = Some(node.clone());
    while let Some(node) = current {
        if node.is_same_node(Some(root)) {
            return None;
        }
        if let Some(element) = node.dyn_ref::<Element>() {
            if matches!(element.local_name().as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "li" | "p" | "div") {
                return Some(element.clone());
            }
        }
        current = node.parent_node();
    }
    None
}

/// The elements from `node` up to `root` (not included), innermost first, with their `href`.
pub(super) fn ancestors(node: &Node, root: &HtmlElement) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut current = Some(node.clone());
    while let Some(node) = current {
        if node.is_same_node(Some(root)) {
            break;
        }
        if let Some(element) = node.dyn_ref::<Element>() {
            out.push((element.local_name().to_ascii_lowercase(), element.get_attribute("href")));
        }
        current = node.parent_node();
    }
    out
}

/// The node tree of `parent`'s children, as the model reads it.
pub(crate) fn tree_of(parent: &Node, depth: usize) -> Vec<DomNode> {
    let mut nodes = Vec::new();
    let mut child = parent.first_child();
    while let Some(node) = child {
        match node.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => nodes.push(DomNode::Text(node.node_value().unwrap_or_default())),
            Node::ELEMENT_NODE if depth < MAX_DEPTH => {
                // The node type says it is an element; `dyn_ref` would also ask `instanceof`,
                // which fails for the canvas frame's nodes (another realm's `Element`).
                let element = node.unchecked_ref::<Element>();
                nodes.push(DomNode::Element(DomElement {
                    name: element.local_name().to_ascii_lowercase(),
                    href: element.get_attribute("href"),
                    style: element.get_attribute("style"),
                    children: tree_of(&node, depth + 1),
                }));
            }
            _ => {}
        }
        child = node.next_sibling();
    }
    nodes
}

/// What was pasted or dropped, sanitised: its HTML if it has some, else its plain text.
pub(super) fn transferred_content(data: &DataTransfer) -> Vec<TextBlock> {
    let html = data.get_data("text/html").unwrap_or_default();
    if !html.trim().is_empty() {
        // DOMParser makes an inert document: its scripts never run, its images never load.
        let body = DomParser::new()
            .and_then(|parser| parser.parse_from_string(&html, SupportedType::TextHtml))
            .ok()
            .and_then(|document| document.body());
        if let Some(body) = body {
            return model::from_tree(&tree_of(&body, 0));
        }
    }
    model::from_plain_text(&data.get_data("text/plain").unwrap_or_default())
}
