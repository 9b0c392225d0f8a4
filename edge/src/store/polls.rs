//! The `poll_votes` table: one row per voter and poll. Results are summed by D1 (one row per
//! answer), never by loading every stored vote.

use civic_shared::collections::{Poll, PollItem};
use serde::Deserialize;
use worker::D1Database;

use crate::api::ApiError;
use crate::store::{num, rows};

/// Stores the vote; `false` when this voter has voted in the poll already.
pub async fn record_vote(db: &D1Database, site_id: i64, poll_id: &str, voter: &str, options: &[String]) -> Result<bool, ApiError> {
    let json = serde_json::to_string(options)?;
    let result = db
        .prepare("INSERT OR IGNORE INTO poll_votes (site_id, poll_id, voter, options) VALUES (?1, ?2, ?3, ?4)")
        .bind(&[num(site_id), poll_id.into(), voter.into(), json.into()])?
        .run()
        .await?;
    Ok(result.meta().ok().flatten().and_then(|m| m.changes).unwrap_or(0) == 1)
}

#[derive(Deserialize)]
struct CountRow {
    poll_id: String,
    option: String,
    votes: i64,
}

/// The stored votes of a site's polls, summed: poll id → (option id, votes).
pub async fn counts(db: &D1Database, site_id: i64) -> Result<Vec<(String, Vec<(String, u64)>)>, ApiError> {
    let rows: Vec<CountRow> = rows(
        db,
        "SELECT v.poll_id, CAST(o.value AS TEXT) AS option, COUNT(*) AS votes \
         FROM poll_votes v, json_each(v.options) o WHERE v.site_id = ?1 GROUP BY v.poll_id, o.value",
        &[num(site_id)],
    )
    .await?;
    let mut by_poll: Vec<(String, Vec<(String, u64)>)> = Vec::new();
    for row in rows {
        let count = (row.option, u64::try_from(row.votes).unwrap_or(0));
        match by_poll.iter_mut().find(|(id, _)| *id == row.poll_id) {
            Some((_, counts)) => counts.push(count),
            None => by_poll.push((row.poll_id, vec![count])),
        }
    }
    Ok(by_poll)
}

/// One poll of a site with its results, or `None` if the site has no such poll.
pub async fn poll(db: &D1Database, site_id: i64, poll_id: &str) -> Result<Option<Poll>, ApiError> {
    #[derive(Deserialize)]
    struct Body {
        body: String,
    }
    let row = db
        .prepare("SELECT body FROM collection_items WHERE site_id = ?1 AND collection = 'polls' AND id = ?2")
        .bind(&[num(site_id), poll_id.into()])?
        .first::<Body>(None)
        .await?;
    let Some(item) = row.and_then(|row| serde_json::from_str::<PollItem>(&row.body).ok()) else { return Ok(None) };
    let mut poll = civic_shared::polls::poll_of(&item);
    let counts: Vec<CountRow> = rows(
        db,
        "SELECT v.poll_id, CAST(o.value AS TEXT) AS option, COUNT(*) AS votes \
         FROM poll_votes v, json_each(v.options) o WHERE v.site_id = ?1 AND v.poll_id = ?2 GROUP BY o.value",
        &[num(site_id), poll_id.into()],
    )
    .await?;
    let counts: Vec<(String, u64)> = counts.into_iter().map(|row| (row.option, u64::try_from(row.votes).unwrap_or(0))).collect();
    civic_shared::polls::add_counts(&mut poll, &counts);
    Ok(Some(poll))
}
