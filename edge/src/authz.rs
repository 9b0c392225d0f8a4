//! Who may do what, decided in one pure function. The API router names the action and the
//! site of every request and asks [`authorize`] exactly once, before any handler runs.
//!
//! Roles follow the Ryazan regulation (seeds/002, section 2): the **operator** (the regional
//! ministry) watches every site and signs migration acts but does not edit content; the
//! **administrator** (the regional IT centre) runs accounts, sites, backups and tokens and may
//! change any site on request; an **editor** (an organisation's staff) works on the sites
//! they belong to and sees no other.
//!
//! Citizens' appeals are not the site's content: they belong to the body they were sent to
//! (59-FZ art. 6 forbids passing on what an appeal says about its author without consent). Its
//! editors read and answer them; the operator and administrators see figures only; an
//! administrator opens one appeal only through the journaled support access.

use serde::{Deserialize, Serialize};

/// A platform role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The regional ministry: every site read-only, the dashboard, migration acts.
    Operator,
    /// The regional IT centre: users, sites, backups, tokens, and any site's content.
    Administrator,
    /// An organisation's staff: the content of their own sites.
    Editor,
}

impl Role {
    /// All roles, for exhaustive tests and forms.
    pub const ALL: [Role; 3] = [Role::Operator, Role::Administrator, Role::Editor];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Administrator => "administrator",
            Role::Editor => "editor",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }
}

/// Whether an account may work: an administrator restricts (read-only) or bans (no access)
/// a user who breaks the rules (regulation 2.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Works normally.
    Active,
    /// May sign in and read, may change nothing.
    Restricted,
    /// May not sign in; existing sessions are ended.
    Banned,
}

impl AccountStatus {
    /// All statuses, for exhaustive tests.
    pub const ALL: [AccountStatus; 3] = [AccountStatus::Active, AccountStatus::Restricted, AccountStatus::Banned];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Restricted => "restricted",
            AccountStatus::Banned => "banned",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<AccountStatus> {
        AccountStatus::ALL.into_iter().find(|status| status.as_str() == name)
    }
}

/// Something a signed-in user asks to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See the list of sites (filtered to what the caller may read).
    ListSites,
    /// Read one site's draft, revisions, collections and media.
    ReadSite,
    /// Change one site's draft, collections or media.
    EditSite,
    /// Publish a site's draft or roll it back to an earlier revision.
    PublishSite,
    /// Create a site from a template, or delete one.
    ManageSites,
    /// Register, change, restrict, ban and remove users; set passwords.
    ManageUsers,
    /// Read the audit log.
    ReadAudit,
    /// Create and revoke API tokens.
    ManageTokens,
    /// The operator's dashboard of every site.
    ViewDashboard,
    /// Sign a site's act of completed migration.
    SignMigrationAct,
    /// Handle the support desk's requests: take, resolve, move a deadline.
    HandleTickets,
    /// Back a site up, download its backups and restore one (into it or into a new site).
    ManageBackups,
    /// Read a site's appeals: their texts, the appellants' names and contacts, their files.
    /// Appeals belong to the body they were sent to (59-FZ art. 6, 152-FZ): its own staff.
    ReadAppeals,
    /// Act on a site's appeals: register, assign, extend, answer, close, publish an answer.
    AnswerAppeals,
    /// A site's appeals as figures: how many are open, due soon and overdue, with the overdue
    /// ones' numbers and deadlines, never a name or a text.
    CountAppeals,
    /// Open one appeal of a site for support, with a reason that goes into the journal: the
    /// administrator's one way to an appeal's contents, for a limited time.
    OpenAppealForSupport,
}

impl Action {
    /// All actions, for exhaustive tests.
    pub const ALL: [Action; 16] = [
        Action::ListSites,
        Action::ReadSite,
        Action::EditSite,
        Action::PublishSite,
        Action::ManageSites,
        Action::ManageUsers,
        Action::ReadAudit,
        Action::ManageTokens,
        Action::ViewDashboard,
        Action::SignMigrationAct,
        Action::HandleTickets,
        Action::ManageBackups,
        Action::ReadAppeals,
        Action::AnswerAppeals,
        Action::CountAppeals,
        Action::OpenAppealForSupport,
    ];

    /// Whether the action changes anything (a restricted account may do none of these).
    fn changes_state(self) -> bool {
        !matches!(
            self,
            Action::ListSites | Action::ReadSite | Action::ReadAudit | Action::ViewDashboard | Action::ReadAppeals | Action::CountAppeals
        )
    }

    /// Whether the action concerns one site (and so needs one).
    pub fn is_per_site(self) -> bool {
        matches!(
            self,
            Action::ReadSite
                | Action::EditSite
                | Action::PublishSite
                | Action::SignMigrationAct
                | Action::ReadAppeals
                | Action::AnswerAppeals
                | Action::CountAppeals
                | Action::OpenAppealForSupport
        )
    }
}

/// The action a job is: whoever may do it may follow the job (`GET /api/jobs/<id>`), and to
/// anyone else the job does not exist.
pub fn job_action(kind: civic_shared::jobs::Kind) -> Action {
    match kind {
        civic_shared::jobs::Kind::Backup | civic_shared::jobs::Kind::Restore => Action::ManageBackups,
        civic_shared::jobs::Kind::SiteImport => Action::EditSite,
    }
}

/// The signed-in user a request acts for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// User id.
    pub user_id: i64,
    /// Login, for the audit log.
    pub login: String,
    /// Role.
    pub role: Role,
    /// Account status.
    pub status: AccountStatus,
    /// Ids of the sites the user belongs to (editors work only on these).
    pub sites: Vec<i64>,
}

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// The site is not the caller's: answered as "no such site", so its existence does not leak.
    NotVisible,
    /// The caller may see this but not do it.
    Forbidden,
    /// The account is restricted to reading.
    Restricted,
    /// The account is banned.
    Banned,
    /// An administrator asks for a site's appeals: only one at a time, through the journaled
    /// support access ([`Action::OpenAppealForSupport`]); the router lets a request for that one
    /// appeal through while the access lasts ([`SUPPORT_ACCESS_SECONDS`]).
    SupportAccessRequired,
}

/// How long an administrator's support access to one appeal lasts: an hour.
pub const SUPPORT_ACCESS_SECONDS: i64 = 60 * 60;

/// Decides whether `principal` may do `action` (on `site`, for per-site actions).
pub fn authorize(principal: &Principal, action: Action, site: Option<i64>) -> Result<(), Denied> {
    match principal.status {
        AccountStatus::Banned => return Err(Denied::Banned),
        AccountStatus::Restricted if action.changes_state() => return Err(Denied::Restricted),
        _ => {}
    }
    if action.is_per_site() && site.is_none() {
        return Err(Denied::NotVisible);
    }
    let member = site.is_some_and(|id| principal.sites.contains(&id));
    let allowed = match (principal.role, action) {
        (_, Action::ListSites) => true,
        (Role::Editor, Action::ReadSite | Action::EditSite | Action::PublishSite) => member,
        (Role::Editor, Action::ReadAppeals | Action::AnswerAppeals | Action::CountAppeals) => member,
        (Role::Editor, _) => false,
        (Role::Operator, Action::ReadSite | Action::ViewDashboard | Action::SignMigrationAct | Action::CountAppeals) => true,
        (Role::Operator, _) => false,
        (Role::Administrator, Action::ReadAppeals) => return Err(Denied::SupportAccessRequired),
        (Role::Administrator, Action::SignMigrationAct | Action::AnswerAppeals) => false,
        (Role::Administrator, _) => true,
    };
    match allowed {
        true => Ok(()),
        // An editor asking about a site that is not theirs learns nothing about it, whatever
        // the action (a site's settings too).
        false if principal.role == Role::Editor && (action.is_per_site() || site.is_some()) && !member => Err(Denied::NotVisible),
        false => Err(Denied::Forbidden),
    }
}

/// Whether the caller sees every site in lists (operators and administrators) or only
/// their own (editors).
pub fn sees_every_site(role: Role) -> bool {
    role != Role::Editor
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: i64 = 1;
    const OTHER: i64 = 2;

    fn user(role: Role, status: AccountStatus) -> Principal {
        Principal { user_id: 7, login: "u".into(), role, status, sites: vec![OWN] }
    }

    /// The whole table: every role × status × action × (own site, other site, no site).
    /// Written out so a change of policy is a visible change of this table.
    #[test]
    fn exhaustive_table() {
        use Action::*;
        use Denied::*;
        use Role::*;
        // (role, action) → (own site, other site, no site) for an active account.
        type Row = (Role, Action, [Result<(), Denied>; 3]);
        let table: &[Row] = &[
            (Operator, ListSites, [Ok(()), Ok(()), Ok(())]),
            (Operator, ReadSite, [Ok(()), Ok(()), Err(NotVisible)]),
            (Operator, EditSite, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Operator, PublishSite, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Operator, ManageSites, [Err(Forbidden), Err(Forbidden), Err(Forbidden)]),
            (Operator, ManageUsers, [Err(Forbidden), Err(Forbidden), Err(Forbidden)]),
            (Operator, ReadAudit, [Err(Forbidden), Err(Forbidden), Err(Forbidden)]),
            (Operator, ManageTokens, [Err(Forbidden), Err(Forbidden), Err(Forbidden)]),
            (Operator, ViewDashboard, [Ok(()), Ok(()), Ok(())]),
            (Operator, SignMigrationAct, [Ok(()), Ok(()), Err(NotVisible)]),
            (Operator, HandleTickets, [Err(Forbidden), Err(Forbidden), Err(Forbidden)]),
            (Operator, ManageBackups, [Err(Forbidden), Err(Forbidden), Err(Forbidden)]),
            (Operator, ReadAppeals, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Operator, AnswerAppeals, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Operator, CountAppeals, [Ok(()), Ok(()), Err(NotVisible)]),
            (Operator, OpenAppealForSupport, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Administrator, ListSites, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ReadSite, [Ok(()), Ok(()), Err(NotVisible)]),
            (Administrator, EditSite, [Ok(()), Ok(()), Err(NotVisible)]),
            (Administrator, PublishSite, [Ok(()), Ok(()), Err(NotVisible)]),
            (Administrator, ManageSites, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ManageUsers, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ReadAudit, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ManageTokens, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ViewDashboard, [Ok(()), Ok(()), Ok(())]),
            (Administrator, SignMigrationAct, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Administrator, HandleTickets, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ManageBackups, [Ok(()), Ok(()), Ok(())]),
            (Administrator, ReadAppeals, [Err(SupportAccessRequired), Err(SupportAccessRequired), Err(NotVisible)]),
            (Administrator, AnswerAppeals, [Err(Forbidden), Err(Forbidden), Err(NotVisible)]),
            (Administrator, CountAppeals, [Ok(()), Ok(()), Err(NotVisible)]),
            (Administrator, OpenAppealForSupport, [Ok(()), Ok(()), Err(NotVisible)]),
            (Editor, ListSites, [Ok(()), Ok(()), Ok(())]),
            (Editor, ReadSite, [Ok(()), Err(NotVisible), Err(NotVisible)]),
            (Editor, EditSite, [Ok(()), Err(NotVisible), Err(NotVisible)]),
            (Editor, PublishSite, [Ok(()), Err(NotVisible), Err(NotVisible)]),
            (Editor, ManageSites, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, ManageUsers, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, ReadAudit, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, ManageTokens, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, ViewDashboard, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, SignMigrationAct, [Err(Forbidden), Err(NotVisible), Err(NotVisible)]),
            (Editor, HandleTickets, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, ManageBackups, [Err(Forbidden), Err(NotVisible), Err(Forbidden)]),
            (Editor, ReadAppeals, [Ok(()), Err(NotVisible), Err(NotVisible)]),
            (Editor, AnswerAppeals, [Ok(()), Err(NotVisible), Err(NotVisible)]),
            (Editor, CountAppeals, [Ok(()), Err(NotVisible), Err(NotVisible)]),
            (Editor, OpenAppealForSupport, [Err(Forbidden), Err(NotVisible), Err(NotVisible)]),
        ];
        assert_eq!(table.len(), Role::ALL.len() * Action::ALL.len(), "every role × action is listed");
        for role in Role::ALL {
            for action in Action::ALL {
                let (_, _, expected) = table.iter().find(|(r, a, _)| *r == role && *a == action).expect("listed");
                for status in AccountStatus::ALL {
                    let principal = user(role, status);
                    for (site, active_answer) in [Some(OWN), Some(OTHER), None].into_iter().zip(expected) {
                        let want = match status {
                            AccountStatus::Banned => Err(Banned),
                            AccountStatus::Restricted if action.changes_state() => Err(Restricted),
                            _ => *active_answer,
                        };
                        assert_eq!(authorize(&principal, action, site), want, "{role:?} {status:?} {action:?} {site:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_job_is_followed_by_whoever_may_do_it() {
        use civic_shared::jobs::Kind;
        let editor = user(Role::Editor, AccountStatus::Active);
        let admin = user(Role::Administrator, AccountStatus::Active);
        let follows = |who: &Principal, kind, site| authorize(who, job_action(kind), site).is_ok();
        assert!(follows(&editor, Kind::SiteImport, Some(OWN)), "an editor follows an import into their site");
        assert!(!follows(&editor, Kind::SiteImport, Some(OTHER)), "not one into another site");
        assert!(!follows(&editor, Kind::Backup, Some(OWN)) && !follows(&editor, Kind::Restore, Some(OWN)), "backups are the administrator's");
        assert!(Kind::ALL.into_iter().all(|kind| follows(&admin, kind, Some(OTHER))));
        assert!(follows(&admin, Kind::Restore, None), "a restore from a file into a new site has no site yet");
    }

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for status in AccountStatus::ALL {
            assert_eq!(AccountStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(sees_every_site(Role::Operator) && !sees_every_site(Role::Editor));
    }
}
