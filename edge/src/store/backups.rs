//! Backups in storage: archives kept in R2 with a row each (D1 `backups`), listed and
//! downloaded here; the daily run of the cron trigger, which queues a backup job per site.
//! Writing an archive and restoring one is the jobs worker's (`crate::jobs::backup`).

use civic_shared::jobs::Kind;
use serde::{Deserialize, Serialize};
use worker::{Bucket, D1Database, Env};

use crate::store::accounts::Actor;
use crate::api::ApiError;
use crate::store::jobs::{self as jobs_store, NewJob};
use crate::store::{num, rows, Bindings};

/// Daily backups kept per site; older ones are deleted when a new one is made.
pub const DAILY_KEPT: usize = 14;

/// Sites one cron run backs up at most: the rest follow in the next hourly runs.
const SITES_PER_RUN: i64 = 20;

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

/// The cron trigger's run: a daily backup job for each site that has no daily backup from
/// the last 20 hours and none waiting in the queue (at most [`SITES_PER_RUN`] per run). The
/// jobs worker makes each and removes the daily backups beyond [`DAILY_KEPT`]; a site whose
/// job fails is tried again in the next run.
pub async fn daily(env: &Env, bindings: &Bindings) -> Result<usize, ApiError> {
    let db = &bindings.db;
    #[derive(Deserialize)]
    struct Due {
        id: i64,
        slug: String,
    }
    let due: Vec<Due> = rows(
        db,
        "SELECT s.id, s.slug FROM sites s WHERE NOT EXISTS (SELECT 1 FROM backups b WHERE b.site_id = s.id AND b.kind = 'daily' \
         AND b.created_at > datetime('now', '-20 hours')) AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.site_id = s.id \
         AND j.kind = 'backup' AND j.state IN ('queued', 'running') AND j.input ->> 'kind' = 'daily') ORDER BY s.id LIMIT ?1",
        &[num(SITES_PER_RUN)],
    )
    .await?;
    let actor = Actor { user_id: None, login: "cron", ip: "" };
    let mut queued = 0;
    for site in &due {
        match queue(env, bindings, site.id, "daily", &actor).await {
            Ok(_) => queued += 1,
            Err(err) => worker::console_error!("daily backup of {}: {err:?}", site.slug),
        }
    }
    Ok(queued)
}
