//! «Обращения в цифрах»: a site's appeals as the operator and administrators see them — how
//! many are open, awaiting registration, due soon, answered, closed, and the overdue ones by
//! number and deadline. Never a text, a name or a contact: those are the body's (59-FZ, 152-FZ).

use civic_shared::appeals::inbox::AppealFigures;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::{lang, texts};
use crate::notice::Notice;
use crate::server::{self, ServerError};

#[derive(Properties, PartialEq)]
pub struct FiguresProps {
    pub site: String,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(AppealFiguresView)]
pub fn appeal_figures_view(props: &FiguresProps) -> Html {
    let t = texts();
    let figures = use_state(|| None::<AppealFigures>);
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (figures, notice, site, on_signed_out) = (figures.clone(), notice.clone(), props.site.clone(), props.on_signed_out.clone());
        use_effect_with(props.site.clone(), move |_| {
            spawn_local(async move {
                match server::appeal_figures(&site).await {
                    Ok(found) => figures.set(Some(found)),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    let body = match &*figures {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(f) => {
            let figure = |label: &'static str, value: u64, class: Option<&'static str>| html! {
                <div class={classes!("figure", class)}><dt>{ label }</dt><dd>{ value }</dd></div>
            };
            let overdue = f.overdue.len() as u64;
            html! {
                <>
                    <dl class="appeal-figures">
                        { figure(t.appeal_figures_open, f.open, None) }
                        { figure(t.appeal_figures_awaiting, f.awaiting_registration, None) }
                        { figure(t.appeal_figures_due_soon, f.due_soon, (f.due_soon > 0).then_some("due-soon")) }
                        { figure(t.appeal_figures_overdue, overdue, (overdue > 0).then_some("overdue")) }
                        { figure(t.appeal_figures_answered, f.answered, None) }
                        { figure(t.appeal_figures_closed, f.closed, None) }
                    </dl>
                    <h3 id="site-overdue-title">{ t.appeal_figures_overdue_title }</h3>
                    if f.overdue.is_empty() {
                        <p class="empty-state">{ t.dashboard_overdue_empty }</p>
                    } else {
                        <div class="table-scroll">
                        <table class="items cards overdue-appeals" aria-labelledby="site-overdue-title">
                            <thead><tr><th scope="col">{ t.dashboard_col_number }</th><th scope="col">{ t.dashboard_col_topic }</th>
                                <th scope="col">{ t.dashboard_col_status }</th><th scope="col">{ t.dashboard_col_due }</th><th scope="col">{ t.dashboard_col_days }</th></tr></thead>
                            <tbody>
                            { for f.overdue.iter().map(|appeal| html! {
                                <tr data-appeal={appeal.number.clone()}>
                                    <th scope="row">{ &appeal.number }</th>
                                    <td data-label={t.dashboard_col_topic}>{ if appeal.topic.is_empty() { t.inbox_no_topic } else { &appeal.topic } }</td>
                                    <td data-label={t.dashboard_col_status}><span class="appeal-status-label">{ appeal.status.label(lang()) }</span></td>
                                    <td data-label={t.dashboard_col_due}>{ &appeal.due }</td>
                                    <td class="overdue" data-label={t.dashboard_col_days}>{ appeal.days_over }</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                        </div>
                    }
                </>
            }
        }
    };
    html! {
        <section class="appeal-figures-view" aria-labelledby="appeal-figures-title">
            <h3 id="appeal-figures-title">{ t.appeal_figures_title }</h3>
            <p class="hint">{ t.appeal_figures_intro }</p>
            <Notice notice={(*notice).clone()} />
            { body }
        </section>
    }
}
