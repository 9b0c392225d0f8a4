//! What a file is, read from its bytes alone. The name a browser sends and the type it declares
//! are never trusted: a clerk's `.exe` renamed `фото.png`, or an HTML page sent as `image/png`,
//! must not become something the platform serves.

use super::{MediaKind, MediaProblem, MediaType};

/// How many first bytes [`first_look`] needs to decide what a file is (a PDF's `%PDF-` may come
/// after some junk, which readers accept within the first kilobyte).
pub const SNIFF_BYTES: usize = 1024;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG: &[u8] = b"\xff\xd8\xff";
const GIF87: &[u8] = b"GIF87a";
const GIF89: &[u8] = b"GIF89a";
const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
const RTF: &[u8] = b"{\\rtf";
const PDF: &[u8] = b"%PDF-";
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// The container or format the first bytes announce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Magic {
    Image(MediaType),
    Pdf,
    Zip,
    Ole,
    Rtf,
    Text,
}

fn magic(head: &[u8]) -> Result<Magic, MediaProblem> {
    if head.is_empty() {
        return Err(MediaProblem::Empty);
    }
    let webp = head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP";
    let found = if head.starts_with(PNG) {
        Magic::Image(MediaType::Png)
    } else if head.starts_with(JPEG) {
        Magic::Image(MediaType::Jpeg)
    } else if head.starts_with(GIF87) || head.starts_with(GIF89) {
        Magic::Image(MediaType::Gif)
    } else if webp {
        Magic::Image(MediaType::WebP)
    } else if head.starts_with(ZIP) {
        Magic::Zip
    } else if head.starts_with(OLE) {
        Magic::Ole
    } else if head.starts_with(RTF) {
        Magic::Rtf
    } else if find(&head[..head.len().min(SNIFF_BYTES)], PDF).is_some() {
        Magic::Pdf
    } else {
        return text_look(head).map(|()| Magic::Text);
    };
    Ok(found)
}

/// Plain text is anything without NUL bytes that does not start as markup. Markup is refused:
/// an SVG can carry script, and HTML or XML has no place in a media library.
fn text_look(head: &[u8]) -> Result<(), MediaProblem> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return Err(MediaProblem::Unsupported);
    }
    let body = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &body[i..]);
    if start.first() == Some(&b'<') {
        let lower = head.to_ascii_lowercase();
        return Err(if find(&lower, b"<svg").is_some() { MediaProblem::Svg } else { MediaProblem::Unsupported });
    }
    Ok(())
}

/// Whether a file is an image or a document, from its first bytes (at most [`SNIFF_BYTES`],
/// fewer if the file is shorter): enough to choose the size limit before the rest is read.
pub fn first_look(head: &[u8]) -> Result<MediaKind, MediaProblem> {
    Ok(match magic(head)? {
        Magic::Image(_) => MediaKind::Image,
        _ => MediaKind::Document,
    })
}

/// The exact type of a whole file. `name` (the uploader's file name) only tells a CSV from a
/// plain text, both of which are text whatever the name; a text file named like any other
/// type (`photo.png`) is refused, as it is surely not what the clerk meant to upload.
pub fn identify(bytes: &[u8], name: &str) -> Result<MediaType, MediaProblem> {
    match magic(bytes)? {
        Magic::Image(media_type) => Ok(media_type),
        Magic::Pdf => Ok(MediaType::Pdf),
        Magic::Rtf => Ok(MediaType::Rtf),
        Magic::Zip => zip_document(bytes),
        Magic::Ole => ole_document(bytes),
        Magic::Text => text_document(bytes, name),
    }
}

fn text_document(bytes: &[u8], name: &str) -> Result<MediaType, MediaProblem> {
    let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_lowercase());
    let media_type = match extension.as_deref() {
        Some("csv") => MediaType::Csv,
        Some("txt") | None => MediaType::Txt,
        Some(_) => return Err(MediaProblem::Unsupported),
    };
    let text = std::str::from_utf8(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)).map_err(|_| MediaProblem::TextNotUtf8)?;
    // Tabs, line ends and form feeds are text; other control characters mean a binary file.
    if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) {
        return Err(MediaProblem::Unsupported);
    }
    Ok(media_type)
}

/// Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) are zip archives; which
/// one is told by the entries inside. Any other archive is refused, and so is a document with
/// macros (VBA projects, OpenDocument Basic or scripts).
fn zip_document(bytes: &[u8]) -> Result<MediaType, MediaProblem> {
    let names = zip_entry_names(bytes).ok_or(MediaProblem::Damaged)?;
    let has = |wanted: &str| names.iter().any(|name| name == wanted);
    let macros = names.iter().any(|name| {
        let lower = name.to_ascii_lowercase();
        lower.ends_with("vbaproject.bin") || lower.starts_with("basic/") || lower.starts_with("scripts/")
    });
    let media_type = if has("[Content_Types].xml") {
        if has("word/document.xml") {
            MediaType::Docx
        } else if has("xl/workbook.xml") {
            MediaType::Xlsx
        } else if has("ppt/presentation.xml") {
            MediaType::Pptx
        } else {
            return Err(MediaProblem::Unsupported);
        }
    } else {
        match opendocument_mimetype(bytes) {
            Some("application/vnd.oasis.opendocument.text") => MediaType::Odt,
            Some("application/vnd.oasis.opendocument.spreadsheet") => MediaType::Ods,
            Some("application/vnd.oasis.opendocument.presentation") => MediaType::Odp,
            _ => return Err(MediaProblem::Unsupported),
        }
    };
    if macros {
        return Err(MediaProblem::Macros);
    }
    Ok(media_type)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    bytes.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// The entry names of a zip archive, from its central directory (local headers may lack sizes,
/// so walking them is unreliable). `None` if the directory cannot be read.
fn zip_entry_names(bytes: &[u8]) -> Option<Vec<String>> {
    const END: &[u8] = b"PK\x05\x06";
    const ENTRY: &[u8] = b"PK\x01\x02";
    // The end record is 22 bytes plus a comment of at most 64 KiB, at the very end.
    let search_from = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let end = search_from + rfind(&bytes[search_from..], END)?;
    let count = u16_at(bytes, end + 10)?;
    let mut at = u32_at(bytes, end + 16)?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        if bytes.get(at..at + 4)? != ENTRY {
            return None;
        }
        let (name_len, extra_len, comment_len) = (u16_at(bytes, at + 28)?, u16_at(bytes, at + 30)?, u16_at(bytes, at + 32)?);
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

/// An OpenDocument file starts with an uncompressed entry `mimetype` holding its type.
fn opendocument_mimetype(bytes: &[u8]) -> Option<&str> {
    let stored = u16_at(bytes, 8)? == 0;
    let (size, name_len, extra_len) = (u32_at(bytes, 18)?, u16_at(bytes, 26)?, u16_at(bytes, 28)?);
    if !stored || bytes.get(30..30 + name_len)? != b"mimetype" {
        return None;
    }
    let start = 30 + name_len + extra_len;
    std::str::from_utf8(bytes.get(start..start + size)?).ok()
}

/// Legacy Word, Excel and PowerPoint files are OLE compound files, told apart by the name of
/// their main stream. Directory entries hold names in UTF-16LE, so finding a name's encoding
/// followed by its terminator is enough without walking the sector chains. Other OLE files
/// (installers, mail) are refused, and so are documents with a macro storage.
fn ole_document(bytes: &[u8]) -> Result<MediaType, MediaProblem> {
    let has = |name: &str| {
        let mut wanted: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        wanted.extend_from_slice(&[0, 0]);
        find(bytes, &wanted).is_some()
    };
    let media_type = if has("WordDocument") {
        MediaType::Doc
    } else if has("Workbook") || has("Book") {
        MediaType::Xls
    } else if has("PowerPoint Document") {
        MediaType::Ppt
    } else {
        return Err(MediaProblem::Unsupported);
    };
    if has("Macros") || has("_VBA_PROJECT_CUR") || has("_VBA_PROJECT") {
        return Err(MediaProblem::Macros);
    }
    Ok(media_type)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid 3×2 grey PNG (CRCs and all), 71 bytes.
    pub(crate) const TINY_PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x03,
        0x00, 0x00, 0x00, 0x02, 0x08, 0x00, 0x00, 0x00, 0x00, 0xb8, 0x1f, 0x39, 0xc6, 0x00, 0x00, 0x00, 0x0e, 0x49, 0x44, 0x41,
        0x54, 0x78, 0xda, 0x63, 0x68, 0x68, 0x68, 0x60, 0x00, 0x62, 0x00, 0x0c, 0x08, 0x03, 0x01, 0xd8, 0xc9, 0xf7, 0xf0, 0x00,
        0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    /// A stored (uncompressed) zip archive with these entries, as office suites write them.
    pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let (mut out, mut directory) = (Vec::new(), Vec::new());
        for (name, data) in entries {
            let offset = out.len() as u32;
            let size = (data.len() as u32).to_le_bytes();
            out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            out.extend_from_slice(&size);
            out.extend_from_slice(&size);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            directory.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            directory.extend_from_slice(&size);
            directory.extend_from_slice(&size);
            directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
            directory.extend_from_slice(&[0; 12]);
            directory.extend_from_slice(&offset.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let (directory_at, directory_len) = (out.len() as u32, directory.len() as u32);
        out.extend_from_slice(&directory);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&directory_len.to_le_bytes());
        out.extend_from_slice(&directory_at.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// The start of an OLE compound file whose directory names these streams.
    fn ole(streams: &[&str]) -> Vec<u8> {
        let mut out = OLE.to_vec();
        out.resize(512, 0);
        for stream in streams {
            let mut entry: Vec<u8> = stream.encode_utf16().flat_map(u16::to_le_bytes).collect();
            entry.resize(128, 0);
            out.extend_from_slice(&entry);
        }
        out
    }

    #[test]
    fn images_by_their_signatures() {
        assert_eq!(identify(TINY_PNG, "x"), Ok(MediaType::Png));
        assert_eq!(identify(b"\xff\xd8\xff\xe0\x00\x10JFIF", "x"), Ok(MediaType::Jpeg));
        assert_eq!(identify(b"GIF89a\x01\x00\x01\x00", "x"), Ok(MediaType::Gif));
        assert_eq!(identify(b"RIFF\x24\x00\x00\x00WEBPVP8 ", "x"), Ok(MediaType::WebP));
        assert_eq!(first_look(&TINY_PNG[..8]), Ok(MediaKind::Image));
    }

    #[test]
    fn names_and_declared_types_are_not_trusted() {
        // A PNG named .pdf is a PNG; a text named .png is refused, not stored as an image.
        assert_eq!(identify(TINY_PNG, "отчёт.pdf"), Ok(MediaType::Png));
        assert_eq!(identify(b"just some words", "photo.png"), Err(MediaProblem::Unsupported));
        assert_eq!(identify(b"MZ\x90\x00\x03\x00\x00\x00", "фото.png"), Err(MediaProblem::Unsupported));
    }

    #[test]
    fn svg_and_markup_are_refused() {
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        assert_eq!(identify(svg, "герб.svg"), Err(MediaProblem::Svg));
        assert_eq!(first_look(b"  <SVG onload=alert(1)>"), Err(MediaProblem::Svg));
        assert_eq!(identify(b"\xef\xbb\xbf<!doctype html><html>", "page.txt"), Err(MediaProblem::Unsupported));
    }

    #[test]
    fn pdf_rtf_and_text() {
        assert_eq!(identify(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "x.pdf"), Ok(MediaType::Pdf));
        assert_eq!(identify(b"\r\n%PDF-1.4\n", "x.pdf"), Ok(MediaType::Pdf), "junk before the header is tolerated");
        assert_eq!(identify(b"{\\rtf1\\ansi Hello}", "x.rtf"), Ok(MediaType::Rtf));
        assert_eq!(identify("Год;Сумма\n2025;100\n".as_bytes(), "Бюджет.CSV"), Ok(MediaType::Csv));
        assert_eq!(identify("\u{feff}Приказ".as_bytes(), "приказ.txt"), Ok(MediaType::Txt));
        assert_eq!(identify(b"Plain", "README"), Ok(MediaType::Txt));
        // Windows-1251 text: not UTF-8, with a message that says how to save it.
        assert_eq!(identify(b"\xcf\xf0\xe8\xea\xe0\xe7", "приказ.csv"), Err(MediaProblem::TextNotUtf8));
        assert_eq!(identify(b"text\x01with control", "x.txt"), Err(MediaProblem::Unsupported));
        assert_eq!(first_look(b""), Err(MediaProblem::Empty));
    }

    #[test]
    fn office_open_xml_and_opendocument() {
        let types: &[u8] = b"<Types/>";
        assert_eq!(identify(&zip(&[("[Content_Types].xml", types), ("word/document.xml", b"<w/>")]), "x"), Ok(MediaType::Docx));
        assert_eq!(identify(&zip(&[("[Content_Types].xml", types), ("xl/workbook.xml", b"<x/>")]), "x"), Ok(MediaType::Xlsx));
        assert_eq!(identify(&zip(&[("[Content_Types].xml", types), ("ppt/presentation.xml", b"<p/>")]), "x"), Ok(MediaType::Pptx));
        let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<c/>")]);
        assert_eq!(identify(&odt, "x"), Ok(MediaType::Odt));
        let ods = zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]);
        assert_eq!(identify(&ods, "x"), Ok(MediaType::Ods));
        assert_eq!(first_look(&odt[..4]), Ok(MediaKind::Document));
    }

    #[test]
    fn other_archives_macros_and_broken_zips_are_refused() {
        assert_eq!(identify(&zip(&[("setup.exe", b"MZ")]), "docs.zip"), Err(MediaProblem::Unsupported));
        let macro_docx = zip(&[("[Content_Types].xml", b"<T/>"), ("word/document.xml", b"<w/>"), ("word/vbaProject.bin", b"x")]);
        assert_eq!(identify(&macro_docx, "x.docm"), Err(MediaProblem::Macros));
        let macro_odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("Basic/Standard/Module1.xml", b"x")]);
        assert_eq!(identify(&macro_odt, "x.odt"), Err(MediaProblem::Macros));
        let mut cut = zip(&[("[Content_Types].xml", b"<T/>"), ("word/document.xml", b"<w/>")]);
        cut.truncate(cut.len() - 30);
        assert_eq!(identify(&cut, "x.docx"), Err(MediaProblem::Damaged));
    }

    #[test]
    fn legacy_office_files() {
        assert_eq!(identify(&ole(&["Root Entry", "WordDocument", "1Table"]), "x.doc"), Ok(MediaType::Doc));
        assert_eq!(identify(&ole(&["Root Entry", "Workbook"]), "x.xls"), Ok(MediaType::Xls));
        assert_eq!(identify(&ole(&["Root Entry", "PowerPoint Document"]), "x.ppt"), Ok(MediaType::Ppt));
        assert_eq!(identify(&ole(&["Root Entry", "WordDocument", "Macros", "VBA"]), "x.doc"), Err(MediaProblem::Macros));
        assert_eq!(identify(&ole(&["Root Entry", "\u{4840}\u{3f3f}"]), "setup.msi"), Err(MediaProblem::Unsupported));
    }
}
