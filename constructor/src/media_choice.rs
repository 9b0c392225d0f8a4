//! The media library as the editor sees it, without the browser: items as the server lists
//! them, how their sizes read, which block fields can take a file from the library and what
//! choosing one changes. Tested natively.

use civic_shared::schema::{new_block, Field, FieldKind};
use serde::Deserialize;
use serde_json::Value;

use crate::i18n::texts;
use crate::state::BlockEdit;

/// An item of the site's media library (`GET /api/sites/<slug>/media`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MediaItem {
    pub id: i64,
    /// Public address, relative: what goes into the document.
    pub url: String,
    /// `image` or `document`.
    pub kind: String,
    /// `PNG`, `DOCX`.
    pub format: String,
    pub bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// The uploader's file name.
    pub name: String,
    pub alt: String,
    pub title: String,
}

impl MediaItem {
    /// Whether it can go into an `<img>`.
    pub fn is_image(&self) -> bool {
        self.kind == "image"
    }

    /// `PNG · 1,2 МБ · 800 × 600 пикс.`
    pub fn summary(&self) -> String {
        let mut parts = vec![self.format.clone(), format_size(self.bytes)];
        if let (Some(width), Some(height)) = (self.width, self.height) {
            parts.push(format!("{width} × {height} {}", texts().pixels));
        }
        parts.join(" · ")
    }
}

/// A file size as people read it: `512 Б`, `8,4 КБ`, `12 КБ`, `1,4 МБ` (the language's decimal
/// separator, one decimal below ten).
pub fn format_size(bytes: i64) -> String {
    let t = texts();
    let bytes = bytes.max(0) as f64;
    let (value, unit) = if bytes < 1024.0 {
        return format!("{bytes} {}", t.size_bytes);
    } else if bytes < 1024.0 * 1024.0 {
        (bytes / 1024.0, t.size_kb)
    } else {
        (bytes / (1024.0 * 1024.0), t.size_mb)
    };
    let text = if value < 10.0 { format!("{:.1}", (value * 10.0).round() / 10.0) } else { format!("{}", value.round()) };
    format!("{} {unit}", text.replace('.', t.decimal_separator))
}

/// Which block fields take a file from the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaSlot {
    /// An image address (`src`, `image_src`): images only.
    Image,
    /// The link of a file block: any file, with its format and size.
    File,
}

impl MediaSlot {
    /// The library's filter for this slot (`None`: every kind).
    pub fn kind_filter(self) -> Option<&'static str> {
        match self {
            MediaSlot::Image => Some("image"),
            MediaSlot::File => None,
        }
    }
}

/// The slot a field of a block type is, if it can take a file from the library.
pub fn slot_of(type_name: &str, field: &Field) -> Option<MediaSlot> {
    match (field.kind, type_name, field.key) {
        (FieldKind::ImageUrl, _, _) => Some(MediaSlot::Image),
        (FieldKind::Link, "file_link", "href") => Some(MediaSlot::File),
        _ => None,
    }
}

/// The description field beside an image address: `/src` → `/alt`, `/image_src` →
/// `/image_alt`, `/images/2/src` → `/images/2/alt`.
pub fn alt_pointer(src_pointer: &str) -> Option<String> {
    let (parent, last) = src_pointer.rsplit_once('/')?;
    let alt = match last {
        "src" => "alt",
        "image_src" => "image_alt",
        _ => return None,
    };
    Some(format!("{parent}/{alt}"))
}

/// Whether a field still holds nothing but the starter text a new block came with (`Опишите,
/// что на изображении`): such a text is a prompt, not a description, and is replaced.
fn is_blank_or_starter(block: &Value, pointer: &str) -> bool {
    let current = block.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    if current.trim().is_empty() {
        return true;
    }
    let type_name = block.get("type").and_then(Value::as_str).unwrap_or("");
    // Items of a list start alike: compare with the starter's first item.
    let first_item: String = pointer.split('/').map(|part| if part.parse::<usize>().is_ok() { "0" } else { part }).collect::<Vec<_>>().join("/");
    let starter = new_block(type_name, "starter").and_then(|b| crate::state::to_json_value(&b).ok());
    starter.as_ref().and_then(|s| s.pointer(&first_item)).and_then(Value::as_str) == Some(current)
}

/// The edits that choosing `item` for the field at `pointer` of `block` (its JSON) makes, as
/// one undoable step: an image fills its address and, if it has none yet, its description; a
/// file fills the link, its format and size, and a label if it has none.
pub fn edits_for_choice(block: &Value, pointer: &str, slot: MediaSlot, item: &MediaItem) -> Vec<BlockEdit> {
    let mut edits = vec![BlockEdit::new(pointer, item.url.as_str())];
    match slot {
        MediaSlot::Image => {
            if let Some(alt) = alt_pointer(pointer).filter(|alt| !item.alt.is_empty() && is_blank_or_starter(block, alt)) {
                edits.push(BlockEdit::new(alt, item.alt.as_str()));
            }
        }
        MediaSlot::File => {
            edits.push(BlockEdit::new("/format", item.format.as_str()));
            edits.push(BlockEdit::new("/size_bytes", item.bytes));
            if is_blank_or_starter(block, "/label") {
                let label = if item.title.is_empty() { file_stem(&item.name) } else { item.title.clone() };
                edits.push(BlockEdit::new("/label", label));
            }
        }
    }
    edits
}

fn file_stem(name: &str) -> String {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string()
}

/// Whether a file the browser is about to upload is an image by its declared type: the form
/// then asks for a description before sending (the server decides from the bytes anyway).
pub fn looks_like_image(declared_type: &str) -> bool {
    declared_type.starts_with("image/")
}

/// What the file picker offers; the server still reads the type from the bytes.
pub const ACCEPT: &str = ".png,.jpg,.jpeg,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.csv,.txt";

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::schema::schema_of;

    fn item(kind: &str) -> MediaItem {
        MediaItem {
            id: 1,
            url: "/media/mincifra/abc.png".into(),
            kind: kind.into(),
            format: "PNG".into(),
            bytes: 1536,
            width: Some(800),
            height: Some(600),
            name: "Здание.png".into(),
            alt: "Здание министерства".into(),
            title: String::new(),
        }
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(format_size(0), "0 Б");
        assert_eq!(format_size(512), "512 Б");
        assert_eq!(format_size(1536), "1,5 КБ");
        assert_eq!(format_size(12 * 1024 + 300), "12 КБ");
        assert_eq!(format_size(1024 * 1024 * 14 / 10), "1,4 МБ");
        assert_eq!(format_size(30 * 1024 * 1024), "30 МБ");
        assert_eq!(item("image").summary(), "PNG · 1,5 КБ · 800 × 600 пикс.");
    }

    #[test]
    fn sizes_in_english_take_a_decimal_point() {
        crate::i18n::set_lang(civic_shared::Lang::En);
        let (small, large, summary) = (format_size(512), format_size(1024 * 1024 * 14 / 10), item("image").summary());
        crate::i18n::set_lang(civic_shared::Lang::Ru);
        assert_eq!((small.as_str(), large.as_str()), ("512 B", "1.4 MB"));
        assert_eq!(summary, "PNG · 1.5 KB · 800 × 600 px");
    }

    #[test]
    fn image_fields_and_file_links_take_media() {
        let image = schema_of("image").unwrap();
        let src = image.fields.iter().find(|f| f.key == "src").unwrap();
        let alt = image.fields.iter().find(|f| f.key == "alt").unwrap();
        assert_eq!(slot_of("image", src), Some(MediaSlot::Image));
        assert_eq!(slot_of("image", alt), None);
        let card = schema_of("card").unwrap();
        assert_eq!(slot_of("card", card.fields.iter().find(|f| f.key == "image_src").unwrap()), Some(MediaSlot::Image));
        assert_eq!(slot_of("card", card.fields.iter().find(|f| f.key == "href").unwrap()), None);
        let file = schema_of("file_link").unwrap();
        assert_eq!(slot_of("file_link", file.fields.iter().find(|f| f.key == "href").unwrap()), Some(MediaSlot::File));
        assert_eq!(alt_pointer("/images/2/src").as_deref(), Some("/images/2/alt"));
        assert_eq!(alt_pointer("/image_src").as_deref(), Some("/image_alt"));
        assert_eq!(alt_pointer("/href"), None);
    }

    #[test]
    fn choosing_an_image_fills_a_starter_description_but_keeps_a_written_one() {
        let starter = serde_json::to_value(new_block("image", "b1").unwrap()).unwrap();
        let edits = edits_for_choice(&starter, "/src", MediaSlot::Image, &item("image"));
        assert_eq!(edits, vec![BlockEdit::new("/src", "/media/mincifra/abc.png"), BlockEdit::new("/alt", "Здание министерства")]);
        let mut written = starter.clone();
        written["alt"] = "Фасад".into();
        assert_eq!(edits_for_choice(&written, "/src", MediaSlot::Image, &item("image")).len(), 1);
        let gallery = serde_json::json!({ "type": "gallery", "id": "g", "images": [
            { "src": "a", "alt": "Опишите изображение" }, { "src": "b", "alt": "Опишите изображение" }] });
        let edits = edits_for_choice(&gallery, "/images/1/src", MediaSlot::Image, &item("image"));
        assert_eq!(edits.last(), Some(&BlockEdit::new("/images/1/alt", "Здание министерства")));
        let card = serde_json::json!({ "type": "card", "id": "c", "title": "x", "image_src": "", "image_alt": "" });
        assert_eq!(edits_for_choice(&card, "/image_src", MediaSlot::Image, &item("image")).len(), 2);
    }

    #[test]
    fn choosing_a_file_fills_link_format_size_and_a_starter_label() {
        let starter = serde_json::to_value(new_block("file_link", "f").unwrap()).unwrap();
        let mut document = item("document");
        document.format = "PDF".into();
        document.name = "Положение о конкурсе.pdf".into();
        let edits = edits_for_choice(&starter, "/href", MediaSlot::File, &document);
        assert_eq!(
            edits,
            vec![
                BlockEdit::new("/href", "/media/mincifra/abc.png"),
                BlockEdit::new("/format", "PDF"),
                BlockEdit::new("/size_bytes", 1536),
                BlockEdit::new("/label", "Положение о конкурсе"),
            ]
        );
        assert!(looks_like_image("image/png") && !looks_like_image("application/pdf"));
    }
}
