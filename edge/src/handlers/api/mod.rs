//! The JSON API shell: CSRF and session checks, one authorisation decision per request, then
//! the handler. Errors come back as `ApiError` and are turned into HTTP once, by the caller.

pub mod media;

use serde_json::json;
use serde_json::value::RawValue;
use worker::{D1Database, Date, Env, Method, Request, Response};

use crate::accounts::{
    self, encode_token, ChangeOwnPassword, ChangeUser, CreateUser, LoginRequest, SetPassword, StoredHash, LOGIN_PER_ACCOUNT,
    LOGIN_PER_ADDRESS, PASSWORD_CHANGES, PBKDF2_ITERATIONS, SALT_BYTES, SESSION_SECONDS,
};
use crate::store::accounts::{self as accounts_db, Actor, NewUser, Session, UserChange};
use crate::api::{self, ApiError, DraftBody, PublishDraft};
use crate::store::backups;
use crate::store::collections;
use crate::authz::{authorize, sees_every_site, Denied};
use crate::crypto::{pbkdf2_sha256, random_bytes};
use crate::store::appeals;
use crate::store::migration;
use crate::store::support;
use crate::store::domains::{self, LocalLookup, SiteRef, Verifier};
use crate::store::compliance;
use crate::handlers::api::media as media_api;
use crate::http::access::{Access, NoAccess};
use crate::http::routes::ApiRoute;
use crate::security::{is_same_origin, sha256_hex};
use crate::store::sites;
use crate::store::{storage, today};
use crate::store::sites::SiteRow;
use crate::tokens;
use crate::store::tokens as tokens_db;
use crate::store::training;
use crate::store::visits;
use crate::http::responses::{download, json_with_status, ok, paper};
use crate::http::body::{bad, read_body, read_json, with_new_id};

/// One API request on its way through the checks.
struct Call<'a> {
    req: Request,
    env: &'a Env,
    db: D1Database,
    ip: String,
    now: i64,
}

/// Answers an API request. State changes must come from this origin; every endpoint but
/// login needs a session; state changes also need the session's CSRF token; and the
/// route's action is authorised once, here, before its handler runs.
pub async fn handle_api(req: Request, env: &Env, route: ApiRoute, host: &str) -> Result<Response, ApiError> {
    let method = req.method();
    let header = |name: &str| req.headers().get(name).ok().flatten();
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
    let db = env.d1("DB")?;
    let now = (Date::now().as_millis() / 1000) as i64;
    let mut call = Call { req, env, db, ip, now };
    if access == Access::Anyone {
        return login(&mut call).await;
    }
    let token = token.ok_or(ApiError::Unauthenticated)?;
    let token_hash = sha256_hex(token.as_bytes());
    let session = accounts_db::session(&call.db, &token_hash, now).await?.ok_or(ApiError::Unauthenticated)?;
    if changes_state && csrf_header.as_deref() != Some(session.csrf.as_str()) {
        return Err(ApiError::CsrfTokenMissing);
    }
    let site = match route.site() {
        Some(slug) => Some(sites::site_by_slug(&call.db, slug).await?.ok_or(ApiError::SiteNotFound)?),
        None => None,
    };
    if let Access::Act(action) = access {
        authorize(&session.principal, action, site.as_ref().map(|s| s.id)).map_err(ApiError::Denied)?;
    }
    let changed_site = route.site().filter(|_| changes_state && route.changes_public_view()).map(str::to_string);
    let ip = call.ip.clone();
    let actor = Actor { user_id: Some(session.principal.user_id), login: &session.principal.login, ip: &ip };
    let result = match (route, site) {
        (ApiRoute::Logout, _) => logout(&call, &token_hash, &actor).await,
        (ApiRoute::Session, _) => session_info(&call, &session).await,
        (ApiRoute::OwnPassword, _) => change_own_password(&mut call, &session, &actor).await,
        (ApiRoute::Training, _) => ok(&training::own(&call.db, session.principal.user_id).await?),
        (ApiRoute::Users, _) if call.req.method() == Method::Get => {
            ok(&json!({ "users": accounts_db::list_users(&call.db).await? }))
        }
        (ApiRoute::Users, _) => create_user(&mut call, &actor).await,
        (ApiRoute::User { id }, _) if call.req.method() == Method::Delete => {
            refuse_self(&session, id)?;
            existing_user(&call.db, id).await?;
            accounts_db::delete_user(&call.db, id, &actor).await?;
            ok(&json!({ "deleted": id }))
        }
        (ApiRoute::User { id }, _) => change_user(&mut call, &session, id, &actor).await,
        (ApiRoute::UserPassword { id }, _) => set_user_password(&mut call, &session, id, &actor).await,
        (ApiRoute::Audit, _) => audit_log(&call).await,
        (ApiRoute::Tokens, _) if call.req.method() == Method::Get => ok(&json!({ "tokens": tokens_db::list(&call.db).await? })),
        (ApiRoute::Tokens, _) => create_token(&mut call, &actor).await,
        (ApiRoute::Token { id }, _) => {
            tokens_db::revoke(&call.db, id, &actor).await?;
            ok(&json!({ "revoked": id }))
        }
        (ApiRoute::ListSites, _) if call.req.method() == Method::Post => {
            let request: api::CreateSite = read_json(&mut call.req).await?;
            let document = request.starter_document()?;
            let bucket = call.env.bucket("DOCS")?;
            sites::create_site(&call.db, &bucket, &request.slug, &document, &actor).await?;
            json_with_status(201, &json!({ "slug": request.slug, "version": 1 }))
        }
        (ApiRoute::ListSites, _) => {
            let own = (!sees_every_site(session.principal.role)).then_some(session.principal.sites.as_slice());
            ok(&json!({ "sites": sites::list_sites(&call.db, own, None, None).await? }))
        }
        (ApiRoute::Draft { .. }, Some(site)) if call.req.method() == Method::Get => read_draft(&call, &site).await,
        (ApiRoute::Draft { .. }, Some(site)) => {
            let body = read_body(&mut call.req).await?;
            let (save, document) = api::parse_save(&body)?;
            let bucket = call.env.bucket("DOCS")?;
            let version = sites::save_draft(&call.db, &bucket, &site, save.base_version, &document, &actor).await?;
            ok(&json!({ "version": version }))
        }
        (ApiRoute::Appeals { .. }, Some(site)) => {
            let all = call.req.url()?.query_pairs().any(|(name, _)| name == "all");
            ok(&json!({ "appeals": appeals::inbox(&call.db, site.id, !all).await? }))
        }
        (ApiRoute::Appeal { number, .. }, Some(site)) => {
            let action: civic_shared::appeals::Action = read_json(&mut call.req).await?;
            ok(&json!({ "appeal": appeals::act(&call.db, site.id, &number, &action, &actor).await? }))
        }
        (ApiRoute::Migration, _) => {
            // The dashboard keeps every site's compliance score current; the overview reads it.
            compliance::dashboard(&call.db, &call.env.bucket("DOCS")?).await?;
            let sites = migration::sites(&call.db).await?;
            let progress = migration::progress(&call.db, &sites).await?;
            let shown: Vec<_> = sites.iter().map(|site| &site.shown).collect();
            ok(&json!({ "sites": shown, "progress": progress }))
        }
        (ApiRoute::MigrationTargets, _) if call.req.method() == Method::Get => ok(&json!({ "targets": migration::targets(&call.db).await? })),
        (ApiRoute::MigrationTargets, _) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Targets {
                targets: Vec<civic_shared::migration::Target>,
            }
            let body: Targets = read_json(&mut call.req).await?;
            migration::set_targets(&call.db, &body.targets, &actor).await?;
            ok(&json!({ "targets": migration::targets(&call.db).await? }))
        }
        (ApiRoute::MigrationChart, _) => {
            let sites = migration::sites(&call.db).await?;
            let mut svg = String::with_capacity(4096);
            civic_renderer::migration::render_progress_svg(&migration::progress(&call.db, &sites).await?, &mut svg);
            paper(svg, "image/svg+xml; charset=utf-8", None)
        }
        (ApiRoute::MigrationActs, _) => {
            let bucket = call.env.bucket("DOCS")?;
            paper(migration::acts(&call.db, &bucket, &[], &platform_domain(call.env)).await?, "text/html; charset=utf-8", None)
        }
        (ApiRoute::MigrationCsv, _) => {
            let sites = migration::sites(&call.db).await?;
            let deadlines = appeals::deadlines(&call.db).await?;
            let csv = format!("\u{FEFF}{}", migration::overview_csv(&sites, &deadlines));
            paper(csv, "text/csv; charset=utf-8", Some("pereezd-saytov.csv"))
        }
        (ApiRoute::SiteMigration { .. }, Some(site)) if call.req.method() == Method::Get => {
            let bucket = call.env.bucket("DOCS")?;
            ok(&migration::detail(&call.db, &bucket, site.id).await?)
        }
        (ApiRoute::SiteMigration { .. }, Some(site)) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct MigrationChange {
                status: Option<civic_shared::migration::Status>,
                #[serde(default)]
                reason: String,
                responsible: Option<String>,
            }
            let change: MigrationChange = read_json(&mut call.req).await?;
            let bucket = call.env.bucket("DOCS")?;
            if let Some(responsible) = &change.responsible {
                migration::set_responsible(&call.db, site.id, responsible, &actor).await?;
            }
            if let Some(to) = change.status {
                migration::change(&call.db, &bucket, site.id, to, &change.reason, civic_shared::migration::Mover::Administrator, &actor).await?;
            }
            ok(&migration::detail(&call.db, &bucket, site.id).await?)
        }
        (ApiRoute::SiteAct { .. }, Some(site)) if call.req.method() == Method::Get => {
            let bucket = call.env.bucket("DOCS")?;
            paper(migration::acts(&call.db, &bucket, &[site.id], &platform_domain(call.env)).await?, "text/html; charset=utf-8", None)
        }
        (ApiRoute::SiteAct { .. }, Some(site)) => {
            let bucket = call.env.bucket("DOCS")?;
            let signed = migration::change(
                &call.db,
                &bucket,
                site.id,
                civic_shared::migration::Status::ActSigned,
                "",
                civic_shared::migration::Mover::Operator,
                &actor,
            )
            .await?;
            ok(&json!({ "site": signed }))
        }
        (ApiRoute::AppealFile { number, idx, .. }, Some(site)) => appeal_file(&call, site.id, &number, idx).await,
        (ApiRoute::AppealPublication { number, .. }, Some(site)) => {
            let publication = match call.req.method() {
                Method::Put => Some(read_json::<civic_shared::appeals::Publication>(&mut call.req).await?),
                _ => None,
            };
            appeals::publish(&call.db, site.id, &number, publication.as_ref(), &actor).await?;
            ok(&json!({ "number": number, "published": publication.is_some() }))
        }
        (ApiRoute::Comments { .. }, Some(site)) => {
            let all = call.req.url()?.query_pairs().any(|(name, _)| name == "all");
            ok(&json!({ "comments": crate::store::comments::queue(&call.db, site.id, all).await? }))
        }
        (ApiRoute::Comment { id, .. }, Some(site)) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Moderation {
                publish: bool,
            }
            let moderation: Moderation = read_json(&mut call.req).await?;
            crate::store::comments::moderate(&call.db, site.id, id, moderation.publish, &actor).await?;
            ok(&json!({ "id": id, "published": moderation.publish }))
        }
        (ApiRoute::Dashboard, _) => {
            let bucket = call.env.bucket("DOCS")?;
            ok(&json!({ "sites": compliance::dashboard(&call.db, &bucket).await? }))
        }
        (ApiRoute::Compliance { .. }, Some(site)) if call.req.method() == Method::Put => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Setting {
                blocking: bool,
            }
            let setting: Setting = read_json(&mut call.req).await?;
            compliance::set_blocking(&call.db, site.id, setting.blocking, &actor).await?;
            ok(&json!({ "blocking": setting.blocking }))
        }
        (ApiRoute::Compliance { .. }, Some(site)) => {
            let bucket = call.env.bucket("DOCS")?;
            let report = compliance::draft_report(&call.db, &bucket, site.id, &site.draft_key).await?;
            // The publish dialog asks this too (for the setting); only «Требования закона» opened
            // by the editor says `opened`, and only that is the step of the course.
            if call.req.url()?.query_pairs().any(|(name, _)| name == "opened") {
                training::record_now(&call.db, &actor, site.id, civic_shared::training::Step::ComplianceReport).await;
            }
            ok(&json!({ "blocking": site.compliance_blocking != 0, "summary": report.summary(), "report": report }))
        }
        (ApiRoute::Data { .. }, Some(site)) => {
            let bucket = call.env.bucket("DOCS")?;
            ok(&collections::render_data(&call.db, &bucket, site.id).await?)
        }
        (ApiRoute::Collection { collection, .. }, Some(site)) => match call.req.method() {
            Method::Get => ok(&json!({ "items": collections::list(&call.db, site.id, collection).await? })),
            Method::Post => {
                let body = read_body(&mut call.req).await?;
                let mut item = api::parse_item(collection, &body)?;
                if item.id.is_empty() {
                    item = with_new_id(collection, item)?;
                }
                collections::create(&call.db, site.id, collection, &item, &actor).await?;
                json_with_status(201, &json!({ "revision": 1, "item": RawValue::from_string(item.json)? }))
            }
            _ => {
                #[derive(serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Order {
                    order: Vec<String>,
                }
                let order: Order = read_json(&mut call.req).await?;
                collections::reorder(&call.db, site.id, collection, &order.order, &actor).await?;
                ok(&json!({ "items": collections::list(&call.db, site.id, collection).await? }))
            }
        },
        (ApiRoute::CollectionImport { collection, .. }, Some(site)) => {
            let body = read_body(&mut call.req).await?;
            let (items, dry_run) = api::parse_import(collection, &body)?;
            let items = items.into_iter().map(|item| if item.id.is_empty() { with_new_id(collection, item) } else { Ok(item) });
            let items = items.collect::<Result<Vec<_>, _>>()?;
            let counts = collections::import(&call.db, site.id, collection, &items, dry_run, &actor).await?;
            ok(&json!({ "dry_run": dry_run, "created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged }))
        }
        (ApiRoute::Support, _) => ok(&json!({ "tickets": support::list(&call.db, None).await? })),
        (ApiRoute::SiteVisits { .. }, Some(site)) => ok(&visits::site_report(&call.db, site.id).await?),
        (ApiRoute::Visits, _) => ok(&json!({ "sites": visits::totals(&call.db).await? })),
        (ApiRoute::SiteSupport { .. }, Some(site)) if call.req.method() == Method::Get => {
            ok(&json!({ "tickets": support::list(&call.db, Some(site.id)).await? }))
        }
        (ApiRoute::SiteSupport { .. }, Some(site)) => {
            let new: civic_shared::support::NewTicket = read_json(&mut call.req).await?;
            json_with_status(201, &json!({ "ticket": support::create(&call.db, site.id, &new, &actor).await? }))
        }
        (ApiRoute::SupportTicket { id, .. }, Some(site)) if call.req.method() == Method::Get => {
            ok(&json!({ "ticket": support::detail(&call.db, site.id, id).await? }))
        }
        (ApiRoute::SupportTicket { id, .. }, Some(site)) => {
            let change: civic_shared::support::Change = read_json(&mut call.req).await?;
            // Taking, resolving and moving deadlines are the administrator's (the one table says who).
            let handles = authorize(&session.principal, crate::authz::Action::HandleTickets, None).is_ok();
            ok(&json!({ "ticket": support::change(&call.db, site.id, id, &change, handles, &actor).await? }))
        }
        (ApiRoute::Holidays, _) => holidays(&mut call, &actor).await,
        (ApiRoute::Backups { .. }, Some(site)) if call.req.method() == Method::Get => {
            let backups = backups::list(&call.db, site.id).await?;
            ok(&json!({ "backups": backups, "daily_kept": backups::DAILY_KEPT, "max_bytes": civic_shared::backup::MAX_ARCHIVE_BYTES }))
        }
        (ApiRoute::Backups { .. }, Some(site)) => {
            let bucket = call.env.bucket("DOCS")?;
            json_with_status(201, &json!({ "backup": backups::create(&call.db, &bucket, site.id, "manual", &actor).await? }))
        }
        (ApiRoute::BackupArchive { site: slug, id }, Some(site)) => {
            let bucket = call.env.bucket("DOCS")?;
            let (row, bytes) = backups::archive(&call.db, &bucket, site.id, id).await?.ok_or(ApiError::NotFound)?;
            let day = row.created_at.get(..10).unwrap_or_default();
            download(bytes, "application/zip", &format!("{slug}-{day}-{id}.zip"))
        }
        (ApiRoute::Restore { site: slug }, Some(site)) => {
            let backup = backup_to_restore(&mut call, Some(&slug)).await?;
            let bucket = call.env.bucket("DOCS")?;
            let target = backups::Target { id: Some(site.id), slug: &slug, name: None };
            ok(&json!({ "restored": backups::restore(&call.db, &bucket, &target, &backup, &actor).await? }))
        }
        (ApiRoute::RestoreNew, _) => {
            let url = call.req.url()?;
            let query: std::collections::HashMap<String, String> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.trim().to_string())).collect();
            let slug = query.get("slug").cloned().unwrap_or_default();
            if !civic_shared::validate::is_slug(&slug) || slug.len() > 40 {
                return Err(bad("slug", "строчные латинские буквы, цифры и дефис, до 40 знаков"));
            }
            let name = query.get("name").filter(|n| !n.is_empty()).cloned();
            if name.as_ref().is_some_and(|n| n.chars().count() > civic_shared::validate::MAX_LINE) {
                return Err(bad("name", "не длиннее одной строки"));
            }
            let backup = backup_to_restore(&mut call, None).await?;
            let bucket = call.env.bucket("DOCS")?;
            let target = backups::Target { id: None, slug: &slug, name: name.as_deref() };
            json_with_status(201, &json!({ "restored": backups::restore(&call.db, &bucket, &target, &backup, &actor).await? }))
        }
        (ApiRoute::SiteImport { site: slug }, Some(site)) => {
            let request = site_import_request(&mut call).await?;
            ok(&crate::store::site_import::run(call.env, &call.db, &site, &slug, request, &actor).await?)
        }
        (ApiRoute::CollectionItem { collection, id, .. }, Some(site)) if call.req.method() == Method::Delete => {
            collections::delete(&call.db, site.id, collection, &id, &actor).await?;
            ok(&json!({ "deleted": id }))
        }
        (ApiRoute::CollectionItem { collection, id, .. }, Some(site)) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Save {
                revision: i64,
                item: Box<RawValue>,
            }
            let save: Save = read_json(&mut call.req).await?;
            let item = api::parse_item(collection, save.item.get())?;
            if item.id != id {
                return Err(bad("item.id", "номер записи в адресе и в теле запроса не совпадают"));
            }
            let revision = collections::update(&call.db, site.id, collection, &item, save.revision, &actor).await?;
            ok(&json!({ "revision": revision, "item": RawValue::from_string(item.json)? }))
        }
        (ApiRoute::Publish { .. }, Some(site)) => {
            let publish: PublishDraft = read_json(&mut call.req).await?;
            compliance::guard_publish(&call.db, &call.env.bucket("DOCS")?, &site).await?;
            let revision = sites::publish(&call.db, &site, publish.version, &actor).await?;
            ok(&json!({ "revision": revision }))
        }
        (ApiRoute::Revisions { .. }, Some(site)) => {
            let revisions = sites::revisions(&call.db, site.id, None, None).await?;
            ok(&json!({ "published_revision": site.published_revision, "revisions": revisions }))
        }
        (ApiRoute::RevisionDocument { revision, .. }, Some(site)) => {
            let key = sites::revision_key(&call.db, site.id, revision).await?.ok_or(ApiError::NotFound)?;
            let bucket = call.env.bucket("DOCS")?;
            let json = sites::read_document(&bucket, &key).await?.ok_or_else(|| ApiError::Storage(format!("missing {key}")))?;
            let document = RawValue::from_string(json)?;
            ok(&json!({ "revision": revision, "document": document }))
        }
        (ApiRoute::Rollback { .. }, Some(site)) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Rollback {
                revision: i64,
            }
            let rollback: Rollback = read_json(&mut call.req).await?;
            let revision = sites::rollback(&call.db, &site, rollback.revision, &actor).await?;
            ok(&json!({ "revision": revision }))
        }
        (ApiRoute::MediaLibrary { site: slug }, Some(site)) if call.req.method() == Method::Get => {
            media_api::list(&call.req, &call.db, &site, &slug).await
        }
        (ApiRoute::MediaLibrary { site: slug }, Some(site)) => {
            media_api::upload(&mut call.req, call.env, &call.db, &site, &slug, &actor).await
        }
        (ApiRoute::MediaItem { site: slug, id }, Some(site)) if call.req.method() == Method::Patch => {
            media_api::change(&mut call.req, &call.db, &site, &slug, id, &actor).await
        }
        (ApiRoute::MediaItem { id, .. }, Some(site)) => media_api::delete(call.env, &call.db, &site, id, &actor).await,
        (ApiRoute::Domains { site: slug }, Some(site)) if call.req.method() == Method::Get => {
            domain_list(&call, &SiteRef { db: &call.db, id: site.id, slug: &slug }, 200).await
        }
        (ApiRoute::Domains { site: slug }, Some(site)) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct NewDomain {
                host: String,
            }
            let body: NewDomain = read_json(&mut call.req).await?;
            let host = civic_shared::domains::normalize_host(&body.host, &platform_domain(call.env))
                .map_err(|problem| ApiError::Domain(civic_shared::domains::Refused::Host(problem)))?;
            let token: String = random_bytes::<16>().iter().map(|byte| format!("{byte:02x}")).collect();
            let site = SiteRef { db: &call.db, id: site.id, slug: &slug };
            domains::add(&site, &host, &token, &actor).await?;
            domain_list(&call, &site, 201).await
        }
        (ApiRoute::DomainVerify { site: slug, host }, Some(site)) => {
            let host = domains::path_host(&host, &platform_domain(call.env))?;
            let kv = call.env.kv("PAGES")?;
            let iso: String = js_sys::Date::new_0().to_iso_string().into();
            let now = format!("{} UTC", iso.get(..19).unwrap_or_default().replace('T', " "));
            let site = SiteRef { db: &call.db, id: site.id, slug: &slug };
            match domains::verifier(call.env) {
                Verifier::Local => domains::verify(&site, &kv, &LocalLookup { db: &call.db }, &host, &now, &actor).await?,
                Verifier::Doh(lookup) => domains::verify(&site, &kv, &lookup, &host, &now, &actor).await?,
            }
            domains::add_custom_hostname(call.env, &host).await;
            domain_list(&call, &site, 200).await
        }
        (ApiRoute::Domain { site: slug, host }, Some(site)) => {
            let host = domains::path_host(&host, &platform_domain(call.env))?;
            let site = SiteRef { db: &call.db, id: site.id, slug: &slug };
            domains::remove(&site, &call.env.kv("PAGES")?, &host, &actor).await?;
            domains::remove_custom_hostname(call.env, &host).await;
            domain_list(&call, &site, 200).await
        }
        _ => Err(ApiError::NotFound),
    };
    if let Some(slug) = changed_site {
        crate::store::search::public_view_changed(&crate::store::Bindings::open(call.env)?, &slug, result.is_ok()).await;
    }
    result
}

/// `POST /api/login`: rate-limited per login and per address; the same answer for an
/// unknown login and a wrong password, after the same slow hashing.
async fn login(call: &mut Call<'_>) -> Result<Response, ApiError> {
    let body: LoginRequest = read_json(&mut call.req).await?;
    let login = accounts::normalize_login(&body.login).unwrap_or_default();
    let (login_key, ip_key) = (format!("login:{login}"), format!("ip:{}", call.ip));
    for (key, limit) in [(&login_key, LOGIN_PER_ACCOUNT), (&ip_key, LOGIN_PER_ADDRESS)] {
        if let Some(retry_after) = accounts_db::attempts_left(&call.db, key, limit, call.now).await? {
            return Err(ApiError::RateLimited { retry_after });
        }
    }
    let user = match login.is_empty() {
        true => None,
        false => accounts_db::user_for_login(&call.db, &login).await?,
    };
    let stored = user.as_ref().and_then(|u| StoredHash::parse(&u.password_hash));
    // Unknown logins are hashed too, against a throwaway salt, so timing tells nothing.
    let (salt, iterations) = stored.as_ref().map_or((vec![0; SALT_BYTES], PBKDF2_ITERATIONS), |s| (s.salt.clone(), s.iterations));
    let password_ok = body.password.len() <= accounts::MAX_PASSWORD_BYTES && {
        let derived = pbkdf2_sha256(&body.password, &salt, iterations).await?;
        stored.as_ref().is_some_and(|s| s.matches(&derived))
    };
    let actor = Actor { user_id: user.as_ref().map(|u| u.id), login: &login, ip: &call.ip };
    let (Some(user), true) = (user.as_ref(), password_ok) else {
        accounts_db::record_failure(&call.db, &login_key, LOGIN_PER_ACCOUNT, call.now).await?;
        accounts_db::record_failure(&call.db, &ip_key, LOGIN_PER_ADDRESS, call.now).await?;
        accounts_db::audit(&call.db, &actor, "login.failed", None, "").await?;
        return Err(ApiError::WrongCredentials);
    };
    if user.status == "banned" {
        return Err(ApiError::Denied(Denied::Banned));
    }
    let token = encode_token(&random_bytes::<32>());
    let csrf = encode_token(&random_bytes::<32>());
    let token_hash = sha256_hex(token.as_bytes());
    accounts_db::create_session(&call.db, user.id, &token_hash, &csrf, call.now + SESSION_SECONDS, &actor).await?;
    let session = accounts_db::session(&call.db, &token_hash, call.now).await?.ok_or_else(|| storage("new session missing"))?;
    let mut response = session_info(call, &session).await?;
    response.headers_mut().set("Set-Cookie", &accounts::session_cookie(&token))?;
    Ok(response)
}

async fn logout(call: &Call<'_>, token_hash: &str, actor: &Actor<'_>) -> Result<Response, ApiError> {
    accounts_db::end_session(&call.db, token_hash, actor).await?;
    let mut response = ok(&json!({ "signed_out": true }))?;
    response.headers_mut().set("Set-Cookie", &accounts::clear_session_cookie())?;
    Ok(response)
}

/// `GET /api/session`: the user (with their sites) and the CSRF token.
async fn session_info(call: &Call<'_>, session: &Session) -> Result<Response, ApiError> {
    let user = accounts_db::user_by_id(&call.db, session.principal.user_id).await?.ok_or(ApiError::Unauthenticated)?;
    ok(&json!({ "user": user, "csrf": session.csrf }))
}

async fn change_own_password(call: &mut Call<'_>, session: &Session, actor: &Actor<'_>) -> Result<Response, ApiError> {
    let body: ChangeOwnPassword = read_json(&mut call.req).await?;
    let principal = &session.principal;
    let key = format!("password:{}", principal.user_id);
    if let Some(retry_after) = accounts_db::attempts_left(&call.db, &key, PASSWORD_CHANGES, call.now).await? {
        return Err(ApiError::RateLimited { retry_after });
    }
    let user = accounts_db::user_for_login(&call.db, &principal.login).await?.ok_or(ApiError::Unauthenticated)?;
    let stored = StoredHash::parse(&user.password_hash).ok_or(ApiError::WrongCredentials)?;
    let current_ok = body.current_password.len() <= accounts::MAX_PASSWORD_BYTES
        && stored.matches(&pbkdf2_sha256(&body.current_password, &stored.salt, stored.iterations).await?);
    if !current_ok {
        accounts_db::record_failure(&call.db, &key, PASSWORD_CHANGES, call.now).await?;
        return Err(ApiError::WrongCredentials);
    }
    accounts::check_password(&principal.login, &body.new_password).map_err(ApiError::WeakPassword)?;
    let hash = new_password_hash(&body.new_password).await?;
    // Every session ends, this one included; the browser gets a fresh one.
    accounts_db::set_password(&call.db, principal.user_id, &hash, actor).await?;
    let token = encode_token(&random_bytes::<32>());
    let token_hash = sha256_hex(token.as_bytes());
    accounts_db::create_session(&call.db, principal.user_id, &token_hash, &session.csrf, call.now + SESSION_SECONDS, actor).await?;
    let mut response = ok(&json!({ "changed": true, "csrf": session.csrf }))?;
    response.headers_mut().set("Set-Cookie", &accounts::session_cookie(&token))?;
    Ok(response)
}

async fn create_user(call: &mut Call<'_>, actor: &Actor<'_>) -> Result<Response, ApiError> {
    let body: CreateUser = read_json(&mut call.req).await?;
    let login = accounts::normalize_login(&body.login).ok_or_else(|| bad("login", "латинские буквы, цифры, «.», «_» или «-», от 3 до 64 знаков"))?;
    let name = accounts::normalize_name(&body.name).ok_or_else(|| bad("name", "укажите имя, до 200 знаков"))?;
    accounts::check_password(&login, &body.password).map_err(ApiError::WeakPassword)?;
    let site_ids = accounts_db::site_ids(&call.db, &body.sites).await?.ok_or_else(|| bad("sites", "нет сайта с таким адресом"))?;
    let hash = new_password_hash(&body.password).await?;
    let user = NewUser { login: &login, name: &name, role: body.role, password_hash: &hash, site_ids: &site_ids };
    let id = accounts_db::create_user(&call.db, &user, actor).await?;
    let view = accounts_db::user_by_id(&call.db, id).await?;
    json_with_status(201, &json!({ "user": view }))
}

async fn change_user(call: &mut Call<'_>, session: &Session, id: i64, actor: &Actor<'_>) -> Result<Response, ApiError> {
    let body: ChangeUser = read_json(&mut call.req).await?;
    existing_user(&call.db, id).await?;
    if body.role.is_some() || body.status.is_some() {
        // An administrator cannot lock themselves out by demoting or banning their own account.
        refuse_self(session, id)?;
    }
    let name = match body.name.as_deref() {
        Some(name) => Some(accounts::normalize_name(name).ok_or_else(|| bad("name", "укажите имя, до 200 знаков"))?),
        None => None,
    };
    let site_ids = match body.sites.as_deref() {
        Some(slugs) => Some(accounts_db::site_ids(&call.db, slugs).await?.ok_or_else(|| bad("sites", "нет сайта с таким адресом"))?),
        None => None,
    };
    let change = UserChange { name: name.as_deref(), role: body.role, status: body.status, site_ids: site_ids.as_deref() };
    accounts_db::change_user(&call.db, id, &change, actor).await?;
    ok(&json!({ "user": accounts_db::user_by_id(&call.db, id).await? }))
}

async fn set_user_password(call: &mut Call<'_>, session: &Session, id: i64, actor: &Actor<'_>) -> Result<Response, ApiError> {
    let body: SetPassword = read_json(&mut call.req).await?;
    let key = format!("password:{}", session.principal.user_id);
    if let Some(retry_after) = accounts_db::attempts_left(&call.db, &key, PASSWORD_CHANGES, call.now).await? {
        return Err(ApiError::RateLimited { retry_after });
    }
    // Every reset counts, successful or not: a stolen administrator session cannot spray resets.
    accounts_db::record_failure(&call.db, &key, PASSWORD_CHANGES, call.now).await?;
    let user = existing_user(&call.db, id).await?;
    accounts::check_password(&user.login, &body.password).map_err(ApiError::WeakPassword)?;
    let hash = new_password_hash(&body.password).await?;
    accounts_db::set_password(&call.db, id, &hash, actor).await?;
    ok(&json!({ "changed": true }))
}

/// `POST /api/tokens`: a new token for an outside system. Its secret is in this answer and
/// nowhere else: only its hash is stored.
async fn create_token(call: &mut Call<'_>, actor: &Actor<'_>) -> Result<Response, ApiError> {
    let body: tokens::CreateToken = read_json(&mut call.req).await?;
    let token = tokens::check_new_token(body, call.now).map_err(ApiError::BadTokenSettings)?;
    let site_ids = accounts_db::site_ids(&call.db, &token.sites)
        .await?
        .ok_or(ApiError::BadTokenSettings(tokens::TokenProblem::UnknownSite))?;
    let secret = tokens::encode_secret(&random_bytes::<32>());
    let secret_hash = sha256_hex(secret.as_bytes());
    let hint = secret.get(..tokens::HINT_CHARS).unwrap_or_default();
    let new = tokens_db::NewToken { token: &token, site_ids: &site_ids, secret_hash: &secret_hash, hint };
    let id = tokens_db::create(&call.db, &new, actor).await?;
    let view = tokens_db::list(&call.db).await?.into_iter().find(|t| t.id == id);
    json_with_status(201, &json!({ "token": view, "secret": secret }))
}

/// `GET /api/audit?site=<slug>&before=<id>`: fifty entries at a time, newest first.
async fn audit_log(call: &Call<'_>) -> Result<Response, ApiError> {
    const PAGE: i64 = 50;
    let url = call.req.url()?;
    let (mut site, mut before) = (None, None);
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "site" => site = Some(sites::site_by_slug(&call.db, &value).await?.ok_or(ApiError::SiteNotFound)?.id),
            "before" => before = Some(value.parse::<i64>().map_err(|_| bad("before", "номер записи"))?),
            _ => {}
        }
    }
    let entries = accounts_db::audit_page(&call.db, site, before, PAGE).await?;
    let next = (entries.len() as i64 == PAGE).then(|| entries.last().map(|e| e.id)).flatten();
    ok(&json!({ "entries": entries, "next_before": next }))
}

async fn read_draft(call: &Call<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let bucket = call.env.bucket("DOCS")?;
    let json = sites::read_document(&bucket, &site.draft_key)
        .await?
        .ok_or_else(|| ApiError::Storage(format!("missing {}", site.draft_key)))?;
    let document = RawValue::from_string(json)?;
    let body = DraftBody { version: site.draft_version, published_revision: site.published_revision, document: &document };
    ok(&body)
}

async fn new_password_hash(password: &str) -> Result<String, ApiError> {
    let salt = random_bytes::<SALT_BYTES>().to_vec();
    let hash = pbkdf2_sha256(password, &salt, PBKDF2_ITERATIONS).await?;
    Ok(StoredHash { iterations: PBKDF2_ITERATIONS, salt, hash }.to_stored())
}

async fn existing_user(db: &D1Database, id: i64) -> Result<accounts::UserView, ApiError> {
    accounts_db::user_by_id(db, id).await?.ok_or(ApiError::NotFound)
}

fn refuse_self(session: &Session, id: i64) -> Result<(), ApiError> {
    match session.principal.user_id == id {
        true => Err(ApiError::Denied(Denied::Forbidden)),
        false => Ok(()),
    }
}

/// `GET /api/holidays?year=`: that year's days off (this year's by default); `PUT` with
/// `{"year", "days": [{"day", "name"}]}` replaces them.
async fn holidays(call: &mut Call<'_>, actor: &Actor<'_>) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Year {
        year: i64,
        days: Vec<civic_shared::support::Holiday>,
    }
    if call.req.method() == Method::Put {
        let body: Year = read_json(&mut call.req).await?;
        if !(2000..=2100).contains(&body.year) {
            return Err(bad("year", "год от 2000 до 2100"));
        }
        let days = support::set_holidays(&call.db, body.year, &body.days, actor).await?;
        return ok(&json!({ "year": body.year, "days": days }));
    }
    let url = call.req.url()?;
    let asked = url.query_pairs().find(|(name, _)| name == "year").map(|(_, v)| v.parse::<i64>());
    let year = match asked {
        Some(Ok(year)) if (2000..=2100).contains(&year) => year,
        Some(_) => return Err(bad("year", "год от 2000 до 2100")),
        None => today().get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026),
    };
    ok(&json!({ "year": year, "days": support::holidays_of(&call.db, year).await? }))
}

/// The backup a restore reads: a stored one (`?backup=<id>` of the site `?from=<slug>`, the
/// target site by default), or the archive sent as the body.
async fn backup_to_restore(call: &mut Call<'_>, own_site: Option<&str>) -> Result<civic_shared::backup::Backup, ApiError> {
    use civic_shared::backup::{self, BackupError};
    let url = call.req.url()?;
    let query: std::collections::HashMap<String, String> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let bytes = match query.get("backup") {
        Some(id) => {
            let id = id.parse::<i64>().map_err(|_| bad("backup", "номер резервной копии"))?;
            let slug = query.get("from").map(String::as_str).or(own_site).ok_or_else(|| bad("from", "укажите сайт, чья это копия"))?;
            let source = sites::site_by_slug(&call.db, slug).await?.ok_or(ApiError::SiteNotFound)?;
            let bucket = call.env.bucket("DOCS")?;
            backups::archive(&call.db, &bucket, source.id, id).await?.ok_or(ApiError::NotFound)?.1
        }
        None => {
            let declared = call.req.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
            if declared.is_some_and(|len| len > backup::MAX_ARCHIVE_BYTES) {
                return Err(ApiError::Backup(BackupError::TooBig));
            }
            call.req.bytes().await.map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })?
        }
    };
    backup::read(&bytes).map_err(ApiError::Backup)
}

/// The constructor's import request: the body is the archive or page itself, the options
/// are in the query.
async fn site_import_request(call: &mut Call<'_>) -> Result<crate::store::site_import::Request, ApiError> {
    use civic_shared::site_import::{SiteImportError, MAX_UPLOAD_BYTES};
    let declared = call.req.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_UPLOAD_BYTES) {
        return Err(ApiError::SiteImport(SiteImportError::TooBig));
    }
    let content_type = call.req.headers().get("content-type").ok().flatten().unwrap_or_default();
    let url = call.req.url()?;
    let query: std::collections::HashMap<String, String> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let text = |name: &str| query.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let base_version = match text("base_version") {
        Some(v) => Some(v.parse::<i64>().map_err(|_| bad("base_version", "целое число"))?),
        None => None,
    };
    let bytes = call.req.bytes().await.map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })?;
    Ok(crate::store::site_import::Request {
        upload: crate::store::site_import::Upload::from_body(bytes, &content_type)?,
        options: civic_shared::site_import::convert::Options { parent: text("parent"), old_host: text("old_host") },
        dry_run: query.contains_key("dry_run"),
        base_version,
    })
}

/// A file an appellant attached, for the site's staff: always a download, never rendered in
/// the platform's origin.
async fn appeal_file(call: &Call<'_>, site_id: i64, number: &str, idx: i64) -> Result<Response, ApiError> {
    let (key, name, kind) = appeals::file(&call.db, site_id, number, idx).await?.ok_or(ApiError::NotFound)?;
    let bucket = call.env.bucket("DOCS")?;
    let object = bucket.get(&key).execute().await?.ok_or_else(|| ApiError::Storage(format!("missing {key}")))?;
    let bytes = object.body().ok_or_else(|| ApiError::Storage(format!("empty {key}")))?.bytes().await?;
    let mut response = Response::from_bytes(bytes)?;
    let headers = response.headers_mut();
    let encoded: String = name.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    for (header, value) in [
        ("Content-Type", kind.media_type().to_string()),
        ("Content-Disposition", format!("attachment; filename=\"appeal-{number}-{idx}\"; filename*=UTF-8''{encoded}")),
        ("Content-Security-Policy", "default-src 'none'; sandbox".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Cache-Control", "private, no-store".into()),
    ] {
        headers.set(header, &value)?;
    }
    Ok(response)
}

/// The site's domains with the records to create for each.
async fn domain_list(call: &Call<'_>, site: &SiteRef<'_>, status: u16) -> Result<Response, ApiError> {
    let platform = platform_domain(call.env);
    let domains = domains::list(site, &platform).await?;
    json_with_status(status, &json!({ "domains": domains, "platform_address": format!("{}.{platform}", site.slug) }))
}

fn platform_domain(env: &Env) -> String {
    env.var("PLATFORM_DOMAIN").map(|v| v.to_string()).unwrap_or_default()
}
