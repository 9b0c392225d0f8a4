//! Idempotency keys of the API for outside systems, without I/O. A client that retries a POST
//! after a lost answer sends the same `Idempotency-Key`; the first answer is replayed instead
//! of doing the work twice (a second news item, a second revision). Keys belong to one token
//! and are kept for a day.

use crate::api::ApiError;
use crate::security::sha256_hex;

/// How long a key and its first answer are kept.
pub const KEEP_SECONDS: i64 = 24 * 3600;
/// A first request still unfinished after this long is taken to have died, and its key is
/// free again (a worker may be stopped between reserving a key and recording the answer).
pub const ABANDONED_SECONDS: i64 = 60;
/// Longest key accepted.
pub const MAX_KEY_CHARS: usize = 255;

/// Checks an `Idempotency-Key` header: 1 to 255 printable ASCII characters (a UUID fits).
pub fn check_key(key: &str) -> Result<&str, ApiError> {
    let ok = !key.is_empty() && key.len() <= MAX_KEY_CHARS && key.bytes().all(|b| (0x20..0x7f).contains(&b));
    ok.then_some(key).ok_or(ApiError::BadIdempotencyKey)
}

/// What makes two requests "the same": method, path and body. A JSON body counts by its
/// content, so re-serialising it with other whitespace is still the same request.
pub fn fingerprint(method: &str, path: &str, body: &str) -> String {
    let body = match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) => value.to_string(),
        Err(_) => body.to_string(),
    };
    sha256_hex(format!("{method}\n{path}\n{body}").as_bytes())
}

/// A key's record as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredKey {
    /// Fingerprint of the first request.
    pub fingerprint: String,
    /// Its answer, once there is one.
    pub answer: Option<StoredAnswer>,
}

/// The first answer, as it is replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    /// HTTP status.
    pub status: u16,
    /// JSON body (empty for 204).
    pub body: String,
    /// `Location` header, for created items.
    pub location: Option<String>,
}

/// What to do with a request whose key is already taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Replay {
    /// Send the stored answer again.
    Answer(StoredAnswer),
    /// Refuse: another request used this key.
    Reused,
    /// Refuse for now: the first request is still running.
    InProgress,
}

/// Decides about a request with fingerprint `fingerprint` whose key is held by `stored`.
pub fn replay(stored: &StoredKey, fingerprint: &str) -> Replay {
    if stored.fingerprint != fingerprint {
        return Replay::Reused;
    }
    match &stored.answer {
        Some(answer) => Replay::Answer(answer.clone()),
        None => Replay::InProgress,
    }
}

/// Whether an answer is kept for replay: everything but server failures, after which
/// nothing was changed and the client should really try again.
pub fn keeps(status: u16) -> bool {
    status < 500
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(check_key("5f1c0b7e-8a4e-4c53-9d1e-0a6f0f6d2b11").is_ok());
        assert!(check_key(&"k".repeat(255)).is_ok());
        for bad in ["", "ключ", "a\tb", &"k".repeat(256)] {
            assert!(matches!(check_key(bad), Err(ApiError::BadIdempotencyKey)), "{bad:?}");
        }
    }

    #[test]
    fn fingerprints_ignore_whitespace_but_not_content_or_target() {
        let a = fingerprint("POST", "/api/v1/sites/gb4/collections/news", r#"{"title":"А","date":"2026-11-23"}"#);
        let spaced = fingerprint("POST", "/api/v1/sites/gb4/collections/news", "{ \"title\": \"А\",\n \"date\": \"2026-11-23\" }");
        assert_eq!(a, spaced);
        assert_ne!(a, fingerprint("POST", "/api/v1/sites/gb4/collections/news", r#"{"title":"Б","date":"2026-11-23"}"#));
        assert_ne!(a, fingerprint("POST", "/api/v1/sites/kasimov/collections/news", r#"{"title":"А","date":"2026-11-23"}"#));
        assert_ne!(a, fingerprint("PUT", "/api/v1/sites/gb4/collections/news", r#"{"title":"А","date":"2026-11-23"}"#));
        // Not JSON: compared as it is.
        assert_ne!(fingerprint("POST", "/p", "{x"), fingerprint("POST", "/p", "{ x"));
    }

    #[test]
    fn replay_decisions() {
        let answer = StoredAnswer { status: 201, body: "{}".into(), location: Some("/x".into()) };
        let done = StoredKey { fingerprint: "f".into(), answer: Some(answer.clone()) };
        assert_eq!(replay(&done, "f"), Replay::Answer(answer));
        assert_eq!(replay(&done, "g"), Replay::Reused);
        let running = StoredKey { fingerprint: "f".into(), answer: None };
        assert_eq!(replay(&running, "f"), Replay::InProgress);
        assert_eq!(replay(&running, "g"), Replay::Reused);
        assert!(keeps(201) && keeps(422) && keeps(409) && !keeps(503));
    }
}
