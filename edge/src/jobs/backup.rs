//! Backing a site up and restoring one, in the jobs worker: a site's rows (D1) and bodies
//! (R2) written into one archive (`civic_shared::backup`) kept in R2 with a row, and an
//! archive checked and written back as one D1 batch.

use std::collections::{BTreeMap, BTreeSet};

use civic_shared::backup::{self, Backup, BackupError, ItemRow, Manifest, MediaRow, RevisionRow, SiteInfo};
use civic_shared::jobs::Step;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::{Bucket, D1Database, D1PreparedStatement, HttpMetadata};

use super::Progress;
use crate::store::accounts::{audit_entry_if_changed, Actor};
use crate::api::ApiError;
use crate::store::backups::{self as backup_store, list, object_bytes, BackupRow, RestoreJob, Source, Target, DAILY_KEPT};
use crate::store::jobs as jobs_store;
use crate::store::sites::read_document;
use crate::store::{num, rows, storage};

/// The largest JSON array bound to one statement of a restore (D1 bounds a value at 2 MB).
const CHUNK_BYTES: usize = 500_000;

/// What a restore brought back.
#[derive(Debug, Serialize, Deserialize)]
pub struct Restored {
    pub slug: String,
    pub revisions: usize,
    pub items: usize,
    pub media: usize,
    pub published_revision: Option<i64>,
    /// The backup of the state the restore replaced (none for a new site).
    pub before_restore: Option<BackupRow>,
}

/// What a backup job answers: the new backup's row.
#[derive(Serialize)]
pub struct Made {
    pub backup: BackupRow,
}

/// What a restore job answers.
#[derive(Serialize)]
pub struct RestoredBody {
    pub restored: Restored,
}

/// A backup job: the archive made, its row written, the daily ones beyond those kept removed.
pub async fn backup(db: &D1Database, bucket: &Bucket, site_id: i64, kind: &str, actor: &Actor<'_>, progress: &mut Progress<'_>) -> Result<Made, ApiError> {
    let backup = create(db, bucket, site_id, kind, actor, progress).await?;
    if kind == "daily" {
        prune(db, bucket, site_id).await?;
    }
    Ok(Made { backup })
}

/// A restore job: the archive read and checked, then written into the target.
pub async fn restore_job(db: &D1Database, bucket: &Bucket, job: i64, asked: &RestoreJob, actor: &Actor<'_>, progress: &mut Progress<'_>) -> Result<RestoredBody, ApiError> {
    progress.report(Step::Reading, 0, 1).await?;
    let bytes = match asked.source {
        Source::Upload => jobs_store::take_upload(bucket, job).await?,
        Source::Stored { site_id, backup } => backup_store::archive(db, bucket, site_id, backup).await?.ok_or(ApiError::NotFound)?.1,
    };
    let backup = backup::read(&bytes).map_err(ApiError::Backup)?;
    drop(bytes);
    Ok(RestoredBody { restored: restore(db, bucket, &asked.target, &backup, actor, progress).await? })
}

#[derive(Deserialize)]
struct SiteFields {
    slug: String,
    name: String,
    kind: String,
    draft_key: String,
    published_revision: Option<i64>,
}

#[derive(Deserialize)]
struct StoredRevision {
    revision: i64,
    doc_key: String,
    draft_version: i64,
    published_at: String,
    published_by: String,
    restored_from: Option<i64>,
}

/// The whole site as an archive: the same state always gives the same bytes.
pub async fn export(db: &D1Database, bucket: &Bucket, site_id: i64, progress: &mut Progress<'_>) -> Result<Vec<u8>, ApiError> {
    let id = [num(site_id)];
    let site: SiteFields = rows(db, "SELECT slug, name, kind, draft_key, published_revision FROM sites WHERE id = ?1", &id)
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::SiteNotFound)?;
    let stored_revisions: Vec<StoredRevision> = rows(
        db,
        "SELECT revision, doc_key, draft_version, published_at, published_by, restored_from FROM revisions WHERE site_id = ?1 ORDER BY revision",
        &id,
    )
    .await?;
    let collections: Vec<ItemRow> = rows(
        db,
        "SELECT collection, id, position, date, body, revision, updated_by, updated_at FROM collection_items WHERE site_id = ?1 ORDER BY collection, id",
        &id,
    )
    .await?;
    // `file` is the key's last part (`media/<site id>/<file>`).
    let media: Vec<MediaRow> = rows(
        db,
        "SELECT substr(key, instr(substr(key, 7), '/') + 7) AS file, kind, content_type, bytes, width, height, original_name, alt, title, \
         search, uploaded_by, uploaded_at FROM media WHERE site_id = ?1 ORDER BY id",
        &id,
    )
    .await?;
    let media_bytes: i64 = media.iter().map(|m| m.bytes).sum();
    if media_bytes as usize > backup::MAX_ARCHIVE_BYTES {
        return Err(ApiError::Backup(BackupError::SiteTooBig));
    }

    // Each document body once, by checksum; a revision names its body by that checksum.
    let mut documents = BTreeMap::new();
    let mut by_key = BTreeMap::new();
    let keys: BTreeSet<&String> = std::iter::once(&site.draft_key).chain(stored_revisions.iter().map(|r| &r.doc_key)).collect();
    let total = keys.len() + media.len();
    for (done, key) in keys.into_iter().enumerate() {
        progress.report(Step::Documents, done, total).await?;
        let body = read_document(bucket, key).await?.ok_or_else(|| ApiError::Storage(format!("missing {key}")))?.into_bytes();
        let sha = backup::sha256_hex(&body);
        by_key.insert(key.clone(), sha.clone());
        documents.insert(sha, body);
    }
    let mut files = BTreeMap::new();
    for (done, item) in media.iter().enumerate() {
        progress.report(Step::Files, by_key.len() + done, total).await?;
        files.insert(item.file.clone(), object_bytes(bucket, &media_key(site_id, &item.file)).await?);
    }
    let total: usize = documents.values().chain(files.values()).map(Vec::len).sum();
    if total > backup::MAX_ARCHIVE_BYTES {
        return Err(ApiError::Backup(BackupError::SiteTooBig));
    }
    let manifest = Manifest {
        format: backup::FORMAT.into(),
        site: SiteInfo { slug: site.slug, name: site.name, kind: site.kind },
        draft: by_key[&site.draft_key].clone(),
        published_revision: site.published_revision,
        revisions: stored_revisions
            .into_iter()
            .map(|r| RevisionRow {
                doc: by_key[&r.doc_key].clone(),
                revision: r.revision,
                draft_version: r.draft_version,
                published_at: r.published_at,
                published_by: r.published_by,
                restored_from: r.restored_from,
            })
            .collect(),
        collections,
        media,
    };
    progress.report(Step::Saving, total, total).await?;
    Ok(backup::write(&manifest, &documents, &files))
}

/// Backs the site up now: the archive to R2 (the same state is one object), then its row and
/// audit entry in one batch.
pub async fn create(db: &D1Database, bucket: &Bucket, site_id: i64, kind: &str, actor: &Actor<'_>, progress: &mut Progress<'_>) -> Result<BackupRow, ApiError> {
    let archive = export(db, bucket, site_id, progress).await?;
    let sha = backup::sha256_hex(&archive);
    let key = format!("backups/{site_id}/{sha}.zip");
    let bytes = archive.len() as i64;
    if bucket.head(&key).await?.is_none() {
        let metadata = HttpMetadata { content_type: Some("application/zip".into()), ..HttpMetadata::default() };
        bucket.put(&key, archive).http_metadata(metadata).execute().await?;
    }
    let insert = db
        .prepare("INSERT INTO backups (site_id, key, sha256, bytes, kind, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(&[num(site_id), key.into(), sha.as_str().into(), num(bytes), kind.into(), actor.login.into()])
        ?;
    let log = audit_entry_if_changed(db, actor, "backup.create", Some(site_id), &format!("{kind} {}", &sha[..12]))?;
    db.batch(vec![insert, log]).await?;
    let newest = list(db, site_id).await?.into_iter().next();
    newest.ok_or_else(|| storage("new backup row missing"))
}

/// Restores `backup` into the target. The bodies go to R2 first under content addresses; then
/// one D1 batch replaces the site's draft pointer, revisions, collection items and media rows
/// (a new site's row is inserted in the same batch). A failure anywhere leaves the site as it
/// was; only unreferenced bodies may remain in R2. An existing site is backed up first, and its
/// draft version moves on, so an editor with the old draft open gets a conflict, not a silent
/// overwrite.
pub async fn restore(db: &D1Database, bucket: &Bucket, target: &Target, backup: &Backup, actor: &Actor<'_>, progress: &mut Progress<'_>) -> Result<Restored, ApiError> {
    let manifest = &backup.manifest;
    let from = manifest.site.slug.as_str();
    // The versions the restore starts from: its batch writes only while the site is still at
    // them, so an edit saved while it runs is not overwritten (the job fails with 409 instead).
    let read = match target.id {
        Some(id) => Some(versions(db, id).await?),
        None => None,
    };
    let (site_id, before_restore) = match target.id {
        Some(id) => (id, Some(create(db, bucket, id, "before-restore", actor, progress).await?)),
        None => {
            #[derive(Deserialize)]
            struct Free {
                taken: i64,
                next: i64,
            }
            let free: Vec<Free> = rows(
                db,
                "SELECT (SELECT COUNT(*) FROM sites WHERE slug = ?1) AS taken, (SELECT COALESCE(MAX(id), 0) + 1 FROM sites) AS next",
                &[target.slug.as_str().into()],
            )
            .await?;
            match free.first() {
                Some(free) if free.taken == 0 => (free.next, None),
                _ => return Err(ApiError::Taken { path: "slug".into() }),
            }
        }
    };
    let old_media: Vec<String> = rows::<MediaKey>(db, "SELECT key FROM media WHERE site_id = ?1", &[num(site_id)]).await?.into_iter().map(|m| m.key).collect();

    let mut doc_keys = BTreeMap::new();
    let total = backup.documents.len() + manifest.media.len() + 1;
    for (done, (sha, body)) in backup.documents.iter().enumerate() {
        progress.report(Step::Documents, done, total).await?;
        let body = backup::document_for_site(body, from, &target.slug).map_err(ApiError::Backup)?;
        let key = format!("docs/{site_id}/{}.json", backup::sha256_hex(&body));
        bucket.put(&key, body).execute().await?;
        doc_keys.insert(sha.clone(), key);
    }
    for (done, row) in manifest.media.iter().enumerate() {
        progress.report(Step::Files, backup.documents.len() + done, total).await?;
        let metadata = HttpMetadata { content_type: Some(row.content_type.clone()), ..HttpMetadata::default() };
        let body = backup.media.get(&row.file).cloned().unwrap_or_default();
        bucket.put(media_key(site_id, &row.file), body).http_metadata(metadata).execute().await?;
    }

    let id = num(site_id);
    let draft_key = doc_keys[&manifest.draft].as_str();
    let name = target.name.as_deref().unwrap_or(&manifest.site.name);
    let site = match target.id {
        Some(_) => statement(
            db,
            "UPDATE sites SET name = ?2, kind = ?3, draft_key = ?4, draft_version = draft_version + 1, data_version = data_version + 1, \
             published_revision = NULL, updated_at = datetime('now') WHERE id = ?1",
            &[id.clone(), name.into(), manifest.site.kind.as_str().into(), draft_key.into()],
        )?,
        None => statement(
            db,
            "INSERT INTO sites (id, slug, name, kind, draft_version, draft_key) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            &[id.clone(), target.slug.as_str().into(), name.into(), manifest.site.kind.as_str().into(), draft_key.into()],
        )?,
    };
    let mut statements = Vec::new();
    if let Some(read) = &read {
        // Fails the whole batch (malformed JSON) when the site moved on since it was read.
        statements.push(statement(
            db,
            "SELECT json('the site changed while it was restored') FROM sites WHERE id = ?1 AND (draft_version != ?2 OR data_version != ?3)",
            &[id.clone(), num(read.draft_version), num(read.data_version)],
        )?);
    }
    statements.push(site);
    statements.push(statement(db, "DELETE FROM revisions WHERE site_id = ?1", std::slice::from_ref(&id))?);
    let revisions: Vec<RevisionRow> = manifest.revisions.iter().map(|r| RevisionRow { doc: doc_keys[&r.doc].clone(), ..r.clone() }).collect();
    for chunk in json_chunks(&revisions)? {
        statements.push(statement(
            db,
            "INSERT INTO revisions (site_id, revision, doc_key, draft_version, published_at, published_by, restored_from) \
             SELECT ?1, value ->> 'revision', value ->> 'doc', value ->> 'draft_version', value ->> 'published_at', value ->> 'published_by', \
             value ->> 'restored_from' FROM json_each(?2) ORDER BY key",
            &[id.clone(), chunk.into()],
        )?);
    }
    statements.push(statement(db, "UPDATE sites SET published_revision = ?2 WHERE id = ?1", &[id.clone(), manifest.published_revision.map_or(JsValue::NULL, num)])?);
    statements.push(statement(db, "DELETE FROM collection_items WHERE site_id = ?1", std::slice::from_ref(&id))?);
    let items = manifest
        .collections
        .iter()
        .map(|item| Ok(ItemRow { body: backup::item_for_site(item, from, &target.slug)?, ..item.clone() }))
        .collect::<Result<Vec<_>, BackupError>>()
        .map_err(ApiError::Backup)?;
    for chunk in json_chunks(&items)? {
        statements.push(statement(
            db,
            "INSERT INTO collection_items (site_id, collection, id, position, date, body, revision, updated_by, updated_at) \
             SELECT ?1, value ->> 'collection', value ->> 'id', value ->> 'position', value ->> 'date', value ->> 'body', value ->> 'revision', \
             value ->> 'updated_by', value ->> 'updated_at' FROM json_each(?2) ORDER BY key",
            &[id.clone(), chunk.into()],
        )?);
    }
    statements.push(statement(db, "DELETE FROM media WHERE site_id = ?1", std::slice::from_ref(&id))?);
    // The key is written out here: a site id bound to SQL is a JS number, which SQLite would
    // concatenate as `5.0`.
    #[derive(Serialize)]
    struct MediaInsert<'a> {
        key: String,
        #[serde(flatten)]
        row: &'a MediaRow,
    }
    let media: Vec<MediaInsert> = manifest.media.iter().map(|row| MediaInsert { key: media_key(site_id, &row.file), row }).collect();
    for chunk in json_chunks(&media)? {
        statements.push(statement(
            db,
            "INSERT INTO media (site_id, key, kind, content_type, bytes, width, height, original_name, alt, title, search, uploaded_by, uploaded_at) \
             SELECT ?1, value ->> 'key', value ->> 'kind', value ->> 'content_type', value ->> 'bytes', value ->> 'width', \
             value ->> 'height', value ->> 'original_name', value ->> 'alt', value ->> 'title', value ->> 'search', value ->> 'uploaded_by', \
             value ->> 'uploaded_at' FROM json_each(?2) ORDER BY key",
            &[id.clone(), chunk.into()],
        )?);
    }
    // Visitors' search follows the restored revision at the next search.
    statements.push(statement(db, "DELETE FROM search_built WHERE site_id = ?1", std::slice::from_ref(&id))?);
    let detail = format!("{} ({} revisions, {} items, {} files)", from, revisions.len(), items.len(), manifest.media.len());
    statements.push(audit_entry_if_changed(db, actor, "site.restore", Some(site_id), &detail)?);
    progress.report(Step::Saving, total - 1, total).await?;
    if let Err(err) = db.batch(statements).await {
        return Err(match read {
            Some(read) => match versions(db, site_id).await? {
                now if now != read => ApiError::StaleVersion { current_version: now.draft_version },
                _ => storage(err),
            },
            // A new site's address taken while the restore ran.
            None if crate::store::sites::site_by_slug(db, &target.slug).await?.is_some() => ApiError::Taken { path: "slug".into() },
            None => storage(err),
        });
    }

    // Files only the replaced state used: its backup holds them, the bucket need not.
    let kept: BTreeSet<String> = manifest.media.iter().map(|m| media_key(site_id, &m.file)).collect();
    for key in old_media.iter().filter(|key| !kept.contains(*key)) {
        let _ = bucket.delete(key).await;
    }
    Ok(Restored {
        slug: target.slug.clone(),
        revisions: revisions.len(),
        items: items.len(),
        media: manifest.media.len(),
        published_revision: manifest.published_revision,
        before_restore,
    })
}

fn statement(db: &D1Database, sql: &str, values: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare(sql).bind(values)?)
}

/// Rows as JSON arrays of at most [`CHUNK_BYTES`] each (one array holds at least one row).
fn json_chunks<T: Serialize>(rows: &[T]) -> Result<Vec<String>, ApiError> {
    let mut chunks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = 0;
    for row in rows {
        let json = serde_json::to_string(row)?;
        if !current.is_empty() && size + json.len() > CHUNK_BYTES {
            chunks.push(format!("[{}]", current.join(",")));
            (current, size) = (Vec::new(), 0);
        }
        size += json.len() + 1;
        current.push(json);
    }
    if !current.is_empty() {
        chunks.push(format!("[{}]", current.join(",")));
    }
    Ok(chunks)
}

/// What a restore checks has not moved on while it ran.
#[derive(Debug, PartialEq, Eq, Deserialize)]
struct Versions {
    draft_version: i64,
    data_version: i64,
}

async fn versions(db: &D1Database, site_id: i64) -> Result<Versions, ApiError> {
    let found: Vec<Versions> = rows(db, "SELECT draft_version, data_version FROM sites WHERE id = ?1", &[num(site_id)]).await?;
    found.into_iter().next().ok_or(ApiError::SiteNotFound)
}

#[derive(Deserialize)]
struct MediaKey {
    key: String,
}

fn media_key(site_id: i64, file: &str) -> String {
    format!("media/{site_id}/{file}")
}

/// Deletes the site's daily backups beyond the newest [`DAILY_KEPT`]: rows first, then each
/// archive no other row still names.
async fn prune(db: &D1Database, bucket: &Bucket, site_id: i64) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    struct Old {
        id: i64,
        key: String,
    }
    let old: Vec<Old> = rows(
        db,
        "SELECT id, key FROM backups WHERE site_id = ?1 AND kind = 'daily' ORDER BY id DESC LIMIT -1 OFFSET ?2",
        &[num(site_id), num(DAILY_KEPT as i64)],
    )
    .await?;
    for backup in old {
        db.prepare("DELETE FROM backups WHERE id = ?1").bind(&[num(backup.id)])?.run().await?;
        let used: Vec<MediaKey> = rows(db, "SELECT key FROM backups WHERE key = ?1 LIMIT 1", &[backup.key.as_str().into()]).await?;
        if used.is_empty() {
            bucket.delete(&backup.key).await?;
        }
    }
    Ok(())
}
