//! Citizens' appeals and the deadlines of federal law 59-FZ «О порядке рассмотрения обращений
//! граждан Российской Федерации»: an appeal is registered within 3 days of its receipt
//! (art. 8 part 2), answered within 30 days of its registration (art. 12 part 1), and the head
//! of the body may extend that once by up to 30 days, telling the citizen why (art. 12 part 2).
//!
//! Pure: dates are `YYYY-MM-DD` strings and the caller says what day it is. Days are calendar
//! days, as the law counts them; the day of registration is not counted («со дня регистрации»),
//! so an appeal registered on 1 March is due on 31 March.

use serde::{Deserialize, Serialize};

pub mod inbox;

/// Days the body has to register an appeal after receiving it.
pub const REGISTER_WITHIN_DAYS: i64 = 3;
/// Days the body has to answer after registration.
pub const ANSWER_WITHIN_DAYS: i64 = 30;
/// The longest single extension.
pub const MAX_EXTENSION_DAYS: i64 = 30;
/// From this many days before the deadline an open appeal is «due soon».
pub const DUE_SOON_DAYS: i64 = 5;

/// Where an appeal is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received from the site; not yet registered by the office.
    Received,
    /// Registered: the answer's 30 days run.
    Registered,
    /// Answered: the citizen sees the answer on the status page.
    Answered,
    /// Closed without an answer of substance (withdrawn, a duplicate, forwarded elsewhere).
    Closed,
}

impl Status {
    /// Whether the office still owes the citizen something.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Received | Status::Registered)
    }

    /// The status as the citizen and the inbox read it.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Status::Received, crate::Lang::Ru) => "поступило, ожидает регистрации",
            (Status::Received, crate::Lang::En) => "received, awaiting registration",
            (Status::Registered, crate::Lang::Ru) => "зарегистрировано, рассматривается",
            (Status::Registered, crate::Lang::En) => "registered, under consideration",
            (Status::Answered, crate::Lang::Ru) => "дан ответ",
            (Status::Answered, crate::Lang::En) => "answered",
            (Status::Closed, crate::Lang::Ru) => "рассмотрение прекращено",
            (Status::Closed, crate::Lang::En) => "closed",
        }
    }
}

/// An extension of the answer's deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// 1 to [`MAX_EXTENSION_DAYS`].
    pub days: i64,
    /// Why, as the citizen is told.
    pub reason: String,
}

/// The dates an appeal's deadlines depend on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    /// The day the site received it.
    pub received: String,
    /// The day the office registered it.
    pub registered: Option<String>,
    /// The one extension, if granted.
    pub extension: Option<Extension>,
}

/// What is due next and by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "due", rename_all = "snake_case")]
pub enum Due {
    /// Registration, by this day.
    Registration { by: String },
    /// The answer, by this day (extension included).
    Answer { by: String },
    /// Nothing: answered or closed.
    Nothing,
}

/// How an open appeal stands against its deadline on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Standing {
    /// More than [`DUE_SOON_DAYS`] left.
    OnTime { days_left: i64 },
    /// [`DUE_SOON_DAYS`] days or fewer left (0 on the last day).
    DueSoon { days_left: i64 },
    /// The deadline has passed.
    Overdue { days_over: i64 },
    /// Nothing is due.
    Done,
}

/// Why an extension is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionRefused {
    /// Only a registered, unanswered appeal can be extended.
    NotRegistered,
    /// The law allows one extension.
    AlreadyExtended,
    /// 1 to 30 days.
    BadDays,
    /// The citizen must be told why.
    NoReason,
}

impl ExtensionRefused {
    pub fn message(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (ExtensionRefused::NotRegistered, crate::Lang::Ru) => "продлить можно только зарегистрированное обращение без ответа",
            (ExtensionRefused::NotRegistered, crate::Lang::En) => "only a registered appeal without an answer can be extended",
            (ExtensionRefused::AlreadyExtended, crate::Lang::Ru) => "срок уже продлевался: закон разрешает продлить его один раз",
            (ExtensionRefused::AlreadyExtended, crate::Lang::En) => "already extended: the law allows one extension",
            (ExtensionRefused::BadDays, crate::Lang::Ru) => "продлить можно не более чем на 30 дней",
            (ExtensionRefused::BadDays, crate::Lang::En) => "an extension is 1 to 30 days",
            (ExtensionRefused::NoReason, crate::Lang::Ru) => "укажите причину продления: ее сообщат заявителю",
            (ExtensionRefused::NoReason, crate::Lang::En) => "give the reason: the citizen is told",
        }
    }
}

/// What is due for an appeal in `status` with these dates.
pub fn due(status: Status, dates: &Dates) -> Due {
    match (status, &dates.registered) {
        (Status::Answered | Status::Closed, _) => Due::Nothing,
        (_, None) => Due::Registration { by: add_days(&dates.received, REGISTER_WITHIN_DAYS) },
        (_, Some(registered)) => {
            let extra = dates.extension.as_ref().map_or(0, |e| e.days);
            Due::Answer { by: add_days(registered, ANSWER_WITHIN_DAYS + extra) }
        }
    }
}

/// How the appeal stands on `today`.
pub fn standing(status: Status, dates: &Dates, today: &str) -> Standing {
    let by = match due(status, dates) {
        Due::Registration { by } | Due::Answer { by } => by,
        Due::Nothing => return Standing::Done,
    };
    let left = days(&by) - days(today);
    match left {
        _ if left < 0 => Standing::Overdue { days_over: -left },
        _ if left <= DUE_SOON_DAYS => Standing::DueSoon { days_left: left },
        _ => Standing::OnTime { days_left: left },
    }
}

/// Checks an extension of an appeal in `status` with these dates.
pub fn check_extension(status: Status, dates: &Dates, extension: &Extension) -> Result<(), ExtensionRefused> {
    if status != Status::Registered || dates.registered.is_none() {
        return Err(ExtensionRefused::NotRegistered);
    }
    if dates.extension.is_some() {
        return Err(ExtensionRefused::AlreadyExtended);
    }
    if !(1..=MAX_EXTENSION_DAYS).contains(&extension.days) {
        return Err(ExtensionRefused::BadDays);
    }
    if extension.reason.trim().is_empty() {
        return Err(ExtensionRefused::NoReason);
    }
    Ok(())
}

/// `date` plus `n` days, `YYYY-MM-DD`.
pub fn add_days(date: &str, n: i64) -> String {
    from_days(days(date) + n)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (a malformed date counts as that day 0).
pub(crate) fn days(date: &str) -> i64 {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().unwrap_or(0));
    let (y, m, d) = (parts.next().unwrap_or(1970), parts.next().unwrap_or(1), parts.next().unwrap_or(1));
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01 (Howard Hinnant's civil-from-days).
pub(crate) fn from_days(n: i64) -> String {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(received: &str, registered: Option<&str>, extension: Option<i64>) -> Dates {
        Dates {
            received: received.into(),
            registered: registered.map(String::from),
            extension: extension.map(|days| Extension { days, reason: "запрошены документы в другом органе".into() }),
        }
    }

    #[test]
    fn calendar_days_across_months_years_and_leap_days() {
        assert_eq!(add_days("2026-03-01", 30), "2026-03-31");
        assert_eq!(add_days("2026-01-31", 30), "2026-03-02");
        assert_eq!(add_days("2028-02-01", 30), "2028-03-02", "2028 is a leap year");
        assert_eq!(add_days("2026-12-15", 30), "2027-01-14");
        assert_eq!(add_days("2000-02-28", 1), "2000-02-29");
        assert_eq!(add_days("2100-02-28", 1), "2100-03-01");
        assert_eq!(add_days("1970-01-01", 0), "1970-01-01");
    }

    /// Art. 8 part 2: registration within three days of receipt.
    #[test]
    fn a_received_appeal_is_to_be_registered_within_three_days() {
        let d = dates("2026-11-20", None, None);
        assert_eq!(due(Status::Received, &d), Due::Registration { by: "2026-11-23".into() });
        assert_eq!(standing(Status::Received, &d, "2026-11-20"), Standing::DueSoon { days_left: 3 });
        assert_eq!(standing(Status::Received, &d, "2026-11-23"), Standing::DueSoon { days_left: 0 });
        assert_eq!(standing(Status::Received, &d, "2026-11-24"), Standing::Overdue { days_over: 1 });
    }

    /// Art. 12 part 1: an answer within 30 days of registration.
    #[test]
    fn a_registered_appeal_is_answered_within_thirty_days_of_registration() {
        let d = dates("2026-02-27", Some("2026-03-01"), None);
        assert_eq!(due(Status::Registered, &d), Due::Answer { by: "2026-03-31".into() });
        assert_eq!(standing(Status::Registered, &d, "2026-03-02"), Standing::OnTime { days_left: 29 });
        assert_eq!(standing(Status::Registered, &d, "2026-03-26"), Standing::DueSoon { days_left: 5 });
        assert_eq!(standing(Status::Registered, &d, "2026-03-25"), Standing::OnTime { days_left: 6 });
        assert_eq!(standing(Status::Registered, &d, "2026-04-02"), Standing::Overdue { days_over: 2 });
    }

    /// Art. 12 part 2: one extension of up to 30 days, with a reason.
    #[test]
    fn one_extension_of_up_to_thirty_days_moves_the_deadline() {
        let d = dates("2026-03-01", Some("2026-03-01"), Some(30));
        assert_eq!(due(Status::Registered, &d), Due::Answer { by: "2026-04-30".into() });
        assert_eq!(standing(Status::Registered, &d, "2026-04-02"), Standing::OnTime { days_left: 28 });
        let again = Extension { days: 10, reason: "ещё".into() };
        assert_eq!(check_extension(Status::Registered, &d, &again), Err(ExtensionRefused::AlreadyExtended));
    }

    #[test]
    fn an_extension_needs_a_registered_open_appeal_a_reason_and_at_most_thirty_days() {
        let open = dates("2026-03-01", Some("2026-03-02"), None);
        let ok = Extension { days: 30, reason: "нужна проверка на месте".into() };
        assert_eq!(check_extension(Status::Registered, &open, &ok), Ok(()));
        assert_eq!(check_extension(Status::Registered, &open, &Extension { days: 31, ..ok.clone() }), Err(ExtensionRefused::BadDays));
        assert_eq!(check_extension(Status::Registered, &open, &Extension { days: 0, ..ok.clone() }), Err(ExtensionRefused::BadDays));
        assert_eq!(check_extension(Status::Registered, &open, &Extension { reason: "  ".into(), ..ok.clone() }), Err(ExtensionRefused::NoReason));
        assert_eq!(check_extension(Status::Received, &dates("2026-03-01", None, None), &ok), Err(ExtensionRefused::NotRegistered));
        assert_eq!(check_extension(Status::Answered, &open, &ok), Err(ExtensionRefused::NotRegistered));
        assert!(!ExtensionRefused::AlreadyExtended.message(crate::Lang::Ru).is_empty());
    }

    #[test]
    fn answered_and_closed_appeals_owe_nothing() {
        let d = dates("2026-01-01", Some("2026-01-02"), None);
        for status in [Status::Answered, Status::Closed] {
            assert_eq!(due(status, &d), Due::Nothing);
            assert_eq!(standing(status, &d, "2027-01-01"), Standing::Done, "never overdue once answered");
            assert!(!status.is_open());
        }
        assert!(Status::Received.is_open() && Status::Registered.is_open());
    }
}

/// Every wording of the consent to the processing of personal data the appeal form has shown,
/// by version, oldest first. An appeal records the version it was sent under, since the body
/// must be able to prove what its author agreed to (152-FZ art. 9 p. 3): a wording once used
/// never changes; a new one is a new entry, and becomes [`CONSENT_VERSION`].
pub const CONSENT_WORDINGS: &[(&str, &str)] =
    &[("pd-2026-1", "Я согласен(на) на обработку персональных данных для рассмотрения обращения (152-ФЗ)")];
/// The version of the consent the form shows now.
pub const CONSENT_VERSION: &str = CONSENT_WORDINGS[CONSENT_WORDINGS.len() - 1].0;
/// The consent the form shows now.
pub const CONSENT_TEXT: &str = CONSENT_WORDINGS[CONSENT_WORDINGS.len() - 1].1;

/// The wording of a recorded consent version, if it is one.
pub fn consent_wording(version: &str) -> Option<&'static str> {
    CONSENT_WORDINGS.iter().find(|(v, _)| *v == version).map(|(_, text)| *text)
}

/// The longest appeal text, and the longest name or contact.
pub const MAX_APPEAL_TEXT: usize = 20_000;
pub const MAX_APPEAL_LINE: usize = 300;

/// An appeal as a visitor sent it, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// One of the form's topics (empty when the form offers none).
    pub topic: String,
    pub text: String,
    pub name: String,
    /// An e-mail or a postal address for the answer.
    pub contact: String,
    /// The version of the consent wording the author agreed to ([`CONSENT_VERSION`]).
    pub consent_version: String,
}

/// What is wrong with one field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    TooLong { max: usize },
    /// Not one of the form's topics.
    UnknownTopic,
    /// Neither an e-mail address nor a postal address.
    BadContact,
    /// Consent to the processing of personal data is required (152-FZ).
    NoConsent,
}

impl FieldProblem {
    pub fn message(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (FieldProblem::Required, crate::Lang::Ru) => "заполните это поле".into(),
            (FieldProblem::Required, crate::Lang::En) => "this field is required".into(),
            (FieldProblem::TooLong { max }, crate::Lang::Ru) => format!("не длиннее {max} символов"),
            (FieldProblem::TooLong { max }, crate::Lang::En) => format!("at most {max} characters"),
            (FieldProblem::UnknownTopic, crate::Lang::Ru) => "выберите тему из списка".into(),
            (FieldProblem::UnknownTopic, crate::Lang::En) => "choose a topic from the list".into(),
            (FieldProblem::BadContact, crate::Lang::Ru) => {
                "укажите адрес электронной почты (имя@домен.ru) или почтовый адрес с индексом".into()
            }
            (FieldProblem::BadContact, crate::Lang::En) => "give an e-mail address or a postal address with its postcode".into(),
            (FieldProblem::NoConsent, crate::Lang::Ru) => "без согласия на обработку персональных данных обращение не может быть рассмотрено".into(),
            (FieldProblem::NoConsent, crate::Lang::En) => "the appeal cannot be considered without consent to processing personal data".into(),
        }
    }
}

/// What a posted appeal form amounts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormOutcome {
    Accepted(Submission),
    /// The hidden field people never see was filled: a robot. Nothing is stored.
    Spam,
    /// Problems by field name (`topic`, `text`, `name`, `contact`, `consent`), in form order.
    Refused(Vec<(&'static str, FieldProblem)>),
}

/// Reads a posted form (`name=value` pairs, already decoded) against the form's `topics`.
pub fn read_form(pairs: &[(String, String)], topics: &[String]) -> FormOutcome {
    let get = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim()).unwrap_or_default();
    if !get("website").is_empty() {
        return FormOutcome::Spam;
    }
    let mut problems = Vec::new();
    let topic = get("topic");
    if !topics.is_empty() && !topics.iter().any(|t| t == topic) {
        problems.push(("topic", if topic.is_empty() { FieldProblem::Required } else { FieldProblem::UnknownTopic }));
    }
    for (name, max) in [("text", MAX_APPEAL_TEXT), ("name", MAX_APPEAL_LINE), ("contact", MAX_APPEAL_LINE)] {
        let value = get(name);
        if value.is_empty() {
            problems.push((name, FieldProblem::Required));
        } else if value.chars().count() > max {
            problems.push((name, FieldProblem::TooLong { max }));
        } else if name == "contact" && !is_contact(value) {
            problems.push((name, FieldProblem::BadContact));
        }
    }
    if get("consent") != "yes" {
        problems.push(("consent", FieldProblem::NoConsent));
    }
    if !problems.is_empty() {
        return FormOutcome::Refused(problems);
    }
    FormOutcome::Accepted(Submission {
        topic: topic.into(),
        text: get("text").into(),
        name: get("name").into(),
        contact: get("contact").into(),
        consent_version: CONSENT_VERSION.into(),
    })
}

/// An e-mail address, or a postal address: something with a six-digit postcode.
fn is_contact(value: &str) -> bool {
    if value.contains('@') {
        return crate::collection_items::is_email(value);
    }
    value.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 6)
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    const GOOD: &[(&str, &str)] = &[
        ("topic", "Жалобы"),
        ("text", "Прошу отремонтировать дорогу на ул. Школьной."),
        ("name", "Иванов Иван Иванович"),
        ("contact", "ivanov@example.ru"),
        ("website", ""),
        ("consent", "yes"),
    ];

    #[test]
    fn consent_versions_are_unique_and_name_their_wording() {
        let mut versions: Vec<&str> = CONSENT_WORDINGS.iter().map(|(v, _)| *v).collect();
        versions.sort_unstable();
        versions.dedup();
        assert_eq!(versions.len(), CONSENT_WORDINGS.len(), "a version names one wording");
        assert_eq!(consent_wording(CONSENT_VERSION), Some(CONSENT_TEXT));
        assert_eq!(consent_wording("pd-1999-1"), None);
        // The wording of a version already recorded with appeals: change the text, add a version.
        assert_eq!(consent_wording("pd-2026-1"), Some("Я согласен(на) на обработку персональных данных для рассмотрения обращения (152-ФЗ)"));
    }

    #[test]
    fn a_complete_form_is_accepted_trimmed() {
        let topics = vec!["Жалобы".to_string(), "Другое".to_string()];
        let mut fields = form(GOOD);
        fields[2].1 = "  Иванов Иван Иванович ".into();
        let FormOutcome::Accepted(s) = read_form(&fields, &topics) else { panic!("refused") };
        assert_eq!((s.topic.as_str(), s.name.as_str()), ("Жалобы", "Иванов Иван Иванович"));
        assert_eq!(s.consent_version, CONSENT_VERSION, "the consent is accepted under the wording the form shows");
        let postal = form(&[("text", "x"), ("name", "x"), ("contact", "390000, г. Рязань, ул. Ленина, 1"), ("consent", "yes")]);
        assert!(matches!(read_form(&postal, &[]), FormOutcome::Accepted(_)), "a postal address with its postcode will do");
    }

    #[test]
    fn the_hidden_field_filled_is_spam() {
        let mut fields = form(GOOD);
        fields[4].1 = "http://spam.example".into();
        assert_eq!(read_form(&fields, &[]), FormOutcome::Spam);
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let topics = vec!["Жалобы".to_string()];
        let bad = form(&[("topic", "Реклама"), ("text", " "), ("name", &"я".repeat(301)), ("contact", "позвоните мне")]);
        assert_eq!(
            read_form(&bad, &topics),
            FormOutcome::Refused(vec![
                ("topic", FieldProblem::UnknownTopic),
                ("text", FieldProblem::Required),
                ("name", FieldProblem::TooLong { max: 300 }),
                ("contact", FieldProblem::BadContact),
                ("consent", FieldProblem::NoConsent),
            ])
        );
        assert!(FieldProblem::NoConsent.message(crate::Lang::Ru).contains("согласия"));
    }
}

/// What an official does to an appeal in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Register it today (the answer's 30 days start).
    Register,
    /// Give it to an official.
    Assign { assignee: String },
    /// Extend the answer's deadline once.
    Extend { days: i64, reason: String },
    /// Answer it: the author reads the answer on the status page.
    Answer { answer: String },
    /// Stop considering it, with the reason the author reads.
    Close { reason: String },
}

/// An appeal's fields after an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub status: Status,
    pub dates: Dates,
    pub assignee: Option<String>,
    pub answer: Option<String>,
    /// The day of the answer (or of closing).
    pub answered_on: Option<String>,
}

/// Why an action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionRefused {
    /// Answered or closed appeals change no more.
    Finished,
    /// Registered already.
    AlreadyRegistered,
    /// An answer (or a closing) needs a registered appeal.
    NotRegistered,
    /// The answer, reason or assignee is empty.
    Empty,
    TooLong,
    Extension(ExtensionRefused),
}

impl ActionRefused {
    pub fn message(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (ActionRefused::Finished, crate::Lang::Ru) => "по обращению уже дан ответ или оно закрыто".into(),
            (ActionRefused::Finished, crate::Lang::En) => "the appeal is already answered or closed".into(),
            (ActionRefused::AlreadyRegistered, crate::Lang::Ru) => "обращение уже зарегистрировано".into(),
            (ActionRefused::AlreadyRegistered, crate::Lang::En) => "the appeal is already registered".into(),
            (ActionRefused::NotRegistered, crate::Lang::Ru) => "сначала зарегистрируйте обращение".into(),
            (ActionRefused::NotRegistered, crate::Lang::En) => "register the appeal first".into(),
            (ActionRefused::Empty, crate::Lang::Ru) => "заполните текст".into(),
            (ActionRefused::Empty, crate::Lang::En) => "write the text".into(),
            (ActionRefused::TooLong, crate::Lang::Ru) => format!("не длиннее {MAX_APPEAL_TEXT} символов"),
            (ActionRefused::TooLong, crate::Lang::En) => format!("at most {MAX_APPEAL_TEXT} characters"),
            (ActionRefused::Extension(refused), lang) => refused.message(lang).into(),
        }
    }
}

/// The appeal after `action` on `today`, or why the action is refused.
pub fn apply(status: Status, dates: &Dates, action: &Action, today: &str) -> Result<Change, ActionRefused> {
    if !status.is_open() {
        return Err(ActionRefused::Finished);
    }
    let text = |text: &str| match text.trim() {
        "" => Err(ActionRefused::Empty),
        t if t.chars().count() > MAX_APPEAL_TEXT => Err(ActionRefused::TooLong),
        t => Ok(t.to_string()),
    };
    let mut change = Change { status, dates: dates.clone(), assignee: None, answer: None, answered_on: None };
    match action {
        Action::Register if status == Status::Registered => return Err(ActionRefused::AlreadyRegistered),
        Action::Register => {
            change.status = Status::Registered;
            change.dates.registered = Some(today.into());
        }
        Action::Assign { assignee: to } => {
            let to = text(to)?;
            if to.chars().count() > MAX_APPEAL_LINE {
                return Err(ActionRefused::TooLong);
            }
            change.assignee = Some(to);
        }
        Action::Extend { days, reason } => {
            let extension = Extension { days: *days, reason: reason.trim().into() };
            check_extension(status, dates, &extension).map_err(ActionRefused::Extension)?;
            change.dates.extension = Some(extension);
        }
        Action::Answer { .. } | Action::Close { .. } if status != Status::Registered => return Err(ActionRefused::NotRegistered),
        Action::Answer { answer } | Action::Close { reason: answer } => {
            change.answer = Some(text(answer)?);
            change.answered_on = Some(today.into());
            change.status = if matches!(action, Action::Answer { .. }) { Status::Answered } else { Status::Closed };
        }
    }
    Ok(change)
}

#[cfg(test)]
mod action_tests {
    use super::*;

    fn received() -> Dates {
        Dates { received: "2026-11-20".into(), registered: None, extension: None }
    }

    #[test]
    fn register_then_extend_then_answer() {
        let registered = apply(Status::Received, &received(), &Action::Register, "2026-11-21").unwrap();
        assert_eq!((registered.status, registered.dates.registered.as_deref()), (Status::Registered, Some("2026-11-21")));
        assert_eq!(due(registered.status, &registered.dates), Due::Answer { by: "2026-12-21".into() });
        let extend = Action::Extend { days: 20, reason: "запрос в другой орган".into() };
        let extended = apply(Status::Registered, &registered.dates, &extend, "2026-12-01").unwrap();
        assert_eq!(due(extended.status, &extended.dates), Due::Answer { by: "2027-01-10".into() });
        assert_eq!(apply(Status::Registered, &extended.dates, &extend, "2026-12-02"), Err(ActionRefused::Extension(ExtensionRefused::AlreadyExtended)));
        let answered = apply(Status::Registered, &extended.dates, &Action::Answer { answer: " Сроки — 2027 год. ".into() }, "2026-12-10").unwrap();
        assert_eq!((answered.status, answered.answer.as_deref(), answered.answered_on.as_deref()), (Status::Answered, Some("Сроки — 2027 год."), Some("2026-12-10")));
        assert_eq!(apply(Status::Answered, &answered.dates, &Action::Register, "2026-12-11"), Err(ActionRefused::Finished));
    }

    #[test]
    fn an_unregistered_appeal_cannot_be_answered_and_texts_are_required() {
        assert_eq!(apply(Status::Received, &received(), &Action::Answer { answer: "да".into() }, "2026-11-21"), Err(ActionRefused::NotRegistered));
        let registered = Dates { registered: Some("2026-11-21".into()), ..received() };
        assert_eq!(apply(Status::Registered, &registered, &Action::Answer { answer: "  ".into() }, "2026-11-22"), Err(ActionRefused::Empty));
        assert_eq!(apply(Status::Registered, &registered, &Action::Register, "2026-11-22"), Err(ActionRefused::AlreadyRegistered));
        let closed = apply(Status::Registered, &registered, &Action::Close { reason: "Заявитель отозвал обращение".into() }, "2026-11-22").unwrap();
        assert_eq!(closed.status, Status::Closed);
        let assigned = apply(Status::Received, &received(), &Action::Assign { assignee: "Соколова М. В.".into() }, "2026-11-21").unwrap();
        assert_eq!((assigned.status, assigned.assignee.as_deref()), (Status::Received, Some("Соколова М. В.")));
    }
}

/// What the analysis needs of one stored appeal.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StatRow {
    pub topic: String,
    pub received: String,
    pub status: Status,
    pub registered: Option<String>,
    pub extension_days: Option<i64>,
    pub answered_on: Option<String>,
}

const MONTHS: [&str; 12] =
    ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"];
/// Outcomes as the analysis names them.
pub const OUTCOME_ANSWERED: &str = "Дан ответ";
pub const OUTCOME_CLOSED: &str = "Рассмотрение прекращено";
pub const OUTCOME_OPEN: &str = "На рассмотрении";

/// «Анализ обращений» of `year` (`2026`) from the stored appeals: the total, the share answered
/// on time (of those answered or closed: by the answer's deadline, extension included), and the
/// counts by topic (most first), by month (January to the last month with appeals) and by outcome.
pub fn stats(rows: &[StatRow], year: &str) -> crate::collections::AppealStats {
    let of_year: Vec<&StatRow> = rows.iter().filter(|row| row.received.get(..4) == Some(year)).collect();
    let mut by_topic: Vec<(String, u64)> = Vec::new();
    let mut months = [0u64; 12];
    let (mut answered, mut closed, mut open, mut finished, mut on_time) = (0, 0, 0, 0u64, 0u64);
    for row in &of_year {
        let topic = if row.topic.is_empty() { "Без темы" } else { row.topic.as_str() };
        match by_topic.iter_mut().find(|(t, _)| t == topic) {
            Some((_, n)) => *n += 1,
            None => by_topic.push((topic.to_string(), 1)),
        }
        if let Some(month) = row.received.get(5..7).and_then(|m| m.parse::<usize>().ok()).filter(|m| (1..=12).contains(m)) {
            months[month - 1] += 1;
        }
        match row.status {
            Status::Answered => answered += 1,
            Status::Closed => closed += 1,
            Status::Received | Status::Registered => open += 1,
        }
        if let (false, Some(registered), Some(answered_on)) = (row.status.is_open(), &row.registered, &row.answered_on) {
            finished += 1;
            let by = add_days(registered, ANSWER_WITHIN_DAYS + row.extension_days.unwrap_or(0));
            if days(answered_on) <= days(&by) {
                on_time += 1;
            }
        }
    }
    by_topic.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let last_month = months.iter().rposition(|n| *n > 0).map_or(0, |i| i + 1);
    let by_outcome = [(OUTCOME_ANSWERED, answered), (OUTCOME_CLOSED, closed), (OUTCOME_OPEN, open)]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| (label.to_string(), n))
        .collect();
    crate::collections::AppealStats {
        period: format!("{year} год"),
        total: of_year.len() as u64,
        on_time_percent: (on_time * 100).checked_div(finished).unwrap_or(0) as u8,
        by_topic,
        by_month: MONTHS.iter().zip(months).take(last_month).map(|(name, n)| (name.to_string(), n)).collect(),
        by_outcome,
    }
}

#[cfg(test)]
mod stats_tests {
    use super::*;

    fn row(topic: &str, received: &str, status: Status, answered_on: Option<&str>) -> StatRow {
        StatRow {
            topic: topic.into(),
            received: received.into(),
            status,
            registered: Some(received.into()),
            extension_days: None,
            answered_on: answered_on.map(String::from),
        }
    }

    #[test]
    fn the_analysis_counts_what_is_stored() {
        let rows = vec![
            row("Дороги", "2026-01-10", Status::Answered, Some("2026-02-09")),
            row("Дороги", "2026-03-01", Status::Answered, Some("2026-04-15")),
            row("ЖКХ", "2026-03-05", Status::Closed, Some("2026-03-10")),
            row("ЖКХ", "2026-03-20", Status::Registered, None),
            row("Дороги", "2026-04-02", Status::Received, None),
            row("Дороги", "2025-12-30", Status::Answered, Some("2026-01-05")),
        ];
        let stats = stats(&rows, "2026");
        assert_eq!(stats.total, 5, "last year's appeal is not counted");
        assert_eq!(stats.by_topic, vec![("Дороги".to_string(), 3), ("ЖКХ".to_string(), 2)]);
        let months: Vec<u64> = stats.by_month.iter().map(|(_, n)| *n).collect();
        assert_eq!(months, [1, 0, 3, 1], "January to April");
        assert_eq!(stats.by_month[2].0, "Март");
        assert_eq!(
            stats.by_outcome,
            vec![(OUTCOME_ANSWERED.to_string(), 2), (OUTCOME_CLOSED.to_string(), 1), (OUTCOME_OPEN.to_string(), 2)]
        );
        // Of three finished, the one answered on 15 April (due 31 March) was late.
        assert_eq!(stats.on_time_percent, 66);
        assert_eq!(super::stats(&[], "2026").total, 0);
    }
}

/// The analysis as CSV (comma-separated, quoted where needed, one header row): section, item,
/// count. Opens in spreadsheet programs; the numbers are the page's.
pub fn stats_csv(stats: &crate::collections::AppealStats) -> String {
    fn cell(out: &mut String, text: &str) {
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
        let formula = text.starts_with(['=', '+', '-', '@']);
        if formula || text.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if formula {
                out.push('\'');
            }
            out.push_str(&text.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(text);
        }
    }
    let mut out = String::from("Раздел,Показатель,Значение\r\n");
    let mut line = |section: &str, item: &str, value: String| {
        cell(&mut out, section);
        out.push(',');
        cell(&mut out, item);
        out.push(',');
        out.push_str(&value);
        out.push_str("\r\n");
    };
    line("Всего обращений", &stats.period, stats.total.to_string());
    line("Рассмотрено в срок, %", &stats.period, stats.on_time_percent.to_string());
    for (section, rows) in [("По темам", &stats.by_topic), ("По месяцам", &stats.by_month), ("По результатам", &stats.by_outcome)] {
        for (item, n) in rows {
            line(section, item, n.to_string());
        }
    }
    out
}

#[cfg(test)]
mod csv_tests {
    use super::*;

    #[test]
    fn the_csv_holds_every_figure_and_quotes_what_needs_it() {
        let stats = crate::collections::AppealStats {
            period: "2026 год".into(),
            total: 3,
            on_time_percent: 100,
            by_topic: vec![("Дороги, мосты".into(), 2), ("=HYPERLINK(\"x\")".into(), 1)],
            by_month: vec![("Январь".into(), 3)],
            by_outcome: vec![(OUTCOME_ANSWERED.into(), 3)],
        };
        let csv = stats_csv(&stats);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "Раздел,Показатель,Значение");
        assert_eq!(lines[1], "Всего обращений,2026 год,3");
        assert_eq!(lines[3], "По темам,\"Дороги, мосты\",2");
        assert_eq!(lines[4], "По темам,\"'=HYPERLINK(\"\"x\"\")\",1", "no formula reaches a spreadsheet");
        assert_eq!(lines.len(), 7);
    }
}

/// Most files one appeal may carry, the largest one, and the largest all together.
pub const MAX_FILES: usize = 5;
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_FILES_BYTES: usize = 10 * 1024 * 1024;

/// The kinds of file an appeal may carry: documents and scans, each known by its first bytes
/// as well as its name, so a program renamed `.pdf` is still refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    /// Word 97–2003.
    Doc,
    Docx,
    Odt,
}

impl FileKind {
    /// Every kind with its name endings.
    const ALL: [(FileKind, &'static [&'static str]); 6] = [
        (FileKind::Pdf, &["pdf"]),
        (FileKind::Jpeg, &["jpg", "jpeg"]),
        (FileKind::Png, &["png"]),
        (FileKind::Doc, &["doc"]),
        (FileKind::Docx, &["docx"]),
        (FileKind::Odt, &["odt"]),
    ];

    /// The kind `name` says, if `bytes` begin the way such a file begins.
    pub fn of(name: &str, bytes: &[u8]) -> Option<FileKind> {
        let ending = name.rsplit_once('.').map(|(_, ending)| ending.to_ascii_lowercase())?;
        let kind = Self::ALL.iter().find(|(_, endings)| endings.contains(&ending.as_str()))?.0;
        let magic: &[u8] = match kind {
            FileKind::Pdf => b"%PDF-",
            FileKind::Jpeg => b"\xFF\xD8\xFF",
            FileKind::Png => b"\x89PNG\r\n\x1A\n",
            FileKind::Doc => b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            FileKind::Docx | FileKind::Odt => b"PK\x03\x04",
        };
        bytes.starts_with(magic).then_some(kind)
    }

    /// The media type the file is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Doc => "application/msword",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
        }
    }
}

/// A file attached to an appeal, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The file's name as the visitor's computer gave it, cut to its last path part and 120 characters.
    pub name: String,
    pub kind: FileKind,
    pub size: usize,
}

/// Why the attached files are refused; the message names the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    TooMany,
    TooLarge { name: String },
    TooLargeTogether,
    WrongKind { name: String },
}

impl FileProblem {
    pub fn message(&self, lang: crate::Lang) -> String {
        let mb = |bytes: usize| bytes / (1024 * 1024);
        match (self, lang) {
            (FileProblem::TooMany, crate::Lang::Ru) => format!("не больше {MAX_FILES} файлов"),
            (FileProblem::TooMany, crate::Lang::En) => format!("at most {MAX_FILES} files"),
            (FileProblem::TooLarge { name }, crate::Lang::Ru) => format!("файл «{name}» больше {} МБ", mb(MAX_FILE_BYTES)),
            (FileProblem::TooLarge { name }, crate::Lang::En) => format!("the file \"{name}\" is over {} MB", mb(MAX_FILE_BYTES)),
            (FileProblem::TooLargeTogether, crate::Lang::Ru) => format!("файлы вместе больше {} МБ", mb(MAX_FILES_BYTES)),
            (FileProblem::TooLargeTogether, crate::Lang::En) => format!("the files together are over {} MB", mb(MAX_FILES_BYTES)),
            (FileProblem::WrongKind { name }, crate::Lang::Ru) => {
                format!("файл «{name}» не подходит: приложите PDF, JPEG, PNG, DOC, DOCX или ODT")
            }
            (FileProblem::WrongKind { name }, crate::Lang::En) => format!("the file \"{name}\" is not a PDF, JPEG, PNG, DOC, DOCX or ODT"),
        }
    }
}

/// Checks the files of a posted form (`(name, bytes)`; empty entries, which browsers send
/// when nothing was chosen, are skipped).
pub fn check_files(files: &[(String, &[u8])]) -> Result<Vec<Attachment>, FileProblem> {
    let files: Vec<_> = files.iter().filter(|(name, bytes)| !(name.is_empty() && bytes.is_empty())).collect();
    if files.len() > MAX_FILES {
        return Err(FileProblem::TooMany);
    }
    let mut checked = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let name: String = name.rsplit(['/', '\\']).next().unwrap_or_default().trim().chars().filter(|c| !c.is_control()).take(120).collect();
        if bytes.len() > MAX_FILE_BYTES {
            return Err(FileProblem::TooLarge { name });
        }
        let Some(kind) = FileKind::of(&name, bytes) else {
            return Err(FileProblem::WrongKind { name });
        };
        checked.push(Attachment { name, kind, size: bytes.len() });
    }
    if checked.iter().map(|file| file.size).sum::<usize>() > MAX_FILES_BYTES {
        return Err(FileProblem::TooLargeTogether);
    }
    Ok(checked)
}

#[cfg(test)]
mod file_tests {
    use super::*;

    fn file(name: &str, bytes: &'static [u8]) -> (String, &'static [u8]) {
        (name.to_string(), bytes)
    }

    #[test]
    fn documents_and_scans_pass_by_name_and_first_bytes() {
        let checked = check_files(&[file("C:\\Users\\ivanov\\Заявление.PDF", b"%PDF-1.7 ..."), file("фото.jpg", b"\xFF\xD8\xFF\xE0"), file("", b"")]).unwrap();
        assert_eq!(checked.len(), 2, "the empty entry of an untouched file field is no file");
        assert_eq!((checked[0].name.as_str(), checked[0].kind, checked[0].size), ("Заявление.PDF", FileKind::Pdf, 12));
        assert_eq!(checked[1].kind.media_type(), "image/jpeg");
        assert_eq!(check_files(&[]), Ok(Vec::new()));
    }

    #[test]
    fn a_renamed_program_a_web_page_and_a_nameless_file_are_refused() {
        let refused = |name: &str| FileProblem::WrongKind { name: name.into() };
        assert_eq!(check_files(&[file("счёт.pdf", b"MZ\x90\x00")]), Err(refused("счёт.pdf")));
        assert_eq!(check_files(&[file("page.html", b"<script>alert(1)</script>")]), Err(refused("page.html")));
        assert_eq!(check_files(&[file("pdf", b"%PDF-1.4")]), Err(refused("pdf")));
        assert!(refused("x.exe").message(crate::Lang::Ru).contains("PDF, JPEG"));
    }

    #[test]
    fn counts_and_sizes_have_limits() {
        static BIG: [u8; MAX_FILE_BYTES + 1] = {
            let mut bytes = [0u8; MAX_FILE_BYTES + 1];
            bytes[0] = b'%';
            bytes[1] = b'P';
            bytes[2] = b'D';
            bytes[3] = b'F';
            bytes[4] = b'-';
            bytes
        };
        assert_eq!(check_files(&[file("big.pdf", &BIG)]), Err(FileProblem::TooLarge { name: "big.pdf".into() }));
        let four_mb = &BIG[..4 * 1024 * 1024];
        let three: Vec<(String, &[u8])> = (0..3).map(|i| (format!("{i}.pdf"), four_mb)).collect();
        assert_eq!(check_files(&three), Err(FileProblem::TooLargeTogether));
        let six: Vec<(String, &[u8])> = (0..6).map(|i| (format!("{i}.pdf"), &b"%PDF-"[..])).collect();
        assert_eq!(check_files(&six), Err(FileProblem::TooMany));
    }
}

/// The longest published question.
pub const MAX_PUBLISHED_QUESTION: usize = 2_000;

/// What an official publishes of an answered appeal.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// The question in the body's words.
    pub question: String,
    /// The answer as published (usually the answer given, shortened).
    pub answer: String,
}

/// Why an answer may not be published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishRefused {
    /// Only answered appeals are published.
    NotAnswered,
    Empty,
    TooLong,
    /// The text names the appellant or carries an address, e-mail or phone number.
    PersonalData,
}

impl PublishRefused {
    pub fn message(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (PublishRefused::NotAnswered, crate::Lang::Ru) => "публикуется только обращение, на которое дан ответ".into(),
            (PublishRefused::NotAnswered, crate::Lang::En) => "only an answered appeal can be published".into(),
            (PublishRefused::Empty, crate::Lang::Ru) => "заполните вопрос и ответ".into(),
            (PublishRefused::Empty, crate::Lang::En) => "write both the question and the answer".into(),
            (PublishRefused::TooLong, crate::Lang::Ru) => format!("вопрос не длиннее {MAX_PUBLISHED_QUESTION} символов, ответ — {MAX_APPEAL_TEXT}"),
            (PublishRefused::TooLong, crate::Lang::En) => format!("the question at most {MAX_PUBLISHED_QUESTION} characters, the answer {MAX_APPEAL_TEXT}"),
            (PublishRefused::PersonalData, crate::Lang::Ru) => {
                "в тексте есть персональные данные (фамилия заявителя, адрес, почта или телефон): уберите их перед публикацией".into()
            }
            (PublishRefused::PersonalData, crate::Lang::En) => {
                "the text carries personal data (the appellant's surname, an address, e-mail or phone): remove it before publishing".into()
            }
        }
    }
}

/// The publication, trimmed, if the appeal is answered and neither text gives away who wrote
/// it: the appellant's name words (three letters or more) and contact, any e-mail address,
/// phone number (ten digits or more) or six-digit postcode.
pub fn check_publication(status: Status, publication: &Publication, name: &str, contact: &str) -> Result<Publication, PublishRefused> {
    if status != Status::Answered {
        return Err(PublishRefused::NotAnswered);
    }
    let (question, answer) = (publication.question.trim(), publication.answer.trim());
    if question.is_empty() || answer.is_empty() {
        return Err(PublishRefused::Empty);
    }
    if question.chars().count() > MAX_PUBLISHED_QUESTION || answer.chars().count() > MAX_APPEAL_TEXT {
        return Err(PublishRefused::TooLong);
    }
    let personal: Vec<String> = name
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .chain(std::iter::once(contact.trim()))
        .filter(|word| word.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    for text in [question, answer] {
        let lower = text.to_lowercase();
        let words = lower.split(|c: char| !c.is_alphabetic() && c != '-');
        let names_appellant = words.clone().any(|word| personal.iter().any(|p| p == word)) || personal.iter().any(|p| p.contains(' ') && lower.contains(p.as_str()));
        let has_email = text.split_whitespace().any(|word| word.contains('@') && word.contains('.'));
        let digit_runs = text.split(|c: char| !(c.is_ascii_digit() || " -()+".contains(c))).map(|run| run.chars().filter(char::is_ascii_digit).count());
        let has_number = digit_runs.clone().any(|digits| digits >= 10) || text.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 6);
        if names_appellant || has_email || has_number {
            return Err(PublishRefused::PersonalData);
        }
    }
    Ok(Publication { question: question.into(), answer: answer.into() })
}

#[cfg(test)]
mod publication_tests {
    use super::*;

    fn publication(question: &str, answer: &str) -> Publication {
        Publication { question: question.into(), answer: answer.into() }
    }

    const NAME: &str = "Петрова Анна Сергеевна";
    const CONTACT: &str = "petrova@example.ru";

    #[test]
    fn an_answer_without_personal_data_is_published_trimmed() {
        let ok = check_publication(Status::Answered, &publication(" Когда отремонтируют дорогу на ул. Школьной? ", "Ремонт — в июне 2027 года, 12.06.2027."), NAME, CONTACT);
        assert_eq!(ok.unwrap().question, "Когда отремонтируют дорогу на ул. Школьной?");
    }

    #[test]
    fn the_appellants_name_address_email_or_phone_is_refused() {
        for (question, answer) in [
            ("Петрова просит отремонтировать дорогу", "Отремонтируем."),
            ("Просьба отремонтировать дорогу", "Уважаемая Анна Сергеевна, отремонтируем."),
            ("Вопрос от petrova@example.ru", "Отремонтируем."),
            ("Просьба перезвонить", "Звоните: +7 (4912) 55-12-34."),
            ("Дорога у дома 390000, Рязань", "Отремонтируем."),
            ("Вопрос с адреса other@mail.ru", "Отремонтируем."),
        ] {
            assert_eq!(check_publication(Status::Answered, &publication(question, answer), NAME, CONTACT), Err(PublishRefused::PersonalData), "{question} / {answer}");
        }
    }

    #[test]
    fn only_answered_appeals_with_both_texts_are_published() {
        assert_eq!(check_publication(Status::Registered, &publication("Вопрос", "Ответ"), NAME, CONTACT), Err(PublishRefused::NotAnswered));
        assert_eq!(check_publication(Status::Answered, &publication(" ", "Ответ"), NAME, CONTACT), Err(PublishRefused::Empty));
        assert!(PublishRefused::PersonalData.message(crate::Lang::Ru).contains("персональные данные"));
    }
}
