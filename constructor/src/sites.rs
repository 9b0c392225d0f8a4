//! «Сайты» for administrators: every site of the region, and a new one from the template of
//! its organisation kind (the template creates the mandatory pages), and each site's own domain.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_words::{as_input, error_message};
use crate::domains_view::DomainsPanel;
use crate::i18n::{kind_name, texts};
use crate::notice::Notice;
use crate::server::{self, ServerError, SiteSummary};

const KINDS: [&str; 5] = ["executive_body", "municipality", "school", "kindergarten", "medical"];

#[derive(Properties, PartialEq)]
pub struct SitesProps {
    pub sites: Vec<SiteSummary>,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(SitesView)]
pub fn sites_view(props: &SitesProps) -> Html {
    let t = texts();
    let form = use_state(|| (String::new(), String::new(), KINDS[0].to_string()));
    let problems = use_state(Vec::<(String, String)>::new);
    let notice = use_state(|| None::<(bool, String)>);
    let created = use_state(Vec::<SiteSummary>::new);
    // The site whose domains are open, as (slug, name).
    let domains_of = use_state(|| None::<(String, String)>);
    let set = |index: usize| {
        let form = form.clone();
        Callback::from(move |event: Event| {
            let target = event.target();
            let value = target
                .clone()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok().map(|i| i.value()))
                .or_else(|| target.and_then(|t| t.dyn_into::<HtmlSelectElement>().ok().map(|s| s.value())))
                .unwrap_or_default();
            let mut next = (*form).clone();
            match index {
                0 => next.0 = value,
                1 => next.1 = value,
                _ => next.2 = value,
            }
            form.set(next);
        })
    };
    let on_submit = {
        let (form, problems, notice, created, on_signed_out) =
            (form.clone(), problems.clone(), notice.clone(), created.clone(), props.on_signed_out.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (name, slug, kind) = (*form).clone();
            let (form, problems, notice, created, on_signed_out) =
                (form.clone(), problems.clone(), notice.clone(), created.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::create_site(slug.trim(), &name, &kind).await {
                    Ok(()) => {
                        let mut list = (*created).clone();
                        list.push(SiteSummary { slug: slug.trim().into(), name: name.trim().into(), kind, published_revision: None });
                        created.set(list);
                        problems.set(Vec::new());
                        form.set((String::new(), String::new(), KINDS[0].into()));
                        notice.set(Some((true, texts().site_created.into())));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(ServerError::Invalid(found)) => {
                        problems.set(found);
                        notice.set(Some((false, texts().fix_fields.into())));
                    }
                    Err(ServerError::Taken) => {
                        problems.set(vec![("slug".into(), texts().slug_taken.into())]);
                        notice.set(Some((false, texts().fix_fields.into())));
                    }
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let problem = |name: &str| problems.iter().find(|(p, _)| p == name).map(|(_, m)| m.clone());
    let (name, slug, kind) = (*form).clone();
    let all: Vec<SiteSummary> = props.sites.iter().chain(created.iter()).cloned().collect();
    html! {
        <main class="collection-main wide">
            <h2>{ t.sites_title }</h2>
            <Notice notice={(*notice).clone()} />
            <form class="item-form" onsubmit={on_submit} aria-labelledby="site-form-title" novalidate=true>
                <h3 id="site-form-title">{ t.new_site }</h3>
                <div class="field">
                    <label for="site-name">{ t.site_name }{ t.required_mark }</label>
                    <input id="site-name" value={name} oninput={as_input(set(0))} aria-invalid={problem("name").map(|_| "true")}
                        aria-describedby={problem("name").map(|_| "site-name-error")} />
                    if let Some(message) = problem("name") { <p class="field-error" id="site-name-error">{ message }</p> }
                </div>
                <div class="field">
                    <label for="site-slug">{ t.site_slug }{ t.required_mark }</label>
                    <input id="site-slug" value={slug} oninput={as_input(set(1))} autocapitalize="none" spellcheck="false"
                        aria-invalid={problem("slug").map(|_| "true")}
                        aria-describedby={problem("slug").map(|_| "site-slug-error".to_string()).unwrap_or_else(|| "site-slug-hint".into())} />
                    <p class="hint" id="site-slug-hint">{ t.site_slug_hint }</p>
                    if let Some(message) = problem("slug") { <p class="field-error" id="site-slug-error">{ message }</p> }
                </div>
                <div class="field">
                    <label for="site-kind">{ t.site_kind }</label>
                    <select id="site-kind" onchange={set(2)}>
                        { for KINDS.into_iter().map(|k| html! { <option value={k} selected={kind == k}>{ kind_name(k) }</option> }) }
                    </select>
                </div>
                <button type="submit" class="btn primary">{ t.create_site }</button>
            </form>
            <div class="table-scroll">
            <table class="items cards">
                <caption class="visually-hidden">{ t.sites_title }</caption>
                <thead><tr><th scope="col">{ t.site_name }</th><th scope="col">{ t.site_slug }</th><th scope="col">{ t.site_kind }</th>
                    <th scope="col">{ t.site_published }</th><th scope="col">{ t.actions }</th></tr></thead>
                <tbody>
                { for all.iter().map(|site| html! {
                    <tr>
                        <td>{ &site.name }</td><td data-label={t.site_slug}>{ &site.slug }</td><td data-label={t.site_kind}>{ kind_name(&site.kind) }</td>
                        <td data-label={t.site_published}>{ site.published_revision.map_or(t.not_published.to_string(), |r| format!("{} {r}", t.version)) }</td>
                        <td><a class="btn small" href={format!("/admin/?site={}", site.slug)}>{ t.open_in_constructor }</a>{ " " }
                            <button type="button" class="btn small" aria-expanded={(*domains_of).as_ref().is_some_and(|(s, _)| *s == site.slug).to_string()}
                                onclick={{
                                    let (domains_of, chosen) = (domains_of.clone(), (site.slug.clone(), site.name.clone()));
                                    Callback::from(move |_: MouseEvent| domains_of.set(Some(chosen.clone())))
                                }}>{ t.domain_button }</button></td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            if let Some((slug, name)) = (*domains_of).clone() {
                <DomainsPanel {slug} {name} on_signed_out={props.on_signed_out.clone()}
                    on_close={{ let domains_of = domains_of.clone(); Callback::from(move |_| domains_of.set(None)) }} />
            }
        </main>
    }
}
