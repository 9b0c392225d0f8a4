//! The site's pages as a tree (open one with a click), a field to add a page, and the
//! current page's settings: title, address, place in the tree and the menu, deletion.
//! Mandatory sections carry a lock and cannot be deleted.

use civic_shared::SiteDocument;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_words::as_input;
use crate::i18n::texts;
use crate::pages::{check_slug, tree};
use crate::state::{page_refusal_text, PageAction};

#[derive(Properties, PartialEq)]
pub struct PageTreeProps {
    /// (id, title, depth, mandatory) in tree order.
    pub pages: Vec<(String, String, usize, bool)>,
    pub page_id: String,
    pub on_page: Callback<String>,
    pub on_change: Callback<PageAction>,
    pub read_only: bool,
}

/// The rows of the tree, from the document.
pub fn rows(doc: &SiteDocument) -> Vec<(String, String, usize, bool)> {
    tree(doc)
        .into_iter()
        .filter_map(|(id, depth)| doc.pages.get(&id).map(|p| (id.clone(), p.title.clone(), depth, p.mandatory)))
        .collect()
}

#[function_component(PageTree)]
pub fn page_tree(props: &PageTreeProps) -> Html {
    let t = texts();
    let title = use_state(String::new);
    let on_title = {
        let title = title.clone();
        as_input(Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                title.set(input.value());
            }
        }))
    };
    let on_add = {
        let (title, on_change) = (title.clone(), props.on_change.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_change.emit(PageAction::Add { title: (*title).clone(), parent: None });
            title.set(String::new());
        })
    };
    html! {
        <nav class="page-tree" aria-labelledby="pages-title">
            <h2 class="panel-title" id="pages-title">{ t.pages }</h2>
            <ul class="page-list">
                { for props.pages.iter().map(|(id, title, depth, mandatory)| {
                    let current = *id == props.page_id;
                    let onclick = props.on_page.reform({ let id = id.clone(); move |_: MouseEvent| id.clone() });
                    html! {
                        <li key={id.clone()} style={format!("--depth:{depth}")}>
                            <button type="button" class={classes!("page-item", current.then_some("current"))} data-page-id={id.clone()}
                                aria-current={current.then_some("page")} aria-describedby={mandatory.then_some("page-locked-note")}
                                title={mandatory.then_some(t.page_locked)} {onclick}>
                                <span class="page-title">{ title }</span>
                                if *mandatory { <span class="lock">{ lock_icon() }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <span class="visually-hidden" id="page-locked-note">{ t.page_locked }</span>
            if !props.read_only {
                <form class="add-page" onsubmit={on_add}>
                    <label for="new-page-title" class="visually-hidden">{ t.new_page_title }</label>
                    <input id="new-page-title" type="text" placeholder={t.new_page_title} value={(*title).clone()} oninput={on_title} />
                    <button type="submit" class="btn small" disabled={title.trim().is_empty()}>{ "+ " }{ t.add_page }</button>
                </form>
            }
        </nav>
    }
}

/// A small padlock (fonts here carry no emoji).
fn lock_icon() -> Html {
    html! {
        <svg class="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
            <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" fill="currentColor" />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct PageSettingsProps {
    pub document: std::rc::Rc<SiteDocument>,
    pub page_id: String,
    pub on_change: Callback<PageAction>,
}

/// The current page's settings, shown in the properties panel when no block is selected.
#[function_component(PageSettings)]
pub fn page_settings(props: &PageSettingsProps) -> Html {
    let t = texts();
    let doc = &props.document;
    let id = props.page_id.clone();
    // The address is applied when it is valid; what is typed stays in the field meanwhile.
    let slug = use_state(|| None::<String>);
    {
        let slug = slug.clone();
        use_effect_with(id.clone(), move |_| slug.set(None));
    }
    let Some(page) = doc.pages.get(&id) else { return html! {} };
    let is_home = doc.pages.keys().next() == Some(&id);
    let slug_text = (*slug).clone().unwrap_or_else(|| page.slug.clone());
    let slug_error = check_slug(doc, &id, page.parent.as_deref(), slug_text.trim()).err().filter(|_| slug.is_some());
    let change = |make: fn(String, String) -> PageAction| {
        let (on_change, id) = (props.on_change.clone(), id.clone());
        as_input(Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_change.emit(make(id.clone(), input.value()));
            }
        }))
    };
    let on_slug = {
        let (on_change, id, slug, doc) = (props.on_change.clone(), id.clone(), slug.clone(), doc.clone());
        let parent = page.parent.clone();
        as_input(Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let value = input.value();
            if check_slug(&doc, &id, parent.as_deref(), value.trim()).is_ok() {
                on_change.emit(PageAction::SetSlug { id: id.clone(), slug: value.clone() });
            }
            slug.set(Some(value));
        }))
    };
    let on_parent = {
        let (on_change, id) = (props.on_change.clone(), id.clone());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                let value = select.value();
                on_change.emit(PageAction::SetParent { id: id.clone(), parent: (!value.is_empty()).then_some(value) });
            }
        })
    };
    let on_menu = {
        let (on_change, id) = (props.on_change.clone(), id.clone());
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_change.emit(PageAction::SetInMenu { id: id.clone(), in_menu: input.checked() });
            }
        })
    };
    let emit = |action: PageAction| {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(action.clone()))
    };
    let delete_reason = if page.mandatory {
        Some(t.page_mandatory)
    } else if is_home {
        Some(t.page_home)
    } else {
        doc.pages.values().any(|p| p.parent.as_deref() == Some(id.as_str())).then_some(t.page_has_children)
    };
    let address = doc.page_path(&id).unwrap_or_default();
    html! {
        <section class="page-settings" aria-labelledby="page-settings-title">
            <h3 id="page-settings-title">{ t.page_settings }</h3>
            if page.mandatory { <p class="hint lock-hint">{ lock_icon() }{ " " }{ t.page_mandatory }</p> }
            <div class="field">
                <label for="page-title">{ t.page_title }</label>
                <input id="page-title" type="text" value={page.title.clone()} oninput={change(|id, title| PageAction::Rename { id, title })} />
            </div>
            if !is_home {
                <div class="field">
                    <label for="page-slug">{ t.page_slug }</label>
                    <input id="page-slug" type="text" value={slug_text} oninput={on_slug} spellcheck="false"
                        aria-invalid={slug_error.is_some().then_some("true")} aria-describedby="page-slug-hint" />
                    if let Some(error) = slug_error {
                        <p class="field-error" id="page-slug-hint">{ page_refusal_text(error) }</p>
                    } else {
                        <p class="hint" id="page-slug-hint">{ format!("/{address}") }</p>
                    }
                </div>
                <div class="field">
                    <label for="page-parent">{ t.page_parent }</label>
                    <select id="page-parent" onchange={on_parent}>
                        <option value="" selected={page.parent.is_none()}>{ t.page_top_level }</option>
                        { for doc.pages.iter().skip(1).filter(|(other, _)| **other != id).map(|(other, p)| html! {
                            <option value={other.clone()} selected={page.parent.as_deref() == Some(other.as_str())}>{ &p.title }</option>
                        }) }
                    </select>
                </div>
                <div class="field check">
                    <label><input type="checkbox" checked={page.in_menu} onchange={on_menu} />{ " " }{ t.page_in_menu }</label>
                </div>
                <div class="block-actions">
                    <button type="button" class="btn small" onclick={emit(PageAction::Move { id: id.clone(), up: true })}>{ "↑ " }{ t.page_up }</button>
                    <button type="button" class="btn small" onclick={emit(PageAction::Move { id: id.clone(), up: false })}>{ "↓ " }{ t.page_down }</button>
                    <button type="button" class="btn small danger" disabled={delete_reason.is_some()} title={delete_reason}
                        aria-describedby={delete_reason.map(|_| "page-delete-why")}
                        onclick={emit(PageAction::Delete { id: id.clone() })}>{ t.delete_page }</button>
                </div>
                if let Some(reason) = delete_reason.filter(|_| !page.mandatory) { <p class="hint" id="page-delete-why">{ reason }</p> }
                if page.mandatory { <span class="visually-hidden" id="page-delete-why">{ t.page_mandatory }</span> }
            }
        </section>
    }
}
