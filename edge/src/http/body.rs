//! Reading what a request sent: its body (bounded), JSON, form pairs; and the item of a
//! collection it sent, given its id.

use civic_shared::collection_items::{CheckedItem, Collection};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use worker::{ByteStream, Request, Url};

use crate::api::{self, ApiError};
use crate::bounded_body::{BoundedBody, TooLarge};
use crate::crypto::random_bytes;

/// The body as `T`, read up to `cap` bytes.
pub(crate) async fn read_json<T: DeserializeOwned>(req: &mut Request, cap: usize) -> Result<T, ApiError> {
    let body = read_text(req, cap).await?;
    serde_json::from_str(&body).map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })
}

/// The body as text, up to the API's cap.
pub(crate) async fn read_body(req: &mut Request) -> Result<String, ApiError> {
    read_text(req, api::MAX_BODY_BYTES).await
}

async fn read_text(req: &mut Request, cap: usize) -> Result<String, ApiError> {
    match read_bounded(req, cap).await {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| ApiError::BadRequest { path: ".".into(), reason: "the body is not UTF-8".into() }),
        Err(BodyRefused::TooLarge(too_large)) => Err(ApiError::TooLarge(too_large)),
        Err(BodyRefused::Damaged) => Err(ApiError::BadRequest { path: ".".into(), reason: "the body broke off".into() }),
    }
}

/// Why a body was not read.
#[derive(Debug)]
pub(crate) enum BodyRefused {
    /// It passed its cap (what was read of it is dropped).
    TooLarge(TooLarge),
    /// The connection broke before it ended.
    Damaged,
}

/// The whole body, streamed chunk by chunk and refused as soon as it passes `cap`: a chunked
/// body that never says its length costs no more memory than the cap (`BoundedBody`).
pub(crate) async fn read_bounded(req: &mut Request, cap: usize) -> Result<Vec<u8>, BodyRefused> {
    let declared = req.headers().get("content-length").ok().flatten().and_then(|v| v.trim().parse::<usize>().ok());
    // Taken before anything is refused: dropping the stream unread cancels the body.
    let stream = req.stream();
    let mut body = BoundedBody::new(cap, declared).map_err(BodyRefused::TooLarge)?;
    // A request without a body has no stream: that is an empty body.
    if let Ok(mut stream) = stream {
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|_| BodyRefused::Damaged)?;
            if let Err(too_large) = body.push(&chunk) {
                discard_rest(&mut stream).await;
                return Err(BodyRefused::TooLarge(too_large));
            }
        }
    }
    Ok(body.finish())
}

/// The most of a refused body read and dropped before answering.
pub(crate) const MAX_DISCARDED_BYTES: usize = crate::media::MAX_DISCARDED_BYTES;

/// Reads and drops what is left of a refused body (up to [`MAX_DISCARDED_BYTES`]) before
/// answering: a body cancelled while the sender is still sending stalls the connection under
/// `wrangler dev`, and a browser would never see the 413. Nothing read here is kept, so memory
/// stays bounded by the cap whatever the body claims. (A body declared over its cap is refused
/// before it is read at all.)
pub(crate) async fn discard_rest(stream: &mut ByteStream) {
    let mut discarded = 0;
    while let Some(Ok(chunk)) = stream.next().await {
        discarded += chunk.len();
        if discarded > MAX_DISCARDED_BYTES {
            break;
        }
    }
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
