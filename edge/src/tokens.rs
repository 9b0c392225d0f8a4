//! API tokens for outside systems, without I/O: the secret's format, the scopes, the rules
//! for a new token and the one decision of what a token may do on which site.
//!
//! The model: a token names a list of sites and a set of scopes that apply to every one of
//! them. `read` (required in every token) lists and reads the sites; `write` changes their
//! drafts and collections (collection changes are live at once, as in the constructor);
//! `publish` publishes drafts. A token never sees a site outside its list: such a site
//! answers exactly like a missing one. Tokens are created and revoked by administrators
//! (`Action::ManageTokens`) and live until they expire or are revoked, whoever created them.

use base64::Engine;
use civic_shared::Lang;
use serde::{Deserialize, Serialize};

use crate::authz::{Action, Denied};

/// Every secret starts with this, so leaked tokens are easy to recognise in logs and scans.
pub const SECRET_PREFIX: &str = "civic_";
/// Characters of the secret kept in clear (`civic_AbCd`), to tell tokens apart in lists.
pub const HINT_CHARS: usize = SECRET_PREFIX.len() + 4;
/// Longest token name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest lifetime a token may be given: ten years.
pub const MAX_LIFETIME_SECONDS: i64 = 10 * 366 * 24 * 3600;
/// Seconds between two writes of a token's last-used time (a write per request is waste).
pub const LAST_USED_RESOLUTION: i64 = 60;

/// What a token may do on its sites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// List and read the sites: document, revisions, collections.
    Read,
    /// Change drafts and collection items.
    Write,
    /// Publish a draft.
    Publish,
}

impl Scope {
    /// All scopes, for exhaustive tests and forms.
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Publish];

    /// The stored and transmitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Publish => "publish",
        }
    }

    /// The scope an action needs, if a token may do it at all.
    pub fn needed_for(action: Action) -> Option<Scope> {
        match action {
            Action::ListSites | Action::ReadSite => Some(Scope::Read),
            Action::EditSite => Some(Scope::Write),
            Action::PublishSite => Some(Scope::Publish),
            // Accounts, tokens, the journal and the operator's work stay with people.
            Action::ManageSites
            | Action::ManageUsers
            | Action::ReadAudit
            | Action::ManageTokens
            | Action::ViewDashboard
            | Action::SignMigrationAct
            | Action::HandleTickets
            | Action::ManageBackups
            // Citizens' appeals carry personal data: no outside system reads or answers them.
            | Action::ReadAppeals
            | Action::AnswerAppeals
            | Action::CountAppeals
            | Action::OpenAppealForSupport => None,
        }
    }
}

/// A live token, as the API shell found it by its secret's hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGrant {
    /// Token id.
    pub id: i64,
    /// Name given by the administrator, for the audit log.
    pub name: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// Ids of the sites it may do that on.
    pub sites: Vec<i64>,
}

impl TokenGrant {
    /// How the token signs its changes in the audit log and in revisions.
    pub fn actor_name(&self) -> String {
        format!("api#{} {}", self.id, self.name)
    }
}

/// Decides whether a token may do `action` (on `site`, for per-site actions). The sibling
/// of [`crate::authz::authorize`] for outside systems.
pub fn authorize_token(grant: &TokenGrant, action: Action, site: Option<i64>) -> Result<(), Denied> {
    if action.is_per_site() {
        // Outside its list a site does not exist for the token, whatever the scope.
        match site {
            Some(id) if grant.sites.contains(&id) => {}
            _ => return Err(Denied::NotVisible),
        }
    }
    match Scope::needed_for(action) {
        Some(scope) if grant.scopes.contains(&scope) => Ok(()),
        _ => Err(Denied::Forbidden),
    }
}

/// A new secret from 32 random bytes: `civic_` and 43 characters of base64url.
pub fn encode_secret(bytes: &[u8; 32]) -> String {
    format!("{SECRET_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The secret of an `Authorization: Bearer <secret>` header, if it has the shape of one of ours.
pub fn bearer_secret(authorization: Option<&str>) -> Option<&str> {
    let (scheme, secret) = authorization?.trim().split_once(' ')?;
    let secret = secret.trim();
    let body = secret.strip_prefix(SECRET_PREFIX)?;
    let shaped = body.len() == 43 && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (scheme.eq_ignore_ascii_case("bearer") && shaped).then_some(secret)
}

/// `POST /api/tokens`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateToken {
    /// What the token is for, e.g. «Загрузка новостей из СЭД».
    pub name: String,
    /// Scopes; `read` must be among them.
    pub scopes: Vec<Scope>,
    /// Slugs of the sites the scopes apply to.
    pub sites: Vec<String>,
    /// When it stops working (unix seconds); absent: when revoked.
    #[serde(default)]
    pub expires_at: Option<i64>,
}

/// Why a new token is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// Empty, too long, or with control characters.
    BadName,
    /// No scopes, or no `read` among them.
    NeedsRead,
    /// No sites.
    NoSites,
    /// A slug that names no site.
    UnknownSite,
    /// Expiry in the past or too far ahead.
    BadExpiry,
}

impl TokenProblem {
    /// The field the problem is about.
    pub fn path(self) -> &'static str {
        match self {
            TokenProblem::BadName => "name",
            TokenProblem::NeedsRead => "scopes",
            TokenProblem::NoSites | TokenProblem::UnknownSite => "sites",
            TokenProblem::BadExpiry => "expires_at",
        }
    }

    /// The message a user reads.
    pub fn message(self, lang: Lang) -> String {
        let (ru, en) = match self {
            TokenProblem::BadName => (
                format!("укажите, для чего токен: от 1 до {MAX_NAME_CHARS} знаков"),
                format!("say what the token is for: 1 to {MAX_NAME_CHARS} characters"),
            ),
            TokenProblem::NeedsRead => (
                "права токена должны включать чтение (read)".to_string(),
                "the token's scopes must include read".to_string(),
            ),
            TokenProblem::NoSites => ("выберите хотя бы один сайт".to_string(), "choose at least one site".to_string()),
            TokenProblem::UnknownSite => ("нет сайта с таким адресом".to_string(), "no site has this address".to_string()),
            TokenProblem::BadExpiry => (
                "срок действия должен быть в будущем, не дальше десяти лет".to_string(),
                "the expiry must be in the future, at most ten years ahead".to_string(),
            ),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// A new token's settings after the checks: trimmed name, sorted unique scopes and slugs.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckedToken {
    /// Name.
    pub name: String,
    /// Scopes, sorted, without repeats.
    pub scopes: Vec<Scope>,
    /// Site slugs, sorted, without repeats (the shell turns them into ids).
    pub sites: Vec<String>,
    /// Expiry, unix seconds.
    pub expires_at: Option<i64>,
}

/// Checks a request for a new token at time `now` (unix seconds).
pub fn check_new_token(request: CreateToken, now: i64) -> Result<CheckedToken, TokenProblem> {
    let name = request.name.trim().to_string();
    let name_ok = !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS && !name.chars().any(char::is_control);
    if !name_ok {
        return Err(TokenProblem::BadName);
    }
    let mut scopes = request.scopes;
    scopes.sort();
    scopes.dedup();
    if !scopes.contains(&Scope::Read) {
        return Err(TokenProblem::NeedsRead);
    }
    let mut sites = request.sites;
    sites.sort();
    sites.dedup();
    if sites.is_empty() {
        return Err(TokenProblem::NoSites);
    }
    if request.expires_at.is_some_and(|at| at <= now || at > now + MAX_LIFETIME_SECONDS) {
        return Err(TokenProblem::BadExpiry);
    }
    Ok(CheckedToken { name, scopes, sites, expires_at: request.expires_at })
}

/// A token as administrators see it in lists (never with its secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The secret's first characters.
    pub hint: String,
    /// Scopes.
    pub scopes: Vec<Scope>,
    /// Slugs of its sites.
    pub sites: Vec<String>,
    /// Who created it.
    pub created_by: String,
    /// When (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub created_at: String,
    /// Expiry, unix seconds.
    pub expires_at: Option<i64>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// Last request, unix seconds.
    pub last_used_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Scope::*;

    const OWN: i64 = 1;
    const OTHER: i64 = 2;

    fn grant(scopes: &[Scope]) -> TokenGrant {
        TokenGrant { id: 5, name: "СЭД".into(), scopes: scopes.to_vec(), sites: vec![OWN] }
    }

    /// Every subset of scopes × every action × (own site, other site, no site), written out:
    /// a change of policy is a visible change of this table.
    #[test]
    fn exhaustive_scope_table() {
        use Action::*;
        use Denied::*;
        const OK: Result<(), Denied> = Ok(());
        const NV: Result<(), Denied> = Err(NotVisible);
        const NO: Result<(), Denied> = Err(Forbidden);
        // For each action: the answer for (own, other, none) when the token has the needed
        // scope, and when it has not.
        type Row = (Action, [Result<(), Denied>; 3], [Result<(), Denied>; 3]);
        let table: &[Row] = &[
            (ListSites, [OK, OK, OK], [NO, NO, NO]),
            (ReadSite, [OK, NV, NV], [NO, NV, NV]),
            (EditSite, [OK, NV, NV], [NO, NV, NV]),
            (PublishSite, [OK, NV, NV], [NO, NV, NV]),
            (ManageSites, [NO, NO, NO], [NO, NO, NO]),
            (ManageUsers, [NO, NO, NO], [NO, NO, NO]),
            (ReadAudit, [NO, NO, NO], [NO, NO, NO]),
            (ManageTokens, [NO, NO, NO], [NO, NO, NO]),
            (ViewDashboard, [NO, NO, NO], [NO, NO, NO]),
            (SignMigrationAct, [NO, NV, NV], [NO, NV, NV]),
            (HandleTickets, [NO, NO, NO], [NO, NO, NO]),
            (ManageBackups, [NO, NO, NO], [NO, NO, NO]),
            (ReadAppeals, [NO, NV, NV], [NO, NV, NV]),
            (AnswerAppeals, [NO, NV, NV], [NO, NV, NV]),
            (CountAppeals, [NO, NV, NV], [NO, NV, NV]),
            (OpenAppealForSupport, [NO, NV, NV], [NO, NV, NV]),
        ];
        assert_eq!(table.len(), Action::ALL.len(), "every action is listed");
        for mask in 0..8u8 {
            let scopes: Vec<Scope> = Scope::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s).collect();
            let token = grant(&scopes);
            for action in Action::ALL {
                let (_, with, without) = table.iter().find(|(a, _, _)| *a == action).expect("listed");
                let has = Scope::needed_for(action).is_some_and(|s| scopes.contains(&s));
                let expected = if has { with } else { without };
                for (site, want) in [Some(OWN), Some(OTHER), None].into_iter().zip(expected) {
                    assert_eq!(authorize_token(&token, action, site), *want, "{scopes:?} {action:?} {site:?}");
                }
            }
        }
    }

    #[test]
    fn scopes_per_action() {
        assert_eq!(Scope::needed_for(Action::EditSite), Some(Write));
        assert_eq!(Scope::needed_for(Action::ManageTokens), None);
        let names: Vec<_> = Scope::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["read", "write", "publish"]);
        assert_eq!(serde_json::to_string(&Scope::ALL).unwrap(), r#"["read","write","publish"]"#);
    }

    #[test]
    fn secrets_have_one_shape() {
        let secret = encode_secret(&[0xfb; 32]);
        assert_eq!(secret.len(), 49);
        assert!(secret.starts_with("civic_-_"), "{secret}");
        let header = format!("Bearer {secret}");
        assert_eq!(bearer_secret(Some(&header)), Some(secret.as_str()));
        assert_eq!(bearer_secret(Some(&format!("bearer  {secret} "))), Some(secret.as_str()));
        assert_eq!(bearer_secret(Some(&format!("Basic {secret}"))), None);
        assert_eq!(bearer_secret(Some(&format!("Bearer {}", &secret[..48]))), None);
        assert_eq!(bearer_secret(Some(&format!("Bearer x{}", &secret[1..]))), None);
        assert_eq!(bearer_secret(Some(&format!("Bearer {}!", &secret[..48]))), None);
        assert_eq!(bearer_secret(Some("Bearer")), None);
        assert_eq!(bearer_secret(None), None);
    }

    fn request(name: &str, scopes: &[Scope], sites: &[&str], expires_at: Option<i64>) -> CreateToken {
        CreateToken { name: name.into(), scopes: scopes.to_vec(), sites: sites.iter().map(|s| s.to_string()).collect(), expires_at }
    }

    #[test]
    fn new_token_rules() {
        let now = 1_800_000_000;
        let ok = check_new_token(request("  СЭД ", &[Write, Read, Write], &["kasimov", "gb4", "kasimov"], Some(now + 60)), now);
        assert_eq!(
            ok,
            Ok(CheckedToken { name: "СЭД".into(), scopes: vec![Read, Write], sites: vec!["gb4".into(), "kasimov".into()], expires_at: Some(now + 60) })
        );
        let refuse = |req| check_new_token(req, now).unwrap_err();
        assert_eq!(refuse(request(" ", &[Read], &["gb4"], None)), TokenProblem::BadName);
        assert_eq!(refuse(request(&"я".repeat(101), &[Read], &["gb4"], None)), TokenProblem::BadName);
        assert_eq!(refuse(request("a\nb", &[Read], &["gb4"], None)), TokenProblem::BadName);
        assert_eq!(refuse(request("x", &[Write, Publish], &["gb4"], None)), TokenProblem::NeedsRead);
        assert_eq!(refuse(request("x", &[], &["gb4"], None)), TokenProblem::NeedsRead);
        assert_eq!(refuse(request("x", &[Read], &[], None)), TokenProblem::NoSites);
        assert_eq!(refuse(request("x", &[Read], &["gb4"], Some(now))), TokenProblem::BadExpiry);
        assert_eq!(refuse(request("x", &[Read], &["gb4"], Some(now + MAX_LIFETIME_SECONDS + 1))), TokenProblem::BadExpiry);
        assert_eq!(TokenProblem::NeedsRead.path(), "scopes");
        assert!(TokenProblem::BadExpiry.message(Lang::Ru).contains("в будущем"));
    }

    #[test]
    fn actor_name_names_the_token() {
        assert_eq!(grant(&[Read]).actor_name(), "api#5 СЭД");
    }
}
