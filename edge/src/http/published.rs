//! The published site a public request is for: its row (from this isolate's memory if read a
//! moment ago) and document, or the response that says why there is none (404, 503).

use std::rc::Rc;

use civic_renderer::RenderOptions;
use civic_shared::SiteDocument;
use worker::{Date, Response, Result};

use crate::api::ApiError;
use crate::http::responses::{html_response, not_found_html, storage_error};
use crate::store::sites::{self, SiteRow};
use crate::store::{hot_cache, Bindings};

/// What the public forms' handlers need of the site: its row id and the published document.
pub struct SiteForAppeals {
    pub id: i64,
    pub doc: SiteDocument,
}

/// A site's row, from this isolate's memory if read a moment ago.
pub(crate) async fn site_pointer(bindings: &Bindings, slug: &str) -> std::result::Result<Option<Rc<SiteRow>>, ApiError> {
    let now = Date::now().as_millis() as f64;
    if let Some(site) = hot_cache::pointer(slug, now) {
        return Ok(Some(site));
    }
    let found = sites::site_by_slug(&bindings.db, slug).await?.map(Rc::new);
    if let Some(site) = &found {
        hot_cache::remember_pointer(slug, site.clone(), now);
    }
    Ok(found)
}

/// A site that visitors may see: its row, published revision and the key of its document.
pub(crate) struct PublishedSite {
    pub site: Rc<SiteRow>,
    pub revision: i64,
    pub doc_key: String,
}

/// Looks up a published site (from this isolate's memory if read a moment ago); unknown and
/// never-published sites get the platform's 404 page (as the `Err` response), and storage
/// failures a 503.
pub(crate) async fn published_site(bindings: &Bindings, slug: &str) -> Result<std::result::Result<PublishedSite, Response>> {
    let site = match site_pointer(bindings, slug).await {
        Ok(Some(site)) => site,
        Ok(None) => return Ok(Err(html_response(404, &not_found_html(None, &RenderOptions::default()), None)?)),
        Err(err) => return Ok(Err(storage_error(err)?)),
    };
    match (site.published_revision, site.published_key.clone()) {
        (Some(revision), Some(doc_key)) => Ok(Ok(PublishedSite { site, revision, doc_key })),
        _ => Ok(Err(html_response(404, &not_found_html(None, &RenderOptions::default()), None)?)),
    }
}

/// The published site an appeal is sent to or looked up on.
pub(crate) async fn site_for_appeals(bindings: &Bindings, slug: &str) -> Result<std::result::Result<SiteForAppeals, Response>> {
    let PublishedSite { site, doc_key, .. } = match published_site(bindings, slug).await? {
        Ok(published) => published,
        Err(response) => return Ok(Err(response)),
    };
    Ok(published_document(&bindings.docs, &doc_key).await?.map(|doc| SiteForAppeals { id: site.id, doc }))
}

/// A published document from R2; a missing or unreadable one is a storage failure (503),
/// given as the `Err` response.
pub(crate) async fn published_document(bucket: &worker::Bucket, doc_key: &str) -> Result<std::result::Result<SiteDocument, Response>> {
    let json = match sites::read_document(bucket, doc_key).await {
        Ok(Some(json)) => json,
        Ok(None) => return Ok(Err(storage_error(ApiError::Storage(format!("missing {doc_key}")))?)),
        Err(err) => return Ok(Err(storage_error(err)?)),
    };
    match SiteDocument::from_json(&json) {
        Ok(doc) => Ok(Ok(doc)),
        Err(_) => Ok(Err(storage_error(ApiError::Storage(format!("unreadable {doc_key}")))?)),
    }
}
