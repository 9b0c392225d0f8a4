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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::zip::ZipError;
use crate::Lang;

// Writing and reading archives (the jobs worker's work): the rest of this module is what both
// workers share, the archive's rows and the words of its errors.
#[cfg(feature = "backup")]
mod archive;
#[cfg(feature = "backup")]
pub use archive::{document_for_site, item_for_site, read, sha256_hex, write};

/// The check the public worker makes before it queues a restore: a file that does not even
/// begin as a ZIP archive is refused at once, in the words the full check would use.
pub fn looks_like_archive(bytes: &[u8]) -> Result<(), BackupError> {
    match bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        true => Ok(()),
        false => Err(BackupError::Archive(ZipError::NotZip)),
    }
}

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

#[cfg(all(test, feature = "backup"))]
mod tests;
