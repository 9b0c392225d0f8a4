//! A site's backups: list, make one, download one, restore one (into the site or a new one).

use civic_shared::backup::{self, Backup, BackupError};
use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::{download, json_with_status, ok};
use crate::store::backups as backups_db;
use crate::store::sites::{self as sites_db, SiteRow};

pub async fn list(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let backups = backups_db::list(&call.bindings.db, site.id).await?;
    ok(&json!({ "backups": backups, "daily_kept": backups_db::DAILY_KEPT, "max_bytes": backup::MAX_ARCHIVE_BYTES }))
}

pub async fn create(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let made = backups_db::create(&call.bindings.db, &call.bindings.docs, site.id, "manual", &call.actor()).await?;
    json_with_status(201, &json!({ "backup": made }))
}

pub async fn archive(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str, id: i64) -> Result<Response, ApiError> {
    let (row, bytes) = backups_db::archive(&call.bindings.db, &call.bindings.docs, site.id, id).await?.ok_or(ApiError::NotFound)?;
    let day = row.created_at.get(..10).unwrap_or_default();
    download(bytes, "application/zip", &format!("{slug}-{day}-{id}.zip"))
}

pub async fn restore(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    let backup = backup_to_restore(call, Some(slug)).await?;
    let target = backups_db::Target { id: Some(site.id), slug, name: None };
    ok(&json!({ "restored": backups_db::restore(&call.bindings.db, &call.bindings.docs, &target, &backup, &call.actor()).await? }))
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
    let backup = backup_to_restore(call, None).await?;
    let target = backups_db::Target { id: None, slug: &slug, name: name.as_deref() };
    let restored = backups_db::restore(&call.bindings.db, &call.bindings.docs, &target, &backup, &call.actor()).await?;
    json_with_status(201, &json!({ "restored": restored }))
}

/// The backup a restore reads: a stored one (`?backup=<id>` of the site `?from=<slug>`, the
/// target site by default), or the archive sent as the body.
async fn backup_to_restore(call: &mut ApiCall<'_>, own_site: Option<&str>) -> Result<Backup, ApiError> {
    let query = call.query()?;
    let bytes = match query.get("backup") {
        Some(id) => {
            let id = id.parse::<i64>().map_err(|_| bad("backup", "номер резервной копии"))?;
            let slug = query.get("from").map(String::as_str).or(own_site).ok_or_else(|| bad("from", "укажите сайт, чья это копия"))?;
            let source = sites_db::site_by_slug(&call.bindings.db, slug).await?.ok_or(ApiError::SiteNotFound)?;
            backups_db::archive(&call.bindings.db, &call.bindings.docs, source.id, id).await?.ok_or(ApiError::NotFound)?.1
        }
        None => {
            if call.declared_length().is_some_and(|len| len > backup::MAX_ARCHIVE_BYTES) {
                return Err(ApiError::Backup(BackupError::TooBig));
            }
            call.request.bytes().await.map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })?
        }
    };
    backup::read(&bytes).map_err(ApiError::Backup)
}
