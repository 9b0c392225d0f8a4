//! Collections that data blocks render: news, documents, staff, polls… The platform
//! stores them; the renderer receives them in [`RenderData`] and only formats them.
//! Dates are ISO strings (`2026-11-23`): this crate reads no clock.

use serde::{Deserialize, Serialize};

/// Everything data blocks may show on one page. Empty collections render empty states.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenderData {
    /// News, newest first.
    pub news: Vec<NewsItem>,
    /// Announcements, newest first.
    pub announcements: Vec<Announcement>,
    /// Official documents, newest first.
    pub documents: Vec<DocumentItem>,
    /// Staff directory.
    pub staff: Vec<StaffMember>,
    /// Phone directory.
    pub phones: Vec<PhoneEntry>,
    /// Reception schedule of officials.
    pub reception: Vec<ReceptionSlot>,
    /// Open vacancies.
    pub vacancies: Vec<Vacancy>,
    /// Polls.
    pub polls: Vec<Poll>,
    /// Figures for «Анализ обращений».
    pub appeal_stats: Option<AppealStats>,
    /// Published comments of public discussions, oldest first.
    pub comments: Vec<Comment>,
    /// Answers to appeals the body chose to publish, without personal data; newest first.
    pub published_answers: Vec<PublishedAnswer>,
}

/// An answer to an appeal, published on the site without personal data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublishedAnswer {
    /// The appeal's registration number.
    pub number: String,
    pub topic: String,
    /// The question in the body's words, without the appellant's name or address.
    pub question: String,
    pub answer: String,
    /// `YYYY-MM-DD`.
    pub answered_on: String,
}

/// A published comment of a public discussion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Comment {
    /// The discussion: `<page id>/<block id>`.
    pub discussion: String,
    pub name: String,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// A news item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewsItem {
    /// Stable id; also the address part of the item's page.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// One or two sentences for lists and RSS.
    pub summary: String,
    /// Full text, paragraph by paragraph.
    pub body: Vec<String>,
    /// Picture address (relative or https) and its text alternative.
    pub image: Option<(String, String)>,
}

/// An announcement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Announcement {
    pub id: String,
    pub title: String,
    /// Date of the event or of publication, `YYYY-MM-DD`.
    pub date: String,
    pub text: String,
}

/// An official document (order, decree, report…).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentItem {
    pub id: String,
    pub title: String,
    /// Kind, e.g. «Приказ», «Постановление».
    pub kind: String,
    /// Registration number.
    pub number: String,
    /// Date of signing, `YYYY-MM-DD`.
    pub date: String,
    /// In force, void, or a draft under discussion.
    pub status: DocumentStatus,
    /// File address.
    pub file_url: String,
    /// File size in bytes (shown to visitors).
    #[serde(deserialize_with = "crate::json_numbers::whole_u64")]
    pub file_size: u64,
}

/// Legal status of a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Действует.
    #[default]
    InForce,
    /// Утратил силу.
    Void,
    /// Проект.
    Draft,
}

/// A person in the staff directory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub position: String,
    pub department: String,
    pub phone: String,
    pub email: String,
    /// Photo address and its text alternative.
    pub photo: Option<(String, String)>,
}

/// A line of the phone directory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhoneEntry {
    pub id: String,
    pub department: String,
    pub name: String,
    pub position: String,
    pub phone: String,
}

/// When an official receives citizens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReceptionSlot {
    pub id: String,
    pub official: String,
    pub position: String,
    /// E.g. «каждый вторник».
    pub days: String,
    /// E.g. «10:00–12:00».
    pub hours: String,
    pub place: String,
    /// How to sign up.
    pub booking: String,
}

/// An open position.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vacancy {
    pub id: String,
    pub title: String,
    pub department: String,
    pub salary: String,
    pub requirements: String,
    pub contact: String,
}

/// A poll and its current results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Poll {
    pub id: String,
    pub question: String,
    /// Several answers may be chosen.
    pub multiple: bool,
    /// Voting has not been closed early by staff (dates decide the rest, see
    /// [`crate::polls::state`]).
    pub open: bool,
    /// Opening date, `YYYY-MM-DD`; empty: open from the start.
    pub opens: String,
    /// Closing date, `YYYY-MM-DD`; empty: until closed by staff.
    pub closes: String,
    /// Results may be shown while voting is open.
    pub show_results: bool,
    /// Only people signed in to Civic (the organisation's staff) may vote, one vote per account.
    pub login_required: bool,
    pub options: Vec<PollOption>,
}

/// A poll as editors keep it in the «Голосования» collection: its answers are lines; their
/// ids and counts are derived when the site is rendered ([`crate::polls::poll_of`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PollItem {
    pub id: String,
    pub question: String,
    /// The answers, one per line, in the order visitors see them.
    pub options: Vec<String>,
    /// Several answers may be chosen.
    pub multiple: bool,
    /// Opening date, `YYYY-MM-DD`, or empty.
    pub opens: String,
    /// Closing date, `YYYY-MM-DD`, or empty.
    pub closes: String,
    /// When visitors see the results.
    pub results: PollResults,
    /// Only staff signed in to Civic may vote.
    pub login_required: bool,
    /// Closed early by staff.
    pub closed: bool,
}

/// When a poll's results are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PollResults {
    /// Во время голосования.
    #[default]
    During,
    /// После окончания.
    After,
}

/// One answer of a poll.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PollOption {
    pub id: String,
    pub text: String,
    pub votes: u64,
}

/// Aggregated appeals for «Анализ обращений».
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppealStats {
    /// Period covered, e.g. «2026 год».
    pub period: String,
    pub total: u64,
    /// Share answered on time, in percent.
    pub on_time_percent: u8,
    pub by_topic: Vec<(String, u64)>,
    pub by_month: Vec<(String, u64)>,
    pub by_outcome: Vec<(String, u64)>,
}
