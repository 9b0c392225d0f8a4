//! A site's own domains: list, add, verify, remove.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::crypto::random_bytes;
use crate::http::call::ApiCall;
use crate::http::responses::json_with_status;
use crate::store::domains::{self as domains_db, LocalLookup, SiteRef, Verifier};
use crate::store::sites::SiteRow;

pub async fn list(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    domain_list(call, &SiteRef { db: &call.bindings.db, id: site.id, slug }, 200).await
}

pub async fn add(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NewDomain {
        host: String,
    }
    let body: NewDomain = call.json().await?;
    let host = civic_shared::domains::normalize_host(&body.host, &call.platform_domain())
        .map_err(|problem| ApiError::Domain(civic_shared::domains::Refused::Host(problem)))?;
    let token: String = random_bytes::<16>().iter().map(|byte| format!("{byte:02x}")).collect();
    let site = SiteRef { db: &call.bindings.db, id: site.id, slug };
    domains_db::add(&site, &host, &token, &call.actor()).await?;
    domain_list(call, &site, 201).await
}

pub async fn verify(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str, host: &str) -> Result<Response, ApiError> {
    let host = domains_db::path_host(host, &call.platform_domain())?;
    let (db, kv, actor) = (&call.bindings.db, &call.bindings.pages, call.actor());
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    let now = format!("{} UTC", iso.get(..19).unwrap_or_default().replace('T', " "));
    let site = SiteRef { db, id: site.id, slug };
    match domains_db::verifier(call.env) {
        Verifier::Local => domains_db::verify(&site, kv, &LocalLookup { db }, &host, &now, &actor).await?,
        Verifier::Doh(lookup) => domains_db::verify(&site, kv, &lookup, &host, &now, &actor).await?,
    }
    domains_db::add_custom_hostname(call.env, &host).await;
    domain_list(call, &site, 200).await
}

pub async fn remove(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str, host: &str) -> Result<Response, ApiError> {
    let host = domains_db::path_host(host, &call.platform_domain())?;
    let site = SiteRef { db: &call.bindings.db, id: site.id, slug };
    domains_db::remove(&site, &call.bindings.pages, &host, &call.actor()).await?;
    domains_db::remove_custom_hostname(call.env, &host).await;
    domain_list(call, &site, 200).await
}

/// The site's domains with the records to create for each.
async fn domain_list(call: &ApiCall<'_>, site: &SiteRef<'_>, status: u16) -> Result<Response, ApiError> {
    let platform = call.platform_domain();
    let domains = domains_db::list(site, &platform).await?;
    json_with_status(status, &json!({ "domains": domains, "platform_address": format!("{}.{platform}", site.slug) }))
}
