//! Public discussions of draft documents: a visitor's comment (no script needed) waits for
//! moderation; the site's staff publish or refuse it; published ones show under the draft.

use civic_renderer::RenderOptions;
use civic_shared::{find_block, Block, Discussion, SiteDocument};
use worker::{Date, Request, Response, Result};

use crate::accessible;
use crate::accounts::AttemptLimit;
use crate::api::ApiError;
use crate::bounded_body::COMMENT_BODY_BYTES;
use crate::http::body::{form_pairs, read_bounded, BodyRefused};
use crate::http::published::SiteForAppeals;
use crate::http::responses::{html_page, unavailable};
use crate::security::is_same_origin;
use crate::store::attempts::{attempts_left, record_failure, sender_key};
use crate::store::{comments, today, Bindings};

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
pub async fn submit(mut req: Request, bindings: &Bindings, site: SiteForAppeals, base_path: &str, origin: &str, host: &str) -> Result<Response> {
    let headers = req.headers();
    if !is_same_origin(headers.get("sec-fetch-site")?.as_deref(), headers.get("origin")?.as_deref(), host) {
        return Response::error("Предложения принимаются только на сайте.", 403);
    }
    let settings = accessible::from_cookie_header(headers.get("cookie")?.as_deref());
    let ip = headers.get("cf-connecting-ip")?.unwrap_or_default();
    // The limit comes first: a flooding sender costs one read of its counter, nothing more.
    let db = &bindings.db;
    let now = (Date::now().as_millis() / 1000) as i64;
    let key = match sender_key(&bindings.pages, &format!("comment:{}", site.id), &ip).await {
        Ok(key) => key,
        Err(err) => return failure(err),
    };
    match attempts_left(db, &key, COMMENTS_PER_ADDRESS, now).await {
        Ok(None) => {}
        Ok(Some(_)) => return Response::error("Слишком много предложений с этого адреса. Попробуйте через час.", 429),
        Err(err) => return failure(err),
    }
    let body = match read_bounded(&mut req, COMMENT_BODY_BYTES).await {
        Ok(body) => body,
        Err(BodyRefused::TooLarge(_)) => return Response::error("Предложение слишком длинное: не более 5 000 символов. Оно не отправлено.", 413),
        Err(BodyRefused::Damaged) => return Response::error("Форма пришла повреждённой. Вернитесь назад и отправьте предложение ещё раз.", 400),
    };
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
    if let Err(err) = comments::receive(db, site.id, &format!("{page}/{id}"), &name, &text, &today).await {
        return failure(err);
    }
    let _ = record_failure(db, &key, COMMENTS_PER_ADDRESS, now).await;
    page_response(201, &site.doc, &options, &page, true)
}

fn page_response(status: u16, doc: &SiteDocument, options: &RenderOptions, page: &str, accepted: bool) -> Result<Response> {
    let mut html = String::with_capacity(12 * 1024);
    civic_renderer::render_comment_received(doc, options, page, accepted, &mut html);
    html_page(status, doc, options, &html)
}

fn failure(err: ApiError) -> Result<Response> {
    unavailable("предложение не сохранено", err)
}
