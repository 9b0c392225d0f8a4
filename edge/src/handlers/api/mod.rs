//! The JSON API shell: CSRF and session checks, one authorisation decision per request, then
//! the handler the route names. Errors come back as `ApiError` and are turned into HTTP once,
//! by the caller. Every handler takes the one [`ApiCall`] (and the route's site and path
//! values) and returns `Result<Response, ApiError>`.

pub mod appeals;
pub mod audit;
pub mod backups;
pub mod collections;
pub mod comments;
pub mod compliance;
pub mod domains;
pub mod jobs;
pub mod media;
pub mod migration;
pub mod sessions;
pub mod site_import;
pub mod sites;
pub mod support;
pub mod tokens;
pub mod training;
pub mod users;
pub mod visits;

use worker::{Date, Env, Method, Request, Response};

use crate::accounts;
use crate::api::ApiError;
use crate::authz::{authorize, Denied};
use crate::http::access::{Access, NoAccess};
use crate::http::call::ApiCall;
use crate::http::routes::ApiRoute;
use crate::security::{is_same_origin, sha256_hex};
use crate::store::accounts as accounts_db;
use crate::store::appeals as appeals_db;
use crate::store::sites as sites_db;
use crate::store::Bindings;

/// Answers an API request. State changes must come from this origin; every endpoint but
/// login needs a session; state changes also need the session's CSRF token; and the
/// route's action is authorised once, here, before its handler runs.
pub async fn handle_api(request: Request, env: &Env, route: ApiRoute, host: &str) -> Result<Response, ApiError> {
    let method = request.method();
    let header = |name: &str| request.headers().get(name).ok().flatten();
    let changes_state = method != Method::Get && method != Method::Head;
    if changes_state && !is_same_origin(header("sec-fetch-site").as_deref(), header("origin").as_deref(), host) {
        return Err(ApiError::CrossSite);
    }
    let access = route.access(method.as_ref()).map_err(|no| match no {
        NoAccess::NotFound => ApiError::NotFound,
        NoAccess::MethodNotAllowed => ApiError::MethodNotAllowed,
    })?;
    let ip = header("cf-connecting-ip").unwrap_or_default();
    let csrf_header = header("x-csrf-token");
    let token = accounts::session_token(header("cookie").as_deref()).map(str::to_string);
    let bindings = Bindings::open(env)?;
    let now = (Date::now().as_millis() / 1000) as i64;
    let mut call = ApiCall { request, env, bindings, ip, now, session: None, token_hash: String::new() };
    if access == Access::Anyone {
        return sessions::login(&mut call).await;
    }
    let token = token.ok_or(ApiError::Unauthenticated)?;
    call.token_hash = sha256_hex(token.as_bytes());
    let session = accounts_db::session(&call.bindings.db, &call.token_hash, now).await?.ok_or(ApiError::Unauthenticated)?;
    if changes_state && csrf_header.as_deref() != Some(session.csrf.as_str()) {
        return Err(ApiError::CsrfTokenMissing);
    }
    let site = match route.site() {
        Some(slug) => Some(sites_db::site_by_slug(&call.bindings.db, slug).await?.ok_or(ApiError::SiteNotFound)?),
        None => None,
    };
    if let Access::Act(action) = access {
        let site_id = site.as_ref().map(|s| s.id);
        match authorize(&session.principal, action, site_id) {
            Ok(()) => {}
            // An administrator's support access opens the one appeal it was given for, while it lasts.
            Err(Denied::SupportAccessRequired) if support_access_opens(&call.bindings.db, &route, session.principal.user_id, site_id, now).await? => {}
            Err(denied) => return Err(ApiError::Denied(denied)),
        }
    }
    call.session = Some(session);
    let changed_site = route.site().filter(|_| changes_state && route.changes_public_view()).map(str::to_string);
    let result = dispatch(&mut call, route, site, &method).await;
    if let Some(slug) = changed_site {
        crate::store::search::public_view_changed(&call.bindings, &slug, result.is_ok()).await;
    }
    result
}

/// Whether the caller holds a live support access to the one appeal `route` reads.
async fn support_access_opens(db: &worker::D1Database, route: &ApiRoute, user_id: i64, site_id: Option<i64>, now: i64) -> Result<bool, ApiError> {
    let (Some(number), Some(site_id)) = (route.one_appeal(), site_id) else { return Ok(false) };
    Ok(appeals_db::support_access_until(db, user_id, site_id, number, now).await?.is_some())
}

/// The route → handler table: one line per route and method.
async fn dispatch(call: &mut ApiCall<'_>, route: ApiRoute, site: Option<sites_db::SiteRow>, method: &Method) -> Result<Response, ApiError> {
    let (get, post, put, patch, delete) =
        (*method == Method::Get, *method == Method::Post, *method == Method::Put, *method == Method::Patch, *method == Method::Delete);
    match (route, site) {
        (ApiRoute::Logout, _) => sessions::logout(call).await,
        (ApiRoute::Session, _) => sessions::session_info(call).await,
        (ApiRoute::OwnPassword, _) => sessions::change_own_password(call).await,
        (ApiRoute::Training, _) => training::own(call).await,
        (ApiRoute::Users, _) if get => users::list(call).await,
        (ApiRoute::Users, _) => users::create(call).await,
        (ApiRoute::User { id }, _) if delete => users::delete(call, id).await,
        (ApiRoute::User { id }, _) => users::change(call, id).await,
        (ApiRoute::UserPassword { id }, _) => users::set_password(call, id).await,
        (ApiRoute::Audit, _) => audit::page(call).await,
        (ApiRoute::Tokens, _) if get => tokens::list(call).await,
        (ApiRoute::Tokens, _) => tokens::create(call).await,
        (ApiRoute::Token { id }, _) => tokens::revoke(call, id).await,
        (ApiRoute::ListSites, _) if post => sites::create(call).await,
        (ApiRoute::ListSites, _) => sites::list(call).await,
        (ApiRoute::Draft { .. }, Some(site)) if get => sites::read_draft(call, &site).await,
        (ApiRoute::Draft { .. }, Some(site)) => sites::save_draft(call, &site).await,
        (ApiRoute::Publish { .. }, Some(site)) => sites::publish(call, &site).await,
        (ApiRoute::Revisions { .. }, Some(site)) => sites::revisions(call, &site).await,
        (ApiRoute::RevisionDocument { revision, .. }, Some(site)) => sites::revision_document(call, &site, revision).await,
        (ApiRoute::Rollback { .. }, Some(site)) => sites::rollback(call, &site).await,
        (ApiRoute::Appeals { .. }, Some(site)) => appeals::inbox(call, &site).await,
        (ApiRoute::Appeal { number, .. }, Some(site)) if get => appeals::one(call, &site, &number).await,
        (ApiRoute::Appeal { number, .. }, Some(site)) => appeals::act(call, &site, &number).await,
        (ApiRoute::AppealFigures { .. }, Some(site)) => appeals::figures(call, &site).await,
        (ApiRoute::AppealSupportAccess { number, .. }, Some(site)) => appeals::open_for_support(call, &site, &number).await,
        (ApiRoute::AppealFile { number, idx, .. }, Some(site)) => appeals::file(call, &site, &number, idx).await,
        (ApiRoute::AppealPublication { number, .. }, Some(site)) => appeals::publish(call, &site, &number, put).await,
        (ApiRoute::Migration, _) => migration::overview(call).await,
        (ApiRoute::MigrationTargets, _) if get => migration::targets(call).await,
        (ApiRoute::MigrationTargets, _) => migration::set_targets(call).await,
        (ApiRoute::MigrationChart, _) => migration::chart(call).await,
        (ApiRoute::MigrationActs, _) => migration::acts(call).await,
        (ApiRoute::MigrationCsv, _) => migration::overview_csv(call).await,
        (ApiRoute::SiteMigration { .. }, Some(site)) if get => migration::site_detail(call, &site).await,
        (ApiRoute::SiteMigration { .. }, Some(site)) => migration::change_site(call, &site).await,
        (ApiRoute::SiteAct { .. }, Some(site)) if get => migration::site_act(call, &site).await,
        (ApiRoute::SiteAct { .. }, Some(site)) => migration::sign_site_act(call, &site).await,
        (ApiRoute::Comments { .. }, Some(site)) => comments::queue(call, &site).await,
        (ApiRoute::Comment { id, .. }, Some(site)) => comments::moderate(call, &site, id).await,
        (ApiRoute::Dashboard, _) => compliance::dashboard(call).await,
        (ApiRoute::Compliance { .. }, Some(site)) if put => compliance::set_blocking(call, &site).await,
        (ApiRoute::Compliance { .. }, Some(site)) => compliance::report(call, &site).await,
        (ApiRoute::Data { .. }, Some(site)) => collections::data(call, &site).await,
        (ApiRoute::Collection { collection, .. }, Some(site)) if get => collections::list(call, &site, collection).await,
        (ApiRoute::Collection { collection, .. }, Some(site)) if post => collections::create(call, &site, collection).await,
        (ApiRoute::Collection { collection, .. }, Some(site)) => collections::reorder(call, &site, collection).await,
        (ApiRoute::CollectionImport { collection, .. }, Some(site)) => collections::import(call, &site, collection).await,
        (ApiRoute::CollectionItem { collection, id, .. }, Some(site)) if delete => collections::delete(call, &site, collection, &id).await,
        (ApiRoute::CollectionItem { collection, id, .. }, Some(site)) => collections::update(call, &site, collection, &id).await,
        (ApiRoute::Support, _) => support::all_tickets(call).await,
        (ApiRoute::SiteSupport { .. }, Some(site)) if get => support::site_tickets(call, &site).await,
        (ApiRoute::SiteSupport { .. }, Some(site)) => support::create(call, &site).await,
        (ApiRoute::SupportTicket { id, .. }, Some(site)) if get => support::ticket(call, &site, id).await,
        (ApiRoute::SupportTicket { id, .. }, Some(site)) => support::change(call, &site, id).await,
        (ApiRoute::Holidays, _) if put => support::set_holidays(call).await,
        (ApiRoute::Holidays, _) => support::holidays(call).await,
        (ApiRoute::SiteVisits { .. }, Some(site)) => visits::site_report(call, &site).await,
        (ApiRoute::Visits, _) => visits::totals(call).await,
        (ApiRoute::Backups { .. }, Some(site)) if get => backups::list(call, &site).await,
        (ApiRoute::Backups { .. }, Some(site)) => backups::create(call, &site).await,
        (ApiRoute::BackupArchive { site: slug, id }, Some(site)) => backups::archive(call, &site, &slug, id).await,
        (ApiRoute::Restore { site: slug }, Some(site)) => backups::restore(call, &site, &slug).await,
        (ApiRoute::RestoreNew, _) => backups::restore_new(call).await,
        (ApiRoute::SiteImport { .. }, Some(site)) => site_import::run(call, &site).await,
        (ApiRoute::Job { id }, _) => jobs::get(call, id).await,
        (ApiRoute::MediaLibrary { site: slug }, Some(site)) if get => media::list(call, &site, &slug).await,
        (ApiRoute::MediaLibrary { site: slug }, Some(site)) => media::upload(call, &site, &slug).await,
        (ApiRoute::MediaItem { site: slug, id }, Some(site)) if patch => media::change(call, &site, &slug, id).await,
        (ApiRoute::MediaItem { id, .. }, Some(site)) => media::delete(call, &site, id).await,
        (ApiRoute::Domains { site: slug }, Some(site)) if get => domains::list(call, &site, &slug).await,
        (ApiRoute::Domains { site: slug }, Some(site)) => domains::add(call, &site, &slug).await,
        (ApiRoute::DomainVerify { site: slug, host }, Some(site)) => domains::verify(call, &site, &slug, &host).await,
        (ApiRoute::Domain { site: slug, host }, Some(site)) => domains::remove(call, &site, &slug, &host).await,
        _ => Err(ApiError::NotFound),
    }
}
