//! The media library in storage: bytes in R2 under content addresses, one D1 row per item of a
//! site, each change written in the same D1 batch as its audit entry.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database, HttpMetadata};

use crate::store::accounts::{audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::media::{self, ListQuery, StoredMedia, PAGE_SIZE};
use crate::store::{num, storage};

const COLUMNS: &str = "id, key, kind, content_type, bytes, width, height, original_name, alt, title, uploaded_by, uploaded_at";

/// A new item, examined and described, ready to store.
pub struct NewMedia<'a> {
    pub site_id: i64,
    pub key: &'a str,
    pub kind: media::MediaKind,
    pub content_type: &'a str,
    /// Size in bytes.
    pub size: usize,
    pub dimensions: Option<(u32, u32)>,
    pub name: &'a str,
    pub alt: &'a str,
    pub title: &'a str,
}

/// The item of `site_id` stored under `key`, if any.
pub async fn by_key(db: &D1Database, site_id: i64, key: &str) -> Result<Option<StoredMedia>, ApiError> {
    Ok(db.prepare(format!("SELECT {COLUMNS} FROM media WHERE site_id = ?1 AND key = ?2"))
        .bind(&[num(site_id), key.into()])?
        .first::<StoredMedia>(None)
        .await?)
}

/// Item `id` of `site_id`, if any (an id of another site's item is "no such item").
pub async fn by_id(db: &D1Database, site_id: i64, id: i64) -> Result<Option<StoredMedia>, ApiError> {
    Ok(db.prepare(format!("SELECT {COLUMNS} FROM media WHERE site_id = ?1 AND id = ?2"))
        .bind(&[num(site_id), num(id)])?
        .first::<StoredMedia>(None)
        .await?)
}

/// Stores an upload: the bytes go to R2 first under their content address, then one D1 batch
/// inserts the row and its audit entry. The same content already in the site's library is
/// returned as it is (`false`: nothing new was stored); two uploads of it racing are settled
/// by the `UNIQUE (site_id, key)` constraint, and the loser gets the winner's row.
pub async fn store_upload(
    db: &D1Database,
    bucket: &Bucket,
    new: &NewMedia<'_>,
    bytes: Vec<u8>,
    actor: &Actor<'_>,
) -> Result<(StoredMedia, bool), ApiError> {
    if let Some(existing) = by_key(db, new.site_id, new.key).await? {
        return Ok((existing, false));
    }
    let metadata = HttpMetadata { content_type: Some(new.content_type.to_string()), ..HttpMetadata::default() };
    bucket.put(new.key, bytes).http_metadata(metadata).execute().await?;
    let (width, height) = match new.dimensions {
        Some((w, h)) => (num(i64::from(w)), num(i64::from(h))),
        None => (JsValue::NULL, JsValue::NULL),
    };
    let insert = db
        .prepare(
            "INSERT INTO media (site_id, key, kind, content_type, bytes, width, height, original_name, alt, title, search, uploaded_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (site_id, key) DO NOTHING",
        )
        .bind(&[
            num(new.site_id),
            new.key.into(),
            new.kind.as_str().into(),
            new.content_type.into(),
            num(new.size as i64),
            width,
            height,
            new.name.into(),
            new.alt.into(),
            new.title.into(),
            media::search_text(new.name, new.alt, new.title).into(),
            actor.login.into(),
        ])?;
    let detail = format!("{} ({})", new.name, new.key);
    let log = audit_entry_if_changed(db, actor, "media.upload", Some(new.site_id), &detail)?;
    let results = db.batch(vec![insert, log]).await?;
    let created = results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0) == 1;
    let stored = by_key(db, new.site_id, new.key).await?.ok_or_else(|| storage("stored media row vanished"))?;
    Ok((stored, created))
}

/// One page of the site's library, newest first: up to [`PAGE_SIZE`] items and the cursor of
/// the next page, if there is one.
pub async fn list(db: &D1Database, site_id: i64, query: &ListQuery) -> Result<(Vec<StoredMedia>, Option<i64>), ApiError> {
    let mut items = db
        .prepare(format!(
            "SELECT {COLUMNS} FROM media WHERE site_id = ?1 AND (?2 IS NULL OR id < ?2) AND (?3 IS NULL OR kind = ?3) \
             AND (?4 IS NULL OR instr(search, ?4) > 0) ORDER BY id DESC LIMIT ?5"
        ))
        .bind(&[
            num(site_id),
            query.cursor.map_or(JsValue::NULL, num),
            query.kind.map_or(JsValue::NULL, |kind| kind.as_str().into()),
            query.search.as_deref().map_or(JsValue::NULL, JsValue::from),
            num(PAGE_SIZE + 1),
        ])?
        .all()
        .await?
        .results::<StoredMedia>()?;
    // One more than a page was asked for: its presence says there is a next page.
    let next = (items.len() as i64 > PAGE_SIZE).then(|| {
        items.truncate(PAGE_SIZE as usize);
        items.last().map(|item| item.id)
    });
    Ok((items, next.flatten()))
}

/// Changes an item's description and title (already checked) with an audit entry.
pub async fn describe(db: &D1Database, item: &StoredMedia, site_id: i64, alt: &str, title: &str, actor: &Actor<'_>) -> Result<(), ApiError> {
    let update = db
        .prepare("UPDATE media SET alt = ?1, title = ?2, search = ?3 WHERE id = ?4 AND site_id = ?5")
        .bind(&[alt.into(), title.into(), media::search_text(&item.original_name, alt, title).into(), num(item.id), num(site_id)])?;
    let log = audit_entry_if_changed(db, actor, "media.change", Some(site_id), &format!("{} ({})", item.original_name, item.key))?;
    db.batch(vec![update, log]).await?;
    Ok(())
}

/// Removes an item: its row with an audit entry in one batch, then its bytes if no row uses
/// them any more. An upload of the same file racing in between the check and the R2 delete
/// could lose its bytes; then its address answers 404 and uploading it again restores it.
pub async fn delete(db: &D1Database, bucket: &Bucket, item: &StoredMedia, site_id: i64, actor: &Actor<'_>) -> Result<(), ApiError> {
    let remove = db
        .prepare("DELETE FROM media WHERE id = ?1 AND site_id = ?2")
        .bind(&[num(item.id), num(site_id)])?;
    let log = audit_entry_if_changed(db, actor, "media.delete", Some(site_id), &format!("{} ({})", item.original_name, item.key))?;
    db.batch(vec![remove, log]).await?;
    let still_used = db
        .prepare("SELECT COUNT(*) AS n FROM media WHERE key = ?1")
        .bind(&[item.key.as_str().into()])?
        .first::<i64>(Some("n"))
        .await?
        .unwrap_or(0);
    if still_used == 0 {
        bucket.delete(&item.key).await?;
    }
    Ok(())
}

/// What serving a public media address needs from D1.
#[derive(Debug, Deserialize)]
pub struct PublicMedia {
    pub key: String,
    pub original_name: String,
}

/// The item behind a public address `/media/<site>/<file>`: only of a site that exists, only
/// while the item does.
pub async fn public_file(db: &D1Database, site_slug: &str, file: &str) -> Result<Option<PublicMedia>, ApiError> {
    Ok(db.prepare(
        "SELECT m.key, m.original_name FROM media m JOIN sites s ON s.id = m.site_id \
         WHERE s.slug = ?1 AND m.key = 'media/' || s.id || '/' || ?2",
    )
    .bind(&[site_slug.into(), file.into()])?
    .first::<PublicMedia>(None)
    .await?)
}
