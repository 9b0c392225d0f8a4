//! Reading what a request sent: its body (bounded), JSON, form pairs; and the item of a
//! collection it sent, given its id.

use civic_shared::collection_items::{CheckedItem, Collection};
use serde::de::DeserializeOwned;
use worker::{Request, Url};

use crate::api::{self, ApiError};
use crate::crypto::random_bytes;

pub(crate) async fn read_json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    let body = read_body(req).await?;
    serde_json::from_str(&body).map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })
}

pub(crate) async fn read_body(req: &mut Request) -> Result<String, ApiError> {
    let declared = req.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > api::MAX_BODY_BYTES) {
        return Err(ApiError::TooLarge);
    }
    let body = req.text().await.map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })?;
    if body.len() > api::MAX_BODY_BYTES {
        return Err(ApiError::TooLarge);
    }
    Ok(body)
}

pub(crate) fn bad(path: &str, reason: &str) -> ApiError {
    ApiError::BadRequest { path: path.into(), reason: reason.into() }
}

/// Gives an item without an id a fresh random one (`news-3fa9c2d1`).
pub(crate) fn with_new_id(collection: Collection, item: CheckedItem) -> Result<CheckedItem, ApiError> {
    let bytes = random_bytes::<4>();
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    let id = format!("{}-{hex}", collection.as_str());
    with_id(item, &id)
}

/// Sets an item's id, in its stored JSON too.
pub(crate) fn with_id(item: CheckedItem, id: &str) -> Result<CheckedItem, ApiError> {
    let mut value: serde_json::Value = serde_json::from_str(&item.json)?;
    value["id"] = serde_json::Value::String(id.to_string());
    Ok(CheckedItem { id: id.to_string(), json: value.to_string(), ..item })
}

/// `a=1&b=x+y` → pairs, decoded as browsers encode forms.
pub(crate) fn form_pairs(body: &str) -> Vec<(String, String)> {
    match Url::parse(&format!("http://form.invalid/?{}", body.replace('#', "%23"))) {
        Ok(url) => url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
        Err(_) => Vec::new(),
    }
}
