//! Storage, by table or bucket: D1 rows, R2 objects, KV entries. Nothing here knows of a
//! request or a response; functions take the binding they use (or [`Bindings`]) and return
//! `Result<_, ApiError>`, a failed binding being [`ApiError::Storage`] through `?`.

use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database, Env, KvStore};

use crate::api::ApiError;

pub mod accounts;
pub mod appeals;
pub mod attempts;
pub mod backups;
pub mod collections;
pub mod comments;
pub mod compliance;
pub mod domains;
pub mod hot_cache;
pub mod jobs;
pub mod media;
pub mod migration;
pub mod page_cache;
pub mod polls;
pub mod search;
pub mod site_import;
pub mod sites;
pub mod support;
pub mod tokens;
pub mod training;
pub mod visits;

/// The worker's storage bindings, opened once per request (or cron run) from its `Env`.
pub struct Bindings {
    /// D1: every table.
    pub db: D1Database,
    /// R2: document bodies, media, appeal files, backups.
    pub docs: Bucket,
    /// KV: rendered pages and bound hosts.
    pub pages: KvStore,
}

impl Bindings {
    /// The one place the bindings are looked up by name (`wrangler.toml` declares them).
    pub fn open(env: &Env) -> worker::Result<Bindings> {
        Ok(Bindings { db: env.d1("DB")?, docs: env.bucket("DOCS")?, pages: env.kv("PAGES")? })
    }
}

/// The jobs queue the public worker sends to (`[[queues.producers]]`; the jobs worker, which
/// consumes it, has no such binding).
pub fn jobs_queue(env: &Env) -> worker::Result<worker::Queue> {
    env.queue("JOBS")
}

/// A storage failure of any binding, as the API reports it (nothing was changed).
impl From<worker::Error> for ApiError {
    fn from(err: worker::Error) -> ApiError {
        storage(err)
    }
}

impl From<worker::kv::KvError> for ApiError {
    fn from(err: worker::kv::KvError) -> ApiError {
        storage(err)
    }
}

/// A stored value that does not read back (or a value that does not serialise) is a storage
/// failure too: the stored data is the platform's own.
impl From<serde_json::Error> for ApiError {
    fn from(err: serde_json::Error) -> ApiError {
        storage(err)
    }
}

/// A storage failure described in words (`missing docs/…`).
pub(crate) fn storage(err: impl std::fmt::Display) -> ApiError {
    ApiError::Storage(err.to_string())
}

/// D1 takes numbers as JS numbers; i64 would become a BigInt it refuses.
pub(crate) fn num(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// Today in UTC, `YYYY-MM-DD`: picks the rule set in force, dates appeals and votes, and keys
/// the page cache by day.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Every row of a query, as `T`.
pub(crate) async fn rows<T: serde::de::DeserializeOwned>(db: &D1Database, sql: &str, params: &[JsValue]) -> Result<Vec<T>, ApiError> {
    Ok(db.prepare(sql).bind(params)?.all().await?.results::<T>()?)
}
