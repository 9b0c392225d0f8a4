//! Backups in storage: archives kept in R2 with a row each (D1 `backups`), listed and
//! downloaded here; the daily run of the cron trigger, which queues a backup job per site.
//! Writing an archive and restoring one is the jobs worker's (`crate::jobs::backup`).

use civic_shared::jobs::{Kind, Message};
use serde::{Deserialize, Serialize};
use worker::{Bucket, D1Database, Env};

use crate::store::accounts::Actor;
use crate::api::ApiError;
use crate::store::jobs::{self as jobs_store, NewJob};
use crate::store::{num, rows, Bindings};

/// Daily backups kept per site; older ones are deleted when a new one is made.
pub const DAILY_KEPT: usize = 14;

/// Sites one cron run queues at least; with more sites, a twentieth of them (20 hourly runs
/// fit in the 20 hours a daily backup is fresh).
const SITES_PER_RUN: i64 = 20;

/// Hours a site whose daily backup failed waits before it is tried again.
const RETRY_AFTER_HOURS: i64 = 6;

/// Messages in one send to the queue (Cloudflare Queues take at most 100).
const SEND_BATCH: usize = 100;

/// A backup in the list.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BackupRow {
    pub id: i64,
    /// Where the archive is in R2: not shown.
    #[serde(default, skip_serializing)]
    pub key: String,
    pub kind: String,
    pub bytes: i64,
    pub sha256: String,
    pub created_by: String,
    pub created_at: String,
}

pub(crate) async fn object_bytes(bucket: &Bucket, key: &str) -> Result<Vec<u8>, ApiError> {
    let object = bucket.get(key).execute().await?.ok_or_else(|| ApiError::Storage(format!("missing {key}")))?;
    Ok(object.body().ok_or_else(|| ApiError::Storage(format!("empty {key}")))?.bytes().await?)
}

/// The site's backups, newest first.
pub async fn list(db: &D1Database, site_id: i64) -> Result<Vec<BackupRow>, ApiError> {
    rows(db, "SELECT id, kind, bytes, sha256, created_by, created_at FROM backups WHERE site_id = ?1 ORDER BY id DESC", &[num(site_id)]).await
}

/// The archive of backup `id` of the site (another site's id is "no such backup").
pub async fn archive(db: &D1Database, bucket: &Bucket, site_id: i64, id: i64) -> Result<Option<(BackupRow, Vec<u8>)>, ApiError> {
    let found: Option<BackupRow> = rows(
        db,
        "SELECT key, id, kind, bytes, sha256, created_by, created_at FROM backups WHERE site_id = ?1 AND id = ?2",
        &[num(site_id), num(id)],
    )
    .await?
    .into_iter()
    .next();
    match found {
        Some(found) => {
            let bytes = object_bytes(bucket, &found.key).await?;
            Ok(Some((found, bytes)))
        }
        None => Ok(None),
    }
}

/// Where a restore goes: an existing site, or a new one under a free address.
#[derive(Debug, Serialize, Deserialize)]
pub struct Target {
    pub id: Option<i64>,
    pub slug: String,
    /// The new site's name (a new site only); the backup's when absent.
    pub name: Option<String>,
}

/// The archive a restore reads.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The file sent with the request, kept for the job (`crate::store::jobs::upload_key`).
    Upload,
    /// A stored backup: row `backup` of site `site_id`.
    Stored { site_id: i64, backup: i64 },
}

/// What a restore job is asked.
#[derive(Debug, Serialize, Deserialize)]
pub struct RestoreJob {
    pub target: Target,
    pub source: Source,
}

/// What a backup job is asked.
#[derive(Serialize, Deserialize)]
pub struct BackupJob {
    /// `manual` (an administrator's) or `daily` (the cron trigger's).
    pub kind: String,
}

/// Queues a backup of the site: the answer is the job, whose result is `{"backup": …}`.
pub async fn queue(env: &Env, bindings: &Bindings, site_id: i64, kind: &str, actor: &Actor<'_>) -> Result<civic_shared::jobs::Job, ApiError> {
    let input = BackupJob { kind: kind.into() };
    jobs_store::enqueue(env, bindings, NewJob { site_id: Some(site_id), kind: Kind::Backup, input: &input, upload: None }, actor).await
}

/// The cron trigger's run: a daily backup job for each site that is due, queued in one D1
/// statement and sent in batches (the jobs worker makes each backup and removes the daily ones
/// beyond [`DAILY_KEPT`]). A site is due when it has no daily backup from the last 20 hours,
/// none waiting in the queue, and no daily backup that failed in the last [`RETRY_AFTER_HOURS`]
/// (a site that always fails, say over the size bound, waits instead of taking a slot every
/// hour; «Резервные копии» shows its administrators why). The sites whose newest daily backup
/// is oldest go first, those never backed up before all, and each run takes a twentieth of the
/// region (at least [`SITES_PER_RUN`]), so every site gets its backup within a day at any size.
pub async fn daily(env: &Env, bindings: &Bindings) -> Result<usize, ApiError> {
    let db = &bindings.db;
    #[derive(Deserialize)]
    struct Queued {
        id: i64,
    }
    let queued: Vec<Queued> = rows(
        db,
        "INSERT INTO jobs (site_id, kind, input, created_by) \
         SELECT s.id, 'backup', '{\"kind\":\"daily\"}', 'cron' FROM sites s \
         WHERE NOT EXISTS (SELECT 1 FROM backups b WHERE b.site_id = s.id AND b.kind = 'daily' AND b.created_at > datetime('now', '-20 hours')) \
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.site_id = s.id AND j.kind = 'backup' AND j.input ->> 'kind' = 'daily' \
             AND (j.state IN ('queued', 'running') OR (j.state = 'failed' AND j.updated_at > datetime('now', ?2)))) \
         ORDER BY (SELECT MAX(b.created_at) FROM backups b WHERE b.site_id = s.id AND b.kind = 'daily') IS NOT NULL, \
           (SELECT MAX(b.created_at) FROM backups b WHERE b.site_id = s.id AND b.kind = 'daily'), s.id \
         LIMIT MAX(?1, (SELECT (COUNT(*) + 19) / 20 FROM sites)) \
         RETURNING id",
        &[num(SITES_PER_RUN), format!("-{RETRY_AFTER_HOURS} hours").into()],
    )
    .await?;
    let queue = super::jobs_queue(env)?;
    for batch in queued.chunks(SEND_BATCH) {
        let messages: Vec<Message> = batch.iter().map(|row| Message { job: row.id }).collect();
        if let Err(err) = queue.send_batch(messages).await {
            // Not sent: the rows end failed (nobody waits for them), and the next run tries again.
            worker::console_error!("daily backups: {} not queued: {err:?}", batch.len());
            for row in batch {
                jobs_store::fail(db, row.id, &ApiError::Storage(err.to_string())).await?;
            }
        }
    }
    Ok(queued.len())
}

/// The last daily backup of the site, if it failed after the newest daily backup was made:
/// when, and the error in the words the constructor shows.
pub async fn failed_daily(db: &D1Database, site_id: i64) -> Result<Option<FailedDaily>, ApiError> {
    let found: Vec<FailedDaily> = rows(
        db,
        "SELECT j.updated_at AS at, j.error ->> '$.body.error.problems[0].message_ru' AS message_ru, \
         j.error ->> '$.body.error.problems[0].message_en' AS message_en FROM jobs j \
         WHERE j.site_id = ?1 AND j.kind = 'backup' AND j.input ->> 'kind' = 'daily' AND j.state = 'failed' \
           AND j.updated_at > COALESCE((SELECT MAX(b.created_at) FROM backups b WHERE b.site_id = ?1 AND b.kind = 'daily'), '') \
         ORDER BY j.id DESC LIMIT 1",
        &[num(site_id)],
    )
    .await?;
    Ok(found.into_iter().next())
}

/// A daily backup that failed (see [`failed_daily`]).
#[derive(Debug, Serialize, Deserialize)]
pub struct FailedDaily {
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// Why, in Russian and in English (none when storage failed without words).
    pub message_ru: Option<String>,
    pub message_en: Option<String>,
}
