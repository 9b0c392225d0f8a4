//! Import of an old site into a site's draft, for both APIs, as the public worker takes it:
//! the upload checked for what it cheaply can be (its size, whether it is an archive or a
//! page's HTML), then queued as a job with its options. The jobs worker does the import
//! (`crate::jobs::site_import`).

use civic_shared::site_import::{SiteImportError, MAX_UPLOAD_BYTES};
use serde::{Deserialize, Serialize};

use crate::api::ApiError;

/// What was sent: an archive, or the HTML of one page.
pub enum Upload {
    /// A ZIP archive of the old site.
    Archive(Vec<u8>),
    /// One page's HTML (pasted).
    Page(String),
}

impl Upload {
    /// The upload a body is, from its first bytes (a ZIP starts with `PK`) or its type.
    pub fn from_body(bytes: Vec<u8>, content_type: &str) -> Result<Upload, ApiError> {
        if bytes.len() > MAX_UPLOAD_BYTES {
            return Err(ApiError::SiteImport(SiteImportError::TooBig));
        }
        if is_archive(&bytes) {
            return Ok(Upload::Archive(bytes));
        }
        let html = content_type.starts_with("text/html") || content_type.starts_with("text/plain");
        match String::from_utf8(bytes) {
            Ok(text) if html || text.contains('<') => Upload::page(text),
            _ => Err(ApiError::SiteImport(SiteImportError::UnknownFormat)),
        }
    }

    /// An archive sent as such (the API v1's `archive`): bytes that do not even begin as a ZIP
    /// archive are refused before a job is queued, in the words the full reading would use.
    pub fn archive(bytes: Vec<u8>) -> Result<Upload, ApiError> {
        match is_archive(&bytes) {
            true => Ok(Upload::Archive(bytes)),
            false => Err(ApiError::SiteImport(SiteImportError::BrokenArchive { reason: "это не ZIP-архив".into() })),
        }
    }

    /// One page's HTML; an empty one is refused (it would make an empty page).
    pub fn page(html: String) -> Result<Upload, ApiError> {
        if html.trim().is_empty() {
            return Err(ApiError::BadRequest { path: "html".into(), reason: "код страницы пуст".into() });
        }
        Ok(Upload::Page(html))
    }
}

/// What an import job is asked besides the upload (kept in R2 for the job).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ImportJob {
    /// The page the imported pages go under; the top level when absent.
    pub parent: Option<String>,
    /// The old site's address, so its absolute links become the new site's.
    pub old_host: Option<String>,
    /// Only plan and report; change nothing.
    pub dry_run: bool,
    /// The draft version the caller has seen; `None` takes the current one.
    pub base_version: Option<i64>,
}

impl Upload {
    /// The bytes kept for the job; [`Upload::from_kept`] reads them back.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Upload::Archive(bytes) => bytes,
            Upload::Page(html) => html.into_bytes(),
        }
    }

    /// The upload a job's kept bytes are (they were checked when it was queued).
    #[cfg(feature = "jobs")]
    pub fn from_kept(bytes: Vec<u8>) -> Upload {
        if is_archive(&bytes) {
            return Upload::Archive(bytes);
        }
        Upload::Page(String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned()))
    }
}

/// Whether the bytes are a ZIP archive (a local file header, or an empty archive's end).
fn is_archive(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}
