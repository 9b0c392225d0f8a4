//! The one place strings become HTML. Every text and attribute value goes through here.

/// Appends `text` escaped for an element's content.
pub fn text(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// Appends `value` escaped for a double-quoted attribute value.
pub fn attr(out: &mut String, value: &str) {
    let mut last = 0;
    for (i, b) in value.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&value[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&value[last..]);
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
    fn multibyte_text_is_kept() {
        let mut out = String::new();
        text(&mut out, "Министерство <б> «ёлка» 😀");
        assert_eq!(out, "Министерство &lt;б&gt; «ёлка» 😀");
    }
}
