//! The shell of the API for outside systems (`/api/v1`): a bearer token and never a cookie
//! (so no CSRF can apply), one authorisation decision per request from the routing table,
//! idempotent POSTs, and every error as a problem document, mapped here once.

use serde::de::DeserializeOwned;
use serde_json::json;
use serde_json::value::RawValue;
use worker::{Date, Env, Request, Response};

use crate::store::accounts::Actor;
use crate::api::{self, ApiError, DraftBody, PublishDraft, SiteSummary};
use crate::http::v1_routes::V1Route;
use crate::authz::Denied;
use crate::store::collections::{self, ItemKey};
use crate::idempotency::{self, Replay, StoredAnswer};
use crate::pagination::{cut_page, page_request, PageRequest};
use crate::problem::{language_tag, preferred_lang, problem, problem_json, PROBLEM_JSON};
use crate::http::access::{Access, NoAccess};
use crate::security::sha256_hex;
use crate::store::sites;
use crate::store::Bindings;
use crate::store::storage;
use crate::store::sites::SiteRow;
use crate::tokens::{authorize_token, bearer_secret, Scope, TokenGrant};
use crate::store::tokens;
use crate::store::jobs::{self as jobs_store, NewJob};
use crate::store::site_import::ImportJob;
use civic_shared::jobs::{Kind as JobKind, Queued};
use civic_shared::Lang;
use crate::http::body::{read_body, with_id, with_new_id};

/// An answer before it becomes a `Response`: what an idempotency key stores and replays.
struct Answer {
    status: u16,
    /// JSON (a problem document for errors); empty for 204.
    body: String,
    location: Option<String>,
    replayed: bool,
}

impl Answer {
    fn json(status: u16, value: &impl serde::Serialize) -> Result<Answer, ApiError> {
        Ok(Answer { status, body: serde_json::to_string(value)?, location: None, replayed: false })
    }

    fn stored(&self) -> StoredAnswer {
        StoredAnswer { status: self.status, body: self.body.clone(), location: self.location.clone() }
    }
}

/// What every step of a request needs to know.
struct Call<'a> {
    env: &'a Env,
    bindings: &'a Bindings,
    url: worker::Url,
    method: &'a str,
    now: i64,
}

/// Answers a `/api/v1` request; errors become problem documents here and nowhere else.
pub async fn handle_v1(mut req: Request, env: &Env, route: V1Route) -> worker::Result<Response> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let lang = preferred_lang(header("accept-language").as_deref());
    let sent_authorization = header("authorization").is_some();
    // The raw method: the worker crate reads unknown methods (QUERY, TRACE…) as GET.
    let method = req.inner().method().to_ascii_uppercase();
    let url = req.url()?;
    if method == "OPTIONS" && route.template().is_some() {
        let mut response = Response::empty()?.with_status(204);
        response.headers_mut().set("Allow", &route.allowed_methods().join(", "))?;
        return Ok(response);
    }
    let bindings = Bindings::open(env)?;
    let answer = match serve(&mut req, (env, &bindings), &route, &method, url.clone()).await {
        Ok(answer) => answer,
        Err(error) => {
            if let ApiError::Storage(detail) = &error {
                worker::console_error!("storage: {detail}");
            }
            let mut response = problem_response(&error, lang, url.path())?;
            let headers = response.headers_mut();
            match &error {
                ApiError::Unauthenticated => headers.set("WWW-Authenticate", "Bearer realm=\"civic\"")?,
                ApiError::TokenInvalid => {
                    let error = if sent_authorization { ", error=\"invalid_token\"" } else { "" };
                    headers.set("WWW-Authenticate", &format!("Bearer realm=\"civic\"{error}"))?
                }
                ApiError::InsufficientScope { scope } => headers.set(
                    "WWW-Authenticate",
                    &format!("Bearer realm=\"civic\", error=\"insufficient_scope\", scope=\"{}\"", scope.map_or("", Scope::as_str)),
                )?,
                ApiError::MethodNotAllowed => headers.set("Allow", &route.allowed_methods().join(", "))?,
                ApiError::Storage(_) => headers.set("Retry-After", "5")?,
                _ => {}
            }
            return Ok(response);
        }
    };
    if let (Some(slug), true) = (route.site(), method != "GET" && route.changes_public_view()) {
        crate::store::search::public_view_changed(&bindings, slug, true).await;
    }
    to_response(&answer, lang)
}

/// The checks in order: method, token, site, the one authorisation, the idempotency key;
/// then the handler.
async fn serve(req: &mut Request, (env, bindings): (&Env, &Bindings), route: &V1Route, method: &str, url: worker::Url) -> Result<Answer, ApiError> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let (authorization, idempotency_key) = (header("authorization"), header("idempotency-key"));
    let (ip, lang) = (header("cf-connecting-ip"), preferred_lang(header("accept-language").as_deref()));
    let access = route.access(method).map_err(|no| match no {
        NoAccess::NotFound => ApiError::NotFound,
        NoAccess::MethodNotAllowed => ApiError::MethodNotAllowed,
    })?;
    let Access::Act(action) = access else {
        // Only the description is open to anyone.
        return Ok(Answer { status: 200, body: crate::openapi::OPENAPI_V1.to_string(), location: None, replayed: false });
    };
    // Cookies are never read here: a browser cannot be made to act through this API.
    let secret = match authorization.as_deref() {
        None => return Err(ApiError::Unauthenticated),
        Some(value) => bearer_secret(Some(value)).ok_or(ApiError::TokenInvalid)?,
    };
    let db = &bindings.db;
    let now = (Date::now().as_millis() / 1000) as i64;
    let grant = tokens::grant(db, &sha256_hex(secret.as_bytes()), now).await?.ok_or(ApiError::TokenInvalid)?;
    let site = match route.site() {
        Some(slug) => Some(sites::site_by_slug(db, slug).await?.ok_or(ApiError::SiteNotFound)?),
        None => None,
    };
    authorize_token(&grant, action, site.as_ref().map(|s| s.id)).map_err(|denied| match denied {
        Denied::Forbidden => ApiError::InsufficientScope { scope: Scope::needed_for(action) },
        other => ApiError::Denied(other),
    })?;
    let body = match method {
        "POST" | "PUT" => read_body(req).await?,
        _ => String::new(),
    };
    let key = match (method, idempotency_key) {
        ("POST", Some(key)) => Some(idempotency::check_key(&key)?.to_string()),
        _ => None,
    };
    let call = Call { env, bindings, url, method, now };
    let Some(key) = key else {
        return dispatch(&call, route, site, &grant, ip, &body).await;
    };
    let fingerprint = idempotency::fingerprint(method, call.url.path(), &body);
    if let Some(stored) = tokens::reserve_key(&call.bindings.db, grant.id, &key, &fingerprint, call.now).await? {
        return match idempotency::replay(&stored, &fingerprint) {
            Replay::Answer(answer) => Ok(Answer { status: answer.status, body: answer.body, location: answer.location, replayed: true }),
            Replay::Reused => Err(ApiError::IdempotencyKeyReused),
            Replay::InProgress => Err(ApiError::IdempotencyKeyInUse),
        };
    }
    let result = dispatch(&call, route, site, &grant, ip, &body).await;
    // The first answer is kept whatever it was, unless the server failed (then nothing
    // changed, and a retry should really run).
    let first = match &result {
        Ok(answer) => answer.stored(),
        Err(error) => {
            let (status, _) = error.status_and_code();
            StoredAnswer { status, body: problem_json(&problem(error, lang, call.url.path())), location: None }
        }
    };
    match idempotency::keeps(first.status) {
        true => tokens::record_answer(&call.bindings.db, grant.id, &key, &first).await?,
        false => tokens::release_key(&call.bindings.db, grant.id, &key).await?,
    }
    result
}

/// `POST /sites/{slug}/import`: the page's HTML or the archive in Base64, and the options.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Import {
    #[serde(default, deserialize_with = "present")]
    html: Option<String>,
    #[serde(default, deserialize_with = "present")]
    archive: Option<String>,
    #[serde(default, deserialize_with = "present")]
    parent: Option<String>,
    #[serde(default, deserialize_with = "present")]
    old_host: Option<String>,
    #[serde(default)]
    dry_run: bool,
    #[serde(default, deserialize_with = "present_whole")]
    base_version: Option<i64>,
}

/// A field that may be left out but, as the schema says, is never `null`.
fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// A whole number that may be left out but is never `null`.
fn present_whole<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    civic_shared::json_numbers::whole_i64(deserializer).map(Some)
}

/// The handler of each endpoint, reusing the stores the constructor's API uses.
async fn dispatch(call: &Call<'_>, route: &V1Route, site: Option<SiteRow>, grant: &TokenGrant, ip: Option<String>, body: &str) -> Result<Answer, ApiError> {
    let ip = ip.unwrap_or_default();
    let login = grant.actor_name();
    let actor = Actor { user_id: None, login: &login, ip: &ip };
    match (route, site) {
        (V1Route::Sites, _) => {
            let page: PageRequest<(String, String)> = page_of(call, "sites")?;
            let rows = sites::list_sites(&call.bindings.db, Some(&grant.sites), page.after.as_ref(), Some(page.limit + 1)).await?;
            let (items, next_cursor) = cut_page(rows, page.limit, "sites", |s: &SiteSummary| (s.name.clone(), s.slug.clone()));
            Answer::json(200, &json!({ "items": items, "next_cursor": next_cursor }))
        }
        (V1Route::Site { .. }, Some(site)) => {
            let summary = sites::list_sites(&call.bindings.db, Some(&[site.id]), None, Some(1)).await?.into_iter().next().ok_or(ApiError::SiteNotFound)?;
            Answer::json(200, &summary)
        }
        (V1Route::Document { .. }, Some(site)) if call.method_is("GET") => {
            let json = sites::read_document(&call.bindings.docs, &site.draft_key).await?.ok_or_else(|| storage(format!("missing {}", site.draft_key)))?;
            let document = RawValue::from_string(json)?;
            Answer::json(200, &DraftBody { version: site.draft_version, published_revision: site.published_revision, document: &document })
        }
        (V1Route::Document { .. }, Some(site)) => {
            let (save, document) = api::parse_save(body)?;
            let version = sites::save_draft(&call.bindings.db, &call.bindings.docs, &site, save.base_version, &document, &actor).await?;
            Answer::json(200, &json!({ "version": version }))
        }
        (V1Route::Import { .. }, Some(site)) => {
            let request: V1Import = parse_json(body)?;
            let upload = match (request.html, request.archive) {
                (Some(html), None) => crate::store::site_import::Upload::page(html)?,
                (None, Some(archive)) => crate::store::site_import::Upload::archive(
                    base64::Engine::decode(&base64::engine::general_purpose::STANDARD, archive.trim())
                        .map_err(|_| ApiError::BadRequest { path: "archive".into(), reason: "не Base64".into() })?,
                )?,
                _ => return Err(ApiError::BadRequest { path: ".".into(), reason: "нужно ровно одно из полей html и archive".into() }),
            };
            let upload = upload.into_bytes();
            if upload.len() > civic_shared::site_import::MAX_UPLOAD_BYTES {
                return Err(ApiError::SiteImport(civic_shared::site_import::SiteImportError::TooBig));
            }
            if request.base_version.is_some_and(|seen| seen != site.draft_version) {
                return Err(ApiError::StaleVersion { current_version: site.draft_version });
            }
            let asked = ImportJob { parent: request.parent, old_host: request.old_host, dry_run: request.dry_run, base_version: request.base_version };
            let new = NewJob { site_id: Some(site.id), kind: JobKind::SiteImport, input: &asked, upload: Some(upload) };
            Answer::json(202, &Queued { job: jobs_store::enqueue(call.env, call.bindings, new, &actor).await? })
        }
        (V1Route::Job { id, .. }, Some(site)) => match jobs_store::get(&call.bindings.db, *id).await? {
            // A token follows its sites' imports; any other job is not there for it.
            Some((Some(job_site), job)) if job_site == site.id && job.kind == JobKind::SiteImport => Answer::json(200, &Queued { job }),
            _ => Err(ApiError::NotFound),
        },
        (V1Route::Publish { .. }, Some(site)) => {
            let publish: PublishDraft = parse_json(body)?;
            crate::store::compliance::guard_publish(&call.bindings.db, &call.bindings.docs, &site).await?;
            let revision = sites::publish(&call.bindings.db, &site, publish.version, &actor).await?;
            Answer::json(200, &json!({ "revision": revision }))
        }
        (V1Route::Revisions { .. }, Some(site)) => {
            let page: PageRequest<i64> = page_of(call, "revisions")?;
            let rows = sites::revisions(&call.bindings.db, site.id, page.after, Some(page.limit + 1)).await?;
            let (items, next_cursor) = cut_page(rows, page.limit, "revisions", |r| r.revision);
            Answer::json(200, &json!({ "published_revision": site.published_revision, "items": items, "next_cursor": next_cursor }))
        }
        (V1Route::Collection { collection, .. }, Some(site)) if call.method_is("GET") => {
            let list = format!("items:{}", collection.as_str());
            let page: PageRequest<ItemKey> = page_of(call, &list)?;
            let rows = collections::list_page(&call.bindings.db, site.id, *collection, page.after.as_ref(), Some(page.limit + 1)).await?;
            let (items, next_cursor) = cut_page(rows, page.limit, &list, |listed| listed.key.clone());
            let items: Vec<_> = items.into_iter().map(|listed| listed.stored).collect();
            Answer::json(200, &json!({ "items": items, "next_cursor": next_cursor }))
        }
        (V1Route::Collection { site: slug, collection }, Some(site)) => {
            let mut item = api::parse_item(*collection, body)?;
            if item.id.is_empty() {
                item = with_new_id(*collection, item)?;
            }
            collections::create(&call.bindings.db, site.id, *collection, &item, &actor).await?;
            let location = format!("/api/v1/sites/{slug}/collections/{}/{}", collection.as_str(), item.id);
            let mut answer = Answer::json(201, &json!({ "revision": 1, "item": RawValue::from_string(item.json)? }))?;
            answer.location = Some(location);
            Ok(answer)
        }
        (V1Route::CollectionItem { collection, id, .. }, Some(site)) if call.method_is("GET") => {
            let stored = collections::item(&call.bindings.db, site.id, *collection, id).await?.ok_or(ApiError::NotFound)?;
            Answer::json(200, &stored)
        }
        (V1Route::CollectionItem { collection, id, .. }, Some(site)) if call.method_is("DELETE") => {
            collections::delete(&call.bindings.db, site.id, *collection, id, &actor).await?;
            Ok(Answer { status: 204, body: String::new(), location: None, replayed: false })
        }
        (V1Route::CollectionItem { collection, id, .. }, Some(site)) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Save {
                #[serde(deserialize_with = "civic_shared::json_numbers::whole_i64")]
                revision: i64,
                item: Box<RawValue>,
            }
            let save: Save = parse_json(body)?;
            let mut item = api::parse_item(*collection, save.item.get())?;
            // The address names the item; an id in the body may only repeat it.
            if item.id.is_empty() {
                item = with_id(item, id)?;
            } else if item.id != *id {
                return Err(ApiError::BadRequest { path: "item.id".into(), reason: "номер записи в адресе и в теле запроса не совпадают".into() });
            }
            let revision = collections::update(&call.bindings.db, site.id, *collection, &item, save.revision, &actor).await?;
            Answer::json(200, &json!({ "revision": revision, "item": RawValue::from_string(item.json)? }))
        }
        _ => Err(ApiError::NotFound),
    }
}

impl Call<'_> {
    fn method_is(&self, method: &str) -> bool {
        self.method == method
    }
}

/// `limit` and `cursor` of the request, for the list called `list`.
fn page_of<K: DeserializeOwned>(call: &Call<'_>, list: &str) -> Result<PageRequest<K>, ApiError> {
    let (mut limit, mut cursor) = (None, None);
    for (name, value) in call.url.query_pairs() {
        match name.as_ref() {
            "limit" if limit.is_none() => limit = Some(value.into_owned()),
            "cursor" if cursor.is_none() => cursor = Some(value.into_owned()),
            _ => {}
        }
    }
    page_request(list, limit.as_deref(), cursor.as_deref()).map_err(ApiError::BadPage)
}

fn parse_json<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::BadRequest { path: ".".into(), reason: e.to_string() })
}

fn problem_response(error: &ApiError, lang: Lang, instance: &str) -> worker::Result<Response> {
    let (status, _) = error.status_and_code();
    let body = problem_json(&problem(error, lang, instance));
    to_response(&Answer { status, body, location: None, replayed: false }, lang)
}

fn to_response(answer: &Answer, lang: Lang) -> worker::Result<Response> {
    let mut response = match answer.status {
        204 => Response::empty()?.with_status(204),
        status => Response::from_bytes(answer.body.as_bytes().to_vec())?.with_status(status),
    };
    let headers = response.headers_mut();
    if answer.status != 204 {
        let kind = if answer.status >= 400 { PROBLEM_JSON } else { "application/json" };
        headers.set("Content-Type", &format!("{kind}; charset=utf-8"))?;
    }
    if answer.status >= 400 {
        headers.set("Content-Language", language_tag(lang))?;
    }
    if let Some(location) = &answer.location {
        headers.set("Location", location)?;
    }
    if answer.replayed {
        headers.set("Idempotent-Replayed", "true")?;
    }
    headers.set("Cache-Control", "no-store")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}
