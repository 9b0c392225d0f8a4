//! Importing an old site into a site's draft, from the constructor.

use civic_shared::site_import::convert::Options;
use civic_shared::site_import::{SiteImportError, MAX_UPLOAD_BYTES};
use worker::Response;

use crate::api::ApiError;
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::site_import::{self as site_import_db, Request, Upload};
use crate::store::sites::SiteRow;

pub async fn run(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    let request = import_request(call).await?;
    ok(&site_import_db::run(&call.bindings, site, slug, request, &call.actor()).await?)
}

/// The constructor's import request: the body is the archive or page itself, the options
/// are in the query.
async fn import_request(call: &mut ApiCall<'_>) -> Result<Request, ApiError> {
    if call.declared_length().is_some_and(|len| len > MAX_UPLOAD_BYTES) {
        return Err(ApiError::SiteImport(SiteImportError::TooBig));
    }
    let content_type = call.request.headers().get("content-type").ok().flatten().unwrap_or_default();
    let query = call.query()?;
    let text = |name: &str| query.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let base_version = match text("base_version") {
        Some(v) => Some(v.parse::<i64>().map_err(|_| bad("base_version", "целое число"))?),
        None => None,
    };
    let bytes = call.request.bytes().await.map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })?;
    Ok(Request {
        upload: Upload::from_body(bytes, &content_type)?,
        options: Options { parent: text("parent"), old_host: text("old_host") },
        dry_run: query.contains_key("dry_run"),
        base_version,
    })
}
