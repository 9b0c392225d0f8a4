//! Headers and checks that protect visitors and editors. Pure, so they are unit-tested.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Hex SHA-256 of some bytes: content addresses of stored documents and ETags.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    hex
}

/// The Content-Security-Policy of a public page: no scripts at all, only the page's own
/// inline stylesheet (by hash), images from this host or https, frames only from the
/// embed allowlist. `connect-src 'self'` opens nothing to the page (it runs no script), but
/// lets audit tools that read `robots.txt` from inside the page (Lighthouse) do so.
pub fn public_page_csp(inline_css: &str) -> String {
    let hash = style_hash(inline_css);
    let frames: Vec<String> = civic_shared::validate::EMBED_HOSTS.iter().map(|host| format!("https://{host}")).collect();
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self' https:; connect-src 'self'; frame-src {}; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        frames.join(" ")
    )
}

/// The CSP source hash of an inline style: base64 of its SHA-256.
pub fn style_hash(inline_css: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(inline_css.as_bytes()))
}

/// Headers every public page carries besides the CSP.
pub const PUBLIC_HEADERS: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
];

/// CSRF defence for state-changing API calls: the browser must say the request comes from
/// this very origin. `Sec-Fetch-Site` is trusted when present (every current browser sends
/// it); otherwise `Origin` must match the host. Requests with neither (curl, outside
/// systems) are not browser-driven and will be authenticated by token, not cookie.
pub fn is_same_origin(sec_fetch_site: Option<&str>, origin: Option<&str>, host: &str) -> bool {
    match (sec_fetch_site, origin) {
        (Some(site), _) => site == "same-origin" || site == "none",
        (None, Some(origin)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or("");
            origin_host.eq_ignore_ascii_case(host)
        }
        (None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn csp_forbids_scripts_and_pins_the_style() {
        let csp = public_page_csp("");
        assert!(csp.starts_with("default-src 'none'; style-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"));
        assert!(!csp.contains("script-src"));
        assert!(csp.contains("; connect-src 'self';"));
        assert!(!csp.contains("unsafe"));
    }

    #[test]
    fn cross_site_writes_are_refused() {
        let host = "127.0.0.1:8787";
        assert!(is_same_origin(Some("same-origin"), Some("http://127.0.0.1:8787"), host));
        assert!(!is_same_origin(Some("cross-site"), Some("https://evil.example"), host));
        assert!(!is_same_origin(Some("same-site"), None, host));
        assert!(is_same_origin(None, Some("http://127.0.0.1:8787"), host));
        assert!(!is_same_origin(None, Some("http://127.0.0.1:8788"), host));
        assert!(!is_same_origin(None, Some("null"), host));
    }
}
