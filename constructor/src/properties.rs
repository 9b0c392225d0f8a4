//! The right panel: the fields of the selected block, with inline validation.

use civic_shared::validate::{is_image_url, is_link};
use civic_shared::{Block, ProblemKind};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::texts;
use crate::state::BlockEdit;

#[derive(Properties, PartialEq)]
pub struct PropertiesProps {
    pub block: Option<Block>,
    pub on_edit: Callback<(String, BlockEdit)>,
}

/// Emits an edit built from the new value of a text input or textarea.
fn on_text(on_edit: &Callback<(String, BlockEdit)>, id: &str, make: impl Fn(String) -> BlockEdit + 'static) -> Callback<InputEvent> {
    let (on_edit, id) = (on_edit.clone(), id.to_string());
    Callback::from(move |event: InputEvent| {
        let value = event
            .target_dyn_into::<HtmlInputElement>()
            .map(|input| input.value())
            .or_else(|| event.target_dyn_into::<HtmlTextAreaElement>().map(|area| area.value()))
            .unwrap_or_default();
        on_edit.emit((id.clone(), make(value)));
    })
}

fn on_check(on_edit: &Callback<(String, BlockEdit)>, id: &str, make: impl Fn(bool) -> BlockEdit + 'static) -> Callback<Event> {
    let (on_edit, id) = (on_edit.clone(), id.to_string());
    Callback::from(move |event: Event| {
        if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
            on_edit.emit((id.clone(), make(input.checked())));
        }
    })
}

/// A labelled single-line field with its inline error.
fn text_field(field_id: &str, label: &str, value: &str, error: Option<ProblemKind>, hint: Option<&str>, oninput: Callback<InputEvent>) -> Html {
    let error_id = format!("{field_id}-error");
    let hint_id = format!("{field_id}-hint");
    let described = match (&error, hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        _ => None,
    };
    html! {
        <div class="field">
            <label for={field_id.to_string()}>{ label }</label>
            <input id={field_id.to_string()} type="text" value={value.to_string()} {oninput}
                aria-invalid={error.is_some().then_some("true")} aria-describedby={described} />
            if let Some(hint) = hint { <p class="hint" id={hint_id}>{ hint }</p> }
            if let Some(error) = error { <p class="field-error" id={error_id}>{ error.message(civic_shared::Lang::Ru) }</p> }
        </div>
    }
}

fn required(value: &str) -> Option<ProblemKind> {
    value.trim().is_empty().then_some(ProblemKind::Required)
}

#[function_component(Properties)]
pub fn properties(props: &PropertiesProps) -> Html {
    let t = texts();
    let on_edit = &props.on_edit;
    let body = match &props.block {
        None => html! { <p class="empty-state">{ t.nothing_selected }</p> },
        Some(Block::Heading(h)) => {
            let id = h.id.clone();
            let onchange = {
                let (on_edit, id) = (on_edit.clone(), id.clone());
                Callback::from(move |event: Event| {
                    if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                        let level = select.value().parse().unwrap_or(2);
                        on_edit.emit((id.clone(), BlockEdit::HeadingLevel(level)));
                    }
                })
            };
            html! {
                <>
                    { text_field("prop-heading-text", t.heading_text, &h.text, required(&h.text), None, on_text(on_edit, &id, BlockEdit::HeadingText)) }
                    <div class="field">
                        <label for="prop-heading-level">{ t.heading_level }</label>
                        <select id="prop-heading-level" {onchange}>
                            { for (2u8..=4).map(|level| html! {
                                <option value={level.to_string()} selected={h.level == level}>{ format!("H{level}") }</option>
                            }) }
                        </select>
                    </div>
                </>
            }
        }
        Some(Block::Paragraph(p)) => {
            let id = p.id.clone();
            html! {
                { for p.runs.iter().enumerate().map(|(index, run)| {
                    let field = format!("prop-run-{index}");
                    let link = run.link.clone().unwrap_or_default();
                    let link_error = (!link.is_empty() && !is_link(&link)).then_some(ProblemKind::BadLink);
                    html! {
                        <fieldset class="run">
                            <legend>{ format!("{} {}", t.run, index + 1) }</legend>
                            <div class="field">
                                <label for={field.clone()} class="visually-hidden">{ format!("{} {}", t.run, index + 1) }</label>
                                <textarea id={field.clone()} rows="3" value={run.text.clone()}
                                    oninput={on_text(on_edit, &id, move |text| BlockEdit::RunText { index, text })} />
                            </div>
                            <div class="marks">
                                <label><input type="checkbox" checked={run.bold}
                                    onchange={on_check(on_edit, &id, move |bold| BlockEdit::RunBold { index, bold })} />{ " " }{ t.bold }</label>
                                <label><input type="checkbox" checked={run.italic}
                                    onchange={on_check(on_edit, &id, move |italic| BlockEdit::RunItalic { index, italic })} />{ " " }{ t.italic }</label>
                            </div>
                            { text_field(&format!("{field}-link"), t.link, &link, link_error, None,
                                on_text(on_edit, &id, move |link| BlockEdit::RunLink { index, link })) }
                        </fieldset>
                    }
                }) }
            }
        }
        Some(Block::Image(img)) => {
            let id = img.id.clone();
            let src_error = (!is_image_url(&img.src)).then_some(ProblemKind::BadImageUrl);
            html! {
                <>
                    { text_field("prop-image-src", t.image_src, &img.src, src_error, None, on_text(on_edit, &id, BlockEdit::ImageSrc)) }
                    { text_field("prop-image-alt", t.image_alt, &img.alt, required(&img.alt), Some(t.image_alt_hint), on_text(on_edit, &id, BlockEdit::ImageAlt)) }
                    { text_field("prop-image-caption", t.caption, &img.caption, None, None, on_text(on_edit, &id, BlockEdit::ImageCaption)) }
                </>
            }
        }
        Some(Block::Section(s)) => {
            text_field("prop-section-title", t.section_title, &s.title, None, None, on_text(on_edit, &s.id, BlockEdit::SectionTitle))
        }
    };
    html! {
        <aside class="properties" aria-labelledby="properties-title">
            <h2 class="panel-title" id="properties-title">{ t.properties }</h2>
            { body }
        </aside>
    }
}
