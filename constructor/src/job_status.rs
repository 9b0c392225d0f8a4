//! How a job of the jobs worker is going (a backup, a restore, an import), as the screens
//! that queued it show it while they wait: what it is doing, how many of how many, and a
//! progress bar a screen reader announces.

use civic_shared::jobs::{Job, State};
use yew::prelude::*;

use crate::i18n::{lang, texts};

/// The status line with its progress bar.
pub fn job_status(job: &Job) -> Html {
    let t = texts();
    let step = job.step.map(|step| step.label(lang()));
    let text = match (job.state, step) {
        (State::Queued, _) => t.job_queued.to_string(),
        (_, Some(step)) if job.total > 0 => {
            t.job_count.replace("{step}", step).replace("{n}", &job.done.min(job.total).to_string()).replace("{m}", &job.total.to_string())
        }
        (_, Some(step)) => step.to_string(),
        (_, None) => t.job_working.to_string(),
    };
    let percent = (job.fraction() * 100.0).round() as u32;
    html! {
        <p class="job-status" role="status">
            <label>{ text }
                <progress max="100" value={percent.to_string()}></progress></label>
        </p>
    }
}
