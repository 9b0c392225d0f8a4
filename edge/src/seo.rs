//! What the edge hands the renderer for absolute URLs and sitemap dates. Pure.

/// `robots.txt` of the platform host: sites under `/s/` may be crawled, the constructor and
/// the API may not (sites name their own sitemaps in their own `robots.txt`).
pub const PLATFORM_ROBOTS: &str = "User-agent: *\nDisallow: /admin/\nDisallow: /api/\nAllow: /s/\n";

/// The origin (`http://127.0.0.1:8787`, `https://mincifra.civic.localhost`) of the request,
/// built from its scheme and the `Host` header routing used. A host with anything but
/// letters, digits, `.`, `-`, `:` and IPv6 brackets gives an empty origin: the renderer then
/// writes host-relative URLs rather than repeat a forged host.
pub fn public_origin(scheme: &str, host: &str) -> String {
    let scheme_ok = matches!(scheme, "http" | "https");
    let host_ok = !host.is_empty()
        && host.len() <= 260
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    if !(scheme_ok && host_ok) {
        return String::new();
    }
    let mut origin = String::with_capacity(scheme.len() + 3 + host.len());
    origin.push_str(scheme);
    origin.push_str("://");
    origin.push_str(&host.to_ascii_lowercase());
    origin
}

/// `revisions.published_at` as D1 stores it (`datetime('now')`: `2026-11-23 10:15:00`, UTC)
/// in the W3C form sitemaps want (`2026-11-23T10:15:00Z`); anything else is not a date.
pub fn sitemap_lastmod(published_at: &str) -> Option<String> {
    let (date, time) = published_at.split_once(' ')?;
    (has_shape(date, "0000-00-00") && has_shape(time, "00:00:00")).then(|| format!("{date}T{time}Z"))
}

/// Whether `text` is `pattern` with every `0` standing for any ASCII digit.
fn has_shape(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.bytes().zip(pattern.bytes()).all(|(t, p)| if p == b'0' { t.is_ascii_digit() } else { t == p })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_from_scheme_and_host() {
        assert_eq!(public_origin("http", "127.0.0.1:8787"), "http://127.0.0.1:8787");
        assert_eq!(public_origin("https", "MinCifra.Civic.Localhost"), "https://mincifra.civic.localhost");
        assert_eq!(public_origin("http", "[::1]:8787"), "http://[::1]:8787");
    }

    #[test]
    fn forged_hosts_give_no_origin() {
        assert_eq!(public_origin("http", ""), "");
        assert_eq!(public_origin("http", "evil.example/\"><script>"), "");
        assert_eq!(public_origin("http", "a\r\nSitemap: x"), "");
        assert_eq!(public_origin("javascript", "x"), "");
        assert_eq!(public_origin("http", &"a".repeat(300)), "");
    }

    #[test]
    fn d1_datetimes_become_w3c() {
        assert_eq!(sitemap_lastmod("2026-11-23 10:15:00").as_deref(), Some("2026-11-23T10:15:00Z"));
        assert_eq!(sitemap_lastmod("2026-11-23"), None);
        assert_eq!(sitemap_lastmod("2026-11-23 10:15"), None);
        assert_eq!(sitemap_lastmod("yesterday noon"), None);
        assert_eq!(sitemap_lastmod("2026/11/23 10:15:00"), None);
    }
}
