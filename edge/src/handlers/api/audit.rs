//! The audit log, fifty entries at a time.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::accounts as accounts_db;
use crate::store::sites as sites_db;

/// `GET /api/audit?site=<slug>&before=<id>`: fifty entries at a time, newest first.
pub async fn page(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    const PAGE: i64 = 50;
    let db = &call.bindings.db;
    let url = call.request.url()?;
    let (mut site, mut before) = (None, None);
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "site" => site = Some(sites_db::site_by_slug(db, &value).await?.ok_or(ApiError::SiteNotFound)?.id),
            "before" => before = Some(value.parse::<i64>().map_err(|_| bad("before", "номер записи"))?),
            _ => {}
        }
    }
    let entries = accounts_db::audit_page(db, site, before, PAGE).await?;
    let next = (entries.len() as i64 == PAGE).then(|| entries.last().map(|e| e.id)).flatten();
    ok(&json!({ "entries": entries, "next_before": next }))
}
