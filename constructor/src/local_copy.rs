//! A copy of unsaved edits in this browser's localStorage, so a reload or a lost
//! connection loses nothing.

use civic_shared::SiteDocument;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

#[derive(Serialize, Deserialize)]
struct LocalCopy {
    base_version: i64,
    // Raw, so the page order (an IndexMap) survives; a `Value` would sort the keys.
    document: Box<RawValue>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(site: &str) -> String {
    format!("civic.draft.{site}")
}

/// Keeps the edits and the server version they are based on.
pub fn store(site: &str, base_version: i64, document: &SiteDocument) {
    let Some(storage) = storage() else { return };
    let Ok(document) = RawValue::from_string(document.to_json()) else { return };
    if let Ok(json) = serde_json::to_string(&LocalCopy { base_version, document }) {
        // Quota errors only mean no local copy; the server copy is unaffected.
        let _ = storage.set_item(&key(site), &json);
    }
}

/// The kept edits, if any and still readable.
pub fn load(site: &str) -> Option<(i64, SiteDocument)> {
    let json = storage()?.get_item(&key(site)).ok()??;
    let copy: LocalCopy = serde_json::from_str(&json).ok()?;
    let document = SiteDocument::from_trusted_json(copy.document.get()).ok()?;
    Some((copy.base_version, document))
}

/// Forgets the kept edits once the server has them.
pub fn clear(site: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(site));
    }
}
