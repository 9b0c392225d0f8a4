//! The move of every site onto the platform, in D1: statuses changed through
//! `civic_shared::migration::change` (one step, the checklist before «checked», the operator's
//! act), each step kept with who made it, the decrees' targets, and the papers: the printable
//! act, the progress chart and the CSV of the overview.

use civic_shared::migration::{self, Checklist, Counted, Measure, MoveStep, Mover, Progress, SiteMove, SiteMoveDetail, Status, Target};
use civic_shared::{Lang, OrgKind};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database};

use crate::store::accounts::{audit_entry, audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::store::{num, rows, today};

/// A site's move as the worker reads it: what the overview is sent, and the keys only the
/// worker needs (the site's id, its draft, whether it was published).
pub struct MovingSite {
    pub id: i64,
    draft_key: String,
    published_revision: Option<i64>,
    pub shown: SiteMove,
}

#[derive(Deserialize)]
struct SiteRow {
    id: i64,
    slug: String,
    name: String,
    kind: OrgKind,
    status: Status,
    responsible: String,
    moved_by: String,
    changed_at: Option<String>,
    checked_on: Option<String>,
    act_signed_by: Option<String>,
    act_signed_on: Option<String>,
    draft_key: String,
    published_revision: Option<i64>,
    /// The compliance summary kept for the dashboard, if computed.
    compliance: Option<String>,
}

const SITE_SQL: &str = "SELECT s.id, s.slug, s.name, s.kind, s.draft_key, s.published_revision, s.compliance, \
     COALESCE(m.status, 'new') AS status, COALESCE(m.responsible, '') AS responsible, COALESCE(m.moved_by, '') AS moved_by, \
     m.changed_at, m.checked_on, m.act_signed_by, m.act_signed_on \
     FROM sites s LEFT JOIN site_migration m ON m.site_id = s.id";

impl SiteRow {
    /// The site with its organisation's `editors` and the `trained` among them.
    fn into_site(self, editors: u32, trained: u32) -> MovingSite {
        let compliance_score = self
            .compliance
            .as_deref()
            .and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok())
            .and_then(|summary| summary.get("score")?.as_u64())
            .map(|score| score.min(100) as u8);
        MovingSite {
            id: self.id,
            draft_key: self.draft_key,
            published_revision: self.published_revision,
            shown: SiteMove {
                slug: self.slug,
                name: self.name,
                kind: self.kind,
                status: self.status,
                responsible: self.responsible,
                moved_by: self.moved_by,
                changed_at: self.changed_at,
                checked_on: self.checked_on,
                act_signed_by: self.act_signed_by,
                act_signed_on: self.act_signed_on,
                compliance_score,
                editors,
                trained,
            },
        }
    }
}

/// Every site with its status and trained employees, by name.
pub async fn sites(db: &D1Database) -> Result<Vec<MovingSite>, ApiError> {
    let list: Vec<SiteRow> = rows(db, &format!("{SITE_SQL} ORDER BY s.name, s.slug"), &[]).await?;
    let staff = crate::store::training::staff_per_site(db).await?;
    Ok(list
        .into_iter()
        .map(|site| {
            let own = staff.get(&site.id).copied().unwrap_or_default();
            site.into_site(own.editors, own.trained)
        })
        .collect())
}

async fn site(db: &D1Database, site_id: i64) -> Result<MovingSite, ApiError> {
    let found: Vec<SiteRow> = rows(db, &format!("{SITE_SQL} WHERE s.id = ?1"), &[num(site_id)]).await?;
    found.into_iter().next().map(|site| site.into_site(0, 0)).ok_or(ApiError::SiteNotFound)
}

/// The checklist of a site: its draft's compliance, whether it was published, its pages and
/// the items of each collection.
pub async fn checklist(db: &D1Database, bucket: &Bucket, site_id: i64) -> Result<Checklist, ApiError> {
    #[derive(Deserialize)]
    struct Count {
        collection: String,
        n: usize,
    }
    let found = site(db, site_id).await?;
    let report = crate::store::compliance::draft_report(db, bucket, site_id, &found.draft_key).await?;
    let summary = report.summary();
    let json = crate::store::sites::read_document(bucket, &found.draft_key).await?.unwrap_or_default();
    let pages = civic_shared::SiteDocument::from_json(&json).map(|doc| doc.pages.len()).unwrap_or(0);
    let counts: Vec<Count> = rows(db, "SELECT collection, count(*) AS n FROM collection_items WHERE site_id = ?1 GROUP BY collection", &[num(site_id)]).await?;
    let items = civic_shared::collection_items::Collection::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), counts.iter().find(|n| n.collection == c.as_str()).map_or(0, |n| n.n)))
        .collect();
    Ok(Checklist {
        compliance_score: summary.score,
        compliance_missing: summary.missing,
        published: found.published_revision.is_some(),
        pages,
        items,
        responsible: found.shown.responsible,
    })
}

/// A site's move: where it stands, its checklist with what is missing, and its steps.
pub async fn detail(db: &D1Database, bucket: &Bucket, site_id: i64) -> Result<SiteMoveDetail, ApiError> {
    let found = site(db, site_id).await?;
    let checklist = checklist(db, bucket, site_id).await?;
    let events: Vec<MoveStep> = rows(db, "SELECT from_status, to_status, login, reason, at FROM migration_events WHERE site_id = ?1 ORDER BY id DESC LIMIT 100", &[num(site_id)]).await?;
    Ok(SiteMoveDetail { site: found.shown, missing: checklist.missing(), checklist, events })
}

/// Moves a site's status one step (the administrator), or signs its act (the operator, `to`
/// = act signed, which makes it official). Written only if the status is still the one read.
pub async fn change(db: &D1Database, bucket: &Bucket, site_id: i64, to: Status, reason: &str, mover: Mover, actor: &Actor<'_>) -> Result<SiteMove, ApiError> {
    let from = site(db, site_id).await?.shown.status;
    let checklist = checklist(db, bucket, site_id).await?;
    let steps = migration::change(from, to, mover, &checklist, reason).map_err(|refused| match refused {
        migration::Refused::NotYours => ApiError::Denied(crate::authz::Denied::Forbidden),
        refused => ApiError::BadRequest { path: "status".into(), reason: refused.message(Lang::Ru) },
    })?;
    let last = *steps.last().unwrap_or(&to);
    let today = today();
    let signing = steps.contains(&Status::ActSigned) && last == Status::Official;
    let upsert = db
        .prepare(
            "INSERT INTO site_migration (site_id, status, moved_by, changed_at, checked_on, act_signed_by, act_signed_on) \
             VALUES (?1, ?2, ?3, datetime('now'), ?4, CASE WHEN ?7 THEN COALESCE((SELECT name FROM users WHERE id = ?9), ?5) END, ?6) \
             ON CONFLICT (site_id) DO UPDATE SET status = excluded.status, changed_at = excluded.changed_at, \
             moved_by = CASE WHEN ?7 THEN moved_by ELSE excluded.moved_by END, \
             checked_on = COALESCE(excluded.checked_on, checked_on), \
             act_signed_by = CASE WHEN ?7 THEN excluded.act_signed_by WHEN excluded.status IN ('new', 'migrating', 'checked') THEN NULL ELSE act_signed_by END, \
             act_signed_on = CASE WHEN ?7 THEN excluded.act_signed_on WHEN excluded.status IN ('new', 'migrating', 'checked') THEN NULL ELSE act_signed_on END \
             WHERE site_migration.status = ?8",
        )
        .bind(&[
            num(site_id),
            last.as_str().into(),
            actor.login.into(),
            if last == Status::Checked { today.as_str().into() } else { JsValue::NULL },
            actor.login.into(),
            if signing { today.as_str().into() } else { JsValue::NULL },
            JsValue::from(signing),
            from.as_str().into(),
            actor.user_id.map_or(JsValue::NULL, num),
        ])?;
    // A site with no row yet is `new`: the insert above is then unconditional, which is right.
    // Each step is kept only if the one before it was written.
    let mut statements = vec![upsert];
    let mut previous = from;
    for step in &steps {
        statements.push(
            db.prepare("INSERT INTO migration_events (site_id, from_status, to_status, login, reason) SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() = 1")
                .bind(&[num(site_id), previous.as_str().into(), step.as_str().into(), actor.login.into(), reason.trim().into()])?,
        );
        previous = *step;
    }
    statements.push(audit_entry_if_changed(db, actor, "migration.change", Some(site_id), &format!("{} → {}", from.as_str(), last.as_str()))?);
    let results = db.batch(statements).await?;
    if results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) != 1 {
        return Err(ApiError::StaleItem { current_revision: 0 });
    }
    Ok(site(db, site_id).await?.shown)
}

/// Names the people responsible for the move on the organisation's side.
pub async fn set_responsible(db: &D1Database, site_id: i64, responsible: &str, actor: &Actor<'_>) -> Result<SiteMove, ApiError> {
    let responsible = responsible.trim();
    if responsible.chars().count() > civic_shared::validate::MAX_LINE {
        return Err(ApiError::BadRequest { path: "responsible".into(), reason: "не длиннее 200 символов".into() });
    }
    let upsert = db
        .prepare("INSERT INTO site_migration (site_id, responsible) VALUES (?1, ?2) ON CONFLICT (site_id) DO UPDATE SET responsible = excluded.responsible")
        .bind(&[num(site_id), responsible.into()])?;
    db.batch(vec![upsert, audit_entry(db, actor, "migration.responsible", Some(site_id), responsible)?]).await?;
    Ok(site(db, site_id).await?.shown)
}

#[derive(Deserialize)]
struct TargetRow {
    id: i64,
    label: String,
    kind: Option<String>,
    measure: String,
    status: String,
    count: u32,
    due: String,
}

/// The decrees' targets, by due date.
pub async fn targets(db: &D1Database) -> Result<Vec<Target>, ApiError> {
    let list: Vec<TargetRow> = rows(db, "SELECT id, label, kind, measure, status, count, due FROM migration_targets ORDER BY due, id", &[]).await?;
    Ok(list
        .into_iter()
        .map(|row| Target {
            id: row.id,
            label: row.label,
            kind: row.kind.and_then(|kind| serde_json::from_value(serde_json::Value::String(kind)).ok()),
            measure: Measure::parse(&row.measure).unwrap_or_default(),
            status: Status::parse(&row.status).unwrap_or_default(),
            count: row.count,
            due: row.due,
        })
        .collect())
}

/// Replaces the targets with `list`, all checked first: nothing changes if one is wrong.
pub async fn set_targets(db: &D1Database, list: &[Target], actor: &Actor<'_>) -> Result<(), ApiError> {
    if list.len() > 50 {
        return Err(ApiError::BadRequest { path: "targets".into(), reason: "не больше 50 показателей".into() });
    }
    for (i, target) in list.iter().enumerate() {
        migration::check_target(target).map_err(|reason| ApiError::BadRequest { path: format!("targets[{i}]"), reason })?;
    }
    let mut statements = vec![db.prepare("DELETE FROM migration_targets")];
    for target in list {
        let kind = target.kind.map(|kind| serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default());
        statements.push(
            db.prepare("INSERT INTO migration_targets (label, kind, status, count, due, measure) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .bind(&[
                    target.label.trim().into(),
                    kind.map_or(JsValue::NULL, JsValue::from),
                    target.status.as_str().into(),
                    num(i64::from(target.count)),
                    target.due.as_str().into(),
                    target.measure.as_str().into(),
                ])?,
        );
    }
    statements.push(audit_entry(db, actor, "migration.targets", None, &format!("{} targets", list.len()))?);
    db.batch(statements).await?;
    Ok(())
}

/// Every target's progress today.
pub async fn progress(db: &D1Database, sites: &[MovingSite]) -> Result<Vec<Progress>, ApiError> {
    let counted: Vec<Counted> = sites.iter().map(|site| Counted { kind: site.shown.kind, status: site.shown.status, trained: site.shown.trained }).collect();
    Ok(migration::progress(&targets(db).await?, &counted, &today()))
}

/// The acts of the sites `site_ids` (all that reached «checked» when empty), printable.
pub async fn acts(db: &D1Database, bucket: &Bucket, site_ids: &[i64], domain: &str) -> Result<String, ApiError> {
    let all = sites(db).await?;
    let chosen: Vec<&MovingSite> = all
        .iter()
        .filter(|site| if site_ids.is_empty() { site.shown.status >= Status::Checked } else { site_ids.contains(&site.id) })
        .collect();
    let mut papers = Vec::with_capacity(chosen.len());
    for site in &chosen {
        let checklist = checklist(db, bucket, site.id).await?;
        let mut moved = vec![("Страницы".to_string(), checklist.pages)];
        for (name, n) in &checklist.items {
            if let Some(collection) = civic_shared::collection_items::Collection::parse(name) {
                moved.push((collection.title(Lang::Ru).to_string(), *n));
            }
        }
        papers.push((&site.shown, checklist, moved, format!("{}-{:04}", today()[..4].to_owned(), site.id), format!("https://{}.{domain}/", site.shown.slug)));
    }
    let acts: Vec<civic_renderer::migration::Act> = papers
        .iter()
        .map(|(site, checklist, moved, number, address)| civic_renderer::migration::Act {
            number,
            organisation: &site.name,
            kind: migration::kind_label(site.kind),
            address,
            moved,
            compliance_score: checklist.compliance_score,
            responsible: &site.responsible,
            moved_by: &site.moved_by,
            checked_on: site.checked_on.as_deref().unwrap_or(""),
            signed: site.act_signed_by.as_deref().zip(site.act_signed_on.as_deref()),
        })
        .collect();
    let mut html = String::with_capacity(8 * 1024 * acts.len().max(1));
    civic_renderer::migration::render_acts(&acts, &mut html);
    Ok(html)
}

/// The overview as CSV for the operator's reports: one line per site.
pub fn overview_csv(sites: &[MovingSite], deadlines: &[crate::store::appeals::SiteDeadlines]) -> String {
    let cell = |text: &str| format!("\"{}\"", text.replace('"', "\"\"").trim_start_matches(['=', '+', '-', '@']));
    let mut out = String::from("Организация,Адрес,Вид,Статус,Соответствие %,Ответственные,Акт подписан,Просрочено обращений,Обучено сотрудников\r\n");
    for site in sites {
        let overdue = deadlines.iter().find(|d| d.site_id == site.id).map_or(0, |d| d.overdue.len());
        let site = &site.shown;
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\r\n",
            cell(&site.name),
            cell(&site.slug),
            cell(migration::kind_label(site.kind)),
            cell(site.status.label(Lang::Ru)),
            site.compliance_score.map_or(String::new(), |s| s.to_string()),
            cell(&site.responsible),
            cell(site.act_signed_on.as_deref().unwrap_or("")),
            overdue,
            site.trained
        ));
    }
    out
}
