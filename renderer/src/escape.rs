//! The one place strings become HTML. Every text and attribute value goes through here.

/// Appends `text` escaped for an element's content.
pub fn text(out: &mut String, text: &str) {
    escape(out, text, &TEXT_SPECIAL);
}

/// Appends `value` escaped for a double-quoted attribute value.
pub fn attr(out: &mut String, value: &str) {
    escape(out, value, &ATTR_SPECIAL);
}

/// The bytes that become entities, as a list (for the word test) and as a table (per byte).
struct Special<const N: usize> {
    bytes: [u8; N],
    table: [bool; 256],
}

impl<const N: usize> Special<N> {
    const fn new(bytes: [u8; N]) -> Self {
        let mut table = [false; 256];
        let mut i = 0;
        while i < N {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        Self { bytes, table }
    }
}

const TEXT_SPECIAL: Special<3> = Special::new(*b"&<>");
const ATTR_SPECIAL: Special<5> = Special::new(*b"&<>\"'");

/// Copies `input` with each byte of `special` replaced by its entity. Runs of safe bytes are
/// copied whole, and eight bytes at a time are checked for a special one with word arithmetic:
/// most strings have none, and this stays fast in the size-optimised wasm build too.
fn escape<const N: usize>(out: &mut String, input: &str, special: &Special<N>) {
    let bytes = input.as_bytes();
    let mut safe_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes[i..].first_chunk::<8>() {
            let word = u64::from_le_bytes(*word);
            if !special.bytes.iter().any(|&b| has_byte(word, b)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if special.table[usize::from(b)] {
            // Special bytes are ASCII, so `safe_from` and `i` are always char boundaries.
            out.push_str(&input[safe_from..i]);
            out.push_str(entity(b));
            safe_from = i + 1;
        }
        i += 1;
    }
    out.push_str(&input[safe_from..]);
}

/// Whether any of the eight bytes of `word` is `byte` (exact: the classic "has a zero byte" test
/// on `word ^ byte×8`).
fn has_byte(word: u64, byte: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS != 0
}

fn entity(byte: u8) -> &'static str {
    match byte {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        _ => "&#39;",
    }
}

/// Appends ` name="url"` if `is_safe(url)`, else ` name="#"`: a URL that validation
/// should have refused never reaches a browser, even if validation was skipped.
pub fn url_attr(out: &mut String, name: &str, url: &str, is_safe: fn(&str) -> bool) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    attr(out, if is_safe(url) { url } else { "#" });
    out.push('"');
}

/// Like [`url_attr`], but a relative address without a leading `/` (`obrashcheniya`,
/// `files/a.pdf`) is taken from the site's root, `<base_path>/obrashcheniya`: documents mean
/// their relative links that way, and only so does one link work on pages at every depth
/// (`/s/x/kontakty` and `/s/x/sveden/common`). Fragments (`#top`) stay on the page.
pub fn site_url_attr(out: &mut String, name: &str, url: &str, base_path: &str, is_safe: fn(&str) -> bool) {
    if !is_safe(url) || !is_site_relative(url) {
        url_attr(out, name, url, is_safe);
        return;
    }
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    attr(out, base_path);
    out.push('/');
    attr(out, url);
    out.push('"');
}

/// A path relative to the page it stands on: no scheme, no leading `/`, not only a fragment
/// or a query.
fn is_site_relative(url: &str) -> bool {
    let before_delims = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with(['/', '#', '?']) && !before_delims.contains(':')
}

/// Appends `text` escaped for XML content or a double-quoted XML attribute (sitemap, RSS).
/// Characters XML 1.0 does not allow at all (most C0 controls, U+FFFE, U+FFFF) are dropped:
/// one of them would make the whole feed unreadable.
pub fn xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

/// Appends `text` as a quoted JSON string that is also safe inside an HTML `<script>` element.
// XSS-safety: a script element ends at the first `</script` and `<!--` changes how it is
// parsed, whatever the JSON means; `<`, `>` and `&` never appear raw, so no user string can
// close or confuse the element. U+2028/2029 are escaped so the text is valid JavaScript too.
pub fn json_string(out: &mut String, text: &str) {
    out.push('"');
    json_text(out, text);
    out.push('"');
}

/// Appends `text` escaped like [`json_string`] but without the quotes, for a JSON string
/// that is written in several parts (a URL joined from origin, path and slug).
pub fn json_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '\u{0}'..='\u{1f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup() {
        let mut out = String::new();
        text(&mut out, "a < b && c > d \"q\"");
        assert_eq!(out, "a &lt; b &amp;&amp; c &gt; d \"q\"");
    }

    #[test]
    fn attr_escapes_quotes() {
        let mut out = String::new();
        attr(&mut out, "\" onload='x' <");
        assert_eq!(out, "&quot; onload=&#39;x&#39; &lt;");
    }

    #[test]
    fn unsafe_urls_become_hash() {
        let mut out = String::new();
        url_attr(&mut out, "href", "javascript:alert(1)", civic_shared::validate::is_link);
        url_attr(&mut out, "src", "/a\".png", civic_shared::validate::is_image_url);
        assert_eq!(out, " href=\"#\" src=\"/a&quot;.png\"");
    }

    #[test]
    fn site_relative_urls_start_at_the_site_root() {
        let mut out = String::new();
        let is_link = civic_shared::validate::is_link;
        for url in ["obrashcheniya", "sveden/common", "/static/a.pdf", "#top", "?q=1", "https://x.ru/a", "mailto:a@b.ru", "javascript:x"] {
            site_url_attr(&mut out, "href", url, "/s/x", is_link);
        }
        assert_eq!(
            out,
            " href=\"/s/x/obrashcheniya\" href=\"/s/x/sveden/common\" href=\"/static/a.pdf\" href=\"#top\" href=\"?q=1\" \
             href=\"https://x.ru/a\" href=\"mailto:a@b.ru\" href=\"#\""
        );
        out.clear();
        site_url_attr(&mut out, "src", "a\".png", "", civic_shared::validate::is_image_url);
        assert_eq!(out, " src=\"/a&quot;.png\"");
    }

    /// The escaping as it was written first, byte by byte: the fast path must match it.
    fn reference(input: &str, attribute: bool) -> String {
        let mut out = String::new();
        for c in input.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attribute => out.push_str("&quot;"),
                '\'' if attribute => out.push_str("&#39;"),
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn word_at_a_time_matches_byte_at_a_time() {
        // Every special byte at every offset of strings around the eight-byte word, among
        // ASCII and two- and four-byte characters.
        let fillers = ["a", "ё", "😀", "aб"];
        for special in ["&", "<", ">", "\"", "'"] {
            for filler in fillers {
                for len in 0..20 {
                    for at in 0..=len {
                        let mut input: String = filler.repeat(at);
                        input.push_str(special);
                        input.push_str(&filler.repeat(len - at));
                        input.push_str(special);
                        let (mut t, mut a) = (String::from("x"), String::from("x"));
                        text(&mut t, &input);
                        attr(&mut a, &input);
                        assert_eq!(t, format!("x{}", reference(&input, false)), "{input:?}");
                        assert_eq!(a, format!("x{}", reference(&input, true)), "{input:?}");
                    }
                }
            }
        }
        for byte in 0..=0x7fu8 {
            let input = format!("{0}{0}{0}{0}{0}{0}{0}{0}{0}", char::from(byte));
            let mut a = String::new();
            attr(&mut a, &input);
            assert_eq!(a, reference(&input, true));
        }
    }

    #[test]
    fn multibyte_text_is_kept() {
        let mut out = String::new();
        text(&mut out, "Министерство <б> «ёлка» 😀");
        assert_eq!(out, "Министерство &lt;б&gt; «ёлка» 😀");
    }

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        let mut out = String::new();
        xml(&mut out, "<a href=\"x\">'&'</a>\u{0}\u{8}\u{ffff}\tок");
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\tок");
    }

    #[test]
    fn json_string_cannot_close_a_script_element() {
        let mut out = String::new();
        json_string(&mut out, "</script><!--\"\\\n\u{1}&\u{2028}ё");
        assert_eq!(out, r#""\u003c/script\u003e\u003c!--\"\\\n\u0001\u0026\u2028ё""#);
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
    }
}
