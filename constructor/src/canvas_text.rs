//! Text edited in place on the canvas: a double click on a heading, a text or a button's label
//! makes it editable where it stands; what is typed goes into the document as the same edit the
//! properties panel makes (one undo history, the same limits), read back through the rich-text
//! model, so no markup ever enters the document.

use gloo_events::{EventListener, EventListenerOptions};
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::rich_text::dom::tree_of;
use crate::rich_text_model::from_tree;

/// Text typed on the canvas: the block, the JSON pointer of its field and the field's value.
pub type InPlaceEdit = (String, String, Value);

/// Where typing on the canvas reports to, as the canvas's latest props say.
#[derive(Clone)]
pub struct TextHooks {
    pub on_text: yew::Callback<InPlaceEdit>,
    pub on_shortcut: yew::Callback<Shortcut>,
    /// Whether texts may be edited (not for a read-only account).
    pub editable: bool,
}

/// Reads the latest hooks: the listeners outlive the renders that made them.
pub type LatestHooks = std::rc::Rc<dyn Fn() -> TextHooks>;

/// The editor's shortcuts, pressed while the caret is in the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Undo,
    Redo,
    Save,
}

/// How a block's text is edited on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// One line of plain text: the field at this pointer.
    Line(&'static str),
    /// Rich text (`/content`).
    Rich,
}

/// The element of a block (`[data-block]`) whose text can be typed into, and how.
fn editable_part(block: &Element) -> Option<(Element, Kind)> {
    let classes = block.class_list();
    match block.tag_name().to_ascii_lowercase().as_str() {
        "h2" | "h3" | "h4" => Some((block.clone(), Kind::Line("/text"))),
        _ if classes.contains("button-row") => block.query_selector("a").ok().flatten().map(|a| (a, Kind::Line("/label"))),
        _ if classes.contains("text") => Some((block.clone(), Kind::Rich)),
        _ => None,
    }
}

/// Whether the user is typing into this block's element (or into a part of it).
pub fn is_being_edited(block: &Element) -> bool {
    block.has_attribute("contenteditable") || block.query_selector("[contenteditable]").ok().flatten().is_some()
}

fn kind_of(part: &Element) -> Kind {
    match part.get_attribute("data-civic-field").as_deref() {
        Some("/label") => Kind::Line("/label"),
        Some("/text") => Kind::Line("/text"),
        _ => Kind::Rich,
    }
}

impl Kind {
    /// The JSON pointer of the field typed into.
    fn pointer(self) -> &'static str {
        match self {
            Kind::Line(pointer) => pointer,
            Kind::Rich => "/content",
        }
    }
}

/// The field's value as the part shows it now.
fn value_of(part: &Element, kind: Kind) -> Value {
    match kind {
        // A line stays one line, whatever the browser did with Enter or a paste.
        Kind::Line(_) => Value::String(part.text_content().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")),
        Kind::Rich => serde_json::to_value(from_tree(&tree_of(part, 0))).unwrap_or(Value::Null),
    }
}

/// The part being typed into, from an event inside it.
fn editing_part(event: &web_sys::Event) -> Option<Element> {
    event.target()?.unchecked_into::<Element>().closest("[contenteditable]").ok().flatten()
}

fn finish(part: &Element) {
    let _ = part.remove_attribute("contenteditable");
    let _ = part.remove_attribute("data-civic-field");
    let _ = part.class_list().remove_1("civic-editing");
}

/// The canvas's listeners for typing in place.
pub fn watch_text(content: &web_sys::Document, hooks: LatestHooks) -> Vec<EventListener> {
    let start_hooks = hooks.clone();
    let start = EventListener::new(content, "dblclick", move |event| {
        if !start_hooks().editable {
            return;
        }
        let block = event.target().map(|t| t.unchecked_into::<Element>()).and_then(|el| el.closest("[data-block]").ok().flatten());
        let Some((part, kind)) = block.as_ref().and_then(editable_part) else { return };
        let mode = if kind == Kind::Rich { "true" } else { "plaintext-only" };
        let _ = part.set_attribute("contenteditable", mode);
        let _ = part.set_attribute("data-civic-field", kind.pointer());
        let _ = part.class_list().add_1("civic-editing");
        let _ = part.unchecked_ref::<HtmlElement>().focus();
    });
    let input_hooks = hooks.clone();
    let input = EventListener::new(content, "input", move |event| {
        let Some(part) = editing_part(event) else { return };
        let Some(id) = part.closest("[data-block]").ok().flatten().and_then(|b| b.get_attribute("data-block")) else { return };
        let kind = kind_of(&part);
        let on_text = input_hooks().on_text;
        on_text.emit((id, kind.pointer().to_string(), value_of(&part, kind)));
    });
    let key_hooks = hooks.clone();
    let options = EventListenerOptions::enable_prevent_default();
    let keys = EventListener::new_with_options(content, "keydown", options, move |event| {
        let Some(part) = editing_part(event) else { return };
        let key = event.unchecked_ref::<KeyboardEvent>();
        let command = key.ctrl_key() || key.meta_key();
        let shortcut = match key.key().to_lowercase().as_str() {
            "z" if command && key.shift_key() => Some(Shortcut::Redo),
            "z" if command => Some(Shortcut::Undo),
            "y" if command => Some(Shortcut::Redo),
            "s" if command => Some(Shortcut::Save),
            _ => None,
        };
        let line = matches!(kind_of(&part), Kind::Line(_));
        if let Some(shortcut) = shortcut {
            event.prevent_default();
            // Undo and redo change what the canvas shows: typing ends first, so the block is
            // rendered again from the document.
            if shortcut != Shortcut::Save {
                let _ = part.unchecked_ref::<HtmlElement>().blur();
            }
            let on_shortcut = key_hooks().on_shortcut;
            on_shortcut.emit(shortcut);
        } else if key.key() == "Escape" || (line && key.key() == "Enter") {
            event.prevent_default();
            let _ = part.unchecked_ref::<HtmlElement>().blur();
        }
    });
    let done = EventListener::new(content, "focusout", move |event| {
        if let Some(part) = editing_part(event) {
            finish(&part);
        }
    });
    // A paste on the canvas is plain text; pasting formatted text is the properties panel's job.
    let paste = EventListener::new_with_options(content, "paste", options, |event| {
        if editing_part(event).is_none() {
            return;
        }
        let text = event.unchecked_ref::<web_sys::ClipboardEvent>().clipboard_data().and_then(|d| d.get_data("text/plain").ok());
        event.prevent_default();
        // The frame's objects belong to its own realm, where `instanceof` of this one fails.
        let document = event.target().map(|t| t.unchecked_into::<Element>()).and_then(|el| el.owner_document());
        if let (Some(text), Some(document)) = (text, document.map(|d| d.unchecked_into::<web_sys::HtmlDocument>())) {
            let _ = document.exec_command_with_show_ui_and_value("insertText", false, &text);
        }
    });
    vec![start, input, keys, done, paste]
}
