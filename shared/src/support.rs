//! The support desk («СРО», regional rules 002, section 2.6): requests from the organisations'
//! editors to the platform's administrator, each with a deadline in working days from the day
//! it arrived (3 for accounts, connecting ready components and consultations; 5 for changes of
//! the site), weekends and the configured public holidays not counted; a deadline may be
//! moved only as agreed with the requester (2.6, last paragraph). Pure: dates are
//! `YYYY-MM-DD`, «today» is passed in.

use serde::{Deserialize, Serialize};

use crate::appeals::{days, from_days};
use crate::Lang;

/// Longest subject, in characters.
pub const MAX_SUBJECT: usize = 200;
/// Longest request or comment, in characters.
pub const MAX_TEXT: usize = 5_000;

/// What a request is about: it sets the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Users' accounts: 3 working days.
    Accounts,
    /// Connecting ready components (forms, widgets): 3 working days.
    Components,
    /// Changes of the site (interface, modules): 5 working days.
    SiteChange,
    /// Technical support and consultations: 3 working days.
    Consultation,
}

impl Category {
    /// Every category, in the order the form offers them.
    pub const ALL: [Category; 4] = [Category::Accounts, Category::Components, Category::SiteChange, Category::Consultation];

    /// Working days the administrator has.
    pub fn working_days(self) -> i64 {
        match self {
            Category::SiteChange => 5,
            _ => 3,
        }
    }

    /// Name as the form and lists show it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::Accounts, Lang::Ru) => "Учётные записи",
            (Category::Accounts, Lang::En) => "Accounts",
            (Category::Components, Lang::Ru) => "Подключение готовых решений",
            (Category::Components, Lang::En) => "Connecting ready components",
            (Category::SiteChange, Lang::Ru) => "Изменение сайта",
            (Category::SiteChange, Lang::En) => "Changes of the site",
            (Category::Consultation, Lang::Ru) => "Техническая поддержка и консультации",
            (Category::Consultation, Lang::En) => "Support and consultations",
        }
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Arrived, nobody has taken it.
    New,
    /// The administrator works on it.
    InProgress,
    /// Done; the requester may reopen it.
    Resolved,
}

impl Status {
    /// Name as lists show it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::New, Lang::Ru) => "новая",
            (Status::New, Lang::En) => "new",
            (Status::InProgress, Lang::Ru) => "в работе",
            (Status::InProgress, Lang::En) => "in progress",
            (Status::Resolved, Lang::Ru) => "выполнена",
            (Status::Resolved, Lang::En) => "resolved",
        }
    }

    /// Whether the deadline still runs.
    pub fn is_open(self) -> bool {
        self != Status::Resolved
    }
}

/// Whether `date` is a working day: not Saturday or Sunday, not in `holidays`.
pub fn is_working_day(date: &str, holidays: &[String]) -> bool {
    // 1970-01-01 was a Thursday: day 0 → weekday 3 (Monday = 0).
    let weekday = (days(date) + 3).rem_euclid(7);
    weekday < 5 && !holidays.iter().any(|h| h == date)
}

/// The day by which a request that arrived on `received` must be done: the `n`-th working day
/// after it (a request arriving on a holiday starts counting from the next working day, as
/// does one arriving on a working day).
pub fn due_date(received: &str, n: i64, holidays: &[String]) -> String {
    let mut day = days(received);
    let mut left = n;
    // A year of holidays cannot stall this: at most a few weeks pass before `n` working days.
    while left > 0 {
        day += 1;
        if is_working_day(&from_days(day), holidays) {
            left -= 1;
        }
    }
    from_days(day)
}

/// Working days from `today` to `due` (negative once it has passed; 0 on the day itself).
pub fn working_days_left(today: &str, due: &str, holidays: &[String]) -> i64 {
    let (from, to) = (days(today), days(due));
    let count = |a: i64, b: i64| (a + 1..=b).filter(|d| is_working_day(&from_days(*d), holidays)).count() as i64;
    if to >= from {
        count(from, to)
    } else {
        -count(to, from)
    }
}

/// How a request stands against its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Standing {
    /// Done.
    Resolved,
    /// More than a working day left.
    OnTime { days_left: i64 },
    /// Due today or the next working day.
    DueSoon { days_left: i64 },
    /// Past the deadline by this many working days.
    Overdue { days_over: i64 },
}

/// The standing of a request in `status`, due on `due`, seen `today`.
pub fn standing(status: Status, due: &str, today: &str, holidays: &[String]) -> Standing {
    if !status.is_open() {
        return Standing::Resolved;
    }
    if days(today) > days(due) {
        // Past the day: overdue, by at least one day even over a weekend.
        return Standing::Overdue { days_over: (-working_days_left(today, due, holidays)).max(1) };
    }
    match working_days_left(today, due, holidays) {
        left if left <= 1 => Standing::DueSoon { days_left: left },
        left => Standing::OnTime { days_left: left },
    }
}

/// A new request as the editor writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTicket {
    pub category: Category,
    pub subject: String,
    pub text: String,
}

/// What the administrator (or, for a comment or reopening, the requester) does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// Take the request into work.
    Take,
    /// Mark it done, with what was done.
    Resolve { comment: String },
    /// Open a resolved request again (the requester), saying why.
    Reopen { comment: String },
    /// Move the deadline, as agreed with the requester.
    Extend { due: String, agreement: String },
    /// A comment: additions and corrections go here (2.4 of the rules).
    Comment { comment: String },
}

/// A request as the worker sends it to lists and the detail; the constructor names its
/// category and status in its own language ([`Category::label`], [`Status::label`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: i64,
    /// The site's slug and name.
    pub site: String,
    pub site_name: String,
    pub category: Category,
    pub subject: String,
    pub text: String,
    pub status: Status,
    /// `YYYY-MM-DD`: the day it arrived and the deadline.
    pub received: String,
    pub due: String,
    pub created_by: String,
    /// Against the deadline, counted in working days.
    pub standing: Standing,
    /// Steps and comments, oldest first (the detail only).
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One step or comment of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// `take`, `resolve`, `reopen`, `extend` or `comment`.
    pub kind: String,
    pub text: String,
    pub author: String,
    pub at: String,
}

/// Why a request or change is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// An empty field.
    Required(&'static str),
    /// A field over its length.
    TooLong(&'static str),
    /// The change does not fit the request's status.
    WrongStatus,
    /// A new deadline must be later than the current one and a date.
    BadDate,
    /// Only the administrator does this.
    NotYours,
    /// A day off that is not a date of the year being set, or is there twice.
    BadHoliday,
}

impl Refused {
    /// The field it is about.
    pub fn field(&self) -> &'static str {
        match self {
            Refused::Required(field) | Refused::TooLong(field) => field,
            Refused::WrongStatus | Refused::NotYours => "action",
            Refused::BadDate => "due",
            Refused::BadHoliday => "days",
        }
    }

    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refused::Required(_), Lang::Ru) => "заполните это поле".into(),
            (Refused::Required(_), Lang::En) => "fill in this field".into(),
            (Refused::TooLong(_), Lang::Ru) => "слишком длинный текст".into(),
            (Refused::TooLong(_), Lang::En) => "the text is too long".into(),
            (Refused::WrongStatus, Lang::Ru) => "в этом статусе заявки так нельзя".into(),
            (Refused::WrongStatus, Lang::En) => "not possible in the request's status".into(),
            (Refused::BadDate, Lang::Ru) => "новый срок — дата позже текущего срока".into(),
            (Refused::BadDate, Lang::En) => "the new deadline must be a date after the current one".into(),
            (Refused::NotYours, Lang::Ru) => "это делает администратор платформы".into(),
            (Refused::NotYours, Lang::En) => "the platform's administrator does this".into(),
            (Refused::BadHoliday, Lang::Ru) => "нужны даты этого года, каждая один раз".into(),
            (Refused::BadHoliday, Lang::En) => "dates of this year are needed, each once".into(),
        }
    }
}

fn text(field: &'static str, value: &str, max: usize) -> Result<(), Refused> {
    if value.trim().is_empty() {
        return Err(Refused::Required(field));
    }
    if value.chars().count() > max {
        return Err(Refused::TooLong(field));
    }
    Ok(())
}

impl NewTicket {
    /// Checks the form.
    pub fn check(&self) -> Result<(), Refused> {
        text("subject", &self.subject, MAX_SUBJECT)?;
        text("text", &self.text, MAX_TEXT)
    }
}

/// The request after `change` by an administrator (`admin`) or its requester: its new status
/// and due date, or why not.
pub fn apply(status: Status, due: &str, change: &Change, admin: bool) -> Result<(Status, String), Refused> {
    let keep = due.to_string();
    match change {
        Change::Comment { comment } => text("comment", comment, MAX_TEXT).map(|_| (status, keep)),
        Change::Take if !admin => Err(Refused::NotYours),
        Change::Take if status == Status::New => Ok((Status::InProgress, keep)),
        Change::Resolve { .. } | Change::Extend { .. } if !admin => Err(Refused::NotYours),
        Change::Resolve { comment } if status.is_open() => text("comment", comment, MAX_TEXT).map(|_| (Status::Resolved, keep)),
        Change::Reopen { comment } if status == Status::Resolved => text("comment", comment, MAX_TEXT).map(|_| (Status::InProgress, keep)),
        Change::Extend { due: new, agreement } if status.is_open() => {
            text("agreement", agreement, MAX_SUBJECT)?;
            let is_date = new.len() == 10 && from_days(days(new)) == *new;
            if !is_date || days(new) <= days(due) {
                return Err(Refused::BadDate);
            }
            Ok((status, new.clone()))
        }
        _ => Err(Refused::WrongStatus),
    }
}

/// A day off the deadlines skip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// What it is, for people («Новогодние каникулы»); may be empty.
    #[serde(default)]
    pub name: String,
}

/// The most days off one year's list may hold.
pub const MAX_HOLIDAYS: usize = 60;

/// Checks one year's days off as the administrator sends them: dates of that year, each once,
/// names of at most 100 characters; returned sorted by date.
pub fn check_holidays(year: i64, days: &[Holiday]) -> Result<Vec<Holiday>, Refused> {
    if days.len() > MAX_HOLIDAYS {
        return Err(Refused::TooLong("days"));
    }
    let mut sorted = Vec::with_capacity(days.len());
    for holiday in days {
        let day = holiday.day.trim();
        if !crate::collection_items::is_date(day) || !day.starts_with(&format!("{year:04}-")) {
            return Err(Refused::BadHoliday);
        }
        if holiday.name.chars().count() > 100 {
            return Err(Refused::TooLong("name"));
        }
        sorted.push(Holiday { day: day.into(), name: holiday.name.trim().into() });
    }
    sorted.sort_by(|a, b| a.day.cmp(&b.day));
    if sorted.windows(2).any(|pair| pair[0].day == pair[1].day) {
        return Err(Refused::BadHoliday);
    }
    Ok(sorted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holidays() -> Vec<String> {
        // Russia 2026: New Year holidays and the days off around them.
        ["2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09", "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn a_ticket_crosses_the_wire_with_codes_the_constructor_names() {
        let ticket = Ticket {
            id: 7,
            site: "school7".into(),
            site_name: "Школа № 7".into(),
            category: Category::SiteChange,
            subject: "Раздел".into(),
            text: "Нужен раздел".into(),
            status: Status::InProgress,
            received: "2026-03-02".into(),
            due: "2026-03-06".into(),
            created_by: "editor.school7".into(),
            standing: Standing::OnTime { days_left: 3 },
            events: Vec::new(),
        };
        let json = serde_json::to_value(&ticket).unwrap();
        assert_eq!((json["status"].as_str(), json["category"].as_str()), (Some("in_progress"), Some("site_change")));
        assert!(json.get("status_label").is_none() && json.get("category_label").is_none());
        let mut listed = json;
        listed.as_object_mut().unwrap().remove("events");
        let read: Ticket = serde_json::from_value(listed).unwrap();
        assert_eq!(read, ticket, "lists leave out the steps");
        assert_eq!(read.status.label(Lang::En), "in progress");
    }

    #[test]
    fn a_years_holidays_are_dates_of_that_year_each_once() {
        let day = |d: &str| Holiday { day: d.into(), name: "Праздник".into() };
        let checked = check_holidays(2027, &[day("2027-03-08"), day(" 2027-01-01 ")]).unwrap();
        assert_eq!(checked.iter().map(|h| h.day.as_str()).collect::<Vec<_>>(), ["2027-01-01", "2027-03-08"]);
        assert_eq!(check_holidays(2027, &[day("2026-12-31")]), Err(Refused::BadHoliday));
        assert_eq!(check_holidays(2027, &[day("2027-02-30")]), Err(Refused::BadHoliday));
        assert_eq!(check_holidays(2027, &[day("2027-01-01"), day("2027-01-01")]), Err(Refused::BadHoliday));
        assert_eq!(check_holidays(2027, &[Holiday { day: "2027-01-01".into(), name: "я".repeat(101) }]), Err(Refused::TooLong("name")));
        assert_eq!(check_holidays(2027, &vec![day("2027-01-01"); MAX_HOLIDAYS + 1]), Err(Refused::TooLong("days")));
        assert_eq!(check_holidays(2027, &[]), Ok(Vec::new()), "a year may have none configured");
    }

    #[test]
    fn deadlines_count_working_days_only() {
        let h = holidays();
        // Wednesday + 3 working days = Monday (Sat, Sun skipped).
        assert_eq!(due_date("2026-12-02", Category::Accounts.working_days(), &h), "2026-12-07");
        // Site changes: 5 working days.
        assert_eq!(due_date("2026-12-02", Category::SiteChange.working_days(), &h), "2026-12-09");
        // Arrived on Saturday: Monday is the first day.
        assert_eq!(due_date("2026-12-05", 3, &h), "2026-12-09");
        // Across the New Year holidays: 2026-12-31 and 2027-01-01 are not counted…
        let mut h27 = h.clone();
        h27.extend(["2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"].map(String::from));
        assert_eq!(due_date("2026-12-30", 3, &h27), "2027-01-13");
        // …and holidays are configurable: without them the same request is due sooner.
        assert_eq!(due_date("2026-12-30", 3, &[]), "2027-01-04");
        assert!(!is_working_day("2026-11-04", &h) && is_working_day("2026-11-05", &h));
    }

    #[test]
    fn standing_follows_working_days() {
        let h = holidays();
        assert_eq!(standing(Status::New, "2026-12-07", "2026-12-02", &h), Standing::OnTime { days_left: 3 });
        assert_eq!(standing(Status::New, "2026-12-07", "2026-12-04", &h), Standing::DueSoon { days_left: 1 });
        assert_eq!(standing(Status::InProgress, "2026-12-07", "2026-12-07", &h), Standing::DueSoon { days_left: 0 });
        assert_eq!(standing(Status::InProgress, "2026-12-07", "2026-12-09", &h), Standing::Overdue { days_over: 2 });
        // A weekend after the deadline adds no days over.
        assert_eq!(standing(Status::New, "2026-12-04", "2026-12-06", &h), Standing::Overdue { days_over: 1 });
        assert_eq!(standing(Status::Resolved, "2026-12-07", "2027-02-01", &h), Standing::Resolved);
    }

    #[test]
    fn who_changes_what() {
        let resolve = Change::Resolve { comment: "Учётная запись создана".into() };
        assert_eq!(apply(Status::New, "2026-12-07", &Change::Take, true), Ok((Status::InProgress, "2026-12-07".into())));
        assert_eq!(apply(Status::New, "2026-12-07", &Change::Take, false), Err(Refused::NotYours));
        assert_eq!(apply(Status::InProgress, "2026-12-07", &resolve, true), Ok((Status::Resolved, "2026-12-07".into())));
        assert_eq!(apply(Status::Resolved, "2026-12-07", &resolve, true), Err(Refused::WrongStatus));
        let reopen = Change::Reopen { comment: "Не входит под новым паролем".into() };
        assert_eq!(apply(Status::Resolved, "2026-12-07", &reopen, false), Ok((Status::InProgress, "2026-12-07".into())));
        let extend = |due: &str| Change::Extend { due: due.into(), agreement: "согласовано с Ивановой И. И. по телефону".into() };
        assert_eq!(apply(Status::InProgress, "2026-12-07", &extend("2026-12-14"), true), Ok((Status::InProgress, "2026-12-14".into())));
        assert_eq!(apply(Status::InProgress, "2026-12-07", &extend("2026-12-01"), true), Err(Refused::BadDate));
        assert_eq!(apply(Status::InProgress, "2026-12-07", &extend("2026-02-31"), true), Err(Refused::BadDate));
        assert_eq!(apply(Status::InProgress, "2026-12-07", &extend("2026-12-14"), false), Err(Refused::NotYours));
        let silent = Change::Extend { due: "2026-12-14".into(), agreement: " ".into() };
        assert_eq!(apply(Status::InProgress, "2026-12-07", &silent, true), Err(Refused::Required("agreement")));
        assert_eq!(apply(Status::New, "2026-12-07", &Change::Comment { comment: "".into() }, false), Err(Refused::Required("comment")));
        let long = NewTicket { category: Category::Accounts, subject: "x".repeat(MAX_SUBJECT + 1), text: "y".into() };
        assert_eq!(long.check(), Err(Refused::TooLong("subject")));
    }
}
