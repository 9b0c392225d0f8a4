//! The canvas: the page exactly as visitors will see it, rendered by the shared renderer, at
//! a chosen width and in the usual or the accessible version. A change re-renders only what
//! it touched (see `patch`) and swaps it into the frame; a click on a block selects it.

use std::rc::Rc;

use civic_renderer::{A11ySettings, Mode, RenderContext, RenderOptions};
use civic_shared::{Page, RenderData, SiteDocument};
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlIFrameElement};
use yew::prelude::*;

use crate::canvas_text::{is_being_edited, watch_text, TextHooks};
pub use crate::canvas_text::{InPlaceEdit, Shortcut};
use crate::i18n::texts;
use crate::patch::{plan, Patch};

/// The widths the canvas offers: desktop, tablet, phone.
pub const WIDTHS: [u32; 3] = [1280, 768, 375];

/// What the frame shows now, to work out the least work for the next change.
#[derive(Default)]
pub struct Shown {
    key: String,
    page: Option<Page>,
    selected: Option<String>,
    /// A new page is loading into the frame: changes wait for it (`page` is what it shows).
    loading: bool,
}

impl Shown {
    /// The frame finished loading what `update` gave it.
    pub fn loaded(&mut self) {
        self.loading = false;
    }
}

/// Everything that, when it changes, needs the whole page rendered again: the page, the
/// version, the site's settings and the menu (every page's title and place).
fn frame_key(doc: &SiteDocument, page_id: &str, accessible: bool, data: &Rc<RenderData>) -> String {
    let menu: Vec<_> = doc.pages.iter().map(|(id, p)| (id, &p.title, &p.slug, &p.parent, p.in_menu)).collect();
    let site = serde_json::to_string(&(&doc.site, &doc.theme, menu)).unwrap_or_default();
    format!("{page_id}|{accessible}|{:p}|{site}", Rc::as_ptr(data))
}

/// Brings the frame up to the document: the whole page, its content, or a few blocks.
#[allow(clippy::too_many_arguments)]
pub fn update(
    frame: &HtmlIFrameElement,
    shown: &mut Shown,
    doc: &SiteDocument,
    page_id: &str,
    data: &Rc<RenderData>,
    selected: Option<&str>,
    accessible: bool,
    base_path: &str,
) {
    let Some(page) = doc.pages.get(page_id) else { return };
    let options = RenderOptions {
        base_path,
        mode: Mode::Preview { selected },
        accessible: accessible.then(A11ySettings::default),
        ..RenderOptions::default()
    };
    let Some(ctx) = RenderContext::for_page(doc, page_id, data, options) else { return };
    let key = frame_key(doc, page_id, accessible, data);
    // A frame that lost its page (re-created by the browser or the framework) starts again.
    if frame.get_attribute("srcdoc").is_none() {
        shown.page = None;
        shown.loading = false;
    }
    let patch = match &shown.page {
        // Changes made while the frame loads are shown once it has loaded.
        Some(_) if shown.key == key && shown.loading => return,
        Some(before) if shown.key == key => plan(before, page),
        _ => Patch::Full,
    };
    let content = frame.content_document();
    let done = match (&patch, &content) {
        (Patch::Nothing, _) => true,
        (Patch::Blocks(ids), Some(content)) => ids.iter().all(|id| {
            let found = find_element(content, id);
            let block = crate::state::find_block(&page.blocks, id);
            match (found, block) {
                // The text being typed on the canvas is already on screen: rendering it again
                // would throw the caret away.
                (Some(element), Some(_)) if is_being_edited(&element) => true,
                (Some(element), Some(block)) => {
                    let mut html = String::new();
                    civic_renderer::render_block(&ctx, block, &mut html);
                    element.set_outer_html(&html);
                    true
                }
                _ => false,
            }
        }),
        (Patch::Remove(id), Some(content)) => match find_element(content, id) {
            Some(element) => {
                element.remove();
                true
            }
            None => false,
        },
        (Patch::Place { id, after, before, new }, Some(content)) => {
            let neighbour = after.as_deref().or(before.as_deref()).and_then(|n| find_element(content, n));
            let position = if after.is_some() { "afterend" } else { "beforebegin" };
            match (neighbour, new, crate::state::find_block(&page.blocks, id)) {
                (Some(neighbour), true, Some(block)) => {
                    let mut html = String::new();
                    civic_renderer::render_block(&ctx, block, &mut html);
                    neighbour.insert_adjacent_html(position, &html).is_ok()
                }
                (Some(neighbour), false, Some(_)) => match find_element(content, id) {
                    Some(moved) => neighbour.insert_adjacent_element(position, &moved).is_ok(),
                    None => false,
                },
                _ => false,
            }
        }
        (Patch::Content, Some(content)) => match content.query_selector("main#content .wrap").ok().flatten() {
            Some(wrap) => {
                let mut html = String::with_capacity(page.blocks.len() * 256);
                html.push_str("<h1>");
                civic_renderer::escape::text(&mut html, &page.title);
                html.push_str("</h1>\n");
                for block in &page.blocks {
                    civic_renderer::render_block(&ctx, block, &mut html);
                }
                wrap.set_inner_html(&html);
                true
            }
            None => false,
        },
        _ => false,
    };
    if !done {
        let _ = frame.set_attribute("srcdoc", &civic_renderer::render_to_string(&ctx));
        shown.loading = true;
    } else if shown.selected.as_deref() != selected {
        if let Some(content) = content {
            mark_selected(&content, shown.selected.as_deref(), selected);
        }
    }
    shown.key = key;
    shown.page = Some(page.clone());
    shown.selected = selected.map(String::from);
}

/// The element of the block with this id in the frame's page.
fn find_element(content: &web_sys::Document, id: &str) -> Option<Element> {
    content.query_selector(&format!("[data-block=\"{id}\"]")).ok().flatten()
}

/// Moves the selection outline from one block to another without rendering anything.
fn mark_selected(content: &web_sys::Document, before: Option<&str>, now: Option<&str>) {
    let find = |id: &str| find_element(content, id);
    if let Some(element) = before.and_then(find) {
        let _ = element.class_list().remove_1("civic-selected");
    }
    if let Some(element) = now.and_then(find) {
        let _ = element.class_list().add_1("civic-selected");
        element.scroll_into_view_with_bool(false);
    }
}

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub frame: NodeRef,
    /// The width to show the page at.
    pub width: u32,
    /// A block was clicked in the page.
    pub on_select: Callback<String>,
    /// The frame loaded a new page (the canvas shows everything again on the next change).
    pub on_load: Callback<()>,
    /// Whether a block is being dragged (from the palette or the outline).
    pub dragging: bool,
    /// A drop on the page: before (false) or after (true) the block with this id.
    pub on_drop: Callback<(String, bool)>,
    /// Text typed on the canvas: the block, the field's JSON pointer and its new value.
    pub on_text: Callback<InPlaceEdit>,
    /// A shortcut pressed while typing on the canvas.
    pub on_shortcut: Callback<Shortcut>,
    /// Whether texts may be edited on the canvas (not for a read-only account).
    pub editable: bool,
}

/// What the listeners in the frame call: always the latest props.
#[derive(Clone)]
struct Hooks {
    on_select: Callback<String>,
    on_load: Callback<()>,
    on_drop: Callback<(String, bool)>,
    text: TextHooks,
    dragging: bool,
}

impl Hooks {
    fn of(props: &PreviewProps) -> Self {
        Self {
            on_select: props.on_select.clone(),
            on_load: props.on_load.clone(),
            on_drop: props.on_drop.clone(),
            text: TextHooks { on_text: props.on_text.clone(), on_shortcut: props.on_shortcut.clone(), editable: props.editable },
            dragging: props.dragging,
        }
    }
}

type HooksCell = Rc<std::cell::RefCell<Hooks>>;

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    // The frame's `load` does not bubble, so it is heard on the frame itself; the listeners
    // read the latest callbacks from a cell.
    let hooks = use_mut_ref(|| Hooks::of(props));
    *hooks.borrow_mut() = Hooks::of(props);
    {
        let (frame, hooks) = (props.frame.clone(), hooks.clone());
        use_effect_with((), move |_| {
            let inner = Rc::new(std::cell::RefCell::new(Vec::<EventListener>::new()));
            let load = frame.cast::<HtmlIFrameElement>().map(|iframe| {
                let target = iframe.clone();
                EventListener::new(&iframe, "load", move |_| {
                    if let Some(content) = target.content_document() {
                        *inner.borrow_mut() = watch(&content, hooks.clone());
                    }
                    let on_load = hooks.borrow().on_load.clone();
                    on_load.emit(());
                })
            });
            move || drop(load)
        });
    }
    // The page is laid out at the chosen width (its media queries see that width) and scaled
    // down to fit the pane when the pane is narrower, as a device frame would be.
    let pane = use_node_ref();
    let pane_size = use_state_eq(|| (0.0_f64, 0.0_f64));
    {
        let (pane, pane_size) = (pane.clone(), pane_size.clone());
        use_effect_with((), move |_| {
            let observer = pane.cast::<Element>().and_then(|element| watch_size(&element, pane_size));
            move || drop(observer)
        });
    }
    // «100 %» shows the page unscaled, the pane scrolling, for reading small text closely.
    let actual_size = use_state_eq(|| false);
    let fitted = Fit::new(props.width, *pane_size);
    let fit = if *actual_size { Fit::new(props.width, (0.0, pane_size.1)) } else { fitted };
    let on_zoom = {
        let actual_size = actual_size.clone();
        Callback::from(move |_: MouseEvent| actual_size.set(!*actual_size))
    };
    // No scripts run in the preview (the sandbox has no allow-scripts); same-origin lets relative
    // image paths load as they will on the public site, and lets the editor patch the page
    // and hear clicks and drops on it.
    html! {
        <main class="canvas" aria-label={texts().preview}>
            <div class={classes!("frame-holder", actual_size.then_some("actual-size"))} ref={pane}>
                <iframe ref={props.frame.clone()} class="preview" title={texts().preview} sandbox="allow-same-origin"
                    data-width={props.width.to_string()} style={fit.style()} />
            </div>
            if fitted.scale < 1.0 {
                <button type="button" class="frame-scale" aria-pressed={actual_size.to_string()} onclick={on_zoom}
                    title={texts().zoom_hint}>
                    { format!("{} px · {} % · ", props.width, (fit.scale * 100.0).round()) }
                    { if *actual_size { texts().zoom_fit } else { texts().zoom_actual } }
                </button>
            }
        </main>
    }
}

/// How the frame fits its pane: laid out at `width` CSS pixels, scaled by `scale` (never up).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fit {
    width: u32,
    height: f64,
    scale: f64,
}

impl Fit {
    /// The fit of a page `width` wide in a pane of `(width, height)`; before the pane is
    /// measured, the frame is shown unscaled.
    fn new(width: u32, (pane_width, pane_height): (f64, f64)) -> Self {
        let scale = if pane_width > 0.0 { (pane_width / f64::from(width)).min(1.0) } else { 1.0 };
        Self { width, height: pane_height / scale, scale }
    }

    fn style(self) -> String {
        let height = if self.height > 0.0 { format!("{:.1}px", self.height) } else { "100%".into() };
        format!("width:{}px;height:{height};transform:scale({:.4})", self.width, self.scale)
    }
}

/// Keeps `size` equal to the element's content box as it changes; the observer stops when dropped.
fn watch_size(element: &Element, size: UseStateHandle<(f64, f64)>) -> Option<SizeObserver> {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            let rect = entry.content_rect();
            size.set((rect.width(), rect.height()));
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(SizeObserver { observer, _callback: callback })
}

/// A `ResizeObserver` with the closure it calls, disconnected when dropped.
struct SizeObserver {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for SizeObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The block under the pointer and whether the pointer is in its lower half.
fn drop_place(event: &web_sys::Event) -> Option<(Element, bool)> {
    let event = event.unchecked_ref::<web_sys::MouseEvent>();
    let block = event.target()?.unchecked_into::<Element>().closest("[data-block]").ok().flatten()?;
    let rect = block.get_bounding_client_rect();
    Some((block, f64::from(event.client_y()) > rect.top() + rect.height() / 2.0))
}

/// A line before or after the block a drop would land next to (drawn in the page, above it).
fn show_line(content: &web_sys::Document, place: Option<(&Element, bool)>) {
    let line = match content.get_element_by_id("civic-drop-line") {
        Some(line) => line,
        None => match content.create_element("div") {
            Ok(line) => {
                line.set_id("civic-drop-line");
                if let Some(body) = content.body() {
                    let _ = body.append_child(&line);
                }
                line
            }
            Err(_) => return,
        },
    };
    let style = line.unchecked_ref::<web_sys::HtmlElement>().style();
    let Some((block, after)) = place else {
        let _ = style.set_property("display", "none");
        return;
    };
    let rect = block.get_bounding_client_rect();
    let scroll = content.default_view().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
    let top = if after { rect.bottom() } else { rect.top() } + scroll - 2.0;
    for (name, value) in [
        ("display", "block".to_string()),
        ("position", "absolute".into()),
        ("left", format!("{}px", rect.left())),
        ("width", format!("{}px", rect.width())),
        ("top", format!("{top}px")),
        ("height", "4px".into()),
        ("background", "#1f6feb".into()),
        ("border-radius", "2px".into()),
        ("pointer-events", "none".into()),
        ("z-index", "2147483647".into()),
    ] {
        let _ = style.set_property(name, &value);
    }
}

/// The editor's own marks over the page: an empty column or panel is a visible place to drop
/// into (visitors never see these, the page's own styles are untouched).
const EDITOR_STYLE: &str = ".column:not(:has([data-block])),[data-block].block-section:not(:has([data-block])){min-height:3rem;\
outline:1px dashed #8c96a3;outline-offset:-1px;border-radius:4px}\
.civic-editing{outline:3px solid #1f6feb!important;outline-offset:4px;cursor:text}";

fn show_empty_slots(content: &web_sys::Document) {
    if content.get_element_by_id("civic-editor-style").is_some() {
        return;
    }
    let (Ok(style), Some(head)) = (content.create_element("style"), content.head()) else { return };
    style.set_id("civic-editor-style");
    style.set_text_content(Some(EDITOR_STYLE));
    let _ = head.append_child(&style);
}

/// A click on a block in the page selects it; a drag over it shows where a drop lands;
/// links and forms in the preview do nothing.
fn watch(content: &web_sys::Document, hooks: HooksCell) -> Vec<EventListener> {
    show_empty_slots(content);
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    let on_click = hooks.clone();
    let click = EventListener::new_with_options(content, "click", options, move |event| {
        event.prevent_default();
        // The page lives in the frame's own realm, where `instanceof Element` of this one
        // fails: a click's target is always an element, so it is taken as one.
        let block = event
            .target()
            .map(|t| t.unchecked_into::<Element>())
            .and_then(|el| el.closest("[data-block]").ok().flatten())
            .and_then(|el| el.get_attribute("data-block"));
        if let Some(id) = block {
            let on_select = on_click.borrow().on_select.clone();
            on_select.emit(id);
        }
    });
    let submit = EventListener::new_with_options(content, "submit", options, |event| event.prevent_default());
    let (over_hooks, over_doc) = (hooks.clone(), content.clone());
    let over = EventListener::new_with_options(content, "dragover", options, move |event| {
        if !over_hooks.borrow().dragging {
            return;
        }
        event.prevent_default();
        let place = drop_place(event);
        show_line(&over_doc, place.as_ref().map(|(block, after)| (block, *after)));
    });
    let (drop_hooks, drop_doc) = (hooks.clone(), content.clone());
    let dropped = EventListener::new_with_options(content, "drop", options, move |event| {
        event.prevent_default();
        show_line(&drop_doc, None);
        let Some((block, after)) = drop_place(event) else { return };
        let (dragging, on_drop) = {
            let hooks = drop_hooks.borrow();
            (hooks.dragging, hooks.on_drop.clone())
        };
        if let (true, Some(id)) = (dragging, block.get_attribute("data-block")) {
            on_drop.emit((id, after));
        }
    });
    let text_hooks = hooks.clone();
    let text = watch_text(content, Rc::new(move || text_hooks.borrow().text.clone()));
    let leave_doc = content.clone();
    let leave = EventListener::new(content, "dragleave", move |event| {
        let left_page = event.unchecked_ref::<web_sys::DragEvent>().related_target().is_none();
        if left_page {
            show_line(&leave_doc, None);
        }
    });
    let mut listeners = vec![click, submit, over, dropped, leave];
    listeners.extend(text);
    listeners
}

#[cfg(test)]
mod tests {
    use super::Fit;

    #[test]
    fn a_wide_page_is_scaled_down_to_the_pane_and_never_up() {
        let fit = Fit::new(1280, (640.0, 500.0));
        assert_eq!(fit.scale, 0.5);
        // Taller by as much as it is scaled, so it still fills the pane's height.
        assert_eq!(fit.height, 1000.0);
        assert_eq!(fit.style(), "width:1280px;height:1000.0px;transform:scale(0.5000)");
        let phone = Fit::new(375, (640.0, 500.0));
        assert_eq!((phone.scale, phone.height), (1.0, 500.0));
    }

    #[test]
    fn an_unmeasured_pane_shows_the_page_unscaled() {
        assert_eq!(Fit::new(768, (0.0, 0.0)).style(), "width:768px;height:100%;transform:scale(1.0000)");
    }
}
