//! The move of sites onto the platform: the overview, targets, chart, acts, CSV, and one
//! site's move.

use civic_shared::migration::{Mover, Status, Target};
use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::call::ApiCall;
use crate::http::responses::{ok, paper};
use crate::store::appeals as appeals_db;
use crate::store::compliance as compliance_db;
use crate::store::migration as migration_db;
use crate::store::sites::SiteRow;

pub async fn overview(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let db = &call.bindings.db;
    // The dashboard keeps every site's compliance score current; the overview reads it.
    compliance_db::dashboard(db, &call.bindings.docs).await?;
    let sites = migration_db::sites(db).await?;
    let progress = migration_db::progress(db, &sites).await?;
    let shown: Vec<_> = sites.iter().map(|site| &site.shown).collect();
    ok(&json!({ "sites": shown, "progress": progress }))
}

pub async fn targets(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&json!({ "targets": migration_db::targets(&call.bindings.db).await? }))
}

pub async fn set_targets(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Targets {
        targets: Vec<Target>,
    }
    let body: Targets = call.json().await?;
    migration_db::set_targets(&call.bindings.db, &body.targets, &call.actor()).await?;
    targets(call).await
}

pub async fn chart(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let db = &call.bindings.db;
    let sites = migration_db::sites(db).await?;
    let mut svg = String::with_capacity(4096);
    civic_renderer::migration::render_progress_svg(&migration_db::progress(db, &sites).await?, &mut svg);
    paper(svg, "image/svg+xml; charset=utf-8", None)
}

pub async fn acts(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let html = migration_db::acts(&call.bindings.db, &call.bindings.docs, &[], &call.platform_domain()).await?;
    paper(html, "text/html; charset=utf-8", None)
}

pub async fn overview_csv(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let sites = migration_db::sites(&call.bindings.db).await?;
    let deadlines = appeals_db::deadlines(&call.bindings.db).await?;
    let csv = format!("\u{FEFF}{}", migration_db::overview_csv(&sites, &deadlines));
    paper(csv, "text/csv; charset=utf-8", Some("pereezd-saytov.csv"))
}

pub async fn site_detail(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    ok(&migration_db::detail(&call.bindings.db, &call.bindings.docs, site.id).await?)
}

pub async fn change_site(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MigrationChange {
        status: Option<Status>,
        #[serde(default)]
        reason: String,
        responsible: Option<String>,
    }
    let change: MigrationChange = call.json().await?;
    let (db, bucket, actor) = (&call.bindings.db, &call.bindings.docs, call.actor());
    if let Some(responsible) = &change.responsible {
        migration_db::set_responsible(db, site.id, responsible, &actor).await?;
    }
    if let Some(to) = change.status {
        migration_db::change(db, bucket, site.id, to, &change.reason, Mover::Administrator, &actor).await?;
    }
    ok(&migration_db::detail(db, bucket, site.id).await?)
}

pub async fn site_act(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let html = migration_db::acts(&call.bindings.db, &call.bindings.docs, &[site.id], &call.platform_domain()).await?;
    paper(html, "text/html; charset=utf-8", None)
}

pub async fn sign_site_act(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let (db, bucket) = (&call.bindings.db, &call.bindings.docs);
    let signed = migration_db::change(db, bucket, site.id, Status::ActSigned, "", Mover::Operator, &call.actor()).await?;
    ok(&json!({ "site": signed }))
}
