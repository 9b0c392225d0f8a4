//! «Импорт сайта»: an old site's ZIP archive, or one page's HTML pasted in, becomes pages of
//! the draft. The worker does the conversion (the same one the API v1 offers); this screen
//! chooses what to send, checks it first (nothing changes), shows the upload's progress and
//! then the report: the pages made and what was left out.

use std::rc::Rc;

use civic_shared::site_import::{Report, SiteImportError, MAX_UPLOAD_BYTES};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::{lang, texts};
use crate::job_status::job_status;
use crate::server::{self, Job, ServerError, SiteImportAnswer, UploadBody};

#[derive(Properties, PartialEq)]
pub struct SiteImportProps {
    pub site: String,
    /// The draft's pages (id, title), for «where to put them».
    pub pages: Rc<Vec<(String, String)>>,
    /// The saved draft version the import builds on.
    pub version: i64,
    /// Edits on screen the server does not have yet: the import waits for a save.
    pub unsaved: bool,
    pub read_only: bool,
    /// The draft changed on the server: load it again.
    pub on_imported: Callback<()>,
    pub on_signed_out: Callback<Option<String>>,
}

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Sending { sent: f64, total: f64 },
    /// Sent: the jobs worker is importing it.
    Working(Job),
    Done(SiteImportAnswer),
    Failed(String),
}

fn summary(template: &str, report: &Report) -> String {
    template.replace("{p}", &report.pages.len().to_string()).replace("{a}", &report.assets.to_string()).replace("{l}", &report.links.to_string())
}

fn report_view(answer: &SiteImportAnswer) -> Html {
    let t = texts();
    let report = &answer.report;
    let headline = summary(if answer.dry_run { t.site_import_checked } else { t.site_import_done }, report);
    html! {
        <section class="site-import-report" aria-labelledby="site-import-result">
            <h3 id="site-import-result">{ if answer.dry_run { t.import_check_title } else { t.site_import_title } }</h3>
            <p class="site-import-summary" role="status">{ headline }</p>
            <table class="items">
                <caption>{ t.site_import_pages }</caption>
                <thead><tr><th scope="col">{ t.site_import_source }</th><th scope="col">{ t.site_import_page }</th><th scope="col">{ t.site_import_blocks }</th></tr></thead>
                <tbody>
                    { for report.pages.iter().map(|page| html! {
                        <tr><td>{ &page.source }</td><td>{ &page.title }<br /><code>{ format!("/{}", page.path) }</code></td><td>{ page.blocks }</td></tr>
                    }) }
                </tbody>
            </table>
            <h3>{ t.site_import_notes }</h3>
            if report.notes.is_empty() {
                <p>{ t.site_import_no_notes }</p>
            } else {
                <ul class="site-import-notes">
                    { for report.notes.iter().map(|note| {
                        let source = if note.source.is_empty() { t.site_import_whole.to_string() } else { note.source.clone() };
                        html! { <li><strong>{ source }</strong>{ ": " }{ note.kind.message(lang()) }</li> }
                    }) }
                </ul>
            }
        </section>
    }
}

#[function_component(SiteImportView)]
pub fn site_import_view(props: &SiteImportProps) -> Html {
    let t = texts();
    let file_input = use_node_ref();
    let pasted = use_node_ref();
    let parent = use_state(String::new);
    let old_host = use_state(String::new);
    let stage = use_state(|| Stage::Idle);

    let start = |dry_run: bool| {
        let (file_input, pasted, parent, old_host, stage) = (file_input.clone(), pasted.clone(), parent.clone(), old_host.clone(), stage.clone());
        let (site, version, on_imported, on_signed_out) = (props.site.clone(), props.version, props.on_imported.clone(), props.on_signed_out.clone());
        Callback::from(move |_: MouseEvent| {
            let file = file_input.cast::<HtmlInputElement>().and_then(|input| input.files()).and_then(|files| files.get(0));
            let text = pasted.cast::<HtmlTextAreaElement>().map(|area| area.value()).unwrap_or_default();
            if file.is_none() && text.trim().is_empty() {
                stage.set(Stage::Failed(texts().site_import_empty.into()));
                return;
            }
            if file.as_ref().is_some_and(|f| f.size() > MAX_UPLOAD_BYTES as f64) {
                stage.set(Stage::Failed(SiteImportError::TooBig.message(lang())));
                return;
            }
            let mut query = vec![("base_version", version.to_string())];
            if dry_run {
                query.push(("dry_run", "1".into()));
            }
            for (name, value) in [("parent", (*parent).clone()), ("old_host", (*old_host).clone())] {
                if !value.trim().is_empty() {
                    query.push((name, value));
                }
            }
            stage.set(Stage::Sending { sent: 0.0, total: 0.0 });
            let (stage, site, on_imported, on_signed_out) = (stage.clone(), site.clone(), on_imported.clone(), on_signed_out.clone());
            spawn_local(async move {
                let progress = {
                    let stage = stage.clone();
                    Callback::from(move |(sent, total): (f64, f64)| stage.set(Stage::Sending { sent, total }))
                };
                let body = match &file {
                    Some(file) => UploadBody::File(file),
                    None => UploadBody::Text(&text),
                };
                let on_job = {
                    let stage = stage.clone();
                    Callback::from(move |job: Job| stage.set(Stage::Working(job)))
                };
                match server::import_site(&site, &query, body, progress, on_job).await {
                    Ok(answer) => {
                        if !answer.dry_run {
                            on_imported.emit(());
                        }
                        stage.set(Stage::Done(answer));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => stage.set(Stage::Failed(error_message(&err))),
                }
            });
        })
    };

    let (on_check, on_run) = (start(true), start(false));
    let busy = matches!(*stage, Stage::Sending { .. } | Stage::Working(_));
    let blocked = props.read_only || props.unsaved || busy;
    let progress = match *stage {
        Stage::Working(ref job) => html! { <div class="import-progress">{ job_status(job) }</div> },
        Stage::Sending { sent, total } if total > 0.0 && sent < total => {
            let text = t.site_import_sending.replace("{n}", &format!("{:.0}", sent / 1024.0)).replace("{m}", &format!("{:.0}", total / 1024.0));
            html! {
                <div class="import-progress">
                    <progress max={total.to_string()} value={sent.to_string()} aria-label={text.clone()}></progress>
                    <p role="status">{ text }</p>
                </div>
            }
        }
        Stage::Sending { .. } => html! {
            <div class="import-progress">
                <progress aria-label={t.site_import_working}></progress>
                <p role="status">{ t.site_import_working }</p>
            </div>
        },
        _ => Html::default(),
    };
    let outcome = match &*stage {
        Stage::Done(answer) => report_view(answer),
        Stage::Failed(message) => html! { <p class="form-error" role="alert">{ message }</p> },
        _ => Html::default(),
    };
    let on_parent = {
        let parent = parent.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                parent.set(select.value());
            }
        })
    };
    let on_old_host = {
        let old_host = old_host.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                old_host.set(input.value());
            }
        })
    };

    html! {
        <main class="collection-main wide site-import" aria-labelledby="site-import-title">
            <h2 id="site-import-title">{ t.site_import_title }</h2>
            <p>{ t.site_import_intro }</p>
            if props.unsaved {
                <p class="form-error" role="alert">{ t.site_import_unsaved }</p>
            }
            <div class="item-form">
                <div class="field">
                    <label for="site-import-file">{ t.site_import_file }</label>
                    <input id="site-import-file" type="file" accept=".zip,.html,.htm,application/zip,text/html" ref={file_input.clone()} disabled={blocked} />
                </div>
                <div class="field">
                    <label for="site-import-paste">{ t.site_import_paste }</label>
                    <textarea id="site-import-paste" rows="5" ref={pasted.clone()} disabled={blocked} spellcheck="false" />
                </div>
                <div class="field">
                    <label for="site-import-parent">{ t.site_import_parent }</label>
                    <select id="site-import-parent" onchange={on_parent} disabled={blocked}>
                        <option value="" selected={parent.is_empty()}>{ t.site_import_top }</option>
                        { for props.pages.iter().map(|(id, title)| html! { <option value={id.clone()} selected={*parent == *id}>{ title }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="site-import-host">{ t.site_import_old_host }</label>
                    <input id="site-import-host" type="text" inputmode="url" placeholder="school7.ru" value={(*old_host).clone()} oninput={on_old_host}
                        aria-describedby="site-import-host-hint" disabled={blocked} />
                    <p id="site-import-host-hint" class="hint">{ t.site_import_old_host_hint }</p>
                </div>
                <div class="site-import-actions">
                    <button type="button" class="btn" onclick={on_check} disabled={blocked}>{ t.site_import_check }</button>
                    <button type="button" class="btn primary" onclick={on_run} disabled={blocked}>{ t.site_import_run }</button>
                </div>
            </div>
            { progress }
            { outcome }
        </main>
    }
}
