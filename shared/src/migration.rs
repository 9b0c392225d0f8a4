//! Moving an organisation's site onto the platform, as the regional decrees count it: each site
//! goes new → content in migration → checked → act signed → official; «checked» needs the
//! checklist (the compliance report and the content moved) to hold, and the act of completed
//! migration is signed by the regional operator, which makes the site official. The decrees'
//! targets («перенос контента не менее чем 796 официальных сайтов до 15.12.2023») are counted
//! against the sites' statuses. Pure: the caller says who acts and what day it is.

use serde::{Deserialize, Serialize};

use crate::{Lang, OrgKind};

/// Where a site stands in its move.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Created, nothing moved yet.
    #[default]
    New,
    /// Content is being moved from the old site.
    Migrating,
    /// The checklist holds: the site is ready for its act.
    Checked,
    /// The operator signed the act of completed migration.
    ActSigned,
    /// The site is the organisation's official site.
    Official,
}

impl Status {
    /// Every status, in the order of a move.
    pub const ALL: [Status; 5] = [Status::New, Status::Migrating, Status::Checked, Status::ActSigned, Status::Official];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::New, Lang::Ru) => "новый",
            (Status::New, Lang::En) => "new",
            (Status::Migrating, Lang::Ru) => "идёт перенос контента",
            (Status::Migrating, Lang::En) => "content in migration",
            (Status::Checked, Lang::Ru) => "проверен",
            (Status::Checked, Lang::En) => "checked",
            (Status::ActSigned, Lang::Ru) => "акт подписан",
            (Status::ActSigned, Lang::En) => "act signed",
            (Status::Official, Lang::Ru) => "официальный",
            (Status::Official, Lang::En) => "official",
        }
    }

    /// The status as stored and sent: `new`, `migrating`…
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Migrating => "migrating",
            Status::Checked => "checked",
            Status::ActSigned => "act_signed",
            Status::Official => "official",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// What is known of a site when its status is to change: the checklist's facts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// The compliance score of the draft, 0–100, and mandatory items missing.
    pub compliance_score: u8,
    pub compliance_missing: usize,
    /// The site has been published at least once.
    pub published: bool,
    /// Pages of the site and items of its collections, by collection («news» → 12).
    pub pages: usize,
    pub items: Vec<(String, usize)>,
    /// The people responsible for the move on the organisation's side.
    pub responsible: String,
}

/// One thing the checklist finds wanting before «checked».
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Mandatory sections or data are missing from the site.
    Compliance,
    /// The site was never published.
    NotPublished,
    /// No content was moved: no collection has items.
    NoContent,
    /// Nobody is named responsible for the move.
    NoResponsible,
}

impl Missing {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Missing::Compliance, Lang::Ru) => "на сайте не хватает обязательных разделов или сведений (см. «Требования закона»)",
            (Missing::Compliance, Lang::En) => "mandatory sections or data are missing (see Legal requirements)",
            (Missing::NotPublished, Lang::Ru) => "сайт ещё ни разу не опубликован",
            (Missing::NotPublished, Lang::En) => "the site has never been published",
            (Missing::NoContent, Lang::Ru) => "контент не перенесён: в данных сайта нет ни одной записи",
            (Missing::NoContent, Lang::En) => "no content moved: the site's data has no entries",
            (Missing::NoResponsible, Lang::Ru) => "не указаны ответственные за перенос",
            (Missing::NoResponsible, Lang::En) => "nobody is named responsible for the move",
        }
    }
}

impl Checklist {
    /// What keeps the site from «checked»; empty when it may be.
    pub fn missing(&self) -> Vec<Missing> {
        let mut missing = Vec::new();
        if self.compliance_missing > 0 {
            missing.push(Missing::Compliance);
        }
        if !self.published {
            missing.push(Missing::NotPublished);
        }
        if self.items.iter().all(|(_, n)| *n == 0) {
            missing.push(Missing::NoContent);
        }
        if self.responsible.trim().is_empty() {
            missing.push(Missing::NoResponsible);
        }
        missing
    }
}

/// Where one site stands in its move, as the worker sends it to the overview; the constructor
/// names the status in its own language ([`Status::label`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteMove {
    pub slug: String,
    pub name: String,
    pub kind: OrgKind,
    pub status: Status,
    /// The people responsible on the organisation's side, and who made the last step.
    pub responsible: String,
    pub moved_by: String,
    #[serde(default)]
    pub changed_at: Option<String>,
    #[serde(default)]
    pub checked_on: Option<String>,
    #[serde(default)]
    pub act_signed_by: Option<String>,
    #[serde(default)]
    pub act_signed_on: Option<String>,
    /// The draft's compliance score kept for the dashboard, if computed.
    #[serde(default)]
    pub compliance_score: Option<u8>,
    /// The organisation's editors, and those of them who finished the course.
    #[serde(default)]
    pub editors: u32,
    #[serde(default)]
    pub trained: u32,
}

/// One step of a site's move, as it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveStep {
    pub from_status: Status,
    pub to_status: Status,
    pub login: String,
    /// Why, when going back a step.
    pub reason: String,
    pub at: String,
}

/// One site's move: where it stands, its checklist, what keeps it from «checked» and its
/// steps, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteMoveDetail {
    pub site: SiteMove,
    pub checklist: Checklist,
    pub missing: Vec<Missing>,
    pub events: Vec<MoveStep>,
}

/// Who moves a site's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mover {
    /// The platform's administrator: every step but the act.
    Administrator,
    /// The regional operator: signs the act.
    Operator,
}

/// Why a status change is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Statuses move one step forward, or one back with a reason.
    NotNextStep,
    /// Going back needs a reason.
    NoReason,
    /// The checklist does not hold.
    Checklist(Vec<Missing>),
    /// Only the operator signs the act; only the administrator moves the other steps.
    NotYours,
}

impl Refused {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refused::NotNextStep, Lang::Ru) => "статус меняется на один шаг: вперёд или, с указанием причины, назад".into(),
            (Refused::NotNextStep, Lang::En) => "the status moves one step: forward, or back with a reason".into(),
            (Refused::NoReason, Lang::Ru) => "укажите причину возврата на предыдущий шаг".into(),
            (Refused::NoReason, Lang::En) => "give the reason for going back a step".into(),
            (Refused::Checklist(missing), lang) => {
                let list: Vec<&str> = missing.iter().map(|m| m.message(lang)).collect();
                match lang {
                    Lang::Ru => format!("сайт нельзя отметить проверенным: {}", list.join("; ")),
                    Lang::En => format!("the site cannot be marked checked: {}", list.join("; ")),
                }
            }
            (Refused::NotYours, Lang::Ru) => "акт подписывает региональный оператор, остальные шаги — администратор платформы".into(),
            (Refused::NotYours, Lang::En) => "the regional operator signs the act; the platform's administrator moves the other steps".into(),
        }
    }
}

/// The statuses a change to `to` passes through, if `mover` may make it: signing the act
/// (checked → act signed) makes the site official at once, so it yields both.
pub fn change(from: Status, to: Status, mover: Mover, checklist: &Checklist, reason: &str) -> Result<Vec<Status>, Refused> {
    let (i, j) = (from as usize, to as usize);
    let forward = j == i + 1;
    let back = j + 1 == i;
    if !forward && !back {
        return Err(Refused::NotNextStep);
    }
    let signing = forward && to == Status::ActSigned;
    match (mover, signing) {
        (Mover::Operator, true) | (Mover::Administrator, false) => {}
        _ => return Err(Refused::NotYours),
    }
    if back && reason.trim().is_empty() {
        return Err(Refused::NoReason);
    }
    if forward && to == Status::Checked {
        let missing = checklist.missing();
        if !missing.is_empty() {
            return Err(Refused::Checklist(missing));
        }
    }
    if to == Status::Official && forward {
        // Official follows the act itself, never an administrator's click.
        return Err(Refused::NotYours);
    }
    Ok(if signing { vec![Status::ActSigned, Status::Official] } else { vec![to] })
}

/// What a target counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Sites at the target's status or beyond («перенос контента не менее чем 796 сайтов»).
    #[default]
    Sites,
    /// Employees who finished the course («прохождение обучения… не менее 1503 сотрудников»).
    TrainedStaff,
}

impl Measure {
    pub const ALL: [Measure; 2] = [Measure::Sites, Measure::TrainedStaff];

    /// The measure as stored and sent: `sites`, `trained_staff`.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Sites => "sites",
            Measure::TrainedStaff => "trained_staff",
        }
    }

    pub fn parse(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|measure| measure.as_str() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Measure::Sites, Lang::Ru) => "сайты",
            (Measure::Sites, Lang::En) => "sites",
            (Measure::TrainedStaff, Lang::Ru) => "обученные сотрудники",
            (Measure::TrainedStaff, Lang::En) => "trained employees",
        }
    }
}

/// A planned figure of a decree: so many sites (of a kind, or of every kind) at a status by a
/// day, or so many trained employees of such organisations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub id: i64,
    /// «Перенос контента школьных сайтов».
    pub label: String,
    /// The kind of organisation counted; `None` for every kind.
    pub kind: Option<OrgKind>,
    /// What is counted; sites when not given.
    #[serde(default)]
    pub measure: Measure,
    /// Sites count once they reach this status (unused for trained employees).
    pub status: Status,
    pub count: u32,
    /// `YYYY-MM-DD`.
    pub due: String,
}

/// What a target counts of one site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    pub kind: OrgKind,
    pub status: Status,
    /// Its employees who finished the course (`training::is_trained`).
    pub trained: u32,
}

/// A target's progress on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub target: Target,
    /// Sites at the status or beyond, or trained employees.
    pub done: u32,
    pub percent: u8,
    /// The day has passed and the count is short.
    pub overdue: bool,
}

/// Every target's progress from the sites' kinds, statuses and trained employees.
pub fn progress(targets: &[Target], sites: &[Counted], today: &str) -> Vec<Progress> {
    targets
        .iter()
        .map(|target| {
            let counted = sites.iter().filter(|site| target.kind.is_none_or(|k| k == site.kind));
            let done = match target.measure {
                Measure::Sites => counted.filter(|site| site.status >= target.status).count() as u32,
                Measure::TrainedStaff => counted.map(|site| site.trained).sum(),
            };
            let percent = if target.count == 0 { 100 } else { (u64::from(done.min(target.count)) * 100 / u64::from(target.count)) as u8 };
            Progress { target: target.clone(), done, percent, overdue: done < target.count && today > target.due.as_str() }
        })
        .collect()
}

/// Why a target is refused.
pub fn check_target(target: &Target) -> Result<(), String> {
    if target.label.trim().is_empty() || target.label.chars().count() > crate::validate::MAX_LINE {
        return Err("укажите название показателя (до 200 символов)".into());
    }
    if target.count == 0 || target.count > 100_000 {
        return Err(match target.measure {
            Measure::Sites => "плановое число сайтов — от 1 до 100 000",
            Measure::TrainedStaff => "плановое число сотрудников — от 1 до 100 000",
        }
        .into());
    }
    if !crate::collection_items::is_date(&target.due) {
        return Err("срок — дата в виде ГГГГ-ММ-ДД".into());
    }
    Ok(())
}

/// The kind of organisation in the act's words.
pub fn kind_label(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::ExecutiveBody => "Орган исполнительной власти",
        OrgKind::Municipality => "Орган местного самоуправления",
        OrgKind::School => "Общеобразовательная организация",
        OrgKind::Kindergarten => "Дошкольная образовательная организация",
        OrgKind::Medical => "Медицинская организация",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Checklist {
        Checklist {
            compliance_score: 100,
            compliance_missing: 0,
            published: true,
            pages: 12,
            items: vec![("news".into(), 5), ("staff".into(), 0)],
            responsible: "Иванова Е. А., заместитель директора".into(),
        }
    }

    #[test]
    fn a_site_moves_one_step_at_a_time_and_the_act_makes_it_official() {
        let admin = |from, to| change(from, to, Mover::Administrator, &ready(), "");
        assert_eq!(admin(Status::New, Status::Migrating), Ok(vec![Status::Migrating]));
        assert_eq!(admin(Status::Migrating, Status::Checked), Ok(vec![Status::Checked]));
        assert_eq!(admin(Status::New, Status::Checked), Err(Refused::NotNextStep));
        assert_eq!(admin(Status::Checked, Status::ActSigned), Err(Refused::NotYours), "the administrator does not sign");
        assert_eq!(change(Status::Checked, Status::ActSigned, Mover::Operator, &ready(), ""), Ok(vec![Status::ActSigned, Status::Official]));
        assert_eq!(change(Status::Migrating, Status::Checked, Mover::Operator, &ready(), ""), Err(Refused::NotYours));
        assert_eq!(admin(Status::ActSigned, Status::Official), Err(Refused::NotYours), "official only through the act");
    }

    #[test]
    fn going_back_needs_a_reason() {
        assert_eq!(change(Status::Checked, Status::Migrating, Mover::Administrator, &ready(), " "), Err(Refused::NoReason));
        assert_eq!(change(Status::Checked, Status::Migrating, Mover::Administrator, &ready(), "нашли старые документы"), Ok(vec![Status::Migrating]));
    }

    #[test]
    fn checked_needs_the_whole_checklist_and_names_what_is_missing() {
        let empty = Checklist { compliance_missing: 3, published: false, items: vec![("news".into(), 0)], responsible: String::new(), ..ready() };
        let refused = change(Status::Migrating, Status::Checked, Mover::Administrator, &empty, "").unwrap_err();
        assert_eq!(refused, Refused::Checklist(vec![Missing::Compliance, Missing::NotPublished, Missing::NoContent, Missing::NoResponsible]));
        let message = refused.message(Lang::Ru);
        assert!(message.starts_with("сайт нельзя отметить проверенным: на сайте не хватает обязательных разделов"), "{message}");
        assert!(message.contains("не указаны ответственные"));
    }

    #[test]
    fn targets_count_sites_of_their_kind_at_their_status_or_beyond() {
        let target = |kind, status, count| Target { id: 1, label: "x".into(), kind, measure: Measure::Sites, status, count, due: "2026-12-31".into() };
        let site = |kind, status| Counted { kind, status, trained: 0 };
        let sites = [site(OrgKind::School, Status::Official), site(OrgKind::School, Status::Migrating), site(OrgKind::Medical, Status::Checked)];
        let p = progress(&[target(Some(OrgKind::School), Status::Migrating, 4), target(None, Status::Checked, 2)], &sites, "2026-11-23");
        assert_eq!((p[0].done, p[0].percent, p[0].overdue), (2, 50, false));
        assert_eq!((p[1].done, p[1].percent), (2, 100));
        let late = progress(&[target(None, Status::Official, 3)], &sites, "2027-01-01");
        assert!(late[0].overdue);
        assert_eq!(Status::parse("act_signed"), Some(Status::ActSigned));
        assert!(check_target(&target(None, Status::Official, 0)).is_err());
    }

    #[test]
    fn a_sites_move_crosses_the_wire_with_codes_the_constructor_names() {
        let site = SiteMove {
            slug: "gb4".into(),
            name: "Больница № 4".into(),
            kind: OrgKind::Medical,
            status: Status::Migrating,
            responsible: String::new(),
            moved_by: "admin".into(),
            changed_at: None,
            checked_on: None,
            act_signed_by: None,
            act_signed_on: None,
            compliance_score: Some(80),
            editors: 2,
            trained: 1,
        };
        let detail = SiteMoveDetail {
            site,
            checklist: ready(),
            missing: vec![Missing::NoResponsible],
            events: vec![MoveStep { from_status: Status::New, to_status: Status::Migrating, login: "admin".into(), reason: String::new(), at: "2026-03-02 10:00:00".into() }],
        };
        let json = serde_json::to_value(&detail).unwrap();
        assert_eq!((json["site"]["status"].as_str(), json["site"]["kind"].as_str()), (Some("migrating"), Some("medical")));
        assert!(json["site"].get("status_label").is_none());
        assert_eq!(json["missing"], serde_json::json!(["no_responsible"]));
        let read: SiteMoveDetail = serde_json::from_value(json).unwrap();
        assert_eq!(read, detail);
        assert_eq!(read.site.status.label(Lang::En), "content in migration");
        assert_eq!(read.missing[0].message(Lang::En), "nobody is named responsible for the move");
    }

    #[test]
    fn a_trained_staff_target_sums_the_trained_employees_of_its_kind_whatever_the_status() {
        let target = Target { id: 2, label: "Обучение сотрудников школ".into(), kind: Some(OrgKind::School), measure: Measure::TrainedStaff, status: Status::Official, count: 10, due: "2026-12-31".into() };
        let sites = [
            Counted { kind: OrgKind::School, status: Status::New, trained: 3 },
            Counted { kind: OrgKind::School, status: Status::Official, trained: 2 },
            Counted { kind: OrgKind::Medical, status: Status::Official, trained: 7 },
        ];
        let p = progress(std::slice::from_ref(&target), &sites, "2027-01-10");
        assert_eq!((p[0].done, p[0].percent, p[0].overdue), (5, 50, true));
        let all = Target { kind: None, ..target.clone() };
        assert_eq!(progress(&[all], &sites, "2026-11-01")[0].done, 12);
        let zero = Target { count: 0, ..target };
        assert_eq!(check_target(&zero).unwrap_err(), "плановое число сотрудников — от 1 до 100 000");
        assert_eq!(Measure::parse("trained_staff"), Some(Measure::TrainedStaff));
        let old: Target = serde_json::from_str(r#"{"id":1,"label":"x","kind":null,"status":"official","count":3,"due":"2026-12-31"}"#).unwrap();
        assert_eq!(old.measure, Measure::Sites, "targets saved before the measure count sites");
    }
}
