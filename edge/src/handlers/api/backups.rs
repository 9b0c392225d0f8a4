//! A site's backups: list, back up now, download one, restore one (into the site or a new
//! one). Backing up and restoring are jobs of the jobs worker: these handlers check what they
//! cheaply can, queue the job and answer `202` with it.

use civic_shared::backup::{self, BackupError};
use civic_shared::jobs::Kind as JobKind;
use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::{download, ok, queued};
use crate::store::backups::{self as backups_db, RestoreJob, Source, Target};
use crate::store::jobs::{self as jobs_db, NewJob};
use crate::store::sites::{self as sites_db, SiteRow};

pub async fn list(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let backups = backups_db::list(&call.bindings.db, site.id).await?;
    let failed_daily = backups_db::failed_daily(&call.bindings.db, site.id).await?;
    ok(&json!({ "backups": backups, "daily_kept": backups_db::DAILY_KEPT, "max_bytes": backup::MAX_ARCHIVE_BYTES, "failed_daily": failed_daily }))
}

pub async fn create(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    queued(backups_db::queue(call.env, &call.bindings, site.id, "manual", &call.actor()).await?)
}

pub async fn archive(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str, id: i64) -> Result<Response, ApiError> {
    let (row, bytes) = backups_db::archive(&call.bindings.db, &call.bindings.docs, site.id, id).await?.ok_or(ApiError::NotFound)?;
    let day = row.created_at.get(..10).unwrap_or_default();
    download(bytes, "application/zip", &format!("{slug}-{day}-{id}.zip"))
}

pub async fn restore(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    let (source, upload) = backup_to_restore(call, Some(slug)).await?;
    let input = RestoreJob { target: Target { id: Some(site.id), slug: slug.into(), name: None }, source };
    let new = NewJob { site_id: Some(site.id), kind: JobKind::Restore, input: &input, upload };
    queued(jobs_db::enqueue(call.env, &call.bindings, new, &call.actor()).await?)
}

pub async fn restore_new(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let url = call.request.url()?;
    let query: std::collections::HashMap<String, String> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.trim().to_string())).collect();
    let slug = query.get("slug").cloned().unwrap_or_default();
    if !civic_shared::validate::is_slug(&slug) || slug.len() > 40 {
        return Err(bad("slug", "строчные латинские буквы, цифры и дефис, до 40 знаков"));
    }
    let name = query.get("name").filter(|n| !n.is_empty()).cloned();
    if name.as_ref().is_some_and(|n| n.chars().count() > civic_shared::validate::MAX_LINE) {
        return Err(bad("name", "не длиннее одной строки"));
    }
    if sites_db::site_by_slug(&call.bindings.db, &slug).await?.is_some() {
        return Err(ApiError::Taken { path: "slug".into() });
    }
    let (source, upload) = backup_to_restore(call, None).await?;
    // The job is the source site's (an uploaded file has none): its administrators follow it.
    let site_id = match source {
        Source::Stored { site_id, .. } => Some(site_id),
        Source::Upload => None,
    };
    let input = RestoreJob { target: Target { id: None, slug, name }, source };
    let new = NewJob { site_id, kind: JobKind::Restore, input: &input, upload };
    queued(jobs_db::enqueue(call.env, &call.bindings, new, &call.actor()).await?)
}

/// The backup a restore reads: a stored one (`?backup=<id>` of the site `?from=<slug>`, the
/// target site by default), or the archive sent as the body, which is checked as far as it
/// cheaply can be (its size, its first bytes) and kept for the job.
async fn backup_to_restore(call: &mut ApiCall<'_>, own_site: Option<&str>) -> Result<(Source, Option<Vec<u8>>), ApiError> {
    let query = call.query()?;
    match query.get("backup") {
        Some(id) => {
            let id = id.parse::<i64>().map_err(|_| bad("backup", "номер резервной копии"))?;
            let slug = query.get("from").map(String::as_str).or(own_site).ok_or_else(|| bad("from", "укажите сайт, чья это копия"))?;
            let source = sites_db::site_by_slug(&call.bindings.db, slug).await?.ok_or(ApiError::SiteNotFound)?;
            if !backups_db::list(&call.bindings.db, source.id).await?.iter().any(|row| row.id == id) {
                return Err(ApiError::NotFound);
            }
            Ok((Source::Stored { site_id: source.id, backup: id }, None))
        }
        None => {
            if call.declared_length().is_some_and(|len| len > backup::MAX_ARCHIVE_BYTES) {
                return Err(ApiError::Backup(BackupError::TooBig));
            }
            let bytes = call.request.bytes().await.map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })?;
            if bytes.len() > backup::MAX_ARCHIVE_BYTES {
                return Err(ApiError::Backup(BackupError::TooBig));
            }
            backup::looks_like_archive(&bytes).map_err(ApiError::Backup)?;
            Ok((Source::Upload, Some(bytes)))
        }
    }
}
