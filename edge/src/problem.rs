//! Errors of the API for outside systems as RFC 9457 problem details
//! (`application/problem+json`), in the caller's language: Russian unless `Accept-Language`
//! prefers English. The status and code of each error come from [`ApiError::status_and_code`],
//! the mapping the constructor's API uses too.

use civic_shared::Lang;
use serde::Serialize;

use crate::api::ApiError;

/// The media type of every error the API for outside systems sends.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem of one field, as `errors[]` lists it.
#[derive(Debug, Serialize)]
pub struct FieldError {
    /// JSON path in the request body (`date`, `document.pages.home.slug`) or a query parameter.
    pub path: String,
    /// What is wrong, in the response's language.
    pub message: String,
}

/// An RFC 9457 problem with Civic's extension members.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// `urn:civic:problem:<code>`: stable, for programs.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, the same for every occurrence of this type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// This occurrence, for people.
    pub detail: String,
    /// The request path.
    pub instance: String,
    /// The code alone (also the end of `type`).
    pub code: &'static str,
    /// Problems of single fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The draft's version now (after a stale save or publish).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// The item's revision now (after a stale save).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_revision: Option<i64>,
}

/// The problem document of `error` for a request to `instance`, in `lang`.
pub fn problem(error: &ApiError, lang: Lang, instance: &str) -> Problem {
    let (status, code) = error.status_and_code();
    let (title, detail) = texts(error, code);
    let pick = |(ru, en): (String, String)| match lang {
        Lang::Ru => ru,
        Lang::En => en,
    };
    let errors = error
        .field_problems()
        .iter()
        .map(|p| FieldError { path: p.path.clone(), message: p.message(lang).to_string() })
        .collect();
    Problem {
        kind: format!("urn:civic:problem:{code}"),
        title: pick(title),
        status,
        detail: pick(detail),
        instance: instance.to_string(),
        code,
        errors,
        current_version: match error {
            ApiError::StaleVersion { current_version } => Some(*current_version),
            _ => None,
        },
        current_revision: match error {
            ApiError::StaleItem { current_revision } => Some(*current_revision),
            _ => None,
        },
    }
}

/// The JSON body of a problem.
pub fn problem_json(problem: &Problem) -> String {
    serde_json::to_string(problem).expect("problems serialise")
}

type Both = (String, String);

fn both(ru: &str, en: &str) -> Both {
    (ru.to_string(), en.to_string())
}

/// Title and detail of each error, in Russian and English: every text the API for outside
/// systems writes about an error is here.
fn texts(error: &ApiError, code: &str) -> (Both, Both) {
    use crate::authz::Denied;
    match error {
        ApiError::SiteNotFound | ApiError::Denied(Denied::NotVisible) => (
            both("Сайт не найден", "Site not found"),
            both("Такого сайта нет или этот токен к нему не допущен.", "There is no such site, or this token may not use it."),
        ),
        ApiError::NotFound => (
            both("Не найдено", "Not found"),
            both("По этому адресу ничего нет.", "There is nothing at this address."),
        ),
        ApiError::MethodNotAllowed => (
            both("Метод не поддерживается", "Method not allowed"),
            both("Этот адрес не принимает такой метод; допустимые перечислены в заголовке Allow.", "This address does not take this method; the Allow header lists those it does."),
        ),
        ApiError::BadRequest { .. } => (
            both("Некорректный запрос", "Bad request"),
            both("Тело запроса не подходит: см. errors.", "The request body does not fit: see errors."),
        ),
        ApiError::TooLarge(too_large) => (
            both("Слишком большой запрос", "Request too large"),
            (format!("Тело запроса больше {}.", too_large.cap_in_words()), format!("The request body exceeds {} bytes.", too_large.cap)),
        ),
        ApiError::Invalid(_) => (
            both("Документ не прошёл проверку", "Invalid document"),
            both("Документ сайта нарушает правила: см. errors.", "The site document breaks the rules: see errors."),
        ),
        ApiError::StaleVersion { current_version } => (
            both("Черновик изменился", "Stale version"),
            (
                format!("Черновик уже изменён (текущая версия {current_version}); прочитайте его заново и повторите."),
                format!("The draft has changed (current version {current_version}); read it again and retry."),
            ),
        ),
        ApiError::Storage(_) => (
            both("Хранилище недоступно", "Storage unavailable"),
            both("Хранилище временно недоступно; ничего не изменено. Повторите позже.", "Storage is unavailable for now; nothing was changed. Try again later."),
        ),
        ApiError::Unauthenticated | ApiError::TokenInvalid => (
            both("Нужен токен", "Token required"),
            both(
                "Передайте действующий токен: Authorization: Bearer civic_…. Токен неизвестен, отозван или истёк.",
                "Send a valid token: Authorization: Bearer civic_…. The token is unknown, revoked or expired.",
            ),
        ),
        ApiError::InsufficientScope { scope } => {
            let scope = scope.map_or("—", |s| s.as_str());
            (
                both("Недостаточно прав токена", "Insufficient scope"),
                (format!("Для этого действия токену нужно право «{scope}»."), format!("This action needs the token scope \"{scope}\".")),
            )
        }
        ApiError::InvalidItem(_) => (
            both("Запись не прошла проверку", "Invalid item"),
            both("Запись нарушает правила раздела: см. errors.", "The item breaks the collection's rules: see errors."),
        ),
        ApiError::StaleItem { current_revision } => (
            both("Запись изменилась", "Stale revision"),
            (
                format!("Запись уже изменена (текущая редакция {current_revision}); прочитайте её заново и повторите."),
                format!("The item has changed (current revision {current_revision}); read it again and retry."),
            ),
        ),
        ApiError::Taken { .. } => (
            both("Уже существует", "Already exists"),
            both("Запись с таким идентификатором уже есть.", "An item with this id exists already."),
        ),
        ApiError::CollectionFull { .. } => (
            both("Раздел заполнен", "Collection full"),
            both("В разделе больше нет места: см. errors.", "The collection has no room left: see errors."),
        ),
        ApiError::BadPage(_) => (
            both("Некорректные параметры страницы", "Bad page request"),
            both("Параметры limit или cursor не подходят: см. errors.", "The limit or cursor parameter does not fit: see errors."),
        ),
        ApiError::BadIdempotencyKey => (
            both("Некорректный ключ идемпотентности", "Bad idempotency key"),
            both("Idempotency-Key: от 1 до 255 печатных символов ASCII.", "Idempotency-Key: 1 to 255 printable ASCII characters."),
        ),
        ApiError::IdempotencyKeyReused => (
            both("Ключ идемпотентности уже использован", "Idempotency key reused"),
            both(
                "С этим Idempotency-Key уже был другой запрос; для нового запроса возьмите новый ключ.",
                "This Idempotency-Key was used with another request; use a new key for a new request.",
            ),
        ),
        ApiError::IdempotencyKeyInUse => (
            both("Запрос с этим ключом ещё выполняется", "Request with this key in progress"),
            both("Первый запрос с этим Idempotency-Key ещё не завершён; повторите чуть позже.", "The first request with this Idempotency-Key has not finished; retry shortly."),
        ),
        ApiError::SiteImport(_) => (
            both("Импорт не выполнен", "Import refused"),
            both("Страницы старого сайта не импортированы, ничего не изменено: см. errors.", "The old site's pages were not imported; nothing was changed: see errors."),
        ),
        // The rest belong to the constructor's API (sessions, passwords, users); a program
        // meets them only if that API's errors are ever reused here, so they get a plain text.
        _ => {
            let title = (format!("Ошибка: {code}"), format!("Error: {code}"));
            (title.clone(), title)
        }
    }
}

/// The language of the answer: English if `Accept-Language` rates it above Russian,
/// Russian otherwise (the platform's users are Russian).
pub fn preferred_lang(accept_language: Option<&str>) -> Lang {
    let mut best: Option<(Lang, f32)> = None;
    for range in accept_language.unwrap_or("").split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("ru") => Lang::Ru,
            Some("en") => Lang::En,
            _ => continue,
        };
        if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
            best = Some((lang, quality));
        }
    }
    best.map_or(Lang::Ru, |(lang, _)| lang)
}

/// The `Content-Language` of a language.
pub fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pagination::PageError;
    use civic_shared::collection_items::Collection;
    use serde_json::Value;

    fn json(error: &ApiError, lang: Lang) -> Value {
        serde_json::from_str(&problem_json(&problem(error, lang, "/api/v1/sites/gb4/document"))).unwrap()
    }

    #[test]
    fn stale_version_in_russian() {
        let body = json(&ApiError::StaleVersion { current_version: 7 }, Lang::Ru);
        assert_eq!(body["type"], "urn:civic:problem:stale_version");
        assert_eq!(body["title"], "Черновик изменился");
        assert_eq!(body["status"], 409);
        assert!(body["detail"].as_str().unwrap().contains("текущая версия 7"));
        assert_eq!(body["instance"], "/api/v1/sites/gb4/document");
        assert_eq!(body["current_version"], 7);
        assert!(body.get("errors").is_none());
    }

    #[test]
    fn validation_errors_list_paths_in_the_chosen_language() {
        let Err(ApiError::InvalidItem(problems)) = crate::api::parse_item(Collection::News, r#"{"title":"","date":"вчера","summary":"а"}"#)
        else {
            panic!("the item is invalid")
        };
        let error = ApiError::InvalidItem(problems);
        let ru = json(&error, Lang::Ru);
        assert_eq!(ru["status"], 422);
        assert_eq!(ru["errors"][0]["path"], "title");
        assert_eq!(ru["errors"][1]["path"], "date");
        assert!(ru["errors"][1]["message"].as_str().unwrap().contains("ГГГГ-ММ-ДД"));
        let en = json(&error, Lang::En);
        assert_eq!(en["title"], "Invalid item");
        assert!(en["errors"][1]["message"].as_str().unwrap().contains("YYYY-MM-DD"));
    }

    #[test]
    fn page_errors_name_the_parameter() {
        let body = json(&ApiError::BadPage(PageError::BadLimit), Lang::Ru);
        assert_eq!((body["status"].as_u64(), body["errors"][0]["path"].as_str()), (Some(400), Some("limit")));
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("от 1 до 100"));
    }

    #[test]
    fn a_foreign_site_reads_like_a_missing_one() {
        let foreign = json(&ApiError::Denied(crate::authz::Denied::NotVisible), Lang::Ru);
        let missing = json(&ApiError::SiteNotFound, Lang::Ru);
        assert_eq!(foreign, missing);
        assert_eq!(foreign["status"], 404);
    }

    #[test]
    fn every_status_is_an_error_status() {
        let errors = [
            ApiError::TokenInvalid,
            ApiError::InsufficientScope { scope: Some(crate::tokens::Scope::Write) },
            ApiError::IdempotencyKeyReused,
            ApiError::IdempotencyKeyInUse,
            ApiError::BadIdempotencyKey,
            ApiError::MethodNotAllowed,
            ApiError::TooLarge(crate::bounded_body::TooLarge { cap: crate::api::MAX_BODY_BYTES }),
            ApiError::Storage("x".into()),
        ];
        for error in errors {
            let body = json(&error, Lang::En);
            let status = body["status"].as_u64().unwrap();
            assert!((400..600).contains(&status), "{error:?}");
            assert!(!body["title"].as_str().unwrap().starts_with("Error:"), "{error:?} has its own title");
            assert!(!body["detail"].as_str().unwrap().is_empty());
        }
        assert!(json(&ApiError::InsufficientScope { scope: Some(crate::tokens::Scope::Write) }, Lang::Ru)["detail"]
            .as_str()
            .unwrap()
            .contains("«write»"));
    }

    #[test]
    fn accept_language() {
        assert_eq!(preferred_lang(None), Lang::Ru);
        assert_eq!(preferred_lang(Some("")), Lang::Ru);
        assert_eq!(preferred_lang(Some("en")), Lang::En);
        assert_eq!(preferred_lang(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(preferred_lang(Some("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")), Lang::Ru);
        assert_eq!(preferred_lang(Some("de, en;q=0.5, ru;q=0.4")), Lang::En);
        assert_eq!(preferred_lang(Some("de, en;q=0")), Lang::Ru);
        assert_eq!(preferred_lang(Some("EN")), Lang::En);
        assert_eq!(preferred_lang(Some("fr")), Lang::Ru);
        assert_eq!(language_tag(Lang::En), "en");
    }
}
