//! Votes in a site's polls, with no script: the poll's form posts to `<base>/_opros/<poll>`;
//! one vote per browser (a random id in an HttpOnly cookie, one stored row per id and poll) and
//! a limit per address against scripted voting. The page after it shows the results.
//! A poll for staff only takes votes from people signed in to Civic who may read the site,
//! one per account (the account is stored as the voter).

use civic_renderer::{RenderOptions, VoteOutcome};
use civic_shared::polls;
use worker::{D1Database, Date, Request, Response, Result};

use crate::accessible;
use crate::accounts::AttemptLimit;
use crate::api::ApiError;
use crate::bounded_body::VOTE_BODY_BYTES;
use crate::http::body::{form_pairs, read_bounded, BodyRefused};
use crate::http::published::SiteForAppeals;
use crate::http::responses::{html_page, unavailable};
use crate::security::is_same_origin;
use crate::store::attempts::{attempts_left, record_failure, sender_key};
use crate::store::{today, Bindings};

/// Votes in one poll from one address in an hour (a school's families may share one address).
const VOTES_PER_ADDRESS: AttemptLimit = AttemptLimit { max_failures: 50, window_seconds: 60 * 60 };
const VOTER_COOKIE: &str = "civic_voter";

/// `POST <base>/_opros/<poll>`.
pub async fn vote(mut req: Request, bindings: &Bindings, site: SiteForAppeals, poll_id: &str, base_path: &str, origin: &str, host: &str) -> Result<Response> {
    let headers = req.headers();
    if !is_same_origin(headers.get("sec-fetch-site")?.as_deref(), headers.get("origin")?.as_deref(), host) {
        return Response::error("Голосовать можно только на сайте.", 403);
    }
    let cookies = headers.get("cookie")?.unwrap_or_default();
    let settings = accessible::from_cookie_header(Some(&cookies));
    let ip = headers.get("cf-connecting-ip")?.unwrap_or_default();
    let voter = cookie(&cookies, VOTER_COOKIE).filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()));
    // The limit comes first: a flooding sender costs one read of its counter, nothing more
    // (its page is plain words, rendered from nothing stored).
    let db = &bindings.db;
    let now = (Date::now().as_millis() / 1000) as i64;
    let key = match sender_key(&bindings.pages, &format!("vote:{}:{poll_id}", site.id), &ip).await {
        Ok(key) => key,
        Err(err) => return failure(err),
    };
    match attempts_left(db, &key, VOTES_PER_ADDRESS, now).await {
        Ok(None) => {}
        Ok(Some(_)) => return Response::error("Слишком много голосов с этого адреса. Попробуйте позже.", 429),
        Err(err) => return failure(err),
    }
    let body = match read_bounded(&mut req, VOTE_BODY_BYTES).await {
        Ok(body) => body,
        Err(BodyRefused::TooLarge(too_large)) => {
            return Response::error(format!("Голос не учтён: запрос больше {}. Вернитесь на страницу опроса.", too_large.cap_in_words()), 413)
        }
        Err(BodyRefused::Damaged) => return Response::error("Форма пришла повреждённой. Вернитесь назад и проголосуйте ещё раз.", 400),
    };
    let pairs = form_pairs(&String::from_utf8_lossy(&body));
    let back = pairs.iter().find(|(k, _)| k == "back").map(|(_, v)| v.clone()).filter(|p| site.doc.pages.contains_key(p));
    let back = back.or_else(|| site.doc.home_page().map(|(id, _)| id.clone())).unwrap_or_default();
    let chosen: Vec<String> = pairs.iter().filter(|(k, _)| k == "option").map(|(_, v)| v.clone()).collect();
    // Only this poll and its summed results: never every vote of the site.
    let mut poll = match crate::store::polls::poll(db, site.id, poll_id).await {
        Ok(Some(poll)) => poll,
        Ok(None) => return Response::error("Такого опроса нет.", 404),
        Err(err) => return failure(err),
    };
    let today = today();
    let options = RenderOptions { base_path, origin, accessible: settings, today: &today, ..RenderOptions::default() };
    let checked = match polls::check_vote(&poll, &chosen, &today) {
        Ok(checked) => checked,
        Err(refused) => return page(422, &site, &options, &poll, &VoteOutcome::Refused(refused.message()), &back, None),
    };
    let new_voter;
    let voter = match (poll.login_required, voter) {
        (true, _) => match staff_voter(db, &cookies, site.id).await {
            Ok(Some(account)) => account,
            Ok(None) => {
                let why = format!("{} Войдите в систему и проголосуйте снова.", polls::STAFF_ONLY);
                return page(403, &site, &options, &poll, &VoteOutcome::Refused(&why), &back, None);
            }
            Err(err) => return failure(err),
        },
        (false, Some(voter)) => voter,
        (false, None) => {
            new_voter = crate::security::hex(&crate::crypto::random_bytes::<16>());
            new_voter.clone()
        }
    };
    // A staff member's vote is their account's: their browser gets no voter id.
    let set_cookie = (!poll.login_required).then(|| {
        format!(
            "{VOTER_COOKIE}={voter}; Path={}/; Max-Age=31536000; SameSite=Lax; HttpOnly{}",
            base_path,
            if origin.starts_with("https:") { "; Secure" } else { "" }
        )
    });
    let counted = match crate::store::polls::record_vote(db, site.id, poll_id, &voter, &checked).await {
        Ok(counted) => counted,
        Err(err) => return failure(err),
    };
    if !counted {
        return page(409, &site, &options, &poll, &VoteOutcome::AlreadyVoted, &back, set_cookie.as_deref());
    }
    let _ = record_failure(db, &key, VOTES_PER_ADDRESS, now).await;
    let _ = crate::store::appeals::figures_changed(db, site.id).await;
    polls::add_votes(&mut poll, &[checked]);
    page(200, &site, &options, &poll, &VoteOutcome::Counted, &back, set_cookie.as_deref())
}

/// The voter of a staff-only poll: the signed-in account, if it may read the site.
async fn staff_voter(db: &D1Database, cookies: &str, site_id: i64) -> std::result::Result<Option<String>, ApiError> {
    let Some(token) = crate::accounts::session_token(Some(cookies)) else { return Ok(None) };
    let now = (Date::now().as_millis() / 1000) as i64;
    let session = crate::store::accounts::session(db, &crate::security::sha256_hex(token.as_bytes()), now).await?;
    Ok(session
        .filter(|s| crate::authz::authorize(&s.principal, crate::authz::Action::ReadSite, Some(site_id)).is_ok())
        .map(|s| format!("account:{}", s.principal.user_id)))
}

fn cookie(header: &str, name: &str) -> Option<String> {
    header.split(';').filter_map(|part| part.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
}

fn page(
    status: u16,
    site: &SiteForAppeals,
    options: &RenderOptions,
    poll: &civic_shared::collections::Poll,
    outcome: &VoteOutcome,
    back: &str,
    set_cookie: Option<&str>,
) -> Result<Response> {
    let mut html = String::with_capacity(16 * 1024);
    civic_renderer::render_vote_page(&site.doc, options, poll, outcome, back, &mut html);
    let mut response = html_page(status, &site.doc, options, &html)?;
    if let Some(cookie) = set_cookie {
        response.headers_mut().set("Set-Cookie", cookie)?;
    }
    Ok(response)
}

fn failure(err: ApiError) -> Result<Response> {
    unavailable("голос не учтен", err)
}
