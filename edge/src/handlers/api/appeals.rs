//! A site's appeals for its staff: the inbox, one appeal, actions on one, its files, its
//! publication; for the operator and administrators the figures; for an administrator the
//! journaled support access to one appeal.

use civic_shared::appeals::inbox::{check_support_reason, Inbox, OneAppeal, SupportAccess, SupportAccessRequest};
use civic_shared::Lang;
use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::authz::SUPPORT_ACCESS_SECONDS;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::appeals as appeals_db;
use crate::store::sites::SiteRow;

pub async fn inbox(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let all = call.flag("all")?;
    ok(&Inbox { appeals: appeals_db::inbox(&call.bindings.db, site.id, !all).await? })
}

/// One appeal with its files: for the site's staff, or an administrator with support access.
pub async fn one(call: &mut ApiCall<'_>, site: &SiteRow, number: &str) -> Result<Response, ApiError> {
    let appeal = appeals_db::one(&call.bindings.db, site.id, number).await?.ok_or(ApiError::NotFound)?;
    ok(&OneAppeal { appeal })
}

pub async fn act(call: &mut ApiCall<'_>, site: &SiteRow, number: &str) -> Result<Response, ApiError> {
    let action: civic_shared::appeals::Action = call.json().await?;
    ok(&OneAppeal { appeal: appeals_db::act(&call.bindings.db, site.id, number, &action, &call.actor()).await? })
}

/// Counts and overdue numbers, without a name or a text.
pub async fn figures(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    ok(&appeals_db::figures(&call.bindings.db, site.id).await?)
}

/// An administrator opens one appeal for support: the reason goes into the journal with the
/// access, which lasts [`SUPPORT_ACCESS_SECONDS`].
pub async fn open_for_support(call: &mut ApiCall<'_>, site: &SiteRow, number: &str) -> Result<Response, ApiError> {
    let request: SupportAccessRequest = call.json().await?;
    let reason = check_support_reason(&request.reason).map_err(|refused| ApiError::BadRequest { path: "reason".into(), reason: refused.message(Lang::Ru) })?;
    let expires_at = call.now + SUPPORT_ACCESS_SECONDS;
    appeals_db::open_for_support(&call.bindings.db, site.id, number, &reason, &call.actor(), call.now, expires_at).await?;
    ok(&SupportAccess { number: number.into(), expires_at })
}

/// `PUT` publishes the answer (with the body's consent and text), `DELETE` withdraws it.
pub async fn publish(call: &mut ApiCall<'_>, site: &SiteRow, number: &str, put: bool) -> Result<Response, ApiError> {
    let publication = match put {
        true => Some(call.json::<civic_shared::appeals::Publication>().await?),
        false => None,
    };
    appeals_db::publish(&call.bindings.db, site.id, number, publication.as_ref(), &call.actor()).await?;
    ok(&json!({ "number": number, "published": publication.is_some() }))
}

/// A file an appellant attached, for the site's staff: always a download, never rendered in
/// the platform's origin.
pub async fn file(call: &mut ApiCall<'_>, site: &SiteRow, number: &str, idx: i64) -> Result<Response, ApiError> {
    let (key, name, kind) = appeals_db::file(&call.bindings.db, site.id, number, idx).await?.ok_or(ApiError::NotFound)?;
    let object = call.bindings.docs.get(&key).execute().await?.ok_or_else(|| ApiError::Storage(format!("missing {key}")))?;
    let bytes = object.body().ok_or_else(|| ApiError::Storage(format!("empty {key}")))?.bytes().await?;
    let mut response = Response::from_bytes(bytes)?;
    let headers = response.headers_mut();
    let encoded: String = name.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    for (header, value) in [
        ("Content-Type", kind.media_type().to_string()),
        ("Content-Disposition", format!("attachment; filename=\"appeal-{number}-{idx}\"; filename*=UTF-8''{encoded}")),
        ("Content-Security-Policy", "default-src 'none'; sandbox".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Cache-Control", "private, no-store".into()),
    ] {
        headers.set(header, &value)?;
    }
    Ok(response)
}
