//! Sites and their documents: list, create, the draft, publishing, revisions, rollback.

use serde_json::json;
use serde_json::value::RawValue;
use worker::Response;

use crate::api::{self, ApiError, DraftBody, PublishDraft};
use crate::authz::sees_every_site;
use crate::http::call::ApiCall;
use crate::http::responses::{json_with_status, ok};
use crate::store::compliance as compliance_db;
use crate::store::sites::{self as sites_db, SiteRow};

pub async fn list(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let principal = &call.signed_in()?.principal;
    let own = (!sees_every_site(principal.role)).then_some(principal.sites.as_slice());
    ok(&json!({ "sites": sites_db::list_sites(&call.bindings.db, own, None, None).await? }))
}

pub async fn create(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let request: api::CreateSite = call.json().await?;
    let document = request.starter_document()?;
    sites_db::create_site(&call.bindings.db, &call.bindings.docs, &request.slug, &document, &call.actor()).await?;
    json_with_status(201, &json!({ "slug": request.slug, "version": 1 }))
}

pub async fn read_draft(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let json = sites_db::read_document(&call.bindings.docs, &site.draft_key)
        .await?
        .ok_or_else(|| ApiError::Storage(format!("missing {}", site.draft_key)))?;
    let document = RawValue::from_string(json)?;
    let body = DraftBody { version: site.draft_version, published_revision: site.published_revision, document: &document };
    ok(&body)
}

pub async fn save_draft(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let body = call.body().await?;
    let (save, document) = api::parse_save(&body)?;
    let version = sites_db::save_draft(&call.bindings.db, &call.bindings.docs, site, save.base_version, &document, &call.actor()).await?;
    ok(&json!({ "version": version }))
}

pub async fn publish(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let publish: PublishDraft = call.json().await?;
    compliance_db::guard_publish(&call.bindings.db, &call.bindings.docs, site).await?;
    let revision = sites_db::publish(&call.bindings.db, site, publish.version, &call.actor()).await?;
    ok(&json!({ "revision": revision }))
}

pub async fn revisions(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let revisions = sites_db::revisions(&call.bindings.db, site.id, None, None).await?;
    ok(&json!({ "published_revision": site.published_revision, "revisions": revisions }))
}

pub async fn revision_document(call: &mut ApiCall<'_>, site: &SiteRow, revision: i64) -> Result<Response, ApiError> {
    let key = sites_db::revision_key(&call.bindings.db, site.id, revision).await?.ok_or(ApiError::NotFound)?;
    let json = sites_db::read_document(&call.bindings.docs, &key).await?.ok_or_else(|| ApiError::Storage(format!("missing {key}")))?;
    let document = RawValue::from_string(json)?;
    ok(&json!({ "revision": revision, "document": document }))
}

pub async fn rollback(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Rollback {
        revision: i64,
    }
    let rollback: Rollback = call.json().await?;
    let revision = sites_db::rollback(&call.bindings.db, site, rollback.revision, &call.actor()).await?;
    ok(&json!({ "revision": revision }))
}
