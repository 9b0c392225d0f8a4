//! The command palette (Ctrl+K): type a few letters, pick with the arrows, Enter. Inserts any
//! block after the selected one or opens a page, without the mouse.

use civic_shared::schema::SCHEMAS;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::texts;

/// What a command does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Insert(String),
    OpenPage(String),
}

#[derive(Properties, PartialEq)]
pub struct CommandPaletteProps {
    /// (page id, title) of the site's pages.
    pub pages: Vec<(String, String)>,
    pub on_command: Callback<Command>,
    pub on_close: Callback<()>,
}

/// The commands whose words contain every word typed, blocks first.
fn matching(query: &str, pages: &[(String, String)]) -> Vec<(Command, String)> {
    let t = texts();
    let words: Vec<String> = query.to_lowercase().split_whitespace().map(String::from).collect();
    let fits = |label: &str, key: &str| {
        let hay = format!("{} {key}", label.to_lowercase());
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    let blocks = SCHEMAS
        .iter()
        .filter(|s| fits(&format!("{} {}", t.command_insert, crate::i18n::pick(&s.label)), s.type_name))
        .map(|s| (Command::Insert(s.type_name.to_string()), format!("{} {}", t.command_insert, crate::i18n::quoted(crate::i18n::pick(&s.label)))));
    let pages = pages
        .iter()
        .filter(|(id, title)| fits(&format!("{} {title}", t.command_open), id))
        .map(|(id, title)| (Command::OpenPage(id.clone()), format!("{} {}", t.command_open, crate::i18n::quoted(title))));
    blocks.chain(pages).collect()
}

#[function_component(CommandPalette)]
pub fn command_palette(props: &CommandPaletteProps) -> Html {
    let t = texts();
    let query = use_state(String::new);
    let active = use_state(|| 0usize);
    let dialog = use_node_ref();
    let input = use_node_ref();
    {
        let (dialog, input) = (dialog.clone(), input.clone());
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
            if let Some(input) = input.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let found = matching(&query, &props.pages);
    let oninput = {
        let (query, active) = (query.clone(), active.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
                active.set(0);
            }
        })
    };
    let run = {
        let (on_command, on_close) = (props.on_command.clone(), props.on_close.clone());
        Callback::from(move |command: Command| {
            on_close.emit(());
            on_command.emit(command);
        })
    };
    let onkeydown = {
        let (active, found, run, on_close) = (active.clone(), found.clone(), run.clone(), props.on_close.clone());
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                active.set((*active + 1).min(found.len().saturating_sub(1)));
            }
            "ArrowUp" => {
                event.prevent_default();
                active.set(active.saturating_sub(1));
            }
            "Enter" => {
                event.prevent_default();
                if let Some((command, _)) = found.get(*active) {
                    run.emit(command.clone());
                }
            }
            "Escape" => {
                event.prevent_default();
                on_close.emit(());
            }
            _ => {}
        })
    };
    // The dialog's own Escape (cancel) closes it through the same path.
    let oncancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            on_close.emit(());
        })
    };
    let onclick_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: MouseEvent| {
            let on_dialog = event.target().and_then(|t| t.dyn_into::<HtmlDialogElement>().ok()).is_some();
            if on_dialog {
                on_close.emit(());
            }
        })
    };
    let active_id = (!found.is_empty()).then(|| format!("command-{}", (*active).min(found.len() - 1)));
    html! {
        <dialog class="command-dialog" ref={dialog} aria-labelledby="command-title" {oncancel} onclick={onclick_backdrop}>
            <h2 id="command-title" class="visually-hidden">{ t.command_title }</h2>
            <input ref={input} type="text" class="command-input" role="combobox" aria-expanded="true" aria-controls="command-list"
                aria-activedescendant={active_id} aria-label={t.command_title} placeholder={t.command_placeholder}
                value={(*query).clone()} {oninput} {onkeydown} autocomplete="off" />
            <ul id="command-list" role="listbox" class="command-list" aria-label={t.command_title}>
                { for found.iter().enumerate().map(|(i, (command, label))| {
                    let run = run.clone();
                    let command = command.clone();
                    let current = i == *active;
                    html! {
                        <li id={format!("command-{i}")} role="option" aria-selected={current.to_string()}
                            class={classes!("command-option", current.then_some("active"))}
                            onclick={Callback::from(move |_: MouseEvent| run.emit(command.clone()))}>{ label }</li>
                    }
                }) }
            </ul>
            if found.is_empty() { <p class="hint">{ t.no_block_found }</p> }
            <p class="hint command-keys">{ t.command_keys }</p>
        </dialog>
    }
}
