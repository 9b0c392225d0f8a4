//! Job rows (D1 `jobs`) and the jobs queue: the public worker queues a job and answers with
//! its row; the jobs worker (`crate::jobs`) starts it, writes its progress and ends it (the
//! functions marked `feature = "jobs"`, which only it has).

use civic_shared::jobs::{Failure, Job, Kind, Message, State, Step};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::{D1Database, Env};

use crate::store::accounts::Actor;
use crate::api::ApiError;
use crate::store::{num, rows, storage, Bindings};

/// A job row as stored.
#[derive(Deserialize)]
struct Row {
    id: i64,
    site_id: Option<i64>,
    kind: String,
    state: String,
    done: u32,
    total: u32,
    step: Option<String>,
    result: Option<String>,
    error: Option<String>,
    created_at: String,
    updated_at: String,
}

impl Row {
    fn job(self) -> Result<(Option<i64>, Job), ApiError> {
        let kind = Kind::parse(&self.kind).ok_or_else(|| storage(format!("job {} of kind {}", self.id, self.kind)))?;
        let state = State::parse(&self.state).ok_or_else(|| storage(format!("job {} in state {}", self.id, self.state)))?;
        fn json<T: DeserializeOwned>(text: Option<String>) -> Option<T> {
            text.and_then(|t| serde_json::from_str(&t).ok())
        }
        let job = Job {
            id: self.id,
            kind,
            state,
            done: self.done,
            total: self.total,
            step: self.step.as_deref().and_then(Step::parse),
            result: json(self.result),
            error: json(self.error),
            created_at: self.created_at,
            updated_at: self.updated_at,
        };
        Ok((self.site_id, job))
    }
}

const COLUMNS: &str = "id, site_id, kind, state, done, total, step, result, error, created_at, updated_at";

/// What a job is asked: the site it is about, what to do, and the file it reads, if any.
pub struct NewJob<'a, T> {
    pub site_id: Option<i64>,
    pub kind: Kind,
    pub input: &'a T,
    /// An uploaded archive or page, kept in R2 for the job ([`upload_key`]) until it ends.
    pub upload: Option<Vec<u8>>,
}

/// Writes a job row with what it was asked (and its upload to R2), puts it on the queue and
/// returns the row as the caller answers it. If the upload or the message cannot be stored,
/// the row ends failed and the caller gets a storage error: a job is never left waiting for a
/// message that was not sent.
pub async fn enqueue<T: Serialize>(env: &Env, bindings: &Bindings, new: NewJob<'_, T>, actor: &Actor<'_>) -> Result<Job, ApiError> {
    let db = &bindings.db;
    let NewJob { site_id, kind, input, upload } = new;
    let input = serde_json::to_string(input)?;
    let sql = format!("INSERT INTO jobs (site_id, kind, input, created_by, user_id, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING {COLUMNS}");
    let values = [site_id.map_or(JsValue::NULL, num), kind.as_str().into(), input.into(), actor.login.into(), actor.user_id.map_or(JsValue::NULL, num), actor.ip.into()];
    let row: Row = db.prepare(&sql).bind(&values)?.first(None).await?.ok_or_else(|| storage("new job row missing"))?;
    let (_, job) = row.job()?;
    let sent = async {
        if let Some(bytes) = upload {
            bindings.docs.put(upload_key(job.id), bytes).execute().await?;
        }
        super::jobs_queue(env)?.send(Message { job: job.id }).await
    };
    if let Err(err) = sent.await {
        let failure = ApiError::Storage(err.to_string());
        let _ = fail(db, job.id, &failure).await;
        return Err(failure);
    }
    Ok(job)
}

/// Job `id` with the site it is about (none for a restore into a new site from a file).
pub async fn get(db: &D1Database, id: i64) -> Result<Option<(Option<i64>, Job)>, ApiError> {
    let found: Option<Row> = rows(db, &format!("SELECT {COLUMNS} FROM jobs WHERE id = ?1"), &[num(id)]).await?.into_iter().next();
    found.map(Row::job).transpose()
}

/// A job the jobs worker is about to run: what it was asked, and by whom.
#[cfg(feature = "jobs")]
pub struct Started<T> {
    pub kind: Kind,
    pub site_id: Option<i64>,
    pub input: T,
    pub login: String,
    pub user_id: Option<i64>,
    pub ip: String,
}

#[cfg(feature = "jobs")]
impl<T> Started<T> {
    /// The audit log's actor for what the job changes: the account that asked for it.
    pub fn actor(&self) -> Actor<'_> {
        Actor { user_id: self.user_id, login: &self.login, ip: &self.ip }
    }
}

/// Marks job `id` running and reads it; `None` when it has ended already (a message
/// delivered twice does the work once).
#[cfg(feature = "jobs")]
pub async fn start<T: DeserializeOwned>(db: &D1Database, id: i64) -> Result<Option<Started<T>>, ApiError> {
    #[derive(Deserialize)]
    struct Asked {
        kind: String,
        site_id: Option<i64>,
        input: String,
        created_by: String,
        user_id: Option<i64>,
        ip: String,
    }
    let sql = "UPDATE jobs SET state = 'running', updated_at = datetime('now') WHERE id = ?1 AND state IN ('queued', 'running') \
               RETURNING kind, site_id, input, created_by, user_id, ip";
    let asked: Option<Asked> = db.prepare(sql).bind(&[num(id)])?.first(None).await?;
    let Some(asked) = asked else { return Ok(None) };
    Ok(Some(Started {
        kind: Kind::parse(&asked.kind).ok_or_else(|| storage(format!("job {id} of kind {}", asked.kind)))?,
        site_id: asked.site_id,
        input: serde_json::from_str(&asked.input)?,
        login: asked.created_by,
        user_id: asked.user_id,
        ip: asked.ip,
    }))
}

/// How far job `id` has got.
#[cfg(feature = "jobs")]
pub async fn progress(db: &D1Database, id: i64, step: Step, done: u32, total: u32) -> Result<(), ApiError> {
    db.prepare("UPDATE jobs SET step = ?2, done = ?3, total = ?4, updated_at = datetime('now') WHERE id = ?1 AND state = 'running'")
        .bind(&[num(id), step.as_str().into(), num(done.into()), num(total.into())])
        ?
        .run()
        .await
        ?;
    Ok(())
}

/// Job `id` is done with `result` (the answer the endpoint that queued it documents).
#[cfg(feature = "jobs")]
pub async fn finish(db: &D1Database, id: i64, result: &impl Serialize) -> Result<(), ApiError> {
    let result = serde_json::to_string(result)?;
    db.prepare("UPDATE jobs SET state = 'done', done = total, result = ?2, updated_at = datetime('now') WHERE id = ?1")
        .bind(&[num(id), result.into()])
        ?
        .run()
        .await
        ?;
    Ok(())
}

/// Job `id` failed with `error`, in the status and body the API answers it with.
pub async fn fail(db: &D1Database, id: i64, error: &ApiError) -> Result<(), ApiError> {
    let (status, body) = error.to_http();
    let problem = crate::problem::problem(error, civic_shared::Lang::Ru, &format!("/api/jobs/{id}"));
    let problem = serde_json::to_value(&problem)?;
    let failure = Failure { status, body: serde_json::from_str(&body)?, problem: Some(problem) };
    let failure = serde_json::to_string(&failure)?;
    db.prepare("UPDATE jobs SET state = 'failed', error = ?2, updated_at = datetime('now') WHERE id = ?1")
        .bind(&[num(id), failure.into()])
        ?
        .run()
        .await
        ?;
    Ok(())
}

/// Where the upload of job `id` waits in R2 until the job ends.
pub fn upload_key(id: i64) -> String {
    format!("jobs/{id}/upload")
}

/// The upload of job `id`, which it reads once.
#[cfg(feature = "jobs")]
pub async fn take_upload(bucket: &worker::Bucket, id: i64) -> Result<Vec<u8>, ApiError> {
    let key = upload_key(id);
    let object = bucket.get(&key).execute().await?.ok_or_else(|| storage(format!("missing {key}")))?;
    let bytes = object.body().ok_or_else(|| storage(format!("empty {key}")))?.bytes().await?;
    Ok(bytes)
}

/// Removes the upload of job `id` (there may be none).
#[cfg(feature = "jobs")]
pub async fn drop_upload(bucket: &worker::Bucket, id: i64) -> Result<(), ApiError> {
    Ok(bucket.delete(upload_key(id)).await?)
}
