//! Accounts without I/O: the password rules, the stored hash format, session cookies and
//! the per-address rate limits. The worker shell does the hashing (WebCrypto) and the storage (D1).

use base64::Engine;
use civic_shared::Lang;
use serde::{Deserialize, Serialize};

use crate::authz::{AccountStatus, Role};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted, in bytes: hashing is slow on purpose, so its input is bounded.
pub const MAX_PASSWORD_BYTES: usize = 256;
/// PBKDF2-SHA256 rounds for new hashes: the most WebCrypto on Cloudflare Workers accepts.
pub const PBKDF2_ITERATIONS: u32 = 100_000;
/// Salt length in bytes.
pub const SALT_BYTES: usize = 16;
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "civic_session";
/// How long a session lasts without signing in again: one working day.
pub const SESSION_SECONDS: i64 = 10 * 3600;

const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD_NO_PAD;

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_BYTES`] bytes.
    TooLong,
    /// On the list of common passwords, or a trivial pattern.
    Common,
    /// The same as the login.
    SameAsLogin,
}

impl PasswordProblem {
    /// The message a user reads.
    pub fn message(self, lang: Lang) -> String {
        let (ru, en) = match self {
            PasswordProblem::TooShort => (
                format!("Пароль слишком короткий: нужно не меньше {MIN_PASSWORD_CHARS} символов."),
                format!("The password is too short: at least {MIN_PASSWORD_CHARS} characters are needed."),
            ),
            PasswordProblem::TooLong => (
                format!("Пароль слишком длинный: не больше {MAX_PASSWORD_BYTES} байт."),
                format!("The password is too long: at most {MAX_PASSWORD_BYTES} bytes."),
            ),
            PasswordProblem::Common => (
                "Этот пароль слишком простой или широко известен. Придумайте другой.".to_string(),
                "This password is too simple or widely known. Choose another.".to_string(),
            ),
            PasswordProblem::SameAsLogin => (
                "Пароль не должен совпадать с логином.".to_string(),
                "The password must differ from the login.".to_string(),
            ),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// Checks a new password against the rules: length, the common list, trivial patterns and
/// the login.
pub fn check_password(login: &str, password: &str) -> Result<(), PasswordProblem> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordProblem::TooLong);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    let lower = password.to_lowercase();
    if lower == login.to_lowercase() {
        return Err(PasswordProblem::SameAsLogin);
    }
    let listed = COMMON_PASSWORDS.lines().any(|line| !line.starts_with('#') && line == lower);
    if listed || is_trivial(&lower) {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

/// One repeated character, or a run along the digits or a keyboard row.
fn is_trivial(lower: &str) -> bool {
    const RUNS: [&str; 5] = ["01234567890", "09876543210", "qwertyuiop", "asdfghjkl", "йцукенгшщзхъ"];
    let mut chars = lower.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return true;
    }
    RUNS.iter().any(|run| run.contains(lower))
}

/// A stored password hash: `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64 without padding).
/// The seed script writes the same format with Node's `crypto.pbkdf2Sync`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredHash {
    /// PBKDF2 rounds.
    pub iterations: u32,
    /// Salt.
    pub salt: Vec<u8>,
    /// Derived key, 32 bytes.
    pub hash: Vec<u8>,
}

impl StoredHash {
    /// Reads the stored form; `None` for anything else (such an account cannot sign in).
    pub fn parse(stored: &str) -> Option<StoredHash> {
        let mut parts = stored.split('$');
        if parts.next()? != "pbkdf2-sha256" {
            return None;
        }
        let iterations = parts.next()?.parse().ok().filter(|n| (1..=PBKDF2_ITERATIONS).contains(n))?;
        let salt = B64.decode(parts.next()?).ok()?;
        let hash = B64.decode(parts.next()?).ok().filter(|h| h.len() == 32)?;
        parts.next().is_none().then_some(StoredHash { iterations, salt, hash })
    }

    /// The stored form.
    pub fn to_stored(&self) -> String {
        format!("pbkdf2-sha256${}${}${}", self.iterations, B64.encode(&self.salt), B64.encode(&self.hash))
    }

    /// Whether `derived` (computed with this salt and iteration count) matches, in time that
    /// does not depend on where the bytes differ.
    pub fn matches(&self, derived: &[u8]) -> bool {
        derived.len() == self.hash.len() && derived.iter().zip(&self.hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// A login as stored: trimmed and lower-cased. Logins are `a-z`, `0-9`, `.`, `_`, `-`, 3–64 long.
pub fn normalize_login(login: &str) -> Option<String> {
    let login = login.trim().to_ascii_lowercase();
    let ok_chars = login.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    (ok_chars && (3..=64).contains(&login.len())).then_some(login)
}

/// The `Set-Cookie` value that starts a session. `Secure` always: browsers accept it on
/// `http://127.0.0.1` and `localhost`, and production is https only.
pub fn session_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={SESSION_SECONDS}")
}

/// The `Set-Cookie` value that ends a session in the browser.
pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// The session token from a `Cookie` header, if it looks like one of ours.
pub fn session_token(cookie_header: Option<&str>) -> Option<&str> {
    cookie_header?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| value.len() == 43 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// A random token as it travels in cookies and headers (32 bytes, base64url).
pub fn encode_token(bytes: &[u8; 32]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A limit on failed attempts within a sliding window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptLimit {
    /// Failures allowed in the window.
    pub max_failures: i64,
    /// Window length in seconds.
    pub window_seconds: i64,
}

/// Wrong passwords from one address, whatever the login (offices share one address behind NAT).
/// Those for one login slow down progressively instead (`crate::rate_limit`).
pub const LOGIN_PER_ADDRESS: AttemptLimit = AttemptLimit { max_failures: 100, window_seconds: 15 * 60 };
/// Password changes by one user (also stops guessing the current password).
pub const PASSWORD_CHANGES: AttemptLimit = AttemptLimit { max_failures: 10, window_seconds: 60 * 60 };

impl AttemptLimit {
    /// Seconds to wait before trying again, if the counter (started at `window_start`,
    /// unix seconds) has reached the limit by `now`.
    pub fn retry_after(self, window_start: i64, failures: i64, now: i64) -> Option<i64> {
        let ends = window_start + self.window_seconds;
        (failures >= self.max_failures && now < ends).then_some(ends - now)
    }
}

/// `POST /api/login`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Login.
    pub login: String,
    /// Password.
    pub password: String,
}

/// A user as the API shows it (never with the hash).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UserView {
    /// Id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Status.
    pub status: AccountStatus,
    /// Slugs of the sites the user belongs to.
    #[serde(default)]
    pub sites: Vec<String>,
}

/// `POST /api/users`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// Login (see [`normalize_login`]).
    pub login: String,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// First password, given to the user by the administrator.
    pub password: String,
    /// Slugs of the sites an editor works on.
    #[serde(default)]
    pub sites: Vec<String>,
}

/// `PATCH /api/users/<id>`: only the fields present change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeUser {
    /// Full name.
    pub name: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Active, restricted or banned.
    pub status: Option<AccountStatus>,
    /// Slugs of the sites the user works on (replaces the list).
    pub sites: Option<Vec<String>>,
}

/// `POST /api/users/<id>/password`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    /// The new password.
    pub password: String,
}

/// `POST /api/session/password`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeOwnPassword {
    /// The password now, to prove it is the owner at the keyboard.
    pub current_password: String,
    /// The new password.
    pub new_password: String,
}

/// A person's name as stored: trimmed, 1 to 200 characters, no control characters.
pub fn normalize_name(name: &str) -> Option<String> {
    let name = name.trim();
    let ok = !name.is_empty() && name.chars().count() <= 200 && !name.chars().any(char::is_control);
    ok.then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules() {
        assert_eq!(check_password("ivanova", "Короткий"), Ok(()));
        assert_eq!(check_password("ivanova", "коротко"), Err(PasswordProblem::TooShort));
        assert_eq!(check_password("ivanova", "Password1"), Err(PasswordProblem::Common));
        assert_eq!(check_password("ivanova", "ЙЦУКЕН123"), Err(PasswordProblem::Common));
        assert_eq!(check_password("ivanova", "aaaaaaaaaaaa"), Err(PasswordProblem::Common));
        assert_eq!(check_password("ivanova", "3456789012"), Ok(()));
        assert_eq!(check_password("ivanova", "23456789"), Err(PasswordProblem::Common));
        assert_eq!(check_password("ivanova", "asdfghjk"), Err(PasswordProblem::Common));
        assert_eq!(check_password("ivanova.ea", "Ivanova.EA"), Err(PasswordProblem::SameAsLogin));
        assert_eq!(check_password("ivanova", &"ж".repeat(200)), Err(PasswordProblem::TooLong));
        assert!(PasswordProblem::TooShort.message(Lang::Ru).contains("не меньше 8"));
    }

    #[test]
    fn stored_hash_round_trip_and_rejects() {
        let hash = StoredHash { iterations: 100_000, salt: vec![1; 16], hash: vec![2; 32] };
        let stored = hash.to_stored();
        assert!(stored.starts_with("pbkdf2-sha256$100000$"));
        assert_eq!(StoredHash::parse(&stored), Some(hash.clone()));
        assert!(hash.matches(&[2; 32]));
        assert!(!hash.matches(&[2; 31]));
        let mut other = [2; 32];
        other[31] = 3;
        assert!(!hash.matches(&other));
        for bad in ["", "md5$1$a$b", "pbkdf2-sha256$0$AQ$AQ", "pbkdf2-sha256$100001$AQ$AQ", &format!("{stored}$x")] {
            assert_eq!(StoredHash::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(normalize_name("  Иванова Елена Андреевна "), Some("Иванова Елена Андреевна".into()));
        assert_eq!(normalize_name("   "), None);
        assert_eq!(normalize_name("a\u{0}b"), None);
        assert_eq!(normalize_name(&"я".repeat(201)), None);
    }

    #[test]
    fn logins() {
        assert_eq!(normalize_login("  Ivanova.EA "), Some("ivanova.ea".into()));
        assert_eq!(normalize_login("ab"), None);
        assert_eq!(normalize_login("иванова"), None);
        assert_eq!(normalize_login("a b c"), None);
    }

    #[test]
    fn session_cookie_is_locked_down_and_read_back() {
        let token = encode_token(&[7; 32]);
        assert_eq!(token.len(), 43);
        let cookie = session_cookie(&token);
        for part in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(part), "{cookie}");
        }
        let header = format!("civic_a11y=x; {SESSION_COOKIE}={token}; other=1");
        assert_eq!(session_token(Some(&header)), Some(token.as_str()));
        assert_eq!(session_token(Some("civic_session=short")), None);
        assert_eq!(session_token(Some(&format!("{SESSION_COOKIE}={}", "'".repeat(43)))), None);
        assert_eq!(session_token(None), None);
        assert!(clear_session_cookie().contains("Max-Age=0"));
    }

    #[test]
    fn attempt_limits() {
        let limit = AttemptLimit { max_failures: 5, window_seconds: 15 * 60 };
        assert_eq!(limit.retry_after(1000, 4, 1001), None);
        assert_eq!(limit.retry_after(1000, 5, 1001), Some(899));
        assert_eq!(limit.retry_after(1000, 9, 1900), None, "the window is over");
    }
}
