//! The support desk in D1: requests, their steps and comments, the holidays deadlines skip.
//! The rules are [`civic_shared::support`]; here they meet the rows.

use civic_shared::support::{self, Category, Change, NewTicket, Status, Ticket};
use civic_shared::Lang;
use serde::Deserialize;
use worker::D1Database;

use crate::store::accounts::{audit_entry, audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::store::{num, rows, storage, today};

#[derive(Deserialize)]
struct Row {
    id: i64,
    site: String,
    site_name: String,
    category: Category,
    subject: String,
    text: String,
    status: Status,
    received: String,
    due: String,
    created_by: String,
}

const COLUMNS: &str = "t.id, s.slug AS site, s.name AS site_name, t.category, t.subject, t.text, t.status, t.received, t.due, t.created_by";

impl Row {
    fn ticket(self, today: &str, holidays: &[String]) -> Ticket {
        Ticket {
            standing: support::standing(self.status, &self.due, today, holidays),
            id: self.id,
            site: self.site,
            site_name: self.site_name,
            category: self.category,
            subject: self.subject,
            text: self.text,
            status: self.status,
            received: self.received,
            due: self.due,
            created_by: self.created_by,
            events: Vec::new(),
        }
    }
}

/// The configured public holidays, `YYYY-MM-DD`.
pub async fn holidays(db: &D1Database) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Day {
        day: String,
    }
    let days: Vec<Day> = rows(db, "SELECT day FROM holidays ORDER BY day", &[]).await?;
    Ok(days.into_iter().map(|d| d.day).collect())
}

/// The days off of `year`, with their names.
pub async fn holidays_of(db: &D1Database, year: i64) -> Result<Vec<support::Holiday>, ApiError> {
    rows(db, "SELECT day, name FROM holidays WHERE day LIKE ?1 ORDER BY day", &[format!("{year:04}-%").into()]).await
}

/// Replaces the days off of `year` (checked) in one batch with its audit entry.
pub async fn set_holidays(db: &D1Database, year: i64, days: &[support::Holiday], actor: &Actor<'_>) -> Result<Vec<support::Holiday>, ApiError> {
    let days = support::check_holidays(year, days).map_err(refused)?;
    let json = serde_json::to_string(&days)?;
    let delete = db.prepare("DELETE FROM holidays WHERE day LIKE ?1").bind(&[format!("{year:04}-%").into()])?;
    let insert = db
        .prepare("INSERT INTO holidays (day, name) SELECT value ->> 'day', value ->> 'name' FROM json_each(?1)")
        .bind(&[json.into()])?;
    let log = audit_entry_if_changed(db, actor, "holidays.set", None, &format!("{year}: {} days", days.len()))?;
    db.batch(vec![delete, insert, log]).await?;
    holidays_of(db, year).await
}

/// Requests of one site (`Some`) or of every site, open ones first, newest first.
pub async fn list(db: &D1Database, site_id: Option<i64>) -> Result<Vec<Ticket>, ApiError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM support_tickets t JOIN sites s ON s.id = t.site_id WHERE (?1 IS NULL OR t.site_id = ?1) \
         ORDER BY t.status = 'resolved', t.id DESC LIMIT 500"
    );
    let site = site_id.map_or(wasm_bindgen::JsValue::NULL, num);
    let found: Vec<Row> = rows(db, &sql, &[site]).await?;
    let (today, holidays) = (today(), holidays(db).await?);
    Ok(found.into_iter().map(|row| row.ticket(&today, &holidays)).collect())
}

/// One request of a site with its steps and comments.
pub async fn detail(db: &D1Database, site_id: i64, id: i64) -> Result<Ticket, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM support_tickets t JOIN sites s ON s.id = t.site_id WHERE t.site_id = ?1 AND t.id = ?2");
    let row = rows::<Row>(db, &sql, &[num(site_id), num(id)]).await?.into_iter().next().ok_or(ApiError::NotFound)?;
    let (today, holidays) = (today(), holidays(db).await?);
    let mut ticket = row.ticket(&today, &holidays);
    ticket.events = rows(db, "SELECT kind, text, author, at FROM support_events WHERE ticket_id = ?1 ORDER BY id", &[num(id)]).await?;
    Ok(ticket)
}

fn refused(refused: support::Refused) -> ApiError {
    ApiError::BadRequest { path: refused.field().into(), reason: refused.message(Lang::Ru) }
}

/// Registers a request from an editor of the site; its deadline counts from today.
pub async fn create(db: &D1Database, site_id: i64, new: &NewTicket, actor: &Actor<'_>) -> Result<Ticket, ApiError> {
    new.check().map_err(refused)?;
    let today = today();
    let due = support::due_date(&today, new.category.working_days(), &holidays(db).await?);
    let category = serde_json::to_value(new.category)?;
    let insert = db
        .prepare("INSERT INTO support_tickets (site_id, category, subject, text, received, due, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")
        .bind(&[num(site_id), category.as_str().unwrap_or_default().into(), new.subject.trim().into(), new.text.trim().into(), today.as_str().into(), due.as_str().into(), actor.login.into()])?;
    let log = audit_entry(db, actor, "support.create", Some(site_id), new.subject.trim())?;
    let results = db.batch(vec![insert, log]).await?;
    #[derive(Deserialize)]
    struct Id {
        id: i64,
    }
    let id = results.first().and_then(|r| r.results::<Id>().ok()).and_then(|ids| ids.into_iter().next()).ok_or_else(|| storage("no id returned"))?;
    detail(db, site_id, id.id).await
}

/// Applies a step or comment to a request of the site; `admin`: the caller handles requests.
/// The row changes only if it is still as it was read, so two people never overwrite each other.
pub async fn change(db: &D1Database, site_id: i64, id: i64, change: &Change, admin: bool, actor: &Actor<'_>) -> Result<Ticket, ApiError> {
    let current = detail(db, site_id, id).await?;
    let (status, due) = support::apply(current.status, &current.due, change, admin).map_err(refused)?;
    let (kind, text) = match change {
        Change::Take => ("take", String::new()),
        Change::Resolve { comment } => ("resolve", comment.trim().to_string()),
        Change::Reopen { comment } => ("reopen", comment.trim().to_string()),
        Change::Extend { due, agreement } => ("extend", format!("{due}: {}", agreement.trim())),
        Change::Comment { comment } => ("comment", comment.trim().to_string()),
    };
    let to_str = |value: Status| serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let update = db
        .prepare("UPDATE support_tickets SET status = ?1, due = ?2 WHERE id = ?3 AND site_id = ?4 AND status = ?5 AND due = ?6")
        .bind(&[to_str(status).into(), due.as_str().into(), num(id), num(site_id), to_str(current.status).into(), current.due.as_str().into()])?;
    let event = db
        .prepare("INSERT INTO support_events (ticket_id, kind, text, author) SELECT ?1, ?2, ?3, ?4 WHERE changes() = 1")
        .bind(&[num(id), kind.into(), text.as_str().into(), actor.login.into()])?;
    let log = audit_entry_if_changed(db, actor, "support.change", Some(site_id), &format!("№ {id} {kind}"))?;
    let results = db.batch(vec![update, event, log]).await?;
    if results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) != 1 {
        return Err(ApiError::StaleItem { current_revision: 0 });
    }
    detail(db, site_id, id).await
}

/// Open requests past their deadline, per site id: for the operator's overview.
pub async fn overdue(db: &D1Database) -> Result<Vec<(i64, Ticket)>, ApiError> {
    #[derive(Deserialize)]
    struct SiteRow {
        site_id: i64,
        #[serde(flatten)]
        row: Row,
    }
    let today = today();
    let sql = format!("SELECT t.site_id, {COLUMNS} FROM support_tickets t JOIN sites s ON s.id = t.site_id WHERE t.status != 'resolved' AND t.due < ?1 ORDER BY t.due");
    let found: Vec<SiteRow> = rows(db, &sql, &[today.as_str().into()]).await?;
    let holidays = holidays(db).await?;
    Ok(found.into_iter().map(|r| (r.site_id, r.row.ticket(&today, &holidays))).collect())
}
