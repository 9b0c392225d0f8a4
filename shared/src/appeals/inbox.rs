//! Appeals as the worker sends them: to the site's staff the inbox and each appeal; to the
//! operator and administrators the figures and the overdue numbers, never a name or a text; an
//! administrator's support access to one appeal. The constructor names the status in its own
//! language ([`Status::label`]).

use serde::{Deserialize, Serialize};

use super::{Dates, Due, Standing, Status};

/// `GET /api/sites/<slug>/appeals[?all]`: the site's inbox, for its staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub appeals: Vec<InboxAppeal>,
}

/// One appeal: `GET /api/sites/<slug>/appeals/<number>` (with its files) and the answer to an
/// official's action on it (without them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneAppeal {
    pub appeal: InboxAppeal,
}

/// The consent to the processing of personal data an appeal was sent with (152-FZ art. 9):
/// which wording the form showed ([`super::CONSENT_VERSION`]) and when it was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub version: String,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub given_at: String,
}

/// An appeal as the inbox shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxAppeal {
    pub number: String,
    pub topic: String,
    pub text: String,
    pub name: String,
    pub contact: String,
    pub status: Status,
    pub received: String,
    pub registered: Option<String>,
    pub extension_days: Option<i64>,
    pub extension_reason: Option<String>,
    pub assignee: String,
    pub answer: Option<String>,
    pub answered_on: Option<String>,
    pub due: Due,
    pub standing: Standing,
    /// The answer as published on the site, if it is.
    #[serde(default)]
    pub published_question: Option<String>,
    #[serde(default)]
    pub published_answer: Option<String>,
    /// Files the appellant attached (an action's answer leaves them out).
    #[serde(default)]
    pub files: Vec<AppealFile>,
    /// The consent it was sent with; `None` for appeals from before consents were recorded.
    #[serde(default)]
    pub consent: Option<Consent>,
}

/// A file attached to an appeal, fetched by its `idx`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealFile {
    pub idx: i64,
    pub name: String,
    pub size: i64,
}

/// An open appeal past its deadline, as the operator sees it: no names, no text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueAppeal {
    pub number: String,
    pub topic: String,
    pub status: Status,
    /// The day it was due.
    pub due: String,
    pub days_over: i64,
}

/// A site's appeals as figures (`GET /api/sites/<slug>/appeals/figures`): what the operator
/// and administrators see of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealFigures {
    /// Received or registered, not yet answered or closed.
    pub open: u64,
    /// Received and not yet registered.
    pub awaiting_registration: u64,
    /// Open and due within [`super::DUE_SOON_DAYS`] days.
    pub due_soon: u64,
    pub answered: u64,
    pub closed: u64,
    /// Open past their deadline, most overdue first.
    pub overdue: Vec<OverdueAppeal>,
}

/// What [`figures`] needs of one appeal: no text, no name, no contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureRow {
    pub number: String,
    pub topic: String,
    pub status: Status,
    pub dates: Dates,
}

/// Counts a site's appeals on `today`.
pub fn figures(rows: &[FigureRow], today: &str) -> AppealFigures {
    let mut figures = AppealFigures::default();
    for row in rows {
        match row.status {
            Status::Received => figures.awaiting_registration += 1,
            Status::Answered => figures.answered += 1,
            Status::Closed => figures.closed += 1,
            Status::Registered => {}
        }
        if !row.status.is_open() {
            continue;
        }
        figures.open += 1;
        match super::standing(row.status, &row.dates, today) {
            Standing::Overdue { days_over } => {
                let due = match super::due(row.status, &row.dates) {
                    Due::Registration { by } | Due::Answer { by } => by,
                    Due::Nothing => String::new(),
                };
                figures.overdue.push(OverdueAppeal { number: row.number.clone(), topic: row.topic.clone(), status: row.status, due, days_over });
            }
            Standing::DueSoon { .. } => figures.due_soon += 1,
            Standing::OnTime { .. } | Standing::Done => {}
        }
    }
    figures.overdue.sort_by_key(|appeal| std::cmp::Reverse(appeal.days_over));
    figures
}

/// `POST /api/sites/<slug>/appeals/<number>/support-access`: why an administrator opens the appeal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportAccessRequest {
    pub reason: String,
}

/// The answer: the appeal is open to this administrator until `expires_at` (Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportAccess {
    pub number: String,
    pub expires_at: i64,
}

/// The shortest and the longest reason for a support access, in characters.
pub const SUPPORT_REASON_MIN: usize = 10;
pub const SUPPORT_REASON_MAX: usize = 500;

/// Why a support access is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonRefused {
    TooShort,
    TooLong,
}

impl ReasonRefused {
    pub fn message(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (ReasonRefused::TooShort, crate::Lang::Ru) => {
                format!("укажите причину доступа (не короче {SUPPORT_REASON_MIN} символов): она попадёт в журнал действий")
            }
            (ReasonRefused::TooShort, crate::Lang::En) => format!("give the reason (at least {SUPPORT_REASON_MIN} characters): it goes into the activity log"),
            (ReasonRefused::TooLong, crate::Lang::Ru) => format!("причина не длиннее {SUPPORT_REASON_MAX} символов"),
            (ReasonRefused::TooLong, crate::Lang::En) => format!("the reason is at most {SUPPORT_REASON_MAX} characters"),
        }
    }
}

/// The reason as the journal keeps it: trimmed, on one line.
pub fn check_support_reason(reason: &str) -> Result<String, ReasonRefused> {
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    match reason.chars().count() {
        n if n < SUPPORT_REASON_MIN => Err(ReasonRefused::TooShort),
        n if n > SUPPORT_REASON_MAX => Err(ReasonRefused::TooLong),
        _ => Ok(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn an_overdue_appeal_crosses_the_wire_with_its_status_not_a_label() {
        let appeal = OverdueAppeal { number: "2026-00001".into(), topic: "Меню".into(), status: Status::Received, due: "2026-03-04".into(), days_over: 2 };
        let json = serde_json::to_value(&appeal).unwrap();
        assert_eq!(json["status"], "received");
        assert!(json.get("status_label").is_none());
        let read: OverdueAppeal = serde_json::from_value(json).unwrap();
        assert_eq!(read, appeal);
        assert_eq!(read.status.label(Lang::En), "received, awaiting registration");
    }

    #[test]
    fn an_inbox_appeal_reads_back_with_its_deadline_and_standing() {
        let appeal = InboxAppeal {
            number: "2026-00002".into(),
            topic: String::new(),
            text: "Текст".into(),
            name: "Смирнова Ольга".into(),
            contact: "olga@example.ru".into(),
            status: Status::Registered,
            received: "2026-03-01".into(),
            registered: Some("2026-03-02".into()),
            extension_days: None,
            extension_reason: None,
            assignee: String::new(),
            answer: None,
            answered_on: None,
            due: Due::Answer { by: "2026-04-01".into() },
            standing: Standing::DueSoon { days_left: 3 },
            published_question: None,
            published_answer: None,
            files: vec![AppealFile { idx: 0, name: "скан.pdf".into(), size: 1024 }],
            consent: Some(Consent { version: "pd-2026-1".into(), given_at: "2026-03-01T09:15:00Z".into() }),
        };
        let json = serde_json::to_value(&appeal).unwrap();
        assert_eq!(json["due"], serde_json::json!({ "due": "answer", "by": "2026-04-01" }));
        assert_eq!(json["standing"], serde_json::json!({ "state": "due_soon", "days_left": 3 }));
        assert_eq!(serde_json::from_value::<InboxAppeal>(json).unwrap(), appeal);
        // An action's answer carries no files.
        let mut bare = serde_json::to_value(&appeal).unwrap();
        bare.as_object_mut().unwrap().remove("files");
        assert!(serde_json::from_value::<InboxAppeal>(bare).unwrap().files.is_empty());
    }

    fn row(number: &str, status: Status, received: &str, registered: Option<&str>) -> FigureRow {
        FigureRow {
            number: number.into(),
            topic: "Дороги".into(),
            status,
            dates: Dates { received: received.into(), registered: registered.map(str::to_string), extension: None },
        }
    }

    #[test]
    fn figures_count_and_name_only_the_overdue_numbers() {
        let rows = [
            row("2026-00001", Status::Received, "2026-03-01", None),                 // registration was due 03-04: 6 days over
            row("2026-00002", Status::Received, "2026-03-09", None),                 // due 03-12: 2 days left
            row("2026-00003", Status::Registered, "2026-02-01", Some("2026-02-02")), // answer due 03-04: 6 days over
            row("2026-00004", Status::Registered, "2026-03-01", Some("2026-03-02")), // due 04-01: on time
            row("2026-00005", Status::Answered, "2026-01-10", Some("2026-01-11")),
            row("2026-00006", Status::Closed, "2026-01-10", None),
        ];
        let figures = figures(&rows, "2026-03-10");
        assert_eq!((figures.open, figures.awaiting_registration, figures.due_soon, figures.answered, figures.closed), (4, 2, 1, 1, 1));
        let overdue: Vec<&str> = figures.overdue.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(overdue, ["2026-00001", "2026-00003"]);
        assert!(figures.overdue[0].days_over >= figures.overdue[1].days_over, "most overdue first");
        let json = serde_json::to_value(&figures).unwrap();
        for key in ["text", "name", "contact", "answer", "files"] {
            assert!(!json.to_string().contains(&format!("\"{key}\"")), "figures carry no {key}");
        }
    }

    #[test]
    fn a_support_reason_is_kept_on_one_line_and_bounded() {
        assert_eq!(check_support_reason("  Заявитель   не видит\nответ в статусе "), Ok("Заявитель не видит ответ в статусе".into()));
        assert_eq!(check_support_reason("надо"), Err(ReasonRefused::TooShort));
        assert_eq!(check_support_reason(&"я".repeat(SUPPORT_REASON_MAX + 1)), Err(ReasonRefused::TooLong));
        assert!(ReasonRefused::TooShort.message(Lang::Ru).contains("журнал"));
    }
}
