//! Whole-site backups: what an archive holds, how it is written and how it is checked before
//! anything is restored from it.
//!
//! An archive is a ZIP file of stored entries:
//! - `manifest.json`: the site (slug, name, kind), the draft, every published revision, every
//!   collection item and the media library's descriptions, as [`Manifest`];
//! - `documents/<sha256>.json`: each document body (the draft and every revision's), named by
//!   the SHA-256 of its bytes;
//! - `media/<sha256>.<ext>`: each file of the media library, likewise named by its checksum.
//!
//! Counters that only order concurrent edits (the draft's version, the data version) are not
//! in it, and neither is any date of the backup itself: the same site always makes the same
//! bytes, so a restore is proven by backing up again and comparing. Appeals, votes and
//! comments are citizens' records with their own retention rules and are not part of a site's
//! backup: restoring a site never touches them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::collection_items::{Collection, ItemError};
use crate::zip::{self, ZipError, ZipWriter};
use crate::{Lang, SiteDocument};

/// What the manifest's `format` says; another value is refused.
pub const FORMAT: &str = "civic-backup/1";

/// The largest archive a worker writes or restores: it holds the archive and, while restoring,
/// a copy of the site's current state in its 128 MB of memory.
pub const MAX_ARCHIVE_BYTES: usize = 40 * 1024 * 1024;

/// The site an archive was made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub slug: String,
    pub name: String,
    pub kind: String,
}

/// A published revision, as the `revisions` table keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub revision: i64,
    /// The SHA-256 of its document (`documents/<doc>.json`).
    pub doc: String,
    pub draft_version: i64,
    pub published_at: String,
    pub published_by: String,
    pub restored_from: Option<i64>,
}

/// A collection item, its body kept as the exact text stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub collection: String,
    pub id: String,
    pub position: i64,
    pub date: String,
    pub body: String,
    pub revision: i64,
    pub updated_by: String,
    pub updated_at: String,
}

/// A file of the media library: its description; the bytes are `media/<file>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRow {
    /// `<sha256>.<ext>`, the last part of its storage key and of its public address.
    pub file: String,
    pub kind: String,
    pub content_type: String,
    pub bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub original_name: String,
    pub alt: String,
    pub title: String,
    pub search: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// Everything about a site but the bytes of its documents and files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub site: SiteInfo,
    /// The SHA-256 of the draft's document.
    pub draft: String,
    pub published_revision: Option<i64>,
    pub revisions: Vec<RevisionRow>,
    pub collections: Vec<ItemRow>,
    pub media: Vec<MediaRow>,
}

/// A checked archive: its manifest and the bytes it names.
#[derive(Debug)]
pub struct Backup {
    pub manifest: Manifest,
    /// Document bodies by SHA-256.
    pub documents: BTreeMap<String, Vec<u8>>,
    /// Media files by `file` name.
    pub media: BTreeMap<String, Vec<u8>>,
}

/// Why an archive cannot be restored. Nothing has been changed when one is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// Larger than [`MAX_ARCHIVE_BYTES`].
    TooBig,
    /// The site's documents and files together exceed [`MAX_ARCHIVE_BYTES`]: it cannot be
    /// backed up in one archive.
    SiteTooBig,
    /// Not a ZIP file, or a damaged one.
    Archive(ZipError),
    /// No `manifest.json`, or one that is not a Civic backup's.
    NoManifest,
    /// A file the manifest names is missing from the archive.
    Missing { name: String },
    /// A file's bytes differ from what the manifest (its checksum or size) says: it was changed
    /// or damaged after the backup was made.
    Damaged { name: String },
    /// A document, an item or a description cannot be read as Civic's.
    Invalid { name: String, reason: String },
}

impl BackupError {
    /// What to tell the administrator who chose the archive.
    pub fn message(&self, lang: Lang) -> String {
        let mb = MAX_ARCHIVE_BYTES / 1024 / 1024;
        match (self, lang) {
            (BackupError::TooBig, Lang::Ru) => format!("Архив больше {mb} МБ: такую копию восстановить нельзя."),
            (BackupError::TooBig, Lang::En) => format!("The archive is larger than {mb} MB and cannot be restored."),
            (BackupError::SiteTooBig, Lang::Ru) => {
                format!("Страницы и файлы сайта вместе больше {mb} МБ: одним архивом такую копию не сделать. Удалите из библиотеки ненужные файлы.")
            }
            (BackupError::SiteTooBig, Lang::En) => format!("The site's pages and files exceed {mb} MB together and do not fit one archive. Remove unused files from the library."),
            (BackupError::Archive(err), Lang::Ru) => format!("Файл не открывается как резервная копия: {err}."),
            (BackupError::Archive(_), Lang::En) => "The file cannot be opened as a backup: it is not a ZIP archive or it is damaged.".into(),
            (BackupError::NoManifest, Lang::Ru) => "Это не резервная копия Civic: в архиве нет описания manifest.json.".into(),
            (BackupError::NoManifest, Lang::En) => "This is not a Civic backup: the archive has no manifest.json.".into(),
            (BackupError::Missing { name }, Lang::Ru) => format!("Копия неполная: в архиве нет файла {name}."),
            (BackupError::Missing { name }, Lang::En) => format!("The backup is incomplete: {name} is missing."),
            (BackupError::Damaged { name }, Lang::Ru) => format!("Копия повреждена: файл {name} изменён после создания копии."),
            (BackupError::Damaged { name }, Lang::En) => format!("The backup is damaged: {name} was changed after the backup was made."),
            (BackupError::Invalid { name, reason }, Lang::Ru) => format!("Копия повреждена: {name} не читается ({reason})."),
            (BackupError::Invalid { name, reason }, Lang::En) => format!("The backup is damaged: {name} cannot be read ({reason})."),
        }
    }
}

/// The SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn document_entry(sha: &str) -> String {
    format!("documents/{sha}.json")
}

fn media_entry(file: &str) -> String {
    format!("media/{file}")
}

/// Writes the archive. `documents` and `media` must hold every body the manifest names
/// (documents by checksum, files by name); entries are written in a fixed order.
pub fn write(manifest: &Manifest, documents: &BTreeMap<String, Vec<u8>>, media: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = ZipWriter::default();
    let json = serde_json::to_string_pretty(manifest).unwrap_or_default();
    zip.add("manifest.json", json.as_bytes());
    for (sha, body) in documents {
        zip.add(&document_entry(sha), body);
    }
    for (file, body) in media {
        zip.add(&media_entry(file), body);
    }
    zip.finish()
}

/// Reads an archive and checks everything in it before a restore may begin: the format,
/// every document's and file's checksum and size, that each document is a site document,
/// each item valid for its collection and each picture described.
pub fn read(archive: &[u8]) -> Result<Backup, BackupError> {
    if archive.len() > MAX_ARCHIVE_BYTES {
        return Err(BackupError::TooBig);
    }
    let entries = zip::entries(archive).map_err(BackupError::Archive)?;
    let unpack = |name: &str| -> Result<Vec<u8>, BackupError> {
        let entry = entries.get(name).ok_or_else(|| BackupError::Missing { name: name.into() })?;
        entry.unpack(MAX_ARCHIVE_BYTES).map_err(BackupError::Archive)
    };
    let manifest = entries.get("manifest.json").ok_or(BackupError::NoManifest)?;
    let manifest = manifest.unpack(MAX_ARCHIVE_BYTES).map_err(BackupError::Archive)?;
    let manifest: Manifest = serde_json::from_slice(&manifest).map_err(|_| BackupError::NoManifest)?;
    if manifest.format != FORMAT {
        return Err(BackupError::NoManifest);
    }
    check_rows(&manifest)?;

    let mut documents = BTreeMap::new();
    let wanted: BTreeSet<&String> = std::iter::once(&manifest.draft).chain(manifest.revisions.iter().map(|r| &r.doc)).collect();
    for sha in wanted {
        let name = document_entry(sha);
        let body = unpack(&name)?;
        if sha256_hex(&body) != *sha {
            return Err(BackupError::Damaged { name });
        }
        let text = std::str::from_utf8(&body).map_err(|_| BackupError::Damaged { name: name.clone() })?;
        SiteDocument::from_json(text).map_err(|err| BackupError::Invalid { name: name.clone(), reason: err.to_string() })?;
        documents.insert(sha.clone(), body);
    }
    let mut media = BTreeMap::new();
    for row in &manifest.media {
        let name = media_entry(&row.file);
        let body = unpack(&name)?;
        let sha = row.file.split('.').next().unwrap_or_default();
        if sha256_hex(&body) != sha || body.len() as i64 != row.bytes {
            return Err(BackupError::Damaged { name });
        }
        media.insert(row.file.clone(), body);
    }
    Ok(Backup { manifest, documents, media })
}

/// The manifest's own rows: known collections with valid items, described pictures, file names
/// that are checksums, revisions numbered once each.
fn check_rows(manifest: &Manifest) -> Result<(), BackupError> {
    let invalid = |name: String, reason: &str| BackupError::Invalid { name, reason: reason.into() };
    let is_sha = |text: &str| text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    if !is_sha(&manifest.draft) || manifest.revisions.iter().any(|r| !is_sha(&r.doc)) {
        return Err(invalid("manifest.json".into(), "document checksum"));
    }
    let numbers: BTreeSet<i64> = manifest.revisions.iter().map(|r| r.revision).collect();
    if numbers.len() != manifest.revisions.len() || numbers.iter().any(|n| *n < 1) {
        return Err(invalid("manifest.json".into(), "revision numbers"));
    }
    if manifest.published_revision.is_some_and(|n| !numbers.contains(&n)) {
        return Err(invalid("manifest.json".into(), "published revision"));
    }
    let mut seen = BTreeSet::new();
    for item in &manifest.collections {
        let name = format!("{}/{}", item.collection, item.id);
        let collection = Collection::parse(&item.collection).ok_or_else(|| invalid(name.clone(), "unknown collection"))?;
        // Items come back as the platform stored them: one saved before a rule was tightened
        // may miss today's content rules, but it must have its collection's shape and its id.
        let stored_id = serde_json::from_str::<serde_json::Value>(&item.body).ok().and_then(|v| v.get("id")?.as_str().map(String::from));
        match collection.check_item(&item.body) {
            Ok(_) | Err(ItemError::Invalid(_)) if stored_id.as_deref() == Some(item.id.as_str()) => {}
            _ => return Err(invalid(name, "item")),
        }
        if !seen.insert(name.clone()) {
            return Err(invalid(name, "twice"));
        }
    }
    let mut files = BTreeSet::new();
    for row in &manifest.media {
        let (sha, ext) = row.file.split_once('.').unwrap_or((&row.file, ""));
        let ext_ok = !ext.is_empty() && ext.len() <= 8 && ext.bytes().all(|b| b.is_ascii_alphanumeric());
        let kind_ok = match row.kind.as_str() {
            "image" => !row.alt.trim().is_empty(),
            "document" => true,
            _ => false,
        };
        if !is_sha(sha) || !ext_ok || !kind_ok || row.bytes < 1 || !files.insert(&row.file) {
            return Err(invalid(media_entry(&row.file), "description"));
        }
    }
    Ok(())
}

/// A document of the site `from` as it must be stored for the site `to`: addresses of the
/// media library (`/media/<from>/…`) point at `to`'s copy of the file. The same bytes when the
/// site is the same.
pub fn document_for_site(body: &[u8], from: &str, to: &str) -> Result<Vec<u8>, BackupError> {
    if from == to {
        return Ok(body.to_vec());
    }
    let json = retarget_json(body, from, to)?;
    let document = SiteDocument::from_json(&json).map_err(|err| BackupError::Invalid { name: "document".into(), reason: err.to_string() })?;
    Ok(document.to_json().into_bytes())
}

/// A collection item's body for the site `to`, as [`document_for_site`] does for documents.
pub fn item_for_site(item: &ItemRow, from: &str, to: &str) -> Result<String, BackupError> {
    if from == to {
        return Ok(item.body.clone());
    }
    retarget_json(item.body.as_bytes(), from, to)
}

fn retarget_json(body: &[u8], from: &str, to: &str) -> Result<String, BackupError> {
    let invalid = |reason: String| BackupError::Invalid { name: "document".into(), reason };
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|err| invalid(err.to_string()))?;
    retarget(&mut value, &format!("/media/{from}/"), &format!("/media/{to}/"));
    serde_json::to_string(&value).map_err(|err| invalid(err.to_string()))
}

fn retarget(value: &mut serde_json::Value, old: &str, new: &str) {
    match value {
        serde_json::Value::String(text) if text.contains(old) => *text = text.replace(old, new),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| retarget(v, old, new)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| retarget(v, old, new)),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
