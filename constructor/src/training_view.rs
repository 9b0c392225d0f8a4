//! «Обучение»: the course for new editors. Every step with its mark and date as the server
//! recorded it (a step is done when the real action succeeded, never by a click here), the
//! progress, and the next step highlighted with what to do and a button that opens the place
//! where it is done. Fetched afresh each time the view opens.

use civic_shared::training::Step;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::views::View;
use crate::i18n::{format_date, lang, texts};
use crate::notice::Notice;
use crate::server::{self, ServerError, Training};

#[derive(Properties, PartialEq)]
pub struct TrainingProps {
    /// The course as last fetched by the app (shown at once, then fetched again).
    pub known: Option<Training>,
    /// Open the view where a step is done.
    pub on_go: Callback<View>,
    /// The course was fetched: the toolbar's figure follows.
    pub on_loaded: Callback<Training>,
    pub on_signed_out: Callback<Option<String>>,
}

/// Where a step is done.
pub fn view_of(step: Step) -> View {
    match step {
        Step::AddBlock | Step::EditText | Step::Publish => View::Pages,
        Step::ComplianceReport => View::Compliance,
        Step::AddNews => View::Data,
        Step::AnswerAppeal => View::Inbox,
    }
}

/// `2026-12-02 20:30:11` (UTC, as D1 writes it) → `02.12.2026` (as the language writes dates).
fn day(stored: &str) -> String {
    format_date(stored.get(..10).unwrap_or(stored))
}

#[function_component(TrainingView)]
pub fn training_view(props: &TrainingProps) -> Html {
    let t = texts();
    let course = use_state(|| props.known.clone());
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (course, notice, on_loaded, on_signed_out) = (course.clone(), notice.clone(), props.on_loaded.clone(), props.on_signed_out.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match server::training().await {
                    Ok(found) => {
                        on_loaded.emit(found.clone());
                        course.set(Some(found));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    let body = match &*course {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(found) => {
            let p = &found.progress;
            let label = t.training_progress.replace("{n}", &p.done.to_string()).replace("{m}", &p.total.to_string());
            html! {
                <>
                if p.done == 0 {
                    <p class="notice info training-welcome">{ t.training_welcome }</p>
                }
                if p.trained {
                    <p class="notice ok" data-testid="training-complete">{ "✓ " }{ t.training_complete }</p>
                }
                <div class="training-progress">
                    <label for="training-progress" id="training-progress-label" data-testid="training-progress">{ label.clone() }</label>
                    <progress id="training-progress" max={p.total.to_string()} value={p.done.to_string()} aria-valuetext={label}></progress>
                </div>
                <ol class="training-steps">
                    { for found.steps.iter().map(|step| {
                        let next = p.next == Some(step.step);
                        let done = step.done_at.is_some();
                        let go = {
                            let (on_go, view) = (props.on_go.clone(), view_of(step.step));
                            Callback::from(move |_: MouseEvent| on_go.emit(view))
                        };
                        html! {
                            <li class={classes!("training-step", done.then_some("done"), next.then_some("next"))} data-step={step.step.as_str()}
                                aria-current={next.then_some("step")}>
                                <span class="training-mark" aria-hidden="true">{ if done { "✓" } else { "○" } }</span>
                                <div class="training-text">
                                    <h3>
                                        if next { <span class="training-next-label">{ t.training_next }{ ": " }</span> }
                                        { step.step.title(lang()) }
                                    </h3>
                                    <p class="training-state">
                                        { match &step.done_at { Some(at) => t.training_done_on.replace("{d}", &day(at)), None => t.training_not_done.to_string() } }
                                        if !step.required { { " · " }{ t.training_optional } }
                                    </p>
                                    if next || !done {
                                        <p class={classes!("training-instruction", (!next).then_some("hint"))}>{ step.step.instruction(lang()) }</p>
                                    }
                                    if next {
                                        <button type="button" class="btn primary small" onclick={go}>{ t.training_go }</button>
                                    }
                                </div>
                            </li>
                        }
                    }) }
                </ol>
                </>
            }
        }
    };
    html! {
        <main class="collection-main wide training-view">
            <h2>{ t.training_title }</h2>
            <p class="hint">{ t.training_intro }</p>
            <Notice notice={(*notice).clone()} />
            { body }
        </main>
    }
}
