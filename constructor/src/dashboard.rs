//! «Сводка» for the operator and administrators: every site of the region with the score of
//! its compliance report (a bar per site, the region's average), and for administrators the
//! switch that makes gaps block a site's publishing.

use civic_shared::appeals::inbox::OverdueAppeal;
use civic_shared::support::Ticket;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::compliance_view::ScoreBar;
use crate::i18n::{kind_name, lang, texts};
use crate::notice::Notice;
use crate::server::{self, DashboardSite, ServerError};

#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    /// Administrators may change the publishing rule.
    pub can_manage: bool,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(DashboardView)]
pub fn dashboard_view(props: &DashboardProps) -> Html {
    let t = texts();
    let sites = use_state(|| None::<Vec<DashboardSite>>);
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (sites, notice, on_signed_out) = (sites.clone(), notice.clone(), props.on_signed_out.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match server::dashboard().await {
                    Ok(list) => sites.set(Some(list)),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    let on_blocking = |slug: String| {
        let (sites, notice, on_signed_out) = (sites.clone(), notice.clone(), props.on_signed_out.clone());
        Callback::from(move |event: Event| {
            let Some(blocking) = event.target_dyn_into::<HtmlInputElement>().map(|input| input.checked()) else { return };
            let (sites, notice, on_signed_out, slug) = (sites.clone(), notice.clone(), on_signed_out.clone(), slug.clone());
            spawn_local(async move {
                match server::set_compliance_blocking(&slug, blocking).await {
                    Ok(()) => {
                        if let Some(list) = (*sites).clone() {
                            sites.set(Some(list.into_iter().map(|s| if s.slug == slug { DashboardSite { blocking, ..s } } else { s }).collect()));
                        }
                        notice.set(Some((true, texts().compliance_rule_saved.into())));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let body = match &*sites {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(list) if list.is_empty() => html! { <p class="empty-state">{ t.no_sites }</p> },
        Some(list) => {
            let average = list.iter().map(|s| usize::from(s.compliance.score)).sum::<usize>() / list.len();
            html! {
                <>
                <p class="dashboard-average">{ t.dashboard_average }{ ": " }<strong>{ format!("{average} %") }</strong></p>
                <div class="table-scroll">
                <table class="items cards dashboard">
                    <caption class="visually-hidden">{ t.dashboard_title }</caption>
                    <thead><tr><th scope="col">{ t.site_name }</th><th scope="col">{ t.site_kind }</th>
                        <th scope="col">{ t.compliance_score }</th><th scope="col">{ t.dashboard_appeals }</th><th scope="col">{ t.training_col_trained }</th><th scope="col">{ t.dashboard_rule }</th></tr></thead>
                    <tbody>
                    { for list.iter().map(|site| {
                        let c = &site.compliance;
                        let id = format!("blocking-{}", site.slug);
                        html! {
                            <tr data-site={site.slug.clone()}>
                                <th scope="row"><a href={format!("/admin/?site={}", site.slug)}>{ &site.name }</a></th>
                                <td data-label={t.site_kind}>{ kind_name(&site.kind) }</td>
                                <td class="score-cell"><ScoreBar score={c.score} present={c.present} incomplete={c.incomplete} missing={c.missing} /></td>
                                <td class={classes!("appeal-counts", (site.overdue_appeals > 0).then_some("overdue"))} data-label={t.dashboard_appeals}>
                                    { format!("{} / {}", site.overdue_appeals, site.due_soon_appeals) }
                                </td>
                                <td class="trained" data-label={t.training_col_trained}>{ trained_of(site.trained, site.editors) }</td>
                                <td data-label={t.dashboard_rule}>
                                    if props.can_manage {
                                        <label for={id.clone()} class="check"><input id={id} type="checkbox" checked={site.blocking}
                                            onchange={on_blocking(site.slug.clone())} />{ " " }{ t.dashboard_blocking }</label>
                                    } else {
                                        { if site.blocking { t.dashboard_blocking } else { t.dashboard_warning } }
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
                <h3 id="overdue-title">{ t.dashboard_overdue_title }</h3>
                { overdue_table(list) }
                <h3 id="overdue-tickets-title">{ t.support_overdue_title }</h3>
                { overdue_tickets(list) }
                </>
            }
        }
    };
    html! {
        <main class="collection-main wide">
            <h2>{ t.dashboard_title }</h2>
            <p class="hint">{ t.dashboard_intro }</p>
            <Notice notice={(*notice).clone()} />
            { body }
        </main>
    }
}

/// Every site's overdue appeals, most overdue first: what the operator chases.
fn overdue_table(sites: &[DashboardSite]) -> Html {
    let t = texts();
    let mut rows: Vec<(&DashboardSite, &OverdueAppeal)> = sites.iter().flat_map(|site| site.overdue.iter().map(move |appeal| (site, appeal))).collect();
    if rows.is_empty() {
        return html! { <p class="empty-state">{ t.dashboard_overdue_empty }</p> };
    }
    rows.sort_by_key(|(_, appeal)| std::cmp::Reverse(appeal.days_over));
    html! {
        <div class="table-scroll">
        <table class="items cards overdue-appeals" aria-labelledby="overdue-title">
            <thead><tr><th scope="col">{ t.dashboard_col_site }</th><th scope="col">{ t.dashboard_col_number }</th><th scope="col">{ t.dashboard_col_topic }</th>
                <th scope="col">{ t.dashboard_col_status }</th><th scope="col">{ t.dashboard_col_due }</th><th scope="col">{ t.dashboard_col_days }</th></tr></thead>
            <tbody>
            { for rows.into_iter().map(|(site, appeal)| html! {
                <tr data-appeal={appeal.number.clone()}>
                    <th scope="row">{ &site.name }</th>
                    <td data-label={t.dashboard_col_number}>{ &appeal.number }</td>
                    <td data-label={t.dashboard_col_topic}>{ &appeal.topic }</td>
                    <td data-label={t.dashboard_col_status}>{ appeal.status.label(lang()) }</td>
                    <td data-label={t.dashboard_col_due}>{ &appeal.due }</td>
                    <td class="overdue" data-label={t.dashboard_col_days}>{ appeal.days_over }</td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

/// Every site's support requests past their deadline (working days), most overdue first.
fn overdue_tickets(sites: &[DashboardSite]) -> Html {
    let t = texts();
    let mut rows: Vec<&Ticket> = sites.iter().flat_map(|site| site.overdue_tickets.iter()).collect();
    if rows.is_empty() {
        return html! { <p class="empty-state">{ t.support_empty }</p> };
    }
    rows.sort_by_key(|ticket| ticket.due.clone());
    html! {
        <div class="table-scroll">
        <table class="items cards overdue-tickets" aria-labelledby="overdue-tickets-title">
            <thead><tr><th scope="col">{ t.dashboard_col_site }</th><th scope="col">{ t.support_number }</th><th scope="col">{ t.support_subject }</th>
                <th scope="col">{ t.support_status }</th><th scope="col">{ t.support_due }</th></tr></thead>
            <tbody>
            { for rows.into_iter().map(|ticket| {
                let (standing, class) = crate::support_view::standing_text(&ticket.standing);
                html! {
                    <tr data-ticket={ticket.id.to_string()}>
                        <th scope="row">{ &ticket.site_name }</th>
                        <td data-label={t.support_number}>{ ticket.id }</td>
                        <td data-label={t.support_subject}>{ &ticket.subject }</td>
                        <td data-label={t.support_status}>{ ticket.status.label(lang()) }</td>
                        <td data-label={t.support_due}><span class={classes!("deadline", class)}>{ &ticket.due }<br />{ standing }</span></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
    }
}

/// «2 из 3»: trained employees of the organisation's editors.
pub fn trained_of(trained: u32, editors: u32) -> String {
    texts().training_trained_of.replace("{n}", &trained.to_string()).replace("{m}", &editors.to_string())
}
