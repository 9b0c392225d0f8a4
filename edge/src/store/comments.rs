//! The `comments` table: visitors' comments on draft documents, their moderation, and the
//! published ones shown under the draft.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::D1Database;

use crate::api::ApiError;
use crate::store::accounts::{audit_entry_if_changed, Actor};
use crate::store::{num, rows};

/// Stores a visitor's comment on discussion `discussion` (`<page>/<block id>`) for moderation.
pub async fn receive(db: &D1Database, site_id: i64, discussion: &str, name: &str, text: &str, today: &str) -> Result<(), ApiError> {
    db.prepare("INSERT INTO comments (site_id, discussion, name, text, received) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[num(site_id), discussion.into(), name.into(), text.into(), today.into()])?
        .run()
        .await?;
    Ok(())
}

/// A comment in the moderation queue.
#[derive(Debug, Serialize, Deserialize)]
pub struct QueuedComment {
    pub id: i64,
    pub discussion: String,
    pub name: String,
    pub text: String,
    pub status: String,
    pub received: String,
}

/// The site's comments: those awaiting moderation, or all (the latest 500).
pub async fn queue(db: &D1Database, site_id: i64, all: bool) -> Result<Vec<QueuedComment>, ApiError> {
    let sql = "SELECT id, discussion, name, text, status, received FROM comments WHERE site_id = ?1 AND (?2 = 1 OR status = 'pending') \
               ORDER BY id DESC LIMIT 500";
    rows(db, sql, &[num(site_id), num(i64::from(all))]).await
}

/// Publishes or refuses a pending comment.
pub async fn moderate(db: &D1Database, site_id: i64, id: i64, publish: bool, actor: &Actor<'_>) -> Result<(), ApiError> {
    let status = if publish { "published" } else { "rejected" };
    let update = db
        .prepare("UPDATE comments SET status = ?1, moderated_by = ?2 WHERE site_id = ?3 AND id = ?4 AND status = 'pending'")
        .bind(&[status.into(), JsValue::from(actor.login), num(site_id), num(id)])?;
    let bump = db.prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1 AND changes() = 1").bind(&[num(site_id)])?;
    let log = audit_entry_if_changed(db, actor, "comment.moderate", Some(site_id), &format!("{id} {status}"))?;
    let results = db.batch(vec![update, bump, log]).await?;
    match results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) {
        1 => Ok(()),
        _ => Err(ApiError::BadRequest { path: "id".into(), reason: "комментарий уже проверен или не найден".into() }),
    }
}

/// Published comments of the site, oldest first, for its pages.
pub async fn published(db: &D1Database, site_id: i64) -> Result<Vec<civic_shared::collections::Comment>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        discussion: String,
        name: String,
        text: String,
        received: String,
    }
    let sql = "SELECT discussion, name, text, received FROM comments WHERE site_id = ?1 AND status = 'published' ORDER BY id";
    let rows: Vec<Row> = rows(db, sql, &[num(site_id)]).await?;
    Ok(rows
        .into_iter()
        .map(|r| civic_shared::collections::Comment { discussion: r.discussion, name: r.name, text: r.text, date: r.received })
        .collect())
}

