//! The outline of the current page's blocks: select with a click or the arrow keys, drag a
//! block (or a new one from the palette) to a precise place, with a drop indicator and the
//! reason when the place does not take it.

use civic_shared::Block;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, HtmlElement};
use yew::prelude::*;

use crate::i18n::texts;
use crate::block_tree::block_label;
use crate::state::refusal_text;
use crate::structure::{self, Refusal, Slot};

/// What is being dragged: a new block from the palette, or a block of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dragged {
    New(String),
    Existing(String),
}

/// A drop: the thing dragged and where it goes.
pub type Drop = (Dragged, Slot);

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    /// Shared: every item's drop handler reads the whole tree, and copying it per item would
    /// make the outline quadratic in the number of blocks.
    pub blocks: std::rc::Rc<Vec<Block>>,
    pub selected: Option<String>,
    pub on_block: Callback<String>,
    /// What is being dragged right now (set by the palette or the outline itself).
    pub dragging: Option<Dragged>,
    pub on_drag: Callback<Option<Dragged>>,
    pub on_drop: Callback<Drop>,
}

/// Where the pointer is over: the slot and whether the rules take the dragged block there.
#[derive(Clone, Debug, PartialEq)]
struct Target {
    slot: Slot,
    verdict: Result<(), Refusal>,
}

fn check(blocks: &[Block], dragging: &Dragged, slot: &Slot) -> Result<(), Refusal> {
    match dragging {
        Dragged::New(type_name) => match civic_shared::schema::new_block(type_name, "new-block") {
            Some(block) => structure::check(blocks, &block, slot),
            None => Err(Refusal::NoSuchPlace),
        },
        Dragged::Existing(id) => match crate::state::find_block(blocks, id) {
            Some(block) => structure::check(blocks, block, slot),
            None => Err(Refusal::NoSuchPlace),
        },
    }
}

/// Scrolls the panel when a drag comes near its top or bottom edge.
fn auto_scroll(event: &DragEvent) {
    let Some(panel) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest(".outline-scroll").ok().flatten())
    else {
        return;
    };
    let rect = panel.get_bounding_client_rect();
    let y = f64::from(event.client_y());
    let edge = 48.0;
    if y < rect.top() + edge {
        panel.set_scroll_top(panel.scroll_top() - 12);
    } else if y > rect.bottom() - edge {
        panel.set_scroll_top(panel.scroll_top() + 12);
    }
}

/// Before or after the item under the pointer, by which half of its row (the item's own
/// button, not its children) the pointer is in. The row is measured directly: under Yew's
/// event delegation `current_target` is the app's root, not the item.
fn slot_at(event: &DragEvent, row: &NodeRef, before: Slot) -> Slot {
    let after = row
        .cast::<Element>()
        .map(|el| {
            let rect = el.get_bounding_client_rect();
            f64::from(event.client_y()) > rect.top() + rect.height() / 2.0
        })
        .unwrap_or(false);
    if after {
        Slot { index: before.index + 1, ..before }
    } else {
        before
    }
}

/// The keys of a tree of buttons: arrows move between blocks (and select), Home / End jump,
/// Enter opens the selected block's first field.
fn on_tree_key(on_block: Callback<String>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.alt_key() || event.ctrl_key() || event.meta_key() {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(items) = document.query_selector_all(".block-tree .outline-item") else { return };
        let items: Vec<HtmlElement> = (0..items.length()).filter_map(|i| items.get(i)?.dyn_into().ok()).collect();
        let active = document.active_element();
        let at = items.iter().position(|item| active.as_ref().is_some_and(|a| a == item.as_ref() as &Element));
        let next = match (event.key().as_str(), at) {
            ("ArrowDown", Some(i)) => Some((i + 1).min(items.len().saturating_sub(1))),
            ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
            ("Home", _) => Some(0),
            ("End", _) => Some(items.len().saturating_sub(1)),
            ("Enter", Some(_)) => {
                // Enter edits: the first field of the properties panel.
                if let Some(field) = document
                    .query_selector(".properties input, .properties textarea, .properties select, .properties [contenteditable=true]")
                    .ok()
                    .flatten()
                    .and_then(|f| f.dyn_into::<HtmlElement>().ok())
                {
                    event.prevent_default();
                    let _ = field.focus();
                }
                None
            }
            _ => None,
        };
        if let Some(item) = next.and_then(|i| items.get(i)) {
            event.prevent_default();
            let _ = item.focus();
            if let Some(id) = item.get_attribute("data-block-id") {
                on_block.emit(id);
            }
        }
    })
}

/// The latest tree, drag and drop target, read by the outline's callbacks (which stay the same
/// from render to render, so unchanged items are not rendered again).
#[derive(Default)]
struct Latest {
    blocks: std::rc::Rc<Vec<Block>>,
    dragging: Option<Dragged>,
    target: Option<Target>,
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let t = texts();
    let target = use_state(|| None::<Target>);
    let latest = use_mut_ref(Latest::default);
    {
        let mut latest = latest.borrow_mut();
        latest.blocks = props.blocks.clone();
        latest.dragging = props.dragging.clone();
        latest.target = (*target).clone();
    }
    // Focus follows the selection when it would otherwise be nowhere (after a delete, a move
    // or a click in the canvas), so the keys keep working.
    use_effect_with(props.selected.clone(), |selected| {
        let document = web_sys::window().and_then(|w| w.document());
        if let (Some(document), Some(id)) = (document, selected) {
            let lost = document.active_element().is_none_or(|active| {
                active.tag_name() == "BODY" || active.class_list().contains("preview") || active.closest(".block-tree").ok().flatten().is_some()
            });
            let item = document
                .query_selector(&format!(".block-tree .outline-item[data-block-id=\"{id}\"]"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let (true, Some(item)) = (lost, item) {
                let _ = item.focus();
            }
        }
    });
    let on_over = {
        let (latest, setter) = (latest.clone(), target.setter());
        use_callback((), move |slot: Slot, _| {
            let mut latest = latest.borrow_mut();
            let Some(dragging) = latest.dragging.clone() else { return };
            let verdict = check(&latest.blocks, &dragging, &slot);
            let next = Some(Target { slot, verdict });
            if latest.target != next {
                latest.target = next.clone();
                setter.set(next);
            }
        })
    };
    let on_drop = {
        let (latest, setter, on_drop, on_drag) = (latest.clone(), target.setter(), props.on_drop.clone(), props.on_drag.clone());
        use_callback(on_drop, move |slot: Slot, on_drop| {
            let dragging = latest.borrow_mut().dragging.take();
            if let Some(dragging) = dragging {
                on_drop.emit((dragging, slot));
            }
            latest.borrow_mut().target = None;
            setter.set(None);
            on_drag.emit(None);
        })
    };
    let tree = use_node_ref();
    let on_leave = {
        let (target, tree) = (target.clone(), tree.clone());
        Callback::from(move |event: DragEvent| {
            // Leaving the tree entirely (not moving between its items) clears the indicator.
            let inside = event.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).is_some_and(|node| {
                tree.cast::<web_sys::Node>().is_some_and(|tree| tree.contains(Some(&node)))
            });
            if !inside {
                target.set(None);
            }
        })
    };
    let refusal = target.as_ref().and_then(|t| t.verdict.err()).filter(|_| props.dragging.is_some());
    let view = View { props, target: (*target).clone(), on_over, on_drop };
    html! {
        <section class="outline" aria-labelledby="outline-title">
            <h2 class="panel-title" id="outline-title">{ t.blocks }</h2>
            <p class="visually-hidden" id="outline-hint">{ t.outline_hint }</p>
            <p class="hint" aria-hidden="true">{ t.outline_short_hint }</p>
            if let Some(refusal) = refusal {
                <p class="drop-refusal" role="status">{ refusal_text(refusal) }</p>
            }
            if props.blocks.is_empty() {
                <p class="empty-state">{ t.empty_page }</p>
            }
            <div class="outline-scroll">
            <ul ref={tree} class="block-tree" aria-describedby="outline-hint" ondragleave={on_leave} onkeydown={on_tree_key(props.on_block.clone())}
                ondragover={Callback::from(|event: DragEvent| auto_scroll(&event))}>
                { view.items(&props.blocks, None, 0) }
                { view.end_zone(None, 0, props.blocks.len(), t.drop_page_end) }
            </ul>
            </div>
        </section>
    }
}

struct View<'a> {
    props: &'a OutlineProps,
    target: Option<Target>,
    on_over: Callback<Slot>,
    on_drop: Callback<Slot>,
}

impl View<'_> {
    fn indicator(&self, slot: &Slot) -> Option<&'static str> {
        let target = self.target.as_ref()?;
        (self.props.dragging.is_some() && target.slot == *slot).then_some(if target.verdict.is_ok() { "drop-ok" } else { "drop-refused" })
    }

    fn items(&self, blocks: &[Block], parent: Option<&str>, group: usize) -> Html {
        blocks
            .iter()
            .enumerate()
            .map(|(index, block)| {
                let (kind, text) = block_label(block);
                let here = Slot { parent: parent.map(String::from), group, index };
                let groups = block.child_groups();
                let children = (!groups.is_empty()).then(|| html! {
                    <ul class="outline-children">
                        { for groups.iter().enumerate().map(|(g, children)| self.group(block, g, children, groups.len())) }
                    </ul>
                });
                html! {
                    <Item key={block.id()} id={AttrValue::from(block.id().to_string())} {kind} text={AttrValue::from(text)}
                        current={self.props.selected.as_deref() == Some(block.id())}
                        focusable={self.props.selected.as_deref() == Some(block.id()) || (self.props.selected.is_none() && parent.is_none() && index == 0)}
                        before={self.indicator(&here)} after={self.indicator(&Slot { index: index + 1, ..here.clone() })}
                        slot={here} on_block={self.props.on_block.clone()} on_drag={self.props.on_drag.clone()}
                        on_over={self.on_over.clone()} on_drop={self.on_drop.clone()}>
                        { for children }
                    </Item>
                }
            })
            .collect()
    }

    /// One group of a container: its label when there are several (columns, tabs…), its
    /// blocks and a place to drop at its end.
    fn group(&self, block: &Block, group: usize, children: &[Block], groups: usize) -> Html {
        let t = texts();
        let label = match block {
            Block::Columns(_) => Some(format!("{} {}", t.column, group + 1)),
            Block::Tabs(tabs) => tabs.tabs.get(group).map(|p| format!("{}: {}", t.tab, p.title)),
            Block::Accordion(acc) => acc.items.get(group).map(|p| format!("{}: {}", t.fold, p.title)),
            _ => None,
        }
        .filter(|_| groups > 1 || !matches!(block, Block::Section(_)));
        html! {
            <li class="outline-group" key={format!("{}-{group}", block.id())}>
                if let Some(label) = label { <span class="group-label">{ label }</span> }
                <ul>
                    { self.items(children, Some(block.id()), group) }
                    { self.end_zone(Some(block.id()), group, children.len(), t.drop_here) }
                </ul>
            </li>
        }
    }

    /// The place after a group's last block (the only place in an empty group).
    fn end_zone(&self, parent: Option<&str>, group: usize, len: usize, text: &str) -> Html {
        let slot = Slot { parent: parent.map(String::from), group, index: len };
        let ondragover = {
            let (on_over, slot) = (self.on_over.clone(), slot.clone());
            Callback::from(move |event: DragEvent| {
                event.prevent_default();
                event.stop_propagation();
                auto_scroll(&event);
                on_over.emit(slot.clone());
            })
        };
        let ondrop = {
            let (on_drop, slot) = (self.on_drop.clone(), slot.clone());
            Callback::from(move |event: DragEvent| {
                event.prevent_default();
                event.stop_propagation();
                on_drop.emit(slot.clone());
            })
        };
        let shown = self.props.dragging.is_some() || len == 0;
        let indicator = self.indicator(&slot);
        html! {
            <li class={classes!("drop-end", indicator, (!shown).then_some("idle"))} {ondragover} {ondrop}
                data-drop-parent={parent.map(String::from).unwrap_or_default()} data-drop-group={group.to_string()}>
                if shown { <span>{ text }</span> }
            </li>
        }
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    id: AttrValue,
    kind: &'static str,
    text: AttrValue,
    current: bool,
    /// In the tab order (the selected item, or the first when nothing is selected).
    focusable: bool,
    /// Where the item stands; a drop on its upper half goes before it, on its lower half after.
    slot: Slot,
    /// Drop indicators before and after it.
    before: Option<&'static str>,
    after: Option<&'static str>,
    on_block: Callback<String>,
    on_drag: Callback<Option<Dragged>>,
    on_over: Callback<Slot>,
    on_drop: Callback<Slot>,
    /// A container's groups.
    #[prop_or_default]
    children: Html,
}

/// One block in the outline: a component of its own, so an edit re-renders only the items it
/// changed (the outline of a 1,000-block page stays quick).
#[function_component(Item)]
fn item(props: &ItemProps) -> Html {
    let id = props.id.to_string();
    let row = use_node_ref();
    let slot_for = {
        let (slot, row) = (props.slot.clone(), row.clone());
        move |event: &DragEvent| slot_at(event, &row, slot.clone())
    };
    let ondragover = {
        let (on_over, slot_for) = (props.on_over.clone(), slot_for.clone());
        Callback::from(move |event: DragEvent| {
            // Every place takes the drop, even a refused one (shown red with its reason): the
            // editor then says why nothing moved, where a silently refused drop says nothing.
            event.prevent_default();
            event.stop_propagation();
            auto_scroll(&event);
            on_over.emit(slot_for(&event));
        })
    };
    let ondrop = {
        let on_drop = props.on_drop.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            event.stop_propagation();
            on_drop.emit(slot_for(&event));
        })
    };
    let onclick = props.on_block.reform({
        let id = id.clone();
        move |_: MouseEvent| id.clone()
    });
    // Focus and selection go together, as in any tree: arrows, Tab or a click.
    let onfocus = (!props.current).then(|| props.on_block.reform({
        let id = id.clone();
        move |_: FocusEvent| id.clone()
    }));
    let ondragstart = {
        let (on_drag, id) = (props.on_drag.clone(), id.clone());
        Callback::from(move |event: DragEvent| {
            event.stop_propagation();
            if let Some(transfer) = event.data_transfer() {
                let _ = transfer.set_data("text/plain", &id);
                transfer.set_effect_allowed("move");
            }
            on_drag.emit(Some(Dragged::Existing(id.clone())));
        })
    };
    let ondragend = props.on_drag.reform(|_: DragEvent| None);
    let before = props.before.map(|c| format!("{c} drop-before"));
    let after = props.after.map(|c| format!("{c} drop-after"));
    html! {
        <li class={classes!(before, after)} {ondragover} {ondrop}>
            <button ref={row} type="button" class={classes!("outline-item", props.current.then_some("current"))} draggable="true"
                aria-pressed={props.current.to_string()} {onclick} {onfocus} {ondragstart} {ondragend} data-block-id={props.id.clone()}
                tabindex={if props.focusable { "0" } else { "-1" }}>
                <span class="drag-handle" aria-hidden="true">{ "⠿" }</span>
                <span class="outline-kind">{ props.kind }</span>
                <span class="outline-text">{ props.text.clone() }</span>
            </button>
            { props.children.clone() }
        </li>
    }
}
