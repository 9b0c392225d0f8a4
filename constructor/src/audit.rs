//! «Журнал действий» for administrators: who did what, on which site, when and from where,
//! newest first, fifty at a time, optionally for one site.

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::{audit_action, texts};
use crate::server::{self, AuditEntry, ServerError, SiteSummary};

#[derive(Properties, PartialEq)]
pub struct AuditProps {
    pub sites: Vec<SiteSummary>,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(AuditView)]
pub fn audit_view(props: &AuditProps) -> Html {
    let t = texts();
    let site = use_state(|| None::<String>);
    let entries = use_state(Vec::<AuditEntry>::new);
    let next = use_state(|| None::<i64>);
    let error = use_state(|| None::<String>);
    let fetch = {
        let (entries, next, error, on_signed_out) = (entries.clone(), next.clone(), error.clone(), props.on_signed_out.clone());
        move |site: Option<String>, before: Option<i64>, mut shown: Vec<AuditEntry>| {
            let (entries, next, error, on_signed_out) = (entries.clone(), next.clone(), error.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::audit_page(site.as_deref(), before).await {
                    Ok((page, cursor)) => {
                        shown.extend(page);
                        entries.set(shown);
                        next.set(cursor);
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => error.set(Some(error_message(&err))),
                }
            });
        }
    };
    {
        let fetch = fetch.clone();
        use_effect_with((*site).clone(), move |site| fetch(site.clone(), None, Vec::new()));
    }
    let on_site = {
        let site = site.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                site.set(Some(select.value()).filter(|v| !v.is_empty()));
            }
        })
    };
    let on_more = {
        let (fetch, site, next, entries) = (fetch.clone(), site.clone(), next.clone(), entries.clone());
        Callback::from(move |_: MouseEvent| fetch((*site).clone(), *next, (*entries).clone()))
    };
    html! {
        <main class="collection-main wide">
            <div class="collection-head">
                <h2>{ t.audit_title }</h2>
                <label class="filter">{ t.site }{ " " }
                    <select onchange={on_site}>
                        <option value="" selected={site.is_none()}>{ t.all_sites }</option>
                        { for props.sites.iter().map(|s| html! {
                            <option value={s.slug.clone()} selected={site.as_deref() == Some(s.slug.as_str())}>{ &s.name }</option>
                        }) }
                    </select>
                </label>
            </div>
            if let Some(message) = &*error { <p class="notice error" role="alert">{ message }</p> }
            if entries.is_empty() {
                <p class="empty-state">{ t.audit_empty }</p>
            } else {
                <div class="table-scroll">
                <table class="items cards">
                    <caption class="visually-hidden">{ t.audit_title }</caption>
                    <thead><tr>
                        <th scope="col">{ t.audit_when }</th><th scope="col">{ t.audit_who }</th><th scope="col">{ t.audit_what }</th>
                        <th scope="col">{ t.site }</th><th scope="col">{ t.audit_detail }</th><th scope="col">{ t.audit_from }</th>
                    </tr></thead>
                    <tbody>
                    { for entries.iter().map(|e| html! {
                        <tr>
                            <td data-label={t.audit_when}>{ format!("{} UTC", e.at) }</td><td data-label={t.audit_who}>{ &e.login }</td><td data-label={t.audit_what}>{ audit_action(&e.action) }</td>
                            <td data-label={t.site}>{ e.site.clone().unwrap_or_default() }</td><td data-label={t.audit_detail}>{ &e.detail }</td><td data-label={t.audit_from}>{ &e.ip }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            }
            if next.is_some() {
                <button type="button" class="btn" onclick={on_more}>{ t.show_more }</button>
            }
        </main>
    }
}
