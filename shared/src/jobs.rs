//! Heavy work done off the request path: backing a site up, restoring one, importing an old
//! site. The public worker checks what it cheaply can, writes a job row and puts a message on
//! the jobs queue, and answers `202` with the job at once; the jobs worker takes the message,
//! does the work and writes its progress, its result or its error into the row, which the
//! constructor polls to draw a progress bar. These are the row's and the message's shapes, the
//! same on both workers and in the browser.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// What a job does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A backup of the site (an administrator's, or the daily one).
    Backup,
    /// A restore of a backup into the site, or into a new site.
    Restore,
    /// An old site's pages into the site's draft (or only its report: a dry run).
    SiteImport,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Backup, Kind::Restore, Kind::SiteImport];

    /// The kind as stored and sent: `backup`, `restore`, `site_import`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Backup => "backup",
            Kind::Restore => "restore",
            Kind::SiteImport => "site_import",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Backup, Lang::Ru) => "Резервная копия",
            (Kind::Backup, Lang::En) => "Backup",
            (Kind::Restore, Lang::Ru) => "Восстановление из копии",
            (Kind::Restore, Lang::En) => "Restore from a backup",
            (Kind::SiteImport, Lang::Ru) => "Перенос старого сайта",
            (Kind::SiteImport, Lang::En) => "Import of an old site",
        }
    }
}

/// Where a job stands. A job ends `done` or `failed`, never both, and a failed job changed
/// nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting in the queue.
    Queued,
    /// The jobs worker is doing it.
    Running,
    /// Finished: the result is in the row.
    Done,
    /// Refused or failed: the error is in the row, and nothing was changed.
    Failed,
}

impl State {
    pub const ALL: [State; 4] = [State::Queued, State::Running, State::Done, State::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Running => "running",
            State::Done => "done",
            State::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        State::ALL.into_iter().find(|state| state.as_str() == text)
    }

    /// Whether the job has ended (its result or its error is there).
    pub fn is_final(self) -> bool {
        matches!(self, State::Done | State::Failed)
    }
}

/// What a running job is doing now, for the words beside its progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Opening and checking the uploaded file.
    Reading,
    /// Copying the site's pages (documents).
    Documents,
    /// Copying the site's files (the media library).
    Files,
    /// Writing the result in one go.
    Saving,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Reading, Step::Documents, Step::Files, Step::Saving];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Reading => "reading",
            Step::Documents => "documents",
            Step::Files => "files",
            Step::Saving => "saving",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.as_str() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Step::Reading, Lang::Ru) => "Проверяем файл",
            (Step::Reading, Lang::En) => "Checking the file",
            (Step::Documents, Lang::Ru) => "Копируем страницы",
            (Step::Documents, Lang::En) => "Copying the pages",
            (Step::Files, Lang::Ru) => "Копируем файлы",
            (Step::Files, Lang::En) => "Copying the files",
            (Step::Saving, Lang::Ru) => "Сохраняем",
            (Step::Saving, Lang::En) => "Saving",
        }
    }
}

/// Why a job failed: the status and the body the API would have answered had the work been
/// done during the request, so a client reads it with the code it reads every API error with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub status: u16,
    pub body: serde_json::Value,
    /// The same error as the API v1 answers it (an RFC 9457 problem, in Russian).
    #[serde(default)]
    pub problem: Option<serde_json::Value>,
}

/// A job as the API sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: i64,
    pub kind: Kind,
    pub state: State,
    /// Units done of `total` (documents and files, or pages and pictures); `total` is 0 while
    /// the job does not know yet.
    pub done: u32,
    pub total: u32,
    #[serde(default)]
    pub step: Option<Step>,
    /// The answer of a job that is done, as the endpoint that queued it documents.
    #[serde(default)]
    pub result: Option<serde_json::Value>,
    #[serde(default)]
    pub error: Option<Failure>,
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub created_at: String,
    pub updated_at: String,
}

impl Job {
    /// The share done, 0.0 to 1.0 (0 while the total is unknown; 1 once done).
    pub fn fraction(&self) -> f64 {
        match (self.state, self.total) {
            (State::Done, _) => 1.0,
            (_, 0) => 0.0,
            (_, total) => f64::from(self.done.min(total)) / f64::from(total),
        }
    }
}

/// The answer of an endpoint that queued a job: `202 {"job": …}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub job: Job,
}

/// The message on the jobs queue: the row says the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub job: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
            assert_eq!(serde_json::to_value(state).unwrap(), state.as_str());
        }
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Some(step));
            assert_eq!(serde_json::to_value(step).unwrap(), step.as_str());
        }
    }

    #[test]
    fn the_fraction_stays_between_nothing_and_all() {
        let job = |state, done, total| Job {
            id: 1,
            kind: Kind::Backup,
            state,
            done,
            total,
            step: None,
            result: None,
            error: None,
            created_at: String::new(),
            updated_at: String::new(),
        };
        assert_eq!(job(State::Queued, 0, 0).fraction(), 0.0);
        assert_eq!(job(State::Running, 3, 4).fraction(), 0.75);
        assert_eq!(job(State::Running, 9, 4).fraction(), 1.0, "never past the end");
        assert_eq!(job(State::Done, 0, 0).fraction(), 1.0);
    }
}
