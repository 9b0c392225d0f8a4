//! Writing a backup archive and checking one before anything is restored from it.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::*;
use crate::collection_items::{Collection, ItemError};
use crate::zip::{self, ZipWriter};
use crate::SiteDocument;

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

