//! Tokens for outside systems: list, create (the secret is in that answer only), revoke.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::crypto::random_bytes;
use crate::http::call::ApiCall;
use crate::http::responses::{json_with_status, ok};
use crate::security::sha256_hex;
use crate::store::accounts as accounts_db;
use crate::store::tokens as tokens_db;
use crate::tokens;

pub async fn list(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&json!({ "tokens": tokens_db::list(&call.bindings.db).await? }))
}

/// `POST /api/tokens`: a new token for an outside system. Its secret is in this answer and
/// nowhere else: only its hash is stored.
pub async fn create(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let body: tokens::CreateToken = call.json().await?;
    let db = &call.bindings.db;
    let token = tokens::check_new_token(body, call.now).map_err(ApiError::BadTokenSettings)?;
    let site_ids = accounts_db::site_ids(db, &token.sites).await?.ok_or(ApiError::BadTokenSettings(tokens::TokenProblem::UnknownSite))?;
    let secret = tokens::encode_secret(&random_bytes::<32>());
    let secret_hash = sha256_hex(secret.as_bytes());
    let hint = secret.get(..tokens::HINT_CHARS).unwrap_or_default();
    let new = tokens_db::NewToken { token: &token, site_ids: &site_ids, secret_hash: &secret_hash, hint };
    let id = tokens_db::create(db, &new, &call.actor()).await?;
    let view = tokens_db::list(db).await?.into_iter().find(|t| t.id == id);
    json_with_status(201, &json!({ "token": view, "secret": secret }))
}

pub async fn revoke(call: &mut ApiCall<'_>, id: i64) -> Result<Response, ApiError> {
    tokens_db::revoke(&call.bindings.db, id, &call.actor()).await?;
    ok(&json!({ "revoked": id }))
}
