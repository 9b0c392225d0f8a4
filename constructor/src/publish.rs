//! The publish summary: before a draft goes public, the problems validation finds and the
//! gaps of the mandatory structure are listed with links to fix them; then publish.

use std::rc::Rc;

use civic_shared::SiteDocument;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::diff::ChangeList;
use crate::i18n::texts;

/// One line of the summary: the page it is on, what is wrong, and whether it blocks.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub page: Option<String>,
    pub text: String,
    pub blocking: bool,
}

/// Validation problems (they block: the server would refuse them) and warnings: mandatory
/// pages left empty, pictures without a description, pages nobody can reach.
pub fn findings(doc: &SiteDocument) -> Vec<Finding> {
    let t = texts();
    let page_of = |path: &str| path.strip_prefix("pages.").and_then(|rest| rest.split(['.', '[']).next()).map(String::from);
    let mut out: Vec<Finding> = civic_shared::validate(doc)
        .into_iter()
        .map(|problem| Finding { page: page_of(&problem.path), text: format!("{}: {}", problem.path, problem.message(crate::i18n::lang())), blocking: true })
        .collect();
    for (id, page) in &doc.pages {
        if page.mandatory && page.blocks.is_empty() {
            out.push(Finding { page: Some(id.clone()), text: t.publish_empty_mandatory.replace("{p}", &page.title), blocking: false });
        }
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct PublishProps {
    pub findings: Vec<Finding>,
    /// (page id, title) to name pages.
    pub pages: Vec<(String, String)>,
    pub on_publish: Callback<()>,
    pub on_open_page: Callback<String>,
    /// The site, its draft and the revision visitors see now: the summary lists what changes.
    pub site: String,
    pub draft: Rc<SiteDocument>,
    pub published_revision: Option<i64>,
    pub on_close: Callback<()>,
    /// The draft against the law's requirements (computed here, as the editor sees it).
    pub compliance: civic_shared::compliance::Summary,
    /// Show the compliance report.
    pub on_open_compliance: Callback<()>,
}

#[function_component(PublishSummary)]
pub fn publish_summary(props: &PublishProps) -> Html {
    let t = texts();
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    // What visitors see now, to list what publishing changes (loaded once the dialog opens).
    let published = use_state(|| None::<Rc<SiteDocument>>);
    {
        let (published, site, revision) = (published.clone(), props.site.clone(), props.published_revision);
        use_effect_with((), move |_| {
            if let Some(revision) = revision {
                spawn_local(async move {
                    if let Ok(document) = crate::server::revision_document(&site, revision).await {
                        published.set(Some(Rc::new(document)));
                    }
                });
            }
        });
    }
    // Whether an administrator made compliance gaps block publishing (the server enforces it).
    let gaps_block = use_state(|| false);
    {
        let (gaps_block, site) = (gaps_block.clone(), props.site.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(blocking) = crate::server::compliance_blocking(&site).await {
                    gaps_block.set(blocking);
                }
            });
        });
    }
    let gaps = props.compliance.incomplete + props.compliance.missing;
    let blocking = props.findings.iter().any(|f| f.blocking) || (*gaps_block && gaps > 0);
    let compliance = (gaps > 0).then(|| {
        let (on_open, on_close) = (props.on_open_compliance.clone(), props.on_close.clone());
        let text = if *gaps_block { t.compliance_publish_blocked } else { t.compliance_publish_gaps };
        html! {
            <div class={classes!("notice", if *gaps_block { "error" } else { "warn" })} data-testid="publish-compliance">
                <p>{ text.replace("{n}", &gaps.to_string()) }</p>
                <button type="button" class="btn small" onclick={Callback::from(move |_: MouseEvent| {
                    on_close.emit(());
                    on_open.emit(());
                })}>{ t.compliance_open }</button>
            </div>
        }
    });
    let oncancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            on_close.emit(());
        })
    };
    let emit = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <dialog class="publish-dialog" ref={dialog} aria-labelledby="publish-title" {oncancel}>
            <h2 id="publish-title">{ t.publish_title }</h2>
            <p>{ t.publish_intro }</p>
            <h3>{ t.publish_changes }</h3>
            { match (&*published, props.published_revision) {
                (_, None) => html! { <p class="hint">{ t.publish_first }</p> },
                (None, Some(_)) => html! { <p class="hint">{ t.loading }</p> },
                (Some(before), Some(_)) => html! { <div class="publish-diff"><ChangeList before={before.clone()} after={props.draft.clone()} /></div> },
            } }
            { for compliance }
            if props.findings.is_empty() {
                <p class="notice ok">{ "✓ " }{ t.publish_clean }</p>
            } else {
                <p class={classes!("notice", if blocking { "error" } else { "warn" })}>
                    { if blocking { t.publish_blocked } else { t.publish_warnings } }
                </p>
                <ul class="findings">
                    { for props.findings.iter().map(|finding| {
                        let open = finding.page.clone().map(|page| {
                            let (on_open, on_close) = (props.on_open_page.clone(), props.on_close.clone());
                            let title = props.pages.iter().find(|(id, _)| *id == page).map(|(_, title)| title.clone()).unwrap_or_default();
                            html! {
                                <button type="button" class="btn small" onclick={Callback::from(move |_: MouseEvent| {
                                    on_close.emit(());
                                    on_open.emit(page.clone());
                                })}>{ t.publish_fix }{ " «" }{ title }{ "»" }</button>
                            }
                        });
                        html! {
                            <li class={if finding.blocking { "finding blocking" } else { "finding" }}>
                                <span>{ &finding.text }</span>{ for open }
                            </li>
                        }
                    }) }
                </ul>
            }
            <div class="dialog-actions">
                <button type="button" class="btn primary" disabled={blocking} onclick={emit(&props.on_publish)}>
                    { if props.findings.is_empty() { t.publish } else { t.publish_anyway } }
                </button>
                <button type="button" class="btn" onclick={emit(&props.on_close)}>{ t.cancel }</button>
            </div>
        </dialog>
    }
}
