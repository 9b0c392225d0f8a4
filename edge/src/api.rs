//! The JSON API's bodies and errors. The router maps every `ApiError` to a status once.

use civic_shared::collection_items::{CheckedItem, Collection, ItemError, IMPORT_BATCH};
use civic_shared::backup::BackupError;
use civic_shared::site_import::SiteImportError;
use civic_shared::{Lang, Problem, ProblemKind, SiteDocument};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::accounts::PasswordProblem;
use crate::authz::Denied;
use crate::pagination::PageError;
use crate::tokens::{Scope, TokenProblem};
use crate::media::MediaProblem;

/// Largest accepted request body (a site document with thousands of blocks fits easily).
pub const MAX_BODY_BYTES: usize = 5 * 1024 * 1024;

/// A site in the list the constructor shows.
#[derive(Debug, Serialize, Deserialize)]
pub struct SiteSummary {
    /// Address part.
    pub slug: String,
    /// Organisation name.
    pub name: String,
    /// Organisation kind.
    pub kind: String,
    /// Current draft version.
    pub draft_version: i64,
    /// Published revision, if any.
    pub published_revision: Option<i64>,
}

/// One published revision, as the history lists it.
#[derive(Debug, Serialize, Deserialize)]
pub struct RevisionSummary {
    /// Revision number.
    pub revision: i64,
    /// The draft version it published.
    pub draft_version: i64,
    /// When (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub published_at: String,
    /// Who: a login, or `api#<id> <name>` for a token.
    pub published_by: String,
    /// The revision a rollback restored.
    pub restored_from: Option<i64>,
}

/// `POST /api/sites`: a new site, built from its organisation kind's template.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSite {
    /// Address part: `<slug>.<platform domain>`.
    pub slug: String,
    /// Full official name.
    pub name: String,
    /// Organisation kind; decides the template and the mandatory pages.
    pub kind: civic_shared::OrgKind,
}

impl CreateSite {
    /// The new site's starting document, or what is wrong with the request.
    pub fn starter_document(&self) -> Result<SiteDocument, ApiError> {
        let bad = |path: &str, reason: &str| ApiError::BadRequest { path: path.into(), reason: reason.into() };
        if !civic_shared::validate::is_slug(&self.slug) || self.slug.len() > 40 {
            return Err(bad("slug", "строчные латинские буквы, цифры и дефис, до 40 знаков"));
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > civic_shared::validate::MAX_LINE {
            return Err(bad("name", "укажите полное официальное название"));
        }
        let document = civic_shared::starter(self.kind, name);
        let problems = civic_shared::validate(&document);
        if !problems.is_empty() {
            return Err(ApiError::Invalid(problems));
        }
        Ok(document)
    }
}

/// `GET /api/sites/<slug>/draft`.
#[derive(Debug, Serialize)]
pub struct DraftBody<'a> {
    /// The version to send back when saving.
    pub version: i64,
    /// Published revision, if any.
    pub published_revision: Option<i64>,
    /// The document, as stored.
    pub document: &'a RawValue,
}

/// `PUT /api/sites/<slug>/draft`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveDraft {
    /// The draft version the edit was based on.
    #[serde(deserialize_with = "civic_shared::json_numbers::whole_i64")]
    pub base_version: i64,
    /// The whole new document.
    pub document: Box<RawValue>,
}

/// `POST /api/sites/<slug>/publish`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishDraft {
    /// The draft version the editor reviewed; a newer draft is not published blindly.
    #[serde(deserialize_with = "civic_shared::json_numbers::whole_i64")]
    pub version: i64,
}

/// What went wrong, independent of HTTP.
#[derive(Debug)]
#[non_exhaustive]
pub enum ApiError {
    /// No such site (or not visible to the caller).
    SiteNotFound,
    /// No such endpoint.
    NotFound,
    /// The method is not allowed on this endpoint.
    MethodNotAllowed,
    /// A state change from another origin.
    CrossSite,
    /// The body is not the JSON the endpoint expects.
    BadRequest { path: String, reason: String },
    /// The body passed its cap (read no further).
    TooLarge(crate::bounded_body::TooLarge),
    /// The document breaks validation rules.
    Invalid(Vec<Problem>),
    /// The draft changed since the caller read it.
    StaleVersion { current_version: i64 },
    /// Storage failed; nothing was changed.
    Storage(String),
    /// No valid session (or it has ended).
    Unauthenticated,
    /// Wrong login or password (which one is not said).
    WrongCredentials,
    /// A signed-in state change without the session's CSRF token.
    CsrfTokenMissing,
    /// The caller may not do this.
    Denied(Denied),
    /// Too many failed attempts; try again in this many seconds.
    RateLimited { retry_after: i64 },
    /// A new password breaks the rules.
    WeakPassword(PasswordProblem),
    /// Something with this unique name exists already (a login, a slug).
    Taken { path: String },
    /// An upload, or a change of a media item, is refused.
    Media(MediaProblem),
    /// A collection item breaks validation rules.
    InvalidItem(Vec<Problem>),
    /// A collection item changed since the caller read it.
    StaleItem { current_revision: i64 },
    /// A collection holds as many items as it may.
    CollectionFull { max: usize },
    /// A bearer token that is unknown, revoked or expired (or no token at all).
    TokenInvalid,
    /// The token's scopes do not cover this action.
    InsufficientScope { scope: Option<Scope> },
    /// A new token's settings break the rules.
    BadTokenSettings(TokenProblem),
    /// `limit` or `cursor` is not usable.
    BadPage(PageError),
    /// An `Idempotency-Key` that is empty, too long or not printable ASCII.
    BadIdempotencyKey,
    /// An `Idempotency-Key` used before with another request.
    IdempotencyKeyReused,
    /// The first request with this `Idempotency-Key` is still running.
    IdempotencyKeyInUse,
    /// Gaps of the compliance report block publishing (an administrator's setting): each as
    /// (finding id, message in Russian, in English).
    NotCompliant(Vec<(String, String, String)>),
    /// An old site's pages cannot be imported; nothing was changed.
    SiteImport(SiteImportError),
    /// A domain was not added, verified or removed.
    Domain(civic_shared::domains::Refused),
    /// A site cannot be backed up, or an archive cannot be restored; nothing was changed.
    Backup(civic_shared::backup::BackupError),
}

/// One field's problem, in both languages.
pub struct FieldProblem {
    /// JSON path (or query parameter) of the field.
    pub path: String,
    /// In Russian.
    pub message_ru: String,
    /// In English.
    pub message_en: String,
}

impl FieldProblem {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.message_ru,
            Lang::En => &self.message_en,
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_revision: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    problems: Vec<ProblemBody>,
}

#[derive(Serialize)]
struct ProblemBody {
    path: String,
    message_ru: String,
    message_en: String,
}

impl From<crate::media::BadQuery> for ApiError {
    fn from(bad: crate::media::BadQuery) -> ApiError {
        ApiError::BadRequest { path: bad.path.into(), reason: bad.reason.into() }
    }
}

impl ApiError {
    /// The HTTP status and the stable code of this error: the one mapping both APIs share.
    pub fn status_and_code(&self) -> (u16, &'static str) {
        match self {
            ApiError::SiteNotFound => (404, "site_not_found"),
            ApiError::NotFound => (404, "not_found"),
            ApiError::MethodNotAllowed => (405, "method_not_allowed"),
            ApiError::CrossSite => (403, "cross_site_request"),
            ApiError::BadRequest { .. } => (400, "bad_request"),
            ApiError::TooLarge(_) => (413, "too_large"),
            ApiError::Invalid(_) => (422, "invalid_document"),
            ApiError::StaleVersion { .. } => (409, "stale_version"),
            ApiError::Storage(_) => (503, "storage_unavailable"),
            ApiError::Unauthenticated => (401, "unauthenticated"),
            ApiError::WrongCredentials => (401, "wrong_credentials"),
            ApiError::CsrfTokenMissing => (403, "csrf_token_missing"),
            ApiError::Denied(Denied::NotVisible) => (404, "site_not_found"),
            ApiError::Denied(Denied::Forbidden) => (403, "forbidden"),
            ApiError::Denied(Denied::Restricted) => (403, "account_restricted"),
            ApiError::Denied(Denied::Banned) => (403, "account_banned"),
            ApiError::Denied(Denied::SupportAccessRequired) => (403, "support_access_required"),
            ApiError::RateLimited { .. } => (429, "too_many_attempts"),
            ApiError::WeakPassword(_) => (422, "weak_password"),
            ApiError::Taken { .. } => (409, "already_taken"),
            ApiError::Media(problem) => (media_status(*problem), problem.code()),
            ApiError::InvalidItem(_) => (422, "invalid_item"),
            ApiError::StaleItem { .. } => (409, "stale_revision"),
            ApiError::CollectionFull { .. } => (422, "collection_full"),
            ApiError::TokenInvalid => (401, "invalid_token"),
            ApiError::InsufficientScope { .. } => (403, "insufficient_scope"),
            ApiError::BadTokenSettings(_) => (422, "invalid_token_settings"),
            ApiError::BadPage(_) => (400, "bad_page_request"),
            ApiError::BadIdempotencyKey => (400, "bad_idempotency_key"),
            ApiError::IdempotencyKeyReused => (422, "idempotency_key_reused"),
            ApiError::IdempotencyKeyInUse => (409, "idempotency_key_in_use"),
            ApiError::NotCompliant(_) => (422, "not_compliant"),
            ApiError::SiteImport(SiteImportError::TooBig) => (413, "too_large"),
            ApiError::SiteImport(SiteImportError::UnknownFormat) => (415, "unsupported_import"),
            ApiError::SiteImport(_) => (422, "import_refused"),
            ApiError::Domain(refused) => (domain_status(refused), refused.code()),
            ApiError::Backup(BackupError::TooBig | BackupError::SiteTooBig) => (413, "too_large"),
            ApiError::Backup(_) => (422, "backup_refused"),
        }
    }

    /// The problems of single fields this error carries, if any.
    pub fn field_problems(&self) -> Vec<FieldProblem> {
        let both = |path: &str, ru: String, en: String| FieldProblem { path: path.into(), message_ru: ru, message_en: en };
        match self {
            ApiError::Invalid(problems) | ApiError::InvalidItem(problems) => {
                problems.iter().map(|p| both(&p.path, p.message(Lang::Ru), p.message(Lang::En))).collect()
            }
            ApiError::CollectionFull { max } => vec![both(
                ".",
                format!("в разделе уже {max} записей — больше нельзя; удалите устаревшие"),
                format!("the collection already holds {max} items; remove old ones first"),
            )],
            ApiError::BadRequest { path, reason } => vec![both(path, reason.clone(), reason.clone())],
            ApiError::WeakPassword(problem) => vec![both("password", problem.message(Lang::Ru), problem.message(Lang::En))],
            ApiError::BadTokenSettings(problem) => vec![both(problem.path(), problem.message(Lang::Ru), problem.message(Lang::En))],
            ApiError::BadPage(error) => {
                let (ru, en) = match error {
                    PageError::BadLimit => (
                        format!("целое число от 1 до {}", crate::pagination::MAX_LIMIT),
                        format!("a whole number from 1 to {}", crate::pagination::MAX_LIMIT),
                    ),
                    PageError::BadCursor => (
                        "курсор не от этого списка: возьмите next_cursor из ответа".to_string(),
                        "not a cursor of this list: use next_cursor from a response".to_string(),
                    ),
                };
                vec![both(error.path(), ru, en)]
            }
            ApiError::Media(problem) => vec![both(problem.field(), problem.message(Lang::Ru), problem.message(Lang::En))],
            ApiError::SiteImport(error) => vec![both(".", error.message(Lang::Ru), error.message(Lang::En))],
            ApiError::Backup(error) => vec![both(".", error.message(Lang::Ru), error.message(Lang::En))],
            ApiError::NotCompliant(gaps) => gaps.iter().map(|(id, ru, en)| both(id, ru.clone(), en.clone())).collect(),
            ApiError::Domain(refused) => vec![both("host", refused.message(Lang::Ru), refused.message(Lang::En))],
            ApiError::TooLarge(too_large) => vec![both(
                ".",
                format!("Запрос слишком большой: не более {}. Он не прочитан, ничего не изменилось.", too_large.cap_in_words()),
                format!("The request is too large: at most {} bytes. It was not read; nothing changed.", too_large.cap),
            )],
            _ => Vec::new(),
        }
    }

    /// The HTTP status and JSON body of this error, as the constructor's API sends it.
    pub fn to_http(&self) -> (u16, String) {
        let (status, code) = self.status_and_code();
        let problems = self
            .field_problems()
            .into_iter()
            .map(|p| ProblemBody { path: p.path, message_ru: p.message_ru, message_en: p.message_en })
            .collect();
        let current_version = match self {
            ApiError::StaleVersion { current_version } => Some(*current_version),
            _ => None,
        };
        let current_revision = match self {
            ApiError::StaleItem { current_revision } => Some(*current_revision),
            _ => None,
        };
        let retry_after = match self {
            ApiError::RateLimited { retry_after } => Some(*retry_after),
            _ => None,
        };
        let body = ErrorBody { error: ErrorDetail { code, current_version, current_revision, retry_after, problems } };
        (status, serde_json::to_string(&body).expect("error bodies serialise"))
    }
}

/// A domain held by another site (or this one) is a conflict; a DNS service that did not
/// answer is a bad gateway; the rest is a request the platform cannot carry out as it is.
fn domain_status(refused: &civic_shared::domains::Refused) -> u16 {
    use civic_shared::domains::Refused;
    match refused {
        Refused::TakenByOtherSite | Refused::AlreadyAdded | Refused::OtherActive { .. } => 409,
        Refused::LookupFailed => 502,
        Refused::Removed => 404,
        Refused::Host(_) | Refused::TooMany | Refused::TxtMissing { .. } | Refused::TxtMismatch { .. } => 422,
    }
}

/// Too large is 413, a type the platform does not take is 415, the rest is content it cannot
/// accept as it is (422).
fn media_status(problem: MediaProblem) -> u16 {
    match problem {
        MediaProblem::TooLarge { .. } => 413,
        MediaProblem::Unsupported | MediaProblem::Svg | MediaProblem::Macros | MediaProblem::TextNotUtf8 => 415,
        MediaProblem::Empty | MediaProblem::Damaged | MediaProblem::AltRequired | MediaProblem::AltTooLong | MediaProblem::TitleTooLong => 422,
    }
}

/// Reads a save request: well-formed JSON, a schema-valid document, no validation problems.
pub fn parse_save(body: &str) -> Result<(SaveDraft, SiteDocument), ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::TooLarge(crate::bounded_body::TooLarge { cap: MAX_BODY_BYTES }));
    }
    let save: SaveDraft = serde_json::from_str(body)
        .map_err(|err| ApiError::BadRequest { path: ".".into(), reason: err.to_string() })?;
    let document = SiteDocument::from_json(save.document.get()).map_err(|err| ApiError::BadRequest {
        path: if err.path == "." { "document".into() } else { format!("document.{}", err.path) },
        reason: err.reason,
    })?;
    let problems = civic_shared::validate(&document);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    Ok((save, document))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save_body(document: &str) -> String {
        format!("{{\"base_version\":3,\"document\":{document}}}")
    }

    #[test]
    fn valid_save_is_read() {
        let (save, doc) = parse_save(&save_body(civic_shared::demo::MINISTRY_JSON)).unwrap();
        assert_eq!(save.base_version, 3);
        assert_eq!(doc, civic_shared::demo::ministry());
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        let (status, body) = parse_save("{\"base_version\":").unwrap_err().to_http();
        assert_eq!(status, 400);
        assert!(body.contains("\"code\":\"bad_request\""));
    }

    #[test]
    fn invalid_document_lists_problems_in_both_languages() {
        let json = civic_shared::demo::MINISTRY_JSON.replace("\"slug\": \"kontakty\"", "\"slug\": \"Контакты\"");
        let (status, body) = parse_save(&save_body(&json)).unwrap_err().to_http();
        assert_eq!(status, 422);
        assert!(body.contains("\"path\":\"pages.contacts.slug\""), "{body}");
        assert!(body.contains("строчные латинские буквы"), "{body}");
        assert!(body.contains("lowercase latin letters"), "{body}");
    }

    #[test]
    fn wrong_field_path_is_named() {
        let json = civic_shared::demo::MINISTRY_JSON.replace("\"level\": 2", "\"level\": \"два\"");
        let (status, body) = parse_save(&save_body(&json)).unwrap_err().to_http();
        assert_eq!(status, 400);
        // Internally tagged blocks are buffered by serde, so the path stops at the block.
        assert!(body.contains("\"path\":\"document.pages.home.blocks[1]\""), "{body}");
        assert!(body.contains("expected u8"), "{body}");
    }

    #[test]
    fn media_problems_get_their_statuses_and_russian_messages() {
        use crate::media::MediaKind;
        let (status, body) = ApiError::Media(MediaProblem::TooLarge { kind: Some(MediaKind::Image) }).to_http();
        assert_eq!(status, 413);
        assert!(body.contains("\"code\":\"file_too_large\"") && body.contains("10 МБ"), "{body}");
        let (status, body) = ApiError::Media(MediaProblem::Unsupported).to_http();
        assert_eq!(status, 415);
        assert!(body.contains("PNG, JPEG") && body.contains("\"path\":\"file\""), "{body}");
        let (status, body) = ApiError::Media(MediaProblem::AltRequired).to_http();
        assert_eq!(status, 422);
        assert!(body.contains("\"path\":\"alt\"") && body.contains("описание"), "{body}");
        assert_eq!(ApiError::Media(MediaProblem::Svg).to_http().0, 415);
    }

    #[test]
    fn stale_version_is_409_with_current() {
        let (status, body) = ApiError::StaleVersion { current_version: 7 }.to_http();
        assert_eq!(status, 409);
        assert!(body.contains("\"current_version\":7"));
    }
}

/// Reads a collection item for saving: its JSON must be such an item and pass the rules.
pub fn parse_item(collection: Collection, json: &str) -> Result<CheckedItem, ApiError> {
    collection.check_item(json).map_err(|err| match err {
        ItemError::Parse(err) => ApiError::BadRequest { path: err.path, reason: err.reason },
        ItemError::Invalid(problems) => ApiError::InvalidItem(problems),
    })
}

/// Reads an import batch `{"items": [...], "dry_run": bool}`: every item checked, at most
/// [`IMPORT_BATCH`] of them, no id twice. All problems of all items come back at once, each
/// path prefixed with the item's place (`items[3].email`).
pub fn parse_import(collection: Collection, body: &str) -> Result<(Vec<CheckedItem>, bool), ApiError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Import {
        items: Vec<Box<RawValue>>,
        #[serde(default)]
        dry_run: bool,
    }
    let import: Import = serde_json::from_str(body).map_err(|err| ApiError::BadRequest { path: ".".into(), reason: err.to_string() })?;
    if import.items.is_empty() || import.items.len() > IMPORT_BATCH {
        return Err(ApiError::BadRequest { path: "items".into(), reason: format!("от 1 до {IMPORT_BATCH} записей за один запрос") });
    }
    let mut items = Vec::with_capacity(import.items.len());
    let mut problems = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for (i, raw) in import.items.iter().enumerate() {
        let at = |path: &str| format!("items[{i}].{path}");
        match collection.check_item(raw.get()) {
            Ok(item) if !item.id.is_empty() && !ids.insert(item.id.clone()) => {
                problems.push(Problem { path: at("id"), kind: ProblemKind::DuplicateId });
            }
            Ok(item) => items.push(item),
            Err(ItemError::Parse(err)) => return Err(ApiError::BadRequest { path: at(err.path.trim_start_matches('.')), reason: err.reason }),
            Err(ItemError::Invalid(found)) => problems.extend(found.into_iter().map(|p| Problem { path: at(&p.path), kind: p.kind })),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::InvalidItem(problems));
    }
    Ok((items, import.dry_run))
}

#[cfg(test)]
mod create_site_tests {
    use super::*;

    fn request(slug: &str, name: &str, kind: &str) -> CreateSite {
        serde_json::from_str(&format!(r#"{{"slug":"{slug}","name":"{name}","kind":"{kind}"}}"#)).unwrap()
    }

    #[test]
    fn every_kind_starts_from_a_valid_template_with_its_mandatory_pages() {
        for kind in ["executive_body", "municipality", "school", "kindergarten", "medical"] {
            let doc = request("novyj-sajt", "ГБУ РО «Новое учреждение»", kind).starter_document().unwrap();
            let mandatory = doc.pages.values().filter(|p| p.mandatory).count();
            assert!(mandatory > 3, "{kind}: {mandatory} mandatory pages");
        }
    }

    #[test]
    fn bad_requests_name_the_field() {
        let (status, body) = request("Новый", "x", "school").starter_document().unwrap_err().to_http();
        assert_eq!(status, 400);
        assert!(body.contains("\"path\":\"slug\""));
        let (_, body) = request("ok", "  ", "school").starter_document().unwrap_err().to_http();
        assert!(body.contains("\"path\":\"name\""));
        assert!(serde_json::from_str::<CreateSite>(r#"{"slug":"a","name":"b","kind":"bank"}"#).is_err());
    }
}

#[cfg(test)]
mod item_tests {
    use super::*;

    #[test]
    fn item_errors_map_to_statuses() {
        let (status, body) = parse_item(Collection::News, r#"{"title":"","date":"вчера","summary":"а"}"#).unwrap_err().to_http();
        assert_eq!(status, 422);
        assert!(body.contains("\"code\":\"invalid_item\"") && body.contains("\"path\":\"date\"") && body.contains("ГГГГ-ММ-ДД"), "{body}");
        let (status, body) = parse_item(Collection::News, r#"{"headline":"x"}"#).unwrap_err().to_http();
        assert_eq!(status, 400);
        assert!(body.contains("\"path\":\"headline\""), "{body}");
        let (status, body) = ApiError::StaleItem { current_revision: 4 }.to_http();
        assert_eq!(status, 409);
        assert!(body.contains("\"current_revision\":4"));
    }

    #[test]
    fn an_import_batch_is_checked_whole() {
        let (items, dry_run) =
            parse_import(Collection::Staff, r#"{"items":[{"id":"s-1","name":"А","position":"Б"},{"name":"В","position":"Г"}],"dry_run":true}"#).unwrap();
        assert!(dry_run);
        assert_eq!(items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["s-1", ""]);
        let bad = r#"{"items":[{"id":"s-1","name":"А","position":"Б"},{"id":"s-1","name":"В","position":"Г"},{"name":"","position":"Г","email":"x"}]}"#;
        let (status, body) = parse_import(Collection::Staff, bad).unwrap_err().to_http();
        assert_eq!(status, 422);
        for path in ["items[1].id", "items[2].name", "items[2].email"] {
            assert!(body.contains(&format!("\"path\":\"{path}\"")), "{path}: {body}");
        }
        let (status, body) = parse_import(Collection::Staff, r#"{"items":[{"name":"А","position":"Б","salary":"1"}]}"#).unwrap_err().to_http();
        assert_eq!(status, 400);
        assert!(body.contains("items[0].salary"), "{body}");
        let many = format!(r#"{{"items":[{}]}}"#, vec![r#"{"name":"А","position":"Б"}"#; IMPORT_BATCH + 1].join(","));
        assert!(matches!(parse_import(Collection::Staff, &many), Err(ApiError::BadRequest { .. })));
        assert!(matches!(parse_import(Collection::Staff, r#"{"items":[]}"#), Err(ApiError::BadRequest { .. })));
        assert!(matches!(parse_import(Collection::Staff, r#"{"items":[],"extra":1}"#), Err(ApiError::BadRequest { .. })));
    }
}
