//! Visit statistics in D1 and the daily salt in KV. Views are counted after the visitor has
//! their page (`wait_until`), so counting never delays or fails a page. The rules are
//! [`civic_shared::visits`]; here they meet the rows.

use civic_shared::visits::{self, DayCount, PageCount, SiteReport, SiteTotal};
use worker::{D1Database, Env, KvStore};

use crate::api::ApiError;
use crate::crypto::random_bytes;
use crate::security::{hex, sha256_hex};
use crate::store::{num, rows, today};

/// One view to count: the site, the page, and what recognises the visitor for the day (used
/// for the hash only, never stored).
pub struct View {
    pub site_id: i64,
    pub path: String,
    pub ip: String,
    pub user_agent: String,
}

/// Counts a view; a failure is logged and forgotten (the page has been answered already).
pub async fn count(env: Env, view: View) {
    if let Err(err) = record(&env, &view).await {
        worker::console_error!("visits: {err:?}");
    }
}

async fn record(env: &Env, view: &View) -> Result<(), ApiError> {
    let day = today();
    let salt = daily_salt(&env.kv("PAGES")?, &day).await?;
    let hash = sha256_hex(visits::visitor_hash_input(&salt, view.site_id, &view.ip, &view.user_agent).as_bytes());
    let db = env.d1("DB")?;
    let (site, day_js) = (num(view.site_id), wasm_bindgen::JsValue::from(day.as_str()));
    let statement = |sql: &str, params: &[wasm_bindgen::JsValue]| db.prepare(sql).bind(params);
    let batch = vec![
        statement(
            "INSERT INTO page_views (site_id, day, path, views) VALUES (?1, ?2, ?3, 1) \
             ON CONFLICT (site_id, day, path) DO UPDATE SET views = views + 1",
            &[site.clone(), day_js.clone(), view.path.as_str().into()],
        )?,
        statement("INSERT OR IGNORE INTO visitors (site_id, day, hash) VALUES (?1, ?2, ?3)", &[site.clone(), day_js.clone(), hash.into()])?,
        statement(
            "INSERT INTO visit_days (site_id, day, visitors) SELECT ?1, ?2, COUNT(*) FROM visitors WHERE site_id = ?1 AND day = ?2 \
             ON CONFLICT (site_id, day) DO UPDATE SET visitors = excluded.visitors",
            &[site, day_js],
        )?,
    ];
    db.batch(batch).await?;
    Ok(())
}

/// Deletes the visitor hashes of the days that are over (their counts stay in `visit_days`).
/// Run by the hourly cron trigger, not per view: a view's batch stays three statements, and the
/// hashes go within the hour even on a day nobody visits.
pub async fn forget_past_visitors(db: &D1Database) -> Result<(), ApiError> {
    db.prepare("DELETE FROM visitors WHERE day < ?1")
        .bind(&[visits::keep_hashes_from(&today()).into()])?
        .run()
        .await?;
    Ok(())
}

/// The salt of `day`: 32 random bytes, drawn by the first view of the day and kept two days.
/// Rate-limit keys are hashed with it too (`store/attempts.rs`).
pub(crate) async fn daily_salt(kv: &KvStore, day: &str) -> Result<String, ApiError> {
    let key = visits::salt_key(day);
    if let Some(salt) = kv.get(&key).text().await? {
        return Ok(salt);
    }
    let salt = hex(&random_bytes::<32>());
    kv.put(&key, salt.as_str())?.expiration_ttl(visits::SALT_TTL_SECONDS).execute().await?;
    Ok(salt)
}

/// One site's last [`visits::REPORT_DAYS`] days.
pub async fn site_report(db: &D1Database, site_id: i64) -> Result<SiteReport, ApiError> {
    let today = today();
    let from = visits::report_start(&today);
    let range = [num(site_id), from.as_str().into(), today.as_str().into()];
    let days: Vec<DayCount> = rows(
        db,
        "SELECT day, SUM(views) AS views, SUM(visitors) AS visitors FROM ( \
           SELECT day, views, 0 AS visitors FROM page_views WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 \
           UNION ALL SELECT day, 0 AS views, visitors FROM visit_days WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 \
         ) GROUP BY day",
        &range,
    )
    .await?;
    let pages: Vec<PageCount> = rows(
        db,
        &format!(
            "SELECT path, SUM(views) AS views FROM page_views WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 \
             GROUP BY path ORDER BY views DESC, path LIMIT {}",
            visits::TOP_PAGES
        ),
        &range,
    )
    .await?;
    Ok(SiteReport::new(&today, days, pages))
}

/// Every site's totals over the last [`visits::REPORT_DAYS`] days, most viewed first.
pub async fn totals(db: &D1Database) -> Result<Vec<SiteTotal>, ApiError> {
    let today = today();
    let from = visits::report_start(&today);
    rows(
        db,
        "SELECT s.slug, s.name, \
           COALESCE((SELECT SUM(p.views) FROM page_views p WHERE p.site_id = s.id AND p.day BETWEEN ?1 AND ?2), 0) AS views, \
           COALESCE((SELECT SUM(d.visitors) FROM visit_days d WHERE d.site_id = s.id AND d.day BETWEEN ?1 AND ?2), 0) AS visitors \
         FROM sites s ORDER BY views DESC, s.name, s.slug",
        &[from.as_str().into(), today.as_str().into()],
    )
    .await
}
