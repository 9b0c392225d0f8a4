//! «Обращения»: the site's appeals inbox. Each appeal shows its deadline under 59-FZ and how it
//! stands (overdue in red, due soon in amber); an official registers it, gives it to a colleague,
//! extends the deadline once with a reason, answers or closes it. The author reads the answer on
//! the site's status page. Texts from visitors are shown as text, never as markup.
//!
//! Appeals are the body's: only the site's editors get the inbox. The operator and
//! administrators see the figures ([`AppealFiguresView`]); an administrator may open one
//! appeal through the journaled support access ([`SupportAccessView`]).

use std::rc::Rc;

use civic_shared::appeals::inbox::InboxAppeal;
use civic_shared::appeals::{Due, Standing, Status};
use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::appeal_figures::AppealFiguresView;
use crate::error_words::error_message;
use crate::i18n::{lang, texts};
use crate::support_access::SupportAccessView;
use crate::notice::Notice;
use crate::server::{self, ServerError};

#[derive(Properties, PartialEq)]
pub struct InboxProps {
    pub site: String,
    pub read_only: bool,
    /// The signed-in user's role: `editor` gets the inbox, the others the figures.
    pub role: String,
    pub on_signed_out: Callback<Option<String>>,
}

#[derive(Properties, PartialEq)]
struct QueueProps {
    site: String,
    read_only: bool,
    on_signed_out: Callback<Option<String>>,
}

#[function_component(InboxView)]
pub fn inbox_view(props: &InboxProps) -> Html {
    let t = texts();
    let (site, read_only, on_signed_out) = (props.site.clone(), props.read_only, props.on_signed_out.clone());
    html! {
        <main class="collection-main wide">
            <h2>{ t.inbox_title }</h2>
            if props.role == "editor" {
                <AppealList site={site.clone()} {read_only} on_signed_out={on_signed_out.clone()} />
            } else {
                <AppealFiguresView site={site.clone()} on_signed_out={on_signed_out.clone()} />
                if props.role == "administrator" {
                    <SupportAccessView site={site.clone()} on_signed_out={on_signed_out.clone()} />
                }
            }
            <CommentQueue {site} {read_only} {on_signed_out} />
        </main>
    }
}

/// The site's inbox, for its staff.
#[function_component(AppealList)]
fn appeal_list(props: &QueueProps) -> Html {
    let t = texts();
    let all = use_state(|| false);
    let appeals = use_state(|| None::<Rc<Vec<InboxAppeal>>>);
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (appeals, notice, site, on_signed_out) = (appeals.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        use_effect_with(*all, move |all| {
            let all = *all;
            spawn_local(async move {
                match server::appeals(&site, all).await {
                    Ok(list) => appeals.set(Some(Rc::new(list))),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    // One action on one appeal; the list shows the appeal as the server returns it.
    let on_action = {
        let (appeals, notice, site, on_signed_out) = (appeals.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        Callback::from(move |(number, action): (String, serde_json::Value)| {
            let (appeals, notice, site, on_signed_out) = (appeals.clone(), notice.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::appeal_action(&site, &number, &action).await {
                    Ok(changed) => {
                        if let Some(list) = &*appeals {
                            // The action's answer leaves out the files, which never change.
                            let same = |a: &InboxAppeal| InboxAppeal { files: a.files.clone(), ..changed.clone() };
                            let next: Vec<InboxAppeal> = list.iter().map(|a| if a.number == changed.number { same(a) } else { a.clone() }).collect();
                            appeals.set(Some(Rc::new(next)));
                        }
                        notice.set(Some((true, texts().inbox_saved.replace("{n}", &changed.number))));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    // Publishing an answer (or taking it down) changes only what the card shows of it.
    let on_publish = {
        let (appeals, notice, site, on_signed_out) = (appeals.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        Callback::from(move |(number, publication): (String, Option<(String, String)>)| {
            let (appeals, notice, site, on_signed_out) = (appeals.clone(), notice.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                let sent = publication.as_ref().map(|(q, a)| (q.as_str(), a.as_str()));
                match server::publish_answer(&site, &number, sent).await {
                    Ok(()) => {
                        if let Some(list) = &*appeals {
                            let mut next = (**list).clone();
                            if let Some(appeal) = next.iter_mut().find(|a| a.number == number) {
                                appeal.published_question = publication.as_ref().map(|(q, _)| q.trim().to_string());
                                appeal.published_answer = publication.as_ref().map(|(_, a)| a.trim().to_string());
                            }
                            appeals.set(Some(Rc::new(next)));
                        }
                        let done = if publication.is_some() { texts().inbox_publish_done } else { texts().inbox_unpublish_done };
                        notice.set(Some((true, done.replace("{n}", &number))));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let query = use_state(String::new);
    let standing = use_state(|| "any".to_string());
    let filter = |value: bool, label: &'static str| {
        let all = all.clone();
        html! {
            <button type="button" class={classes!("btn", "small", (*all == value).then_some("active"))} aria-pressed={(*all == value).to_string()}
                onclick={Callback::from(move |_: MouseEvent| all.set(value))}>{ label }</button>
        }
    };
    let body = match &*appeals {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(list) if list.is_empty() => html! { <p class="empty-state">{ if *all { t.inbox_empty_all } else { t.inbox_empty_open } }</p> },
        Some(list) => {
            let shown: Vec<&InboxAppeal> = list.iter().filter(|a| matches(a, &query, &standing)).collect();
            if shown.is_empty() {
                html! { <p class="empty-state">{ t.inbox_nothing_found }</p> }
            } else {
                html! {
                    <ul class="inbox">
                        { for shown.into_iter().map(|appeal| html! {
                            <AppealCard key={appeal.number.clone()} site={props.site.clone()} appeal={appeal.clone()} read_only={props.read_only}
                                on_action={on_action.clone()} on_publish={on_publish.clone()} />
                        }) }
                    </ul>
                }
            }
        }
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let on_standing = {
        let standing = standing.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                standing.set(select.value());
            }
        })
    };
    let standing_option = |value: &'static str, label: &'static str| html! { <option {value} selected={*standing == value}>{ label }</option> };
    let search = html! {
        <div class="inbox-search">
            <div class="field">
                <label for="inbox-query">{ t.inbox_search }</label>
                <input id="inbox-query" type="search" value={(*query).clone()} oninput={on_query} />
            </div>
            <div class="field">
                <label for="inbox-standing">{ t.inbox_standing_filter }</label>
                <select id="inbox-standing" onchange={on_standing}>
                    { standing_option("any", t.inbox_filter_any) }
                    { standing_option("overdue", t.inbox_filter_overdue) }
                    { standing_option("due_soon", t.inbox_filter_due_soon) }
                    { standing_option("answered", t.inbox_filter_answered) }
                </select>
            </div>
        </div>
    };
    html! {
        <>
            <p class="hint">{ t.inbox_intro }</p>
            <p class="inbox-filter" role="group" aria-label={t.inbox_show}>{ filter(false, t.inbox_open) }{ " " }{ filter(true, t.inbox_all) }</p>
            { search }
            <Notice notice={(*notice).clone()} />
            { body }
        </>
    }
}

/// Whether an appeal passes the inbox's search (number, topic, text, name, contact) and
/// deadline filter.
fn matches(appeal: &InboxAppeal, query: &str, standing: &str) -> bool {
    let query = query.trim().to_lowercase();
    let found = query.is_empty()
        || [&appeal.number, &appeal.topic, &appeal.text, &appeal.name, &appeal.contact].iter().any(|field| field.to_lowercase().contains(&query));
    let stands = match standing {
        "overdue" => matches!(appeal.standing, Standing::Overdue { .. }),
        "due_soon" => matches!(appeal.standing, Standing::DueSoon { .. }),
        "answered" => appeal.status == Status::Answered,
        _ => true,
    };
    found && stands
}

/// Comments on the site's public discussions that wait for moderation.
#[function_component(CommentQueue)]
fn comment_queue(props: &QueueProps) -> Html {
    let t = texts();
    let comments = use_state(|| None::<Vec<server::QueuedComment>>);
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (comments, notice, site, on_signed_out) = (comments.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match server::pending_comments(&site).await {
                    Ok(list) => comments.set(Some(list)),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    let decide = |id: i64, publish: bool| {
        let (comments, notice, site, on_signed_out) = (comments.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        Callback::from(move |_: MouseEvent| {
            let (comments, notice, site, on_signed_out) = (comments.clone(), notice.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::moderate_comment(&site, id, publish).await {
                    Ok(()) => {
                        let rest: Vec<_> = (*comments).clone().unwrap_or_default().into_iter().filter(|c| c.id != id).collect();
                        comments.set(Some(rest));
                        notice.set(Some((true, if publish { texts().moderation_published } else { texts().moderation_rejected }.into())));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    html! {
        <section class="moderation" aria-labelledby="moderation-title">
            <h2 id="moderation-title">{ t.moderation_title }</h2>
            <Notice notice={(*notice).clone()} />
            { match &*comments {
                None => html! { <p class="hint">{ t.loading }</p> },
                Some(list) if list.is_empty() => html! { <p class="empty-state">{ t.moderation_empty }</p> },
                Some(list) => html! {
                    <ul class="inbox">
                        { for list.iter().map(|c| html! {
                            <li class="appeal" data-comment={c.id.to_string()}>
                                <div class="appeal-body">
                                    <p class="meta">{ &c.received }{ " · " }{ &c.name }{ " · " }{ &c.discussion }</p>
                                    <p class="appeal-text">{ &c.text }</p>
                                    if !props.read_only {
                                        <p>
                                            <button type="button" class="btn primary" onclick={decide(c.id, true)}>{ t.moderation_publish }</button>
                                            { " " }
                                            <button type="button" class="btn" onclick={decide(c.id, false)}>{ t.moderation_reject }</button>
                                        </p>
                                    }
                                </div>
                            </li>
                        }) }
                    </ul>
                },
            } }
        </section>
    }
}

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
