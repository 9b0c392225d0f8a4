//! A published site's pages (rendered, cached in KV and in memory), its search, its files
//! (sitemap, robots, RSS…) and the switch of the accessible version.

use civic_renderer::accessible::{BACK_PARAM, SET_PARAM};
use civic_renderer::{
    inline_style, render_robots, render_rss, render_sitemap, render_to_string, A11ySettings, RenderContext,
    RenderOptions,
};
use civic_shared::SiteDocument;

use worker::{Context, Env, Request, Response, Result, Url};

use crate::accessible;
use crate::store::hot_cache;
use crate::http::routes::{PublicPage, SiteFile, SiteFileKind};
use crate::security::{public_page_csp, sha256_hex};
use crate::seo::sitemap_lastmod;
use crate::store::page_cache::{self, CachedPageMeta};
use crate::http::responses::{html_response, not_found_html, storage_error, text_response};
use crate::http::published::{PublishedSite, published_document, published_site};
use crate::store::Bindings;

pub async fn public_page(req: &Request, bindings: &Bindings, env: &Env, ctx: &Context, page: &PublicPage, origin: &str) -> Result<Response> {
    let PublishedSite { site, revision, doc_key } = match published_site(bindings, &page.site).await? {
        Ok(published) => published,
        Err(response) => return Ok(response),
    };
    let doc_key = doc_key.as_str();
    let settings = accessible::from_cookie_header(req.headers().get("cookie")?.as_deref());
    let kv = &bindings.pages;
    let cache_key = page_cache::page_cache_key(&site, revision, &page.base_path, origin, &page.page, settings.as_ref());
    let hot = match hot_cache::page(&cache_key) {
        Some(hot) => hot,
        None => {
            let (html, meta) = match page_cache::cached_page(kv, &cache_key).await {
                Some(hit) => hit,
                None => {
                    let bucket = &bindings.docs;
                    let doc = match published_document(bucket, doc_key).await? {
                        Ok(doc) => doc,
                        Err(response) => return Ok(response),
                    };
                    let data = match crate::store::collections::render_data(&bindings.db, bucket, site.id).await {
                        Ok(data) => data,
                        Err(err) => return storage_error(err),
                    };
                    let rendered = render_public(&doc, &data, page, origin, settings);
                    page_cache::cache_page(kv, &cache_key, &rendered.0, &rendered.1).await;
                    rendered
                }
            };
            let etag = format!("\"r{revision}-{}\"", &sha256_hex(html.as_bytes())[..16]);
            hot_cache::remember_page(&cache_key, hot_cache::HotPage { html, meta, etag })
        }
    };
    count_view(req, env, ctx, site.id, page, hot.meta.status);
    let etag = hot.etag.as_str();
    if req.headers().get("if-none-match")?.as_deref() == Some(etag) {
        let mut response = Response::empty()?.with_status(304);
        response.headers_mut().set("ETag", etag)?;
        response.headers_mut().set("Vary", "Cookie")?;
        return Ok(response);
    }
    let mut response = html_response(hot.meta.status, &hot.html, Some(&hot.meta.csp))?;
    response.headers_mut().set("ETag", etag)?;
    // The accessible version's cookie picks the variant; shared caches must keep them apart.
    response.headers_mut().set("Vary", "Cookie")?;
    Ok(response)
}

/// Counts a view of a public page (whether rendered, cached or answered `304`) after the
/// response, if [`civic_shared::visits::counts`] says it is one. No cookie is read or set for it.
fn count_view(req: &Request, env: &Env, ctx: &Context, site_id: i64, page: &PublicPage, page_status: u16) {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let (method, user_agent, sec_purpose, purpose) = (req.method(), header("user-agent"), header("sec-purpose"), header("purpose").or(header("x-moz")));
    let request = civic_shared::visits::PageRequest {
        method: method.as_ref(),
        page_status,
        user_agent: user_agent.as_deref(),
        sec_purpose: sec_purpose.as_deref(),
        purpose: purpose.as_deref(),
    };
    if !civic_shared::visits::counts(&request) {
        return;
    }
    let view = crate::store::visits::View {
        site_id,
        path: civic_shared::visits::page_path(&page.page),
        ip: header("cf-connecting-ip").unwrap_or_default(),
        user_agent: user_agent.unwrap_or_default(),
    };
    ctx.wait_until(crate::store::visits::count(env.clone(), view));
}

/// `<base>/poisk?q=…`: the site's search, in its own frame. The index is brought up to the
/// published revision and data first (a no-op unless something changed since).
pub async fn search_page(req: &Request, bindings: &Bindings, url: &Url, slug: &str, base_path: &str, origin: &str) -> Result<Response> {
    let PublishedSite { site, doc_key, .. } = match published_site(bindings, slug).await? {
        Ok(published) => published,
        Err(response) => return Ok(response),
    };
    let query: String = url.query_pairs().find(|(name, _)| name == "q").map(|(_, q)| q.chars().take(200).collect()).unwrap_or_default();
    let (db, bucket) = (&bindings.db, &bindings.docs);
    let doc = match published_document(bucket, &doc_key).await? {
        Ok(doc) => doc,
        Err(response) => return Ok(response),
    };
    let hits = match query.trim().is_empty() {
        true => None,
        false => {
            let found = match crate::store::search::ensure_index(db, bucket, &site).await {
                Ok(()) => crate::store::search::search(db, site.id, &query).await,
                Err(err) => Err(err),
            };
            match found {
                Ok(hits) => Some(hits),
                Err(err) => return storage_error(err),
            }
        }
    };
    let accessible = accessible::from_cookie_header(req.headers().get("cookie")?.as_deref());
    let mut css = String::new();
    inline_style(&doc.theme, accessible.as_ref(), &mut css);
    let options = RenderOptions { base_path, origin, accessible, ..RenderOptions::default() };
    let mut html = String::with_capacity(16 * 1024);
    civic_renderer::render_search_page(&doc, &options, &query, hits.as_deref(), &mut html);
    let mut response = html_response(200, &html, Some(&public_page_csp(&css)))?;
    // Results follow the data, not a revision: never kept by shared caches.
    response.headers_mut().set("Cache-Control", "private, no-cache")?;
    response.headers_mut().set("Vary", "Cookie")?;
    Ok(response)
}

/// `<base>/_a11y?set=…&back=…`: stores the changed settings in the cookie and sends the
/// visitor back to the page (303, so a reload does not repeat the change).
pub fn change_accessible_settings(req: &Request, url: &Url, base_path: &str) -> Result<Response> {
    let current = accessible::from_cookie_header(req.headers().get("cookie")?.as_deref());
    let (mut set, mut back) = (String::new(), None);
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            SET_PARAM => set = value.into_owned(),
            BACK_PARAM => back = Some(value.into_owned()),
            _ => {}
        }
    }
    let settings = accessible::settings_after(current, &set);
    let to = url.join(&accessible::back_path(back.as_deref(), base_path))?;
    let mut response = Response::empty()?.with_status(303);
    let headers = response.headers_mut();
    headers.set("Location", to.as_str())?;
    headers.set("Set-Cookie", &accessible::set_cookie(settings.as_ref(), base_path, url.scheme() == "https"))?;
    headers.set("Cache-Control", "no-store")?;
    Ok(response)
}

fn render_public(
    doc: &SiteDocument,
    data: &civic_shared::RenderData,
    page: &PublicPage,
    origin: &str,
    accessible: Option<A11ySettings>,
) -> (String, CachedPageMeta) {
    // The CSP pins the hash of exactly the stylesheet the renderer inlines for these settings.
    let mut css = String::new();
    inline_style(&doc.theme, accessible.as_ref(), &mut css);
    let csp = public_page_csp(&css);
    let today = crate::store::today();
    let options = RenderOptions { base_path: &page.base_path, origin, accessible, today: &today, ..RenderOptions::default() };
    let found = doc
        .page_by_path(&page.page)
        .and_then(|(id, _)| RenderContext::for_page(doc, id, data, options));
    match found {
        Some(ctx) => (render_to_string(&ctx), CachedPageMeta { status: 200, csp }),
        None => (not_found_html(Some(doc), &options), CachedPageMeta { status: 404, csp }),
    }
}

/// `sitemap.xml`, `robots.txt` or `rss.xml` of a published site; unknown and unpublished
/// sites get the 404 page, as their pages do.
pub async fn site_file(req: &Request, bindings: &Bindings, file: &SiteFile, origin: &str) -> Result<Response> {
    let PublishedSite { site, revision, doc_key } = match published_site(bindings, &file.site).await? {
        Ok(published) => published,
        Err(response) => return Ok(response),
    };
    let doc_key = doc_key.as_str();
    let options = RenderOptions { base_path: &file.base_path, origin, ..RenderOptions::default() };
    let mut body = String::with_capacity(4 * 1024);
    if file.kind == SiteFileKind::Robots {
        render_robots(&options, &mut body);
    } else {
        let bucket = &bindings.docs;
        let doc = match published_document(bucket, doc_key).await? {
            Ok(doc) => doc,
            Err(response) => return Ok(response),
        };
        match file.kind {
            SiteFileKind::Sitemap => {
                let lastmod = site.published_at.as_deref().and_then(sitemap_lastmod);
                render_sitemap(&doc, &options, lastmod.as_deref(), &mut body);
            }
            _ => match crate::store::collections::render_data(&bindings.db, bucket, site.id).await {
                Ok(data) => render_rss(&doc, &data.news, &options, &mut body),
                Err(err) => return storage_error(err),
            },
        }
    }
    let etag = format!("\"r{revision}-{}\"", &sha256_hex(body.as_bytes())[..16]);
    text_response(req, file.kind.content_type(), &body, &etag)
}
