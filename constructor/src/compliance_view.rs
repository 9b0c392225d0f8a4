//! «Требования закона»: the compliance report of the draft as the editor changes it (the
//! checker runs here, on the document and the site's collections), every item with its legal
//! source, what is missing, and a button that opens the page and block where it is fixed.

use std::rc::Rc;

use civic_shared::compliance::{self, Finding, Report, Status};
use civic_shared::{RenderData, SiteDocument};
use yew::prelude::*;

use crate::i18n::{lang, texts};

/// Today, `YYYY-MM-DD`: it picks the rule set in force.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// The draft's report.
pub fn report(document: &SiteDocument, data: &RenderData) -> Report {
    compliance::check(document, data, &today())
}

#[derive(Properties, PartialEq)]
pub struct ComplianceProps {
    /// The site's slug: opening the report is a step of the course, told to the server.
    pub site: String,
    pub document: Rc<SiteDocument>,
    pub data: Rc<RenderData>,
    /// Open this page (and select this block) in the editor.
    pub on_fix: Callback<(String, Option<String>)>,
}

#[function_component(ComplianceView)]
pub fn compliance_view(props: &ComplianceProps) -> Html {
    let t = texts();
    let all = use_state(|| false);
    {
        let site = props.site.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Only the course's record: the report below is this draft's, computed here.
                let _ = crate::server::compliance_opened(&site).await;
            });
        });
    }
    let report = report(&props.document, &props.data);
    let summary = report.summary();
    let shown: Vec<&Finding> = report.findings.iter().filter(|f| *all || f.status != Status::Present).collect();
    // Findings grouped by the page they are fixed on, in page order.
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in shown {
        match groups.iter_mut().find(|(page, _)| *page == finding.page) {
            Some((_, list)) => list.push(finding),
            None => groups.push((&finding.page, vec![finding])),
        }
    }
    let title_of = |page: &str| props.document.pages.get(page).map_or_else(|| page.to_string(), |p| p.title.clone());
    let toggle = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(!*all))
    };
    html! {
        <main class="collection-main wide compliance-view">
            <h2>{ t.compliance_title }</h2>
            <p class="hint">{ t.compliance_intro }</p>
            <p class="compliance-acts">{ t.compliance_acts }{ " " }{ report.rule_set.in_force_from }{ ": " }{ report.rule_set.acts.join("; ") }</p>
            <ScoreBar score={summary.score} present={summary.present} incomplete={summary.incomplete} missing={summary.missing} />
            <p>
                <button type="button" class="btn small" aria-pressed={if *all { "true" } else { "false" }} onclick={toggle}>{ t.compliance_show_all }</button>
            </p>
            if groups.is_empty() {
                <p class="notice ok">{ "✓ " }{ t.compliance_all_present }</p>
            }
            { for groups.into_iter().map(|(page, findings)| html! {
                <section class="compliance-page" aria-label={title_of(page)}>
                    <h3>{ title_of(page) }</h3>
                    <ul class="findings">
                        { for findings.into_iter().map(|finding| finding_row(finding, &props.on_fix)) }
                    </ul>
                </section>
            }) }
        </main>
    }
}

fn finding_row(finding: &Finding, on_fix: &Callback<(String, Option<String>)>) -> Html {
    let t = texts();
    let (class, badge) = match finding.status {
        Status::Present => ("finding present", t.compliance_present),
        Status::Incomplete => ("finding incomplete", t.compliance_incomplete),
        Status::Missing => ("finding missing", t.compliance_missing),
    };
    let fix = (finding.status != Status::Present).then(|| {
        let (on_fix, page, block) = (on_fix.clone(), finding.page.clone(), finding.block.clone());
        html! { <button type="button" class="btn small" onclick={Callback::from(move |_: MouseEvent| on_fix.emit((page.clone(), block.clone())))}>{ t.compliance_fix }</button> }
    });
    html! {
        <li class={class} data-finding={finding.id.clone()}>
            <span class="badge">{ badge }</span>
            <span class="finding-text">
                <strong>{ &finding.title }</strong>
                if let Some(gap) = &finding.gap { { " — " }{ gap.message(lang()) } }
                <small class="source">{ &finding.source }</small>
            </span>
            { for fix }
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct ScoreProps {
    pub score: u8,
    pub present: usize,
    pub incomplete: usize,
    pub missing: usize,
}

/// The score as a bar of three colours (present, incomplete, missing) with the numbers in words.
#[function_component(ScoreBar)]
pub fn score_bar(props: &ScoreProps) -> Html {
    let t = texts();
    let total = (props.present + props.incomplete + props.missing).max(1) as f64;
    let width = |n: usize| format!("width:{:.1}%", n as f64 * 100.0 / total);
    let words = format!(
        "{}: {} % · {} {} · {} {} · {} {}",
        t.compliance_score, props.score, t.compliance_present, props.present, t.compliance_incomplete, props.incomplete, t.compliance_missing, props.missing
    );
    html! {
        <div class="score">
            <div class="score-bar" role="img" aria-label={words.clone()}>
                <span class="present" style={width(props.present)}></span>
                <span class="incomplete" style={width(props.incomplete)}></span>
                <span class="missing" style={width(props.missing)}></span>
            </div>
            <p class="score-words" aria-hidden="true">{ words }</p>
        </div>
    }
}
