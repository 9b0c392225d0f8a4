//! The right panel: a form generated from the selected block's schema, with inline
//! validation. Every input emits one generic edit: a JSON pointer and its new value.

use civic_shared::schema::{schema_of, Field, FieldKind};
use civic_shared::validate::{is_embed_url, is_image_url, is_link, is_pos_widget_url};
use civic_shared::{Block, ProblemKind, TextBlock};
use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{lang, pick, texts};
use crate::media_choice::{slot_of, MediaSlot};
use crate::rich_text::RichText;
use crate::rich_text_model::EditKind;
use crate::state::BlockEdit;

#[derive(Properties, PartialEq)]
pub struct PropertiesProps {
    pub block: Option<Block>,
    pub on_edit: Callback<(String, BlockEdit)>,
    /// An edit that is an undo step of its own even when it changes a typed field (a
    /// formatting command in the rich-text editor).
    pub on_edit_step: Callback<(String, BlockEdit)>,
    /// Delete the selected block.
    pub on_delete: Callback<()>,
    /// Move the selected block up (`true`) or down.
    pub on_move: Callback<bool>,
    /// Choose a file from the media library for the field at this JSON pointer.
    pub on_choose_media: Callback<(String, MediaSlot)>,
    /// What the panel shows when no block is selected (the page's settings).
    #[prop_or_default]
    pub children: Html,
    /// The account may only look: the block's values are shown, nothing can be changed.
    #[prop_or_default]
    pub read_only: bool,
}

/// What every input needs: the block, where the value lives, how to report an edit.
struct Form<'a> {
    block_id: &'a str,
    type_name: &'a str,
    on_edit: &'a Callback<(String, BlockEdit)>,
    on_edit_step: &'a Callback<(String, BlockEdit)>,
    on_choose_media: &'a Callback<(String, MediaSlot)>,
    read_only: bool,
}

impl Form<'_> {
    /// A callback that reads an input's text and turns it into a value.
    fn on_input(&self, pointer: &str, to_value: fn(String) -> Value) -> Callback<InputEvent> {
        let (on_edit, id, pointer) = (self.on_edit.clone(), self.block_id.to_string(), pointer.to_string());
        Callback::from(move |event: InputEvent| {
            let text = event
                .target_dyn_into::<HtmlInputElement>()
                .map(|input| input.value())
                .or_else(|| event.target_dyn_into::<HtmlTextAreaElement>().map(|area| area.value()))
                .unwrap_or_default();
            on_edit.emit((id.clone(), BlockEdit::new(pointer.clone(), to_value(text))));
        })
    }

    fn sveden(&self) -> crate::sveden_form::SvedenForm<'_> {
        crate::sveden_form::SvedenForm { block_id: self.block_id, on_edit: self.on_edit, on_edit_step: self.on_edit_step }
    }

    fn on_check(&self, pointer: &str) -> Callback<Event> {
        let (on_edit, id, pointer) = (self.on_edit.clone(), self.block_id.to_string(), pointer.to_string());
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_edit.emit((id.clone(), BlockEdit::new(pointer.clone(), input.checked())));
            }
        })
    }

    fn on_select(&self, pointer: &str) -> Callback<Event> {
        let (on_edit, id, pointer) = (self.on_edit.clone(), self.block_id.to_string(), pointer.to_string());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                on_edit.emit((id.clone(), BlockEdit::new(pointer.clone(), select.value())));
            }
        })
    }
}

/// Form ids are derived from the JSON pointer: `/images/0/alt` → `prop-images-0-alt`.
fn dom_id(pointer: &str) -> String {
    format!("prop{}", pointer.replace('/', "-"))
}

fn as_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The problem inline validation shows under a field, if any.
fn problem(field: &Field, text: &str) -> Option<ProblemKind> {
    if text.trim().is_empty() {
        return field.required.then_some(ProblemKind::Required);
    }
    match field.kind {
        FieldKind::Link if !is_link(text) => Some(ProblemKind::BadLink),
        FieldKind::ImageUrl if !is_image_url(text) => Some(ProblemKind::BadImageUrl),
        FieldKind::EmbedUrl if field.key == "pos_widget" && !is_pos_widget_url(text) => Some(ProblemKind::NotPosWidget),
        FieldKind::EmbedUrl if !is_embed_url(text) => Some(ProblemKind::BadEmbedHost),
        _ => None,
    }
}

fn labelled(id: &str, label: &str, error: Option<ProblemKind>, input: Html) -> Html {
    let error_id = format!("{id}-error");
    html! {
        <div class="field">
            <label for={id.to_string()}>{ label }</label>
            { input }
            if let Some(error) = error { <p class="field-error" id={error_id}>{ error.message(lang()) }</p> }
        </div>
    }
}

/// One field of the schema, at `pointer`, with the block's current JSON.
fn field_view(form: &Form, field: &Field, pointer: &str, json: &Value) -> Html {
    let id = dom_id(pointer);
    let current = json.pointer(pointer);
    let label = pick(&field.label);
    match field.kind {
        FieldKind::Line | FieldKind::Link | FieldKind::ImageUrl | FieldKind::EmbedUrl => {
            let text = as_text(current);
            let error = problem(field, &text);
            let described = error.as_ref().map(|_| format!("{id}-error"));
            let choose = slot_of(form.type_name, field).map(|slot| {
                let (on_choose, pointer) = (form.on_choose_media.clone(), pointer.to_string());
                html! {
                    <button type="button" class="btn choose-media" aria-haspopup="dialog"
                        onclick={Callback::from(move |_: MouseEvent| on_choose.emit((pointer.clone(), slot)))}>{ texts().choose_from_media }</button>
                }
            });
            labelled(&id, label, error.clone(), html! {
                <>
                    <input id={id.clone()} type="text" value={text} oninput={form.on_input(pointer, Value::String)}
                        aria-invalid={error.is_some().then_some("true")} aria-describedby={described} />
                    { for choose }
                </>
            })
        }
        FieldKind::Multiline => labelled(&id, label, None, html! {
            <textarea id={id.clone()} rows="3" value={as_text(current)} oninput={form.on_input(pointer, Value::String)} />
        }),
        FieldKind::Number { .. } | FieldKind::Decimal => labelled(&id, label, None, html! {
            <input id={id.clone()} type="text" inputmode="decimal" value={as_text(current)}
                oninput={form.on_input(pointer, |text| if text.trim().is_empty() { Value::Null } else { Value::String(text) })} />
        }),
        FieldKind::Bool => html! {
            <div class="field check">
                <label><input id={id} type="checkbox" checked={current.and_then(Value::as_bool).unwrap_or(false)}
                    onchange={form.on_check(pointer)} />{ " " }{ label }</label>
            </div>
        },
        FieldKind::Choice(options) => {
            let selected = as_text(current);
            labelled(&id, label, None, html! {
                <select id={id.clone()} onchange={form.on_select(pointer)}>
                    { for options.iter().map(|(value, option_label)| html! {
                        <option value={*value} selected={selected == *value}>{ pick(option_label) }</option>
                    }) }
                </select>
            })
        }
        FieldKind::Lines => {
            let text = current.and_then(Value::as_array).map(|lines| {
                lines.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n")
            }).unwrap_or_default();
            labelled(&id, label, None, html! {
                <textarea id={id.clone()} rows="4" value={text} oninput={form.on_input(pointer, |text| {
                    Value::from(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<_>>())
                })} />
            })
        }
        FieldKind::Rows => {
            let text = current.and_then(Value::as_array).map(|rows| {
                rows.iter().map(|row| row.as_array().map(|cells| {
                    cells.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" | ")
                }).unwrap_or_default()).collect::<Vec<_>>().join("\n")
            }).unwrap_or_default();
            html! {
                <div class="field">
                    <label for={id.clone()}>{ label }</label>
                    <textarea id={id.clone()} rows="6" class="mono" value={text} aria-describedby={format!("{id}-hint")}
                        oninput={form.on_input(pointer, |text| Value::from(text.lines().map(|line| {
                            line.split('|').map(|cell| Value::from(cell.trim())).collect::<Vec<_>>()
                        }).collect::<Vec<_>>()))} />
                    <p class="hint" id={format!("{id}-hint")}>{ texts().rows_hint }</p>
                </div>
            }
        }
        FieldKind::RichText => rich_text_field(form, field, pointer, current),
        FieldKind::List(item_fields) => {
            let items = current.and_then(Value::as_array).map(Vec::len).unwrap_or(0);
            html! {
                <fieldset class="list-field">
                    <legend>{ label }</legend>
                    { for (0..items).map(|index| html! {
                        <fieldset class="list-item">
                            <legend>{ format!("{} {}", texts().item, index + 1) }</legend>
                            { for item_fields.iter().map(|f| field_view(form, f, &format!("{pointer}/{index}/{}", f.key), json)) }
                        </fieldset>
                    }) }
                </fieldset>
            }
        }
        // Child blocks are edited in the outline, not in the form.
        FieldKind::Blocks => html! {},
        FieldKind::SvedenFields => form.sveden().fields(json),
        FieldKind::SvedenGroups => form.sveden().groups(json),
    }
}

/// Rich text in its editor; every change is one edit of the whole field.
fn rich_text_field(form: &Form, field: &Field, pointer: &str, current: Option<&Value>) -> Html {
    let content: Vec<TextBlock> = current.and_then(crate::state::from_json_value).unwrap_or_default();
    let has_text = content.iter().flat_map(TextBlock::runs).any(|run| !run.text.trim().is_empty());
    let error = (field.required && !has_text).then_some(ProblemKind::Required);
    let on_change = {
        let (on_edit, on_edit_step) = (form.on_edit.clone(), form.on_edit_step.clone());
        let (id, pointer) = (form.block_id.to_string(), pointer.to_string());
        Callback::from(move |(content, kind): (Vec<TextBlock>, EditKind)| {
            let value = crate::state::to_json_value(&content).unwrap_or(Value::Null);
            let edit = (id.clone(), BlockEdit::new(pointer.clone(), value));
            match kind {
                EditKind::Typing => on_edit.emit(edit),
                EditKind::Step => on_edit_step.emit(edit),
            }
        })
    };
    // Keyed by block: another block gets a fresh editor, not this one's selection and history.
    html! {
        <RichText key={format!("{}{pointer}", form.block_id)} id={dom_id(pointer)} label={crate::i18n::pick(&field.label)} {content} {error} {on_change}
            read_only={form.read_only} />
    }
}

#[function_component(Properties)]
pub fn properties(props: &PropertiesProps) -> Html {
    let t = texts();
    let body = match &props.block {
        None => html! {
            <>
                <p class="empty-state">{ t.nothing_selected }</p>
                <fieldset class="block-fields" disabled={props.read_only}>{ props.children.clone() }</fieldset>
            </>
        },
        Some(block) => match (schema_of(block.type_name()), crate::state::to_json_value(block)) {
            (Some(schema), Ok(json)) => {
                let form = Form {
                    block_id: block.id(),
                    type_name: block.type_name(),
                    on_edit: &props.on_edit,
                    on_edit_step: &props.on_edit_step,
                    on_choose_media: &props.on_choose_media,
                    read_only: props.read_only,
                };
                let fields: Html = schema.fields.iter().map(|field| field_view(&form, field, &format!("/{}", field.key), &json)).collect();
                let (on_delete, on_up, on_down) = (props.on_delete.clone(), props.on_move.clone(), props.on_move.clone());
                html! {
                    <>
                        <p class="block-kind">{ pick(&schema.label) }</p>
                        if !props.read_only {
                        <div class="block-actions">
                            <button type="button" class="btn" aria-keyshortcuts="Alt+ArrowUp"
                                onclick={Callback::from(move |_: MouseEvent| on_up.emit(true))}>{ "↑ " }{ t.move_up }</button>
                            <button type="button" class="btn" aria-keyshortcuts="Alt+ArrowDown"
                                onclick={Callback::from(move |_: MouseEvent| on_down.emit(false))}>{ "↓ " }{ t.move_down }</button>
                            <button type="button" class="btn danger" aria-keyshortcuts="Delete"
                                onclick={Callback::from(move |_: MouseEvent| on_delete.emit(()))}>{ t.delete_block }</button>
                        </div>
                        }
                        if schema.fields.is_empty() { <p class="hint">{ t.no_settings }</p> }
                        // A disabled fieldset turns off every input inside it at once.
                        <fieldset class="block-fields" disabled={props.read_only}>{ fields }</fieldset>
                    </>
                }
            }
            _ => html! {},
        },
    };
    html! {
        <aside class="properties" aria-labelledby="properties-title">
            <h2 class="panel-title" id="properties-title">{ t.properties }</h2>
            { body }
        </aside>
    }
}
