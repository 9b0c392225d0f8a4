//! What the law requires of sites: every site's score, one site's report, its setting.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::compliance as compliance_db;
use crate::store::sites::SiteRow;
use crate::store::training as training_db;

pub async fn dashboard(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&json!({ "sites": compliance_db::dashboard(&call.bindings.db, &call.bindings.docs).await? }))
}

pub async fn set_blocking(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Setting {
        blocking: bool,
    }
    let setting: Setting = call.json().await?;
    compliance_db::set_blocking(&call.bindings.db, site.id, setting.blocking, &call.actor()).await?;
    ok(&json!({ "blocking": setting.blocking }))
}

pub async fn report(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let report = compliance_db::draft_report(&call.bindings.db, &call.bindings.docs, site.id, &site.draft_key).await?;
    // The publish dialog asks this too (for the setting); only «Требования закона» opened
    // by the editor says `opened`, and only that is the step of the course.
    if call.flag("opened")? {
        training_db::record_now(&call.bindings.db, &call.actor(), site.id, civic_shared::training::Step::ComplianceReport).await;
    }
    ok(&json!({ "blocking": site.compliance_blocking != 0, "summary": report.summary(), "report": report }))
}
