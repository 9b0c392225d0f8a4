//! The sections of the product the rail offers, and which one the main area shows.

/// What the main area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The page editor: outline, preview, properties.
    Pages,
    /// The site's collections (news, documents, staff…).
    Data,
    /// Published revisions and the way back.
    History,
    /// Every site, and new ones from templates (administrators).
    Sites,
    /// Users and roles (administrators).
    Users,
    /// The audit log (administrators).
    Audit,
    /// API tokens for outside systems (administrators).
    Tokens,
    /// The site's appeals from citizens.
    Inbox,
    /// The draft against the law's requirements for its kind.
    Compliance,
    /// Every site's compliance score (operators and administrators).
    Dashboard,
    /// Every site's move onto the platform, targets and acts (operators and administrators).
    Migration,
    /// An old site's pages into the draft.
    SiteImport,
    /// The support desk («СРО»).
    Support,
    /// The course for new editors, with the user's own progress.
    Training,
    /// The site's views and visitors (and every site's, for the operator and administrators).
    Visits,
    /// The open site's backups and restores (administrators).
    Backups,
}
