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
use civic_shared::appeals::{Standing, Status};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::appeal_card::AppealCard;
use crate::appeal_figures::AppealFiguresView;
use crate::error_words::error_message;
use crate::i18n::texts;
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
