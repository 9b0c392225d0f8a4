//! A public media file of a site: `/s/<slug>/media/<file>` (or on its own host).

use worker::{Request, Response};

use crate::api::ApiError;
use crate::media::{self};
use crate::store::media::{self as media_db};
use crate::store::Bindings;

/// A public media file, streamed from R2 with the headers of [`media::public_headers`];
/// `Ok(None)` when there is no such file (the caller answers with its 404 page).
pub async fn public_file(req: &Request, bindings: &Bindings, site: &str, file: &str) -> Result<Option<Response>, ApiError> {
    let Some((sha256, media_type)) = media::parse_public_file(file) else { return Ok(None) };
    let db = &bindings.db;
    let Some(found) = media_db::public_file(db, site, file).await? else { return Ok(None) };
    let headers = media::public_headers(media_type, sha256, &found.original_name);
    let etag = format!("\"{sha256}\"");
    let mut response = if req.headers().get("if-none-match").ok().flatten().as_deref() == Some(etag.as_str()) {
        Response::empty()?.with_status(304)
    } else {
        let bucket = &bindings.docs;
        let Some(object) = bucket.get(&found.key).execute().await? else { return Ok(None) };
        let Some(body) = object.body() else { return Ok(None) };
        Response::from_body(body.response_body()?)?
    };
    for (name, value) in headers {
        response.headers_mut().set(name, &value)?;
    }
    Ok(Some(response))
}
