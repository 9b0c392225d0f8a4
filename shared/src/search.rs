//! Site search without I/O: Russian words reduced to their stems (Snowball), the entries a
//! site offers to search (published pages, news, documents), and a safe full-text query.
//! The edge stores the stems in D1's FTS5 and asks it; both sides stem the same way, so
//! «интернету» finds «интернет».

use rust_stemmers::{Algorithm, Stemmer};
use serde_json::Value;

use crate::collections::RenderData;
use crate::SiteDocument;

/// Most words of a query that are searched for.
pub const MAX_QUERY_TERMS: usize = 8;
/// Longest snippet kept per entry, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Words too common to mean anything on their own.
const STOP_WORDS: &[&str] = &[
    "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его", "но", "да", "к",
    "у", "же", "вы", "за", "бы", "по", "ее", "мне", "было", "от", "меня", "о", "из", "ему", "ли", "или", "ни", "до", "для",
    "при", "об", "это", "этот", "эти", "который", "которые", "также",
];

/// The stems of the words of `text`, in order: lower case, «ё» read as «е», Cyrillic words
/// stemmed as Russian, other words (numbers, Latin) kept whole; stop words dropped.
pub fn stems(text: &str) -> Vec<String> {
    let russian = Stemmer::create(Algorithm::Russian);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace('ё', "е"))
        .filter(|word| !STOP_WORDS.contains(&word.as_str()))
        .map(|word| match word.chars().any(is_cyrillic) {
            true => russian.stem(&word).into_owned(),
            false => word,
        })
        .collect()
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// An FTS5 query for what a visitor typed: every word must occur (as a stem prefix).
/// Each term is quoted and holds only letters and digits, so nothing typed can become an
/// FTS5 operator. `None` when nothing searchable is left.
pub fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = stems(query).into_iter().take(MAX_QUERY_TERMS).map(|stem| format!("\"{stem}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// What a search result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A published page.
    Page,
    /// A news item.
    News,
    /// An official document.
    Document,
}

impl EntryKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Page => "page",
            EntryKind::News => "news",
            EntryKind::Document => "document",
        }
    }
}

/// One searchable thing of a site.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Page, news item or document.
    pub kind: EntryKind,
    /// Its id.
    pub key: String,
    /// What the result shows as its link.
    pub title: String,
    /// Where the link goes: a page path below the site (`sveden/common`, empty for home, with
    /// `#fragment` when useful) or a file's address.
    pub path: String,
    /// The stems to index: the title's twice (a word in the title counts more), then the text's.
    pub stems: String,
    /// The start of the text, shown under the title.
    pub snippet: String,
}

/// A search result as the results page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Page, news item or document.
    pub kind: EntryKind,
    /// Link text.
    pub title: String,
    /// Page path below the site or a file's address (see [`Entry::path`]).
    pub path: String,
    /// The start of the text.
    pub snippet: String,
}

impl EntryKind {
    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<EntryKind> {
        [EntryKind::Page, EntryKind::News, EntryKind::Document].into_iter().find(|k| k.as_str() == name)
    }
}

/// Everything a site offers to search: its published pages, news and documents.
pub fn site_entries(doc: &SiteDocument, data: &RenderData) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (id, page) in &doc.pages {
        let Some(path) = doc.page_path(id) else { continue };
        let mut text = vec![page.description.clone()];
        for block in &page.blocks {
            collect_text(&serde_json::to_value(block).unwrap_or_default(), &mut text);
        }
        entries.push(entry(EntryKind::Page, id, &page.title, path, &text.join(" ")));
    }
    let page_with = |type_name: &str| {
        doc.pages
            .iter()
            .find(|(_, page)| page.blocks.iter().any(|b| b.type_name() == type_name))
            .and_then(|(id, _)| doc.page_path(id))
            .unwrap_or_default()
    };
    let news_page = page_with("news_feed");
    for item in &data.news {
        let text = format!("{} {}", item.summary, item.body.join(" "));
        entries.push(entry(EntryKind::News, &item.id, &item.title, news_page.clone(), &text));
    }
    let documents_page = page_with("document_list");
    for document in &data.documents {
        let path = if document.file_url.is_empty() { documents_page.clone() } else { document.file_url.clone() };
        let text = format!("{} № {} от {}", document.kind, document.number, document.date);
        entries.push(entry(EntryKind::Document, &document.id, &document.title, path, &text));
    }
    entries
}

fn entry(kind: EntryKind, key: &str, title: &str, path: String, text: &str) -> Entry {
    let title_stems = stems(title).join(" ");
    let stems = format!("{title_stems} {title_stems} {}", stems(text).join(" "));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut snippet: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().count() > SNIPPET_CHARS {
        snippet.push('…');
    }
    Entry { kind, key: key.to_string(), title: title.to_string(), path, stems, snippet }
}

/// The words people read in a block: every string except ids, addresses and settings.
fn collect_text(value: &Value, out: &mut Vec<String>) {
    const NOT_TEXT: &[&str] = &["id", "type", "src", "href", "url", "file_url", "style", "variant", "align", "width", "icon", "network", "embed"];
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_text(item, out)),
        Value::Object(map) => {
            for (key, item) in map {
                if !NOT_TEXT.contains(&key.as_str()) {
                    collect_text(item, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_words_meet_at_their_stems() {
        assert_eq!(stems("интернету"), stems("Интернет"));
        assert_eq!(stems("обращения"), stems("обращений"));
        assert_eq!(stems("Ёлка"), stems("елки"));
        assert_eq!(stems("Приказ № 77 и HTML"), ["приказ", "77", "html"]);
    }

    #[test]
    fn queries_cannot_become_operators() {
        assert_eq!(match_expression("скоростной интернет").as_deref(), Some("\"скоростн\"* \"интернет\"*"));
        assert_eq!(match_expression("\" OR * NEAR( -x) AND"), Some("\"or\"* \"near\"* \"x\"* \"and\"*".into()));
        assert_eq!(match_expression("   ?!  "), None);
        assert_eq!(match_expression("и в на"), None, "only stop words");
        let long = "слово ".repeat(50);
        assert_eq!(match_expression(&long).unwrap().matches('*').count(), MAX_QUERY_TERMS);
    }

    #[test]
    fn demo_ministry_offers_pages_news_and_documents() {
        let (doc, data) = (crate::demo::ministry(), crate::demo::ministry_data());
        let entries = site_entries(&doc, &data);
        let pages = entries.iter().filter(|e| e.kind == EntryKind::Page).count();
        assert_eq!(pages, doc.pages.len());
        assert_eq!(entries.iter().filter(|e| e.kind == EntryKind::News).count(), data.news.len());
        assert_eq!(entries.iter().filter(|e| e.kind == EntryKind::Document).count(), data.documents.len());
        let internet = stems("интернет").remove(0);
        assert!(entries.iter().any(|e| e.kind == EntryKind::News && e.stems.split(' ').any(|s| s == internet)));
        assert!(entries.iter().all(|e| e.snippet.chars().count() <= SNIPPET_CHARS + 1));
        assert!(!entries.iter().any(|e| e.stems.contains("https")), "addresses are not text");
    }
}
