//! Collection items in D1. Every change is one batch: the conditional change, the site's
//! data version (part of the page cache key) and the audit entry, each only if the one
//! before it changed a row.

use civic_shared::collection_items::{CheckedItem, Collection, MAX_ITEMS};
use civic_shared::collections::PollItem;
use civic_shared::RenderData;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database, D1PreparedStatement};

use crate::store::accounts::{audit_entry, audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::store::num;
use crate::store::sites::read_document;

/// An item with the revision a save must be based on.
#[derive(Serialize)]
pub struct StoredItem {
    pub revision: i64,
    pub item: Box<RawValue>,
}

#[derive(Deserialize)]
struct ItemRow {
    collection: String,
    body: String,
}

/// Where an item stands in its collection's order: `(date, position, id)`. Pages of the
/// API continue after the key of the last item they showed.
pub type ItemKey = (String, i64, String);

/// An item with its place in the order.
pub struct ListedItem {
    pub key: ItemKey,
    pub stored: StoredItem,
}

#[derive(Deserialize)]
struct ListedRow {
    id: String,
    position: i64,
    date: String,
    revision: i64,
    body: String,
}

/// Newest first for dated collections, the editors' order for the others; the id breaks
/// ties, so the order is total and a page can start exactly after any item.
fn order_by(collection: Collection) -> &'static str {
    if collection.newest_first() {
        "date DESC, position DESC, id DESC"
    } else {
        "position, id"
    }
}

/// The rows after `key` in [`order_by`]'s order.
fn after_key(collection: Collection) -> &'static str {
    if collection.newest_first() {
        "(date, position, id) < (?3, ?4, ?5)"
    } else {
        "(position, id) > (?4, ?5)"
    }
}

pub async fn list(db: &D1Database, site_id: i64, collection: Collection) -> Result<Vec<StoredItem>, ApiError> {
    Ok(list_page(db, site_id, collection, None, None).await?.into_iter().map(|listed| listed.stored).collect())
}

/// The collection's items in order: all of them, or `limit` after `after`.
pub async fn list_page(
    db: &D1Database,
    site_id: i64,
    collection: Collection,
    after: Option<&ItemKey>,
    limit: Option<u32>,
) -> Result<Vec<ListedItem>, ApiError> {
    let condition = if after.is_some() { after_key(collection) } else { "1" };
    let (date, position, id) = after.map_or((JsValue::NULL, JsValue::NULL, JsValue::NULL), |(date, position, id)| {
        (date.as_str().into(), num(*position), id.as_str().into())
    });
    let rows = db
        .prepare(format!(
            "SELECT id, position, date, revision, body FROM collection_items WHERE site_id = ?1 AND collection = ?2 AND {condition} \
             ORDER BY {} LIMIT ?6",
            order_by(collection)
        ))
        .bind(&[num(site_id), collection.as_str().into(), date, position, id, num(limit.map_or(-1, i64::from))])?
        .all()
        .await?
        .results::<ListedRow>()?;
    rows.into_iter()
        .map(|row| {
            let stored = StoredItem { revision: row.revision, item: RawValue::from_string(row.body)? };
            Ok(ListedItem { key: (row.date, row.position, row.id), stored })
        })
        .collect()
}

/// One item, if the collection has it.
pub async fn item(db: &D1Database, site_id: i64, collection: Collection, id: &str) -> Result<Option<StoredItem>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        revision: i64,
        body: String,
    }
    let row = db
        .prepare("SELECT revision, body FROM collection_items WHERE site_id = ?1 AND collection = ?2 AND id = ?3")
        .bind(&[num(site_id), collection.as_str().into(), id.into()])?
        .first::<Row>(None)
        .await?;
    row.map(|row| Ok(StoredItem { revision: row.revision, item: RawValue::from_string(row.body)? })).transpose()
}

/// Everything data blocks show: the edited collections (polls with their stored votes) and
/// the appeal figures from D1; the site's data object in R2 holds what is not edited yet.
pub async fn render_data(db: &D1Database, bucket: &Bucket, site_id: i64) -> Result<RenderData, ApiError> {
    let mut data = match read_document(bucket, &format!("data/{site_id}.json")).await? {
        Some(json) => serde_json::from_str::<RenderData>(&json)?,
        None => RenderData::default(),
    };
    let rows = db
        .prepare(
            "SELECT collection, body FROM collection_items WHERE site_id = ?1 \
             ORDER BY collection, CASE WHEN collection IN ('news', 'announcements', 'documents') THEN date END DESC, \
             CASE WHEN collection = 'polls' THEN position END DESC, position, id",
        )
        .bind(&[num(site_id)])?
        .all()
        .await?
        .results::<ItemRow>()?;
    let mut grouped = serde_json::Map::new();
    // Polls, newest first (the poll block shows the newest open one), are kept as PollItem.
    let mut polls = Vec::new();
    for collection in Collection::ALL {
        grouped.insert(collection.as_str().into(), serde_json::Value::Array(Vec::new()));
    }
    for row in rows {
        if row.collection == Collection::Polls.as_str() {
            if let Ok(item) = serde_json::from_str::<PollItem>(&row.body) {
                polls.push(civic_shared::polls::poll_of(&item));
            }
            continue;
        }
        if let (Some(serde_json::Value::Array(items)), Ok(item)) = (grouped.get_mut(&row.collection), serde_json::from_str(&row.body)) {
            items.push(item);
        }
    }
    let edited: RenderData = serde_json::from_value(serde_json::Value::Object(grouped))?;
    data.news = edited.news;
    data.announcements = edited.announcements;
    data.documents = edited.documents;
    data.staff = edited.staff;
    data.phones = edited.phones;
    data.reception = edited.reception;
    data.vacancies = edited.vacancies;
    data.appeal_stats = Some(appeal_stats(db, site_id).await?);
    data.comments = crate::store::comments::published(db, site_id).await?;
    data.published_answers = crate::store::appeals::published(db, site_id).await?;
    data.polls = polls;
    let counts = crate::store::polls::counts(db, site_id).await?;
    for poll in &mut data.polls {
        if let Some((_, of_poll)) = counts.iter().find(|(id, _)| *id == poll.id) {
            civic_shared::polls::add_counts(poll, of_poll);
        }
    }
    Ok(data)
}

/// «Анализ обращений» of this year, counted from the stored appeals.
pub async fn appeal_stats(db: &D1Database, site_id: i64) -> Result<civic_shared::collections::AppealStats, ApiError> {
    let year = crate::store::today()[..4].to_string();
    let sql = "SELECT topic, received, status, registered, extension_days, answered_on FROM appeals WHERE site_id = ?1 AND year = ?2";
    let rows: Vec<civic_shared::appeals::StatRow> = crate::store::rows(db, sql, &[num(site_id), num(year.parse().unwrap_or(1970))]).await?;
    Ok(civic_shared::appeals::stats(&rows, &year))
}

/// The statements that follow a conditional change: bump the data version and log, each
/// only if the statement before it changed a row.
fn after_change(
    db: &D1Database,
    site_id: i64,
    actor: &Actor<'_>,
    action: &str,
    detail: &str,
) -> Result<[D1PreparedStatement; 2], ApiError> {
    let bump = db
        .prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1 AND changes() = 1")
        .bind(&[num(site_id)])?;
    Ok([bump, audit_entry_if_changed(db, actor, action, Some(site_id), detail)?])
}

fn changed(results: &[worker::D1Result]) -> bool {
    results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) == 1
}

/// Adds an item (its id already set); refuses a taken id and a full collection.
pub async fn create(db: &D1Database, site_id: i64, collection: Collection, item: &CheckedItem, actor: &Actor<'_>) -> Result<(), ApiError> {
    let insert = db
        .prepare(
            "INSERT INTO collection_items (site_id, collection, id, position, date, body, updated_by) \
             SELECT ?1, ?2, ?3, COALESCE(MAX(position), 0) + 1, ?4, ?5, ?6 FROM collection_items \
             WHERE site_id = ?1 AND collection = ?2 \
             HAVING COUNT(*) < ?7 AND NOT EXISTS (SELECT 1 FROM collection_items WHERE site_id = ?1 AND collection = ?2 AND id = ?3)",
        )
        .bind(&[
            num(site_id),
            collection.as_str().into(),
            item.id.as_str().into(),
            item.date.as_str().into(),
            item.json.as_str().into(),
            actor.login.into(),
            num(MAX_ITEMS as i64),
        ])?;
    let [bump, log] = after_change(db, site_id, actor, &format!("{}.create", collection.as_str()), &item.id)?;
    let mut statements = vec![insert, bump, log];
    let learned: Vec<_> = civic_shared::training::step_of_item(collection).into_iter().collect();
    statements.extend(crate::store::training::record_after(db, actor, site_id, &learned)?);
    if changed(&db.batch(statements).await?) {
        return Ok(());
    }
    match revision_of(db, site_id, collection, &item.id).await? {
        Some(_) => Err(ApiError::Taken { path: "id".into() }),
        None => Err(ApiError::CollectionFull { max: MAX_ITEMS }),
    }
}

/// Replaces an item if it is still at `base_revision`; returns the new revision. A poll's
/// answers may not change once it has votes ([`civic_shared::polls::check_edit`]): checked
/// before the change, and again in it, so a vote arriving meanwhile refuses it too.
pub async fn update(
    db: &D1Database,
    site_id: i64,
    collection: Collection,
    item: &CheckedItem,
    base_revision: i64,
    actor: &Actor<'_>,
) -> Result<i64, ApiError> {
    let answers_change = match collection {
        Collection::Polls => poll_answers_change(db, site_id, item).await?,
        _ => false,
    };
    let update = db
        .prepare(
            "UPDATE collection_items SET body = ?1, date = ?2, revision = revision + 1, updated_by = ?3, updated_at = datetime('now') \
             WHERE site_id = ?4 AND collection = ?5 AND id = ?6 AND revision = ?7 \
             AND NOT (?8 AND EXISTS (SELECT 1 FROM poll_votes WHERE site_id = ?4 AND poll_id = ?6))",
        )
        .bind(&[
            item.json.as_str().into(),
            item.date.as_str().into(),
            actor.login.into(),
            num(site_id),
            collection.as_str().into(),
            item.id.as_str().into(),
            num(base_revision),
            num(i64::from(answers_change)),
        ])?;
    let [bump, log] = after_change(db, site_id, actor, &format!("{}.update", collection.as_str()), &item.id)?;
    if changed(&db.batch(vec![update, bump, log]).await?) {
        return Ok(base_revision + 1);
    }
    match revision_of(db, site_id, collection, &item.id).await? {
        Some(current_revision) if current_revision == base_revision && answers_change => Err(answers_have_votes()),
        Some(current_revision) => Err(ApiError::StaleItem { current_revision }),
        None => Err(ApiError::NotFound),
    }
}

fn answers_have_votes() -> ApiError {
    ApiError::InvalidItem(vec![civic_shared::validate::Problem { path: "options".into(), kind: civic_shared::validate::ProblemKind::AnswersHaveVotes }])
}

/// Whether saving `item` changes the answers of the stored poll; refused at once when the
/// poll already has votes.
async fn poll_answers_change(db: &D1Database, site_id: i64, item: &CheckedItem) -> Result<bool, ApiError> {
    let Some(stored) = self::item(db, site_id, Collection::Polls, &item.id).await? else { return Ok(false) };
    let (Ok(old), Ok(new)) = (serde_json::from_str::<PollItem>(stored.item.get()), serde_json::from_str::<PollItem>(&item.json)) else {
        return Ok(false);
    };
    let votes = db
        .prepare("SELECT COUNT(*) AS votes FROM poll_votes WHERE site_id = ?1 AND poll_id = ?2")
        .bind(&[num(site_id), item.id.as_str().into()])?
        .first::<i64>(Some("votes"))
        .await?
        .unwrap_or(0);
    civic_shared::polls::check_edit(&old, &new, u64::try_from(votes).unwrap_or(0)).map_err(|problem| ApiError::InvalidItem(vec![problem]))?;
    Ok(old.options != new.options)
}

pub async fn delete(db: &D1Database, site_id: i64, collection: Collection, id: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let delete = db
        .prepare("DELETE FROM collection_items WHERE site_id = ?1 AND collection = ?2 AND id = ?3")
        .bind(&[num(site_id), collection.as_str().into(), id.into()])?;
    let [bump, log] = after_change(db, site_id, actor, &format!("{}.delete", collection.as_str()), id)?;
    let mut batch = vec![delete, bump, log];
    if collection == Collection::Polls {
        // A later poll given the same id starts with no votes (and free answers).
        let votes = db
            .prepare(
                "DELETE FROM poll_votes WHERE site_id = ?1 AND poll_id = ?2 \
                 AND NOT EXISTS (SELECT 1 FROM collection_items WHERE site_id = ?1 AND collection = 'polls' AND id = ?2)",
            )
            .bind(&[num(site_id), id.into()])?;
        batch.push(votes);
    }
    match changed(&db.batch(batch).await?) {
        true => Ok(()),
        false => Err(ApiError::NotFound),
    }
}

/// Sets the editors' order: `ids` must be exactly the collection's items.
pub async fn reorder(db: &D1Database, site_id: i64, collection: Collection, ids: &[String], actor: &Actor<'_>) -> Result<(), ApiError> {
    let current: Vec<String> = list(db, site_id, collection)
        .await?
        .iter()
        .filter_map(|stored| serde_json::from_str::<serde_json::Value>(stored.item.get()).ok())
        .filter_map(|item| item.get("id").and_then(|id| id.as_str()).map(str::to_string))
        .collect();
    let (mut wanted, mut have) = (ids.to_vec(), current);
    wanted.sort();
    have.sort();
    if wanted != have {
        return Err(ApiError::BadRequest { path: "order".into(), reason: "список должен содержать каждую запись раздела ровно один раз".into() });
    }
    let json = serde_json::to_string(ids)?;
    let update = db
        .prepare(
            "UPDATE collection_items SET position = (SELECT key FROM json_each(?1) WHERE value = collection_items.id) \
             WHERE site_id = ?2 AND collection = ?3",
        )
        .bind(&[json.into(), num(site_id), collection.as_str().into()])?;
    let bump = db.prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1").bind(&[num(site_id)])?;
    let log = audit_entry(db, actor, &format!("{}.reorder", collection.as_str()), Some(site_id), "")?;
    db.batch(vec![update, bump, log]).await?;
    Ok(())
}

/// What an import batch did, or would do on a dry run.
#[derive(Serialize, Deserialize, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
}

/// Adds or replaces a batch of checked items (each with its id) in one statement, so the
/// batch is stored whole or not at all; an item whose stored JSON is the same stays as it
/// is. Refuses the batch if the collection would hold more than [`MAX_ITEMS`].
pub async fn import(
    db: &D1Database,
    site_id: i64,
    collection: Collection,
    items: &[CheckedItem],
    dry_run: bool,
    actor: &Actor<'_>,
) -> Result<ImportCounts, ApiError> {
    let batch: Vec<serde_json::Value> =
        items.iter().map(|item| serde_json::json!({ "id": item.id, "date": item.date, "body": item.json })).collect();
    let batch = serde_json::to_string(&batch)?;
    let binds = [num(site_id), collection.as_str().into(), batch.as_str().into()];
    #[derive(Deserialize)]
    struct Counts {
        total: i64,
        created: i64,
        unchanged: i64,
    }
    let counts = db
        .prepare(
            "SELECT (SELECT COUNT(*) FROM collection_items WHERE site_id = ?1 AND collection = ?2) AS total, \
             COUNT(*) FILTER (WHERE c.id IS NULL) AS created, COUNT(*) FILTER (WHERE c.body = json_extract(b.value, '$.body')) AS unchanged \
             FROM json_each(?3) AS b LEFT JOIN collection_items AS c \
             ON c.site_id = ?1 AND c.collection = ?2 AND c.id = json_extract(b.value, '$.id')",
        )
        .bind(&binds)?
        .first::<Counts>(None)
        .await?
        .ok_or_else(|| ApiError::Storage("no counts".into()))?;
    if counts.total + counts.created > MAX_ITEMS as i64 {
        return Err(ApiError::CollectionFull { max: MAX_ITEMS });
    }
    let result = ImportCounts {
        created: counts.created,
        updated: items.len() as i64 - counts.created - counts.unchanged,
        unchanged: counts.unchanged,
    };
    if dry_run || result.created + result.updated == 0 {
        return Ok(result);
    }
    // New items go after the existing ones, in the file's order.
    let upsert = db
        .prepare(
            "INSERT INTO collection_items (site_id, collection, id, position, date, body, updated_by) \
             SELECT ?1, ?2, json_extract(value, '$.id'), \
               (SELECT COALESCE(MAX(position), 0) FROM collection_items WHERE site_id = ?1 AND collection = ?2) + key + 1, \
               json_extract(value, '$.date'), json_extract(value, '$.body'), ?4 \
             FROM json_each(?3) WHERE (SELECT COUNT(*) FROM collection_items WHERE site_id = ?1 AND collection = ?2) + ?5 <= ?6 \
             ON CONFLICT (site_id, collection, id) DO UPDATE SET body = excluded.body, date = excluded.date, \
               revision = revision + 1, updated_by = excluded.updated_by, updated_at = datetime('now') \
             WHERE collection_items.body <> excluded.body",
        )
        .bind(&[
            num(site_id),
            collection.as_str().into(),
            batch.as_str().into(),
            actor.login.into(),
            num(result.created),
            num(MAX_ITEMS as i64),
        ])?;
    let bump = db
        .prepare("UPDATE sites SET data_version = data_version + 1 WHERE id = ?1 AND changes() > 0")
        .bind(&[num(site_id)])?;
    let detail = format!("создано {}, изменено {}", result.created, result.updated);
    let log = audit_entry_if_changed(db, actor, &format!("{}.import", collection.as_str()), Some(site_id), &detail)?;
    if changed_any(&db.batch(vec![upsert, bump, log]).await?) {
        Ok(result)
    } else {
        // Only a collection filled up meanwhile stops every row.
        Err(ApiError::CollectionFull { max: MAX_ITEMS })
    }
}

fn changed_any(results: &[worker::D1Result]) -> bool {
    results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) > 0
}

async fn revision_of(db: &D1Database, site_id: i64, collection: Collection, id: &str) -> Result<Option<i64>, ApiError> {
    Ok(db.prepare("SELECT revision FROM collection_items WHERE site_id = ?1 AND collection = ?2 AND id = ?3")
        .bind(&[num(site_id), collection.as_str().into(), id.into()])?
        .first::<i64>(Some("revision"))
        .await?)
}
