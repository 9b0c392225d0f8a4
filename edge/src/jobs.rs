//! The jobs worker's work (built only with the `jobs` feature, into the jobs worker; the
//! public worker never carries the ZIP writer or the HTML parser it needs): a message from the
//! jobs queue names a job row, which is started, run by its kind, and ended done with its
//! result or failed with the error the API would have answered. A failed job has changed
//! nothing; the upload it read is removed either way.

pub mod backup;
mod site_import;

use civic_shared::jobs::{Kind, Step};
use serde::de::DeserializeOwned;
use serde_json::Value;
use worker::{Bucket, D1Database, Env};

use crate::api::ApiError;
use crate::store::backups::BackupJob;
use crate::store::jobs::{self as jobs_store, Started};
use crate::store::site_import::{ImportJob, Upload};
use crate::store::{self, storage, Bindings};

/// How often, at most, a running job writes its progress (D1 writes are not free).
const PROGRESS_EVERY_MS: f64 = 250.0;

/// A running job's progress, written to its row now and then.
pub struct Progress<'a> {
    db: &'a D1Database,
    job: i64,
    written: f64,
}

impl Progress<'_> {
    /// `done` of `total` units at `step`; written when the step changes, at the end, or when
    /// the last write is [`PROGRESS_EVERY_MS`] old.
    pub async fn report(&mut self, step: Step, done: usize, total: usize) -> Result<(), ApiError> {
        let now = worker::Date::now().as_millis() as f64;
        if done > 0 && done < total && now - self.written < PROGRESS_EVERY_MS {
            return Ok(());
        }
        self.written = now;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        jobs_store::progress(self.db, self.job, step, count(done), count(total)).await
    }
}

/// Runs job `id` to its end. An error here is storage's (the row could not be read or
/// written): the queue handler (`jobs/src/lib.rs`) then marks the job failed with [`give_up`],
/// or, if even that fails, has the queue deliver the message again.
pub async fn run(env: &Env, id: i64) -> Result<(), ApiError> {
    let Bindings { db, docs, .. } = Bindings::open(env)?;
    let Some(started) = jobs_store::start::<Value>(&db, id).await? else {
        return Ok(());
    };
    let mut progress = Progress { db: &db, job: id, written: 0.0 };
    match work(&db, &docs, id, &started, &mut progress).await {
        Ok(result) => jobs_store::finish(&db, id, &result).await?,
        Err(err) => jobs_store::fail(&db, id, &err).await?,
    }
    jobs_store::drop_upload(&docs, id).await
}

/// Marks job `id` failed after its worker failed on it (its row could not be written then),
/// so the constructor stops waiting.
pub async fn give_up(env: &Env, id: i64) -> Result<(), ApiError> {
    let Bindings { db, docs, .. } = Bindings::open(env)?;
    jobs_store::fail(&db, id, &ApiError::Storage("the jobs worker failed on this job".into())).await?;
    jobs_store::drop_upload(&docs, id).await
}

async fn work(db: &D1Database, bucket: &Bucket, id: i64, started: &Started<Value>, progress: &mut Progress<'_>) -> Result<Value, ApiError> {
    let actor = started.actor();
    let result = match started.kind {
        Kind::Backup => {
            let asked: BackupJob = input(&started.input)?;
            let site_id = started.site_id.ok_or(ApiError::SiteNotFound)?;
            serde_json::to_value(backup::backup(db, bucket, site_id, &asked.kind, &actor, progress).await?)
        }
        Kind::Restore => {
            let asked: crate::store::backups::RestoreJob = input(&started.input)?;
            serde_json::to_value(backup::restore_job(db, bucket, id, &asked, &actor, progress).await?)
        }
        Kind::SiteImport => {
            let asked: ImportJob = input(&started.input)?;
            let site_id = started.site_id.ok_or(ApiError::SiteNotFound)?;
            let slug = slug_of(db, site_id).await?;
            let site = store::sites::site_by_slug(db, &slug).await?.ok_or(ApiError::SiteNotFound)?;
            let upload = Upload::from_kept(jobs_store::take_upload(bucket, id).await?);
            return site_import::run(db, bucket, &site, &slug, (upload, &asked), &actor, progress).await;
        }
    };
    Ok(result?)
}

async fn slug_of(db: &D1Database, site_id: i64) -> Result<String, ApiError> {
    #[derive(serde::Deserialize)]
    struct Slug {
        slug: String,
    }
    let found: Vec<Slug> = store::rows(db, "SELECT slug FROM sites WHERE id = ?1", &[store::num(site_id)]).await?;
    found.into_iter().next().map(|s| s.slug).ok_or(ApiError::SiteNotFound)
}

fn input<T: DeserializeOwned>(value: &Value) -> Result<T, ApiError> {
    Ok(T::deserialize(value)?)
}
