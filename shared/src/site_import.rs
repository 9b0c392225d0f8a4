//! Import of an old site: its HTML pages (an uploaded ZIP archive, or one pasted page) become
//! pages and blocks of the site document. The conversion itself ([`convert`], feature
//! `site-import`) runs in the worker with a real HTML parser, so the constructor and outside
//! systems (API v1) get the same result; the types here, the report's notes and their
//! messages are shared with the constructor.
//!
//! Only what the document can say survives: headings, paragraphs with bold, italic and links,
//! lists, quotes, tables, pictures, links to files, rules and frames of the allowed video hosts.
//! Nothing of the old markup is copied as markup (no attribute, no style, no script), so
//! hostile HTML cannot reach the new site; what was left out is listed in the report.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[cfg(feature = "site-import")]
pub mod convert;

/// The largest archive or pasted page accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;
/// Most pages one import creates.
pub const MAX_PAGES: usize = 300;
/// Most pictures and files one import copies into the media library.
pub const MAX_ASSETS: usize = 500;

/// What the import left out or changed on one page (or in the archive as a whole, with an
/// empty `source`), for the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The old page's path in the archive; empty for the archive as a whole.
    pub source: String,
    /// What happened (its `code` and details sit beside `source` in JSON).
    #[serde(flatten)]
    pub kind: NoteKind,
}

/// Kinds of markup the document has no place for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Removed {
    /// `<script>`.
    Scripts,
    /// `<form>` and its fields.
    Forms,
    /// `<iframe>` from a host that is not allowed.
    Frames,
    /// `<video>`, `<audio>`.
    Media,
    /// `<object>`, `<embed>`, `<applet>`.
    Objects,
    /// `<svg>`, `<math>`, `<canvas>`.
    Graphics,
}

/// One remark of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NoteKind {
    /// Markup of this kind was left out, `count` times.
    Removed { what: Removed, count: usize },
    /// A link that a browser could run or that the site cannot serve (`javascript:`, `data:`,
    /// `ftp:`…): the text stays, the link is gone.
    UnsafeLink { href: String },
    /// A link or picture pointing to a file the archive does not hold.
    MissingFile { href: String },
    /// `http:` links now point to `https:`.
    HttpLinks { count: usize },
    /// A picture without a description: its file name stands in until an editor writes one.
    NoAlt { file: String },
    /// A table without a caption got «Таблица N».
    TableCaption { caption: String },
    /// Cells spanning several rows or columns were split.
    MergedCells,
    /// Text longer than the document allows was cut.
    Truncated,
    /// The page had more blocks than a page may hold; the rest was left out.
    TooManyBlocks,
    /// Nothing on the page could be converted: it was created empty.
    Empty,
    /// A picture or file could not be copied into the media library.
    AssetFailed { file: String, reason: String },
    /// Files of the archive that no page uses were skipped.
    Unused { count: usize },
}

impl Removed {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Removed::Scripts, Lang::Ru) => "скрипты",
            (Removed::Scripts, Lang::En) => "scripts",
            (Removed::Forms, Lang::Ru) => "формы",
            (Removed::Forms, Lang::En) => "forms",
            (Removed::Frames, Lang::Ru) => "встроенные фреймы с других сайтов",
            (Removed::Frames, Lang::En) => "frames from other sites",
            (Removed::Media, Lang::Ru) => "видео и аудио",
            (Removed::Media, Lang::En) => "video and audio",
            (Removed::Objects, Lang::Ru) => "встроенные объекты (object, embed)",
            (Removed::Objects, Lang::En) => "embedded objects (object, embed)",
            (Removed::Graphics, Lang::Ru) => "рисунки SVG, формулы и canvas",
            (Removed::Graphics, Lang::En) => "SVG drawings, formulas and canvas",
        }
    }
}

impl NoteKind {
    /// What to tell the person who imported the site.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NoteKind::Removed { what, count }, Lang::Ru) => format!("Не перенесены {} ({count}).", what.name(lang)),
            (NoteKind::Removed { what, count }, Lang::En) => format!("Not carried over: {} ({count}).", what.name(lang)),
            (NoteKind::UnsafeLink { href }, Lang::Ru) => format!("Ссылка «{href}» удалена: такие адреса сайт не открывает. Текст ссылки остался."),
            (NoteKind::UnsafeLink { href }, Lang::En) => format!("Link \"{href}\" removed: the site does not open such addresses. Its text stays."),
            (NoteKind::MissingFile { href }, Lang::Ru) => format!("«{href}»: такого файла нет в архиве, ссылка или картинка удалена."),
            (NoteKind::MissingFile { href }, Lang::En) => format!("\"{href}\": the archive has no such file; the link or picture was removed."),
            (NoteKind::HttpLinks { count }, Lang::Ru) => format!("Ссылки http:// заменены на https:// ({count}); проверьте, что они открываются."),
            (NoteKind::HttpLinks { count }, Lang::En) => format!("http:// links changed to https:// ({count}); check that they open."),
            (NoteKind::NoAlt { file }, Lang::Ru) => format!("У картинки «{file}» не было описания: временно подставлено имя файла, напишите описание."),
            (NoteKind::NoAlt { file }, Lang::En) => format!("Picture \"{file}\" had no description: its file name stands in, write one."),
            (NoteKind::TableCaption { caption }, Lang::Ru) => format!("У таблицы не было заголовка: назван «{caption}», уточните его."),
            (NoteKind::TableCaption { caption }, Lang::En) => format!("A table had no caption: it is called \"{caption}\" now; give it a real one."),
            (NoteKind::MergedCells, Lang::Ru) => "Объединённые ячейки таблицы разделены: проверьте таблицу.".into(),
            (NoteKind::MergedCells, Lang::En) => "Merged table cells were split: check the table.".into(),
            (NoteKind::Truncated, Lang::Ru) => "Слишком длинный текст обрезан.".into(),
            (NoteKind::Truncated, Lang::En) => "Text that was too long was cut.".into(),
            (NoteKind::TooManyBlocks, Lang::Ru) => "На странице больше блоков, чем допускается; конец страницы не перенесён.".into(),
            (NoteKind::TooManyBlocks, Lang::En) => "The page has more blocks than allowed; its end was left out.".into(),
            (NoteKind::Empty, Lang::Ru) => "На странице не нашлось содержимого: она создана пустой.".into(),
            (NoteKind::Empty, Lang::En) => "No content was found on the page: it was created empty.".into(),
            (NoteKind::AssetFailed { file, reason }, Lang::Ru) => format!("Файл «{file}» не скопирован: {reason}"),
            (NoteKind::AssetFailed { file, reason }, Lang::En) => format!("File \"{file}\" was not copied: {reason}"),
            (NoteKind::Unused { count }, Lang::Ru) => format!("Файлы архива, на которые не ссылается ни одна страница, пропущены ({count})."),
            (NoteKind::Unused { count }, Lang::En) => format!("Files of the archive that no page uses were skipped ({count})."),
        }
    }
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SiteImportError {
    /// Larger than [`MAX_UPLOAD_BYTES`].
    TooBig,
    /// Not a ZIP archive or an HTML page.
    UnknownFormat,
    /// The archive cannot be read.
    BrokenArchive { reason: String },
    /// No `.html` or `.htm` file.
    NoPages,
    /// More than [`MAX_PAGES`] pages or [`MAX_ASSETS`] files.
    TooMany,
    /// The page to put the imported pages under does not exist.
    UnknownParent,
    /// The site would hold more pages than a site may.
    SiteFull,
}

impl SiteImportError {
    /// What to tell the person who chose the file.
    pub fn message(&self, lang: Lang) -> String {
        let mb = MAX_UPLOAD_BYTES / 1024 / 1024;
        match (self, lang) {
            (SiteImportError::TooBig, Lang::Ru) => format!("Архив больше {mb} МБ. Разделите сайт на несколько архивов."),
            (SiteImportError::TooBig, Lang::En) => format!("The archive is larger than {mb} MB. Split the site into several archives."),
            (SiteImportError::UnknownFormat, Lang::Ru) => "Нужен ZIP-архив со страницами HTML или код одной страницы HTML.".into(),
            (SiteImportError::UnknownFormat, Lang::En) => "A ZIP archive of HTML pages or the code of one HTML page is needed.".into(),
            (SiteImportError::BrokenArchive { reason }, Lang::Ru) => format!("Архив не открывается: {reason}. Упакуйте сайт заново."),
            (SiteImportError::BrokenArchive { reason }, Lang::En) => format!("The archive cannot be opened ({reason}). Pack the site again."),
            (SiteImportError::NoPages, Lang::Ru) => "В архиве нет страниц HTML (файлов .html или .htm).".into(),
            (SiteImportError::NoPages, Lang::En) => "The archive has no HTML pages (.html or .htm files).".into(),
            (SiteImportError::TooMany, Lang::Ru) => format!("За один раз переносится не больше {MAX_PAGES} страниц и {MAX_ASSETS} файлов. Разделите архив."),
            (SiteImportError::TooMany, Lang::En) => format!("One import carries at most {MAX_PAGES} pages and {MAX_ASSETS} files. Split the archive."),
            (SiteImportError::UnknownParent, Lang::Ru) => "Страницы, в которую нужно поместить импорт, нет на сайте.".into(),
            (SiteImportError::UnknownParent, Lang::En) => "The page to put the import under does not exist.".into(),
            (SiteImportError::SiteFull, Lang::Ru) => format!("На сайте не может быть больше {} страниц.", crate::validate::MAX_PAGES),
            (SiteImportError::SiteFull, Lang::En) => format!("A site cannot have more than {} pages.", crate::validate::MAX_PAGES),
        }
    }
}

/// A page the import created, for the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedPage {
    /// The old page's path in the archive.
    pub source: String,
    /// The new page's id in the document.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its address below the site (`svedeniya/istoriya`).
    pub path: String,
    /// How many blocks it has.
    pub blocks: usize,
}

/// The outcome of an import (or of its dry run): the pages, how many files were copied and
/// links rewritten, and every remark.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The pages created, in the order of the document.
    pub pages: Vec<ImportedPage>,
    /// Pictures and files copied into the media library.
    pub assets: usize,
    /// Links between old pages now pointing to the new pages.
    pub links: usize,
    /// What was left out or changed.
    pub notes: Vec<Note>,
}
