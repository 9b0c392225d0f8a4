//! Cursor pagination for every list of the API for outside systems. A cursor is the sort key
//! of the last item a page showed, so the next page starts right after it: items that exist
//! for the whole walk are seen exactly once, however many are added meanwhile (an offset
//! would skip or repeat items when something is inserted before it).
//!
//! Cursors are opaque to clients (base64url of a small JSON) and name the list they belong
//! to, so one list's cursor is refused by another instead of silently starting elsewhere.

use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Items per page when the client does not say.
pub const DEFAULT_LIMIT: u32 = 20;
/// Most items per page.
pub const MAX_LIMIT: u32 = 100;
/// Longest cursor accepted (real ones are far shorter).
const MAX_CURSOR_CHARS: usize = 1024;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Why a page request is refused; `path` names the query parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageError {
    /// `limit` is not a whole number from 1 to [`MAX_LIMIT`].
    BadLimit,
    /// `cursor` was not made by this list.
    BadCursor,
}

impl PageError {
    /// The query parameter at fault.
    pub fn path(self) -> &'static str {
        match self {
            PageError::BadLimit => "limit",
            PageError::BadCursor => "cursor",
        }
    }
}

/// What a client asked for: how many, and after which item.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRequest<K> {
    /// Items wanted.
    pub limit: u32,
    /// Sort key of the last item already seen.
    pub after: Option<K>,
}

#[derive(Serialize, Deserialize)]
struct CursorBody<K> {
    /// The list the cursor belongs to.
    l: String,
    /// Sort key of the last item shown.
    k: K,
}

/// Reads `limit` and `cursor` (the raw query values) for the list called `list`.
pub fn page_request<K: DeserializeOwned>(list: &str, limit: Option<&str>, cursor: Option<&str>) -> Result<PageRequest<K>, PageError> {
    let limit = match limit {
        None => DEFAULT_LIMIT,
        Some(text) => whole(text).filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or(PageError::BadLimit)?,
    };
    let after = match cursor {
        None => None,
        Some(cursor) => Some(decode_cursor(list, cursor)?),
    };
    Ok(PageRequest { limit, after })
}

/// A whole number as a query writes it: `5`, or `5.0` (JSON Schema counts it as an integer).
fn whole(text: &str) -> Option<u32> {
    match text.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => text.parse::<f64>().ok().filter(|f| f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(f)).map(|f| f as u32),
    }
}

/// The cursor that continues `list` after the item with sort key `key`.
pub fn encode_cursor<K: Serialize>(list: &str, key: &K) -> String {
    let body = CursorBody { l: list.to_string(), k: key };
    B64.encode(serde_json::to_vec(&body).expect("cursor keys serialise"))
}

fn decode_cursor<K: DeserializeOwned>(list: &str, cursor: &str) -> Result<K, PageError> {
    if cursor.len() > MAX_CURSOR_CHARS {
        return Err(PageError::BadCursor);
    }
    let bytes = B64.decode(cursor).map_err(|_| PageError::BadCursor)?;
    let body: CursorBody<K> = serde_json::from_slice(&bytes).map_err(|_| PageError::BadCursor)?;
    (body.l == list).then_some(body.k).ok_or(PageError::BadCursor)
}

/// Cuts a page from rows fetched with `LIMIT limit + 1`: the first `limit` rows, and a cursor
/// after the last of them if the extra row shows that more follow.
pub fn cut_page<T, K: Serialize>(mut rows: Vec<T>, limit: u32, list: &str, key_of: impl Fn(&T) -> K) -> (Vec<T>, Option<String>) {
    let limit = limit as usize;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = match (more, rows.last()) {
        (true, Some(last)) => Some(encode_cursor(list, &key_of(last))),
        _ => None,
    };
    (rows, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Key = (String, i64, String);

    #[test]
    fn limits() {
        let limit = |text| page_request::<i64>("l", text, None).map(|p| p.limit);
        assert_eq!(limit(None), Ok(20));
        assert_eq!(limit(Some("1")), Ok(1));
        assert_eq!(limit(Some("100")), Ok(100));
        assert_eq!(limit(Some("5.0")), Ok(5));
        for bad in ["0", "101", "-1", "", "2.5", "abc", "99999999999", "NaN", "inf", "-0.0"] {
            assert_eq!(limit(Some(bad)), Err(PageError::BadLimit), "{bad}");
        }
        assert_eq!(PageError::BadLimit.path(), "limit");
    }

    #[test]
    fn cursors_round_trip_and_belong_to_their_list() {
        let key: Key = ("2026-11-23".into(), 4, "news-1".into());
        let cursor = encode_cursor("items:news", &key);
        assert!(cursor.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{cursor}");
        let page = page_request::<Key>("items:news", Some("5"), Some(&cursor)).unwrap();
        assert_eq!(page, PageRequest { limit: 5, after: Some(key) });
        assert_eq!(page_request::<Key>("items:staff", None, Some(&cursor)), Err(PageError::BadCursor));
        for bad in ["", "!!", "e30", &"A".repeat(2000), &cursor[1..]] {
            assert_eq!(page_request::<Key>("items:news", None, Some(bad)), Err(PageError::BadCursor), "{bad}");
        }
        // A key of the wrong shape is refused, not misread.
        let numbers = encode_cursor("items:news", &7);
        assert_eq!(page_request::<Key>("items:news", None, Some(&numbers)), Err(PageError::BadCursor));
    }

    /// Walks a sorted list page by page as the store would (keyset: strictly after the
    /// cursor), inserting items between pages: every original item is seen exactly once.
    #[test]
    fn walking_sees_every_item_once_under_inserts() {
        let mut items: Vec<i64> = (0..45).map(|n| n * 10).collect();
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut inserted = 1;
        loop {
            let request = page_request::<i64>("n", Some("7"), cursor.as_deref()).unwrap();
            let rows: Vec<i64> = items.iter().copied().filter(|n| request.after.is_none_or(|after| *n > after)).take(8).collect();
            let (page, next) = cut_page(rows, request.limit, "n", |n| *n);
            seen.extend(page);
            // Someone adds items before and after the cursor between two pages.
            items.push(inserted);
            items.push(1000 + inserted);
            items.sort();
            inserted += 10;
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let originals: Vec<i64> = (0..45).map(|n| n * 10).collect();
        for n in &originals {
            assert_eq!(seen.iter().filter(|s| *s == n).count(), 1, "{n}");
        }
        let mut sorted = seen.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), seen.len(), "nothing seen twice");
    }

    #[test]
    fn last_page_has_no_cursor() {
        let (page, next) = cut_page(vec![1, 2, 3], 3, "n", |n| *n);
        assert_eq!((page, next), (vec![1, 2, 3], None));
        let (page, next) = cut_page(vec![1, 2, 3, 4], 3, "n", |n| *n);
        assert_eq!(page, vec![1, 2, 3]);
        assert_eq!(page_request::<i64>("n", None, next.as_deref()).unwrap().after, Some(3));
        let (page, next) = cut_page(Vec::<i64>::new(), 3, "n", |n| *n);
        assert!(page.is_empty() && next.is_none());
    }
}
