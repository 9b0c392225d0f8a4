//! «Домен сайта» for administrators: the organisation's own domains of one site, the DNS
//! records to create for each (as text to copy), the check that makes a domain active, the
//! last check's result, and removal after a confirmation.

use std::rc::Rc;

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::error_words::{as_input, error_message};
use crate::i18n::texts;
use crate::notice::Notice;
use crate::server::{self, DnsRecord, ServerError, SiteDomain, SiteDomains};

#[derive(Properties, PartialEq)]
pub struct DomainsProps {
    pub slug: String,
    pub name: String,
    pub on_close: Callback<()>,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(DomainsPanel)]
pub fn domains_panel(props: &DomainsProps) -> Html {
    let t = texts();
    let found = use_state(|| None::<Rc<SiteDomains>>);
    let notice = use_state(|| None::<(bool, String)>);
    let host = use_state(String::new);
    let reloads = use_state(|| 0u32);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.slug.clone(), move |_| {
            if let Some(heading) = heading.cast::<HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    {
        let (found, notice, on_signed_out, slug) = (found.clone(), notice.clone(), props.on_signed_out.clone(), props.slug.clone());
        use_effect_with((props.slug.clone(), *reloads), move |_| {
            spawn_local(async move {
                match server::domains(&slug).await {
                    Ok(list) => found.set(Some(Rc::new(list))),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    // Runs a change; on success the list comes back with the answer, on failure it is read
    // again (a failed check is kept with its error) and the refusal is shown.
    let run = {
        let (found, notice, reloads, on_signed_out) = (found.clone(), notice.clone(), reloads.clone(), props.on_signed_out.clone());
        let run: Run = Rc::new(move |call: Change, success: String, after: Option<UseStateHandle<String>>| {
            let (found, notice, reloads, on_signed_out) = (found.clone(), notice.clone(), reloads.clone(), on_signed_out.clone());
            spawn_local(async move {
                match call.await {
                    Ok(list) => {
                        found.set(Some(Rc::new(list)));
                        notice.set(Some((true, success)));
                        if let Some(field) = after {
                            field.set(String::new());
                        }
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => {
                        notice.set(Some((false, error_message(&err))));
                        reloads.set(*reloads + 1);
                    }
                }
            });
        });
        run
    };
    let on_add = {
        let (run, host, slug) = (run.clone(), host.clone(), props.slug.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let typed = host.trim().to_string();
            let slug = slug.clone();
            let message = t.domain_added.replace("{host}", &typed);
            run(Box::pin(async move { server::add_domain(&slug, &typed).await }), message, Some(host.clone()));
        })
    };
    let on_host = {
        let host = host.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            host.set(value);
        })
    };
    let address = (*found).as_ref().map(|f| f.platform_address.clone()).unwrap_or_default();
    let list = match &*found {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(found) if found.domains.is_empty() => html! { <p>{ t.domain_none.replace("{address}", &found.platform_address) }</p> },
        Some(found) => html! {
            <ul class="domain-list">
                { for found.domains.iter().map(|domain| domain_item(domain, &props.slug, &address, &run, &notice)) }
            </ul>
        },
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="domains-panel" aria-labelledby="domains-title" data-site={props.slug.clone()}>
            <h3 id="domains-title" tabindex="-1" ref={heading}>{ t.domain_title.replace("{name}", &props.name) }</h3>
            <p class="hint">{ t.domain_intro.replace("{address}", &address).replace("{slug}", &props.slug) }</p>
            <Notice notice={(*notice).clone()} />
            { list }
            <form class="item-form domain-form" onsubmit={on_add} novalidate=true>
                <div class="field">
                    <label for="domain-host">{ t.domain_field }</label>
                    <input id="domain-host" value={(*host).clone()} oninput={as_input(on_host)} autocapitalize="none" spellcheck="false"
                        inputmode="url" aria-describedby="domain-host-hint" />
                    <p class="hint" id="domain-host-hint">{ t.domain_field_hint }</p>
                </div>
                <button type="submit" class="btn primary">{ t.domain_add }</button>
                { " " }
                <button type="button" class="btn" onclick={close}>{ t.domain_close }</button>
            </form>
        </section>
    }
}

/// A change of the site's domains under way; it answers with the list.
type Change = std::pin::Pin<Box<dyn std::future::Future<Output = Result<SiteDomains, ServerError>>>>;
/// Runs a change, then shows its message (and clears the field given, if any).
type Run = Rc<dyn Fn(Change, String, Option<UseStateHandle<String>>)>;

fn domain_item(domain: &SiteDomain, slug: &str, address: &str, run: &Run, notice: &UseStateHandle<Option<(bool, String)>>) -> Html {
    let t = texts();
    let shown = match domain.host_unicode == domain.host {
        true => domain.host.clone(),
        false => format!("{} ({})", domain.host_unicode, domain.host),
    };
    let active = domain.status == "active";
    let status = if active { t.domain_status_active } else { t.domain_status_awaiting };
    let verify = {
        let (run, slug, host, unicode) = (run.clone(), slug.to_string(), domain.host.clone(), domain.host_unicode.clone());
        Callback::from(move |_: MouseEvent| {
            let (slug, host) = (slug.clone(), host.clone());
            let message = t.domain_verified.replace("{host}", &unicode);
            run(Box::pin(async move { server::verify_domain(&slug, &host).await }), message, None);
        })
    };
    let remove = {
        let (run, slug, host, unicode, address) = (run.clone(), slug.to_string(), domain.host.clone(), domain.host_unicode.clone(), address.to_string());
        Callback::from(move |_: MouseEvent| {
            let question = t.domain_remove_confirm.replace("{host}", &unicode).replace("{address}", &address);
            if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()) != Some(true) {
                return;
            }
            let (slug, host) = (slug.clone(), host.clone());
            let message = t.domain_removed.replace("{host}", &unicode);
            run(Box::pin(async move { server::remove_domain(&slug, &host).await }), message, None);
        })
    };
    let title_id = format!("domain-records-{}", domain.host);
    html! {
        <li class="domain" key={domain.host.clone()} data-host={domain.host.clone()}>
            <h4>{ shown }</h4>
            <p class={classes!("domain-status", active.then_some("active"))}>{ t.domain_status_label.replace("{s}", status) }</p>
            if let Some(at) = &domain.checked_at { <p class="hint">{ t.domain_checked_at.replace("{t}", at) }</p> }
            if let Some(error) = &domain.last_error { <p class="field-error domain-error">{ t.domain_last_error.replace("{e}", error.message()) }</p> }
            <p class="domain-records-title" id={title_id.clone()}>{ t.domain_records }</p>
            <div class="table-scroll">
            <table class="items cards domain-records" aria-labelledby={title_id}>
                <thead><tr><th scope="col">{ t.domain_record_type }</th><th scope="col">{ t.domain_record_name }</th>
                    <th scope="col">{ t.domain_record_value }</th><th scope="col">{ t.domain_record_purpose }</th></tr></thead>
                <tbody>{ for domain.records.iter().map(|record| record_row(record, notice)) }</tbody>
            </table>
            </div>
            <p class="domain-actions">
                <button type="button" class="btn primary" onclick={verify} aria-label={t.domain_verify_label.replace("{host}", &domain.host_unicode)}>{ t.domain_verify }</button>
                { " " }
                <button type="button" class="btn danger" onclick={remove} aria-label={t.domain_remove_label.replace("{host}", &domain.host_unicode)}>{ t.domain_remove }</button>
            </p>
        </li>
    }
}

fn record_row(record: &DnsRecord, notice: &UseStateHandle<Option<(bool, String)>>) -> Html {
    let t = texts();
    let purpose = if record.kind == "TXT" { t.domain_txt_purpose } else { t.domain_cname_purpose };
    let copy = |text: &str| {
        let label = t.domain_copy_label.replace("{v}", text);
        let (notice, text) = (notice.clone(), text.to_string());
        let onclick = Callback::from(move |_: MouseEvent| {
            let (notice, text) = (notice.clone(), text.clone());
            spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&text)).await.is_ok(),
                    None => false,
                };
                let message = if copied { t.domain_copied.replace("{v}", &text) } else { t.domain_copy_failed.into() };
                notice.set(Some((copied, message)));
            });
        });
        html! { <button type="button" class="btn small" {onclick} aria-label={label}>{ t.domain_copy }</button> }
    };
    html! {
        <tr>
            <td data-label={t.domain_record_type}>{ &record.kind }</td>
            <td data-label={t.domain_record_name}><code class="copyable">{ &record.name }</code>{ " " }{ copy(&record.name) }</td>
            <td data-label={t.domain_record_value}><code class="copyable">{ &record.value }</code>{ " " }{ copy(&record.value) }</td>
            <td data-label={t.domain_record_purpose}>{ purpose }</td>
        </tr>
    }
}
