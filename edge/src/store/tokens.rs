//! API tokens and idempotency keys in D1. Creating and revoking a token are written in the
//! same batch as their audit entries.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::store::accounts::{audit_entry, audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::idempotency::{StoredAnswer, StoredKey, ABANDONED_SECONDS, KEEP_SECONDS};
use crate::store::{num, storage};
use crate::tokens::{CheckedToken, Scope, TokenGrant, TokenView, LAST_USED_RESOLUTION};

fn statement(db: &D1Database, sql: &str, values: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare(sql).bind(values)?)
}

fn changed(results: &[worker::D1Result]) -> bool {
    results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) == 1
}

/// A new token: its settings, the ids of its sites, the hash and hint of its secret.
pub struct NewToken<'a> {
    pub token: &'a CheckedToken,
    pub site_ids: &'a [i64],
    pub secret_hash: &'a str,
    pub hint: &'a str,
}

/// Stores a new token with its audit entry; returns its id.
pub async fn create(db: &D1Database, new: &NewToken<'_>, actor: &Actor<'_>) -> Result<i64, ApiError> {
    let scopes = serde_json::to_string(&new.token.scopes)?;
    let sites = serde_json::to_string(new.site_ids)?;
    let insert = statement(
        db,
        "INSERT INTO api_tokens (name, token_hash, hint, scopes, sites, created_by, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            new.token.name.as_str().into(),
            new.secret_hash.into(),
            new.hint.into(),
            scopes.as_str().into(),
            sites.into(),
            actor.login.into(),
            new.token.expires_at.map_or(JsValue::NULL, num),
        ],
    )?;
    let detail = format!("{} [{}] {}", new.token.name, scopes_text(&new.token.scopes), new.token.sites.join(", "));
    let log = audit_entry(db, actor, "token.create", None, &detail)?;
    db.batch(vec![insert, log]).await?;
    statement(db, "SELECT id FROM api_tokens WHERE token_hash = ?1", &[new.secret_hash.into()])?
        .first::<i64>(Some("id"))
        .await?
        .ok_or_else(|| storage("created token vanished"))
}

fn scopes_text(scopes: &[Scope]) -> String {
    scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

#[derive(Deserialize)]
struct TokenRow {
    id: i64,
    name: String,
    hint: String,
    scopes: String,
    slugs: Option<String>,
    created_by: String,
    created_at: String,
    expires_at: Option<i64>,
    revoked_at: Option<String>,
    last_used_at: Option<i64>,
}

/// Every token, newest first (revoked ones too, for the record).
pub async fn list(db: &D1Database) -> Result<Vec<TokenView>, ApiError> {
    let rows = db
        .prepare(
            "SELECT t.id, t.name, t.hint, t.scopes, t.created_by, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, \
               (SELECT group_concat(s.slug) FROM sites s WHERE s.id IN (SELECT value FROM json_each(t.sites))) AS slugs \
             FROM api_tokens t ORDER BY t.id DESC",
        )
        .all()
        .await?
        .results::<TokenRow>()?;
    Ok(rows
        .into_iter()
        .map(|row| TokenView {
            id: row.id,
            name: row.name,
            hint: row.hint,
            scopes: serde_json::from_str(&row.scopes).unwrap_or_default(),
            sites: row.slugs.map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default(),
            created_by: row.created_by,
            created_at: row.created_at,
            expires_at: row.expires_at,
            revoked_at: row.revoked_at,
            last_used_at: row.last_used_at,
        })
        .collect())
}

/// Revokes a token at once, with its audit entry. Revoking a revoked token changes nothing;
/// an unknown id is `NotFound`.
pub async fn revoke(db: &D1Database, id: i64, actor: &Actor<'_>) -> Result<(), ApiError> {
    let update = statement(
        db,
        "UPDATE api_tokens SET revoked_at = datetime('now'), revoked_by = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        &[num(id), actor.login.into()],
    )?;
    let log = audit_entry_if_changed(db, actor, "token.revoke", None, &format!("token {id}"))?;
    if changed(&db.batch(vec![update, log]).await?) {
        return Ok(());
    }
    let exists = statement(db, "SELECT id FROM api_tokens WHERE id = ?1", &[num(id)])?.first::<i64>(Some("id")).await?;
    exists.map(|_| ()).ok_or(ApiError::NotFound)
}

/// The live token with this secret hash: not revoked, not expired. Notes its use, at most
/// once a minute.
pub async fn grant(db: &D1Database, secret_hash: &str, now: i64) -> Result<Option<TokenGrant>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        name: String,
        scopes: String,
        sites: String,
        last_used_at: Option<i64>,
    }
    let row = statement(
        db,
        "SELECT id, name, scopes, sites, last_used_at FROM api_tokens \
         WHERE token_hash = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)",
        &[secret_hash.into(), num(now)],
    )?
    .first::<Row>(None)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.last_used_at.is_none_or(|at| at <= now - LAST_USED_RESOLUTION) {
        statement(db, "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1", &[num(row.id), num(now)])?
            .run()
            .await?;
    }
    let scopes = serde_json::from_str(&row.scopes)?;
    let sites = serde_json::from_str(&row.sites)?;
    Ok(Some(TokenGrant { id: row.id, name: row.name, scopes, sites }))
}

/// Takes `key` for a first request; if someone holds it already, returns what they stored.
/// Keys older than a day, and first requests that died, are swept in the same batch.
pub async fn reserve_key(db: &D1Database, token_id: i64, key: &str, fingerprint: &str, now: i64) -> Result<Option<StoredKey>, ApiError> {
    let sweep = statement(
        db,
        "DELETE FROM api_idempotency WHERE created_at <= ?1 OR (status IS NULL AND created_at <= ?2)",
        &[num(now - KEEP_SECONDS), num(now - ABANDONED_SECONDS)],
    )?;
    let insert = statement(
        db,
        "INSERT INTO api_idempotency (token_id, key, fingerprint, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        &[num(token_id), key.into(), fingerprint.into(), num(now)],
    )?;
    let results = db.batch(vec![sweep, insert]).await?;
    let inserted = results.get(1).and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) == 1;
    if inserted {
        return Ok(None);
    }
    #[derive(Deserialize)]
    struct Row {
        fingerprint: String,
        status: Option<u16>,
        body: Option<String>,
        location: Option<String>,
    }
    let row = statement(db, "SELECT fingerprint, status, body, location FROM api_idempotency WHERE token_id = ?1 AND key = ?2", &[
        num(token_id),
        key.into(),
    ])?
    .first::<Row>(None)
    .await?
    // Gone between the two statements: it was swept, so whoever held it finished long ago.
    .ok_or(ApiError::IdempotencyKeyInUse)?;
    let answer = row.status.map(|status| StoredAnswer { status, body: row.body.unwrap_or_default(), location: row.location });
    Ok(Some(StoredKey { fingerprint: row.fingerprint, answer }))
}

/// Records the first answer for `key`.
pub async fn record_answer(db: &D1Database, token_id: i64, key: &str, answer: &StoredAnswer) -> Result<(), ApiError> {
    statement(db, "UPDATE api_idempotency SET status = ?3, body = ?4, location = ?5 WHERE token_id = ?1 AND key = ?2", &[
        num(token_id),
        key.into(),
        num(i64::from(answer.status)),
        answer.body.as_str().into(),
        answer.location.as_deref().map_or(JsValue::NULL, JsValue::from),
    ])?
    .run()
    .await?;
    Ok(())
}

/// Frees `key` after a failure that changed nothing, so a retry does the work.
pub async fn release_key(db: &D1Database, token_id: i64, key: &str) -> Result<(), ApiError> {
    statement(db, "DELETE FROM api_idempotency WHERE token_id = ?1 AND key = ?2 AND status IS NULL", &[num(token_id), key.into()])?
        .run()
        .await?;
    Ok(())
}
