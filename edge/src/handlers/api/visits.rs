//! Visit counts: one site's report, every site's totals.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::sites::SiteRow;
use crate::store::visits as visits_db;

pub async fn site_report(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    ok(&visits_db::site_report(&call.bindings.db, site.id).await?)
}

pub async fn totals(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&json!({ "sites": visits_db::totals(&call.bindings.db).await? }))
}
