//! Calls to the edge's JSON API.

use std::cell::RefCell;

use civic_shared::appeals::inbox::{AppealFigures, Inbox, InboxAppeal, OneAppeal, OverdueAppeal, SupportAccess, SupportAccessRequest};
pub use civic_shared::jobs::Job;
use civic_shared::jobs::{Queued, State as JobState};
use civic_shared::migration::{SiteMove, SiteMoveDetail};
use civic_shared::support::Ticket;
use civic_shared::SiteDocument;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Deserialize;

pub use crate::media_choice::MediaItem;

pub mod backups;

thread_local! {
    /// The session's CSRF token, sent with every state change.
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Why a call failed, in terms the interface can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerError {
    /// The draft is at a newer version.
    Stale { current_version: i64 },
    /// Validation problems: (JSON path, message).
    Invalid(Vec<(String, String)>),
    /// A collection item changed since it was read.
    StaleItem { current_revision: i64 },
    /// An id (or login) exists already.
    Taken,
    /// The server could not be reached.
    Network,
    /// Storage is down; nothing changed.
    Storage,
    /// No such site.
    NotFound,
    /// No session (never signed in, signed out, expired, or ended by an administrator).
    SignedOut,
    /// Wrong login or password.
    WrongCredentials,
    /// Too many attempts; wait this many seconds.
    TooManyAttempts(i64),
    /// The account may only read.
    Restricted,
    /// The account is banned.
    Banned,
    /// The account may not do this.
    Forbidden,
    /// A file (or its description) was refused: the server's message, in the interface language.
    FileRefused(String),
    /// A refusal the server explains (a domain's check): its message, in the interface language.
    Explained(String),
    /// Any other refusal.
    Refused,
}

/// A user as the server describes them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct User {
    pub login: String,
    pub name: String,
    pub role: String,
    pub status: String,
    #[serde(default)]
    pub sites: Vec<String>,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SessionInfo {
    pub user: User,
    csrf: String,
}

impl SessionInfo {
    /// Makes this the session whose CSRF token every later state change carries.
    fn remember(self) -> Self {
        CSRF.with(|csrf| csrf.replace(self.csrf.clone()));
        self
    }
}

/// A site the constructor can open.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SiteSummary {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub published_revision: Option<i64>,
}

/// The draft as the server has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub version: i64,
    pub published_revision: Option<i64>,
    pub document: SiteDocument,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: String,
    current_version: Option<i64>,
    current_revision: Option<i64>,
    retry_after: Option<i64>,
    #[serde(default)]
    problems: Vec<ProblemBody>,
}

#[derive(Deserialize)]
struct ProblemBody {
    path: String,
    message_ru: String,
    #[serde(default)]
    message_en: String,
}

impl ProblemBody {
    /// The server's message in the interface language (Russian when it has no other).
    fn message(&self) -> &str {
        match crate::i18n::lang() {
            civic_shared::Lang::En if !self.message_en.is_empty() => &self.message_en,
            _ => &self.message_ru,
        }
    }
}

async fn error_of(response: Response) -> ServerError {
    let status = response.status();
    error_from(status, &response.text().await.unwrap_or_default())
}

/// The error an API answer with this status and body stands for.
fn error_from(status: u16, body: &str) -> ServerError {
    let Ok(body) = serde_json::from_str::<ErrorBody>(body) else {
        return if status >= 500 { ServerError::Storage } else { ServerError::Refused };
    };
    match body.error.code.as_str() {
        "stale_version" => ServerError::Stale { current_version: body.error.current_version.unwrap_or(0) },
        "invalid_document" | "invalid_item" | "bad_request" | "weak_password" | "collection_full" | "invalid_token_settings"
        | "not_compliant" => {
            ServerError::Invalid(body.error.problems.iter().map(|p| (p.path.clone(), p.message().to_string())).collect())
        }
        "stale_revision" => ServerError::StaleItem { current_revision: body.error.current_revision.unwrap_or(0) },
        "already_taken" => ServerError::Taken,
        "site_not_found" => ServerError::NotFound,
        "storage_unavailable" => ServerError::Storage,
        "unauthenticated" | "csrf_token_missing" => ServerError::SignedOut,
        "wrong_credentials" => ServerError::WrongCredentials,
        "too_many_attempts" => ServerError::TooManyAttempts(body.error.retry_after.unwrap_or(60)),
        "account_restricted" => ServerError::Restricted,
        "account_banned" => ServerError::Banned,
        "forbidden" => ServerError::Forbidden,
        "support_access_required" => ServerError::Explained(crate::i18n::texts().support_access_required.into()),
        "empty_file" | "file_too_large" | "unsupported_file_type" | "svg_not_accepted" | "macros_not_accepted" | "text_not_utf8"
        | "damaged_file" | "alt_required" | "alt_too_long" | "title_too_long" => {
            ServerError::FileRefused(body.error.problems.iter().map(ProblemBody::message).collect::<Vec<_>>().join(" "))
        }
        "bad_domain" | "domain_taken" | "domain_already_added" | "too_many_domains" | "txt_record_missing" | "txt_record_mismatch"
        | "dns_lookup_failed" | "other_domain_active" | "domain_removed" | "backup_refused" => {
            ServerError::Explained(body.error.problems.iter().map(ProblemBody::message).collect::<Vec<_>>().join(" "))
        }
        // An over-size body: the endpoint's own words when it gives them (an import, a backup).
        "too_large" if !body.error.problems.is_empty() => {
            ServerError::Explained(body.error.problems.iter().map(ProblemBody::message).collect::<Vec<_>>().join(" "))
        }
        _ => ServerError::Refused,
    }
}

async fn ok_json<T: for<'de> Deserialize<'de>>(response: Result<Response, gloo_net::Error>) -> Result<T, ServerError> {
    serde_json::from_str(&ok_text(response).await?).map_err(|_| ServerError::Refused)
}

/// The body of a successful answer. Not generic, so the waiting for it is compiled once, not
/// once per answer type as `Response::json::<T>` would (4.8 KB brotli of wasm).
async fn ok_text(response: Result<Response, gloo_net::Error>) -> Result<String, ServerError> {
    let response = response.map_err(|_| ServerError::Network)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    response.text().await.map_err(|_| ServerError::Refused)
}

/// A state-changing request with its JSON body and the session's CSRF token.
fn change(request: RequestBuilder, body: String) -> Result<Request, ServerError> {
    let csrf = CSRF.with(|csrf| csrf.borrow().clone());
    request
        .header("Content-Type", "application/json")
        .header("X-CSRF-Token", &csrf)
        .body(body)
        .map_err(|_| ServerError::Refused)
}

/// The current session, if the browser has one.
pub async fn session() -> Result<SessionInfo, ServerError> {
    ok_json::<SessionInfo>(Request::get("/api/session").send().await).await.map(SessionInfo::remember)
}

/// Signs in; the server sets the session cookie.
pub async fn login(login: &str, password: &str) -> Result<SessionInfo, ServerError> {
    let body = serde_json::json!({ "login": login, "password": password }).to_string();
    let request = Request::post("/api/login").header("Content-Type", "application/json").body(body).map_err(|_| ServerError::Refused)?;
    ok_json::<SessionInfo>(request.send().await).await.map(SessionInfo::remember)
}

/// Signs out (the server ends the session and clears the cookie).
pub async fn logout() -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(change(Request::post("/api/logout"), "{}".into())?.send().await).await?;
    CSRF.with(|csrf| csrf.replace(String::new()));
    Ok(())
}

fn encode(slug: &str) -> String {
    String::from(js_sys::encode_uri_component(slug))
}

/// Sites to choose from.
pub async fn list_sites() -> Result<Vec<SiteSummary>, ServerError> {
    #[derive(Deserialize)]
    struct Sites {
        sites: Vec<SiteSummary>,
    }
    let sites: Sites = ok_json(Request::get("/api/sites").send().await).await?;
    Ok(sites.sites)
}

/// Loads the site's draft.
pub async fn load_draft(site: &str) -> Result<Draft, ServerError> {
    #[derive(Deserialize)]
    struct DraftBody {
        version: i64,
        published_revision: Option<i64>,
        // Raw, so the page order (an IndexMap) survives; a `Value` would sort the keys.
        document: Box<serde_json::value::RawValue>,
    }
    let body: DraftBody = ok_json(Request::get(&format!("/api/sites/{}/draft", encode(site))).send().await).await?;
    let document = SiteDocument::from_trusted_json(body.document.get())
        .map_err(|err| ServerError::Invalid(vec![(err.path, err.reason)]))?;
    Ok(Draft { version: body.version, published_revision: body.published_revision, document })
}

/// The document published as `revision`.
pub async fn revision_document(site: &str, revision: i64) -> Result<SiteDocument, ServerError> {
    #[derive(Deserialize)]
    struct Body {
        document: Box<serde_json::value::RawValue>,
    }
    let body: Body = ok_json(Request::get(&format!("/api/sites/{}/revisions/{revision}", encode(site))).send().await).await?;
    SiteDocument::from_trusted_json(body.document.get()).map_err(|err| ServerError::Invalid(vec![(err.path, err.reason)]))
}

/// The site's collections (news, documents…) for data blocks in the preview. A failure
/// only means empty data blocks, never a broken editor.
pub async fn load_data(site: &str) -> civic_shared::RenderData {
    ok_json(Request::get(&format!("/api/sites/{}/data", encode(site))).send().await).await.unwrap_or_default()
}

/// Saves the draft based on `base_version`; returns the new version. `leaving` sends it as a
/// keepalive request (the tab is being hidden or closed) when it is small enough to be one.
pub async fn save_draft(site: &str, base_version: i64, document: &SiteDocument, leaving: bool) -> Result<i64, ServerError> {
    #[derive(Deserialize)]
    struct Saved {
        version: i64,
    }
    let body = format!("{{\"base_version\":{base_version},\"document\":{}}}", document.to_json());
    let keep_alive = leaving && body.len() <= KEEPALIVE_MAX_BYTES;
    let request = change(Request::put(&format!("/api/sites/{}/draft", encode(site))), body)?;
    let request = if keep_alive { keepalive(request)? } else { request };
    let saved: Saved = ok_json(request.send().await).await?;
    Ok(saved.version)
}

/// The most a keepalive request may carry (browsers allow 64 KiB for all of them at once). A
/// bigger draft is sent as a usual request; the copy kept in this browser covers a closed tab.
const KEEPALIVE_MAX_BYTES: usize = 60 * 1024;

/// The same request marked `keepalive`: the browser finishes it even if the tab is closed.
fn keepalive(request: Request) -> Result<Request, ServerError> {
    let init = web_sys::RequestInit::new();
    // web-sys has no setter for it: the field is set on the init object itself.
    js_sys::Reflect::set(&init, &"keepalive".into(), &true.into()).map_err(|_| ServerError::Refused)?;
    let raw: web_sys::Request = request.into();
    web_sys::Request::new_with_request_and_init(&raw, &init).map(Request::from).map_err(|_| ServerError::Refused)
}

/// Publishes draft `version`; returns the new revision.
pub async fn publish(site: &str, version: i64) -> Result<i64, ServerError> {
    #[derive(Deserialize)]
    struct Published {
        revision: i64,
    }
    let request = change(Request::post(&format!("/api/sites/{}/publish", encode(site))), format!("{{\"version\":{version}}}"))?;
    let published: Published = ok_json(request.send().await).await?;
    Ok(published.revision)
}

/// A collection item with the revision a save must be based on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StoredItem {
    pub revision: i64,
    pub item: serde_json::Value,
}

fn collection_path(site: &str, collection: &str) -> String {
    format!("/api/sites/{}/collections/{collection}", encode(site))
}

/// The items of one collection, in the order visitors see them.
pub async fn list_items(site: &str, collection: &str) -> Result<Vec<StoredItem>, ServerError> {
    #[derive(Deserialize)]
    struct Items {
        items: Vec<StoredItem>,
    }
    let items: Items = ok_json(Request::get(&collection_path(site, collection)).send().await).await?;
    Ok(items.items)
}

/// Adds an item; the server gives it an id if it has none.
pub async fn create_item(site: &str, collection: &str, item: &serde_json::Value) -> Result<StoredItem, ServerError> {
    ok_json(change(Request::post(&collection_path(site, collection)), item.to_string())?.send().await).await
}

/// Saves an item based on `revision`.
pub async fn save_item(site: &str, collection: &str, id: &str, revision: i64, item: &serde_json::Value) -> Result<StoredItem, ServerError> {
    let path = format!("{}/{}", collection_path(site, collection), encode(id));
    let body = serde_json::json!({ "revision": revision, "item": item }).to_string();
    ok_json(change(Request::put(&path), body)?.send().await).await
}

/// Removes an item.
pub async fn delete_item(site: &str, collection: &str, id: &str) -> Result<(), ServerError> {
    let path = format!("{}/{}", collection_path(site, collection), encode(id));
    let _: serde_json::Value = ok_json(change(Request::delete(&path), String::new())?.send().await).await?;
    Ok(())
}

/// What one import batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize)]
pub struct ImportCounts {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
}

/// Adds or updates a batch of items by id: all of them or, if any is refused, none.
pub async fn import_items(site: &str, collection: &str, items: &[serde_json::Value]) -> Result<ImportCounts, ServerError> {
    let path = format!("{}/import", collection_path(site, collection));
    let body = serde_json::json!({ "items": items }).to_string();
    ok_json(change(Request::post(&path), body)?.send().await).await
}

/// Sets the order of a collection's items.
pub async fn reorder_items(site: &str, collection: &str, ids: &[String]) -> Result<Vec<StoredItem>, ServerError> {
    #[derive(Deserialize)]
    struct Items {
        items: Vec<StoredItem>,
    }
    let body = serde_json::json!({ "order": ids }).to_string();
    let items: Items = ok_json(change(Request::put(&collection_path(site, collection)), body)?.send().await).await?;
    Ok(items.items)
}

/// A user as administrators manage them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ManagedUser {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: String,
    pub status: String,
    #[serde(default)]
    pub sites: Vec<String>,
}

/// Every user (administrators only).
pub async fn list_users() -> Result<Vec<ManagedUser>, ServerError> {
    #[derive(Deserialize)]
    struct Users {
        users: Vec<ManagedUser>,
    }
    let users: Users = ok_json(Request::get("/api/users").send().await).await?;
    Ok(users.users)
}

/// Registers a user.
pub async fn create_user(body: &serde_json::Value) -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(change(Request::post("/api/users"), body.to_string())?.send().await).await?;
    Ok(())
}

/// Changes a user's name, role, status or sites (only the fields given).
pub async fn change_user(id: i64, body: &serde_json::Value) -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(change(Request::patch(&format!("/api/users/{id}")), body.to_string())?.send().await).await?;
    Ok(())
}

/// Sets a user's password (their sessions end).
pub async fn set_user_password(id: i64, password: &str) -> Result<(), ServerError> {
    let body = serde_json::json!({ "password": password }).to_string();
    let _: serde_json::Value = ok_json(change(Request::post(&format!("/api/users/{id}/password")), body)?.send().await).await?;
    Ok(())
}

/// Removes a user.
pub async fn delete_user(id: i64) -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(change(Request::delete(&format!("/api/users/{id}")), String::new())?.send().await).await?;
    Ok(())
}

/// An API token as administrators see it (never with its secret).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub hint: String,
    pub scopes: Vec<String>,
    pub sites: Vec<String>,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<i64>,
}

/// Every API token, newest first.
pub async fn list_tokens() -> Result<Vec<ApiToken>, ServerError> {
    #[derive(Deserialize)]
    struct Tokens {
        tokens: Vec<ApiToken>,
    }
    let tokens: Tokens = ok_json(Request::get("/api/tokens").send().await).await?;
    Ok(tokens.tokens)
}

/// Creates a token; its secret, which the server shows this once.
pub async fn create_token(body: &serde_json::Value) -> Result<String, ServerError> {
    #[derive(Deserialize)]
    struct Created {
        secret: String,
    }
    let created: Created = ok_json(change(Request::post("/api/tokens"), body.to_string())?.send().await).await?;
    Ok(created.secret)
}

/// Revokes a token at once.
pub async fn revoke_token(id: i64) -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(change(Request::delete(&format!("/api/tokens/{id}")), String::new())?.send().await).await?;
    Ok(())
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub login: String,
    pub action: String,
    pub site: Option<String>,
    pub detail: String,
    pub ip: String,
}

/// A page of the audit log, newest first, with the cursor of the next page.
pub async fn audit_page(site: Option<&str>, before: Option<i64>) -> Result<(Vec<AuditEntry>, Option<i64>), ServerError> {
    #[derive(Deserialize)]
    struct Page {
        entries: Vec<AuditEntry>,
        next_before: Option<i64>,
    }
    let mut query = Vec::new();
    if let Some(site) = site {
        query.push(format!("site={}", encode(site)));
    }
    if let Some(before) = before {
        query.push(format!("before={before}"));
    }
    let page: Page = ok_json(Request::get(&format!("/api/audit?{}", query.join("&"))).send().await).await?;
    Ok((page.entries, page.next_before))
}

/// Creates a site from its kind's template (administrators).
pub async fn create_site(slug: &str, name: &str, kind: &str) -> Result<(), ServerError> {
    let body = serde_json::json!({ "slug": slug, "name": name, "kind": kind }).to_string();
    let _: serde_json::Value = ok_json(change(Request::post("/api/sites"), body)?.send().await).await?;
    Ok(())
}

/// A DNS record the organisation creates for its domain.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DnsRecord {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub value: String,
}

/// Why a domain's last check failed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CheckError {
    pub message_ru: String,
    #[serde(default)]
    pub message_en: String,
}

impl CheckError {
    /// The message in the interface language.
    pub fn message(&self) -> &str {
        match crate::i18n::lang() {
            civic_shared::Lang::En if !self.message_en.is_empty() => &self.message_en,
            _ => &self.message_ru,
        }
    }
}

/// A domain bound (or being bound) to a site.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SiteDomain {
    pub host: String,
    pub host_unicode: String,
    /// `awaiting_dns` or `active`.
    pub status: String,
    pub last_error: Option<CheckError>,
    pub checked_at: Option<String>,
    pub records: Vec<DnsRecord>,
}

/// A site's domains and its address on the platform.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SiteDomains {
    pub domains: Vec<SiteDomain>,
    pub platform_address: String,
}

/// The site's domains.
pub async fn domains(site: &str) -> Result<SiteDomains, ServerError> {
    ok_json(Request::get(&format!("/api/sites/{}/domains", encode(site))).send().await).await
}

/// Adds a domain to the site (administrators).
pub async fn add_domain(site: &str, host: &str) -> Result<SiteDomains, ServerError> {
    let body = serde_json::json!({ "host": host }).to_string();
    ok_json(change(Request::post(&format!("/api/sites/{}/domains", encode(site))), body)?.send().await).await
}

/// Looks the domain's TXT record up; a domain found is served from now on.
pub async fn verify_domain(site: &str, host: &str) -> Result<SiteDomains, ServerError> {
    let url = format!("/api/sites/{}/domains/{}/verify", encode(site), encode(host));
    ok_json(change(Request::post(&url), "{}".into())?.send().await).await
}

/// Takes the domain off the site.
pub async fn remove_domain(site: &str, host: &str) -> Result<SiteDomains, ServerError> {
    let url = format!("/api/sites/{}/domains/{}", encode(site), encode(host));
    ok_json(change(Request::delete(&url), String::new())?.send().await).await
}

/// A published revision as the history lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Revision {
    pub revision: i64,
    pub published_at: String,
    pub published_by: String,
    pub restored_from: Option<i64>,
}

/// The site's revisions, newest first, and which one visitors see.
pub async fn revisions(site: &str) -> Result<(Vec<Revision>, Option<i64>), ServerError> {
    #[derive(Deserialize)]
    struct History {
        revisions: Vec<Revision>,
        published_revision: Option<i64>,
    }
    let history: History = ok_json(Request::get(&format!("/api/sites/{}/revisions", encode(site))).send().await).await?;
    Ok((history.revisions, history.published_revision))
}

/// Publishes an earlier revision again; returns the new revision.
pub async fn rollback(site: &str, revision: i64) -> Result<i64, ServerError> {
    #[derive(Deserialize)]
    struct Published {
        revision: i64,
    }
    let body = format!("{{\"revision\":{revision}}}");
    let published: Published = ok_json(change(Request::post(&format!("/api/sites/{}/rollback", encode(site))), body)?.send().await).await?;
    Ok(published.revision)
}
/// One page of the media library.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MediaPage {
    pub items: Vec<MediaItem>,
    /// Pass back as `cursor` for the next page.
    pub next_cursor: Option<i64>,
}

/// The site's media library, newest first: `kind` is `image` or `document` (or all), `search`
/// words in names and descriptions.
pub async fn list_media(site: &str, cursor: Option<i64>, kind: Option<&str>, search: &str) -> Result<MediaPage, ServerError> {
    let mut url = format!("/api/sites/{}/media?q={}", encode(site), encode(search.trim()));
    if let Some(cursor) = cursor {
        url.push_str(&format!("&cursor={cursor}"));
    }
    if let Some(kind) = kind {
        url.push_str(&format!("&kind={kind}"));
    }
    ok_json(Request::get(&url).send().await).await
}

/// Removes an item from the library.
pub async fn delete_media(site: &str, id: i64) -> Result<(), ServerError> {
    let csrf = CSRF.with(|csrf| csrf.borrow().clone());
    let request = Request::delete(&format!("/api/sites/{}/media/{id}", encode(site))).header("X-CSRF-Token", &csrf);
    let _: serde_json::Value = ok_json(request.send().await).await?;
    Ok(())
}

/// What an upload brought: the item, and whether it is new (`false`: the same file was there).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Uploaded {
    pub item: MediaItem,
    pub created: bool,
}

/// Uploads a file with XMLHttpRequest (see [`post_with_progress`]). The body is the file
/// itself; its name and description travel percent-encoded in headers (see the edge's
/// `media_api.rs`).
pub async fn upload_media(
    site: &str,
    file: &web_sys::File,
    alt: &str,
    title: &str,
    on_progress: yew::Callback<(f64, f64)>,
) -> Result<Uploaded, ServerError> {
    let headers = [("X-File-Name", encode(&file.name())), ("X-Alt-Text", encode(alt)), ("X-Title", encode(title))];
    let body = post_with_progress(&format!("/api/sites/{}/media", encode(site)), &headers, UploadBody::File(file), on_progress).await?;
    serde_json::from_str(&body).map_err(|_| ServerError::Refused)
}

/// What [`post_with_progress`] sends.
pub enum UploadBody<'a> {
    /// A file the user chose.
    File(&'a web_sys::File),
    /// Text typed or pasted.
    Text(&'a str),
}

/// Posts with XMLHttpRequest, the one browser API that reports upload progress:
/// `on_progress` gets (sent, total) bytes as they go. The CSRF token goes along.
async fn post_with_progress(url: &str, headers: &[(&str, String)], body: UploadBody<'_>, on_progress: yew::Callback<(f64, f64)>) -> Result<String, ServerError> {
    use gloo_events::EventListener;
    use wasm_bindgen::{JsCast, JsValue};

    let fail = |_| ServerError::Network;
    let xhr = web_sys::XmlHttpRequest::new().map_err(fail)?;
    xhr.open("POST", url).map_err(fail)?;
    let csrf = CSRF.with(|csrf| csrf.borrow().clone());
    xhr.set_request_header("X-CSRF-Token", &csrf).map_err(fail)?;
    for (name, value) in headers {
        xhr.set_request_header(name, value).map_err(fail)?;
    }
    let upload = xhr.upload().map_err(fail)?;
    let _progress = EventListener::new(&upload, "progress", move |event| {
        if let Some(event) = event.dyn_ref::<web_sys::ProgressEvent>() {
            on_progress.emit((event.loaded(), if event.length_computable() { event.total() } else { 0.0 }));
        }
    });
    // `loadend` follows success, failure and abort alike: the call is over either way.
    let done = std::rc::Rc::new(RefCell::new(None::<js_sys::Function>));
    let promise = js_sys::Promise::new(&mut |resolve, _| *done.borrow_mut() = Some(resolve));
    let _finished = EventListener::once(&xhr, "loadend", move |_| {
        if let Some(resolve) = done.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    match body {
        UploadBody::File(file) => xhr.send_with_opt_blob(Some(file)).map_err(fail)?,
        UploadBody::Text(text) => xhr.send_with_opt_str(Some(text)).map_err(fail)?,
    }
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(ServerError::Network),
        200..=299 => Ok(body),
        _ => Err(error_from(status, &body)),
    }
}

/// How often a queued job's row is read while the screen waits for it.
const JOB_POLL_MS: u32 = 400;

/// Follows a job the server queued (`queued` is its `202` answer) until it ends, telling
/// `on_job` how far it got after each look; the job's result (as JSON text), or the error it
/// failed with, read as any API error. Not generic: the waiting is compiled once.
pub(crate) async fn follow_job(queued: &str, on_job: &yew::Callback<Job>) -> Result<String, ServerError> {
    let Queued { mut job } = serde_json::from_str(queued).map_err(|_| ServerError::Refused)?;
    loop {
        on_job.emit(job.clone());
        match job.state {
            JobState::Done => return serde_json::to_string(&job.result).map_err(|_| ServerError::Refused),
            JobState::Failed => {
                let failure = job.error.unwrap_or(civic_shared::jobs::Failure { status: 503, body: serde_json::Value::Null, problem: None });
                return Err(error_from(failure.status, &failure.body.to_string()));
            }
            JobState::Queued | JobState::Running => {}
        }
        pause(JOB_POLL_MS).await;
        let answer = ok_text(Request::get(&format!("/api/jobs/{}", job.id)).send().await).await?;
        job = serde_json::from_str::<Queued>(&answer).map_err(|_| ServerError::Refused)?.job;
    }
}

/// Waits `ms` milliseconds.
async fn pause(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo_timers::callback::Timeout::new(ms, move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
        .forget();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The answer to an old site's import: the report, and the new draft version unless it was
/// a dry run.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SiteImportAnswer {
    pub dry_run: bool,
    pub version: Option<i64>,
    pub report: civic_shared::site_import::Report,
}

/// Imports an old site's archive or one page's HTML into the draft (or only checks it).
pub async fn import_site(
    site: &str,
    query: &[(&str, String)],
    body: UploadBody<'_>,
    on_progress: yew::Callback<(f64, f64)>,
    on_job: yew::Callback<Job>,
) -> Result<SiteImportAnswer, ServerError> {
    let query: Vec<String> = query.iter().map(|(name, value)| format!("{name}={}", encode(value))).collect();
    let url = format!("/api/sites/{}/import?{}", encode(site), query.join("&"));
    let content_type = match body {
        UploadBody::File(_) => "application/octet-stream",
        UploadBody::Text(_) => "text/html; charset=utf-8",
    };
    let queued = post_with_progress(&url, &[("Content-Type", content_type.to_string())], body, on_progress).await?;
    serde_json::from_str(&follow_job(&queued, &on_job).await?).map_err(|_| ServerError::Refused)
}

/// A site on the operator's dashboard: its compliance score and whether gaps block publishing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DashboardSite {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub published_revision: Option<i64>,
    pub blocking: bool,
    pub compliance: ComplianceSummary,
    /// Open appeals past their deadline, and due within days.
    #[serde(default)]
    pub overdue_appeals: usize,
    #[serde(default)]
    pub due_soon_appeals: usize,
    /// The overdue appeals themselves (number, topic, deadline: no personal data).
    #[serde(default)]
    pub overdue: Vec<OverdueAppeal>,
    /// Support requests from the site past their deadline.
    #[serde(default)]
    pub overdue_tickets: Vec<Ticket>,
    /// The organisation's editors, and those who finished the course.
    #[serde(default)]
    pub editors: u32,
    #[serde(default)]
    pub trained: u32,
}

/// A compliance report in numbers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ComplianceSummary {
    pub score: u8,
    pub present: usize,
    pub incomplete: usize,
    pub missing: usize,
}

/// Every site with its compliance score (operators and administrators).
pub async fn dashboard() -> Result<Vec<DashboardSite>, ServerError> {
    #[derive(Deserialize)]
    struct Sites {
        sites: Vec<DashboardSite>,
    }
    let sites: Sites = ok_json(Request::get("/api/dashboard").send().await).await?;
    Ok(sites.sites)
}

/// Whether the site's compliance gaps block publishing.
pub async fn compliance_blocking(site: &str) -> Result<bool, ServerError> {
    #[derive(Deserialize)]
    struct Setting {
        blocking: bool,
    }
    let setting: Setting = ok_json(Request::get(&format!("/api/sites/{}/compliance", encode(site))).send().await).await?;
    Ok(setting.blocking)
}

/// An administrator makes gaps block publishing of the site (or only warn).
pub async fn set_compliance_blocking(site: &str, blocking: bool) -> Result<(), ServerError> {
    let body = serde_json::json!({ "blocking": blocking }).to_string();
    let _: serde_json::Value = ok_json(change(Request::put(&format!("/api/sites/{}/compliance", encode(site))), body)?.send().await).await?;
    Ok(())
}

/// Where the site's staff download an appeal's file.
pub fn appeal_file_href(site: &str, number: &str, idx: i64) -> String {
    format!("/api/sites/{}/appeals/{}/files/{idx}", encode(site), encode(number))
}

/// Publishes an answered appeal's question and answer on the site (`Some`), or takes them down.
pub async fn publish_answer(site: &str, number: &str, publication: Option<(&str, &str)>) -> Result<(), ServerError> {
    let url = format!("/api/sites/{}/appeals/{}/publication", encode(site), encode(number));
    let request = match publication {
        Some((question, answer)) => change(Request::put(&url), serde_json::json!({ "question": question, "answer": answer }).to_string())?,
        None => change(Request::delete(&url), String::new())?,
    };
    let _: serde_json::Value = ok_json(request.send().await).await?;
    Ok(())
}

/// The site's appeals: open ones, or all.
pub async fn appeals(site: &str, all: bool) -> Result<Vec<InboxAppeal>, ServerError> {
    let query = if all { "?all" } else { "" };
    let inbox: Inbox = ok_json(Request::get(&format!("/api/sites/{}/appeals{query}", encode(site))).send().await).await?;
    Ok(inbox.appeals)
}

/// An official's action on an appeal (`{"action": "answer", "answer": "…"}`…); the appeal after it.
pub async fn appeal_action(site: &str, number: &str, action: &serde_json::Value) -> Result<InboxAppeal, ServerError> {
    let request = change(Request::patch(&format!("/api/sites/{}/appeals/{}", encode(site), encode(number))), action.to_string())?;
    let changed: OneAppeal = ok_json(request.send().await).await?;
    Ok(changed.appeal)
}

/// The site's appeals as figures: what the operator and administrators see of them.
pub async fn appeal_figures(site: &str) -> Result<AppealFigures, ServerError> {
    ok_json(Request::get(&format!("/api/sites/{}/appeals/figures", encode(site))).send().await).await
}

/// One appeal with its files (for an administrator: after [`open_for_support`]).
pub async fn appeal(site: &str, number: &str) -> Result<InboxAppeal, ServerError> {
    let one: OneAppeal = ok_json(Request::get(&format!("/api/sites/{}/appeals/{}", encode(site), encode(number))).send().await).await?;
    Ok(one.appeal)
}

/// An administrator's support access to one appeal, with the reason the journal keeps.
pub async fn open_for_support(site: &str, number: &str, reason: &str) -> Result<SupportAccess, ServerError> {
    let body = serde_json::to_string(&SupportAccessRequest { reason: reason.into() }).map_err(|_| ServerError::Refused)?;
    let request = change(Request::post(&format!("/api/sites/{}/appeals/{}/support-access", encode(site), encode(number))), body)?;
    ok_json(request.send().await).await
}

/// A comment on a public discussion, in the moderation queue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct QueuedComment {
    pub id: i64,
    pub discussion: String,
    pub name: String,
    pub text: String,
    pub status: String,
    pub received: String,
}

/// Comments awaiting moderation.
pub async fn pending_comments(site: &str) -> Result<Vec<QueuedComment>, ServerError> {
    #[derive(Deserialize)]
    struct Queue {
        comments: Vec<QueuedComment>,
    }
    let queue: Queue = ok_json(Request::get(&format!("/api/sites/{}/comments", encode(site))).send().await).await?;
    Ok(queue.comments)
}

/// Publishes (or refuses) a comment.
pub async fn moderate_comment(site: &str, id: i64, publish: bool) -> Result<(), ServerError> {
    let body = serde_json::json!({ "publish": publish }).to_string();
    let _: serde_json::Value = ok_json(change(Request::patch(&format!("/api/sites/{}/comments/{id}", encode(site))), body)?.send().await).await?;
    Ok(())
}

/// A target of the decrees and how far it is met.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MigrationProgress {
    pub target: MigrationTarget,
    pub done: u32,
    pub percent: u8,
    pub overdue: bool,
}

/// A planned figure: so many sites (of a kind) at a status by a day.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
pub struct MigrationTarget {
    #[serde(default)]
    pub id: i64,
    pub label: String,
    pub kind: Option<String>,
    /// `sites` or `trained_staff`.
    #[serde(default = "sites_measure")]
    pub measure: String,
    pub status: String,
    pub count: u32,
    pub due: String,
}

fn sites_measure() -> String {
    "sites".into()
}

/// Every site's move and the targets' progress.
pub async fn migration() -> Result<(Vec<SiteMove>, Vec<MigrationProgress>), ServerError> {
    #[derive(Deserialize)]
    struct Overview {
        sites: Vec<SiteMove>,
        progress: Vec<MigrationProgress>,
    }
    let overview: Overview = ok_json(Request::get("/api/migration").send().await).await?;
    Ok((overview.sites, overview.progress))
}

/// One site's move: where it stands, its checklist, what is missing and its steps.
pub async fn site_migration(site: &str) -> Result<SiteMoveDetail, ServerError> {
    ok_json(Request::get(&format!("/api/sites/{}/migration", encode(site))).send().await).await
}

/// The administrator's change: a status step (with a reason when going back) or the people responsible.
pub async fn change_migration(site: &str, step: &serde_json::Value) -> Result<SiteMoveDetail, ServerError> {
    ok_json(change(Request::patch(&format!("/api/sites/{}/migration", encode(site))), step.to_string())?.send().await).await
}

/// The operator signs the site's act of completed migration.
pub async fn sign_act(site: &str) -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(change(Request::post(&format!("/api/sites/{}/migration/act", encode(site))), "{}".into())?.send().await).await?;
    Ok(())
}

/// Replaces the targets.
pub async fn save_targets(targets: &[MigrationTarget]) -> Result<(), ServerError> {
    let body = serde_json::json!({ "targets": targets }).to_string();
    let _: serde_json::Value = ok_json(change(Request::put("/api/migration/targets"), body)?.send().await).await?;
    Ok(())
}

#[derive(Deserialize)]
struct TicketList {
    tickets: Vec<Ticket>,
}

#[derive(Deserialize)]
struct OneTicket {
    ticket: Ticket,
}

/// Support requests: of one site, or (`None`, administrators and the operator) of every site.
pub async fn support_tickets(site: Option<&str>) -> Result<Vec<Ticket>, ServerError> {
    let url = match site {
        Some(site) => format!("/api/sites/{}/support", encode(site)),
        None => "/api/support".into(),
    };
    let list: TicketList = ok_json(Request::get(&url).send().await).await?;
    Ok(list.tickets)
}

/// One request with its steps and comments.
pub async fn support_ticket(site: &str, id: i64) -> Result<Ticket, ServerError> {
    let one: OneTicket = ok_json(Request::get(&format!("/api/sites/{}/support/{id}", encode(site))).send().await).await?;
    Ok(one.ticket)
}

/// Opens a request for `site` (`{"category", "subject", "text"}`).
pub async fn open_ticket(site: &str, body: &serde_json::Value) -> Result<Ticket, ServerError> {
    let request = change(Request::post(&format!("/api/sites/{}/support", encode(site))), body.to_string())?;
    let one: OneTicket = ok_json(request.send().await).await?;
    Ok(one.ticket)
}

/// A step or comment on a request (`{"action": "take" | "resolve" | "reopen" | "extend" | "comment", …}`).
pub async fn change_ticket(site: &str, id: i64, body: &serde_json::Value) -> Result<Ticket, ServerError> {
    let request = change(Request::patch(&format!("/api/sites/{}/support/{id}", encode(site))), body.to_string())?;
    let one: OneTicket = ok_json(request.send().await).await?;
    Ok(one.ticket)
}

/// One step of the course as the server has it for the signed-in user.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TrainingStep {
    pub step: civic_shared::training::Step,
    pub required: bool,
    /// When it was done (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub done_at: Option<String>,
}

/// The signed-in user's course.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Training {
    pub steps: Vec<TrainingStep>,
    pub progress: civic_shared::training::Progress,
}

/// The signed-in user's steps of the course and progress.
pub async fn training() -> Result<Training, ServerError> {
    ok_json(Request::get("/api/training").send().await).await
}

/// Tells the server the editor opened «Требования закона» (a step of the course). The report
/// itself is computed here, on the draft as it is on screen.
pub async fn compliance_opened(site: &str) -> Result<(), ServerError> {
    let _: serde_json::Value = ok_json(Request::get(&format!("/api/sites/{}/compliance?opened", encode(site))).send().await).await?;
    Ok(())
}

/// The site's views and visitors of the last 30 days.
pub async fn site_visits(site: &str) -> Result<civic_shared::visits::SiteReport, ServerError> {
    ok_json(Request::get(&format!("/api/sites/{}/visits", encode(site))).send().await).await
}

/// Every site's totals of the last 30 days (operators and administrators).
pub async fn all_visits() -> Result<Vec<civic_shared::visits::SiteTotal>, ServerError> {
    #[derive(Deserialize)]
    struct Sites {
        sites: Vec<civic_shared::visits::SiteTotal>,
    }
    let sites: Sites = ok_json(Request::get("/api/visits").send().await).await?;
    Ok(sites.sites)
}
