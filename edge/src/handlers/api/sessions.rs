//! Signing in and out, the session, one's own password.

use serde_json::json;
use worker::Response;

use crate::accounts::{self, encode_token, ChangeOwnPassword, LoginRequest, StoredHash, LOGIN_PER_ADDRESS};
use crate::accounts::{PASSWORD_CHANGES, PBKDF2_ITERATIONS, SALT_BYTES, SESSION_SECONDS};
use crate::api::ApiError;
use crate::authz::Denied;
use crate::crypto::{new_password_hash, pbkdf2_sha256, random_bytes};
use crate::bounded_body::LOGIN_BODY_BYTES;
use crate::http::call::ApiCall;
use crate::rate_limit::{LOGIN_PER_ACCOUNT, LOGIN_PER_ACCOUNT_AND_SENDER};
use crate::http::responses::ok;
use crate::security::sha256_hex;
use crate::store::accounts::{self as accounts_db, Actor, Session};
use crate::store::attempts;
use crate::store::storage;

/// `POST /api/login`: the same answer for an unknown login and a wrong password, after the
/// same slow hashing. Every attempt is counted before it is hashed, each counter in one
/// statement, so concurrent attempts cannot slip past a limit: per address (a hundred in 15
/// minutes, any login), per login and sender (progressively slower, `rate_limit`), and per
/// login from every sender (a guess a minute at most once flooded). A sender that floods a
/// login slows down only itself; the owner from elsewhere waits at most a minute.
pub async fn login(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let db = &call.bindings.db;
    let ip_key = attempts::sender_key(&call.bindings.pages, "login-ip", &call.ip).await?;
    if let Some(retry_after) = attempts::count_attempt(db, &ip_key, LOGIN_PER_ADDRESS, call.now).await? {
        return Err(ApiError::RateLimited { retry_after });
    }
    let body: LoginRequest = call.json_within(LOGIN_BODY_BYTES).await?;
    let db = &call.bindings.db;
    let login = accounts::normalize_login(&body.login).unwrap_or_default();
    let login_key = format!("login:{login}");
    let sender_key = attempts::sender_key(&call.bindings.pages, &login_key, &call.ip).await?;
    for (key, throttle) in [(&sender_key, LOGIN_PER_ACCOUNT_AND_SENDER), (&login_key, LOGIN_PER_ACCOUNT)] {
        if let Some(retry_after) = attempts::claim(db, key, throttle, call.now).await? {
            return Err(ApiError::RateLimited { retry_after });
        }
    }
    let user = match login.is_empty() {
        true => None,
        false => accounts_db::user_for_login(db, &login).await?,
    };
    let stored = user.as_ref().and_then(|u| StoredHash::parse(&u.password_hash));
    // Unknown logins are hashed too, against a throwaway salt, so timing tells nothing.
    let (salt, iterations) = stored.as_ref().map_or((vec![0; SALT_BYTES], PBKDF2_ITERATIONS), |s| (s.salt.clone(), s.iterations));
    let password_ok = body.password.len() <= accounts::MAX_PASSWORD_BYTES && {
        let derived = pbkdf2_sha256(&body.password, &salt, iterations).await?;
        stored.as_ref().is_some_and(|s| s.matches(&derived))
    };
    let actor = Actor { user_id: user.as_ref().map(|u| u.id), login: &login, ip: &call.ip };
    let (Some(user), true) = (user.as_ref(), password_ok) else {
        accounts_db::audit(db, &actor, "login.failed", None, "").await?;
        return Err(ApiError::WrongCredentials);
    };
    // The right password: the address's and the login's counts keep only failures, and this
    // sender's own throttle for the login starts again.
    attempts::uncount(db, &ip_key).await?;
    attempts::uncount(db, &login_key).await?;
    attempts::forget(db, &sender_key).await?;
    if user.status == "banned" {
        return Err(ApiError::Denied(Denied::Banned));
    }
    let token = encode_token(&random_bytes::<32>());
    let csrf = encode_token(&random_bytes::<32>());
    let token_hash = sha256_hex(token.as_bytes());
    accounts_db::create_session(db, user.id, &token_hash, &csrf, call.now + SESSION_SECONDS, &actor).await?;
    let session = accounts_db::session(db, &token_hash, call.now).await?.ok_or_else(|| storage("new session missing"))?;
    let mut response = answer_session(call, &session).await?;
    response.headers_mut().set("Set-Cookie", &accounts::session_cookie(&token))?;
    Ok(response)
}

pub async fn logout(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    accounts_db::end_session(&call.bindings.db, &call.token_hash, &call.actor()).await?;
    let mut response = ok(&json!({ "signed_out": true }))?;
    response.headers_mut().set("Set-Cookie", &accounts::clear_session_cookie())?;
    Ok(response)
}

/// `GET /api/session`: the user (with their sites) and the CSRF token.
pub async fn session_info(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    answer_session(call, call.signed_in()?).await
}

async fn answer_session(call: &ApiCall<'_>, session: &Session) -> Result<Response, ApiError> {
    let user = accounts_db::user_by_id(&call.bindings.db, session.principal.user_id).await?.ok_or(ApiError::Unauthenticated)?;
    ok(&json!({ "user": user, "csrf": session.csrf }))
}

pub async fn change_own_password(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let body: ChangeOwnPassword = call.json().await?;
    let (db, actor) = (&call.bindings.db, call.actor());
    let session = call.signed_in()?;
    let principal = &session.principal;
    let key = format!("password:{}", principal.user_id);
    // Counted before the hash, as sign-ins are; a right current password takes it back.
    if let Some(retry_after) = attempts::count_attempt(db, &key, PASSWORD_CHANGES, call.now).await? {
        return Err(ApiError::RateLimited { retry_after });
    }
    let user = accounts_db::user_for_login(db, &principal.login).await?.ok_or(ApiError::Unauthenticated)?;
    let stored = StoredHash::parse(&user.password_hash).ok_or(ApiError::WrongCredentials)?;
    let current_ok = body.current_password.len() <= accounts::MAX_PASSWORD_BYTES
        && stored.matches(&pbkdf2_sha256(&body.current_password, &stored.salt, stored.iterations).await?);
    if !current_ok {
        return Err(ApiError::WrongCredentials);
    }
    attempts::uncount(db, &key).await?;
    accounts::check_password(&principal.login, &body.new_password).map_err(ApiError::WeakPassword)?;
    let hash = new_password_hash(&body.new_password).await?;
    // Every session ends, this one included; the browser gets a fresh one.
    accounts_db::set_password(db, principal.user_id, &hash, &actor).await?;
    let token = encode_token(&random_bytes::<32>());
    let token_hash = sha256_hex(token.as_bytes());
    accounts_db::create_session(db, principal.user_id, &token_hash, &session.csrf, call.now + SESSION_SECONDS, &actor).await?;
    let mut response = ok(&json!({ "changed": true, "csrf": session.csrf }))?;
    response.headers_mut().set("Set-Cookie", &accounts::session_cookie(&token))?;
    Ok(response)
}
