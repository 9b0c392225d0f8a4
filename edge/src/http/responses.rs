//! Responses with the headers each kind needs: JSON of the API, public HTML pages, text files,
//! downloads and papers kept inert, and the 503 of a storage failure.

use civic_renderer::{inline_style, render_not_found, RenderOptions};
use civic_shared::SiteDocument;
use worker::{Request, Response, Result};

use crate::api::ApiError;
use crate::security::{public_page_csp, PUBLIC_HEADERS};

/// A non-HTML public file with its ETag; `If-None-Match` gets 304.
pub(crate) fn text_response(req: &Request, content_type: &str, body: &str, etag: &str) -> Result<Response> {
    let mut response = if req.headers().get("if-none-match")?.as_deref() == Some(etag) {
        Response::empty()?.with_status(304)
    } else {
        Response::ok(body)?
    };
    let headers = response.headers_mut();
    headers.set("Content-Type", content_type)?;
    headers.set("ETag", etag)?;
    headers.set("Cache-Control", "public, max-age=0, must-revalidate")?;
    // Nothing in these files is meant to run or load anything, even when opened in a browser.
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}

pub(crate) fn not_found_html(site: Option<&SiteDocument>, options: &RenderOptions) -> String {
    let mut html = String::new();
    render_not_found(site, options, &mut html);
    html
}

pub(crate) fn html_response(status: u16, html: &str, csp: Option<&str>) -> Result<Response> {
    // Bytes, not a JS string: the page crosses into JS as one copy, without re-encoding to UTF-16.
    let mut response = Response::from_bytes(html.as_bytes().to_vec())?.with_status(status);
    let headers = response.headers_mut();
    headers.set("Content-Type", "text/html; charset=utf-8")?;
    let fallback_csp;
    let csp = match csp {
        Some(csp) => csp,
        None => {
            let mut css = String::new();
            inline_style(&civic_shared::Theme::platform(), None, &mut css);
            fallback_csp = public_page_csp(&css);
            &fallback_csp
        }
    };
    headers.set("Content-Security-Policy", csp)?;
    headers.set("Cache-Control", "public, max-age=0, must-revalidate")?;
    for (name, value) in PUBLIC_HEADERS {
        headers.set(name, value)?;
    }
    Ok(response)
}

pub(crate) fn storage_error(err: ApiError) -> Result<Response> {
    worker::console_error!("storage: {err:?}");
    let mut response = Response::error("Сервис временно недоступен. Попробуйте позже.", 503)?;
    response.headers_mut().set("Retry-After", "5")?;
    Ok(response)
}

pub(crate) fn json_response(status: u16, body: &str) -> Result<Response> {
    let mut response = Response::ok(body)?.with_status(status);
    let headers = response.headers_mut();
    headers.set("Content-Type", "application/json; charset=utf-8")?;
    headers.set("Cache-Control", "no-store")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}

pub(crate) fn ok(value: &impl serde::Serialize) -> Result<Response, ApiError> {
    json_with_status(200, value)
}

pub(crate) fn json_with_status(status: u16, value: &impl serde::Serialize) -> Result<Response, ApiError> {
    let body = serde_json::to_string(value)?;
    Ok(json_response(status, &body)?)
}

/// A job queued for the jobs worker: `202` with the job, which the caller follows at
/// `/api/jobs/<id>`.
pub(crate) fn queued(job: civic_shared::jobs::Job) -> Result<Response, ApiError> {
    json_with_status(202, &civic_shared::jobs::Queued { job })
}

/// A file to save, never rendered in the platform's origin.
pub(crate) fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> Result<Response, ApiError> {
    let mut response = Response::from_bytes(bytes)?;
    let headers = response.headers_mut();
    for (header, value) in [
        ("Content-Type", content_type),
        ("Content-Disposition", &format!("attachment; filename=\"{name}\"")),
        ("Content-Security-Policy", "default-src 'none'; sandbox"),
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "private, no-store"),
    ] {
        headers.set(header, value)?;
    }
    Ok(response)
}

/// A paper of the move (act, chart, CSV) with headers that keep it inert: its own strict CSP,
/// no sniffing, no caching; CSV as a download.
pub(crate) fn paper(body: String, content_type: &str, download: Option<&str>) -> Result<Response, ApiError> {
    let mut response = Response::from_bytes(body.into_bytes())?;
    let headers = response.headers_mut();
    let style = crate::security::style_hash(civic_renderer::migration::act_style());
    let csp = format!("default-src 'none'; style-src 'sha256-{style}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    for (name, value) in [("Content-Type", content_type), ("Content-Security-Policy", &csp), ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "private, no-store")] {
        headers.set(name, value)?;
    }
    if let Some(name) = download {
        headers.set("Content-Disposition", &format!("attachment; filename=\"{name}\""))?;
    }
    Ok(response)
}

/// A personal page of feedback in the site's frame: never kept by any cache.
pub(crate) fn html_page(status: u16, doc: &SiteDocument, options: &RenderOptions, html: &str) -> Result<Response> {
    let mut css = String::new();
    inline_style(&doc.theme, options.accessible.as_ref(), &mut css);
    let mut response = html_response(status, html, Some(&public_page_csp(&css)))?;
    response.headers_mut().set("Cache-Control", "no-store")?;
    Ok(response)
}

/// Storage failed and `what` was not kept («голос не учтен»…): 503, try again.
pub(crate) fn unavailable(what: &str, err: ApiError) -> Result<Response> {
    worker::console_error!("feedback: {err:?}");
    let mut response = Response::error(format!("Сервис временно недоступен, {what}. Попробуйте через минуту."), 503)?;
    response.headers_mut().set("Retry-After", "5")?;
    Ok(response)
}

/// An API error as its HTTP answer: the status and JSON body it maps to, `Retry-After` when
/// rate-limited; a storage failure is logged for the operator.
pub(crate) fn api_error_response(err: ApiError) -> Result<Response> {
    if let ApiError::Storage(detail) = &err {
        // The visitor gets «try again»; the operator's log gets what failed.
        worker::console_error!("storage: {detail}");
    }
    let (status, body) = err.to_http();
    let mut response = json_response(status, &body)?;
    if let ApiError::RateLimited { retry_after } = err {
        response.headers_mut().set("Retry-After", &retry_after.to_string())?;
    }
    Ok(response)
}
