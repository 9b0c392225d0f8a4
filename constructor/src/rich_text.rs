//! The rich-text editor of the properties panel: a toolbar over a `contenteditable` area.
//! The DOM is only the editing surface: after every change it is walked into a node tree and
//! read back through `rich_text_model`, and the structured runs are what the block stores.

use std::cell::RefCell;
use std::rc::Rc;

use civic_shared::validate::is_link;
use civic_shared::{ProblemKind, TextBlock, TextRun};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, Element, HtmlElement, HtmlInputElement, Range};
use yew::prelude::*;

use crate::i18n::texts;
use crate::rich_text_model::{self as model, BlockFormat, CaretContext, EditKind};

pub(crate) mod dom;

use dom::{ancestors, caret_to_end, enclosing_block, exec, html_document, is_active, selection, transferred_content, tree_of};

/// Reports the whole new content, and whether it was typed or a command.
type OnChange = Callback<(Vec<TextBlock>, EditKind)>;

#[derive(Properties, PartialEq)]
pub struct RichTextProps {
    /// The id of the editable area.
    pub id: AttrValue,
    /// The field's label.
    pub label: AttrValue,
    /// The field's content as stored.
    pub content: Vec<TextBlock>,
    /// A problem to show under the field.
    #[prop_or_default]
    pub error: Option<ProblemKind>,
    /// The whole new content, and whether it was typed or a command.
    pub on_change: OnChange,
    /// The account may only read the text.
    #[prop_or_default]
    pub read_only: bool,
}

/// What the toolbar shows as pressed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Formats {
    caret: CaretContext,
    bold: bool,
    italic: bool,
}

/// The link being entered in the inline field.
#[derive(Clone, Debug, Default, PartialEq)]
struct LinkDraft {
    address: String,
    /// The caret was in a link: the field edits it and offers to remove it.
    existing: bool,
    invalid: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Command {
    Bold,
    Italic,
    Bulleted,
    Numbered,
    Paragraph,
    Heading,
    Quote,
}

/// The handles every event handler needs.
#[derive(Clone)]
struct Editor {
    area: NodeRef,
    /// What the area shows, as the model reads it: what was last emitted or rendered.
    shown: Rc<RefCell<Option<Vec<TextBlock>>>>,
    /// The last selection inside the area, to return to after the toolbar or the link field.
    range: Rc<RefCell<Option<Range>>>,
    /// One of the editor's own commands is running: its `input` events are handled after it.
    busy: Rc<RefCell<bool>>,
    on_change: Rc<RefCell<OnChange>>,
    formats: UseStateHandle<Formats>,
}

impl Editor {
    fn area(&self) -> Option<HtmlElement> {
        self.area.cast::<HtmlElement>()
    }

    /// Shows `content` (from outside: first display, undo, redo).
    fn render(&self, content: &[TextBlock]) {
        let Some(area) = self.area() else { return };
        let mut markup = String::new();
        model::to_markup(content, &mut markup);
        // XSS-safety: `to_markup` escapes every text and admits only checked link addresses.
        area.set_inner_html(&markup);
        *self.shown.borrow_mut() = Some(content.to_vec());
        if is_active(&area) {
            caret_to_end(&area);
        }
    }

    /// Reads the area back and reports the content if it changed.
    fn sync(&self, kind: EditKind) {
        let Some(area) = self.area() else { return };
        let tree = tree_of(&area, 0);
        let content = model::from_tree(&tree);
        let changed = self.shown.borrow().as_ref() != Some(&content);
        if !model::is_clean(&tree) {
            // Something the editor does not make got in: show what will be stored instead.
            self.render(&content);
        }
        if !changed {
            return;
        }
        *self.shown.borrow_mut() = Some(content.clone());
        let on_change = self.on_change.borrow().clone();
        on_change.emit((content, kind));
    }

    /// Runs an editing change of our own as one step.
    fn step(&self, change: impl FnOnce()) {
        *self.busy.borrow_mut() = true;
        change();
        *self.busy.borrow_mut() = false;
        self.sync(EditKind::Step);
        self.refresh();
    }

    /// Focus and the selection back in the area, where the toolbar or the link field took them.
    fn restore_selection(&self) {
        let (Some(area), Some(selection)) = (self.area(), selection()) else { return };
        let had_focus = is_active(&area);
        let inside = selection.anchor_node().is_some_and(|node| area.contains(Some(&node)));
        if !had_focus {
            let _ = area.focus();
        }
        if !had_focus || !inside {
            if let Some(range) = self.range.borrow().as_ref() {
                let _ = selection.remove_all_ranges();
                let _ = selection.add_range(range);
            }
        }
    }

    /// The selection, if it is in the area, and the formats there.
    fn context(&self) -> Option<(Range, Formats)> {
        let (area, selection) = (self.area()?, selection()?);
        let range = (selection.range_count() > 0).then(|| selection.get_range_at(0).ok()).flatten()?;
        let start = range.start_container().ok()?;
        if !area.contains(Some(&start)) {
            return None;
        }
        let ancestors = ancestors(&start, &area);
        let caret = model::caret_context(ancestors.iter().map(|(name, href)| (name.as_str(), href.as_deref())));
        let state = |command| html_document().and_then(|d| d.query_command_state(command).ok()).unwrap_or(false);
        Some((range.clone_range(), Formats { caret, bold: state("bold"), italic: state("italic") }))
    }

    /// Remembers the selection if it is in the area and updates the toolbar.
    fn refresh(&self) {
        if let Some((range, formats)) = self.context() {
            *self.range.borrow_mut() = Some(range);
            self.formats.set(formats);
        }
    }

    fn run(&self, command: Command) {
        self.restore_selection();
        let block = self.context().map(|(_, formats)| formats.caret.block).unwrap_or_default();
        let exec_list = |ordered: bool| exec(if ordered { "insertOrderedList" } else { "insertUnorderedList" }, "");
        self.step(|| match command {
            Command::Bold => exec("bold", ""),
            Command::Italic => exec("italic", ""),
            Command::Bulleted => exec_list(false),
            Command::Numbered => exec_list(true),
            // Lists are toggled off; a quote or a heading pressed again becomes a paragraph.
            Command::Paragraph | Command::Heading | Command::Quote => {
                match block {
                    BlockFormat::Bulleted => exec_list(false),
                    BlockFormat::Numbered => exec_list(true),
                    BlockFormat::Quote | BlockFormat::Paragraph | BlockFormat::Heading => {}
                }
                let target = match command {
                    Command::Quote if block != BlockFormat::Quote => "blockquote",
                    Command::Heading if block != BlockFormat::Heading => "h2",
                    _ => "p",
                };
                if block != BlockFormat::Paragraph || command != Command::Paragraph {
                    exec("formatBlock", target);
                }
            }
        });
    }

    /// Inserts pasted or dropped content where the selection is, as one step.
    fn insert(&self, content: &[TextBlock]) {
        let mut markup = String::new();
        let blocks = match content {
            [] => return,
            [TextBlock::Paragraph { runs }] if runs.iter().all(|run| !run.bold && !run.italic && run.link.is_none()) => {
                let text: String = runs.iter().map(|run| run.text.as_str()).collect();
                self.step(|| exec("insertText", &text));
                return;
            }
            [TextBlock::Paragraph { runs }] => {
                model::runs_markup(runs, &mut markup);
                false
            }
            _ => {
                model::to_markup(content, &mut markup);
                true
            }
        };
        // XSS-safety: the markup is the model's own, made from sanitised content.
        self.step(|| {
            if blocks {
                self.make_room_for_blocks();
            }
            exec("insertHTML", &markup);
        });
    }

    /// Before blocks go in: the selection is deleted, and an empty heading, quote or list item
    /// left at the caret becomes a paragraph, or Chromium would put the blocks inside it (and
    /// the first pasted paragraph would take its kind).
    fn make_room_for_blocks(&self) {
        if selection().is_some_and(|s| !s.is_collapsed()) {
            exec("delete", "");
        }
        let (Some(area), Some((range, formats))) = (self.area(), self.context()) else { return };
        if formats.caret.block == BlockFormat::Paragraph {
            return;
        }
        let empty = range
            .start_container()
            .ok()
            .and_then(|node| enclosing_block(&node, &area))
            .is_some_and(|block| block.text_content().unwrap_or_default().trim().is_empty());
        if empty {
            match formats.caret.block {
                BlockFormat::Bulleted => exec("insertUnorderedList", ""),
                BlockFormat::Numbered => exec("insertOrderedList", ""),
                BlockFormat::Heading | BlockFormat::Quote | BlockFormat::Paragraph => exec("formatBlock", "p"),
            }
        }
    }

    /// When the caret is inside a link (nothing selected), selects the whole link, so that a
    /// new address or its removal applies to all of it.
    fn select_link_at_caret(&self) {
        let (Some(area), Some(selection)) = (self.area(), selection()) else { return };
        if !selection.is_collapsed() {
            return;
        }
        let mut node = selection.anchor_node();
        while let Some(current) = node {
            if current.is_same_node(Some(&area)) {
                return;
            }
            if current.dyn_ref::<Element>().is_some_and(|el| el.local_name() == "a") {
                if let Some(range) = html_document().and_then(|d| d.create_range().ok()) {
                    if range.select_node(&current).is_ok() {
                        let _ = selection.remove_all_ranges();
                        let _ = selection.add_range(&range);
                    }
                }
                return;
            }
            node = current.parent_node();
        }
    }

    fn apply_link(&self, address: &str) {
        self.restore_selection();
        self.select_link_at_caret();
        let collapsed = selection().is_none_or(|s| s.is_collapsed());
        if collapsed {
            // Nothing selected: the address itself becomes the linked text.
            let mut markup = String::new();
            model::runs_markup(&[TextRun { link: Some(address.into()), ..TextRun::plain(address) }], &mut markup);
            // XSS-safety: the model's markup; the address passed `is_link` and is escaped.
            self.step(|| exec("insertHTML", &markup));
        } else {
            self.step(|| exec("createLink", address));
        }
    }

    fn remove_link(&self) {
        self.restore_selection();
        self.select_link_at_caret();
        self.step(|| exec("unlink", ""));
    }

    /// Puts the caret where something was dropped.
    fn caret_to_point(&self, x: i32, y: i32) {
        let (Some(area), Some(document), Some(selection)) = (self.area(), html_document(), selection()) else { return };
        let _ = area.focus();
        let supported = js_sys::Reflect::has(&document, &"caretPositionFromPoint".into()).unwrap_or(false);
        let position = supported.then(|| document.caret_position_from_point(x as f32, y as f32)).flatten();
        let Some((node, offset)) = position.and_then(|p| p.offset_node().map(|node| (node, p.offset()))) else { return };
        if !area.contains(Some(&node)) {
            return;
        }
        if let Ok(range) = document.create_range() {
            if range.set_start(&node, offset).is_ok() {
                range.collapse_with_to_start(true);
                let _ = selection.remove_all_ranges();
                let _ = selection.add_range(&range);
            }
        }
    }
}

/// A toolbar button; `pressed` only where the button shows a state.
fn tool(label: &str, shortcut: &str, pressed: Option<bool>, icon: Html, onclick: Callback<MouseEvent>) -> Html {
    let title = if shortcut.is_empty() { label.to_string() } else { format!("{label} ({})", shortcut.replace("Control", "Ctrl")) };
    html! {
        <button type="button" class="rich-btn" aria-label={label.to_string()} {title}
            aria-pressed={pressed.map(|p| if p { "true" } else { "false" })}
            aria-keyshortcuts={(!shortcut.is_empty()).then(|| shortcut.to_string())}
            // Keep the selection in the text while the mouse presses the button.
            onmousedown={Callback::from(|event: MouseEvent| event.prevent_default())}
            {onclick}>{ icon }</button>
    }
}

fn filled_icon(path: &'static str) -> Html {
    html! {
        <svg class="rich-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="currentColor">
            <path d={path} />
        </svg>
    }
}

fn icon(paths: &'static [&'static str]) -> Html {
    html! {
        <svg class="rich-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            { for paths.iter().map(|d| html! { <path d={*d} /> }) }
        </svg>
    }
}

const LINK_ICON: &[&str] = &[
    "M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71",
    "M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71",
];
const BULLETED_ICON: &[&str] = &["M9 6h12", "M9 12h12", "M9 18h12", "M4 6h.01", "M4 12h.01", "M4 18h.01"];
const NUMBERED_ICON: &[&str] = &["M10 6h11", "M10 12h11", "M10 18h11", "M4 4h1v4", "M4 8h2", "M6 18H4c0-1 2-2 2-3s-1-1.5-2-1"];
/// The letter H of a heading.
const HEADING_ICON: &[&str] = &["M6 4v16", "M18 4v16", "M6 12h12"];
/// Filled: two quotation marks.
const QUOTE_ICON: &str = "M6 17h3l2-4V7H5v6h3zm8 0h3l2-4V7h-6v6h3z";

#[function_component(RichText)]
pub fn rich_text(props: &RichTextProps) -> Html {
    let t = texts();
    let formats = use_state_eq(Formats::default);
    let link = use_state_eq(|| None::<LinkDraft>);
    let link_input = use_node_ref();
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();
    let editor = Editor {
        area: use_node_ref(),
        shown: use_mut_ref(|| None),
        range: use_mut_ref(|| None),
        busy: use_mut_ref(|| false),
        on_change,
        formats: formats.clone(),
    };
    // Dragging from inside the area moves our own markup: the browser may do that itself.
    let dragging_inside = use_mut_ref(|| false);

    // Render only what comes from outside; what the user typed is already on screen, and
    // rewriting it would throw the caret to the start.
    {
        let editor = editor.clone();
        use_effect_with(props.content.clone(), move |content| {
            if editor.shown.borrow().as_ref() != Some(content) {
                editor.render(content);
            }
        });
    }
    {
        let editor = editor.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            let selection = document.as_ref().map(|document| {
                let editor = editor.clone();
                gloo_events::EventListener::new(document, "selectionchange", move |_| editor.refresh())
            });
            // Formatting the model cannot store, and the browser's own undo, are refused.
            let before_input = editor.area().map(|area| {
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(&area, "beforeinput", options, |event| {
                    if let Some(event) = event.dyn_ref::<InputEvent>() {
                        if !model::native_input_allowed(&event.input_type()) {
                            event.prevent_default();
                        }
                    }
                })
            });
            move || drop((selection, before_input))
        });
    }
    {
        let link_input = link_input.clone();
        use_effect_with(link.is_some(), move |open| {
            if *open {
                if let Some(input) = link_input.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }

    let open_link = {
        let (editor, link) = (editor.clone(), link.clone());
        Callback::from(move |()| {
            editor.restore_selection();
            let existing = editor.context().and_then(|(_, formats)| formats.caret.link);
            link.set(Some(LinkDraft { existing: existing.is_some(), address: existing.unwrap_or_default(), invalid: false }));
        })
    };
    let oninput = {
        let editor = editor.clone();
        Callback::from(move |event: InputEvent| {
            if !*editor.busy.borrow() {
                editor.sync(model::edit_kind(&event.input_type()));
            }
        })
    };
    let onkeydown = {
        let (editor, open_link) = (editor.clone(), open_link.clone());
        Callback::from(move |event: KeyboardEvent| {
            if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
                return;
            }
            // Physical keys, so Ctrl+B is the same key on a Russian layout (И).
            let command = match (event.code().as_str(), event.shift_key()) {
                ("KeyB", false) => Some(Command::Bold),
                ("KeyI", false) => Some(Command::Italic),
                ("Digit8", true) => Some(Command::Bulleted),
                ("Digit7", true) => Some(Command::Numbered),
                ("KeyK", false) => {
                    event.prevent_default();
                    open_link.emit(());
                    return;
                }
                // Underline cannot be stored.
                ("KeyU", false) => {
                    event.prevent_default();
                    return;
                }
                _ => None,
            };
            if let Some(command) = command {
                event.prevent_default();
                editor.run(command);
            }
        })
    };
    let onpaste = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            let Some(event) = event.dyn_ref::<ClipboardEvent>() else { return };
            event.prevent_default();
            let content = event.clipboard_data().map(|data| transferred_content(&data)).unwrap_or_default();
            editor.insert(&content);
        })
    };
    let ondrop = {
        let (editor, dragging_inside) = (editor.clone(), dragging_inside.clone());
        Callback::from(move |event: DragEvent| {
            if *dragging_inside.borrow() {
                return;
            }
            event.prevent_default();
            let content = event.data_transfer().map(|data| transferred_content(&data)).unwrap_or_default();
            if !content.is_empty() {
                editor.caret_to_point(event.client_x(), event.client_y());
                editor.insert(&content);
            }
        })
    };
    let ondragstart = {
        let dragging_inside = dragging_inside.clone();
        Callback::from(move |_: DragEvent| *dragging_inside.borrow_mut() = true)
    };
    let ondragend = Callback::from(move |_: DragEvent| *dragging_inside.borrow_mut() = false);

    let command = |command: Command| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.run(command))
    };
    let link_form = (*link).clone().map(|draft| {
        let input_id = format!("{}-link", props.id);
        let error_id = format!("{input_id}-error");
        let hint_id = format!("{input_id}-hint");
        let close = {
            let (editor, link) = (editor.clone(), link.clone());
            Callback::from(move |()| {
                link.set(None);
                editor.restore_selection();
            })
        };
        let onsubmit = {
            let (editor, link, draft) = (editor.clone(), link.clone(), draft.clone());
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                let address = draft.address.trim().to_string();
                if address.is_empty() {
                    if draft.existing {
                        editor.remove_link();
                    }
                } else if is_link(&address) {
                    editor.apply_link(&address);
                } else {
                    link.set(Some(LinkDraft { invalid: true, ..draft.clone() }));
                    return;
                }
                link.set(None);
            })
        };
        let oninput = {
            let (link, draft) = (link.clone(), draft.clone());
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                    link.set(Some(LinkDraft { address: input.value(), invalid: false, ..draft.clone() }));
                }
            })
        };
        let onkeydown = {
            let close = close.clone();
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    close.emit(());
                }
            })
        };
        let remove = {
            let (editor, link) = (editor.clone(), link.clone());
            Callback::from(move |_: MouseEvent| {
                link.set(None);
                editor.remove_link();
            })
        };
        // The error says what an address may be; the hint says it before anything is wrong.
        let described = if draft.invalid { error_id.clone() } else { hint_id.clone() };
        html! {
            <form class="rich-link-form" {onsubmit} id={format!("{}-link-form", props.id)}>
                <label for={input_id.clone()}>{ t.rich_link_address }</label>
                <input id={input_id} type="text" inputmode="url" ref={link_input.clone()} value={draft.address.clone()}
                    {oninput} {onkeydown} aria-invalid={draft.invalid.then_some("true")} aria-describedby={described}
                    autocomplete="off" spellcheck="false" />
                if draft.invalid {
                    <p class="field-error" id={error_id}>{ ProblemKind::BadLink.message(crate::i18n::lang()) }</p>
                } else {
                    <p class="hint" id={hint_id}>{ t.rich_link_hint }</p>
                }
                <div class="rich-link-actions">
                    <button type="submit" class="btn small primary">{ t.rich_link_apply }</button>
                    if draft.existing {
                        <button type="button" class="btn small" onclick={remove}>{ t.rich_link_remove }</button>
                    }
                    <button type="button" class="btn small" onclick={close.reform(|_: MouseEvent| ())}>{ t.rich_link_cancel }</button>
                </div>
            </form>
        }
    });

    let caret = &formats.caret;
    let label_id = format!("{}-label", props.id);
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described = if props.error.is_some() { format!("{error_id} {hint_id}") } else { hint_id.clone() };
    let focus_area = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.restore_selection())
    };
    html! {
        <div class="field rich-text-field">
            <label id={label_id.clone()} onclick={focus_area}>{ props.label.clone() }</label>
            <div class="rich-text">
                <div class="rich-toolbar" role="toolbar" aria-label={t.rich_toolbar} aria-controls={props.id.clone()}>
                    { tool(t.bold, "Control+B", Some(formats.bold), html! { <span class="rich-glyph bold">{ t.rich_bold_mark }</span> }, command(Command::Bold)) }
                    { tool(t.italic, "Control+I", Some(formats.italic), html! { <span class="rich-glyph italic">{ t.rich_italic_mark }</span> }, command(Command::Italic)) }
                    <button type="button" class={classes!("rich-btn", caret.link.is_some().then_some("active"))} aria-label={t.rich_link}
                        title={format!("{} (Ctrl+K)", t.rich_link)} aria-keyshortcuts="Control+K" aria-expanded={if link.is_some() { "true" } else { "false" }}
                        aria-controls={format!("{}-link-form", props.id)}
                        onmousedown={Callback::from(|event: MouseEvent| event.prevent_default())}
                        onclick={open_link.reform(|_: MouseEvent| ())}>{ icon(LINK_ICON) }</button>
                    <span class="rich-separator" aria-hidden="true"></span>
                    { tool(t.rich_bulleted, "Control+Shift+8", Some(caret.block == BlockFormat::Bulleted), icon(BULLETED_ICON), command(Command::Bulleted)) }
                    { tool(t.rich_numbered, "Control+Shift+7", Some(caret.block == BlockFormat::Numbered), icon(NUMBERED_ICON), command(Command::Numbered)) }
                    <span class="rich-separator" aria-hidden="true"></span>
                    { tool(t.paragraph, "", Some(caret.block == BlockFormat::Paragraph), html! { <span class="rich-glyph">{ "¶" }</span> }, command(Command::Paragraph)) }
                    { tool(t.rich_heading, "", Some(caret.block == BlockFormat::Heading), icon(HEADING_ICON), command(Command::Heading)) }
                    { tool(t.quote, "", Some(caret.block == BlockFormat::Quote), filled_icon(QUOTE_ICON), command(Command::Quote)) }
                </div>
                { for link_form }
                <div id={props.id.clone()} class="rich-text-area" ref={editor.area.clone()} contenteditable={(!props.read_only).to_string()}
                    role="textbox" aria-multiline="true" aria-readonly={props.read_only.then_some("true")} aria-labelledby={label_id} aria-describedby={described}
                    aria-invalid={props.error.is_some().then_some("true")} spellcheck="true" lang="ru"
                    {oninput} {onkeydown} {onpaste} {ondrop} {ondragstart} {ondragend}></div>
            </div>
            if let Some(error) = &props.error { <p class="field-error" id={error_id}>{ error.message(crate::i18n::lang()) }</p> }
            <p class="hint" id={hint_id}>{ t.rich_hint }</p>
        </div>
    }
}
