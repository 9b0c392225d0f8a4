//! The `poll_votes` table: one row per voter and poll.

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

/// The stored votes of a site's polls: poll id → each vote's option ids.
pub async fn stored_votes(db: &D1Database, site_id: i64) -> Result<Vec<(String, Vec<String>)>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        poll_id: String,
        options: String,
    }
    let rows: Vec<Row> = rows(db, "SELECT poll_id, options FROM poll_votes WHERE site_id = ?1", &[num(site_id)]).await?;
    Ok(rows.into_iter().map(|row| (row.poll_id, serde_json::from_str(&row.options).unwrap_or_default())).collect())
}

