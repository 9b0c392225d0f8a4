//! Importing an old site into a site's draft, from the constructor: the upload is checked as
//! far as it cheaply can be and queued for the jobs worker (`crate::jobs::site_import`).

use civic_shared::jobs::Kind as JobKind;
use civic_shared::site_import::{SiteImportError, MAX_UPLOAD_BYTES};
use worker::Response;

use crate::api::ApiError;
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::queued;
use crate::store::jobs::{self as jobs_db, NewJob};
use crate::store::site_import::{ImportJob, Upload};
use crate::store::sites::SiteRow;

pub async fn run(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let (input, upload) = import_request(call).await?;
    if input.base_version.is_some_and(|seen| seen != site.draft_version) {
        return Err(ApiError::StaleVersion { current_version: site.draft_version });
    }
    let new = NewJob { site_id: Some(site.id), kind: JobKind::SiteImport, input: &input, upload: Some(upload.into_bytes()) };
    queued(jobs_db::enqueue(call.env, &call.bindings, new, &call.actor()).await?)
}

/// The constructor's import request: the body is the archive or page itself, the options
/// are in the query.
async fn import_request(call: &mut ApiCall<'_>) -> Result<(ImportJob, Upload), ApiError> {
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
    let asked = ImportJob { parent: text("parent"), old_host: text("old_host"), dry_run: query.contains_key("dry_run"), base_version };
    Ok((asked, Upload::from_body(bytes, &content_type)?))
}
