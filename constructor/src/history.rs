//! «История публикаций»: every published revision of the site, who published it and when, and
//! a way back: publishing an earlier revision again (as a new revision, so it can be undone too).

use std::rc::Rc;

use civic_shared::SiteDocument;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::diff::ChangeList;
use crate::i18n::texts;
use crate::notice::{load_into, Notice};
use crate::server::{self, Revision, ServerError};

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub site: String,
    /// The account may not publish.
    #[prop_or_default]
    pub read_only: bool,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(HistoryView)]
pub fn history_view(props: &HistoryProps) -> Html {
    let t = texts();
    let history = use_state(|| None::<(Vec<Revision>, Option<i64>)>);
    let notice = use_state(|| None::<(bool, String)>);
    let reload = {
        let (history, notice, site, on_signed_out) = (history.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        move || {
            let (history, notice, site, on_signed_out) = (history.clone(), notice.clone(), site.clone(), on_signed_out.clone());
            load_into(history, notice, on_signed_out, async move { server::revisions(&site).await });
        }
    };
    {
        let reload = reload.clone();
        use_effect_with(props.site.clone(), move |_| reload());
    }
    let restore = |revision: i64| {
        let (notice, site, reload, on_signed_out) = (notice.clone(), props.site.clone(), reload.clone(), props.on_signed_out.clone());
        Callback::from(move |_: MouseEvent| {
            let question = texts().confirm_rollback.replace("{r}", &revision.to_string());
            if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()) != Some(true) {
                return;
            }
            let (notice, site, reload, on_signed_out) = (notice.clone(), site.clone(), reload.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::rollback(&site, revision).await {
                    Ok(new) => {
                        notice.set(Some((true, texts().rolled_back.replace("{r}", &revision.to_string()).replace("{n}", &new.to_string()))));
                        reload();
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    // The revision whose changes are open, and the two documents once loaded (None for the
    // first revision: nothing to compare with).
    let open = use_state(|| None::<(i64, Option<Option<(Rc<SiteDocument>, Rc<SiteDocument>)>>)>);
    let toggle = |revision: i64| {
        let (open, notice, site, on_signed_out) = (open.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        Callback::from(move |_: MouseEvent| {
            if open.as_ref().is_some_and(|(shown, _)| *shown == revision) {
                return open.set(None);
            }
            open.set(Some((revision, None)));
            if revision == 1 {
                return open.set(Some((revision, Some(None))));
            }
            let (open, notice, site, on_signed_out) = (open.clone(), notice.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                let loaded = async { Ok::<_, ServerError>((server::revision_document(&site, revision - 1).await?, server::revision_document(&site, revision).await?)) };
                match loaded.await {
                    Ok((before, after)) => open.set(Some((revision, Some(Some((Rc::new(before), Rc::new(after))))))),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => {
                        open.set(None);
                        notice.set(Some((false, error_message(&err))));
                    }
                }
            });
        })
    };
    let changes = open.as_ref().map(|(revision, loaded)| html! {
        <section class="diff" aria-labelledby="diff-title" aria-live="polite">
            <h3 id="diff-title">{ t.diff_title.replace("{r}", &revision.to_string()) }</h3>
            { match loaded {
                None => html! { <p class="hint">{ t.loading }</p> },
                Some(None) => html! { <p class="hint">{ t.diff_first }</p> },
                Some(Some((before, after))) => html! { <ChangeList before={before.clone()} after={after.clone()} /> },
            } }
        </section>
    });
    html! {
        <main class="collection-main wide">
            <h2>{ t.history_title }</h2>
            <Notice notice={(*notice).clone()} />
            { match &*history {
                None => html! { <p class="hint">{ t.loading }</p> },
                Some((list, _)) if list.is_empty() => html! { <p class="empty-state">{ t.history_empty }</p> },
                Some((list, current)) => html! {
                    <div class="table-scroll">
                    <table class="items cards">
                        <caption class="visually-hidden">{ t.history_title }</caption>
                        <thead><tr><th scope="col">{ t.version }</th><th scope="col">{ t.audit_when }</th><th scope="col">{ t.audit_who }</th>
                            <th scope="col">{ t.audit_detail }</th><th scope="col">{ t.actions }</th></tr></thead>
                        <tbody>
                        { for list.iter().map(|r| html! {
                            <tr>
                                <td data-label={t.version}>{ r.revision }</td>
                                <td data-label={t.audit_when}>{ format!("{} UTC", r.published_at) }</td>
                                <td data-label={t.audit_who}>{ &r.published_by }</td>
                                <td>
                                    if *current == Some(r.revision) { <strong>{ t.live_now }</strong>{ " " } }
                                    if let Some(from) = r.restored_from { { t.restored_from.replace("{r}", &from.to_string()) } }
                                </td>
                                <td class="row-actions">
                                    <button type="button" class="btn small" onclick={toggle(r.revision)}
                                        aria-expanded={open.as_ref().is_some_and(|(shown, _)| *shown == r.revision).to_string()}>
                                        { if open.as_ref().is_some_and(|(shown, _)| *shown == r.revision) { t.diff_hide } else { t.diff_show } }
                                    </button>
                                    { " " }
                                    if *current != Some(r.revision) && !props.read_only {
                                        <button type="button" class="btn small" onclick={restore(r.revision)}
                                            aria-label={t.restore_revision_label.replace("{r}", &r.revision.to_string())}>{ t.restore_revision }</button>
                                    }
                                </td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    </div>
                },
            } }
            { for changes }
        </main>
    }
}
