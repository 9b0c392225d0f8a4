//! The accessible version at the edge: the settings cookie, the settings route's decisions
//! and the page cache variant. Pure, so every rule here is unit-tested; the worker shell
//! only reads headers and writes the response.

use civic_renderer::accessible::{SET_OFF, SET_ON};
use civic_renderer::A11ySettings;

/// Name of the cookie that holds the encoded settings; absent means the usual version.
pub const COOKIE: &str = "civic_a11y";

/// A year, in seconds: the settings are remembered as long as a visitor keeps coming back.
const COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

/// Longest `back` path accepted; real page paths are far shorter.
const MAX_BACK: usize = 256;

/// The visitor's settings from a `Cookie` header, if the accessible version is on.
pub fn from_cookie_header(header: Option<&str>) -> Option<A11ySettings> {
    header?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| A11ySettings::parse(value.trim_matches('"')))
}

/// The settings after following a panel link: `off` ends the accessible version, `on` (or
/// nothing) starts it, anything else changes the settings it names and keeps the rest.
pub fn settings_after(current: Option<A11ySettings>, set: &str) -> Option<A11ySettings> {
    if set == SET_OFF {
        return None;
    }
    let mut settings = current.unwrap_or_default();
    if set != SET_ON {
        settings.apply(set);
    }
    Some(settings)
}

/// Where to send the visitor back: `back` if it is a page path on this very site, else the
/// site's home page. Only path characters of page addresses pass, and no `//`, `\` or `..`,
/// so the redirect can never leave the site (no open redirect).
pub fn back_path(back: Option<&str>, base_path: &str) -> String {
    let mut home = String::with_capacity(base_path.len() + 1);
    home.push_str(base_path);
    home.push('/');
    match back {
        Some(back)
            if back.len() <= MAX_BACK
                && back.starts_with(&home)
                && !back.contains("//")
                && back.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'/') =>
        {
            back.to_string()
        }
        _ => home,
    }
}

/// The `Set-Cookie` value that stores `settings` (or clears them) for the site at `base_path`.
/// No script reads the cookie, hence `HttpOnly`; `Lax` lets it ride top-level navigation only.
pub fn set_cookie(settings: Option<&A11ySettings>, base_path: &str, secure: bool) -> String {
    let (value, max_age) = match settings {
        Some(settings) => (settings.encode(), COOKIE_MAX_AGE),
        None => (String::new(), 0),
    };
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={value}; Path={base_path}/; Max-Age={max_age}; SameSite=Lax; HttpOnly{secure}")
}

/// The part of the page cache key that keeps the versions apart: `std` or `a11y-<settings>`.
pub fn cache_variant(settings: Option<&A11ySettings>) -> String {
    match settings {
        Some(settings) => format!("a11y-{}", settings.encode()),
        None => "std".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_renderer::accessible::{ColorScheme, FontSize, Images};

    #[test]
    fn cookie_is_found_among_others() {
        assert_eq!(from_cookie_header(None), None);
        assert_eq!(from_cookie_header(Some("a=1; other=2")), None);
        let settings = from_cookie_header(Some("a=1; civic_a11y=z4c1i1; b=2")).unwrap();
        assert_eq!(settings.font_size, FontSize::Percent200);
        assert_eq!(settings.scheme, ColorScheme::WhiteOnBlack);
        assert_eq!(settings.images, Images::Off);
        // A forged value still means "on", with defaults.
        assert_eq!(from_cookie_header(Some("civic_a11y=<script>")), Some(A11ySettings::default()));
        assert_eq!(from_cookie_header(Some("xcivic_a11y=z4")), None);
    }

    #[test]
    fn panel_links_change_the_settings() {
        assert_eq!(settings_after(None, "on"), Some(A11ySettings::default()));
        assert_eq!(settings_after(None, ""), Some(A11ySettings::default()));
        let on = settings_after(None, "c1").unwrap();
        assert_eq!(on.scheme, ColorScheme::WhiteOnBlack);
        let bigger = settings_after(Some(on), "z4").unwrap();
        assert_eq!((bigger.scheme, bigger.font_size), (ColorScheme::WhiteOnBlack, FontSize::Percent200));
        assert_eq!(settings_after(Some(bigger), "on"), Some(bigger));
        assert_eq!(settings_after(Some(bigger), "off"), None);
    }

    #[test]
    fn back_stays_on_the_site() {
        let base = "/s/mincifra";
        assert_eq!(back_path(Some("/s/mincifra/kontakty"), base), "/s/mincifra/kontakty");
        assert_eq!(back_path(Some("/s/mincifra/"), base), "/s/mincifra/");
        assert_eq!(back_path(None, base), "/s/mincifra/");
        for hostile in [
            "https://evil.example/",
            "//evil.example/",
            "/s/mincifra//evil.example",
            "/\\evil.example",
            "/s/other/",
            "/s/mincifra-evil/",
            "/s/mincifra/../other/",
            "/s/mincifra/a?x=1",
            "/s/mincifra/\r\nSet-Cookie:x",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(back_path(Some(hostile), base), "/s/mincifra/", "{hostile:?}");
        }
        // On the site's own host every page path is the site's.
        assert_eq!(back_path(Some("/kontakty"), ""), "/kontakty");
        assert_eq!(back_path(Some("//evil.example"), ""), "/");
        assert_eq!(back_path(Some("/\\evil.example"), ""), "/");
        assert_eq!(back_path(Some(&format!("/{}", "a".repeat(300))), ""), "/");
    }

    #[test]
    fn cookie_is_scoped_to_the_site() {
        let settings = A11ySettings::parse("c1");
        assert_eq!(
            set_cookie(Some(&settings), "/s/mincifra", false),
            "civic_a11y=z1f0l0h0c1i0; Path=/s/mincifra/; Max-Age=31536000; SameSite=Lax; HttpOnly"
        );
        assert_eq!(set_cookie(None, "", true), "civic_a11y=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly; Secure");
    }

    #[test]
    fn cache_keeps_versions_apart() {
        assert_eq!(cache_variant(None), "std");
        assert_eq!(cache_variant(Some(&A11ySettings::parse("c1"))), "a11y-z1f0l0h0c1i0");
        assert_ne!(cache_variant(Some(&A11ySettings::parse("c1"))), cache_variant(Some(&A11ySettings::parse("c2"))));
    }
}
