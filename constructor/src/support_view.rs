//! «Поддержка»: the support desk («СРО»). An editor sends a request for the open site and
//! follows it; the administrator sees every site's requests with their deadlines in working
//! days, takes them, answers in comments, moves a deadline as agreed and marks them done; the
//! operator watches. Overdue requests are red, due-soon amber.

use std::rc::Rc;

use civic_shared::support::{Category, Standing, Status, Ticket};
use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::error_words::error_message;
use crate::holidays_panel::HolidaysPanel;
use crate::i18n::{lang, texts};
use crate::notice::Notice;
use crate::server::{self, ServerError};

#[derive(Properties, PartialEq)]
pub struct SupportProps {
    /// The open site: an editor's requests go for it.
    pub site: String,
    /// Administrators and the operator see every site's requests.
    pub every_site: bool,
    /// The administrator takes, resolves and moves deadlines.
    pub handles: bool,
    pub read_only: bool,
    pub on_signed_out: Callback<Option<String>>,
}

/// «просрочена на 2 раб. дн.» and the class that colours it.
pub fn standing_text(standing: &Standing) -> (String, &'static str) {
    let t = texts();
    match standing {
        Standing::Overdue { days_over } => (t.support_overdue.replace("{n}", &days_over.to_string()), "overdue"),
        Standing::DueSoon { days_left } => (t.support_due_soon.replace("{n}", &days_left.to_string()), "due-soon"),
        Standing::OnTime { days_left } => (t.support_on_time.replace("{n}", &days_left.to_string()), "on-time"),
        Standing::Resolved => (t.support_done.to_string(), "on-time"),
    }
}

fn event_label(kind: &str) -> &'static str {
    let t = texts();
    match kind {
        "take" => t.support_event_take,
        "resolve" => t.support_event_resolve,
        "reopen" => t.support_event_reopen,
        "extend" => t.support_event_extend,
        _ => t.support_event_comment,
    }
}

fn value_of<T: AsRef<web_sys::Node> + From<wasm_bindgen::JsValue>>(node: &NodeRef, read: impl Fn(&T) -> String) -> String {
    node.cast::<T>().map(|el| read(&el)).unwrap_or_default()
}

#[function_component(SupportView)]
pub fn support_view(props: &SupportProps) -> Html {
    let t = texts();
    let tickets = use_state(|| None::<Rc<Vec<Ticket>>>);
    let open = use_state(|| None::<Ticket>);
    let notice = use_state(|| None::<(bool, String)>);
    let reload = use_state(|| 0u32);
    let (category, subject, text) = (use_node_ref(), use_node_ref(), use_node_ref());
    let (comment, new_due, agreement) = (use_node_ref(), use_node_ref(), use_node_ref());

    {
        let (tickets, notice, on_signed_out) = (tickets.clone(), notice.clone(), props.on_signed_out.clone());
        let site = (!props.every_site).then(|| props.site.clone());
        use_effect_with((*reload, site), move |(_, site)| {
            let site = site.clone();
            spawn_local(async move {
                match server::support_tickets(site.as_deref()).await {
                    Ok(list) => tickets.set(Some(Rc::new(list))),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }

    let on_send = {
        let (category, subject, text, notice, reload, open) = (category.clone(), subject.clone(), text.clone(), notice.clone(), reload.clone(), open.clone());
        let (site, on_signed_out) = (props.site.clone(), props.on_signed_out.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let body = json!({
                "category": value_of::<HtmlSelectElement>(&category, |el| el.value()),
                "subject": value_of::<HtmlInputElement>(&subject, |el| el.value()),
                "text": value_of::<HtmlTextAreaElement>(&text, |el| el.value()),
            });
            let (subject, text, notice, reload, open, site, on_signed_out) = (subject.clone(), text.clone(), notice.clone(), reload.clone(), open.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::open_ticket(&site, &body).await {
                    Ok(ticket) => {
                        notice.set(Some((true, texts().support_sent.replace("{n}", &ticket.id.to_string()).replace("{d}", &ticket.due))));
                        if let Some(el) = subject.cast::<HtmlInputElement>() {
                            el.set_value("");
                        }
                        if let Some(el) = text.cast::<HtmlTextAreaElement>() {
                            el.set_value("");
                        }
                        open.set(Some(ticket));
                        reload.set(*reload + 1);
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };

    let on_open = {
        let (open, notice, on_signed_out) = (open.clone(), notice.clone(), props.on_signed_out.clone());
        Callback::from(move |(site, id): (String, i64)| {
            let (open, notice, on_signed_out) = (open.clone(), notice.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::support_ticket(&site, id).await {
                    Ok(ticket) => open.set(Some(ticket)),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };

    // One step or comment on the open request; the list follows.
    let act = {
        let (open, notice, reload, on_signed_out) = (open.clone(), notice.clone(), reload.clone(), props.on_signed_out.clone());
        let (comment, new_due, agreement) = (comment.clone(), new_due.clone(), agreement.clone());
        move |action: &'static str| {
            let (open, notice, reload, on_signed_out) = (open.clone(), notice.clone(), reload.clone(), on_signed_out.clone());
            let (comment, new_due, agreement) = (comment.clone(), new_due.clone(), agreement.clone());
            Callback::from(move |_: MouseEvent| {
                let Some(ticket) = (*open).clone() else { return };
                let said = value_of::<HtmlTextAreaElement>(&comment, |el| el.value());
                let body = match action {
                    "extend" => json!({ "action": "extend", "due": value_of::<HtmlInputElement>(&new_due, |el| el.value()), "agreement": value_of::<HtmlInputElement>(&agreement, |el| el.value()) }),
                    "take" => json!({ "action": "take" }),
                    other => json!({ "action": other, "comment": said }),
                };
                let (open, notice, reload, on_signed_out, comment) = (open.clone(), notice.clone(), reload.clone(), on_signed_out.clone(), comment.clone());
                spawn_local(async move {
                    match server::change_ticket(&ticket.site, ticket.id, &body).await {
                        Ok(changed) => {
                            notice.set(Some((true, texts().support_saved.replace("{n}", &changed.id.to_string()))));
                            if let Some(el) = comment.cast::<HtmlTextAreaElement>() {
                                el.set_value("");
                            }
                            open.set(Some(changed));
                            reload.set(*reload + 1);
                        }
                        Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                        Err(err) => notice.set(Some((false, error_message(&err)))),
                    }
                });
            })
        }
    };

    let form = (!props.every_site && !props.read_only).then(|| html! {
        <form class="item-form" onsubmit={on_send} aria-labelledby="support-new-title">
            <h3 id="support-new-title">{ t.support_new }</h3>
            <div class="field">
                <label for="support-category">{ t.support_category }</label>
                <select id="support-category" ref={category}>
                    { for Category::ALL.iter().map(|c| {
                        let value = serde_json::to_value(c).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
                        html! { <option {value}>{ format!("{} ({})", c.label(lang()), c.working_days()) }</option> }
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="support-subject">{ t.support_subject }</label>
                <input id="support-subject" type="text" ref={subject} maxlength="200" required=true />
            </div>
            <div class="field">
                <label for="support-text">{ t.support_text }</label>
                <textarea id="support-text" rows="4" ref={text} required=true />
            </div>
            <button type="submit" class="btn primary">{ t.support_send }</button>
        </form>
    });

    let list = match &*tickets {
        None => html! { <p>{ t.loading }</p> },
        Some(list) if list.is_empty() => html! { <p>{ t.support_empty }</p> },
        Some(list) => html! {
            <div class="table-scroll">
            <table class="items cards support-tickets" aria-labelledby="support-list-title">
                <thead><tr>
                    <th scope="col">{ t.support_number }</th>
                    if props.every_site { <th scope="col">{ t.support_site }</th> }
                    <th scope="col">{ t.support_subject }</th><th scope="col">{ t.support_status }</th><th scope="col">{ t.support_due }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|ticket| {
                        let (standing, class) = standing_text(&ticket.standing);
                        let on_open = on_open.clone();
                        let (site, id) = (ticket.site.clone(), ticket.id);
                        html! {
                            <tr data-ticket={ticket.id.to_string()}>
                                <td>{ ticket.id }</td>
                                if props.every_site { <td>{ &ticket.site_name }</td> }
                                <td>
                                    <button type="button" class="btn link" onclick={Callback::from(move |_: MouseEvent| on_open.emit((site.clone(), id)))}>{ &ticket.subject }</button>
                                    <br /><span class="hint">{ ticket.category.label(lang()) }</span>
                                </td>
                                <td class="support-status">{ ticket.status.label(lang()) }</td>
                                <td class="date"><span class={classes!("deadline", class)}>{ &ticket.due }<br />{ standing }</span></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        },
    };

    let detail = (*open).clone().map(|ticket| {
        let (standing, class) = standing_text(&ticket.standing);
        let open_now = ticket.status.is_open();
        html! {
            <section class="item-form support-detail" aria-labelledby="support-detail-title">
                <h3 id="support-detail-title">{ format!("{} {} — {}", t.support_number, ticket.id, ticket.subject) }</h3>
                <p class="hint">{ t.support_from.replace("{who}", &ticket.created_by).replace("{d}", &ticket.received) }{ " · " }{ &ticket.site_name }</p>
                <p>{ format!("{}: {}", t.support_status, ticket.status.label(lang())) }{ " · " }<span class={classes!("deadline", class)}>{ format!("{}: {} ({standing})", t.support_due, ticket.due) }</span></p>
                <p class="support-text">{ &ticket.text }</p>
                if !ticket.events.is_empty() {
                    <h4>{ t.support_history }</h4>
                    <ol class="support-events">
                        { for ticket.events.iter().map(|e| html! {
                            <li><strong>{ format!("{} {}", e.at, e.author) }</strong>{ format!(" — {}", event_label(&e.kind)) }
                                if !e.text.is_empty() { { ": " }{ &e.text } }</li>
                        }) }
                    </ol>
                }
                if !props.read_only {
                    <div class="field">
                        <label for="support-comment">{ t.support_comment }</label>
                        <textarea id="support-comment" rows="3" ref={comment.clone()} />
                    </div>
                    <div class="support-actions">
                        <button type="button" class="btn" onclick={act("comment")}>{ t.support_add_comment }</button>
                        if props.handles && ticket.status == Status::New { <button type="button" class="btn" onclick={act("take")}>{ t.support_take }</button> }
                        if props.handles && open_now { <button type="button" class="btn primary" onclick={act("resolve")}>{ t.support_resolve }</button> }
                        if !open_now { <button type="button" class="btn" onclick={act("reopen")}>{ t.support_reopen }</button> }
                    </div>
                    if props.handles && open_now {
                        <fieldset class="support-extend">
                            <legend>{ t.support_extend }</legend>
                            <div class="field">
                                <label for="support-due">{ t.support_new_due }</label>
                                <input id="support-due" type="date" ref={new_due.clone()} />
                            </div>
                            <div class="field">
                                <label for="support-agreement">{ t.support_agreement }</label>
                                <input id="support-agreement" type="text" ref={agreement.clone()} />
                            </div>
                            <button type="button" class="btn" onclick={act("extend")}>{ t.support_extend }</button>
                        </fieldset>
                    }
                }
            </section>
        }
    });

    html! {
        <main class="collection-main wide support" aria-labelledby="support-title">
            <h2 id="support-title">{ t.support_title }</h2>
            <p class="support-intro">{ t.support_intro }</p>
            <Notice notice={(*notice).clone()} />
            { form.unwrap_or_default() }
            { detail.unwrap_or_default() }
            <h3 id="support-list-title">{ t.support_list }</h3>
            { list }
            if props.handles {
                <HolidaysPanel on_signed_out={props.on_signed_out.clone()} />
            }
        </main>
    }
}
