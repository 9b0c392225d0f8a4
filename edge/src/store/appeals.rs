//! The staff's side of appeals: a site's inbox with each appeal's deadline and standing, the
//! actions of officials (register, assign, extend, answer, close) checked by
//! `civic_shared::appeals::apply` and written only if nobody changed the appeal meanwhile, and
//! the overdue appeals of every site for the operator, a site's appeals as figures, and an
//! administrator's journaled support access to one appeal.

use civic_shared::appeals::inbox::{AppealFigures, AppealFile, Consent, FigureRow, InboxAppeal, OverdueAppeal};
use civic_shared::appeals::{self, Action, Dates, Due, FileKind, Publication, Standing, Status};
use civic_shared::collections::PublishedAnswer;
use civic_shared::Lang;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::D1Database;

use crate::store::accounts::{audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::store::{num, today};

/// A file attached to an appeal, with the appeal it belongs to.
#[derive(Deserialize)]
struct FileRow {
    number: String,
    idx: i64,
    name: String,
    size: i64,
}

#[derive(Deserialize)]
struct Row {
    number: String,
    topic: String,
    text: String,
    name: String,
    contact: String,
    status: Status,
    received: String,
    registered: Option<String>,
    extension_days: Option<i64>,
    extension_reason: Option<String>,
    assignee: String,
    answer: Option<String>,
    answered_on: Option<String>,
    published_question: Option<String>,
    published_answer: Option<String>,
    consent_version: Option<String>,
    consent_at: Option<String>,
}

impl Row {
    fn dates(&self) -> Dates {
        Dates {
            received: self.received.clone(),
            registered: self.registered.clone(),
            extension: self.extension_days.map(|days| appeals::Extension { days, reason: self.extension_reason.clone().unwrap_or_default() }),
        }
    }

    fn into_inbox(self, today: &str) -> InboxAppeal {
        let dates = self.dates();
        InboxAppeal {
            due: appeals::due(self.status, &dates),
            standing: appeals::standing(self.status, &dates, today),
            number: self.number,
            topic: self.topic,
            text: self.text,
            name: self.name,
            contact: self.contact,
            status: self.status,
            received: self.received,
            registered: self.registered,
            extension_days: self.extension_days,
            extension_reason: self.extension_reason,
            assignee: self.assignee,
            answer: self.answer,
            answered_on: self.answered_on,
            published_question: self.published_question,
            published_answer: self.published_answer,
            files: Vec::new(),
            consent: self.consent_version.zip(self.consent_at).map(|(version, given_at)| Consent { version, given_at }),
        }
    }
}

const COLUMNS: &str = "number, topic, text, name, contact, status, received, registered, extension_days, extension_reason, assignee, answer, \
                       answered_on, published_question, published_answer, consent_version, consent_at";

/// The site's appeals, newest first: open ones only, or all (the latest 500).
pub async fn inbox(db: &D1Database, site_id: i64, open_only: bool) -> Result<Vec<InboxAppeal>, ApiError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM appeals WHERE site_id = ?1 AND (?2 = 0 OR status IN ('received', 'registered')) \
         ORDER BY year DESC, seq DESC LIMIT 500"
    );
    let rows: Vec<Row> = crate::store::rows(db, &sql, &[num(site_id), num(i64::from(open_only))]).await?;
    let today = today();
    let mut appeals: Vec<InboxAppeal> = rows.into_iter().map(|row| row.into_inbox(&today)).collect();
    let sql = "SELECT a.number, f.idx, f.name, f.size FROM appeal_files f JOIN appeals a ON a.id = f.appeal_id \
               WHERE a.site_id = ?1 AND (?2 = 0 OR a.status IN ('received', 'registered')) ORDER BY f.appeal_id, f.idx";
    let files: Vec<FileRow> = crate::store::rows(db, sql, &[num(site_id), num(i64::from(open_only))]).await?;
    for file in files {
        if let Some(appeal) = appeals.iter_mut().find(|appeal| appeal.number == file.number) {
            appeal.files.push(AppealFile { idx: file.idx, name: file.name, size: file.size });
        }
    }
    Ok(appeals)
}

/// One appeal of the site with its files, if there is one by this number.
pub async fn one(db: &D1Database, site_id: i64, number: &str) -> Result<Option<InboxAppeal>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM appeals WHERE site_id = ?1 AND number = ?2");
    let Some(row) = db.prepare(&sql).bind(&[num(site_id), number.into()])?.first::<Row>(None).await? else {
        return Ok(None);
    };
    let mut appeal = row.into_inbox(&today());
    let sql = "SELECT a.number, f.idx, f.name, f.size FROM appeal_files f JOIN appeals a ON a.id = f.appeal_id \
               WHERE a.site_id = ?1 AND a.number = ?2 ORDER BY f.idx";
    let files: Vec<FileRow> = crate::store::rows(db, sql, &[num(site_id), number.into()]).await?;
    appeal.files = files.into_iter().map(|file| AppealFile { idx: file.idx, name: file.name, size: file.size }).collect();
    Ok(Some(appeal))
}

/// The site's appeals as figures: counts and the overdue ones' numbers, read without a text,
/// a name or a contact.
pub async fn figures(db: &D1Database, site_id: i64) -> Result<AppealFigures, ApiError> {
    #[derive(Deserialize)]
    struct Counted {
        number: String,
        topic: String,
        status: Status,
        received: String,
        registered: Option<String>,
        extension_days: Option<i64>,
    }
    let sql = "SELECT number, topic, status, received, registered, extension_days FROM appeals WHERE site_id = ?1";
    let rows: Vec<Counted> = crate::store::rows(db, sql, &[num(site_id)]).await?;
    let rows: Vec<FigureRow> = rows
        .into_iter()
        .map(|row| FigureRow {
            number: row.number,
            topic: row.topic,
            status: row.status,
            dates: Dates {
                received: row.received,
                registered: row.registered,
                extension: row.extension_days.map(|days| appeals::Extension { days, reason: String::new() }),
            },
        })
        .collect();
    Ok(civic_shared::appeals::inbox::figures(&rows, &today()))
}

/// Until when (Unix seconds) `user_id` may read the appeal `number` of the site for support.
pub async fn support_access_until(db: &D1Database, user_id: i64, site_id: i64, number: &str, now: i64) -> Result<Option<i64>, ApiError> {
    #[derive(Deserialize)]
    struct Until {
        expires_at: Option<i64>,
    }
    let sql = "SELECT MAX(g.expires_at) AS expires_at FROM appeal_support_access g JOIN appeals a ON a.id = g.appeal_id \
               WHERE g.user_id = ?1 AND a.site_id = ?2 AND a.number = ?3 AND g.expires_at > ?4";
    let found = db.prepare(sql).bind(&[num(user_id), num(site_id), number.into(), num(now)])?.first::<Until>(None).await?;
    Ok(found.and_then(|until| until.expires_at))
}

/// Opens the appeal `number` to the acting administrator until `expires_at`, with the reason in
/// the journal, in one batch; `NotFound` when the site has no such appeal (nothing is written).
pub async fn open_for_support(db: &D1Database, site_id: i64, number: &str, reason: &str, actor: &Actor<'_>, now: i64, expires_at: i64) -> Result<(), ApiError> {
    let grant = db
        .prepare(
            "INSERT INTO appeal_support_access (user_id, appeal_id, reason, granted_at, expires_at) \
             SELECT ?1, id, ?2, ?3, ?4 FROM appeals WHERE site_id = ?5 AND number = ?6",
        )
        .bind(&[actor.user_id.map_or(JsValue::NULL, num), reason.into(), num(now), num(expires_at), num(site_id), number.into()])?;
    let log = audit_entry_if_changed(db, actor, "appeal.support_access", Some(site_id), &format!("{number}: {reason}"))?;
    let results = db.batch(vec![grant, log]).await?;
    if results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) != 1 {
        return Err(ApiError::NotFound);
    }
    Ok(())
}

/// Where an attached file is kept and how it is served: (R2 key, name, kind).
pub async fn file(db: &D1Database, site_id: i64, number: &str, idx: i64) -> Result<Option<(String, String, FileKind)>, ApiError> {
    #[derive(Deserialize)]
    struct Found {
        r2_key: String,
        name: String,
        kind: FileKind,
    }
    let sql = "SELECT f.r2_key, f.name, f.kind FROM appeal_files f JOIN appeals a ON a.id = f.appeal_id \
               WHERE a.site_id = ?1 AND a.number = ?2 AND f.idx = ?3";
    let found: Vec<Found> = crate::store::rows(db, sql, &[num(site_id), number.into(), num(idx)]).await?;
    Ok(found.into_iter().next().map(|f| (f.r2_key, f.name, f.kind)))
}

/// Publishes the answer to an answered appeal (checked to carry no personal data), or takes
/// it down (`None`); journalled, and the site's pages with published answers are rendered anew.
pub async fn publish(db: &D1Database, site_id: i64, number: &str, publication: Option<&Publication>, actor: &Actor<'_>) -> Result<(), ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM appeals WHERE site_id = ?1 AND number = ?2");
    let rows: Vec<Row> = crate::store::rows(db, &sql, &[num(site_id), number.into()]).await?;
    let row = rows.into_iter().next().ok_or(ApiError::NotFound)?;
    let checked = publication
        .map(|publication| appeals::check_publication(row.status, publication, &row.name, &row.contact))
        .transpose()
        .map_err(|refused| ApiError::BadRequest { path: "publication".into(), reason: refused.message(Lang::Ru) })?;
    let (question, answer) = checked.map_or((JsValue::NULL, JsValue::NULL), |p| (p.question.into(), p.answer.into()));
    let update = db
        .prepare("UPDATE appeals SET published_question = ?1, published_answer = ?2 WHERE site_id = ?3 AND number = ?4 AND status = 'answered'")
        .bind(&[question, answer, num(site_id), number.into()])?;
    let what = if publication.is_some() { "publish" } else { "unpublish" };
    let log = audit_entry_if_changed(db, actor, "appeal.change", Some(site_id), &format!("{number} {what}"))?;
    let bump = db.prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1 AND changes() = 1").bind(&[num(site_id)])?;
    db.batch(vec![update, bump, log]).await?;
    Ok(())
}

/// The answers a site published, newest first (the latest 50).
pub async fn published(db: &D1Database, site_id: i64) -> Result<Vec<PublishedAnswer>, ApiError> {
    let sql = "SELECT number, topic, published_question AS question, published_answer AS answer, answered_on FROM appeals \
               WHERE site_id = ?1 AND published_answer IS NOT NULL ORDER BY answered_on DESC, seq DESC LIMIT 50";
    crate::store::rows(db, sql, &[num(site_id)]).await
}

/// Applies an official's action to the appeal `number`; the appeal as it is now.
pub async fn act(db: &D1Database, site_id: i64, number: &str, action: &Action, actor: &Actor<'_>) -> Result<InboxAppeal, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM appeals WHERE site_id = ?1 AND number = ?2");
    let row = db
        .prepare(&sql)
        .bind(&[num(site_id), number.into()])?
        .first::<Row>(None)
        .await?
        .ok_or(ApiError::NotFound)?;
    let today = today();
    let change = appeals::apply(row.status, &row.dates(), action, &today).map_err(|refused| ApiError::BadRequest {
        path: "action".into(),
        reason: refused.message(Lang::Ru),
    })?;
    let status = serde_json::to_value(change.status)?;
    let opt = |value: Option<&str>| value.map_or(JsValue::NULL, JsValue::from);
    let extension = change.dates.extension.as_ref();
    // Written only if the appeal is still as it was read: two officials never overwrite each other.
    let update = db
        .prepare(
            "UPDATE appeals SET status = ?1, registered = ?2, extension_days = ?3, extension_reason = ?4, \
             assignee = COALESCE(?5, assignee), answer = COALESCE(?6, answer), answered_on = COALESCE(?7, answered_on) \
             WHERE site_id = ?8 AND number = ?9 AND status = ?10 AND registered IS ?11 AND extension_days IS ?12",
        )
        .bind(&[
            status.as_str().unwrap_or_default().into(),
            opt(change.dates.registered.as_deref()),
            extension.map_or(JsValue::NULL, |e| num(e.days)),
            opt(extension.map(|e| e.reason.as_str())),
            opt(change.assignee.as_deref()),
            opt(change.answer.as_deref()),
            opt(change.answered_on.as_deref()),
            num(site_id),
            number.into(),
            serde_json::to_value(row.status)?.as_str().unwrap_or_default().into(),
            opt(row.registered.as_deref()),
            row.extension_days.map_or(JsValue::NULL, num),
        ])?;
    let what = match action {
        Action::Register => "register",
        Action::Assign { .. } => "assign",
        Action::Extend { .. } => "extend",
        Action::Answer { .. } => "answer",
        Action::Close { .. } => "close",
    };
    let log = audit_entry_if_changed(db, actor, "appeal.change", Some(site_id), &format!("{number} {what}"))?;
    let bump = db.prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1 AND changes() = 1").bind(&[num(site_id)])?;
    let mut statements = vec![update, bump, log];
    if matches!(action, Action::Answer { .. }) {
        statements.extend(crate::store::training::record_after(db, actor, site_id, &[civic_shared::training::Step::AnswerAppeal])?);
    }
    let results = db.batch(statements).await?;
    if results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) != 1 {
        return Err(ApiError::StaleItem { current_revision: 0 });
    }
    let row = db
        .prepare(&sql)
        .bind(&[num(site_id), number.into()])?
        .first::<Row>(None)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(row.into_inbox(&today))
}

/// A new appeal changes the site's figures: its cached pages with them are rendered anew.
pub async fn figures_changed(db: &D1Database, site_id: i64) -> Result<(), ApiError> {
    db.prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1").bind(&[num(site_id)])?.run().await?;
    Ok(())
}

/// One site's open appeals against their deadlines.
#[derive(Debug, Default)]
pub struct SiteDeadlines {
    pub site_id: i64,
    /// Most overdue first.
    pub overdue: Vec<OverdueAppeal>,
    pub due_soon: usize,
}

/// Overdue and due-soon open appeals of every site, for the operator's overview.
pub async fn deadlines(db: &D1Database) -> Result<Vec<SiteDeadlines>, ApiError> {
    #[derive(Deserialize)]
    struct Open {
        site_id: i64,
        number: String,
        topic: String,
        status: Status,
        received: String,
        registered: Option<String>,
        extension_days: Option<i64>,
    }
    let sql = "SELECT site_id, number, topic, status, received, registered, extension_days FROM appeals \
               WHERE status IN ('received', 'registered') ORDER BY site_id";
    let rows: Vec<Open> = crate::store::rows(db, sql, &[]).await?;
    let today = today();
    let mut sites: Vec<SiteDeadlines> = Vec::new();
    for row in rows {
        let dates = Dates {
            received: row.received,
            registered: row.registered,
            extension: row.extension_days.map(|days| appeals::Extension { days, reason: String::new() }),
        };
        if sites.last().is_none_or(|site| site.site_id != row.site_id) {
            sites.push(SiteDeadlines { site_id: row.site_id, ..SiteDeadlines::default() });
        }
        let Some(site) = sites.last_mut() else { continue };
        match appeals::standing(row.status, &dates, &today) {
            Standing::Overdue { days_over } => {
                let due = match appeals::due(row.status, &dates) {
                    Due::Registration { by } | Due::Answer { by } => by,
                    Due::Nothing => String::new(),
                };
                site.overdue.push(OverdueAppeal { number: row.number, topic: row.topic, status: row.status, due, days_over });
            }
            Standing::DueSoon { .. } => site.due_soon += 1,
            _ => {}
        }
    }
    for site in &mut sites {
        site.overdue.sort_by_key(|appeal| std::cmp::Reverse(appeal.days_over));
    }
    Ok(sites)
}
