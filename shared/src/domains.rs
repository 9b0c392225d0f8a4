//! Binding an organisation's own domain (`shkola7.ru`, `школа7.рф`) to its site: the host name
//! check (Cyrillic names stored in their punycode form), the DNS records the organisation
//! creates, the judgement of a TXT look-up, and the domain's life as a pure state machine:
//! awaiting DNS → active → removed. Pure: the caller looks DNS up and says what time it is.

use serde::{Deserialize, Serialize};

use crate::Lang;

mod punycode;

/// The label under the domain that carries the TXT record: `_civic.<host>`.
pub const TXT_LABEL: &str = "_civic";
/// What the TXT record's value starts with: `civic-verify=<token>`.
pub const TXT_VALUE_PREFIX: &str = "civic-verify=";
/// Domains one site may have at once (awaiting or active).
pub const MAX_DOMAINS_PER_SITE: usize = 5;

/// Why a host name cannot be bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostProblem {
    /// Nothing was given.
    Empty,
    /// Longer than 253 characters (punycode form), or a label longer than 63.
    TooLong,
    /// A character that is not a letter, digit, `-` or `.`, a port, or an empty label.
    BadCharacter,
    /// A label that starts or ends with `-`.
    BadHyphen,
    /// One label only (`localhost`, `ru`).
    NoDot,
    /// An IP address, not a name.
    IpAddress,
    /// The platform's own domain or one of its subdomains.
    PlatformDomain,
    /// A name reserved for local use (`*.localhost`).
    Reserved,
}

impl HostProblem {
    /// The problem as the administrator reads it.
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (HostProblem::Empty, Lang::Ru) => "укажите домен, например shkola7.ru или школа7.рф",
            (HostProblem::Empty, Lang::En) => "enter a domain, e.g. shkola7.ru",
            (HostProblem::TooLong, Lang::Ru) => "домен слишком длинный: до 253 знаков, каждая часть до 63",
            (HostProblem::TooLong, Lang::En) => "the domain is too long: up to 253 characters, each part up to 63",
            (HostProblem::BadCharacter, Lang::Ru) => "в домене допустимы буквы, цифры, дефис и точки между частями; без порта и пробелов",
            (HostProblem::BadCharacter, Lang::En) => "a domain has letters, digits, hyphens and dots between its parts; no port, no spaces",
            (HostProblem::BadHyphen, Lang::Ru) => "часть домена не может начинаться или заканчиваться дефисом",
            (HostProblem::BadHyphen, Lang::En) => "a part of the domain cannot start or end with a hyphen",
            (HostProblem::NoDot, Lang::Ru) => "укажите домен полностью, с зоной: shkola7.ru",
            (HostProblem::NoDot, Lang::En) => "enter the whole domain with its zone: shkola7.ru",
            (HostProblem::IpAddress, Lang::Ru) => "нужен домен, а не IP-адрес",
            (HostProblem::IpAddress, Lang::En) => "a domain name is needed, not an IP address",
            (HostProblem::PlatformDomain, Lang::Ru) => "это адрес самой платформы: у сайта он уже есть",
            (HostProblem::PlatformDomain, Lang::En) => "this is the platform's own address: the site has it already",
            (HostProblem::Reserved, Lang::Ru) => "этот домен зарезервирован и не работает в интернете",
            (HostProblem::Reserved, Lang::En) => "this domain is reserved and does not work on the internet",
        }
    }
}

/// A checked host name: the punycode form DNS and routing use, and the form people read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostName {
    /// Lowercase ASCII (`xn--7-7sb3aeo2d.xn--p1ai`).
    pub ascii: String,
    /// Lowercase, as people write it (`школа7.рф`); equal to `ascii` for Latin names.
    pub unicode: String,
}

/// Checks and normalises a domain an administrator typed: lowercase, no trailing dot, no
/// scheme or path pasted with it, Cyrillic labels as punycode. The platform's own domain,
/// its subdomains, IP addresses and `*.localhost` are refused.
pub fn normalize_host(input: &str, platform_domain: &str) -> Result<HostName, HostProblem> {
    let mut text = input.trim();
    for scheme in ["https://", "http://"] {
        if text.get(..scheme.len()).is_some_and(|start| start.eq_ignore_ascii_case(scheme)) {
            text = &text[scheme.len()..];
        }
    }
    let text = text.split('/').next().unwrap_or_default().trim_end_matches('.');
    if text.is_empty() {
        return Err(HostProblem::Empty);
    }
    if text.contains(':') || text.starts_with('[') {
        return Err(if text.starts_with('[') || text.matches(':').count() > 1 { HostProblem::IpAddress } else { HostProblem::BadCharacter });
    }
    let unicode = text.to_lowercase();
    let mut ascii_labels = Vec::new();
    for label in unicode.split('.') {
        if label.is_empty() || !label.chars().all(|c| c == '-' || c.is_alphanumeric()) {
            return Err(HostProblem::BadCharacter);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(HostProblem::BadHyphen);
        }
        let ascii = match label.is_ascii() {
            true => label.to_string(),
            false => format!("xn--{}", punycode::encode(label)),
        };
        if ascii.len() > 63 {
            return Err(HostProblem::TooLong);
        }
        ascii_labels.push(ascii);
    }
    let ascii = ascii_labels.join(".");
    if ascii.len() > 253 {
        return Err(HostProblem::TooLong);
    }
    if ascii_labels.len() < 2 {
        return Err(HostProblem::NoDot);
    }
    if ascii_labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Err(HostProblem::IpAddress);
    }
    let platform = platform_domain.trim_end_matches('.').to_ascii_lowercase();
    if !platform.is_empty() && (ascii == platform || ascii.ends_with(&format!(".{platform}"))) {
        return Err(HostProblem::PlatformDomain);
    }
    if ascii == "localhost" || ascii.ends_with(".localhost") {
        return Err(HostProblem::Reserved);
    }
    Ok(HostName { ascii, unicode })
}

/// Whether a request's host (port stripped, lowercase) is one of the platform's own: the
/// platform domain and its subdomains, an IP address, `localhost`, or a name without a dot.
/// Any other host can only be a bound domain.
pub fn is_platform_host(host: &str, platform_domain: &str) -> bool {
    let platform = platform_domain.trim_end_matches('.');
    host.is_empty()
        || !host.contains('.')
        || host.starts_with('[')
        || host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || host == "localhost"
        || host.ends_with(".localhost")
        || (!platform.is_empty() && (host == platform || host.strip_suffix(platform).is_some_and(|rest| rest.ends_with('.'))))
}

/// A DNS record the organisation creates at its registrar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsRecord {
    /// `TXT` or `CNAME`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The record's full name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The name of the TXT record that proves the organisation controls `host`.
pub fn txt_name(host: &str) -> String {
    format!("{TXT_LABEL}.{host}")
}

/// The value of that TXT record for the domain's token.
pub fn txt_value(token: &str) -> String {
    format!("{TXT_VALUE_PREFIX}{token}")
}

/// The records to create for `host` bound to site `slug`: the TXT record that proves control,
/// and the CNAME that sends visitors to the platform.
pub fn records(host: &str, slug: &str, platform_domain: &str, token: &str) -> Vec<DnsRecord> {
    vec![
        DnsRecord { kind: "TXT".into(), name: txt_name(host), value: txt_value(token) },
        DnsRecord { kind: "CNAME".into(), name: host.into(), value: format!("{slug}.{platform_domain}") },
    ]
}

/// What a TXT look-up of `_civic.<host>` found, judged against the domain's token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CheckOutcome {
    /// The record with this domain's token is there.
    Found,
    /// No `civic-verify=` record at all.
    Missing,
    /// A `civic-verify=` record with another token (an old one, or a typo).
    Mismatch,
    /// DNS could not be asked; the reason for the log.
    LookupFailed { reason: String },
}

/// Judges the TXT values found at `_civic.<host>` (quotes and the split of long values into
/// strings already undone, see [`txt_values_from_doh`]).
pub fn judge_txt(values: &[String], token: &str) -> CheckOutcome {
    let want = txt_value(token);
    let values: Vec<&str> = values.iter().map(|v| v.trim()).collect();
    if values.iter().any(|v| *v == want) {
        CheckOutcome::Found
    } else if values.iter().any(|v| v.starts_with(TXT_VALUE_PREFIX)) {
        CheckOutcome::Mismatch
    } else {
        CheckOutcome::Missing
    }
}

/// The TXT values of a DNS-over-HTTPS JSON answer (`application/dns-json`, as Cloudflare and
/// Google give it). A name that does not exist has no values; a failed resolution is an error.
pub fn txt_values_from_doh(json: &str) -> Result<Vec<String>, String> {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(rename = "type")]
        kind: u16,
        data: String,
    }
    #[derive(Deserialize)]
    struct Reply {
        #[serde(rename = "Status")]
        status: u32,
        #[serde(rename = "Answer", default)]
        answer: Vec<Answer>,
    }
    let reply: Reply = serde_json::from_str(json).map_err(|e| format!("unreadable DNS answer: {e}"))?;
    match reply.status {
        // NOERROR and NXDOMAIN: an answer, possibly empty.
        0 | 3 => Ok(reply.answer.into_iter().filter(|a| a.kind == 16).map(|a| unquote_txt(&a.data)).collect()),
        other => Err(format!("DNS answered with status {other}")),
    }
}

/// `"abc" "def"` → `abcdef`: a TXT value longer than 255 bytes comes as several strings.
fn unquote_txt(data: &str) -> String {
    let data = data.trim();
    if !data.starts_with('"') {
        return data.to_string();
    }
    let mut out = String::with_capacity(data.len());
    let (mut inside, mut escaped) = (false, false);
    for c in data.chars() {
        match (inside, escaped, c) {
            (true, true, _) => {
                out.push(c);
                escaped = false;
            }
            (true, false, '\\') => escaped = true,
            (true, false, '"') => inside = false,
            (true, false, _) => out.push(c),
            (false, _, '"') => inside = true,
            (false, _, _) => {}
        }
    }
    out
}

/// Where a bound domain stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Added; the TXT record has not been found yet.
    AwaitingDns,
    /// Verified: the site is served on this domain and its other addresses redirect here.
    Active,
    /// Taken off the site (the row is deleted; the audit log keeps the history).
    Removed,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 3] = [Status::AwaitingDns, Status::Active, Status::Removed];

    /// As stored: `awaiting_dns`, `active`, `removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::AwaitingDns => "awaiting_dns",
            Status::Active => "active",
            Status::Removed => "removed",
        }
    }

    /// Reads a stored status.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// The status as the administrator reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::AwaitingDns, Lang::Ru) => "ожидает записи DNS",
            (Status::AwaitingDns, Lang::En) => "awaiting DNS",
            (Status::Active, Lang::Ru) => "действует",
            (Status::Active, Lang::En) => "active",
            (Status::Removed, Lang::Ru) => "удалён",
            (Status::Removed, Lang::En) => "removed",
        }
    }
}

/// A domain's state: its status and its last check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainState {
    /// Where it stands.
    pub status: Status,
    /// Why the last check failed, if it did.
    pub last_error: Option<Refused>,
    /// When it was last checked (as the caller gives time).
    pub checked_at: Option<String>,
}

impl DomainState {
    /// A domain just added.
    pub fn new() -> Self {
        DomainState { status: Status::AwaitingDns, last_error: None, checked_at: None }
    }
}

impl Default for DomainState {
    fn default() -> Self {
        Self::new()
    }
}

/// What happens to a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// The TXT record was looked up at `at`. `other_active` names another domain of the same
    /// site that is active, if one is: a site is served on one domain at a time.
    Checked { at: &'a str, outcome: CheckOutcome, other_active: Option<&'a str> },
    /// An administrator takes the domain off the site.
    Remove,
}

/// Why a domain was not added, verified or removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The host name is not usable.
    Host(HostProblem),
    /// The host is bound (or being bound) to another site.
    TakenByOtherSite,
    /// The host is already among this site's domains.
    AlreadyAdded,
    /// The site has as many domains as it may.
    TooMany,
    /// No `civic-verify=` TXT record at `_civic.<host>`.
    TxtMissing { name: String, value: String },
    /// A `civic-verify=` record with another value.
    TxtMismatch { name: String, value: String },
    /// DNS could not be asked.
    LookupFailed,
    /// The site already has another active domain.
    OtherActive { host: String },
    /// The domain was removed.
    Removed,
}

impl Refused {
    /// A stable code for the API and the stored last error.
    pub fn code(&self) -> &'static str {
        match self {
            Refused::Host(_) => "bad_domain",
            Refused::TakenByOtherSite => "domain_taken",
            Refused::AlreadyAdded => "domain_already_added",
            Refused::TooMany => "too_many_domains",
            Refused::TxtMissing { .. } => "txt_record_missing",
            Refused::TxtMismatch { .. } => "txt_record_mismatch",
            Refused::LookupFailed => "dns_lookup_failed",
            Refused::OtherActive { .. } => "other_domain_active",
            Refused::Removed => "domain_removed",
        }
    }

    /// A check's failure as stored by its [`Refused::code`], for the domain's `host` and `token`.
    pub fn of_check(code: &str, host: &str, token: &str) -> Option<Refused> {
        let (name, value) = (txt_name(host), txt_value(token));
        match code {
            "txt_record_missing" => Some(Refused::TxtMissing { name, value }),
            "txt_record_mismatch" => Some(Refused::TxtMismatch { name, value }),
            "dns_lookup_failed" => Some(Refused::LookupFailed),
            _ => None,
        }
    }

    /// The refusal as the administrator reads it.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refused::Host(problem), lang) => problem.message(lang).into(),
            (Refused::TakenByOtherSite, Lang::Ru) => "Домен уже привязан к другому сайту".into(),
            (Refused::TakenByOtherSite, Lang::En) => "The domain is already bound to another site".into(),
            (Refused::AlreadyAdded, Lang::Ru) => "Этот домен уже добавлен к сайту".into(),
            (Refused::AlreadyAdded, Lang::En) => "This domain has been added to the site already".into(),
            (Refused::TooMany, Lang::Ru) => format!("У сайта не может быть больше {MAX_DOMAINS_PER_SITE} доменов: удалите ненужные"),
            (Refused::TooMany, Lang::En) => format!("A site may have at most {MAX_DOMAINS_PER_SITE} domains: remove unused ones"),
            (Refused::TxtMissing { name, value }, Lang::Ru) => format!(
                "Запись TXT не найдена: создайте у регистратора запись {name} со значением {value}. Изменения DNS расходятся до нескольких часов — проверьте позже"
            ),
            (Refused::TxtMissing { name, value }, Lang::En) => {
                format!("TXT record not found: create the record {name} with the value {value} at your registrar. DNS changes take up to a few hours to spread: check again later")
            }
            (Refused::TxtMismatch { name, value }, Lang::Ru) => {
                format!("Запись TXT {name} найдена, но значение другое: нужно ровно {value}")
            }
            (Refused::TxtMismatch { name, value }, Lang::En) => format!("The TXT record {name} was found with another value: it must be exactly {value}"),
            (Refused::LookupFailed, Lang::Ru) => "Не удалось запросить DNS. Попробуйте проверить позже".into(),
            (Refused::LookupFailed, Lang::En) => "DNS could not be asked. Try the check again later".into(),
            (Refused::OtherActive { host }, Lang::Ru) => format!("У сайта уже действует домен {host}: сначала удалите его"),
            (Refused::OtherActive { host }, Lang::En) => format!("The site already uses the domain {host}: remove it first"),
            (Refused::Removed, Lang::Ru) => "Домен уже удалён".into(),
            (Refused::Removed, Lang::En) => "The domain has been removed".into(),
        }
    }
}

/// The next state of a domain of `host` (with its `token`) after `event`. A failed check keeps
/// the domain awaiting, with the error and time kept; a failed re-check of an active domain
/// keeps it active (a DNS blip must not take a site off its address) but keeps the error.
/// `Err` means nothing changes: the event is refused.
pub fn next(state: &DomainState, event: &Event<'_>, host: &str, token: &str) -> Result<DomainState, Refused> {
    if state.status == Status::Removed {
        return Err(Refused::Removed);
    }
    match event {
        Event::Remove => Ok(DomainState { status: Status::Removed, ..state.clone() }),
        Event::Checked { at, outcome, other_active } => {
            let error = match outcome {
                CheckOutcome::Found => None,
                CheckOutcome::Missing => Some(Refused::TxtMissing { name: txt_name(host), value: txt_value(token) }),
                CheckOutcome::Mismatch => Some(Refused::TxtMismatch { name: txt_name(host), value: txt_value(token) }),
                CheckOutcome::LookupFailed { .. } => Some(Refused::LookupFailed),
            };
            if let (None, Some(other), Status::AwaitingDns) = (&error, other_active, state.status) {
                return Err(Refused::OtherActive { host: (*other).to_string() });
            }
            let status = match (&error, state.status) {
                (None, _) | (Some(_), Status::Active) => Status::Active,
                (Some(_), _) => Status::AwaitingDns,
            };
            Ok(DomainState { status, last_error: error, checked_at: Some((*at).to_string()) })
        }
    }
}

/// A binding of a host to a site as stored, for [`check_add`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding<'a> {
    /// The site it belongs to.
    pub site_id: i64,
    /// Its host (punycode form).
    pub host: &'a str,
}

/// Whether `host` may be added to site `site_id`, given every existing binding of that host
/// and of that site: a host belongs to one site only, and a site has at most
/// [`MAX_DOMAINS_PER_SITE`] domains.
pub fn check_add(host: &str, site_id: i64, existing: &[Binding<'_>]) -> Result<(), Refused> {
    if let Some(bound) = existing.iter().find(|b| b.host == host) {
        return Err(if bound.site_id == site_id { Refused::AlreadyAdded } else { Refused::TakenByOtherSite });
    }
    if existing.iter().filter(|b| b.site_id == site_id).count() >= MAX_DOMAINS_PER_SITE {
        return Err(Refused::TooMany);
    }
    Ok(())
}

/// Where a request for a site reached at another of its addresses goes: the same path and
/// query on its active domain, with the request's scheme and port (so a local test can follow
/// it; production is https on the default port). `path` is below the site (`/kontakty`).
pub fn canonical_location(scheme: &str, port: Option<u16>, domain: &str, path: &str, query: Option<&str>) -> String {
    let scheme = if scheme == "http" { "http" } else { "https" };
    let mut out = format!("{scheme}://{domain}");
    if let Some(port) = port.filter(|p| !matches!((scheme, p), ("http", 80) | ("https", 443))) {
        out.push_str(&format!(":{port}"));
    }
    if !path.starts_with('/') {
        out.push('/');
    }
    out.push_str(path);
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        out.push('?');
        out.push_str(query);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLATFORM: &str = "civic.localhost";

    fn ascii(input: &str) -> Result<String, HostProblem> {
        normalize_host(input, PLATFORM).map(|h| h.ascii)
    }

    #[test]
    fn latin_hosts_are_lowercased_and_cleaned() {
        assert_eq!(ascii("Shkola7.Example"), Ok("shkola7.example".into()));
        assert_eq!(ascii("  https://www.Shkola7.ru/kontakty "), Ok("www.shkola7.ru".into()));
        assert_eq!(ascii("shkola7.ru."), Ok("shkola7.ru".into()));
        assert_eq!(ascii("adm-kasimov.ryazan.ru"), Ok("adm-kasimov.ryazan.ru".into()));
        assert_eq!(normalize_host("shkola7.ru", PLATFORM).map(|h| h.unicode), Ok("shkola7.ru".into()));
    }

    #[test]
    fn cyrillic_hosts_become_punycode() {
        // Vectors as registrars show them.
        assert_eq!(ascii("рф.example"), Ok("xn--p1ai.example".into()));
        assert_eq!(ascii("Президент.РФ"), Ok("xn--d1abbgf6aiiy.xn--p1ai".into()));
        assert_eq!(ascii("пример.рф"), Ok("xn--e1afmkfd.xn--p1ai".into()));
        assert_eq!(ascii("кц.рф"), Ok("xn--j1ay.xn--p1ai".into()));
        assert_eq!(ascii("http://пример.рф/"), Ok("xn--e1afmkfd.xn--p1ai".into()), "a pasted address with the scheme");
        let mixed = normalize_host("Школа7.рф", PLATFORM).unwrap();
        assert_eq!(mixed.unicode, "школа7.рф");
        assert_eq!(mixed.ascii, "xn--7-7sb3aeo2d.xn--p1ai");
        assert!(mixed.ascii.is_ascii());
    }

    #[test]
    fn unusable_hosts_are_refused_with_the_reason() {
        assert_eq!(ascii(""), Err(HostProblem::Empty));
        assert_eq!(ascii("https://"), Err(HostProblem::Empty));
        assert_eq!(ascii("shkola7"), Err(HostProblem::NoDot));
        assert_eq!(ascii("shkola 7.ru"), Err(HostProblem::BadCharacter));
        assert_eq!(ascii("shkola7..ru"), Err(HostProblem::BadCharacter));
        assert_eq!(ascii("shkola_7.ru"), Err(HostProblem::BadCharacter));
        assert_eq!(ascii("shkola7.ru:8080"), Err(HostProblem::BadCharacter));
        assert_eq!(ascii("-shkola7.ru"), Err(HostProblem::BadHyphen));
        assert_eq!(ascii("192.168.0.1"), Err(HostProblem::IpAddress));
        assert_eq!(ascii("[::1]"), Err(HostProblem::IpAddress));
        assert_eq!(ascii("civic.localhost"), Err(HostProblem::PlatformDomain));
        assert_eq!(ascii("gb4.civic.localhost"), Err(HostProblem::PlatformDomain));
        assert_eq!(ascii("other.localhost"), Err(HostProblem::Reserved));
        assert_eq!(normalize_host("civic.example.ru", "civic.example.ru"), Err(HostProblem::PlatformDomain));
        assert_eq!(normalize_host("school7.Civic.Example.ru", "civic.example.ru"), Err(HostProblem::PlatformDomain));
        assert!(normalize_host("notcivic.example.ru", "civic.example.ru").is_ok(), "a look-alike is another domain");
        assert_eq!(ascii(&format!("{}.ru", "a".repeat(64))), Err(HostProblem::TooLong));
        assert_eq!(ascii(&format!("{}ru", "abcdefghi.".repeat(26))), Err(HostProblem::TooLong));
        assert!(HostProblem::NoDot.message(Lang::Ru).contains("shkola7.ru"));
    }

    #[test]
    fn platform_hosts_are_told_from_bound_domains() {
        for host in ["", "127.0.0.1", "localhost", "civic.localhost", "school7.civic.localhost", "[::1]", "civic.example.ru", "x.civic.example.ru"] {
            assert!(is_platform_host(host, "civic.example.ru"), "{host}");
        }
        assert!(is_platform_host("school7.civic.example.ru", "civic.example.ru"));
        assert!(!is_platform_host("shkola7.example", "civic.localhost"));
        assert!(!is_platform_host("xn--e1afmkfd.xn--p1ai", "civic.localhost"));
        assert!(!is_platform_host("evilcivic.example.ru", "civic.example.ru"));
    }

    #[test]
    fn records_name_the_txt_proof_and_the_cname() {
        let list = records("shkola7.example", "school7", PLATFORM, "abc123");
        assert_eq!(list[0].kind, "TXT");
        assert_eq!(list[0].name, "_civic.shkola7.example");
        assert_eq!(list[0].value, "civic-verify=abc123");
        assert_eq!(list[1].kind, "CNAME");
        assert_eq!((list[1].name.as_str(), list[1].value.as_str()), ("shkola7.example", "school7.civic.localhost"));
    }

    #[test]
    fn txt_values_are_judged_against_the_token() {
        let values = |list: &[&str]| list.iter().map(|v| v.to_string()).collect::<Vec<_>>();
        assert_eq!(judge_txt(&values(&["v=spf1 -all", " civic-verify=abc "]), "abc"), CheckOutcome::Found);
        assert_eq!(judge_txt(&values(&["civic-verify=old"]), "abc"), CheckOutcome::Mismatch);
        assert_eq!(judge_txt(&values(&["civic-verify=abcd"]), "abc"), CheckOutcome::Mismatch);
        assert_eq!(judge_txt(&values(&["v=spf1 -all"]), "abc"), CheckOutcome::Missing);
        assert_eq!(judge_txt(&[], "abc"), CheckOutcome::Missing);
    }

    #[test]
    fn doh_answers_are_read() {
        let found = r#"{"Status":0,"TC":false,"Answer":[{"name":"_civic.shkola7.ru","type":16,"TTL":300,"data":"\"civic-verify=ab\" \"c\""},
            {"name":"_civic.shkola7.ru","type":5,"TTL":300,"data":"x.ru."}]}"#;
        assert_eq!(txt_values_from_doh(found), Ok(vec!["civic-verify=abc".to_string()]));
        assert_eq!(txt_values_from_doh(r#"{"Status":3,"Authority":[]}"#), Ok(vec![]));
        assert_eq!(txt_values_from_doh(r#"{"Status":0}"#), Ok(vec![]));
        assert!(txt_values_from_doh(r#"{"Status":2}"#).unwrap_err().contains("status 2"));
        assert!(txt_values_from_doh("<html>").is_err());
        assert_eq!(unquote_txt(r#""say \"hi\"""#), r#"say "hi""#);
    }

    fn checked<'a>(outcome: CheckOutcome, other_active: Option<&'a str>) -> Event<'a> {
        Event::Checked { at: "2026-12-02T20:00:00Z", outcome, other_active }
    }

    #[test]
    fn a_found_record_makes_the_domain_active() {
        let active = next(&DomainState::new(), &checked(CheckOutcome::Found, None), "shkola7.ru", "t").unwrap();
        assert_eq!(active.status, Status::Active);
        assert_eq!(active.last_error, None);
        assert_eq!(active.checked_at.as_deref(), Some("2026-12-02T20:00:00Z"));
    }

    #[test]
    fn a_failed_check_keeps_it_awaiting_with_the_error_and_time() {
        let state = next(&DomainState::new(), &checked(CheckOutcome::Missing, None), "shkola7.ru", "t").unwrap();
        assert_eq!(state.status, Status::AwaitingDns);
        assert_eq!(state.last_error, Some(Refused::TxtMissing { name: "_civic.shkola7.ru".into(), value: "civic-verify=t".into() }));
        assert!(state.last_error.as_ref().unwrap().message(Lang::Ru).starts_with("Запись TXT не найдена: создайте у регистратора запись _civic.shkola7.ru"));
        assert_eq!(state.checked_at.as_deref(), Some("2026-12-02T20:00:00Z"));
        let failed = next(&state, &checked(CheckOutcome::LookupFailed { reason: "timeout".into() }, None), "shkola7.ru", "t").unwrap();
        assert_eq!((failed.status, failed.last_error), (Status::AwaitingDns, Some(Refused::LookupFailed)));
        let wrong = next(&state, &checked(CheckOutcome::Mismatch, None), "shkola7.ru", "t").unwrap();
        assert_eq!(wrong.last_error.as_ref().map(|e| e.code()), Some("txt_record_mismatch"));
        // What is stored is the code; the message comes back from it.
        assert_eq!(Refused::of_check("txt_record_mismatch", "shkola7.ru", "t"), wrong.last_error);
        assert_eq!(Refused::of_check("txt_record_missing", "shkola7.ru", "t"), state.last_error);
        assert_eq!(Refused::of_check("domain_taken", "shkola7.ru", "t"), None);
        // And a later check that finds it activates the domain.
        assert_eq!(next(&state, &checked(CheckOutcome::Found, None), "shkola7.ru", "t").unwrap().status, Status::Active);
    }

    #[test]
    fn an_active_domain_stays_active_when_a_recheck_fails() {
        let active = DomainState { status: Status::Active, last_error: None, checked_at: None };
        let after = next(&active, &checked(CheckOutcome::Missing, None), "shkola7.ru", "t").unwrap();
        assert_eq!(after.status, Status::Active);
        assert_eq!(after.last_error.map(|e| e.code()), Some("txt_record_missing"));
    }

    #[test]
    fn one_active_domain_per_site() {
        let refused = next(&DomainState::new(), &checked(CheckOutcome::Found, Some("old.ru")), "new.ru", "t");
        assert_eq!(refused, Err(Refused::OtherActive { host: "old.ru".into() }));
        // A failed check of the second domain is only recorded.
        let missing = next(&DomainState::new(), &checked(CheckOutcome::Missing, Some("old.ru")), "new.ru", "t").unwrap();
        assert_eq!(missing.status, Status::AwaitingDns);
    }

    #[test]
    fn removal_ends_the_domain() {
        for status in [Status::AwaitingDns, Status::Active] {
            let state = DomainState { status, last_error: None, checked_at: None };
            assert_eq!(next(&state, &Event::Remove, "a.ru", "t").unwrap().status, Status::Removed);
        }
        let removed = DomainState { status: Status::Removed, last_error: None, checked_at: None };
        assert_eq!(next(&removed, &Event::Remove, "a.ru", "t"), Err(Refused::Removed));
        assert_eq!(next(&removed, &checked(CheckOutcome::Found, None), "a.ru", "t"), Err(Refused::Removed));
    }

    #[test]
    fn a_host_belongs_to_one_site() {
        let existing = [Binding { site_id: 1, host: "mincifra.ru" }, Binding { site_id: 3, host: "shkola7.ru" }];
        assert_eq!(check_add("shkola7.ru", 1, &existing), Err(Refused::TakenByOtherSite));
        assert_eq!(Refused::TakenByOtherSite.message(Lang::Ru), "Домен уже привязан к другому сайту");
        assert_eq!(check_add("shkola7.ru", 3, &existing), Err(Refused::AlreadyAdded));
        assert_eq!(check_add("new.ru", 3, &existing), Ok(()));
        let many: Vec<Binding> = ["a.ru", "b.ru", "c.ru", "d.ru", "e.ru"].iter().map(|&host| Binding { site_id: 3, host }).collect();
        assert_eq!(check_add("f.ru", 3, &many), Err(Refused::TooMany));
        assert_eq!(check_add("f.ru", 4, &many), Ok(()));
    }

    #[test]
    fn other_addresses_redirect_to_the_same_path_on_the_domain() {
        assert_eq!(canonical_location("https", None, "shkola7.ru", "/sveden/common", Some("a=1")), "https://shkola7.ru/sveden/common?a=1");
        assert_eq!(canonical_location("http", Some(8791), "shkola7.example", "/", None), "http://shkola7.example:8791/");
        assert_eq!(canonical_location("https", Some(443), "shkola7.ru", "", Some("")), "https://shkola7.ru/");
        assert_eq!(canonical_location("ftp", None, "shkola7.ru", "x", None), "https://shkola7.ru/x");
    }

    #[test]
    fn statuses_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert!(!status.label(Lang::Ru).is_empty());
        }
    }
}
