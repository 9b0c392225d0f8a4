//! One appeal in the inbox: the summary line with its deadline and standing, the text, the
//! files, the consent it was sent with, and the officials' forms (register, assign, extend,
//! answer, close, publish the answer). Read-only for an administrator's support access.

use civic_shared::appeals::inbox::InboxAppeal;
use civic_shared::appeals::{Due, Standing, Status};
use serde_json::json;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{lang, texts};
use crate::server;

#[derive(Properties, PartialEq)]
pub(crate) struct CardProps {
    pub site: String,
    pub appeal: InboxAppeal,
    pub read_only: bool,
    pub on_action: Callback<(String, serde_json::Value)>,
    pub on_publish: Callback<(String, Option<(String, String)>)>,
    /// Opened at once (an appeal opened for support is the only one shown).
    #[prop_or_default]
    pub open: bool,
}

/// One appeal: the summary line with its deadline, the text, and the officials' forms.
#[function_component(AppealCard)]
pub(crate) fn appeal_card(props: &CardProps) -> Html {
    let t = texts();
    let a = &props.appeal;
    let (class, standing) = match a.standing {
        Standing::Overdue { days_over } => ("overdue", t.inbox_overdue.replace("{n}", &days_over.to_string())),
        Standing::DueSoon { days_left } => ("due-soon", t.inbox_due_soon.replace("{n}", &days_left.to_string())),
        Standing::OnTime { days_left } => ("on-time", t.inbox_on_time.replace("{n}", &days_left.to_string())),
        Standing::Done => ("done", String::new()),
    };
    let due = match &a.due {
        Due::Registration { by } => format!("{} {by}", t.inbox_register_by),
        Due::Answer { by } => format!("{} {by}", t.inbox_answer_by),
        Due::Nothing => String::new(),
    };
    let number = a.number.clone();
    let emit = |action: serde_json::Value| {
        let (on_action, number) = (props.on_action.clone(), number.clone());
        move || on_action.emit((number.clone(), action.clone()))
    };
    let id = |part: &str| format!("appeal-{}-{part}", a.number);
    let open = a.status.is_open();
    html! {
        <li class={classes!("appeal", class)} data-appeal={a.number.clone()}>
            <details open={props.open}>
                <summary>
                    <span class="appeal-number">{ "№ " }{ &a.number }</span>
                    <span>{ &a.received }</span>
                    <span>{ if a.topic.is_empty() { t.inbox_no_topic } else { &a.topic } }</span>
                    <span>{ &a.name }</span>
                    <span class="appeal-status-label">{ a.status.label(lang()) }</span>
                    if !standing.is_empty() { <span class="standing">{ standing }</span> }
                </summary>
                <div class="appeal-body">
                    <p class="meta">{ due }{ if a.assignee.is_empty() { String::new() } else { format!(" · {} {}", t.inbox_assignee, a.assignee) } }</p>
                    <p class="meta">{ t.inbox_contact }{ ": " }{ &a.contact }</p>
                    <p class="appeal-text">{ &a.text }</p>
                    <p class="meta consent">{ t.inbox_consent }{ ": " }{ consent_line(a) }</p>
                    if let Some(reason) = &a.extension_reason { <p class="meta">{ t.inbox_extended }{ ": " }{ reason }</p> }
                    if !a.files.is_empty() {
                        <h4>{ t.inbox_files }</h4>
                        <ul class="appeal-files">
                            { for a.files.iter().map(|file| html! {
                                <li><a href={server::appeal_file_href(&props.site, &a.number, file.idx)} download={file.name.clone()}>{ &file.name }</a>
                                    { format!(" ({})", file_size(file.size)) }</li>
                            }) }
                        </ul>
                    }
                    if let Some(answer) = &a.answer {
                        <h4>{ t.inbox_answer }{ a.answered_on.as_deref().map(|d| format!(" ({d})")).unwrap_or_default() }</h4>
                        <p class="appeal-text">{ answer }</p>
                    }
                    if a.status == Status::Answered {
                        <PublishAnswer id={id("publish")} appeal={a.clone()} read_only={props.read_only} on_publish={props.on_publish.clone()} />
                    }
                    if open && !props.read_only {
                        <div class="appeal-actions">
                            if a.status == Status::Received {
                                <button type="button" class="btn primary" onclick={let go = emit(json!({ "action": "register" })); Callback::from(move |_: MouseEvent| go())}>{ t.inbox_register }</button>
                            }
                            <TextAction id={id("assignee")} label={t.inbox_assign_label} button={t.inbox_assign} multiline={false}
                                on_submit={{ let on = props.on_action.clone(); let n = number.clone(); Callback::from(move |text: String| on.emit((n.clone(), json!({ "action": "assign", "assignee": text })))) }} />
                            if a.status == Status::Registered {
                                <TextAction id={id("answer")} label={t.inbox_answer_label} button={t.inbox_send_answer} multiline={true}
                                    on_submit={{ let on = props.on_action.clone(); let n = number.clone(); Callback::from(move |text: String| on.emit((n.clone(), json!({ "action": "answer", "answer": text })))) }} />
                                if a.extension_days.is_none() {
                                    <ExtendAction id={id("extend")}
                                        on_submit={{ let on = props.on_action.clone(); let n = number.clone(); Callback::from(move |(days, reason): (i64, String)| on.emit((n.clone(), json!({ "action": "extend", "days": days, "reason": reason })))) }} />
                                }
                                <TextAction id={id("close")} label={t.inbox_close_label} button={t.inbox_close} multiline={false}
                                    on_submit={{ let on = props.on_action.clone(); let n = number.clone(); Callback::from(move |text: String| on.emit((n.clone(), json!({ "action": "close", "reason": text })))) }} />
                            }
                        </div>
                    }
                </div>
            </details>
        </li>
    }
}

/// When and under which wording the appellant consented to the processing of personal data.
fn consent_line(appeal: &InboxAppeal) -> String {
    let t = texts();
    match &appeal.consent {
        Some(consent) => t.inbox_consent_given.replace("{t}", &consent.given_at.replace('T', " ").replace('Z', " UTC")).replace("{v}", &consent.version),
        None => t.inbox_consent_unrecorded.into(),
    }
}

/// «1,2 МБ», «350 КБ».
fn file_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} МБ", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} КБ", (bytes + 1023) / 1024)
    }
}

#[derive(Properties, PartialEq)]
struct PublishProps {
    id: String,
    appeal: InboxAppeal,
    read_only: bool,
    on_publish: Callback<(String, Option<(String, String)>)>,
}

/// An answered appeal's publication on the site: what is published and the button that takes
/// it down, or the question in the official's words and the answer to publish.
#[function_component(PublishAnswer)]
fn publish_answer(props: &PublishProps) -> Html {
    let t = texts();
    let a = &props.appeal;
    let question = use_state(String::new);
    let answer = use_state(|| a.answer.clone().unwrap_or_default());
    let number = a.number.clone();
    if let (Some(q), Some(ans)) = (&a.published_question, &a.published_answer) {
        let (on_publish, number) = (props.on_publish.clone(), number.clone());
        return html! {
            <section class="publication" aria-labelledby={format!("{}-title", props.id)}>
                <h4 id={format!("{}-title", props.id)}>{ t.inbox_published }</h4>
                <p class="appeal-text"><strong>{ t.inbox_publish_question }{ ": " }</strong>{ q }</p>
                <p class="appeal-text"><strong>{ t.inbox_publish_answer }{ ": " }</strong>{ ans }</p>
                if !props.read_only {
                    <button type="button" class="btn" onclick={Callback::from(move |_: MouseEvent| on_publish.emit((number.clone(), None)))}>{ t.inbox_unpublish }</button>
                }
            </section>
        };
    }
    if props.read_only {
        return html! {};
    }
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                state.set(area.value());
            }
        })
    };
    let onclick = {
        let (on_publish, question, answer) = (props.on_publish.clone(), question.clone(), answer.clone());
        Callback::from(move |_: MouseEvent| on_publish.emit((number.clone(), Some(((*question).clone(), (*answer).clone())))))
    };
    html! {
        <fieldset class="list-field publication">
            <legend>{ t.inbox_publish_title }</legend>
            <p class="hint">{ t.inbox_publish_hint }</p>
            <div class="field">
                <label for={format!("{}-question", props.id)}>{ t.inbox_publish_question }</label>
                <textarea id={format!("{}-question", props.id)} rows="3" value={(*question).clone()} oninput={set(&question)} />
            </div>
            <div class="field">
                <label for={format!("{}-answer", props.id)}>{ t.inbox_publish_answer }</label>
                <textarea id={format!("{}-answer", props.id)} rows="5" value={(*answer).clone()} oninput={set(&answer)} />
            </div>
            <button type="button" class="btn" {onclick}>{ t.inbox_publish }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct TextActionProps {
    id: String,
    label: &'static str,
    button: &'static str,
    multiline: bool,
    on_submit: Callback<String>,
}

/// A labelled text (one line or several) and the button that sends it.
#[function_component(TextAction)]
fn text_action(props: &TextActionProps) -> Html {
    let value = use_state(String::new);
    let oninput = {
        let value = value.clone();
        Callback::from(move |event: InputEvent| {
            let text = event
                .target_dyn_into::<HtmlTextAreaElement>()
                .map(|area| area.value())
                .or_else(|| event.target_dyn_into::<HtmlInputElement>().map(|input| input.value()))
                .unwrap_or_default();
            value.set(text);
        })
    };
    let onclick = {
        let (value, on_submit) = (value.clone(), props.on_submit.clone());
        Callback::from(move |_: MouseEvent| on_submit.emit((*value).clone()))
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label }</label>
            if props.multiline {
                <textarea id={props.id.clone()} rows="5" value={(*value).clone()} {oninput} />
            } else {
                <input id={props.id.clone()} type="text" value={(*value).clone()} {oninput} />
            }
            <button type="button" class="btn" {onclick}>{ props.button }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ExtendProps {
    id: String,
    on_submit: Callback<(i64, String)>,
}

/// The one extension: days (up to 30) and the reason the author is told.
#[function_component(ExtendAction)]
fn extend_action(props: &ExtendProps) -> Html {
    let t = texts();
    let days = use_state(|| "30".to_string());
    let reason = use_state(String::new);
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let onclick = {
        let (days, reason, on_submit) = (days.clone(), reason.clone(), props.on_submit.clone());
        Callback::from(move |_: MouseEvent| on_submit.emit((days.trim().parse().unwrap_or(0), (*reason).clone())))
    };
    html! {
        <fieldset class="list-field">
            <legend>{ t.inbox_extend_title }</legend>
            <div class="field">
                <label for={format!("{}-days", props.id)}>{ t.inbox_extend_days }</label>
                <input id={format!("{}-days", props.id)} type="number" min="1" max="30" value={(*days).clone()} oninput={set(&days)} />
            </div>
            <div class="field">
                <label for={format!("{}-reason", props.id)}>{ t.inbox_extend_reason }</label>
                <input id={format!("{}-reason", props.id)} type="text" value={(*reason).clone()} oninput={set(&reason)} />
            </div>
            <button type="button" class="btn" {onclick}>{ t.inbox_extend }</button>
        </fieldset>
    }
}
