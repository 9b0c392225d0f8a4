//! The media library without I/O: which files are accepted (by their bytes, see [`sniff`]),
//! how large they may be, how they are named, stored and served, and the clerk-facing reasons
//! for a refusal. The worker shell (`media_api.rs`, `media_store.rs`) reads the body, talks to
//! R2 and D1 and calls these.

mod sniff;

use civic_shared::Lang;
use serde::{Deserialize, Serialize};

use crate::security::sha256_hex;

pub use sniff::{first_look, identify, SNIFF_BYTES};

const MB: usize = 1024 * 1024;
/// Largest image accepted: a phone photo fits; a poster scan should be made smaller first.
pub const MAX_IMAGE_BYTES: usize = 10 * MB;
/// Largest document accepted: a scanned regulation of a hundred pages fits.
pub const MAX_DOCUMENT_BYTES: usize = 30 * MB;
/// Largest body an upload may declare before its kind is known.
pub const MAX_UPLOAD_BYTES: usize = MAX_DOCUMENT_BYTES;
/// How much of a refused body is read and dropped before the connection is given up: the most
/// a request to Cloudflare may carry.
pub const MAX_DISCARDED_BYTES: usize = 100 * MB;
/// Longest description (alt text) of an image, in characters.
pub const MAX_ALT_CHARS: usize = 500;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest file name kept for display, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Items per page of the library list.
pub const PAGE_SIZE: i64 = 40;

/// Images go into `<img>`; documents are linked to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// PNG, JPEG, GIF, WebP.
    Image,
    /// PDF, office documents, RTF, CSV, plain text.
    Document,
}

impl MediaKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Document => "document",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<MediaKind> {
        [MediaKind::Image, MediaKind::Document].into_iter().find(|kind| kind.as_str() == name)
    }

    /// The size limit of this kind, in bytes.
    pub fn max_bytes(self) -> usize {
        match self {
            MediaKind::Image => MAX_IMAGE_BYTES,
            MediaKind::Document => MAX_DOCUMENT_BYTES,
        }
    }
}

/// Every accepted file type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaType {
    Png,
    Jpeg,
    Gif,
    WebP,
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Doc,
    Xls,
    Ppt,
    Rtf,
    Csv,
    Txt,
}

impl MediaType {
    /// All accepted types, images first.
    pub const ALL: [MediaType; 17] = [
        MediaType::Png,
        MediaType::Jpeg,
        MediaType::Gif,
        MediaType::WebP,
        MediaType::Pdf,
        MediaType::Doc,
        MediaType::Docx,
        MediaType::Xls,
        MediaType::Xlsx,
        MediaType::Ppt,
        MediaType::Pptx,
        MediaType::Odt,
        MediaType::Ods,
        MediaType::Odp,
        MediaType::Rtf,
        MediaType::Csv,
        MediaType::Txt,
    ];

    /// Image or document.
    pub fn kind(self) -> MediaKind {
        match self {
            MediaType::Png | MediaType::Jpeg | MediaType::Gif | MediaType::WebP => MediaKind::Image,
            _ => MediaKind::Document,
        }
    }

    /// The extension of the stored file (and of its public address).
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Png => "png",
            MediaType::Jpeg => "jpg",
            MediaType::Gif => "gif",
            MediaType::WebP => "webp",
            MediaType::Pdf => "pdf",
            MediaType::Docx => "docx",
            MediaType::Xlsx => "xlsx",
            MediaType::Pptx => "pptx",
            MediaType::Odt => "odt",
            MediaType::Ods => "ods",
            MediaType::Odp => "odp",
            MediaType::Doc => "doc",
            MediaType::Xls => "xls",
            MediaType::Ppt => "ppt",
            MediaType::Rtf => "rtf",
            MediaType::Csv => "csv",
            MediaType::Txt => "txt",
        }
    }

    /// Other spellings of the extension that name the same type.
    fn also_named(self) -> &'static [&'static str] {
        match self {
            MediaType::Jpeg => &["jpeg", "jpe", "jfif"],
            _ => &[],
        }
    }

    /// The type of a stored file's extension.
    pub fn from_extension(extension: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|t| t.extension() == extension)
    }

    /// The `Content-Type` it is served with (text is always stored as UTF-8).
    pub fn content_type(self) -> &'static str {
        match self {
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Gif => "image/gif",
            MediaType::WebP => "image/webp",
            MediaType::Pdf => "application/pdf",
            MediaType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
            MediaType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            MediaType::Odp => "application/vnd.oasis.opendocument.presentation",
            MediaType::Doc => "application/msword",
            MediaType::Xls => "application/vnd.ms-excel",
            MediaType::Ppt => "application/vnd.ms-powerpoint",
            MediaType::Rtf => "application/rtf",
            MediaType::Csv => "text/csv; charset=utf-8",
            MediaType::Txt => "text/plain; charset=utf-8",
        }
    }

    /// The format as people name it: `PNG`, `DOCX`.
    pub fn label(self) -> String {
        self.extension().to_ascii_uppercase()
    }
}

/// Why an upload (or a change of its description) is refused. Each has a message a clerk can
/// act on; the router gives each its HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaProblem {
    /// No bytes at all.
    Empty,
    /// Over the limit of its kind (`None`: declared larger than any limit, kind not yet known).
    TooLarge { kind: Option<MediaKind> },
    /// Not one of the accepted types.
    Unsupported,
    /// An SVG: it can carry script, so it is refused.
    Svg,
    /// A document with macros.
    Macros,
    /// A text file not in UTF-8.
    TextNotUtf8,
    /// It looks like an accepted type but cannot be read.
    Damaged,
    /// An image without a description.
    AltRequired,
    /// A description over [`MAX_ALT_CHARS`].
    AltTooLong,
    /// A title over [`MAX_TITLE_CHARS`].
    TitleTooLong,
}

impl MediaProblem {
    /// The stable code in the API's error body.
    pub fn code(self) -> &'static str {
        match self {
            MediaProblem::Empty => "empty_file",
            MediaProblem::TooLarge { .. } => "file_too_large",
            MediaProblem::Unsupported => "unsupported_file_type",
            MediaProblem::Svg => "svg_not_accepted",
            MediaProblem::Macros => "macros_not_accepted",
            MediaProblem::TextNotUtf8 => "text_not_utf8",
            MediaProblem::Damaged => "damaged_file",
            MediaProblem::AltRequired => "alt_required",
            MediaProblem::AltTooLong => "alt_too_long",
            MediaProblem::TitleTooLong => "title_too_long",
        }
    }

    /// Which part of the upload is wrong: the file, its description or its title.
    pub fn field(self) -> &'static str {
        match self {
            MediaProblem::AltRequired | MediaProblem::AltTooLong => "alt",
            MediaProblem::TitleTooLong => "title",
            _ => "file",
        }
    }

    /// The message a clerk reads.
    pub fn message(self, lang: Lang) -> String {
        let (image_mb, document_mb) = (MAX_IMAGE_BYTES / MB, MAX_DOCUMENT_BYTES / MB);
        let (ru, en) = match self {
            MediaProblem::Empty => ("Файл пустой. Выберите другой файл.".to_string(), "The file is empty. Choose another file.".to_string()),
            MediaProblem::TooLarge { kind: Some(MediaKind::Image) } => (
                format!("Изображение больше {image_mb} МБ. Уменьшите его (например, сохраните в JPEG меньшего размера) и загрузите снова."),
                format!("The image is larger than {image_mb} MB. Make it smaller (say, a smaller JPEG) and upload it again."),
            ),
            MediaProblem::TooLarge { kind: Some(MediaKind::Document) } => (
                format!("Документ больше {document_mb} МБ. Сожмите его или разделите на части и загрузите снова."),
                format!("The document is larger than {document_mb} MB. Compress it or split it into parts and upload again."),
            ),
            MediaProblem::TooLarge { kind: None } => (
                format!("Файл слишком большой: изображения принимаются до {image_mb} МБ, документы — до {document_mb} МБ."),
                format!("The file is too large: images up to {image_mb} MB, documents up to {document_mb} MB are accepted."),
            ),
            MediaProblem::Unsupported => (
                format!(
                    "Такой файл загрузить нельзя. Принимаются изображения {} и документы {}. Тип определяется по содержимому файла, а не по его названию.",
                    accepted_labels(MediaKind::Image),
                    accepted_labels(MediaKind::Document)
                ),
                format!(
                    "This file cannot be uploaded. Accepted are images {} and documents {}. The type is read from the file's content, not its name.",
                    accepted_labels(MediaKind::Image),
                    accepted_labels(MediaKind::Document)
                ),
            ),
            MediaProblem::Svg => (
                "Изображения SVG не принимаются: такой файл может содержать программный код. Сохраните изображение в PNG и загрузите снова.".to_string(),
                "SVG images are not accepted: such a file can contain code. Save the image as PNG and upload it again.".to_string(),
            ),
            MediaProblem::Macros => (
                "Документ содержит макросы, а их нельзя публиковать на сайте. Сохраните документ без макросов (например, в DOCX или PDF) и загрузите снова.".to_string(),
                "The document contains macros, which may not be published. Save it without macros (say, as DOCX or PDF) and upload it again.".to_string(),
            ),
            MediaProblem::TextNotUtf8 => (
                "Текстовый файл должен быть в кодировке UTF-8. В Excel выберите «Сохранить как» → «CSV UTF-8», в Блокноте — кодировку UTF-8.".to_string(),
                "A text file must be in UTF-8. In Excel choose Save As → CSV UTF-8; in Notepad choose the UTF-8 encoding.".to_string(),
            ),
            MediaProblem::Damaged => (
                "Файл повреждён: его не удалось прочитать. Откройте его на компьютере, сохраните заново и загрузите снова.".to_string(),
                "The file is damaged and cannot be read. Open it on your computer, save it again and upload it again.".to_string(),
            ),
            MediaProblem::AltRequired => (
                "Для изображения нужно описание: что на нём изображено. Его прочитают вслух незрячим посетителям.".to_string(),
                "An image needs a description of what it shows. Screen readers read it to blind visitors.".to_string(),
            ),
            MediaProblem::AltTooLong => (
                format!("Описание изображения слишком длинное: не больше {MAX_ALT_CHARS} знаков."),
                format!("The image description is too long: at most {MAX_ALT_CHARS} characters."),
            ),
            MediaProblem::TitleTooLong => (
                format!("Название слишком длинное: не больше {MAX_TITLE_CHARS} знаков."),
                format!("The title is too long: at most {MAX_TITLE_CHARS} characters."),
            ),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// `PNG, JPEG, GIF, WEBP` — the accepted formats of a kind, for messages.
fn accepted_labels(kind: MediaKind) -> String {
    let labels: Vec<String> = MediaType::ALL
        .into_iter()
        .filter(|t| t.kind() == kind)
        .map(|t| if t == MediaType::Jpeg { "JPEG".to_string() } else { t.label() })
        .collect();
    labels.join(", ")
}

/// Refuses a body over its kind's limit (or, before the kind is known, over every limit).
pub fn check_size(kind: Option<MediaKind>, bytes: usize) -> Result<(), MediaProblem> {
    let limit = kind.map_or(MAX_UPLOAD_BYTES, MediaKind::max_bytes);
    match bytes {
        0 => Err(MediaProblem::Empty),
        n if n > limit => Err(MediaProblem::TooLarge { kind }),
        _ => Ok(()),
    }
}

/// Takes an upload's body chunk by chunk and refuses it as soon as it can: a declared
/// `Content-Length` over every limit before anything is read; an image without a description,
/// or a declared length over its kind's limit, once the first bytes tell the kind; and a body
/// that grows past its limit (whatever it declared, or if it declared nothing) at once, so an
/// over-size body is never held in memory.
#[derive(Debug)]
pub struct UploadReader {
    declared: Option<usize>,
    alt: String,
    body: Vec<u8>,
    kind: Option<MediaKind>,
}

/// An upload's whole body with its kind and its checked description.
#[derive(Debug, PartialEq, Eq)]
pub struct ReadUpload {
    pub body: Vec<u8>,
    pub kind: MediaKind,
    pub alt: String,
}

impl UploadReader {
    /// Starts reading a body that declared `declared` bytes, described by `alt`.
    pub fn new(declared: Option<usize>, alt: &str) -> Result<UploadReader, MediaProblem> {
        if let Some(length) = declared {
            check_size(None, length)?;
        }
        // The declared length is only trusted to refuse, never to reserve more than a limit.
        let capacity = declared.unwrap_or(SNIFF_BYTES).min(MAX_UPLOAD_BYTES);
        Ok(UploadReader { declared, alt: alt.to_string(), body: Vec::with_capacity(capacity), kind: None })
    }

    /// Takes the next chunk.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), MediaProblem> {
        self.body.extend_from_slice(chunk);
        if self.kind.is_none() && self.body.len() >= SNIFF_BYTES {
            self.decide_kind()?;
        }
        check_size(self.kind, self.body.len())
    }

    fn decide_kind(&mut self) -> Result<MediaKind, MediaProblem> {
        let kind = first_look(&self.body)?;
        self.alt = check_alt(kind, &self.alt)?;
        if let Some(length) = self.declared {
            check_size(Some(kind), length)?;
        }
        self.kind = Some(kind);
        Ok(kind)
    }

    /// The whole body, once the stream has ended.
    pub fn finish(mut self) -> Result<ReadUpload, MediaProblem> {
        let kind = match self.kind {
            Some(kind) => kind,
            None => self.decide_kind()?,
        };
        check_size(Some(kind), self.body.len())?;
        Ok(ReadUpload { body: self.body, kind, alt: self.alt })
    }
}

/// What an accepted upload is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Examined {
    /// Its type, from its bytes.
    pub media_type: MediaType,
    /// Hex SHA-256 of the bytes: the content address.
    pub sha256: String,
    /// Pixel width and height of an image.
    pub dimensions: Option<(u32, u32)>,
}

/// Examines a whole uploaded file: its size, its type and, for an image, its pixel size (read
/// from the header; nothing is decoded).
pub fn examine(bytes: &[u8], name: &str) -> Result<Examined, MediaProblem> {
    check_size(None, bytes.len())?;
    let media_type = identify(bytes, name)?;
    check_size(Some(media_type.kind()), bytes.len())?;
    let dimensions = match media_type.kind() {
        MediaKind::Image => Some(image_dimensions(bytes)?),
        MediaKind::Document => None,
    };
    Ok(Examined { media_type, sha256: sha256_hex(bytes), dimensions })
}

fn image_dimensions(bytes: &[u8]) -> Result<(u32, u32), MediaProblem> {
    let size = imagesize::blob_size(bytes).map_err(|_| MediaProblem::Damaged)?;
    match (u32::try_from(size.width), u32::try_from(size.height)) {
        (Ok(width), Ok(height)) if width > 0 && height > 0 => Ok((width, height)),
        _ => Err(MediaProblem::Damaged),
    }
}

/// A description (alt text) as stored: trimmed, control characters as spaces; required for
/// images, at most [`MAX_ALT_CHARS`].
pub fn check_alt(kind: MediaKind, alt: &str) -> Result<String, MediaProblem> {
    let alt = one_line(alt);
    if alt.is_empty() && kind == MediaKind::Image {
        return Err(MediaProblem::AltRequired);
    }
    if alt.chars().count() > MAX_ALT_CHARS {
        return Err(MediaProblem::AltTooLong);
    }
    Ok(alt)
}

/// A title as stored: trimmed, one line, at most [`MAX_TITLE_CHARS`].
pub fn check_title(title: &str) -> Result<String, MediaProblem> {
    let title = one_line(title);
    match title.chars().count() > MAX_TITLE_CHARS {
        true => Err(MediaProblem::TitleTooLong),
        false => Ok(title),
    }
}

fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// The uploader's file name as shown and offered on download: no folders (`C:\fakepath\`), no
/// control characters, Cyrillic kept, at most [`MAX_NAME_CHARS`], and ending in the extension of
/// its real type (`отчёт.doc` that is really a DOCX becomes `отчёт.docx`). It is never used as a
/// storage key.
pub fn display_name(raw: &str, media_type: MediaType) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean = one_line(base);
    let clean = clean.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let (stem, extension) = match clean.rsplit_once('.') {
        Some((stem, ext)) => (stem, Some(ext.to_lowercase())),
        None => (clean, None),
    };
    let wanted = media_type.extension();
    let (stem, keep_extension) = match extension.as_deref() {
        Some(ext) if ext == wanted || media_type.also_named().contains(&ext) => (stem, extension.clone()),
        // A known extension of another type is replaced; anything else is part of the name.
        Some(ext) if MediaType::ALL.iter().any(|t| t.extension() == ext || t.also_named().contains(&ext)) => (stem, None),
        _ => (clean, None),
    };
    let extension = keep_extension.unwrap_or_else(|| wanted.to_string());
    let stem = stem.trim();
    let stem = if stem.is_empty() { "файл" } else { stem };
    let room = MAX_NAME_CHARS.saturating_sub(extension.chars().count() + 1);
    let stem: String = stem.chars().take(room).collect();
    format!("{}.{extension}", stem.trim_end())
}

/// The object key in R2: content-addressed per site, so a name can never collide or traverse.
pub fn storage_key(site_id: i64, examined: &Examined) -> String {
    format!("media/{site_id}/{}", public_file_name(&examined.sha256, examined.media_type))
}

/// `<sha256>.<ext>`: the last segment of the public address.
pub fn public_file_name(sha256: &str, media_type: MediaType) -> String {
    format!("{sha256}.{}", media_type.extension())
}

/// The public address of a stored file, as written into site documents: relative, so it works
/// on the platform host, in the constructor's preview and on the site's own host.
pub fn public_path(site_slug: &str, key: &str) -> String {
    let file = key.rsplit('/').next().unwrap_or("");
    format!("/media/{site_slug}/{file}")
}

/// A public file name as addresses carry it: 64 lower-case hex digits, a dot, an accepted
/// extension. Anything else is not a media address (and stays a page path).
pub fn parse_public_file(file: &str) -> Option<(&str, MediaType)> {
    let (sha, extension) = file.split_once('.')?;
    let hex = sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hex.then_some(())?;
    Some((sha, MediaType::from_extension(extension)?))
}

/// Decodes a header value the browser percent-encoded (`encodeURIComponent`): headers carry
/// only Latin-1 safely, names and descriptions are Cyrillic. `None` for a broken encoding.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// What the library's search field looks in: name, description and title, lower-cased (D1's
/// `lower()` knows only ASCII, so the worker does it).
pub fn search_text(name: &str, alt: &str, title: &str) -> String {
    format!("{name}\n{alt}\n{title}").to_lowercase()
}

/// A stored item as D1 returns it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StoredMedia {
    pub id: i64,
    pub key: String,
    pub kind: String,
    pub content_type: String,
    pub bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub original_name: String,
    pub alt: String,
    pub title: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// An item as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaItem {
    pub id: i64,
    /// Public address, relative (see [`public_path`]).
    pub url: String,
    pub kind: MediaKind,
    /// `PNG`, `DOCX`.
    pub format: String,
    pub content_type: String,
    pub bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// The uploader's file name, cleaned (see [`display_name`]).
    pub name: String,
    pub alt: String,
    pub title: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

impl StoredMedia {
    /// The API's view of this item of the site `site_slug`.
    pub fn item(&self, site_slug: &str) -> MediaItem {
        let extension = self.key.rsplit_once('.').map_or("", |(_, ext)| ext);
        MediaItem {
            id: self.id,
            url: public_path(site_slug, &self.key),
            kind: MediaKind::parse(&self.kind).unwrap_or(MediaKind::Document),
            format: MediaType::from_extension(extension).map_or_else(|| extension.to_ascii_uppercase(), MediaType::label),
            content_type: self.content_type.clone(),
            bytes: self.bytes,
            width: self.width,
            height: self.height,
            name: self.original_name.clone(),
            alt: self.alt.clone(),
            title: self.title.clone(),
            uploaded_by: self.uploaded_by.clone(),
            uploaded_at: self.uploaded_at.clone(),
        }
    }
}

/// `GET /api/sites/<slug>/media?cursor=<id>&kind=image|document&q=<words>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Only items older than this id (the previous page's `next_cursor`).
    pub cursor: Option<i64>,
    pub kind: Option<MediaKind>,
    /// Lower-cased search words, matched as one phrase.
    pub search: Option<String>,
}

impl ListQuery {
    /// Reads the query string's pairs; empty values mean "not given".
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<ListQuery, BadQuery> {
        let bad = |path: &'static str, reason: &'static str| BadQuery { path, reason };
        let mut query = ListQuery::default();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                "cursor" => {
                    query.cursor = Some(value.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| bad("cursor", "номер записи"))?)
                }
                "kind" => query.kind = Some(MediaKind::parse(value).ok_or_else(|| bad("kind", "image или document"))?),
                "q" => query.search = Some(value.chars().take(100).collect::<String>().to_lowercase()),
                _ => {}
            }
        }
        Ok(query)
    }
}

/// A query parameter of the library's list that does not read: which one, and what it should be.
#[derive(Debug, PartialEq, Eq)]
pub struct BadQuery {
    pub path: &'static str,
    pub reason: &'static str,
}

/// `PATCH /api/sites/<slug>/media/<id>`: only the fields present change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeMedia {
    /// New description.
    pub alt: Option<String>,
    /// New title.
    pub title: Option<String>,
}

/// The headers a public media file is served with. The address is content-addressed, so it is
/// cached for a year as immutable and its ETag is its hash. Images and text are sandboxed, so
/// even opened on their own they can run nothing; PDFs are not, because browsers refuse to
/// show a PDF under a sandbox or `object-src 'none'`, and are only ever shown in their viewer.
pub fn public_headers(media_type: MediaType, sha256: &str, name: &str) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("Content-Type", media_type.content_type().to_string()),
        ("Cache-Control", "public, max-age=31536000, immutable".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("ETag", format!("\"{sha256}\"")),
    ];
    if media_type != MediaType::Pdf {
        headers.push(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_string()));
    }
    if media_type.kind() == MediaKind::Document {
        headers.push(("Content-Disposition", content_disposition(name)));
    }
    headers
}

/// `inline; filename="…"; filename*=UTF-8''…` (RFC 6266): the original Cyrillic name for
/// browsers that read `filename*`, an ASCII stand-in for the rest.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name.chars().map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::sniff::tests::{zip, TINY_PNG};
    use super::*;

    #[test]
    fn limits_per_kind() {
        assert_eq!(check_size(None, 0), Err(MediaProblem::Empty));
        assert_eq!(check_size(Some(MediaKind::Image), MAX_IMAGE_BYTES), Ok(()));
        assert_eq!(check_size(Some(MediaKind::Image), MAX_IMAGE_BYTES + 1), Err(MediaProblem::TooLarge { kind: Some(MediaKind::Image) }));
        assert_eq!(check_size(Some(MediaKind::Document), MAX_IMAGE_BYTES + 1), Ok(()));
        assert_eq!(check_size(None, MAX_UPLOAD_BYTES + 1), Err(MediaProblem::TooLarge { kind: None }));
        assert!(MediaProblem::TooLarge { kind: Some(MediaKind::Image) }.message(Lang::Ru).contains("10 МБ"));
        assert!(MediaProblem::TooLarge { kind: Some(MediaKind::Document) }.message(Lang::Ru).contains("30 МБ"));
    }

    #[test]
    fn uploads_are_refused_as_early_as_possible() {
        let too_large = Some(MAX_UPLOAD_BYTES + 1);
        assert_eq!(UploadReader::new(too_large, "").unwrap_err(), MediaProblem::TooLarge { kind: None });
        // An image declared over its limit is refused after its first kilobyte.
        let mut reader = UploadReader::new(Some(MAX_IMAGE_BYTES + 1), "Герб").unwrap();
        let mut head = TINY_PNG.to_vec();
        head.resize(SNIFF_BYTES, 0);
        assert_eq!(reader.push(&head), Err(MediaProblem::TooLarge { kind: Some(MediaKind::Image) }));
        // So is an image without a description, before the rest is read.
        let mut reader = UploadReader::new(Some(MAX_IMAGE_BYTES), " ").unwrap();
        assert_eq!(reader.push(&head), Err(MediaProblem::AltRequired));
        // A body that declares nothing (or lies) is cut off once it passes its kind's limit.
        let mut reader = UploadReader::new(None, "Герб").unwrap();
        reader.push(&head).unwrap();
        let chunk = vec![0; MB];
        let mut refused = None;
        for _ in 0..11 {
            if let Err(problem) = reader.push(&chunk) {
                refused = Some(problem);
                break;
            }
        }
        assert_eq!(refused, Some(MediaProblem::TooLarge { kind: Some(MediaKind::Image) }));
    }

    #[test]
    fn short_uploads_are_judged_when_they_end() {
        let mut reader = UploadReader::new(Some(TINY_PNG.len()), "  Герб области ").unwrap();
        reader.push(&TINY_PNG[..10]).unwrap();
        reader.push(&TINY_PNG[10..]).unwrap();
        let read = reader.finish().unwrap();
        assert_eq!((read.kind, read.alt.as_str(), read.body.as_slice()), (MediaKind::Image, "Герб области", TINY_PNG));
        assert_eq!(UploadReader::new(None, "").unwrap().finish(), Err(MediaProblem::Empty));
        let mut text = UploadReader::new(None, "").unwrap();
        text.push(b"a;b\n").unwrap();
        assert_eq!(text.finish().map(|r| r.kind), Ok(MediaKind::Document));
        let mut image = UploadReader::new(None, "").unwrap();
        image.push(TINY_PNG).unwrap();
        assert_eq!(image.finish(), Err(MediaProblem::AltRequired));
    }

    #[test]
    fn an_image_is_examined_with_its_pixel_size() {
        let examined = examine(TINY_PNG, "Фото.png").unwrap();
        assert_eq!(examined.media_type, MediaType::Png);
        assert_eq!(examined.dimensions, Some((3, 2)));
        assert_eq!(examined.sha256, sha256_hex(TINY_PNG));
        assert_eq!(storage_key(7, &examined), format!("media/7/{}.png", examined.sha256));
        // A PNG signature on a body whose header is cut off cannot be measured.
        assert_eq!(examine(&TINY_PNG[..12], "x.png"), Err(MediaProblem::Damaged));
    }

    #[test]
    fn an_oversized_image_is_refused_even_if_small_documents_would_pass() {
        let mut big = TINY_PNG.to_vec();
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(examine(&big, "x.png"), Err(MediaProblem::TooLarge { kind: Some(MediaKind::Image) }));
        let docx = zip(&[("[Content_Types].xml", b"<T/>"), ("word/document.xml", b"<w/>")]);
        let examined = examine(&docx, "Приказ №5.docx").unwrap();
        assert_eq!((examined.media_type, examined.dimensions), (MediaType::Docx, None));
    }

    #[test]
    fn messages_name_the_accepted_types_in_both_languages() {
        let ru = MediaProblem::Unsupported.message(Lang::Ru);
        assert!(ru.contains("PNG, JPEG, GIF, WEBP") && ru.contains("PDF, DOC, DOCX"), "{ru}");
        assert!(MediaProblem::Unsupported.message(Lang::En).contains("Accepted are images"));
        assert!(MediaProblem::Svg.message(Lang::Ru).contains("PNG"));
        assert_eq!(MediaProblem::AltRequired.field(), "alt");
        assert_eq!(MediaProblem::Svg.field(), "file");
    }

    #[test]
    fn alt_text_is_required_for_images_only() {
        assert_eq!(check_alt(MediaKind::Image, "   "), Err(MediaProblem::AltRequired));
        assert_eq!(check_alt(MediaKind::Image, " Здание\nминистерства "), Ok("Здание министерства".into()));
        assert_eq!(check_alt(MediaKind::Document, ""), Ok(String::new()));
        assert_eq!(check_alt(MediaKind::Image, &"я".repeat(MAX_ALT_CHARS + 1)), Err(MediaProblem::AltTooLong));
        assert_eq!(check_title(&"я".repeat(MAX_TITLE_CHARS)), Ok("я".repeat(MAX_TITLE_CHARS)));
        assert_eq!(check_title(&"я".repeat(MAX_TITLE_CHARS + 1)), Err(MediaProblem::TitleTooLong));
    }

    #[test]
    fn display_names_keep_cyrillic_and_lose_folders() {
        assert_eq!(display_name("C:\\fakepath\\Отчёт за 2025 год.pdf", MediaType::Pdf), "Отчёт за 2025 год.pdf");
        assert_eq!(display_name("../../etc/passwd", MediaType::Txt), "passwd.txt");
        assert_eq!(display_name("фото.JPEG", MediaType::Jpeg), "фото.jpeg");
        assert_eq!(display_name("приказ.doc", MediaType::Docx), "приказ.docx", "a known wrong extension is replaced");
        assert_eq!(display_name("версия 1.2", MediaType::Pdf), "версия 1.2.pdf", "an unknown one is part of the name");
        assert_eq!(display_name("", MediaType::Png), "файл.png");
        assert_eq!(display_name(" .. ", MediaType::Png), "файл.png");
        assert_eq!(display_name("a\u{0}b\u{202e}.png", MediaType::Png), "a b\u{202e}.png");
        let long = display_name(&format!("{}.pdf", "ж".repeat(300)), MediaType::Pdf);
        assert_eq!(long.chars().count(), MAX_NAME_CHARS);
        assert!(long.ends_with("ж.pdf"));
    }

    #[test]
    fn public_file_names_are_strict() {
        let sha = "a".repeat(64);
        assert_eq!(parse_public_file(&format!("{sha}.png")), Some((sha.as_str(), MediaType::Png)));
        assert_eq!(parse_public_file(&format!("{sha}.exe")), None);
        assert_eq!(parse_public_file(&format!("{}.png", "A".repeat(64))), None);
        assert_eq!(parse_public_file(&format!("{}.png", "a".repeat(63))), None);
        assert_eq!(parse_public_file("kontakty"), None);
        assert_eq!(parse_public_file(&format!("{sha}.png.html")), None);
        assert_eq!(public_path("mincifra", &format!("media/1/{sha}.pdf")), format!("/media/mincifra/{sha}.pdf"));
    }

    #[test]
    fn header_values_are_percent_decoded() {
        assert_eq!(percent_decode("%D0%A4%D0%BE%D1%82%D0%BE%20%E2%84%961.png").as_deref(), Some("Фото №1.png"));
        assert_eq!(percent_decode("plain.txt").as_deref(), Some("plain.txt"));
        assert_eq!(percent_decode("%D0"), None, "a cut character");
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%"), None);
    }

    #[test]
    fn served_headers() {
        let sha = "b".repeat(64);
        let png = public_headers(MediaType::Png, &sha, "x.png");
        let header = |headers: &[(&str, String)], name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
        assert_eq!(header(&png, "Cache-Control").as_deref(), Some("public, max-age=31536000, immutable"));
        assert_eq!(header(&png, "Content-Type").as_deref(), Some("image/png"));
        assert_eq!(header(&png, "ETag"), Some(format!("\"{sha}\"")));
        assert!(header(&png, "Content-Security-Policy").unwrap().contains("sandbox"));
        assert_eq!(header(&png, "Content-Disposition"), None);
        let pdf = public_headers(MediaType::Pdf, &sha, "Отчёт \"итог\".pdf");
        assert_eq!(header(&pdf, "Content-Security-Policy"), None);
        assert_eq!(
            header(&pdf, "Content-Disposition").as_deref(),
            Some("inline; filename=\"_____ ______.pdf\"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%22%D0%B8%D1%82%D0%BE%D0%B3%22.pdf")
        );
        assert_eq!(header(&public_headers(MediaType::Csv, &sha, "a.csv"), "Content-Type").as_deref(), Some("text/csv; charset=utf-8"));
    }

    #[test]
    fn list_queries() {
        assert_eq!(ListQuery::from_pairs([]).unwrap(), ListQuery::default());
        let query = ListQuery::from_pairs([("cursor", "41"), ("kind", "image"), ("q", " Здание "), ("other", "x")]).unwrap();
        assert_eq!(query, ListQuery { cursor: Some(41), kind: Some(MediaKind::Image), search: Some("здание".into()) });
        assert_eq!(ListQuery::from_pairs([("kind", ""), ("q", "")]).unwrap(), ListQuery::default());
        assert!(ListQuery::from_pairs([("cursor", "-1")]).is_err());
        assert!(ListQuery::from_pairs([("kind", "video")]).is_err());
    }

    #[test]
    fn stored_rows_become_items() {
        let sha = "c".repeat(64);
        let row = StoredMedia {
            id: 5,
            key: format!("media/1/{sha}.docx"),
            kind: "document".into(),
            content_type: MediaType::Docx.content_type().into(),
            bytes: 2048,
            width: None,
            height: None,
            original_name: "Положение.docx".into(),
            alt: String::new(),
            title: "Положение о конкурсе".into(),
            uploaded_by: "editor.mincifra".into(),
            uploaded_at: "2026-11-23 10:00:00".into(),
        };
        let item = row.item("mincifra");
        assert_eq!(item.url, format!("/media/mincifra/{sha}.docx"));
        assert_eq!((item.kind, item.format.as_str()), (MediaKind::Document, "DOCX"));
        assert_eq!(search_text(&item.name, &item.alt, &item.title), "положение.docx\n\nположение о конкурсе");
    }
}
