//! The compliance checker on the server: a draft's report, the summary kept per site for the
//! operator's dashboard (beside each site's overdue appeals) (recomputed when the draft or its collections changed), and the
//! administrator's switch that makes gaps block publishing.

use civic_shared::compliance::{self, Report, Summary};
use civic_shared::{Lang, SiteDocument};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database};

use crate::store::accounts::{audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::store::collections;
use crate::store::{num, sites, today};
use crate::store::sites::SiteRow;

/// The report of the site's current draft with its current collections.
pub async fn draft_report(db: &D1Database, bucket: &Bucket, site_id: i64, draft_key: &str) -> Result<Report, ApiError> {
    let json = sites::read_document(bucket, draft_key).await?.ok_or_else(|| ApiError::Storage(format!("missing {draft_key}")))?;
    let document = SiteDocument::from_json(&json).map_err(|err| ApiError::Storage(err.reason))?;
    let data = collections::render_data(db, bucket, site_id).await?;
    Ok(compliance::check(&document, &data, &today()))
}

/// Refuses to publish a draft with gaps when an administrator has made gaps blocking; each gap
/// is named with what is missing.
pub async fn guard_publish(db: &D1Database, bucket: &Bucket, site: &SiteRow) -> Result<(), ApiError> {
    if site.compliance_blocking == 0 {
        return Ok(());
    }
    let report = draft_report(db, bucket, site.id, &site.draft_key).await?;
    let gaps: Vec<(String, String, String)> = report
        .gaps()
        .map(|finding| {
            let gap = |lang| finding.gap.as_ref().map(|gap| gap.message(lang)).unwrap_or_default();
            (finding.id.clone(), format!("{}: {}", finding.title, gap(Lang::Ru)), format!("{}: {}", finding.title, gap(Lang::En)))
        })
        .collect();
    if gaps.is_empty() {
        Ok(())
    } else {
        Err(ApiError::NotCompliant(gaps))
    }
}

/// An administrator's switch: gaps block publishing of this site, or only warn.
pub async fn set_blocking(db: &D1Database, site_id: i64, blocking: bool, actor: &Actor<'_>) -> Result<(), ApiError> {
    let update = db
        .prepare("UPDATE sites SET compliance_blocking = ?1 WHERE id = ?2")
        .bind(&[num(i64::from(blocking)), num(site_id)])?;
    let what = if blocking { "blocking" } else { "warning" };
    let log = audit_entry_if_changed(db, actor, "site.compliance", Some(site_id), what)?;
    db.batch(vec![update, log]).await?;
    Ok(())
}

/// A site on the operator's dashboard.
#[derive(Debug, Serialize)]
pub struct DashboardSite {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub published_revision: Option<i64>,
    pub blocking: bool,
    pub compliance: StoredSummary,
    /// Open appeals past their deadline, and due within days.
    pub overdue_appeals: usize,
    pub due_soon_appeals: usize,
    /// The overdue appeals themselves, most overdue first.
    pub overdue: Vec<civic_shared::appeals::inbox::OverdueAppeal>,
    /// Support requests from the site past their deadline, most overdue first.
    pub overdue_tickets: Vec<civic_shared::support::Ticket>,
    /// The organisation's editors, and those of them who finished the course.
    pub editors: u32,
    pub trained: u32,
}

/// [`Summary`] as stored (the rule set's date is a string of the stored JSON).
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredSummary {
    pub score: u8,
    pub present: usize,
    pub incomplete: usize,
    pub missing: usize,
    pub in_force_from: String,
}

impl From<Summary> for StoredSummary {
    fn from(s: Summary) -> Self {
        StoredSummary { score: s.score, present: s.present, incomplete: s.incomplete, missing: s.missing, in_force_from: s.in_force_from.into() }
    }
}

#[derive(Deserialize)]
struct Row {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    draft_key: String,
    published_revision: Option<i64>,
    compliance: Option<String>,
    compliance_of: Option<String>,
    current: String,
    compliance_blocking: i64,
}

/// Every site with its compliance summary; a summary older than its draft or collections is
/// computed again and kept.
pub async fn dashboard(db: &D1Database, bucket: &Bucket) -> Result<Vec<DashboardSite>, ApiError> {
    let rows = db
        .prepare(
            "SELECT id, slug, name, kind, draft_key, published_revision, compliance, compliance_of, compliance_blocking, \
             draft_version || ':' || data_version AS current FROM sites ORDER BY name, slug",
        )
        .all()
        .await?
        .results::<Row>()?;
    let mut deadlines = crate::store::appeals::deadlines(db).await?;
    let tickets = crate::store::support::overdue(db).await?;
    let staff = crate::store::training::staff_per_site(db).await?;
    let mut sites = Vec::with_capacity(rows.len());
    for row in rows {
        let own = deadlines.iter().position(|site| site.site_id == row.id).map(|i| deadlines.swap_remove(i)).unwrap_or_default();
        let stored = row
            .compliance
            .as_deref()
            .filter(|_| row.compliance_of.as_deref() == Some(row.current.as_str()))
            .and_then(|json| serde_json::from_str::<StoredSummary>(json).ok());
        let compliance = match stored {
            Some(summary) => summary,
            None => {
                let summary = StoredSummary::from(draft_report(db, bucket, row.id, &row.draft_key).await?.summary());
                remember(db, row.id, &summary, &row.current).await?;
                summary
            }
        };
        let own_staff = staff.get(&row.id).copied().unwrap_or_default();
        sites.push(DashboardSite {
            editors: own_staff.editors,
            trained: own_staff.trained,
            slug: row.slug,
            name: row.name,
            kind: row.kind,
            published_revision: row.published_revision,
            blocking: row.compliance_blocking != 0,
            compliance,
            overdue_appeals: own.overdue.len(),
            due_soon_appeals: own.due_soon,
            overdue: own.overdue,
            overdue_tickets: tickets.iter().filter(|(site, _)| *site == row.id).map(|(_, ticket)| ticket.clone()).collect(),
        });
    }
    Ok(sites)
}

async fn remember(db: &D1Database, site_id: i64, summary: &StoredSummary, of: &str) -> Result<(), ApiError> {
    let json = serde_json::to_string(summary)?;
    db.prepare("UPDATE sites SET compliance = ?1, compliance_of = ?2 WHERE id = ?3")
        .bind(&[json.into(), JsValue::from(of), num(site_id)])?
        .run()
        .await?;
    Ok(())
}
