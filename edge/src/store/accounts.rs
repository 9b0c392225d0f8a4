//! Accounts in D1: users, memberships, sessions and the audit log. Every
//! change that the audit log records is written in the same D1 batch as its entry.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::accounts::UserView;
use crate::api::ApiError;
use crate::authz::{AccountStatus, Principal, Role};
use crate::store::{num, storage};

/// A user's row with the password hash (never leaves the worker).
#[derive(Debug, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub status: String,
    pub password_hash: String,
}

#[derive(Deserialize)]
struct SessionRow {
    user_id: i64,
    login: String,
    role: String,
    status: String,
    csrf: String,
    sites: Option<String>,
}

/// A signed-in session: who, and the token state changes must echo.
#[derive(Clone)]
pub struct Session {
    pub principal: Principal,
    pub csrf: String,
}

/// Who did something and from where, for the audit log.
pub struct Actor<'a> {
    pub user_id: Option<i64>,
    pub login: &'a str,
    pub ip: &'a str,
}

fn statement(db: &D1Database, sql: &str, values: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare(sql).bind(values)?)
}

pub async fn user_for_login(db: &D1Database, login: &str) -> Result<Option<UserRow>, ApiError> {
    Ok(statement(db, "SELECT id, status, password_hash FROM users WHERE login = ?1", &[login.into()])?
        .first::<UserRow>(None)
        .await?)
}

pub async fn create_session(
    db: &D1Database,
    user_id: i64,
    token_hash: &str,
    csrf: &str,
    expires_at: i64,
    actor: &Actor<'_>,
) -> Result<(), ApiError> {
    let insert = statement(
        db,
        "INSERT INTO sessions (token_hash, user_id, csrf, expires_at, ip) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[token_hash.into(), num(user_id), csrf.into(), num(expires_at), actor.ip.into()],
    )?;
    // Expired sessions are swept whenever someone signs in.
    let sweep = statement(db, "DELETE FROM sessions WHERE expires_at <= ?1", &[num(expires_at - crate::accounts::SESSION_SECONDS)])?;
    db.batch(vec![insert, sweep, audit_entry(db, actor, "login", None, "")?]).await?;
    Ok(())
}

/// The live session of a token hash: not expired, and its user neither banned nor removed.
pub async fn session(db: &D1Database, token_hash: &str, now: i64) -> Result<Option<Session>, ApiError> {
    let row = statement(
        db,
        "SELECT u.id AS user_id, u.login, u.role, u.status, s.csrf, \
           (SELECT group_concat(site_id) FROM memberships m WHERE m.user_id = u.id) AS sites \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.status != 'banned'",
        &[token_hash.into(), num(now)],
    )?
    .first::<SessionRow>(None)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (Some(role), Some(status)) = (Role::parse(&row.role), AccountStatus::parse(&row.status)) else {
        return Ok(None);
    };
    let sites = row.sites.unwrap_or_default().split(',').filter_map(|id| id.parse().ok()).collect();
    let principal = Principal { user_id: row.user_id, login: row.login, role, status, sites };
    Ok(Some(Session { principal, csrf: row.csrf }))
}

pub async fn end_session(db: &D1Database, token_hash: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let delete = statement(db, "DELETE FROM sessions WHERE token_hash = ?1", &[token_hash.into()])?;
    db.batch(vec![delete, audit_entry(db, actor, "logout", None, "")?]).await?;
    Ok(())
}

/// An audit-log insert, to run in the batch of the change it records.
pub fn audit_entry(
    db: &D1Database,
    actor: &Actor<'_>,
    action: &str,
    site_id: Option<i64>,
    detail: &str,
) -> Result<D1PreparedStatement, ApiError> {
    audit_insert(db, actor, action, site_id, detail, "")
}

/// An audit-log insert that only happens if the statement just before it in the batch
/// changed a row: conditional changes (stale versions) leave no false entry.
pub fn audit_entry_if_changed(
    db: &D1Database,
    actor: &Actor<'_>,
    action: &str,
    site_id: Option<i64>,
    detail: &str,
) -> Result<D1PreparedStatement, ApiError> {
    audit_insert(db, actor, action, site_id, detail, " WHERE changes() = 1")
}

fn audit_insert(
    db: &D1Database,
    actor: &Actor<'_>,
    action: &str,
    site_id: Option<i64>,
    detail: &str,
    condition: &str,
) -> Result<D1PreparedStatement, ApiError> {
    statement(
        db,
        &format!("INSERT INTO audit_log (user_id, login, action, site_id, detail, ip) SELECT ?1, ?2, ?3, ?4, ?5, ?6{condition}"),
        &[
            actor.user_id.map_or(JsValue::NULL, num),
            actor.login.into(),
            action.into(),
            site_id.map_or(JsValue::NULL, num),
            detail.into(),
            actor.ip.into(),
        ],
    )
}

/// Records one change on its own (when the change itself is not a D1 statement).
pub async fn audit(db: &D1Database, actor: &Actor<'_>, action: &str, site_id: Option<i64>, detail: &str) -> Result<(), ApiError> {
    audit_entry(db, actor, action, site_id, detail)?.run().await?;
    Ok(())
}

#[derive(Deserialize)]
struct UserListRow {
    id: i64,
    login: String,
    name: String,
    role: String,
    status: String,
    sites: Option<String>,
}

const USER_VIEW_SQL: &str = "SELECT u.id, u.login, u.name, u.role, u.status, \
     (SELECT group_concat(s.slug) FROM memberships m JOIN sites s ON s.id = m.site_id WHERE m.user_id = u.id) AS sites \
     FROM users u";

fn user_view(row: UserListRow) -> Option<UserView> {
    Some(UserView {
        id: row.id,
        login: row.login,
        name: row.name,
        role: Role::parse(&row.role)?,
        status: AccountStatus::parse(&row.status)?,
        sites: row.sites.map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default(),
    })
}

pub async fn list_users(db: &D1Database) -> Result<Vec<UserView>, ApiError> {
    let rows = db
        .prepare(format!("{USER_VIEW_SQL} ORDER BY u.role, u.login"))
        .all()
        .await?
        .results::<UserListRow>()?;
    Ok(rows.into_iter().filter_map(user_view).collect())
}

pub async fn user_by_id(db: &D1Database, id: i64) -> Result<Option<UserView>, ApiError> {
    let row = statement(db, &format!("{USER_VIEW_SQL} WHERE u.id = ?1"), &[num(id)])?
        .first::<UserListRow>(None)
        .await?;
    Ok(row.and_then(user_view))
}

/// Ids of the sites with these slugs; `None` if any slug is unknown.
pub async fn site_ids(db: &D1Database, slugs: &[String]) -> Result<Option<Vec<i64>>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
    }
    let json = serde_json::to_string(slugs)?;
    let rows = statement(db, "SELECT id FROM sites WHERE slug IN (SELECT value FROM json_each(?1))", &[json.into()])?
        .all()
        .await?
        .results::<Row>()?;
    let mut unique = slugs.to_vec();
    unique.sort();
    unique.dedup();
    Ok((rows.len() == unique.len()).then(|| rows.into_iter().map(|r| r.id).collect()))
}

/// A new user with memberships, in one batch with its audit entry.
pub struct NewUser<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub site_ids: &'a [i64],
}

pub async fn create_user(db: &D1Database, user: &NewUser<'_>, actor: &Actor<'_>) -> Result<i64, ApiError> {
    if user_for_login(db, user.login).await?.is_some() {
        return Err(ApiError::Taken { path: "login".into() });
    }
    let insert = statement(
        db,
        "INSERT INTO users (login, name, role, password_hash) VALUES (?1, ?2, ?3, ?4)",
        &[user.login.into(), user.name.into(), user.role.as_str().into(), user.password_hash.into()],
    )?;
    let ids = serde_json::to_string(user.site_ids)?;
    let members = statement(
        db,
        "INSERT INTO memberships (user_id, site_id) SELECT (SELECT id FROM users WHERE login = ?1), value FROM json_each(?2)",
        &[user.login.into(), ids.into()],
    )?;
    let detail = format!("{} ({})", user.login, user.role.as_str());
    let log = audit_entry(db, actor, "user.create", None, &detail)?;
    db.batch(vec![insert, members, log]).await.map_err(|err| {
        // Two administrators creating the same login at once: the UNIQUE index decides.
        if err.to_string().contains("UNIQUE") {
            ApiError::Taken { path: "login".into() }
        } else {
            storage(err)
        }
    })?;
    user_for_login(db, user.login).await?.map(|u| u.id).ok_or_else(|| storage("created user vanished"))
}

/// What an administrator changes about a user; `None` leaves it as it is.
pub struct UserChange<'a> {
    pub name: Option<&'a str>,
    pub role: Option<Role>,
    pub status: Option<AccountStatus>,
    pub site_ids: Option<&'a [i64]>,
}

/// Applies a change in one batch. A changed role, status or membership ends the user's
/// sessions, so a restriction or a ban takes effect at once.
pub async fn change_user(db: &D1Database, id: i64, change: &UserChange<'_>, actor: &Actor<'_>) -> Result<(), ApiError> {
    let mut statements = Vec::new();
    let mut detail = Vec::new();
    if let Some(name) = change.name {
        statements.push(statement(db, "UPDATE users SET name = ?1 WHERE id = ?2", &[name.into(), num(id)])?);
        detail.push("name".to_string());
    }
    if let Some(role) = change.role {
        statements.push(statement(db, "UPDATE users SET role = ?1 WHERE id = ?2", &[role.as_str().into(), num(id)])?);
        detail.push(format!("role={}", role.as_str()));
    }
    if let Some(status) = change.status {
        statements.push(statement(db, "UPDATE users SET status = ?1 WHERE id = ?2", &[status.as_str().into(), num(id)])?);
        detail.push(format!("status={}", status.as_str()));
    }
    if let Some(site_ids) = change.site_ids {
        let ids = serde_json::to_string(site_ids)?;
        statements.push(statement(db, "DELETE FROM memberships WHERE user_id = ?1", &[num(id)])?);
        statements.push(statement(
            db,
            "INSERT INTO memberships (user_id, site_id) SELECT ?1, value FROM json_each(?2)",
            &[num(id), ids.into()],
        )?);
        detail.push(format!("sites={site_ids:?}"));
    }
    if change.role.is_some() || change.status.is_some() || change.site_ids.is_some() {
        statements.push(statement(db, "DELETE FROM sessions WHERE user_id = ?1", &[num(id)])?);
    }
    if statements.is_empty() {
        return Ok(());
    }
    statements.push(audit_entry(db, actor, "user.change", None, &format!("user {id}: {}", detail.join(", ")))?);
    db.batch(statements).await?;
    Ok(())
}

/// Sets a password hash and ends every session of the user.
pub async fn set_password(db: &D1Database, id: i64, password_hash: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let update = statement(db, "UPDATE users SET password_hash = ?1 WHERE id = ?2", &[password_hash.into(), num(id)])?;
    let end = statement(db, "DELETE FROM sessions WHERE user_id = ?1", &[num(id)])?;
    let log = audit_entry(db, actor, "user.password", None, &format!("user {id}"))?;
    db.batch(vec![update, end, log]).await?;
    Ok(())
}

/// Removes a user (memberships, sessions and support accesses to appeals go with it).
pub async fn delete_user(db: &D1Database, id: i64, actor: &Actor<'_>) -> Result<(), ApiError> {
    let members = statement(db, "DELETE FROM memberships WHERE user_id = ?1", &[num(id)])?;
    let sessions = statement(db, "DELETE FROM sessions WHERE user_id = ?1", &[num(id)])?;
    let accesses = statement(db, "DELETE FROM appeal_support_access WHERE user_id = ?1", &[num(id)])?;
    let user = statement(db, "DELETE FROM users WHERE id = ?1", &[num(id)])?;
    let log = audit_entry(db, actor, "user.delete", None, &format!("user {id}"))?;
    db.batch(vec![members, sessions, accesses, user, log]).await?;
    Ok(())
}

/// One audit-log entry as administrators read it.
#[derive(Debug, Deserialize, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub login: String,
    pub action: String,
    pub site: Option<String>,
    pub detail: String,
    pub ip: String,
}

/// The newest entries before `before` (an entry id; `None` for the newest), optionally of one site.
pub async fn audit_page(db: &D1Database, site_id: Option<i64>, before: Option<i64>, limit: i64) -> Result<Vec<AuditEntry>, ApiError> {
    Ok(statement(
        db,
        "SELECT a.id, a.at, a.login, a.action, s.slug AS site, a.detail, a.ip \
         FROM audit_log a LEFT JOIN sites s ON s.id = a.site_id \
         WHERE (?1 IS NULL OR a.site_id = ?1) AND (?2 IS NULL OR a.id < ?2) \
         ORDER BY a.id DESC LIMIT ?3",
        &[site_id.map_or(JsValue::NULL, num), before.map_or(JsValue::NULL, num), num(limit)],
    )?
    .all()
    .await?
    .results::<AuditEntry>()?)
}
