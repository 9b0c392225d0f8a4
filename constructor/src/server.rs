//! Calls to the edge's JSON API.

use civic_shared::SiteDocument;
use gloo_net::http::{Request, Response};
use serde::Deserialize;

/// Why a call failed, in terms the interface can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerError {
    /// The draft is at a newer version.
    Stale { current_version: i64 },
    /// Validation problems: `path: message`.
    Invalid(Vec<String>),
    /// The server could not be reached.
    Network,
    /// Storage is down; nothing changed.
    Storage,
    /// No such site.
    NotFound,
    /// Any other refusal.
    Refused,
}

/// A site the constructor can open.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SiteSummary {
    pub slug: String,
    pub name: String,
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
    #[serde(default)]
    problems: Vec<ProblemBody>,
}

#[derive(Deserialize)]
struct ProblemBody {
    path: String,
    message_ru: String,
}

async fn error_of(response: Response) -> ServerError {
    let Ok(body) = response.json::<ErrorBody>().await else {
        return if response.status() >= 500 { ServerError::Storage } else { ServerError::Refused };
    };
    match body.error.code.as_str() {
        "stale_version" => ServerError::Stale { current_version: body.error.current_version.unwrap_or(0) },
        "invalid_document" | "bad_request" => ServerError::Invalid(
            body.error.problems.into_iter().map(|p| format!("{}: {}", p.path, p.message_ru)).collect(),
        ),
        "site_not_found" => ServerError::NotFound,
        "storage_unavailable" => ServerError::Storage,
        _ => ServerError::Refused,
    }
}

async fn ok_json<T: for<'de> Deserialize<'de>>(response: Result<Response, gloo_net::Error>) -> Result<T, ServerError> {
    let response = response.map_err(|_| ServerError::Network)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    response.json::<T>().await.map_err(|_| ServerError::Refused)
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
    let document = SiteDocument::from_json(body.document.get())
        .map_err(|err| ServerError::Invalid(vec![format!("{}: {}", err.path, err.reason)]))?;
    Ok(Draft { version: body.version, published_revision: body.published_revision, document })
}

/// The site's collections (news, documents…) for data blocks in the preview. A failure
/// only means empty data blocks, never a broken editor.
pub async fn load_data(site: &str) -> civic_shared::RenderData {
    ok_json(Request::get(&format!("/api/sites/{}/data", encode(site))).send().await).await.unwrap_or_default()
}

/// Saves the draft based on `base_version`; returns the new version.
pub async fn save_draft(site: &str, base_version: i64, document: &SiteDocument) -> Result<i64, ServerError> {
    #[derive(Deserialize)]
    struct Saved {
        version: i64,
    }
    let body = format!("{{\"base_version\":{base_version},\"document\":{}}}", document.to_json());
    let request = Request::put(&format!("/api/sites/{}/draft", encode(site)))
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ServerError::Refused)?;
    let saved: Saved = ok_json(request.send().await).await?;
    Ok(saved.version)
}

/// Publishes draft `version`; returns the new revision.
pub async fn publish(site: &str, version: i64) -> Result<i64, ServerError> {
    #[derive(Deserialize)]
    struct Published {
        revision: i64,
    }
    let request = Request::post(&format!("/api/sites/{}/publish", encode(site)))
        .header("Content-Type", "application/json")
        .body(format!("{{\"version\":{version}}}"))
        .map_err(|_| ServerError::Refused)?;
    let published: Published = ok_json(request.send().await).await?;
    Ok(published.revision)
}
