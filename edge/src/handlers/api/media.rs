//! The media library's API handlers, called by the API shell after it has authorised the
//! request.
//!
//! An upload is the file's raw bytes as the body of `POST /api/sites/<slug>/media`, with its
//! name and description percent-encoded (`encodeURIComponent`) in headers, since headers carry
//! only Latin-1: `X-File-Name`, `X-Alt-Text` (required for images) and `X-Title` (optional).
//! The body's `Content-Type` is ignored: the type is read from the bytes.

use futures_util::StreamExt;
use serde_json::json;
use worker::{ByteStream, Response};

use crate::api::ApiError;
use crate::media::{self, ChangeMedia, ListQuery, MediaKind, MediaProblem, UploadReader};
use crate::store::media::{self as media_db, NewMedia};
use crate::store::sites::SiteRow;
use crate::http::body::discard_rest;
use crate::http::call::ApiCall;
use crate::http::responses::{json_with_status, ok};

/// `GET /api/sites/<slug>/media?cursor=&kind=&q=`: a page of the library, newest first.
pub async fn list(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    let url = call.request.url()?;
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let query = ListQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let (rows, next_cursor) = media_db::list(&call.bindings.db, site.id, &query).await?;
    let items: Vec<media::MediaItem> = rows.iter().map(|row| row.item(slug)).collect();
    ok(&json!({ "items": items, "next_cursor": next_cursor }))
}

/// `POST /api/sites/<slug>/media`: 201 with the new item, or 200 with the item that already
/// holds the same bytes.
pub async fn upload(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str) -> Result<Response, ApiError> {
    let req = &mut call.request;
    // Taken before anything can be refused: dropping the stream unread cancels the body, so
    // the runtime answers at once instead of first draining a body that may be huge.
    let stream = req.stream();
    let text_header = |name: &str| -> Result<String, ApiError> {
        let raw = req.headers().get(name).ok().flatten().unwrap_or_default();
        media::percent_decode(&raw).ok_or_else(|| ApiError::BadRequest {
            path: name.into(),
            reason: "значение должно быть закодировано как encodeURIComponent".into(),
        })
    };
    let (raw_name, alt, title) = (text_header("X-File-Name")?, text_header("X-Alt-Text")?, text_header("X-Title")?);
    let title = media::check_title(&title).map_err(ApiError::Media)?;
    let declared = req.headers().get("content-length").ok().flatten().and_then(|v| v.trim().parse::<usize>().ok());
    let read = read_upload(stream, declared, &alt).await.map_err(ApiError::Media)?;
    let examined = media::examine(&read.body, &raw_name).map_err(ApiError::Media)?;
    let media_type = examined.media_type;
    let key = media::storage_key(site.id, &examined);
    let name = media::display_name(&raw_name, media_type);
    let new = NewMedia {
        site_id: site.id,
        key: &key,
        kind: read.kind,
        content_type: media_type.content_type(),
        size: read.body.len(),
        dimensions: examined.dimensions,
        name: &name,
        alt: &read.alt,
        title: &title,
    };
    let (stored, created) = media_db::store_upload(&call.bindings.db, &call.bindings.docs, &new, read.body, &call.actor()).await?;
    json_with_status(if created { 201 } else { 200 }, &json!({ "item": stored.item(slug), "created": created }))
}

/// Reads the body through [`UploadReader`], which refuses it as early as it can.
async fn read_upload(stream: worker::Result<ByteStream>, declared: Option<usize>, alt: &str) -> Result<media::ReadUpload, MediaProblem> {
    let mut reader = UploadReader::new(declared, alt)?;
    // A request without a body has no stream: that is an empty file.
    if let Ok(mut stream) = stream {
        while let Some(chunk) = stream.next().await {
            // A broken connection leaves only part of the file: never store that.
            let chunk = chunk.map_err(|_| MediaProblem::Damaged)?;
            if let Err(problem) = reader.push(&chunk) {
                discard_rest(&mut stream).await;
                return Err(problem);
            }
        }
    }
    reader.finish()
}

/// `PATCH /api/sites/<slug>/media/<id>` with `{"alt": …, "title": …}`.
pub async fn change(call: &mut ApiCall<'_>, site: &SiteRow, slug: &str, id: i64) -> Result<Response, ApiError> {
    let body: ChangeMedia = call.json().await?;
    let db = &call.bindings.db;
    let item = media_db::by_id(db, site.id, id).await?.ok_or(ApiError::NotFound)?;
    let kind = MediaKind::parse(&item.kind).unwrap_or(MediaKind::Document);
    let alt = media::check_alt(kind, body.alt.as_deref().unwrap_or(&item.alt)).map_err(ApiError::Media)?;
    let title = media::check_title(body.title.as_deref().unwrap_or(&item.title)).map_err(ApiError::Media)?;
    media_db::describe(db, &item, site.id, &alt, &title, &call.actor()).await?;
    let changed = media_db::by_id(db, site.id, id).await?.ok_or(ApiError::NotFound)?;
    ok(&json!({ "item": changed.item(slug) }))
}

/// `DELETE /api/sites/<slug>/media/<id>`.
pub async fn delete(call: &mut ApiCall<'_>, site: &SiteRow, id: i64) -> Result<Response, ApiError> {
    let db = &call.bindings.db;
    let item = media_db::by_id(db, site.id, id).await?.ok_or(ApiError::NotFound)?;
    media_db::delete(db, &call.bindings.docs, &item, site.id, &call.actor()).await?;
    ok(&json!({ "deleted": id }))
}
