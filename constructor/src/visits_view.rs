//! «Посещаемость»: the open site's views and visitors of the last 30 days, counted by the
//! platform without cookies or third-party counters. A bar chart (inline SVG, with its data
//! as a table too), the totals and the most viewed pages; for the operator and administrators
//! every site's totals as well.

use std::rc::Rc;

use civic_shared::visits::{chart_ceiling, DayCount, SiteReport, SiteTotal};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::texts;
use crate::notice::Notice;
use crate::server::{self, ServerError};

#[derive(Properties, PartialEq)]
pub struct VisitsProps {
    /// The open site.
    pub site: String,
    /// The draft's pages as (`/path`, title), to name the most viewed pages.
    pub pages: Rc<Vec<(String, String)>>,
    /// The operator and administrators also see every site's totals.
    pub every_site: bool,
    pub on_signed_out: Callback<Option<String>>,
}

/// `2026-12-03` → `03.12.2026`.
fn full_date(day: &str) -> String {
    let mut parts = day.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => day.to_string(),
    }
}

/// `2026-12-03` → `03.12`, for the chart's axis.
fn short_date(day: &str) -> String {
    full_date(day).chars().take(5).collect()
}

#[function_component(VisitsView)]
pub fn visits_view(props: &VisitsProps) -> Html {
    let t = texts();
    let report = use_state(|| None::<Rc<SiteReport>>);
    let totals = use_state(|| None::<Rc<Vec<SiteTotal>>>);
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (report, totals, notice, on_signed_out) = (report.clone(), totals.clone(), notice.clone(), props.on_signed_out.clone());
        use_effect_with((props.site.clone(), props.every_site), move |(site, every_site)| {
            let (site, every_site) = (site.clone(), *every_site);
            spawn_local(async move {
                let failed = |err: ServerError| match err {
                    ServerError::SignedOut => on_signed_out.emit(Some(texts().session_ended.into())),
                    err => notice.set(Some((false, error_message(&err)))),
                };
                match server::site_visits(&site).await {
                    Ok(found) => report.set(Some(Rc::new(found))),
                    Err(err) => return failed(err),
                }
                if every_site {
                    match server::all_visits().await {
                        Ok(found) => totals.set(Some(Rc::new(found))),
                        Err(err) => failed(err),
                    }
                }
            });
        });
    }
    let site_part = match &*report {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(report) => site_report(report, &props.pages),
    };
    let every_site = (*totals).clone().map(|list| all_sites(&list));
    html! {
        <main class="collection-main wide visits" aria-labelledby="visits-title">
            <h2 id="visits-title">{ t.visits_title }</h2>
            <p class="visits-intro">{ t.visits_intro }</p>
            <Notice notice={(*notice).clone()} />
            { site_part }
            { every_site.unwrap_or_default() }
        </main>
    }
}

fn site_report(report: &SiteReport, pages: &[(String, String)]) -> Html {
    let t = texts();
    let (from, to) = (full_date(&report.from), full_date(&report.to));
    let totals = html! {
        <dl class="visits-totals">
            <div><dt>{ t.visits_views }</dt><dd data-testid="visits-views">{ report.views }</dd></div>
            <div><dt>{ t.visits_visitors }</dt><dd data-testid="visits-visitors">{ report.visitors }</dd></div>
        </dl>
    };
    let body = if report.views == 0 {
        html! { <p class="empty-state" data-testid="visits-empty">{ t.visits_empty }</p> }
    } else {
        let title_of = |path: &str| pages.iter().find(|(p, _)| p == path).map(|(_, title)| title.clone());
        html! {
            <>
            { chart(report) }
            <details class="visits-data">
                <summary>{ t.visits_table }</summary>
                <div class="table-scroll">
                <table class="items visits-days">
                    <caption class="visually-hidden">{ t.visits_chart_caption.replace("{from}", &from).replace("{to}", &to) }</caption>
                    <thead><tr><th scope="col">{ t.visits_col_day }</th><th scope="col" class="number">{ t.visits_views }</th><th scope="col" class="number">{ t.visits_visitors }</th></tr></thead>
                    <tbody>
                    { for report.days.iter().rev().map(|d| html! {
                        <tr data-day={d.day.clone()}><th scope="row">{ full_date(&d.day) }</th><td class="number">{ d.views }</td><td class="number">{ d.visitors }</td></tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </details>
            <h3 id="visits-pages-title">{ t.visits_top_pages }</h3>
            <div class="table-scroll">
            <table class="items visits-pages" aria-labelledby="visits-pages-title">
                <thead><tr><th scope="col">{ t.visits_col_page }</th><th scope="col" class="number">{ t.visits_views }</th></tr></thead>
                <tbody>
                { for report.top_pages.iter().map(|page| html! {
                    <tr data-path={page.path.clone()}>
                        <th scope="row">
                            if let Some(title) = title_of(&page.path) { { title }<br /> }
                            <code class="hint">{ &page.path }</code>
                        </th>
                        <td class="number">{ page.views }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            </>
        }
    };
    html! {
        <section class="visits-site" aria-labelledby="visits-period">
            <h3 id="visits-period">{ t.visits_period.replace("{from}", &from).replace("{to}", &to) }</h3>
            { totals }
            <p class="hint">{ t.visits_visitors_note }</p>
            { body }
        </section>
    }
}

/// Plot area of the chart, in SVG units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 32.0;

/// Daily views as light bars with the day's visitors as a dark bar inside (never more than the
/// views: a visitor is counted with a view). The picture is summed up for screen readers in its
/// label; the table next to it holds every figure.
fn chart(report: &SiteReport) -> Html {
    let t = texts();
    let (from, to) = (full_date(&report.from), full_date(&report.to));
    let top = chart_ceiling(report.days.iter().map(|d| d.views.max(d.visitors)).max().unwrap_or(0));
    let plot_height = HEIGHT - TOP - BOTTOM;
    let y = |value: u64| TOP + plot_height * (1.0 - value as f64 / top as f64);
    let slot = (WIDTH - LEFT - RIGHT) / report.days.len().max(1) as f64;
    let busiest = report.busiest_day();
    let summary = t
        .visits_chart_summary
        .replace("{views}", &report.views.to_string())
        .replace("{visitors}", &report.visitors.to_string())
        .replace("{day}", &busiest.map(|d| full_date(&d.day)).unwrap_or_default())
        .replace("{n}", &busiest.map_or(0, |d| d.views).to_string());
    let bar = |i: usize, d: &DayCount| {
        let x = LEFT + slot * i as f64 + slot * 0.15;
        let width = slot * 0.7;
        let label = t.visits_bar_title.replace("{day}", &full_date(&d.day)).replace("{views}", &d.views.to_string()).replace("{visitors}", &d.visitors.to_string());
        html! {
            <g class="visits-bar" data-day={d.day.clone()}>
                <title>{ label }</title>
                <rect class="views" x={format!("{x:.1}")} y={format!("{:.1}", y(d.views))} width={format!("{width:.1}")} height={format!("{:.1}", y(0) - y(d.views))} />
                <rect class="visitors" x={format!("{:.1}", x + width * 0.2)} y={format!("{:.1}", y(d.visitors))} width={format!("{:.1}", width * 0.6)}
                    height={format!("{:.1}", y(0) - y(d.visitors))} />
            </g>
        }
    };
    let mut lines = vec![0, top / 2, top];
    lines.dedup();
    let grid = lines.into_iter().map(|value| html! {
        <g class="grid">
            <line x1={format!("{LEFT}")} x2={format!("{}", WIDTH - RIGHT)} y1={format!("{:.1}", y(value))} y2={format!("{:.1}", y(value))} />
            <text x={format!("{}", LEFT - 6.0)} y={format!("{:.1}", y(value) + 4.0)} text-anchor="end">{ value }</text>
        </g>
    });
    // A date under every seventh day, counted back from today so today is always named.
    let last = report.days.len().saturating_sub(1);
    let dates = report.days.iter().enumerate().filter(|(i, _)| (last - i).is_multiple_of(7)).map(|(i, d)| html! {
        <text class="date" x={format!("{:.1}", LEFT + slot * (i as f64 + 0.5))} y={format!("{}", HEIGHT - 8.0)} text-anchor="middle">{ short_date(&d.day) }</text>
    });
    html! {
        <figure class="visits-chart">
            <svg role="img" aria-label={summary} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} xmlns="http://www.w3.org/2000/svg" data-testid="visits-chart">
                { for grid }
                { for report.days.iter().enumerate().map(|(i, d)| bar(i, d)) }
                { for dates }
            </svg>
            <figcaption>
                { t.visits_chart_caption.replace("{from}", &from).replace("{to}", &to) }
                <span class="legend"><span class="swatch views" aria-hidden="true"></span>{ t.visits_views }</span>
                <span class="legend"><span class="swatch visitors" aria-hidden="true"></span>{ t.visits_visitors }</span>
            </figcaption>
        </figure>
    }
}

/// Every site's totals with a bar of its views against the most viewed site's.
fn all_sites(list: &[SiteTotal]) -> Html {
    let t = texts();
    let most = list.iter().map(|s| s.views).max().unwrap_or(0).max(1);
    html! {
        <section class="visits-all" aria-labelledby="visits-all-title">
            <h3 id="visits-all-title">{ t.visits_all_sites }</h3>
            <div class="table-scroll">
            <table class="items visits-sites" aria-labelledby="visits-all-title">
                <thead><tr><th scope="col">{ t.visits_col_site }</th><th scope="col">{ t.visits_views }</th><th scope="col" class="number">{ t.visits_visitors }</th></tr></thead>
                <tbody>
                { for list.iter().map(|site| html! {
                    <tr data-site={site.slug.clone()}>
                        <th scope="row"><a href={format!("/admin/?site={}", site.slug)}>{ &site.name }</a></th>
                        <td>
                            <div class="visits-site-views">
                                <span class="visits-site-bar" aria-hidden="true"><span style={format!("width:{:.1}%", site.views as f64 * 100.0 / most as f64)}></span></span>
                                <span class="number">{ site.views }</span>
                            </div>
                        </td>
                        <td class="number">{ site.visitors }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
