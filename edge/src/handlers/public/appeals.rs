//! Appeals on the public site, with no script: the form posts to `<base>/_obrashcheniya`, the
//! appeal is stored before the visitor sees its number and code, and `<base>/_obrashcheniya/status`
//! shows how it stands to whoever has both. A form with problems comes back filled in, with each
//! problem named; a robot that fills the hidden field gets a polite page and stores nothing.

use civic_renderer::{AppealFormState, AppealStatus, Receipt, RenderContext, RenderOptions, StatusLookup};
use civic_shared::appeals::{self, Dates, FormOutcome, Status};
use civic_shared::{find_block, Block, Lang, SiteDocument};
use serde::Deserialize;
use worker::{Bucket, Date, FormEntry, Headers, HttpMetadata, Method, Request, RequestInit, Response, Result, Url};

use crate::accessible;
use crate::accounts::AttemptLimit;
use crate::api::ApiError;
use crate::crypto::random_bytes;
use crate::http::body::{form_pairs, read_bounded, BodyRefused};
use crate::http::published::SiteForAppeals;
use crate::http::responses::{html_page, unavailable};
use crate::security::{is_same_origin, sha256_hex};
use crate::store::attempts::{attempts_left, record_failure, sender_key};
use crate::store::{num, storage, today, Bindings};

/// Appeals from one address: twenty an hour (a school's or an office's visitors share one).
const SUBMISSIONS_PER_ADDRESS: AttemptLimit = AttemptLimit { max_failures: 20, window_seconds: 60 * 60 };
/// Wrong number-and-code pairs from one address before the status page pauses.
const LOOKUPS_PER_ADDRESS: AttemptLimit = AttemptLimit { max_failures: 30, window_seconds: 60 * 60 };
/// The largest URL-encoded form body accepted (the text is at most 20,000 characters).
const MAX_FORM_BYTES: usize = 128 * 1024;
/// The largest body with files: the files' limit and room for the fields.
const MAX_BODY_BYTES: usize = appeals::MAX_FILES_BYTES + MAX_FORM_BYTES;
/// The fields of the appeal form besides its files.
const FORM_FIELDS: [&str; 8] = ["page", "form", "topic", "text", "name", "contact", "website", "consent"];
/// Letters of the secret code: no 0/O, 1/I/L to misread.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// `POST <base>/_obrashcheniya`.
pub async fn submit(mut req: Request, bindings: &Bindings, site: SiteForAppeals, base_path: &str, origin: &str, host: &str) -> Result<Response> {
    let settings = accessible::from_cookie_header(req.headers().get("cookie")?.as_deref());
    let options = RenderOptions { base_path, origin, accessible: settings, ..RenderOptions::default() };
    let headers = req.headers();
    if !is_same_origin(headers.get("sec-fetch-site")?.as_deref(), headers.get("origin")?.as_deref(), host) {
        return page(403, &site.doc, &options, |doc, options, out| {
            civic_renderer::render_appeal_status(doc, options, "", &StatusLookup::NotAsked, out)
        });
    }
    let ip = headers.get("cf-connecting-ip")?.unwrap_or_default();
    // The limit comes first: a flooding sender costs one read of its counter, nothing more.
    let db = &bindings.db;
    let now = (Date::now().as_millis() / 1000) as i64;
    let key = match sender_key(&bindings.pages, &format!("appeal:{}", site.id), &ip).await {
        Ok(key) => key,
        Err(err) => return storage_failure(err),
    };
    match attempts_left(db, &key, SUBMISSIONS_PER_ADDRESS, now).await {
        Ok(None) => {}
        Ok(Some(_)) => return Response::error("Слишком много обращений с этого адреса. Попробуйте через час.", 429),
        Err(err) => return storage_failure(err),
    }
    let (pairs, files) = match read_body(&mut req).await {
        Ok(Some(read)) => read,
        Ok(None) => return Response::error("Обращение не отправлено: текст не длиннее 20 000 символов, файлы вместе не больше 10 МБ. Вернитесь назад и приложите файлы поменьше.", 413),
        Err(_) => return Response::error("Форма пришла повреждённой. Вернитесь назад и отправьте обращение ещё раз.", 400),
    };
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let (page_id, form_id) = (get("page"), get("form"));
    let Some(topics) = form_topics(&site.doc, &page_id, &form_id) else {
        return Response::error("Такой формы на сайте нет.", 404);
    };
    let named: Vec<(String, &[u8])> = files.iter().map(|(name, bytes)| (name.clone(), bytes.as_slice())).collect();
    let attachments = appeals::check_files(&named);
    let submission = match (appeals::read_form(&pairs, &topics), attachments) {
        (FormOutcome::Spam, _) => {
            return page(200, &site.doc, &options, |doc, options, out| {
                civic_renderer::render_appeal_status(doc, options, "", &StatusLookup::NotAsked, out)
            })
        }
        (FormOutcome::Accepted(submission), Ok(attachments)) => (submission, attachments),
        (outcome, attachments) => {
            let mut problems: Vec<(String, String)> = match outcome {
                FormOutcome::Refused(problems) => problems.iter().map(|(field, problem)| (field.to_string(), problem.message(Lang::Ru))).collect(),
                _ => Vec::new(),
            };
            if let Err(problem) = attachments {
                problems.push(("files".into(), problem.message(Lang::Ru)));
            }
            let state = AppealFormState { page: page_id.clone(), form: form_id, values: pairs.clone(), problems };
            let options = RenderOptions { appeal: Some(&state), ..options };
            let data = civic_shared::RenderData::default();
            let Some(ctx) = RenderContext::for_page(&site.doc, &page_id, &data, options) else {
                return Response::error("Такой формы на сайте нет.", 404);
            };
            let mut html = String::with_capacity(32 * 1024);
            civic_renderer::render_page(&ctx, &mut html);
            return html_page(422, &site.doc, &options, &html);
        }
    };
    let (submission, attachments) = submission;
    let code = secret_code();
    let received = today();
    let bucket = &bindings.docs;
    let stored = store(db, bucket, site.id, &received, &code, (&page_id, &form_id), &submission, attachments.iter().zip(files)).await;
    let number = match stored {
        Ok(number) => number,
        Err(err) => return storage_failure(err),
    };
    // Counted after it is stored: a failure above costs the visitor nothing. The site's
    // pages with appeal figures are rendered anew.
    let _ = record_failure(db, &key, SUBMISSIONS_PER_ADDRESS, now).await;
    let _ = crate::store::appeals::figures_changed(db, site.id).await;
    let register_by = appeals::add_days(&received, appeals::REGISTER_WITHIN_DAYS);
    let receipt = Receipt { number: &number, code: &code, received: &received, register_by: &register_by };
    page(201, &site.doc, &options, |doc, options, out| civic_renderer::render_appeal_receipt(doc, options, &receipt, out))
}

/// The form's fields and files (name, bytes): multipart from the form with its file field,
/// URL-encoded from older copies of the page. The body is streamed with a cap whether or not
/// it declares its length, and only a body within the cap is parsed. `None` when too large.
async fn read_body(req: &mut Request) -> Result<Option<(Vec<(String, String)>, Vec<(String, Vec<u8>)>)>> {
    let content_type = req.headers().get("content-type")?.unwrap_or_default();
    let multipart = content_type.starts_with("multipart/form-data");
    let body = match read_bounded(req, if multipart { MAX_BODY_BYTES } else { MAX_FORM_BYTES }).await {
        Ok(body) => body,
        Err(BodyRefused::TooLarge(_)) => return Ok(None),
        Err(BodyRefused::Damaged) => return Err(worker::Error::RustError("the body broke off".into())),
    };
    if !multipart {
        return Ok(Some((form_pairs(&String::from_utf8_lossy(&body)), Vec::new())));
    }
    // The runtime parses multipart: it is handed the bounded bytes, never the connection.
    let headers = Headers::new();
    headers.set("content-type", &content_type)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_headers(headers).with_body(Some(js_sys::Uint8Array::from(body.as_slice()).into()));
    let form = Request::new_with_init("https://body.invalid/", &init)?.form_data().await?;
    let pairs = FORM_FIELDS.iter().filter_map(|name| Some((name.to_string(), form.get_field(name)?))).collect();
    let mut files = Vec::new();
    for entry in form.get_all("files").unwrap_or_default() {
        if let FormEntry::File(file) = entry {
            files.push((file.name(), file.bytes().await?));
        }
    }
    Ok(Some((pairs, files)))
}

/// `GET <base>/_obrashcheniya/status?number=…&code=…`.
pub async fn status(req: &Request, bindings: &Bindings, site: SiteForAppeals, url: &Url, base_path: &str, origin: &str) -> Result<Response> {
    let settings = accessible::from_cookie_header(req.headers().get("cookie")?.as_deref());
    let options = RenderOptions { base_path, origin, accessible: settings, ..RenderOptions::default() };
    let query = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.trim().chars().take(40).collect::<String>());
    let (number, code) = (query("number").unwrap_or_default(), query("code").unwrap_or_default());
    if number.is_empty() || code.is_empty() {
        return page(200, &site.doc, &options, |doc, options, out| {
            civic_renderer::render_appeal_status(doc, options, &number, &StatusLookup::NotAsked, out)
        });
    }
    let db = &bindings.db;
    let ip = req.headers().get("cf-connecting-ip")?.unwrap_or_default();
    let now = (Date::now().as_millis() / 1000) as i64;
    let key = match sender_key(&bindings.pages, "appeal-status", &ip).await {
        Ok(key) => key,
        Err(err) => return storage_failure(err),
    };
    match attempts_left(db, &key, LOOKUPS_PER_ADDRESS, now).await {
        Ok(None) => {}
        Ok(Some(_)) => {
            return page(429, &site.doc, &options, |doc, options, out| {
                civic_renderer::render_appeal_status(doc, options, &number, &StatusLookup::TooManyAttempts, out)
            })
        }
        Err(err) => return storage_failure(err),
    }
    let found = match find(db, site.id, &number, &code.to_ascii_uppercase()).await {
        Ok(found) => found,
        Err(err) => return storage_failure(err),
    };
    match found {
        Some(appeal) => page(200, &site.doc, &options, |doc, options, out| {
            civic_renderer::render_appeal_status(doc, options, &number, &StatusLookup::Found(&appeal), out)
        }),
        None => {
            let _ = record_failure(db, &key, LOOKUPS_PER_ADDRESS, now).await;
            page(404, &site.doc, &options, |doc, options, out| {
                civic_renderer::render_appeal_status(doc, options, &number, &StatusLookup::NotFound, out)
            })
        }
    }
}

/// `GET <base>/_obrashcheniya/analiz.csv`: the figures of «Анализ обращений» as CSV.
pub async fn figures_csv(bindings: &Bindings, site_id: i64, slug: &str) -> Result<Response> {
    let stats = match crate::store::collections::appeal_stats(&bindings.db, site_id).await {
        Ok(stats) => stats,
        Err(err) => return storage_failure(err),
    };
    // A byte-order mark: spreadsheet programs then read the Cyrillic as UTF-8.
    let csv = format!("\u{FEFF}{}", appeals::stats_csv(&stats));
    let mut response = Response::from_bytes(csv.into_bytes())?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "text/csv; charset=utf-8")?;
    headers.set("Content-Disposition", &format!("attachment; filename=\"analiz-obrashcheniy-{slug}.csv\""))?;
    headers.set("Cache-Control", "no-cache")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}

/// The topics of the appeal form `form_id` on page `page_id`, if there is such a form.
fn form_topics(doc: &SiteDocument, page_id: &str, form_id: &str) -> Option<Vec<String>> {
    match find_block(&doc.pages.get(page_id)?.blocks, &|block| matches!(block, Block::AppealForm(f) if f.id == form_id))? {
        Block::AppealForm(form) => Some(form.topics.clone()),
        _ => None,
    }
}

/// Ten letters and digits, about 49 bits.
fn secret_code() -> String {
    random_bytes::<10>().iter().map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char).collect()
}

/// Stores the appeal under the next number of its site and year (D1 runs statements one at a
/// time, so two visitors never get the same number), with its files: each put in R2 first,
/// then the appeal and the files' rows in one batch. Files of an appeal that could not be
/// stored are removed again. Returns the number.
#[allow(clippy::too_many_arguments)]
async fn store(
    db: &worker::D1Database,
    bucket: &Bucket,
    site_id: i64,
    received: &str,
    code: &str,
    (page_id, form_id): (&str, &str),
    appeal: &appeals::Submission,
    files: impl Iterator<Item = (&appeals::Attachment, (String, Vec<u8>))>,
) -> std::result::Result<String, ApiError> {
    #[derive(Deserialize)]
    struct Stored {
        number: String,
    }
    let year: i64 = received[..4].parse().unwrap_or(1970);
    let code_hash = sha256_hex(code.as_bytes());
    let mut statements = vec![db
        .prepare(
            "INSERT INTO appeals (site_id, year, seq, number, code_hash, page_id, form_id, topic, text, name, contact, received, \
             consent_version, consent_at) \
             SELECT ?1, ?2, n, printf('%d-%05d', ?2, n), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') \
             FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM appeals WHERE site_id = ?1 AND year = ?2) \
             RETURNING number",
        )
        .bind(&[
            num(site_id),
            num(year),
            code_hash.as_str().into(),
            page_id.into(),
            form_id.into(),
            appeal.topic.as_str().into(),
            appeal.text.as_str().into(),
            appeal.name.as_str().into(),
            appeal.contact.as_str().into(),
            received.into(),
            appeal.consent_version.as_str().into(),
        ])
        ?];
    let folder = format!("appeals/{site_id}/{}", crate::security::hex(&random_bytes::<16>()));
    let mut keys = Vec::new();
    for (idx, (attachment, (_, bytes))) in (1..).zip(files) {
        let key = format!("{folder}/{idx}");
        let metadata = HttpMetadata { content_type: Some(attachment.kind.media_type().into()), ..HttpMetadata::default() };
        let put = bucket.put(&key, bytes).http_metadata(metadata).execute().await.map_err(ApiError::from);
        keys.push(key.clone());
        if let Err(err) = put {
            forget_files(bucket, &keys).await;
            return Err(err);
        }
        let kind = serde_json::to_value(attachment.kind)?;
        statements.push(
            db.prepare(
                "INSERT INTO appeal_files (appeal_id, idx, name, kind, size, r2_key) \
                 SELECT id, ?3, ?4, ?5, ?6, ?7 FROM appeals WHERE site_id = ?1 AND code_hash = ?2",
            )
            .bind(&[
                num(site_id),
                code_hash.as_str().into(),
                num(idx),
                attachment.name.as_str().into(),
                kind.as_str().unwrap_or_default().into(),
                num(attachment.size as i64),
                key.into(),
            ])?,
        );
    }
    let stored = match db.batch(statements).await {
        Ok(results) => results.first().map(|first| first.results::<Stored>()).transpose().map_err(ApiError::from),
        Err(err) => Err(storage(err)),
    };
    match stored.map(|rows| rows.and_then(|rows| rows.into_iter().next())) {
        Ok(Some(stored)) => Ok(stored.number),
        failed => {
            forget_files(bucket, &keys).await;
            Err(failed.err().unwrap_or_else(|| ApiError::Storage("appeal not stored".into())))
        }
    }
}

/// Removes the files of an appeal that was not stored (best effort: an orphan costs space only).
async fn forget_files(bucket: &Bucket, keys: &[String]) {
    for key in keys {
        let _ = bucket.delete(key).await;
    }
}

#[derive(Deserialize)]
struct Row {
    number: String,
    code_hash: String,
    topic: String,
    status: Status,
    received: String,
    registered: Option<String>,
    extension_days: Option<i64>,
    extension_reason: Option<String>,
    answer: Option<String>,
    answered_on: Option<String>,
}

/// The appeal with this number, if the code is its code.
async fn find(db: &worker::D1Database, site_id: i64, number: &str, code: &str) -> std::result::Result<Option<AppealStatus>, ApiError> {
    let row = db
        .prepare(
            "SELECT number, code_hash, topic, status, received, registered, extension_days, extension_reason, answer, answered_on \
             FROM appeals WHERE site_id = ?1 AND number = ?2",
        )
        .bind(&[num(site_id), number.into()])?
        .first::<Row>(None)
        .await?;
    let Some(row) = row.filter(|row| row.code_hash == sha256_hex(code.as_bytes())) else {
        return Ok(None);
    };
    let dates = Dates {
        received: row.received.clone(),
        registered: row.registered.clone(),
        extension: row.extension_days.map(|days| appeals::Extension { days, reason: row.extension_reason.clone().unwrap_or_default() }),
    };
    let due = match appeals::due(row.status, &dates) {
        appeals::Due::Answer { by } => Some(by),
        _ => None,
    };
    Ok(Some(AppealStatus {
        number: row.number,
        topic: row.topic,
        received: row.received,
        status: row.status.label(Lang::Ru).to_string(),
        due,
        extension_reason: row.extension_reason,
        answer: row.answer,
        answered_on: row.answered_on,
    }))
}

/// A page in the site's frame with the public pages' headers.
fn page(
    status: u16,
    doc: &SiteDocument,
    options: &RenderOptions,
    render: impl FnOnce(&SiteDocument, &RenderOptions, &mut String),
) -> Result<Response> {
    let mut html = String::with_capacity(16 * 1024);
    render(doc, options, &mut html);
    html_page(status, doc, options, &html)
}

fn storage_failure(err: ApiError) -> Result<Response> {
    unavailable("обращение не сохранено", err)
}
