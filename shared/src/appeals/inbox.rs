//! Appeals as the worker sends them to the staff: the site's inbox and the operator's list of
//! overdue ones. The constructor names the status in its own language ([`Status::label`]).

use serde::{Deserialize, Serialize};

use super::{Due, Standing, Status};

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
}
