//! The worker shell: reads the request, asks the pure modules what to do, does the I/O.

use civic_renderer::RenderOptions;

use worker::{event, Context, Date, Env, Method, Request, Response, Result, Url};

use crate::http::routes::{host_port, route, route_on_bound_host, Route, SiteFileKind};
use civic_shared::domains::canonical_location;
use crate::security::sha256_hex;
use crate::seo::{public_origin, PLATFORM_ROBOTS};
use crate::http::responses::{api_error_response, html_response, not_found_html, storage_error, text_response};
use crate::http::published::{site_for_appeals, site_pointer};
use crate::store::Bindings;
use crate::handlers::public::pages;

/// The cron trigger (`[triggers]` in `wrangler.toml`, hourly): the daily backups (queued for
/// the jobs worker), the visitor hashes of days that are over, and rate-limit counters whose
/// window is over.
#[cfg(feature = "public")]
#[event(scheduled)]
async fn scheduled(_event: worker::ScheduledEvent, env: Env, _ctx: worker::ScheduleContext) {
    let bindings = match crate::store::Bindings::open(&env) {
        Ok(bindings) => bindings,
        Err(err) => return worker::console_error!("cron: {err:?}"),
    };
    match crate::store::backups::daily(&env, &bindings).await {
        Ok(queued) => worker::console_log!("daily backups queued: {queued}"),
        Err(err) => worker::console_error!("daily backups: {err:?}"),
    }
    if let Err(err) = crate::store::visits::forget_past_visitors(&bindings.db).await {
        worker::console_error!("visitor hashes: {err:?}");
    }
    let now = (Date::now().as_millis() / 1000) as i64;
    if let Err(err) = crate::store::attempts::sweep(&bindings.db, now).await {
        worker::console_error!("rate-limit counters: {err:?}");
    }
}

#[cfg(feature = "public")]
#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    let bindings = Bindings::open(&env)?;
    let url = req.url()?;
    let host = req.headers().get("host")?.unwrap_or_default();
    let domain = env.var("PLATFORM_DOMAIN").map(|v| v.to_string()).unwrap_or_default();
    let origin = public_origin(url.scheme(), &host);
    let routed = match route(&host, url.path(), &domain) {
        Route::BoundHost { host: name } => {
            let now = Date::now().as_millis() as f64;
            match crate::store::domains::site_of_host(&bindings.pages, &name, now).await {
                Ok(Some(slug)) => route_on_bound_host(&slug, url.path()),
                Ok(None) => return html_response(404, &not_found_html(None, &RenderOptions::default()), None),
                Err(err) => return storage_error(err),
            }
        }
        routed => {
            let follows = req.method() == Method::Get || req.method() == Method::Head;
            if let Some((slug, base_path)) = routed.site_address().filter(|_| follows) {
                if let Some(response) = redirect_to_domain(&bindings, &url, &host, slug, base_path).await? {
                    return Ok(response);
                }
            }
            routed
        }
    };
    match routed {
        Route::Public(page) => pages::public_page(&req, &bindings, &env, &ctx, &page, &origin).await,
        Route::AccessibleSettings { base_path, .. } => pages::change_accessible_settings(&req, &url, &base_path),
        Route::Search { site, base_path } => pages::search_page(&req, &bindings, &url, &site, &base_path, &origin).await,
        Route::AppealSubmit { site, base_path } if req.method() == Method::Post => match site_for_appeals(&bindings, &site).await? {
            Ok(site) => crate::handlers::public::appeals::submit(req, &bindings, site, &base_path, &origin, &host).await,
            Err(response) => Ok(response),
        },
        Route::AppealSubmit { .. } => Response::error("Обращение отправляется формой на странице сайта.", 405),
        Route::CommentSubmit { site, base_path } if req.method() == Method::Post => match site_for_appeals(&bindings, &site).await? {
            Ok(site) => crate::handlers::public::comments::submit(req, &bindings, site, &base_path, &origin, &host).await,
            Err(response) => Ok(response),
        },
        Route::CommentSubmit { .. } => Response::error("Предложение отправляется формой обсуждения на странице сайта.", 405),
        Route::PollVote { site, base_path, poll } if req.method() == Method::Post => match site_for_appeals(&bindings, &site).await? {
            Ok(site) => crate::handlers::public::polls::vote(req, &bindings, site, &poll, &base_path, &origin, &host).await,
            Err(response) => Ok(response),
        },
        Route::PollVote { .. } => Response::error("Голосуют формой опроса на странице сайта.", 405),
        Route::AppealFiguresCsv { site: slug } => match site_for_appeals(&bindings, &slug).await? {
            Ok(site) => crate::handlers::public::appeals::figures_csv(&bindings, site.id, &slug).await,
            Err(response) => Ok(response),
        },
        Route::AppealStatus { site, base_path } => match site_for_appeals(&bindings, &site).await? {
            Ok(site) => crate::handlers::public::appeals::status(&req, &bindings, site, &url, &base_path, &origin).await,
            Err(response) => Ok(response),
        },
        Route::SiteFile(file) => pages::site_file(&req, &bindings, &file, &origin).await,
        Route::Media(media) => match crate::handlers::public::media::public_file(&req, &bindings, &media.site, &media.file).await {
            Ok(Some(response)) => Ok(response),
            Ok(None) => html_response(404, &not_found_html(None, &RenderOptions::default()), None),
            Err(err) => storage_error(err),
        },
        Route::PlatformRobots => {
            let etag = format!("\"{}\"", &sha256_hex(PLATFORM_ROBOTS.as_bytes())[..16]);
            text_response(&req, SiteFileKind::Robots.content_type(), PLATFORM_ROBOTS, &etag)
        }
        Route::AddSlash => {
            let mut to = url.clone();
            to.set_path(&format!("{}/", url.path()));
            Response::redirect_with_status(to, 301)
        }
        Route::PlatformHome => {
            let mut to = url.clone();
            to.set_path("/admin/");
            Response::redirect_with_status(to, 302)
        }
        Route::Api(api_route) => match crate::handlers::api::handle_api(req, &env, api_route, &host).await {
            Ok(response) => Ok(response),
            Err(err) => api_error_response(err),
        },
        Route::ApiV1(v1_route) => crate::handlers::v1::handle_v1(req, &env, v1_route).await,
        Route::Static | Route::BoundHost { .. } => html_response(404, &not_found_html(None, &RenderOptions::default()), None),
    }
}

/// A site with an active bound domain is reached at its other addresses (`/s/<slug>/…`,
/// `<slug>.<platform>`) only to be sent there: the same path and query, 301.
async fn redirect_to_domain(bindings: &Bindings, url: &Url, host: &str, slug: &str, base_path: &str) -> Result<Option<Response>> {
    // A storage failure is left to the handler, which answers it as it always does.
    let Ok(Some(site)) = site_pointer(bindings, slug).await else { return Ok(None) };
    let Some(domain) = site.active_domain.as_deref() else { return Ok(None) };
    let below = url.path().strip_prefix(base_path).unwrap_or(url.path());
    let to = canonical_location(url.scheme(), host_port(host), domain, below, url.query());
    let mut response = Response::empty()?.with_status(301);
    response.headers_mut().set("Location", &to)?;
    // Browsers keep a 301 for ever unless told: an hour, so a removed domain is not followed long.
    response.headers_mut().set("Cache-Control", "public, max-age=3600")?;
    Ok(Some(response))
}

