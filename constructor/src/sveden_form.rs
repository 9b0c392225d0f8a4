//! The form of a «Сведения» block: every field of its subsection with the label Rosobrnadzor's
//! recommendations give it, and each main tag as rows to add, fill and remove. The editor never
//! types an `itemprop`: the subsection's table (`civic_shared::compliance::sveden`) supplies them.

use civic_shared::compliance::sveden::{self, SvedenField, SvedenItem, ValueKind};
use civic_shared::validate::is_link;
use serde_json::{Map, Value};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::texts;
use crate::state::BlockEdit;

/// Where the form sends its edits: the block and the two kinds of edit (typing coalesces,
/// adding and removing rows are undo steps of their own).
pub struct SvedenForm<'a> {
    pub block_id: &'a str,
    pub on_edit: &'a Callback<(String, BlockEdit)>,
    pub on_edit_step: &'a Callback<(String, BlockEdit)>,
}

impl SvedenForm<'_> {
    /// The subsection's own fields.
    pub fn fields(&self, json: &Value) -> Html {
        let Some(section) = json.get("section").and_then(Value::as_str).and_then(sveden::section) else { return html! {} };
        let values = json.get("values").and_then(Value::as_object);
        let fields = section.items.iter().filter_map(|item| match item {
            SvedenItem::Field(field) => Some(field),
            SvedenItem::Group(_) => None,
        });
        html! {
            <fieldset class="list-field sveden-form">
                <legend>{ section.title }</legend>
                <p class="hint">{ texts().sveden_hint }</p>
                { for fields.map(|field| {
                    let value = values.and_then(|v| v.get(field.itemprop)).and_then(Value::as_str).unwrap_or_default();
                    // Until the block has values, the first one creates the whole object.
                    let (pointer, wrap): (String, fn(&str, String) -> Value) = match values {
                        Some(_) => (format!("/values/{}", field.itemprop), |_, text| Value::String(text)),
                        None => ("/values".into(), |key, text| Value::Object(Map::from_iter([(key.to_string(), Value::String(text))]))),
                    };
                    self.input(field, value, &pointer, wrap, &format!("sveden-{}", field.itemprop))
                }) }
            </fieldset>
        }
    }

    /// The subsection's main tags, each a list of rows.
    pub fn groups(&self, json: &Value) -> Html {
        let t = texts();
        let Some(section) = json.get("section").and_then(Value::as_str).and_then(sveden::section) else { return html! {} };
        let groups_json = json.get("groups").and_then(Value::as_object);
        let groups = section.items.iter().filter_map(|item| match item {
            SvedenItem::Group(group) => Some(group),
            SvedenItem::Field(_) => None,
        });
        html! {
            <>
            { for groups.map(|group| {
                let rows: Vec<Value> = groups_json.and_then(|g| g.get(group.itemprop)).and_then(Value::as_array).cloned().unwrap_or_default();
                // Rows are edited through the whole list when it changes shape.
                let set_rows = |rows: Vec<Value>| match groups_json {
                    Some(_) => BlockEdit::new(format!("/groups/{}", group.itemprop), Value::Array(rows)),
                    None => BlockEdit::new("/groups", Value::Object(Map::from_iter([(group.itemprop.to_string(), Value::Array(rows))]))),
                };
                let add = {
                    let mut more = rows.clone();
                    more.push(Value::Object(Map::new()));
                    let (on_step, id, edit) = (self.on_edit_step.clone(), self.block_id.to_string(), set_rows(more));
                    Callback::from(move |_: MouseEvent| on_step.emit((id.clone(), edit.clone())))
                };
                html! {
                    <fieldset class="list-field sveden-form">
                        <legend>{ group.label }</legend>
                        { for rows.iter().enumerate().map(|(index, row)| {
                            let remove = {
                                let mut fewer = rows.clone();
                                fewer.remove(index);
                                let (on_step, id, edit) = (self.on_edit_step.clone(), self.block_id.to_string(), set_rows(fewer));
                                Callback::from(move |_: MouseEvent| on_step.emit((id.clone(), edit.clone())))
                            };
                            html! {
                                <fieldset class="list-item">
                                    <legend>{ format!("{} {}", t.item, index + 1) }</legend>
                                    { for group.fields.iter().map(|field| {
                                        let value = row.get(field.itemprop).and_then(Value::as_str).unwrap_or_default();
                                        let pointer = format!("/groups/{}/{index}/{}", group.itemprop, field.itemprop);
                                        let dom = format!("sveden-{}-{index}-{}", group.itemprop, field.itemprop);
                                        self.input(field, value, &pointer, |_, text| Value::String(text), &dom)
                                    }) }
                                    <button type="button" class="btn small danger" onclick={remove}>{ t.sveden_remove_row }</button>
                                </fieldset>
                            }
                        }) }
                        <button type="button" class="btn small" onclick={add}>{ t.sveden_add_row }{ " «" }{ group.label }{ "»" }</button>
                    </fieldset>
                }
            }) }
            </>
        }
    }

    /// One labelled input; documents and sites are checked as links («отсутствует» is allowed).
    fn input(&self, field: &'static SvedenField, value: &str, pointer: &str, wrap: fn(&str, String) -> Value, dom: &str) -> Html {
        let t = texts();
        let bad_link = matches!(field.kind, ValueKind::Document | ValueKind::Url)
            && !value.trim().is_empty()
            && !sveden::is_absent(value)
            && !is_link(value.trim());
        let oninput = {
            let (on_edit, id, pointer, key) = (self.on_edit.clone(), self.block_id.to_string(), pointer.to_string(), field.itemprop);
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                    on_edit.emit((id.clone(), BlockEdit::new(pointer.clone(), wrap(key, input.value()))));
                }
            })
        };
        let hint = match field.kind {
            ValueKind::Document => Some(t.sveden_document_hint),
            ValueKind::Date => Some(t.sveden_date_hint),
            _ if field.may_be_absent => Some(t.sveden_absent_hint),
            _ => None,
        };
        let error_id = format!("{dom}-error");
        let hint_id = format!("{dom}-hint");
        let described = if bad_link { Some(error_id.clone()) } else { hint.map(|_| hint_id.clone()) };
        html! {
            <div class="field">
                <label for={dom.to_string()}>{ field.label }</label>
                <input id={dom.to_string()} type="text" value={value.to_string()} {oninput} data-itemprop={field.itemprop}
                    aria-invalid={bad_link.then_some("true")} aria-describedby={described} />
                if let Some(hint) = hint { <p class="hint" id={hint_id}>{ hint }</p> }
                if bad_link { <p class="field-error" id={error_id}>{ civic_shared::ProblemKind::BadLink.message(crate::i18n::lang()) }</p> }
            </div>
        }
    }
}
