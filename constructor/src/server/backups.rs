//! Calls of «Резервные копии» and of the days off the support desk skips.

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};

use super::{change, encode, follow_job, ok_json, ok_text, post_with_progress, Job, ServerError, UploadBody};

/// A backup of a site, as the list shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BackupItem {
    pub id: i64,
    /// `manual`, `daily` or `before-restore`.
    pub kind: String,
    pub bytes: i64,
    pub created_by: String,
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub created_at: String,
}

/// The site's backups with the platform's rules for them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Backups {
    pub backups: Vec<BackupItem>,
    pub daily_kept: usize,
    pub max_bytes: usize,
    /// The last daily backup, if it failed since the newest daily one was made.
    #[serde(default)]
    pub failed_daily: Option<FailedDaily>,
}

/// A daily backup that failed: when (UTC), and why in the server's words.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FailedDaily {
    pub at: String,
    #[serde(default)]
    pub message_ru: Option<String>,
    #[serde(default)]
    pub message_en: Option<String>,
}

impl FailedDaily {
    /// Why, in the interface language (Russian when there is no other).
    pub fn message(&self) -> Option<&str> {
        match crate::i18n::lang() {
            civic_shared::Lang::En if self.message_en.is_some() => self.message_en.as_deref(),
            _ => self.message_ru.as_deref(),
        }
    }
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Restored {
    pub slug: String,
    pub revisions: usize,
    pub items: usize,
    pub media: usize,
    pub before_restore: Option<BackupItem>,
}

#[derive(Deserialize)]
struct RestoredBody {
    restored: Restored,
}

/// The site's backups, newest first.
pub async fn backups(site: &str) -> Result<Backups, ServerError> {
    ok_json(Request::get(&format!("/api/sites/{}/backups", encode(site))).send().await).await
}

/// Backs the site up now (a job of the jobs worker, followed through `on_job`).
pub async fn create_backup(site: &str, on_job: &yew::Callback<Job>) -> Result<BackupItem, ServerError> {
    #[derive(Deserialize)]
    struct Created {
        backup: BackupItem,
    }
    let request = change(Request::post(&format!("/api/sites/{}/backups", encode(site))), String::new())?;
    let queued = ok_text(request.send().await).await?;
    let created: Created = serde_json::from_str(&follow_job(&queued, on_job).await?).map_err(|_| ServerError::Refused)?;
    Ok(created.backup)
}

/// Where a backup's archive downloads from.
pub fn backup_href(site: &str, id: i64) -> String {
    format!("/api/sites/{}/backups/{id}", encode(site))
}

/// Restores backup `id` of `site` into the same site, or into a new site `(slug, name)`.
pub async fn restore_backup(site: &str, id: i64, new_site: Option<(&str, &str)>, on_job: &yew::Callback<Job>) -> Result<Restored, ServerError> {
    let url = match new_site {
        None => format!("/api/sites/{}/restore?backup={id}", encode(site)),
        Some((slug, name)) => format!("/api/backups/restore?from={}&backup={id}&slug={}&name={}", encode(site), encode(slug), encode(name)),
    };
    let queued = ok_text(change(Request::post(&url), String::new())?.send().await).await?;
    restored(&follow_job(&queued, on_job).await?)
}

/// Restores the site from an archive file the administrator chose, with upload progress.
pub async fn restore_file(site: &str, file: &web_sys::File, on_progress: yew::Callback<(f64, f64)>, on_job: &yew::Callback<Job>) -> Result<Restored, ServerError> {
    let url = format!("/api/sites/{}/restore", encode(site));
    let headers = [("Content-Type", "application/zip".to_string())];
    let queued = post_with_progress(&url, &headers, UploadBody::File(file), on_progress).await?;
    restored(&follow_job(&queued, on_job).await?)
}

fn restored(result: &str) -> Result<Restored, ServerError> {
    let body: RestoredBody = serde_json::from_str(result).map_err(|_| ServerError::Refused)?;
    Ok(body.restored)
}

/// A day off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holiday {
    pub day: String,
    pub name: String,
}

#[derive(Deserialize)]
struct HolidayYear {
    days: Vec<Holiday>,
}

/// The days off of `year`.
pub async fn holidays(year: i64) -> Result<Vec<Holiday>, ServerError> {
    let found: HolidayYear = ok_json(Request::get(&format!("/api/holidays?year={year}")).send().await).await?;
    Ok(found.days)
}

/// Replaces the days off of `year`; the list as the server keeps it.
pub async fn save_holidays(year: i64, days: &[Holiday]) -> Result<Vec<Holiday>, ServerError> {
    let body = serde_json::json!({ "year": year, "days": days }).to_string();
    let saved: HolidayYear = ok_json(change(Request::put("/api/holidays"), body)?.send().await).await?;
    Ok(saved.days)
}
