//! Rendered public pages in KV (`PAGES`), keyed so that no change ever needs a purge.

use civic_renderer::A11ySettings;
use serde::{Deserialize, Serialize};
use worker::KvStore;

use crate::store::sites::SiteRow;
use crate::store::today;

/// What a cached rendered page carries besides its HTML.
#[derive(Debug, Serialize, Deserialize)]
pub struct CachedPageMeta {
    pub status: u16,
    pub csp: String,
}

/// Rendered pages are cached per site, revision, data version, host prefix, origin, version (usual or
/// accessible with its settings) and page: a publish changes the revision and a collection
/// edit the data version, so neither needs to purge anything, and one site never touches another's keys. The origin is in the key
/// because pages carry absolute canonical and Open Graph URLs: a request with another `Host`
/// must never be answered with, or plant, another host's page.
pub fn page_cache_key(site: &SiteRow, revision: i64, base_path: &str, origin: &str, page: &str, accessible: Option<&A11ySettings>) -> String {
    let host_kind = if base_path.is_empty() { "host" } else { "path" };
    let variant = crate::accessible::cache_variant(accessible);
    // The render id changes whenever the rendering code does, so a deploy never serves
    // pages rendered by the code it replaced.
    let render_id = &env!("CIVIC_RENDER_ID")[..8];
    let (id, data) = (site.id, site.data_version);
    // The day too: what depends on the date (a discussion's form) changes at midnight (UTC).
    let day = today();
    format!("page/{id}/r{revision}d{data}/{day}/{render_id}/{host_kind}/{variant}/{origin}/{page}")
}

pub async fn cached_page(kv: &KvStore, key: &str) -> Option<(String, CachedPageMeta)> {
    match kv.get(key).text_with_metadata::<CachedPageMeta>().await {
        Ok((Some(html), Some(meta))) => Some((html, meta)),
        _ => None,
    }
}

pub async fn cache_page(kv: &KvStore, key: &str, html: &str, meta: &CachedPageMeta) {
    // A failed cache write only costs a re-render next time.
    if let Ok(put) = kv.put(key, html) {
        if let Ok(put) = put.expiration_ttl(7 * 24 * 3600).metadata(meta) {
            let _ = put.execute().await;
        }
    }
}
