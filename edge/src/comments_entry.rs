//! Public discussions of draft documents: a visitor's comment (no script needed) waits for
//! moderation; the site's staff publish or refuse it; published ones show under the draft.

use civic_renderer::RenderOptions;
use civic_shared::{find_block, Block, Discussion, SiteDocument};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::{D1Database, Date, Env, Request, Response, Result};

use crate::accessible;
use crate::accounts::AttemptLimit;
use crate::accounts_store::{attempts_left, audit_entry_if_changed, record_failure, Actor};
use crate::api::ApiError;
use crate::appeals_entry::{form_pairs, SiteForAppeals};
use crate::security::is_same_origin;
use crate::store::{num, storage, today};

const COMMENTS_PER_ADDRESS: AttemptLimit = AttemptLimit { max_failures: 20, window_seconds: 60 * 60 };
const MAX_COMMENT: usize = 5_000;

/// The discussion block `id` on page `page`.
fn discussion<'a>(doc: &'a SiteDocument, page: &str, id: &str) -> Option<&'a Discussion> {
    match find_block(&doc.pages.get(page)?.blocks, &|block| matches!(block, Block::Discussion(d) if d.id == id))? {
        Block::Discussion(d) => Some(d),
        _ => None,
    }
}

/// `POST <base>/_obsuzhdenie`: the comment is stored for moderation before the visitor is told so.
pub async fn submit(mut req: Request, env: &Env, site: SiteForAppeals, base_path: &str, origin: &str, host: &str) -> Result<Response> {
    let headers = req.headers();
    if !is_same_origin(headers.get("sec-fetch-site")?.as_deref(), headers.get("origin")?.as_deref(), host) {
        return Response::error("Предложения принимаются только на сайте.", 403);
    }
    let settings = accessible::from_cookie_header(headers.get("cookie")?.as_deref());
    let ip = headers.get("cf-connecting-ip")?.unwrap_or_default();
    let body = req.bytes().await?;
    if body.len() > 64 * 1024 {
        return Response::error("Предложение слишком длинное: не более 5 000 символов.", 413);
    }
    let pairs = form_pairs(&String::from_utf8_lossy(&body));
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let (page, id) = (get("page"), get("discussion"));
    let Some(d) = discussion(&site.doc, &page, &id) else {
        return Response::error("Такого обсуждения на сайте нет.", 404);
    };
    let options = RenderOptions { base_path, origin, accessible: settings, ..RenderOptions::default() };
    let today = today();
    let (text, name) = (get("text"), get("name"));
    let open = d.opens.as_str() <= today.as_str() && today.as_str() <= d.closes.as_str();
    if !get("website").is_empty() {
        return page_response(200, &site.doc, &options, &page, true);
    }
    if !open || text.is_empty() || name.is_empty() || get("consent") != "yes" || text.chars().count() > MAX_COMMENT || name.chars().count() > 300 {
        return page_response(422, &site.doc, &options, &page, false);
    }
    let db = env.d1("DB")?;
    let now = (Date::now().as_millis() / 1000) as i64;
    let key = format!("comment:{}:{ip}", site.id);
    match attempts_left(&db, &key, COMMENTS_PER_ADDRESS, now).await {
        Ok(None) => {}
        Ok(Some(_)) => return Response::error("Слишком много предложений с этого адреса. Попробуйте через час.", 429),
        Err(err) => return failure(err),
    }
    let stored = db
        .prepare("INSERT INTO comments (site_id, discussion, name, text, received) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[num(site.id), format!("{page}/{id}").into(), name.into(), text.into(), today.into()]);
    if let Err(err) = async { stored.map_err(storage)?.run().await.map_err(storage) }.await {
        return failure(err);
    }
    let _ = record_failure(&db, &key, COMMENTS_PER_ADDRESS, now).await;
    page_response(201, &site.doc, &options, &page, true)
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
pub async fn queue(db: &D1Database, site_id: i64, all: bool) -> std::result::Result<Vec<QueuedComment>, ApiError> {
    let sql = "SELECT id, discussion, name, text, status, received FROM comments WHERE site_id = ?1 AND (?2 = 1 OR status = 'pending') \
               ORDER BY id DESC LIMIT 500";
    crate::store::rows(db, sql, &[num(site_id), num(i64::from(all))]).await
}

/// Publishes or refuses a pending comment.
pub async fn moderate(db: &D1Database, site_id: i64, id: i64, publish: bool, actor: &Actor<'_>) -> std::result::Result<(), ApiError> {
    let status = if publish { "published" } else { "rejected" };
    let update = db
        .prepare("UPDATE comments SET status = ?1, moderated_by = ?2 WHERE site_id = ?3 AND id = ?4 AND status = 'pending'")
        .bind(&[status.into(), JsValue::from(actor.login), num(site_id), num(id)])
        .map_err(storage)?;
    let bump = db.prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1 AND changes() = 1").bind(&[num(site_id)]).map_err(storage)?;
    let log = audit_entry_if_changed(db, actor, "comment.moderate", Some(site_id), &format!("{id} {status}"))?;
    let results = db.batch(vec![update, bump, log]).await.map_err(storage)?;
    match results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) {
        1 => Ok(()),
        _ => Err(ApiError::BadRequest { path: "id".into(), reason: "комментарий уже проверен или не найден".into() }),
    }
}

/// Published comments of the site, oldest first, for its pages.
pub async fn published(db: &D1Database, site_id: i64) -> std::result::Result<Vec<civic_shared::collections::Comment>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        discussion: String,
        name: String,
        text: String,
        received: String,
    }
    let sql = "SELECT discussion, name, text, received FROM comments WHERE site_id = ?1 AND status = 'published' ORDER BY id";
    let rows: Vec<Row> = crate::store::rows(db, sql, &[num(site_id)]).await?;
    Ok(rows
        .into_iter()
        .map(|r| civic_shared::collections::Comment { discussion: r.discussion, name: r.name, text: r.text, date: r.received })
        .collect())
}

fn page_response(status: u16, doc: &SiteDocument, options: &RenderOptions, page: &str, accepted: bool) -> Result<Response> {
    let mut html = String::with_capacity(12 * 1024);
    civic_renderer::render_comment_received(doc, options, page, accepted, &mut html);
    crate::appeals_entry::html_page(status, doc, options, &html)
}

fn failure(err: ApiError) -> Result<Response> {
    crate::appeals_entry::unavailable("предложение не сохранено", err)
}
