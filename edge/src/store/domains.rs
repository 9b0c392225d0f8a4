//! Domains bound to sites: rows in D1, and the routing copy of each active one in KV
//! (`host:<name>` → slug), so a request for a bound domain needs no D1 query. A domain's life
//! is `civic_shared::domains::next`; the TXT look-up that verifies it is a [`TxtLookup`]:
//! DNS-over-HTTPS in production, a D1 table in local runs and tests (`DOMAIN_VERIFIER` in
//! wrangler.toml).

use civic_shared::domains::{self, Binding, CheckOutcome, DnsRecord, DomainState, Event, HostName, Refused, Status};
use civic_shared::Lang;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::{D1Database, Env, KvStore};

use crate::store::accounts::{audit_entry, Actor};
use crate::api::ApiError;
use crate::store::{num, rows, storage};

/// The KV key that routes a bound host to its site.
pub fn host_key(host: &str) -> String {
    format!("host:{host}")
}

/// Looks up the TXT records of a name.
pub(crate) trait TxtLookup {
    /// The values of the TXT records at `name`; `Err` when DNS could not be asked.
    async fn txt(&self, name: &str) -> Result<Vec<String>, String>;
}

/// Production: a DNS-over-HTTPS JSON endpoint (`https://cloudflare-dns.com/dns-query`).
pub(crate) struct DohLookup {
    pub endpoint: String,
}

impl TxtLookup for DohLookup {
    async fn txt(&self, name: &str) -> Result<Vec<String>, String> {
        // `name` is a checked host (ASCII letters, digits, `-`, `.`) under `_civic.`: no escaping needed.
        let url = format!("{}?name={name}&type=TXT", self.endpoint);
        let headers = worker::Headers::new();
        headers.set("accept", "application/dns-json").map_err(|e| e.to_string())?;
        let mut init = worker::RequestInit::new();
        init.with_method(worker::Method::Get).with_headers(headers);
        let request = worker::Request::new_with_init(&url, &init).map_err(|e| e.to_string())?;
        let mut response = worker::Fetch::Request(request).send().await.map_err(|e| e.to_string())?;
        if response.status_code() != 200 {
            return Err(format!("DNS-over-HTTPS answered {}", response.status_code()));
        }
        domains::txt_values_from_doh(&response.text().await.map_err(|e| e.to_string())?)
    }
}

/// Local runs and tests: the records in the D1 table `local_dns_records`, which a test fills
/// as an organisation would fill its DNS zone.
pub(crate) struct LocalLookup<'a> {
    pub db: &'a D1Database,
}

impl TxtLookup for LocalLookup<'_> {
    async fn txt(&self, name: &str) -> Result<Vec<String>, String> {
        #[derive(Deserialize)]
        struct Record {
            value: String,
        }
        let found: Vec<Record> = rows(self.db, "SELECT value FROM local_dns_records WHERE name = ?1 AND type = 'TXT'", &[name.into()])
            .await
            .map_err(|e| format!("{e:?}"))?;
        Ok(found.into_iter().map(|r| r.value).collect())
    }
}

/// Which look-up verifies domains: `DOMAIN_VERIFIER = "local"` reads `local_dns_records`;
/// anything else (production sets "doh") asks `DOH_URL` (Cloudflare's resolver by default).
pub(crate) enum Verifier {
    Local,
    Doh(DohLookup),
}

pub(crate) fn verifier(env: &Env) -> Verifier {
    let var = |name: &str| env.var(name).map(|v| v.to_string()).ok();
    match var("DOMAIN_VERIFIER").as_deref() {
        Some("local") => Verifier::Local,
        _ => Verifier::Doh(DohLookup { endpoint: var("DOH_URL").unwrap_or_else(|| "https://cloudflare-dns.com/dns-query".into()) }),
    }
}

/// With Cloudflare for SaaS an organisation's domain reaches the worker once it is a custom
/// hostname of the platform's zone: added here when the domain becomes active, and removed when
/// the domain is, if the environment names the zone (`CF_ZONE_ID`) and holds a token that may
/// edit it (the secret `CF_API_TOKEN`, set with `wrangler secret put`). Locally neither is set
/// and nothing is sent. A failure is logged and does not undo the change in Civic: verifying
/// again tries again, and DEPLOY.md shows the calls to make by hand.
pub(crate) async fn add_custom_hostname(env: &Env, host: &str) {
    let body = serde_json::json!({ "hostname": host, "ssl": { "method": "http", "type": "dv" } }).to_string();
    match cloudflare(env, worker::Method::Post, "", Some(body)).await {
        // 409: the zone has the hostname already (added by hand, or a second verification).
        None | Some(Ok((200 | 201 | 409, _))) => {}
        Some(Ok((status, answer))) => worker::console_error!("custom hostname {host}: Cloudflare answered {status}: {answer}"),
        Some(Err(err)) => worker::console_error!("custom hostname {host}: {err}"),
    }
}

/// Removes the custom hostname of a domain that was unbound (see [`add_custom_hostname`]):
/// Cloudflare names it by an id, found by the host name first.
pub(crate) async fn remove_custom_hostname(env: &Env, host: &str) {
    #[derive(Deserialize)]
    struct Found {
        result: Vec<Hostname>,
    }
    #[derive(Deserialize)]
    struct Hostname {
        id: String,
    }
    let query = format!("?hostname={}", js_sys::encode_uri_component(host));
    let found = match cloudflare(env, worker::Method::Get, &query, None).await {
        None => return,
        Some(Ok((200, answer))) => serde_json::from_str::<Found>(&answer).map(|f| f.result).unwrap_or_default(),
        Some(Ok((status, answer))) => return worker::console_error!("custom hostname {host}: Cloudflare answered {status}: {answer}"),
        Some(Err(err)) => return worker::console_error!("custom hostname {host}: {err}"),
    };
    for hostname in found {
        // Only a well-formed id goes into the address.
        if !hostname.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        match cloudflare(env, worker::Method::Delete, &format!("/{}", hostname.id), None).await {
            None | Some(Ok((200 | 404, _))) => {}
            Some(Ok((status, answer))) => worker::console_error!("custom hostname {host}: Cloudflare answered {status}: {answer}"),
            Some(Err(err)) => worker::console_error!("custom hostname {host}: {err}"),
        }
    }
}

/// One call to the zone's custom hostnames API (`…/custom_hostnames` + `path`): its status and
/// answer, or `None` when the environment is not set up for it.
async fn cloudflare(env: &Env, method: worker::Method, path: &str, body: Option<String>) -> Option<worker::Result<(u16, String)>> {
    let (Ok(token), Ok(zone)) = (env.secret("CF_API_TOKEN"), env.var("CF_ZONE_ID")) else { return None };
    let sent = async {
        let url = format!("https://api.cloudflare.com/client/v4/zones/{zone}/custom_hostnames{path}");
        let headers = worker::Headers::new();
        headers.set("authorization", &format!("Bearer {token}"))?;
        headers.set("content-type", "application/json")?;
        let mut init = worker::RequestInit::new();
        init.with_method(method).with_headers(headers).with_body(body.map(|b| JsValue::from_str(&b)));
        let mut response = worker::Fetch::Request(worker::Request::new_with_init(&url, &init)?).send().await?;
        Ok((response.status_code(), response.text().await.unwrap_or_default()))
    };
    Some(sent.await)
}

#[derive(Deserialize)]
struct DomainRow {
    id: i64,
    host: String,
    host_unicode: String,
    token: String,
    status: String,
    last_error: Option<String>,
    checked_at: Option<String>,
}

impl DomainRow {
    fn state(&self) -> DomainState {
        DomainState {
            status: Status::parse(&self.status).unwrap_or(Status::AwaitingDns),
            last_error: self.last_error.as_deref().and_then(|code| Refused::of_check(code, &self.host, &self.token)),
            checked_at: self.checked_at.clone(),
        }
    }
}

/// A failed check as the constructor shows it.
#[derive(Debug, Serialize)]
pub struct CheckError {
    pub code: &'static str,
    pub message_ru: String,
    pub message_en: String,
}

/// A domain as the constructor shows it: where it stands and the records to create.
#[derive(Debug, Serialize)]
pub struct DomainView {
    pub host: String,
    pub host_unicode: String,
    pub status: Status,
    pub last_error: Option<CheckError>,
    pub checked_at: Option<String>,
    pub records: Vec<DnsRecord>,
}

fn view(row: &DomainRow, slug: &str, platform_domain: &str) -> DomainView {
    let state = row.state();
    DomainView {
        host: row.host.clone(),
        host_unicode: row.host_unicode.clone(),
        status: state.status,
        last_error: state.last_error.map(|e| CheckError { code: e.code(), message_ru: e.message(Lang::Ru), message_en: e.message(Lang::En) }),
        checked_at: state.checked_at,
        records: domains::records(&row.host, slug, platform_domain, &row.token),
    }
}

const ROW_SQL: &str = "SELECT id, host, host_unicode, token, status, last_error, checked_at FROM site_domains";

/// The site whose domains a request is about.
pub struct SiteRef<'a> {
    pub db: &'a D1Database,
    pub id: i64,
    pub slug: &'a str,
}

/// The site's domains, oldest first.
pub async fn list(site: &SiteRef<'_>, platform_domain: &str) -> Result<Vec<DomainView>, ApiError> {
    let found: Vec<DomainRow> = rows(site.db, &format!("{ROW_SQL} WHERE site_id = ?1 ORDER BY id"), &[num(site.id)]).await?;
    Ok(found.iter().map(|row| view(row, site.slug, platform_domain)).collect())
}

async fn find(site: &SiteRef<'_>, host: &str) -> Result<DomainRow, ApiError> {
    let found: Vec<DomainRow> = rows(site.db, &format!("{ROW_SQL} WHERE site_id = ?1 AND host = ?2"), &[num(site.id), host.into()]).await?;
    found.into_iter().next().ok_or(ApiError::NotFound)
}

/// The punycode form of a host as the API's path names it (either form is accepted).
pub fn path_host(text: &str, platform_domain: &str) -> Result<String, ApiError> {
    let decoded = js_sys::decode_uri_component(text).map(String::from).unwrap_or_else(|_| text.to_string());
    domains::normalize_host(&decoded, platform_domain).map(|h| h.ascii).map_err(|_| ApiError::NotFound)
}

/// Adds `host` to the site, awaiting its TXT record. A host belongs to one site only.
pub async fn add(site: &SiteRef<'_>, host: &HostName, token: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let (db, site_id) = (site.db, site.id);
    #[derive(Deserialize)]
    struct Bound {
        site_id: i64,
        host: String,
    }
    let bound: Vec<Bound> = rows(db, "SELECT site_id, host FROM site_domains WHERE host = ?1 OR site_id = ?2", &[host.ascii.as_str().into(), num(site_id)]).await?;
    let bindings: Vec<Binding> = bound.iter().map(|b| Binding { site_id: b.site_id, host: &b.host }).collect();
    domains::check_add(&host.ascii, site_id, &bindings).map_err(ApiError::Domain)?;
    let insert = db
        .prepare("INSERT INTO site_domains (site_id, host, host_unicode, token, created_by) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[num(site_id), host.ascii.as_str().into(), host.unicode.as_str().into(), token.into(), actor.login.into()])?;
    let log = audit_entry(db, actor, "domain.add", Some(site_id), &host.ascii)?;
    // Another administrator adding the same host at the same moment meets the UNIQUE index.
    db.batch(vec![insert, log]).await.map_err(|e| match e.to_string().contains("UNIQUE") {
        true => ApiError::Domain(Refused::TakenByOtherSite),
        false => storage(e),
    })?;
    Ok(())
}

/// Looks the domain's TXT record up and moves it on (`domains::next`); a domain that becomes
/// active gets its routing key. A failed check is kept (error and time) and answered as the
/// refusal it is.
pub(crate) async fn verify(site: &SiteRef<'_>, kv: &KvStore, lookup: &impl TxtLookup, host: &str, now: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let (db, site_id, slug) = (site.db, site.id, site.slug);
    let row = find(site, host).await?;
    #[derive(Deserialize)]
    struct Active {
        host: String,
    }
    let other: Vec<Active> = rows(db, "SELECT host FROM site_domains WHERE site_id = ?1 AND status = 'active' AND host != ?2", &[num(site_id), host.into()]).await?;
    let outcome = match lookup.txt(&domains::txt_name(&row.host)).await {
        Ok(values) => domains::judge_txt(&values, &row.token),
        Err(reason) => {
            worker::console_error!("TXT look-up of {}: {reason}", row.host);
            CheckOutcome::LookupFailed { reason }
        }
    };
    let before = row.state();
    let event = Event::Checked { at: now, outcome, other_active: other.first().map(|o| o.host.as_str()) };
    let after = domains::next(&before, &event, &row.host, &row.token).map_err(ApiError::Domain)?;
    let error_code = after.last_error.as_ref().map(Refused::code);
    let update = db
        .prepare("UPDATE site_domains SET status = ?1, last_error = ?2, checked_at = ?3 WHERE id = ?4 AND status = ?5")
        .bind(&[
            after.status.as_str().into(),
            error_code.map_or(JsValue::NULL, JsValue::from),
            after.checked_at.as_deref().map_or(JsValue::NULL, JsValue::from),
            num(row.id),
            before.status.as_str().into(),
        ])?;
    let detail = format!("{}: {}", row.host, error_code.unwrap_or(after.status.as_str()));
    let log = audit_entry(db, actor, "domain.verify", Some(site_id), &detail)?;
    db.batch(vec![update, log]).await.map_err(|e| match e.to_string().contains("UNIQUE") {
        // Another domain of the site became active meanwhile.
        true => ApiError::Domain(Refused::OtherActive { host: String::new() }),
        false => storage(e),
    })?;
    if after.status == Status::Active {
        kv.put(&host_key(&row.host), slug)?.execute().await?;
    }
    crate::store::hot_cache::forget_site(slug);
    crate::store::hot_cache::forget_host(&row.host);
    match after.last_error {
        Some(refused) => Err(ApiError::Domain(refused)),
        None => Ok(()),
    }
}

/// Takes the domain off the site: first out of routing, then out of D1, so a failure half-way
/// leaves it listed (and removable again), never served without being listed.
pub async fn remove(site: &SiteRef<'_>, kv: &KvStore, host: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let (db, site_id, slug) = (site.db, site.id, site.slug);
    let row = find(site, host).await?;
    domains::next(&row.state(), &Event::Remove, &row.host, &row.token).map_err(ApiError::Domain)?;
    kv.delete(&host_key(&row.host)).await?;
    let delete = db.prepare("DELETE FROM site_domains WHERE id = ?1").bind(&[num(row.id)])?;
    db.batch(vec![delete, audit_entry(db, actor, "domain.remove", Some(site_id), &row.host)?]).await?;
    crate::store::hot_cache::forget_site(slug);
    crate::store::hot_cache::forget_host(&row.host);
    Ok(())
}

/// The slug of the site a bound host serves (KV, remembered for a moment in this isolate).
pub async fn site_of_host(kv: &KvStore, host: &str, now_ms: f64) -> Result<Option<String>, ApiError> {
    if let Some(found) = crate::store::hot_cache::host(host, now_ms) {
        return Ok(found);
    }
    let slug = kv.get(&host_key(host)).text().await?;
    crate::store::hot_cache::remember_host(host, slug.clone(), now_ms);
    Ok(slug)
}
