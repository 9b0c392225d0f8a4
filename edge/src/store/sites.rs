//! The `sites` and `revisions` tables, and document bodies in R2 by content address.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database, D1PreparedStatement};

use crate::api::{ApiError, RevisionSummary, SiteSummary};
use crate::security::sha256_hex;
use crate::store::accounts::{audit_entry_if_changed, Actor};
use crate::store::num;

/// A site's row with the key of its published document.
#[derive(Debug, Deserialize)]
pub struct SiteRow {
    pub id: i64,
    pub draft_version: i64,
    pub draft_key: String,
    pub published_revision: Option<i64>,
    pub published_key: Option<String>,
    /// Bumped by every collection change.
    pub data_version: i64,
    /// When the published revision was published (D1 `datetime('now')`, UTC).
    #[serde(default)]
    pub published_at: Option<String>,
    /// 1 when gaps of the compliance report block publishing.
    #[serde(default)]
    pub compliance_blocking: i64,
    /// The site's active bound domain, if it has one: its other addresses redirect there.
    #[serde(default)]
    pub active_domain: Option<String>,
}


pub async fn site_by_slug(db: &D1Database, slug: &str) -> Result<Option<SiteRow>, ApiError> {
    Ok(db.prepare(
        "SELECT s.id, s.draft_version, s.draft_key, s.published_revision, s.data_version, s.compliance_blocking, r.doc_key AS published_key, r.published_at, \
           (SELECT d.host FROM site_domains d WHERE d.site_id = s.id AND d.status = 'active') AS active_domain \
         FROM sites s LEFT JOIN revisions r ON r.site_id = s.id AND r.revision = s.published_revision \
         WHERE s.slug = ?1",
    )
    .bind(&[slug.into()])?
    .first::<SiteRow>(None)
    .await?)
}

/// Every site, or only those with the given ids (an editor's own, a token's), by name:
/// all of them, or (for pages of the API) `limit` after the `(name, slug)` of `after`.
pub async fn list_sites(
    db: &D1Database,
    only: Option<&[i64]>,
    after: Option<&(String, String)>,
    limit: Option<u32>,
) -> Result<Vec<SiteSummary>, ApiError> {
    let only = only.map(|ids| serde_json::to_string(ids).unwrap_or_default());
    let (after_name, after_slug) = after.map_or((JsValue::NULL, JsValue::NULL), |(name, slug)| (name.as_str().into(), slug.as_str().into()));
    // Two statements, not `?2 IS NULL OR …`: only a plain row-value comparison lets a later
    // page start in the index `sites_by_name` where the last one stopped. The first page names
    // ?2 and ?3 too, so both take the same four parameters.
    let sql = if after.is_some() {
        "SELECT slug, name, kind, draft_version, published_revision FROM sites \
         WHERE (?1 IS NULL OR id IN (SELECT value FROM json_each(?1))) AND (name, slug) > (?2, ?3) \
         ORDER BY name, slug LIMIT ?4"
    } else {
        "SELECT slug, name, kind, draft_version, published_revision FROM sites \
         WHERE (?1 IS NULL OR id IN (SELECT value FROM json_each(?1))) AND ?2 IS NULL AND ?3 IS NULL \
         ORDER BY name, slug LIMIT ?4"
    };
    Ok(db.prepare(sql)
        .bind(&[only.map_or(JsValue::NULL, JsValue::from), after_name, after_slug, num(limit.map_or(-1, i64::from))])?
        .all()
        .await?
        .results::<SiteSummary>()?)
}

/// Creates a site with `document_json` as its first draft (unpublished); a taken slug is
/// refused. The body goes to R2 first; the row and its audit entry follow in one batch.
pub async fn create_site(
    db: &D1Database,
    bucket: &Bucket,
    slug: &str,
    document: &civic_shared::SiteDocument,
    actor: &Actor<'_>,
) -> Result<(), ApiError> {
    let json = document.to_json();
    let key = format!("docs/new-{slug}/{}.json", sha256_hex(json.as_bytes()));
    bucket.put(&key, json.into_bytes()).execute().await?;
    let kind = serde_json::to_value(document.site.kind)?;
    let insert = db
        .prepare(
            "INSERT INTO sites (slug, name, kind, draft_version, draft_key) SELECT ?1, ?2, ?3, 1, ?4 \
             WHERE NOT EXISTS (SELECT 1 FROM sites WHERE slug = ?1)",
        )
        .bind(&[slug.into(), document.site.name.as_str().into(), kind.as_str().unwrap_or_default().into(), key.into()])?;
    let log = audit_entry_if_changed(db, actor, "site.create", None, slug)?;
    let results = db.batch(vec![insert, log]).await?;
    match results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) {
        1 => Ok(()),
        _ => Err(ApiError::Taken { path: "slug".into() }),
    }
}

/// Reads a stored document body.
pub async fn read_document(bucket: &Bucket, key: &str) -> Result<Option<String>, ApiError> {
    match bucket.get(key).execute().await? {
        Some(object) => match object.body() {
            Some(body) => Ok(Some(body.text().await?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// Stores `document_json` as the new draft if the draft is still at `base_version`.
/// The body goes to R2 first under its content address; then one conditional UPDATE moves
/// the pointer. A lost race leaves only an unreferenced body behind, never a mixed state.
pub async fn save_draft(
    db: &D1Database,
    bucket: &Bucket,
    site: &SiteRow,
    base_version: i64,
    document: &civic_shared::SiteDocument,
    actor: &Actor<'_>,
) -> Result<i64, ApiError> {
    if site.draft_version != base_version {
        return Err(ApiError::StaleVersion { current_version: site.draft_version });
    }
    // Pages the law requires stay: compared with the stored draft, whoever sends the document.
    // The same comparison tells which steps of the course this save completes.
    let mut learned = Vec::new();
    if let Some(stored) = read_document(bucket, &site.draft_key).await? {
        let stored = civic_shared::SiteDocument::from_json(&stored).map_err(|err| ApiError::Storage(err.reason))?;
        let dropped = civic_shared::templates::mandatory_dropped(&stored, document);
        if !dropped.is_empty() {
            return Err(ApiError::Invalid(dropped));
        }
        learned = civic_shared::training::steps_of_save(&stored, document);
    }
    let document_json = document.to_json();
    let key = format!("docs/{}/{}.json", site.id, sha256_hex(document_json.as_bytes()));
    bucket.put(&key, document_json.as_bytes().to_vec()).execute().await?;
    let update = db
        .prepare(
            "UPDATE sites SET draft_version = draft_version + 1, draft_key = ?1, updated_at = datetime('now') \
             WHERE id = ?2 AND draft_version = ?3",
        )
        .bind(&[key.into(), num(site.id), num(base_version)])?;
    let log = audit_entry_if_changed(db, actor, "draft.save", Some(site.id), &format!("version {}", base_version + 1))?;
    let mut statements = vec![update, log];
    statements.extend(crate::store::training::record_after(db, actor, site.id, &learned)?);
    let results = db.batch(statements).await?;
    let changed = results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0);
    if changed == 1 {
        return Ok(base_version + 1);
    }
    let current = current_draft_version(db, site.id).await?;
    Err(ApiError::StaleVersion { current_version: current })
}

/// Publishes draft `version` as a new revision in one D1 transaction: the revision row is
/// only inserted if the draft is still at `version`, the site's pointer follows it, and the
/// audit entry is written with it.
pub async fn publish(db: &D1Database, site: &SiteRow, version: i64, actor: &Actor<'_>) -> Result<i64, ApiError> {
    let insert = db
        .prepare(
            "INSERT INTO revisions (site_id, revision, doc_key, draft_version, published_by) \
             SELECT id, COALESCE((SELECT MAX(revision) FROM revisions WHERE site_id = ?1), 0) + 1, draft_key, draft_version, ?3 \
             FROM sites WHERE id = ?1 AND draft_version = ?2",
        )
        .bind(&[num(site.id), num(version), actor.login.into()])?;
    let log = audit_entry_if_changed(db, actor, "site.publish", Some(site.id), &format!("draft {version}"))?;
    let learned = crate::store::training::record_after(db, actor, site.id, &[civic_shared::training::Step::Publish])?;
    let inserted = insert_revision(db, site, insert, log, learned).await?;
    if !inserted {
        let current = current_draft_version(db, site.id).await?;
        return Err(ApiError::StaleVersion { current_version: current });
    }
    published_revision(db, site.id).await
}

/// Publishes an earlier revision's document again, as a new revision (history stays linear
/// and the rollback itself can be rolled back). The draft is left as it is.
pub async fn rollback(db: &D1Database, site: &SiteRow, revision: i64, actor: &Actor<'_>) -> Result<i64, ApiError> {
    let insert = db
        .prepare(
            "INSERT INTO revisions (site_id, revision, doc_key, draft_version, published_by, restored_from) \
             SELECT site_id, (SELECT MAX(revision) FROM revisions WHERE site_id = ?1) + 1, doc_key, draft_version, ?3, revision \
             FROM revisions WHERE site_id = ?1 AND revision = ?2",
        )
        .bind(&[num(site.id), num(revision), actor.login.into()])?;
    let log = audit_entry_if_changed(db, actor, "site.rollback", Some(site.id), &format!("revision {revision}"))?;
    if !insert_revision(db, site, insert, log, None).await? {
        return Err(ApiError::BadRequest { path: "revision".into(), reason: format!("no revision {revision}") });
    }
    published_revision(db, site.id).await
}

/// Runs a revision insert, moves the site's pointer to the newest revision and logs (and
/// records the step of the course, if given), all in one transaction; whether a row was inserted.
async fn insert_revision(
    db: &D1Database,
    site: &SiteRow,
    insert: D1PreparedStatement,
    log: D1PreparedStatement,
    learned: Option<D1PreparedStatement>,
) -> Result<bool, ApiError> {
    let point = db
        .prepare("UPDATE sites SET published_revision = (SELECT MAX(revision) FROM revisions WHERE site_id = ?1) WHERE id = ?1")
        .bind(&[num(site.id)])?;
    // The log entry follows the insert directly: it is written only if the insert was; the
    // step of the course follows the log entry for the same reason.
    let mut statements = vec![insert, log];
    statements.extend(learned);
    statements.push(point);
    let results = db.batch(statements).await?;
    let inserted = results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0);
    Ok(inserted == 1)
}

async fn published_revision(db: &D1Database, site_id: i64) -> Result<i64, ApiError> {
    db.prepare("SELECT published_revision FROM sites WHERE id = ?1")
        .bind(&[num(site_id)])?
        .first::<i64>(Some("published_revision"))
        .await?
        .ok_or_else(|| ApiError::Storage("published revision missing".into()))
}


/// The site's revisions, newest first: all of them, or `limit` older than `before`.
pub async fn revisions(db: &D1Database, site_id: i64, before: Option<i64>, limit: Option<u32>) -> Result<Vec<RevisionSummary>, ApiError> {
    Ok(db.prepare(
        "SELECT revision, draft_version, published_at, published_by, restored_from FROM revisions \
         WHERE site_id = ?1 AND (?2 IS NULL OR revision < ?2) ORDER BY revision DESC LIMIT ?3",
    )
    .bind(&[num(site_id), before.map_or(JsValue::NULL, num), num(limit.map_or(-1, i64::from))])?
    .all()
    .await?
    .results::<RevisionSummary>()?)
}

/// Where revision `revision` of the site keeps its document, if there is such a revision.
pub async fn revision_key(db: &D1Database, site_id: i64, revision: i64) -> Result<Option<String>, ApiError> {
    Ok(db.prepare("SELECT doc_key FROM revisions WHERE site_id = ?1 AND revision = ?2")
        .bind(&[num(site_id), num(revision)])?
        .first::<String>(Some("doc_key"))
        .await?)
}

async fn current_draft_version(db: &D1Database, id: i64) -> Result<i64, ApiError> {
    db.prepare("SELECT draft_version FROM sites WHERE id = ?1")
        .bind(&[num(id)])?
        .first::<i64>(Some("draft_version"))
        .await?
        .ok_or(ApiError::SiteNotFound)
}
