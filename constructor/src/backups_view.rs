//! «Резервные копии» for administrators: the open site's backups (daily ones by the cron
//! trigger, manual ones, and those made before each restore), a backup made now, an archive
//! downloaded, and a restore into this site or a new one, from the list or from a file. The
//! worker checks every archive whole before it changes anything.

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::texts;
use crate::media_choice::format_size;
use crate::notice::Notice;
use crate::server::backups::{self, BackupItem, Backups, Restored};
use crate::job_status::job_status;
use crate::server::{Job, ServerError};

#[derive(Properties, PartialEq)]
pub struct BackupsProps {
    pub site: String,
    pub site_name: String,
    /// This site was restored: the editor loads its draft again.
    pub on_restored: Callback<()>,
    pub on_signed_out: Callback<Option<String>>,
}

/// What the screen is doing.
#[derive(Clone, PartialEq)]
enum Work {
    Idle,
    Busy(&'static str),
    Sending(f64),
    /// The jobs worker is doing it.
    Job(Job),
}

fn kind_label(kind: &str) -> &'static str {
    let t = texts();
    match kind {
        "daily" => t.backups_kind_daily,
        "before-restore" => t.backups_kind_before,
        _ => t.backups_kind_manual,
    }
}

/// `2026-12-02 01:17:00` → `2026-12-02 01:17`.
fn when(created_at: &str) -> &str {
    created_at.get(..16).unwrap_or(created_at)
}

fn restored_text(restored: &Restored) -> String {
    texts()
        .backups_restored
        .replace("{slug}", &restored.slug)
        .replace("{r}", &restored.revisions.to_string())
        .replace("{i}", &restored.items.to_string())
        .replace("{m}", &restored.media.to_string())
}

fn input_text(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>().map(|input| input.value().trim().to_string()).unwrap_or_default()
}

#[function_component(BackupsView)]
pub fn backups_view(props: &BackupsProps) -> Html {
    let t = texts();
    let list = use_state(|| None::<Backups>);
    let notice = use_state(|| None::<(bool, String)>);
    let work = use_state(|| Work::Idle);
    // The backup whose restore is being confirmed, and whether it goes into a new site.
    let confirming = use_state(|| None::<BackupItem>);
    let into_new = use_state(|| false);
    let reload = use_state(|| 0u32);
    let (new_slug, new_name, file) = (use_node_ref(), use_node_ref(), use_node_ref());

    {
        let (list, notice, on_signed_out) = (list.clone(), notice.clone(), props.on_signed_out.clone());
        use_effect_with((*reload, props.site.clone()), move |(_, site)| {
            let site = site.clone();
            spawn_local(async move {
                match backups::backups(&site).await {
                    Ok(found) => list.set(Some(found)),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    // Runs one call; its success message, or the error, goes to the notice; the list reloads.
    let run = {
        let (notice, work, reload, on_signed_out) = (notice.clone(), work.clone(), reload.clone(), props.on_signed_out.clone());
        move |busy: &'static str, call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, ServerError>>>>| {
            let (notice, work, reload, on_signed_out) = (notice.clone(), work.clone(), reload.clone(), on_signed_out.clone());
            work.set(Work::Busy(busy));
            notice.set(None);
            spawn_local(async move {
                match call.await {
                    Ok(done) => notice.set(Some((true, done))),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
                work.set(Work::Idle);
                reload.set(*reload + 1);
            });
        }
    };

    // A queued job's progress replaces the busy line.
    let on_job = {
        let work = work.clone();
        Callback::from(move |job: Job| work.set(Work::Job(job)))
    };
    let on_create = {
        let (run, site, on_job) = (run.clone(), props.site.clone(), on_job.clone());
        Callback::from(move |_: MouseEvent| {
            let (site, on_job) = (site.clone(), on_job.clone());
            run(texts().backups_creating, Box::pin(async move {
                let made = backups::create_backup(&site, &on_job).await?;
                Ok(texts().backups_created.replace("{size}", &format_size(made.bytes)))
            }));
        })
    };
    let on_restore = {
        let (run, site, confirming, into_new, on_restored, on_job) =
            (run.clone(), props.site.clone(), confirming.clone(), into_new.clone(), props.on_restored.clone(), on_job.clone());
        let (new_slug, new_name) = (new_slug.clone(), new_name.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(chosen) = (*confirming).clone() else { return };
            let (site, on_restored, on_job) = (site.clone(), on_restored.clone(), on_job.clone());
            let target = (*into_new).then(|| (input_text(&new_slug), input_text(&new_name)));
            confirming.set(None);
            run(texts().backups_restoring, Box::pin(async move {
                let new_site = target.as_ref().map(|(slug, name)| (slug.as_str(), name.as_str()));
                let restored = backups::restore_backup(&site, chosen.id, new_site, &on_job).await?;
                if new_site.is_none() {
                    on_restored.emit(());
                }
                Ok(restored_text(&restored))
            }));
        })
    };
    let on_file = {
        let (site, file, notice, work, reload, on_restored, on_signed_out, on_job) = (
            props.site.clone(),
            file.clone(),
            notice.clone(),
            work.clone(),
            reload.clone(),
            props.on_restored.clone(),
            props.on_signed_out.clone(),
            on_job.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let chosen = file.cast::<HtmlInputElement>().and_then(|input| input.files()).and_then(|files| files.get(0));
            let Some(chosen) = chosen else {
                notice.set(Some((false, texts().backups_choose_file.into())));
                return;
            };
            let (site, notice, work, reload, on_restored, on_signed_out, on_job) =
                (site.clone(), notice.clone(), work.clone(), reload.clone(), on_restored.clone(), on_signed_out.clone(), on_job.clone());
            work.set(Work::Sending(0.0));
            notice.set(None);
            let progress = {
                let work = work.clone();
                Callback::from(move |(sent, total): (f64, f64)| work.set(Work::Sending(if total > 0.0 { sent / total } else { 0.0 })))
            };
            spawn_local(async move {
                match backups::restore_file(&site, &chosen, progress, &on_job).await {
                    Ok(restored) => {
                        notice.set(Some((true, restored_text(&restored))));
                        on_restored.emit(());
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
                work.set(Work::Idle);
                reload.set(*reload + 1);
            });
        })
    };

    let busy = *work != Work::Idle;
    let status = match &*work {
        Work::Idle => html! {},
        Work::Busy(text) => html! { <p class="hint" role="status">{ *text }</p> },
        Work::Job(job) => job_status(job),
        Work::Sending(share) => {
            let percent = (share * 100.0).round() as u32;
            html! {
                <p role="status">
                    <label>{ t.backups_sending.replace("{p}", &percent.to_string()) }
                        <progress max="100" value={percent.to_string()}></progress></label>
                </p>
            }
        }
    };
    let rows = match &*list {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(found) if found.backups.is_empty() => html! { <p class="empty-state">{ t.backups_none }</p> },
        Some(found) => html! {
            <div class="table-scroll">
            <table class="items cards backups">
                <caption class="visually-hidden">{ t.backups_title }</caption>
                <thead><tr>
                    <th scope="col">{ t.backups_col_date }</th><th scope="col">{ t.backups_col_kind }</th><th scope="col">{ t.backups_col_size }</th>
                    <th scope="col">{ t.backups_col_by }</th><th scope="col">{ t.actions }</th>
                </tr></thead>
                <tbody>
                { for found.backups.iter().map(|item| {
                    let day = when(&item.created_at).to_string();
                    let open = {
                        let (confirming, into_new, item) = (confirming.clone(), into_new.clone(), item.clone());
                        Callback::from(move |_: MouseEvent| {
                            into_new.set(false);
                            confirming.set(Some(item.clone()));
                        })
                    };
                    html! {
                        <tr>
                            <td>{ &day }</td><td>{ kind_label(&item.kind) }</td><td>{ format_size(item.bytes) }</td><td>{ &item.created_by }</td>
                            <td class="row-actions">
                                <a class="btn small" href={backups::backup_href(&props.site, item.id)} download=""
                                    aria-label={t.backups_download_label.replace("{d}", &day)}>{ t.backups_download }</a>
                                <button type="button" class="btn small" disabled={busy} onclick={open}
                                    aria-label={t.backups_restore_label.replace("{d}", &day)}>{ t.backups_restore }</button>
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        },
    };
    let confirm = (*confirming).clone().map(|chosen| {
        let day = when(&chosen.created_at).to_string();
        let choose = |new: bool| {
            let into_new = into_new.clone();
            Callback::from(move |_: Event| into_new.set(new))
        };
        let cancel = {
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| confirming.set(None))
        };
        html! {
            <form class="panel restore-confirm" onsubmit={on_restore.clone()} aria-labelledby="restore-title">
                <h3 id="restore-title">{ t.backups_restore_title.replace("{d}", &day) }</h3>
                <fieldset>
                    <legend class="visually-hidden">{ t.backups_restore }</legend>
                    <label class="choice"><input type="radio" name="restore-into" checked={!*into_new} onchange={choose(false)} />
                        { t.backups_into_this.replace("{name}", &props.site_name) }</label>
                    <p class="hint">{ t.backups_into_this_hint }</p>
                    <label class="choice"><input type="radio" name="restore-into" checked={*into_new} onchange={choose(true)} />{ t.backups_into_new }</label>
                    if *into_new {
                        <div class="field"><label for="restore-slug">{ t.backups_new_slug }</label>
                            <input id="restore-slug" ref={new_slug.clone()} required=true pattern="[a-z0-9]+(-[a-z0-9]+)*" maxlength="40"
                                aria-describedby="restore-slug-hint" autocomplete="off" />
                            <p id="restore-slug-hint" class="hint">{ t.backups_new_slug_hint }</p></div>
                        <div class="field"><label for="restore-name">{ t.backups_new_name }</label>
                            <input id="restore-name" ref={new_name.clone()} value={props.site_name.clone()} /></div>
                    }
                </fieldset>
                <div class="actions">
                    <button type="submit" class="btn primary">{ t.backups_do_restore }</button>
                    <button type="button" class="btn" onclick={cancel}>{ t.backups_cancel }</button>
                </div>
            </form>
        }
    });
    let daily = list.as_ref().map_or(14, |found| found.daily_kept);
    let max_mb = list.as_ref().map_or(40, |found| found.max_bytes / 1024 / 1024);
    // The platform's own daily backup of this site failed: say when and why, and what to do.
    let failed = list.as_ref().and_then(|found| found.failed_daily.as_ref()).map(|failed| {
        let why = failed.message().unwrap_or(t.backups_daily_failed_storage).to_string();
        html! {
            <p class="daily-failed" role="alert">
                { t.backups_daily_failed.replace("{when}", when(&failed.at)).replace("{why}", &why) }
            </p>
        }
    });

    html! {
        <main class="collection-main wide backups-view" aria-labelledby="backups-title">
            <h2 id="backups-title">{ t.backups_title }</h2>
            <p class="hint">{ t.backups_intro }</p>
            <p class="hint">{ t.backups_daily.replace("{n}", &daily.to_string()) }</p>
            { for failed }
            <div class="actions">
                <button type="button" class="btn primary" disabled={busy} onclick={on_create}>{ t.backups_create }</button>
            </div>
            { status }
            <Notice notice={(*notice).clone()} />
            { for confirm }
            { rows }
            <form class="panel restore-file" onsubmit={on_file} aria-labelledby="restore-file-title">
                <h3 id="restore-file-title">{ t.backups_from_file }</h3>
                <p class="hint" id="restore-file-hint">{ t.backups_from_file_hint.replace("{mb}", &max_mb.to_string()) }</p>
                <div class="field"><label for="restore-file">{ t.backups_file_label }</label>
                    <input id="restore-file" type="file" accept=".zip,application/zip" ref={file} aria-describedby="restore-file-hint" /></div>
                <button type="submit" class="btn" disabled={busy}>{ t.backups_from_file }</button>
            </form>
        </main>
    }
}
