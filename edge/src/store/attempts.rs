//! The `attempts` table: rate-limit counters by key and window. Keys that concern a sender
//! are salted hashes of its network (`crate::rate_limit::counter_key`), with the salt of the
//! day; expired counters are swept by the cron run.

use serde::Deserialize;
use worker::{D1Database, KvStore};

use crate::accounts::AttemptLimit;
use crate::api::ApiError;
use crate::rate_limit::{self, Throttle};
use crate::store::{num, today};

#[derive(Deserialize)]
struct Counter {
    window_start: i64,
    failures: i64,
}

/// The key of the counter `scope` for the sender of `ip`, under today's salt.
pub async fn sender_key(kv: &KvStore, scope: &str, ip: &str) -> Result<String, ApiError> {
    let salt = crate::store::visits::daily_salt(kv, &today()).await?;
    Ok(rate_limit::counter_key(&salt, scope, ip))
}

async fn counter(db: &D1Database, key: &str) -> Result<Option<Counter>, ApiError> {
    Ok(db.prepare("SELECT window_start, failures FROM attempts WHERE key = ?1").bind(&[key.into()])?.first::<Counter>(None).await?)
}

/// Seconds to wait if the counter `key` has reached `limit`.
pub async fn attempts_left(db: &D1Database, key: &str, limit: AttemptLimit, now: i64) -> Result<Option<i64>, ApiError> {
    Ok(counter(db, key).await?.and_then(|row| limit.retry_after(row.window_start, row.failures, now)))
}

/// Counts one failure against `key`; an expired window starts again at one.
pub async fn record_failure(db: &D1Database, key: &str, limit: AttemptLimit, now: i64) -> Result<(), ApiError> {
    count(db, key, limit, now).await.map(|_| ())
}

/// Counts one attempt against `key` before it is carried out, in one statement that adds one
/// and returns the count (concurrent attempts each see their own number): seconds to wait if
/// this one is past `limit`, which then is not to be carried out.
pub async fn count_attempt(db: &D1Database, key: &str, limit: AttemptLimit, now: i64) -> Result<Option<i64>, ApiError> {
    let row = count(db, key, limit, now).await?;
    Ok(row.and_then(|row| limit.retry_after(row.window_start, row.failures - 1, now)))
}

async fn count(db: &D1Database, key: &str, limit: AttemptLimit, now: i64) -> Result<Option<Counter>, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO attempts (key, window_start, failures) VALUES (?1, ?2, 1) \
             ON CONFLICT(key) DO UPDATE SET \
               failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END, \
               window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END \
             RETURNING window_start, failures",
        )
        .bind(&[key.into(), num(now), num(limit.window_seconds)])?
        .first::<Counter>(None)
        .await?)
}

/// Takes back one attempt counted by [`count_attempt`] that turned out well (a right password).
pub async fn uncount(db: &D1Database, key: &str) -> Result<(), ApiError> {
    db.prepare("UPDATE attempts SET failures = MAX(failures - 1, 0) WHERE key = ?1").bind(&[key.into()])?.run().await?;
    Ok(())
}

/// Asks `throttle` to let one attempt through now, before it is carried out: one statement
/// that, only if the wait after the last checked attempt is over, counts this one and marks
/// the time (`window_start` holds the last checked attempt's time). Refused attempts change
/// nothing, so they never lengthen the wait. `None` when let through, else seconds to wait.
pub async fn claim(db: &D1Database, key: &str, throttle: Throttle, now: i64) -> Result<Option<i64>, ApiError> {
    // The wait after `failures` checked attempts, as `Throttle::wait_after` computes it.
    let wait = "(CASE WHEN failures < ?3 THEN 0 ELSE MIN(?5, ?4 * (1 << MIN(failures - ?3, 30))) END)";
    let sql = format!(
        "INSERT INTO attempts (key, window_start, failures) VALUES (?1, ?2, 1) \
         ON CONFLICT(key) DO UPDATE SET \
           failures = CASE WHEN ?2 >= window_start + {wait} + ?6 THEN 1 ELSE failures + 1 END, \
           window_start = ?2 \
         WHERE ?2 >= window_start + {wait} \
         RETURNING failures"
    );
    #[derive(Deserialize)]
    struct Claimed {
        #[allow(dead_code)]
        failures: i64,
    }
    let params = [key.into(), num(now), num(throttle.free), num(throttle.first_wait), num(throttle.longest_wait), num(throttle.quiet)];
    if db.prepare(&sql).bind(&params)?.first::<Claimed>(None).await?.is_some() {
        return Ok(None);
    }
    // Refused: how long is left (at least a second, should the wait have just ended).
    let row = counter(db, key).await?;
    Ok(Some(row.and_then(|row| throttle.retry_after(row.window_start, row.failures, now)).unwrap_or(1)))
}

/// Forgets the counter `key` (a sender's own throttle after its right password).
pub async fn forget(db: &D1Database, key: &str) -> Result<(), ApiError> {
    db.prepare("DELETE FROM attempts WHERE key = ?1").bind(&[key.into()])?.run().await?;
    Ok(())
}

/// Deletes every counter whose window is surely over (run hourly by the cron trigger), so
/// no counter outlives [`rate_limit::SWEEP_AFTER_SECONDS`].
pub async fn sweep(db: &D1Database, now: i64) -> Result<(), ApiError> {
    db.prepare("DELETE FROM attempts WHERE window_start <= ?1").bind(&[num(now - rate_limit::SWEEP_AFTER_SECONDS)])?.run().await?;
    Ok(())
}
