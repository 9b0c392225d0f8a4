//! «Сводка» for the operator and administrators: every site of the region with the score of
//! its compliance report (a bar per site, the region's average), and for administrators the
//! switch that makes gaps block a site's publishing.

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::error_message;
use crate::compliance_view::ScoreBar;
use crate::i18n::{kind_name, texts};
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
                <table class="items dashboard">
                    <caption class="visually-hidden">{ t.dashboard_title }</caption>
                    <thead><tr><th scope="col">{ t.site_name }</th><th scope="col">{ t.site_kind }</th>
                        <th scope="col">{ t.compliance_score }</th><th scope="col">{ t.dashboard_appeals }</th><th scope="col">{ t.dashboard_rule }</th></tr></thead>
                    <tbody>
                    { for list.iter().map(|site| {
                        let c = &site.compliance;
                        let id = format!("blocking-{}", site.slug);
                        html! {
                            <tr data-site={site.slug.clone()}>
                                <th scope="row"><a href={format!("/admin/?site={}", site.slug)}>{ &site.name }</a></th>
                                <td>{ kind_name(&site.kind) }</td>
                                <td class="score-cell"><ScoreBar score={c.score} present={c.present} incomplete={c.incomplete} missing={c.missing} /></td>
                                <td class={classes!("appeal-counts", (site.overdue_appeals > 0).then_some("overdue"))}>
                                    { format!("{} / {}", site.overdue_appeals, site.due_soon_appeals) }
                                </td>
                                <td>
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
