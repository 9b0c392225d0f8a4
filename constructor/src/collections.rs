//! «Данные сайта»: each collection as a filterable, sortable table with a form per item.
//! Saves go to the server item by item; a save based on an old revision is refused there,
//! and the form keeps the user's text.

use civic_shared::collection_items::{Collection, ItemField, ItemFieldKind};
use serde_json::Value;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::error_words::{as_input, error_message};
use crate::i18n::{format_date, lang, quoted, texts};
use crate::import_panel::ImportPanel;
use crate::item_table::{field_text, moved_order, set_field, tidy, visible_rows};
use crate::server::{self, ServerError, StoredItem};

#[derive(Properties, PartialEq)]
pub struct CollectionsProps {
    pub site: String,
    /// The session ended.
    pub on_signed_out: Callback<Option<String>>,
    /// The account may only read.
    #[prop_or_default]
    pub read_only: bool,
}

/// The item open in the form.
#[derive(Clone, PartialEq)]
struct Editing {
    /// `None` for a new item.
    id: Option<String>,
    revision: i64,
    item: Value,
    problems: Vec<(String, String)>,
}

#[derive(Clone, PartialEq)]
enum Notice {
    None,
    Info(String),
    Error(String),
}

fn columns(collection: Collection) -> Vec<&'static ItemField> {
    collection.fields().iter().filter(|f| !matches!(f.kind, ItemFieldKind::Text | ItemFieldKind::Lines)).take(4).collect()
}

#[function_component(CollectionsView)]
pub fn collections_view(props: &CollectionsProps) -> Html {
    let t = texts();
    let collection = use_state(|| Collection::News);
    let items = use_state(|| None::<Vec<StoredItem>>);
    let filter = use_state(String::new);
    let sort = use_state(|| None::<(&'static str, bool)>);
    let editing = use_state(|| None::<Editing>);
    let notice = use_state(|| Notice::None);
    let importing = use_state(|| false);

    let fail = {
        let (notice, on_signed_out) = (notice.clone(), props.on_signed_out.clone());
        move |err: ServerError| match err {
            ServerError::SignedOut => on_signed_out.emit(Some(texts().session_ended.into())),
            other => notice.set(Notice::Error(error_message(&other))),
        }
    };
    let reload = {
        let (items, site, fail) = (items.clone(), props.site.clone(), fail.clone());
        move |collection: Collection| {
            let (items, site, fail) = (items.clone(), site.clone(), fail.clone());
            spawn_local(async move {
                match server::list_items(&site, collection.as_str()).await {
                    Ok(list) => items.set(Some(list)),
                    Err(err) => fail(err),
                }
            });
        }
    };
    {
        let reload = reload.clone();
        use_effect_with(*collection, move |collection| reload(*collection));
    }

    let choose = |c: Collection| {
        let (collection, items, editing, notice, sort, filter, importing) =
            (collection.clone(), items.clone(), editing.clone(), notice.clone(), sort.clone(), filter.clone(), importing.clone());
        Callback::from(move |_: MouseEvent| {
            if *collection != c {
                items.set(None);
                editing.set(None);
                notice.set(Notice::None);
                importing.set(false);
                sort.set(None);
                filter.set(String::new());
                collection.set(c);
            }
        })
    };
    let nav = html! {
        <nav class="collections-nav" aria-labelledby="collections-nav-title">
            <h2 class="panel-title" id="collections-nav-title">{ t.data_title }</h2>
            <ul>
                { for Collection::ALL.into_iter().map(|c| html! {
                    <li><button type="button" class={classes!("page-item", (*collection == c).then_some("current"))}
                        aria-current={(*collection == c).then_some("true")} onclick={choose(c)}>{ c.title(lang()) }</button></li>
                }) }
            </ul>
        </nav>
    };

    let on_add = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| {
            editing.set(Some(Editing { id: None, revision: 0, item: Value::Object(Default::default()), problems: Vec::new() }))
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                filter.set(input.value());
            }
        })
    };

    let current = *collection;
    let body = match &*items {
        None => html! { <p class="hint" aria-live="polite">{ t.loading }</p> },
        Some(list) if list.is_empty() => html! { <p class="empty-state">{ t.no_items }</p> },
        Some(list) => {
            let values: Vec<Value> = list.iter().map(|s| s.item.clone()).collect();
            let rows = visible_rows(&values, current.fields(), &filter, *sort);
            let cols = columns(current);
            let sortable_header = |field: &'static ItemField| {
                let sort = sort.clone();
                let state = match *sort {
                    Some((name, true)) if name == field.name => "ascending",
                    Some((name, false)) if name == field.name => "descending",
                    _ => "none",
                };
                let onclick = Callback::from(move |_: MouseEvent| {
                    sort.set(match *sort {
                        Some((name, true)) if name == field.name => Some((field.name, false)),
                        Some((name, false)) if name == field.name => None,
                        _ => Some((field.name, true)),
                    })
                });
                let arrow = match state {
                    "ascending" => " ▲",
                    "descending" => " ▼",
                    _ => "",
                };
                html! { <th scope="col" aria-sort={state}><button type="button" class="th-sort" {onclick}>{ field.label(lang()) }{ arrow }</button></th> }
            };
            // Manual order only makes sense for undated collections shown unfiltered and unsorted.
            let can_move = !current.newest_first() && filter.is_empty() && sort.is_none() && !props.read_only;
            let row = |index: usize| {
                let stored = &list[index];
                let open = {
                    let (editing, stored) = (editing.clone(), stored.clone());
                    Callback::from(move |_: MouseEvent| {
                        editing.set(Some(Editing {
                            id: stored.item.get("id").and_then(Value::as_str).map(String::from),
                            revision: stored.revision,
                            item: stored.item.clone(),
                            problems: Vec::new(),
                        }))
                    })
                };
                let mover = |up: bool| {
                    let (values, items, site, fail) = (values.clone(), items.clone(), props.site.clone(), fail.clone());
                    Callback::from(move |_: MouseEvent| {
                        let Some(order) = moved_order(&values, index, up) else { return };
                        let (items, site, fail) = (items.clone(), site.clone(), fail.clone());
                        spawn_local(async move {
                            match server::reorder_items(&site, current.as_str(), &order).await {
                                Ok(list) => items.set(Some(list)),
                                Err(err) => fail(err),
                            }
                        });
                    })
                };
                let title = cols.first().map(|f| field_text(&stored.item, f)).unwrap_or_default();
                html! {
                    <tr>
                        { for cols.iter().map(|f| html! { <td class={matches!(f.kind, ItemFieldKind::Date).then_some("date")} data-label={f.label(lang())}>{ cell_text(&stored.item, f) }</td> }) }
                        <td class="row-actions">
                            <button type="button" class="btn small" onclick={open} aria-label={format!("{} {}", t.edit, quoted(&title))}>{ t.edit }</button>
                            if can_move {
                                <button type="button" class="btn small" onclick={mover(true)} disabled={index == 0}
                                    aria-label={format!("{} {}", t.move_up, quoted(&title))}>{ "↑" }</button>
                                <button type="button" class="btn small" onclick={mover(false)} disabled={index + 1 == list.len()}
                                    aria-label={format!("{} {}", t.move_down, quoted(&title))}>{ "↓" }</button>
                            }
                        </td>
                    </tr>
                }
            };
            html! {
                <>
                <p class="hint" aria-live="polite">{ t.items_shown.replace("{n}", &rows.len().to_string()).replace("{m}", &list.len().to_string()) }</p>
                if rows.is_empty() {
                    <p class="empty-state">{ t.no_match }</p>
                } else {
                    <div class="table-scroll">
                    <table class="items cards">
                        <caption class="visually-hidden">{ current.title(lang()) }</caption>
                        <thead><tr>{ for cols.iter().map(|f| sortable_header(f)) }<th scope="col">{ t.actions }</th></tr></thead>
                        <tbody>{ for rows.into_iter().map(row) }</tbody>
                    </table>
                    </div>
                }
                </>
            }
        }
    };

    let form = editing.as_ref().map(|open| {
        let set_text = |field: &'static ItemField| {
            let editing = editing.clone();
            Callback::from(move |e: Event| {
                let target = e.target();
                let text = target
                    .clone()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok().map(|i| i.value()))
                    .or_else(|| target.clone().and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(t).ok().map(|i| i.value())))
                    .or_else(|| target.and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlSelectElement>(t).ok().map(|i| i.value())))
                    .unwrap_or_default();
                if let Some(mut open) = (*editing).clone() {
                    set_field(&mut open.item, field, &text);
                    editing.set(Some(open));
                }
            })
        };
        // A checkbox's state, as the text `set_field` reads.
        let set_flag = |field: &'static ItemField| {
            let editing = editing.clone();
            Callback::from(move |e: Event| {
                let checked = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok()).is_some_and(|i| i.checked());
                if let Some(mut open) = (*editing).clone() {
                    set_field(&mut open.item, field, if checked { "true" } else { "false" });
                    editing.set(Some(open));
                }
            })
        };
        let on_save = {
            let (editing, items, notice, site, fail) = (editing.clone(), items.clone(), notice.clone(), props.site.clone(), fail.clone());
            let reload = reload.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Some(mut open) = (*editing).clone() else { return };
                tidy(&mut open.item, current.fields());
                let (editing, notice, site, fail, reload) = (editing.clone(), notice.clone(), site.clone(), fail.clone(), reload.clone());
                let _ = &items;
                spawn_local(async move {
                    let result = match &open.id {
                        None => server::create_item(&site, current.as_str(), &open.item).await,
                        Some(id) => server::save_item(&site, current.as_str(), id, open.revision, &open.item).await,
                    };
                    match result {
                        Ok(_) => {
                            editing.set(None);
                            notice.set(Notice::Info(texts().item_saved.into()));
                            reload(current);
                        }
                        Err(ServerError::Invalid(problems)) => {
                            notice.set(Notice::Error(texts().fix_fields.into()));
                            editing.set(Some(Editing { problems, ..open }));
                        }
                        Err(ServerError::StaleItem { current_revision }) => {
                            // The user's text stays; a second save deliberately goes over theirs.
                            notice.set(Notice::Error(texts().item_conflict.into()));
                            editing.set(Some(Editing { revision: current_revision, problems: Vec::new(), ..open }));
                        }
                        Err(err) => fail(err),
                    }
                });
            })
        };
        let on_cancel = {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(None))
        };
        let on_delete = open.id.clone().map(|id| {
            let (editing, notice, site, fail, reload) = (editing.clone(), notice.clone(), props.site.clone(), fail.clone(), reload.clone());
            let title = current.fields().first().map(|f| field_text(&open.item, f)).unwrap_or_default();
            Callback::from(move |_: MouseEvent| {
                let confirmed = web_sys::window()
                    .and_then(|w| w.confirm_with_message(&texts().confirm_delete.replace("{t}", &title)).ok())
                    .unwrap_or(false);
                if !confirmed {
                    return;
                }
                let (editing, notice, site, fail, reload, id) = (editing.clone(), notice.clone(), site.clone(), fail.clone(), reload.clone(), id.clone());
                spawn_local(async move {
                    match server::delete_item(&site, current.as_str(), &id).await {
                        Ok(()) => {
                            editing.set(None);
                            notice.set(Notice::Info(texts().item_deleted.into()));
                            reload(current);
                        }
                        Err(err) => fail(err),
                    }
                });
            })
        });
        let problem_of = |name: &str| open.problems.iter().find(|(path, _)| path == name || path.starts_with(&format!("{name}[")));
        html! {
            <form class="item-form" onsubmit={on_save} aria-labelledby="item-form-title" novalidate=true>
                <h3 id="item-form-title">{ if open.id.is_some() { t.edit_item } else { t.new_item } }</h3>
                { for current.fields().iter().map(|field| {
                    let id = format!("item-{}", field.name);
                    let problem = problem_of(field.name);
                    let described = problem.map(|_| format!("{id}-error"));
                    let value = field_text(&open.item, field);
                    let control = match field.kind {
                        ItemFieldKind::Text | ItemFieldKind::Lines => html! {
                            <textarea id={id.clone()} rows="6" value={value} oninput={as_input(set_text(field))} readonly={props.read_only}
                                aria-invalid={problem.is_some().then_some("true")} aria-describedby={described.clone()} />
                        },
                        ItemFieldKind::Flag => html! {
                            <input id={id.clone()} type="checkbox" checked={value == "true"} onchange={set_flag(field)} disabled={props.read_only}
                                aria-invalid={problem.is_some().then_some("true")} aria-describedby={described.clone()} />
                        },
                        ItemFieldKind::PollResults => html! {
                            <select id={id.clone()} onchange={set_text(field)} disabled={props.read_only}>
                                { for [("during", t.results_during), ("after", t.results_after)].into_iter().map(|(v, label)| html! {
                                    <option value={v} selected={value == v || (value.is_empty() && v == "during")}>{ label }</option>
                                }) }
                            </select>
                        },
                        ItemFieldKind::DocumentStatus => html! {
                            <select id={id.clone()} onchange={set_text(field)} disabled={props.read_only}>
                                { for [("in_force", t.status_in_force), ("void", t.status_void), ("draft", t.status_draft)].into_iter().map(|(v, label)| html! {
                                    <option value={v} selected={value == v || (value.is_empty() && v == "in_force")}>{ label }</option>
                                }) }
                            </select>
                        },
                        kind => {
                            let input_type = match kind {
                                ItemFieldKind::Date => "date",
                                ItemFieldKind::Phone => "tel",
                                ItemFieldKind::Email => "email",
                                ItemFieldKind::Number => "number",
                                _ => "text",
                            };
                            html! {
                                <input id={id.clone()} type={input_type} value={value} oninput={as_input(set_text(field))} readonly={props.read_only}
                                    required={field.required} aria-invalid={problem.is_some().then_some("true")} aria-describedby={described.clone()} />
                            }
                        }
                    };
                    html! {
                        <div class="field">
                            <label for={id.clone()}>{ field.label(lang()) }{ if field.required { t.required_mark } else { "" } }</label>
                            { control }
                            if let Some((_, message)) = problem {
                                <p class="field-error" id={format!("{id}-error")}>{ message }</p>
                            }
                        </div>
                    }
                }) }
                <div class="block-actions">
                    if !props.read_only {
                        <button type="submit" class="btn primary">{ t.save_item }</button>
                    }
                    <button type="button" class="btn" onclick={on_cancel}>{ t.cancel }</button>
                    if let (Some(on_delete), false) = (on_delete, props.read_only) {
                        <button type="button" class="btn danger" onclick={on_delete}>{ t.delete_item }</button>
                    }
                </div>
            </form>
        }
    });

    let on_import_open = {
        let (importing, editing) = (importing.clone(), editing.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(None);
            importing.set(true);
        })
    };
    let import_panel = (*importing && !props.read_only).then(|| {
        let on_imported = {
            let reload = reload.clone();
            Callback::from(move |()| reload(current))
        };
        let on_close = {
            let importing = importing.clone();
            Callback::from(move |()| importing.set(false))
        };
        html! {
            <ImportPanel key={current.as_str()} site={props.site.clone()} collection={current} {on_imported} {on_close}
                on_signed_out={props.on_signed_out.clone()} />
        }
    });

    let notice_html = match &*notice {
        Notice::None => html! { <p class="notice" role="status"></p> },
        Notice::Info(text) => html! { <p class="notice ok" role="status">{ text }</p> },
        Notice::Error(text) => html! { <p class="notice error" role="alert">{ text }</p> },
    };
    html! {
        <div class="collections">
            <div class="left-panel">{ nav }</div>
            <main class="collection-main">
                <div class="collection-head">
                    <h2>{ current.title(lang()) }</h2>
                    <label class="filter">
                        <span class="visually-hidden">{ t.filter }</span>
                        <input type="search" placeholder={t.filter} value={(*filter).clone()} oninput={on_filter} />
                    </label>
                    if !props.read_only {
                        <button type="button" class="btn primary" onclick={on_add}>{ "+ " }{ t.add_item }</button>
                        <button type="button" class="btn" onclick={on_import_open} aria-expanded={(*importing).to_string()}>{ t.import_button }</button>
                    }
                </div>
                { notice_html }
                { import_panel.unwrap_or_default() }
                { form.unwrap_or_default() }
                { body }
            </main>
        </div>
    }
}

/// A table cell: dates as people read them, statuses in words.
fn cell_text(item: &Value, field: &ItemField) -> String {
    let t = texts();
    let text = field_text(item, field);
    match field.kind {
        ItemFieldKind::Date => format_date(&text),
        ItemFieldKind::DocumentStatus => match text.as_str() {
            "void" => t.status_void.into(),
            "draft" => t.status_draft.into(),
            _ => t.status_in_force.into(),
        },
        ItemFieldKind::Flag => if text == "true" { t.yes } else { t.no }.into(),
        ItemFieldKind::PollResults => if text == "after" { t.results_after } else { t.results_during }.into(),
        _ => text,
    }
}
