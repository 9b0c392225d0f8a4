//! The course for new editors in D1: steps are recorded by the handlers of the real actions,
//! for the account that did them, as one more statement of the action's own batch that only
//! writes if the action's change was written (`changes() = 1` of the statement before it);
//! `INSERT OR IGNORE` keeps the first date. Read back as the editor's own progress, and as
//! trained employees per site for the operator.

use std::collections::BTreeMap;

use civic_shared::training::{self, Step};
use serde::{Deserialize, Serialize};
use worker::{D1Database, D1PreparedStatement};

use crate::store::accounts::Actor;
use crate::api::ApiError;
use crate::store::{num, rows};

/// The statement that records `steps` for the actor on `site_id`, to be placed in a batch
/// right after a statement that changed one row exactly when the action succeeded. `None`
/// when there is nothing to record (no step, or no signed-in account: API tokens learn nothing).
pub fn record_after(db: &D1Database, actor: &Actor<'_>, site_id: i64, steps: &[Step]) -> Result<Option<D1PreparedStatement>, ApiError> {
    let Some(account) = actor.user_id.filter(|_| !steps.is_empty()) else { return Ok(None) };
    let names = serde_json::to_string(&steps.iter().map(|s| s.as_str()).collect::<Vec<_>>())?;
    let statement = db
        .prepare("INSERT OR IGNORE INTO training_steps (account_id, step, site_id) SELECT ?1, value, ?3 FROM json_each(?2) WHERE changes() = 1")
        .bind(&[num(account), names.into(), num(site_id)])?;
    Ok(Some(statement))
}

/// Records `step` on its own, for an action that changes nothing else (opening the compliance
/// report). A failure is logged and swallowed: the action itself has succeeded.
pub async fn record_now(db: &D1Database, actor: &Actor<'_>, site_id: i64, step: Step) {
    let Some(account) = actor.user_id else { return };
    let written = match db
        .prepare("INSERT OR IGNORE INTO training_steps (account_id, step, site_id) VALUES (?1, ?2, ?3)")
        .bind(&[num(account), step.as_str().into(), num(site_id)])
    {
        Ok(statement) => statement.run().await.map(|_| ()),
        Err(err) => Err(err),
    };
    if let Err(err) = written {
        worker::console_error!("training step {} of account {account}: {err:?}", step.as_str());
    }
}

/// One step of the course as the editor sees it.
#[derive(Debug, Serialize)]
pub struct OwnStep {
    pub step: Step,
    pub required: bool,
    /// When it was done (UTC), if it was.
    pub done_at: Option<String>,
}

#[derive(Deserialize)]
struct DoneRow {
    step: String,
    done_at: String,
}

/// The account's course: every step with its date if done, and the progress.
pub async fn own(db: &D1Database, account: i64) -> Result<serde_json::Value, ApiError> {
    let done: Vec<DoneRow> = rows(db, "SELECT step, done_at FROM training_steps WHERE account_id = ?1", &[num(account)]).await?;
    let steps: Vec<OwnStep> = Step::ALL
        .into_iter()
        .map(|step| OwnStep { step, required: step.required(), done_at: done.iter().find(|row| row.step == step.as_str()).map(|row| row.done_at.clone()) })
        .collect();
    let finished: Vec<Step> = done.iter().filter_map(|row| Step::parse(&row.step)).collect();
    Ok(serde_json::json!({ "steps": steps, "progress": training::progress(&finished) }))
}

/// Per site: its editors, and how many of them finished the course.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Staff {
    pub editors: u32,
    pub trained: u32,
}

/// Every site's editors and trained editors (operators and administrators are not an
/// organisation's staff and are not counted).
pub async fn staff_per_site(db: &D1Database) -> Result<BTreeMap<i64, Staff>, ApiError> {
    #[derive(Deserialize)]
    struct Editors {
        site_id: i64,
        n: u32,
    }
    #[derive(Deserialize)]
    struct Record {
        site_id: i64,
        account_id: i64,
        step: String,
    }
    let editors: Vec<Editors> = rows(
        db,
        "SELECT m.site_id, count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.role = 'editor' GROUP BY m.site_id",
        &[],
    )
    .await?;
    let records: Vec<Record> = rows(
        db,
        "SELECT m.site_id, t.account_id, t.step FROM training_steps t JOIN memberships m ON m.user_id = t.account_id \
         JOIN users u ON u.id = t.account_id WHERE u.role = 'editor'",
        &[],
    )
    .await?;
    let records: Vec<(i64, i64, Step)> = records.into_iter().filter_map(|r| Some((r.site_id, r.account_id, Step::parse(&r.step)?))).collect();
    let trained = training::trained_per_site(&records);
    let mut staff: BTreeMap<i64, Staff> = editors.into_iter().map(|e| (e.site_id, Staff { editors: e.n, trained: 0 })).collect();
    for (site, n) in trained {
        staff.entry(site).or_default().trained = n;
    }
    Ok(staff)
}
