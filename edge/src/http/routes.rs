//! Which part of Civic a request is for, decided from its host and path alone.

use civic_renderer::accessible::SETTINGS_ROUTE;
use civic_renderer::{APPEAL_ROUTE, COMMENT_ROUTE, POLL_ROUTE, SEARCH_ROUTE};

use civic_shared::collection_items::Collection;
use civic_shared::validate::is_id;

use crate::authz::Action;
use crate::http::access::{Access, NoAccess};
use crate::http::v1_routes::{v1_route, V1Route};

/// Where a request goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A public page of a site.
    Public(PublicPage),
    /// `sitemap.xml`, `robots.txt` or `rss.xml` of a site.
    SiteFile(SiteFile),
    /// `robots.txt` of the platform host itself.
    PlatformRobots,
    /// The accessible version's settings route of a site (`<base>/_a11y?set=…&back=…`).
    AccessibleSettings {
        /// Site slug.
        site: String,
        /// Prefix of the site's links on this host: `/s/<site>` or empty.
        base_path: String,
    },
    /// An uploaded file of a site's media library.
    Media(MediaFile),
    /// The site's search page (`<base>/poisk?q=…`).
    Search {
        /// Site slug.
        site: String,
        /// Prefix of the site's links on this host: `/s/<site>` or empty.
        base_path: String,
    },
    /// Where a site's appeal forms post (`POST <base>/_obrashcheniya`).
    AppealSubmit {
        /// Site slug.
        site: String,
        /// Prefix of the site's links on this host: `/s/<site>` or empty.
        base_path: String,
    },
    /// An appeal's status, by number and code (`<base>/_obrashcheniya/status`).
    AppealStatus {
        /// Site slug.
        site: String,
        /// Prefix of the site's links on this host: `/s/<site>` or empty.
        base_path: String,
    },
    /// A comment on a public discussion (`POST <base>/_obsuzhdenie`).
    CommentSubmit {
        /// Site slug.
        site: String,
        /// Prefix of the site's links on this host: `/s/<site>` or empty.
        base_path: String,
    },
    /// A vote in a poll (`POST <base>/_opros/<poll>`).
    PollVote {
        /// Site slug.
        site: String,
        /// Prefix of the site's links on this host: `/s/<site>` or empty.
        base_path: String,
        /// The poll's id.
        poll: String,
    },
    /// The figures of «Анализ обращений» as CSV (`<base>/_obrashcheniya/analiz.csv`).
    AppealFiguresCsv {
        /// Site slug.
        site: String,
    },
    /// Redirect to the same address with a trailing slash (`/s/<site>` → `/s/<site>/`).
    AddSlash,
    /// The JSON API of the constructor (session cookie).
    Api(ApiRoute),
    /// The API for outside systems (bearer token).
    ApiV1(V1Route),
    /// A host that is not the platform's: a domain bound to a site, if one is (looked up by
    /// the worker, then routed with [`route_on_bound_host`]), else nothing.
    BoundHost {
        /// Lowercase, port stripped.
        host: String,
    },
    /// The platform's own root: sends people to the constructor.
    PlatformHome,
    /// Anything else on the platform host: static files from `www/` or a 404.
    Static,
}

/// A public page address, split into site and page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicPage {
    /// Site slug.
    pub site: String,
    /// Page path below the site, `sveden/common`; empty for the home page.
    pub page: String,
    /// Prefix of the site's links on this host: `/s/<site>` or empty.
    pub base_path: String,
}

/// A file of a site for crawlers and feed readers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// Site slug.
    pub site: String,
    /// Which file.
    pub kind: SiteFileKind,
    /// Prefix of the site's links on this host: `/s/<site>` or empty.
    pub base_path: String,
}

/// A public media address: `/media/<site>/<sha256>.<ext>` on the platform host,
/// `/media/<sha256>.<ext>` (or the platform form, for the same site) on the site's host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaFile {
    /// Site slug.
    pub site: String,
    /// `<sha256>.<ext>`, already checked by [`crate::media::parse_public_file`].
    pub file: String,
}

/// The files every site has besides its pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteFileKind {
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `rss.xml`, the news feed.
    Rss,
}

impl SiteFileKind {
    /// The file a path segment names. Page slugs never have a dot, so these names cannot hide
    /// a page.
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "sitemap.xml" => Some(Self::Sitemap),
            "robots.txt" => Some(Self::Robots),
            "rss.xml" => Some(Self::Rss),
            _ => None,
        }
    }

    /// The `Content-Type` the file is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Sitemap => "application/xml; charset=utf-8",
            Self::Robots => "text/plain; charset=utf-8",
            Self::Rss => "application/rss+xml; charset=utf-8",
        }
    }
}

/// The API endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiRoute {
    /// `POST /api/login`.
    Login,
    /// `POST /api/logout`.
    Logout,
    /// `GET /api/session`: who is signed in, with the CSRF token for state changes.
    Session,
    /// `POST /api/session/password`: change one's own password.
    OwnPassword,
    /// `GET /api/training`: one's own progress in the course for new editors.
    Training,
    /// `GET|POST /api/users`.
    Users,
    /// `PATCH|DELETE /api/users/<id>`.
    User { id: i64 },
    /// `POST /api/users/<id>/password`: an administrator sets a user's password.
    UserPassword { id: i64 },
    /// `GET /api/audit`.
    Audit,
    /// `GET|POST /api/tokens`: API tokens for outside systems.
    Tokens,
    /// `DELETE /api/tokens/<id>`: revoke a token.
    Token { id: i64 },
    /// `GET /api/sites/<slug>/revisions`.
    Revisions { site: String },
    /// `GET /api/sites/<slug>/revisions/<n>`: the document published as revision `n`.
    RevisionDocument { site: String, revision: i64 },
    /// `POST /api/sites/<slug>/rollback`.
    Rollback { site: String },
    /// `GET|POST|PUT /api/sites/<slug>/collections/<name>`: list, add, set the order.
    Collection { site: String, collection: Collection },
    /// `POST /api/sites/<slug>/collections/<name>/import`: add or update a batch of items
    /// by id, all or none (`dry_run` only checks).
    CollectionImport { site: String, collection: Collection },
    /// `POST /api/sites/<slug>/import[?dry_run&parent=&old_host=&base_version=]`: an old site's
    /// pages (a ZIP archive or one page's HTML as the body) into the draft.
    SiteImport { site: String },
    /// `GET /api/support`: every site's support requests (administrators and the operator).
    Support,
    /// `GET|POST /api/sites/<slug>/support`: the site's support requests; an editor opens one.
    SiteSupport { site: String },
    /// `GET|PATCH /api/sites/<slug>/support/<id>`: one request with its steps; a step or comment.
    SupportTicket { site: String, id: i64 },
    /// `GET|PUT /api/holidays[?year=]`: the days off the support desk's deadlines skip.
    Holidays,
    /// `GET /api/sites/<slug>/backups`: the site's backups; `POST`: back it up now.
    Backups { site: String },
    /// `GET /api/sites/<slug>/backups/<id>`: the archive, as a download.
    BackupArchive { site: String, id: i64 },
    /// `POST /api/sites/<slug>/restore[?backup=<id>]`: the site as a backup holds it (a stored
    /// one, or the archive sent as the body); a backup of its current state is made first.
    Restore { site: String },
    /// `POST /api/backups/restore?slug=<new>[&name=][&backup=<id>]`: a new site from a backup.
    RestoreNew,
    /// `GET /api/jobs/<id>`: a queued job (a backup, a restore, an import) and how far it got;
    /// readable by whoever may do what it does.
    Job { id: i64 },
    /// `PUT|DELETE /api/sites/<slug>/collections/<name>/<id>`.
    CollectionItem { site: String, collection: Collection, id: String },
    /// `GET /api/sites`: sites the caller may edit; `POST`: a new site from its kind's template.
    ListSites,
    /// `GET|PUT /api/sites/<slug>/draft`.
    Draft { site: String },
    /// `POST /api/sites/<slug>/publish`.
    Publish { site: String },
    /// `GET /api/sites/<slug>/data`: the site's collections for data blocks.
    Data { site: String },
    /// `GET /api/sites/<slug>/compliance`: the draft's compliance report (`?opened`: the
    /// editor opened «Требования закона», a step of the course); `PUT`: whether gaps block
    /// publishing.
    Compliance { site: String },
    /// `GET /api/dashboard`: every site with its compliance score (the operator's dashboard).
    Dashboard,
    /// `GET /api/sites/<slug>/appeals[?all]`: the site's appeals inbox.
    Appeals { site: String },
    /// `GET /api/sites/<slug>/appeals/<number>`: one appeal with its files; `PATCH`: an
    /// official's action on it.
    Appeal { site: String, number: String },
    /// `GET /api/sites/<slug>/appeals/figures`: the site's appeals as counts and overdue
    /// numbers, no names, no texts (what the operator and administrators see).
    AppealFigures { site: String },
    /// `POST /api/sites/<slug>/appeals/<number>/support-access`: an administrator opens one
    /// appeal for support, with a reason; journaled, for a limited time.
    AppealSupportAccess { site: String, number: String },
    /// `GET /api/migration`: every site's move onto the platform and the targets' progress.
    Migration,
    /// `GET|PUT /api/migration/targets`: the decrees' planned figures.
    MigrationTargets,
    /// `GET /api/migration/progress.svg`: the targets' progress as a chart.
    MigrationChart,
    /// `GET /api/migration/acts`: the printable acts of every checked site.
    MigrationActs,
    /// `GET /api/migration/overview.csv`: the overview for reports.
    MigrationCsv,
    /// `GET|PATCH /api/sites/<slug>/migration`: a site's move, checklist and steps; the
    /// administrator moves its status or names those responsible.
    SiteMigration { site: String },
    /// `GET|POST /api/sites/<slug>/migration/act`: the site's printable act; the operator signs it.
    SiteAct { site: String },
    /// `GET /api/sites/<slug>/appeals/<number>/files/<n>`: a file the appellant attached.
    AppealFile { site: String, number: String, idx: i64 },
    /// `PUT|DELETE /api/sites/<slug>/appeals/<number>/publication`: publish the answer on the
    /// site without personal data, or take it down.
    AppealPublication { site: String, number: String },
    /// `GET /api/sites/<slug>/comments[?all]`: the moderation queue of public discussions.
    Comments { site: String },
    /// `PATCH /api/sites/<slug>/comments/<id>`: publish or refuse a comment.
    Comment { site: String, id: i64 },
    /// `GET|POST /api/sites/<slug>/domains`: the site's own domains with the DNS records to
    /// create; add one.
    Domains { site: String },
    /// `POST /api/sites/<slug>/domains/<host>/verify`: look the TXT record up.
    DomainVerify { site: String, host: String },
    /// `DELETE /api/sites/<slug>/domains/<host>`: take the domain off the site.
    Domain { site: String, host: String },
    /// `GET|POST /api/sites/<slug>/media`: list the media library, upload a file.
    MediaLibrary { site: String },
    /// `PATCH|DELETE /api/sites/<slug>/media/<id>`: describe or remove one item.
    MediaItem { site: String, id: i64 },
    /// `GET /api/sites/<slug>/visits`: the site's views and visitors of the last 30 days.
    SiteVisits { site: String },
    /// `GET /api/visits`: every site's totals of the last 30 days (the operator's overview).
    Visits,
    /// Unknown endpoint.
    NotFound,
}

/// Routes by host first (`<site>.<platform_domain>` serves that site at its root),
/// then by path on the platform host.
pub fn route(host: &str, path: &str, platform_domain: &str) -> Route {
    let host = host_name(host);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if let Some(site) = site_of_host(&host, platform_domain) {
        return route_on_bound_host(site, path);
    }
    if !civic_shared::domains::is_platform_host(&host, platform_domain) {
        return Route::BoundHost { host };
    }
    match segments.as_slice() {
        [""] => Route::PlatformHome,
        ["media", site, file] if !site.is_empty() => media_route(site, file).unwrap_or(Route::Static),
        ["s", site] if !site.is_empty() => Route::AddSlash,
        ["s", site, rest @ ..] if !site.is_empty() => site_route(site, &rest.join("/"), format!("/s/{site}")),
        ["robots.txt"] => Route::PlatformRobots,
        ["api", "v1", rest @ ..] => Route::ApiV1(v1_route(rest)),
        ["api", rest @ ..] => Route::Api(api_route(rest)),
        _ => Route::Static,
    }
}

/// Routes a path on a host that serves one site at its root: `<site>.<platform domain>` or a
/// domain bound to the site.
pub fn route_on_bound_host(site: &str, path: &str) -> Route {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    // The platform form too, so the one address written into documents works on every host.
    match segments.as_slice() {
        ["media", file] => media_route(site, file),
        ["media", other, file] if *other == site => media_route(site, file),
        _ => None,
    }
    .unwrap_or_else(|| site_route(site, path, String::new()))
}

/// The host of a `Host` header: lowercase, port stripped (IPv6 literals keep their brackets).
pub fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = match host.starts_with('[') {
        true => host.split_inclusive(']').next().unwrap_or(""),
        false => host.split(':').next().unwrap_or(""),
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The port of a `Host` header, if it names one.
pub fn host_port(host: &str) -> Option<u16> {
    let after = host.rsplit_once(']').map_or(host, |(_, rest)| rest);
    after.rsplit_once(':').and_then(|(_, port)| port.parse().ok())
}

impl Route {
    /// For a page-like address a visitor may follow (GET): the site and the prefix of its
    /// links on this host. A site with an active domain sends these there (301).
    pub fn site_address(&self) -> Option<(&str, &str)> {
        match self {
            Route::Public(PublicPage { site, base_path, .. })
            | Route::SiteFile(SiteFile { site, base_path, .. })
            | Route::AccessibleSettings { site, base_path }
            | Route::Search { site, base_path }
            | Route::AppealStatus { site, base_path } => Some((site.as_str(), base_path.as_str())),
            _ => None,
        }
    }
}

/// A media address, if `file` has the shape of one (else it may be a page).
fn media_route(site: &str, file: &str) -> Option<Route> {
    crate::media::parse_public_file(file)?;
    Some(Route::Media(MediaFile { site: site.into(), file: file.into() }))
}

/// A path under a site: one of its files, its accessible-version settings route, or a page.
fn site_route(site: &str, rest: &str, base_path: String) -> Route {
    if let Some(kind) = SiteFileKind::from_name(rest.trim_start_matches('/')) {
        return Route::SiteFile(SiteFile { site: site.into(), kind, base_path });
    }
    let page = page_path(rest);
    if page == SETTINGS_ROUTE {
        Route::AccessibleSettings { site: site.into(), base_path }
    } else if page == SEARCH_ROUTE {
        Route::Search { site: site.into(), base_path }
    } else if page == APPEAL_ROUTE {
        Route::AppealSubmit { site: site.into(), base_path }
    } else if page == COMMENT_ROUTE {
        Route::CommentSubmit { site: site.into(), base_path }
    } else if let Some(poll) = page.strip_prefix(POLL_ROUTE).and_then(|rest| rest.strip_prefix('/')).filter(|p| !p.is_empty() && !p.contains('/')) {
        Route::PollVote { site: site.into(), base_path, poll: poll.into() }
    } else if page.strip_prefix(APPEAL_ROUTE) == Some("/analiz.csv") {
        Route::AppealFiguresCsv { site: site.into() }
    } else if page.strip_prefix(APPEAL_ROUTE) == Some("/status") {
        Route::AppealStatus { site: site.into(), base_path }
    } else {
        Route::Public(PublicPage { site: site.into(), page, base_path })
    }
}

fn api_route(segments: &[&str]) -> ApiRoute {
    let id = |text: &str| text.parse::<i64>().ok().filter(|id| *id > 0);
    match segments {
        ["login"] => ApiRoute::Login,
        ["logout"] => ApiRoute::Logout,
        ["session"] => ApiRoute::Session,
        ["session", "password"] => ApiRoute::OwnPassword,
        ["training"] => ApiRoute::Training,
        ["users"] => ApiRoute::Users,
        ["users", user] if id(user).is_some() => ApiRoute::User { id: id(user).unwrap_or_default() },
        ["users", user, "password"] if id(user).is_some() => ApiRoute::UserPassword { id: id(user).unwrap_or_default() },
        ["audit"] => ApiRoute::Audit,
        ["tokens"] => ApiRoute::Tokens,
        ["tokens", token] if id(token).is_some() => ApiRoute::Token { id: id(token).unwrap_or_default() },
        ["sites", site, "revisions"] => ApiRoute::Revisions { site: (*site).into() },
        ["sites", site, "revisions", n] if id(n).is_some() => ApiRoute::RevisionDocument { site: (*site).into(), revision: id(n).unwrap_or_default() },
        ["sites", site, "rollback"] => ApiRoute::Rollback { site: (*site).into() },
        ["sites", site, "domains"] => ApiRoute::Domains { site: (*site).into() },
        ["sites", site, "domains", host] if !host.is_empty() => ApiRoute::Domain { site: (*site).into(), host: host.to_ascii_lowercase() },
        ["sites", site, "domains", host, "verify"] if !host.is_empty() => {
            ApiRoute::DomainVerify { site: (*site).into(), host: host.to_ascii_lowercase() }
        }
        ["sites", site, "collections", name] => match Collection::parse(name) {
            Some(collection) => ApiRoute::Collection { site: (*site).into(), collection },
            None => ApiRoute::NotFound,
        },
        ["sites", site, "import"] => ApiRoute::SiteImport { site: (*site).into() },
        ["support"] => ApiRoute::Support,
        ["holidays"] => ApiRoute::Holidays,
        ["sites", site, "backups"] => ApiRoute::Backups { site: (*site).into() },
        ["sites", site, "backups", n] if id(n).is_some() => ApiRoute::BackupArchive { site: (*site).into(), id: id(n).unwrap_or_default() },
        ["sites", site, "restore"] => ApiRoute::Restore { site: (*site).into() },
        ["backups", "restore"] => ApiRoute::RestoreNew,
        ["jobs", n] if id(n).is_some() => ApiRoute::Job { id: id(n).unwrap_or_default() },
        ["sites", site, "support"] => ApiRoute::SiteSupport { site: (*site).into() },
        ["sites", site, "support", n] if id(n).is_some() => ApiRoute::SupportTicket { site: (*site).into(), id: id(n).unwrap_or_default() },
        ["sites", site, "collections", name, "import"] => match Collection::parse(name) {
            Some(collection) => ApiRoute::CollectionImport { site: (*site).into(), collection },
            None => ApiRoute::NotFound,
        },
        ["sites", site, "collections", name, item] if is_id(item) => match Collection::parse(name) {
            Some(collection) => ApiRoute::CollectionItem { site: (*site).into(), collection, id: (*item).into() },
            None => ApiRoute::NotFound,
        },
        ["sites"] => ApiRoute::ListSites,
        ["sites", site, "draft"] => ApiRoute::Draft { site: (*site).into() },
        ["sites", site, "publish"] => ApiRoute::Publish { site: (*site).into() },
        ["sites", site, "data"] => ApiRoute::Data { site: (*site).into() },
        ["sites", site, "compliance"] => ApiRoute::Compliance { site: (*site).into() },
        ["dashboard"] => ApiRoute::Dashboard,
        ["migration"] => ApiRoute::Migration,
        ["migration", "targets"] => ApiRoute::MigrationTargets,
        ["migration", "progress.svg"] => ApiRoute::MigrationChart,
        ["migration", "acts"] => ApiRoute::MigrationActs,
        ["migration", "overview.csv"] => ApiRoute::MigrationCsv,
        ["sites", site, "migration"] => ApiRoute::SiteMigration { site: (*site).into() },
        ["sites", site, "migration", "act"] => ApiRoute::SiteAct { site: (*site).into() },
        ["sites", site, "appeals"] => ApiRoute::Appeals { site: (*site).into() },
        ["sites", site, "comments"] => ApiRoute::Comments { site: (*site).into() },
        ["sites", site, "comments", n] if id(n).is_some() => ApiRoute::Comment { site: (*site).into(), id: id(n).unwrap_or_default() },
        ["sites", site, "appeals", "figures"] => ApiRoute::AppealFigures { site: (*site).into() },
        ["sites", site, "appeals", number] if !number.is_empty() => ApiRoute::Appeal { site: (*site).into(), number: (*number).into() },
        ["sites", site, "appeals", number, "support-access"] if !number.is_empty() => {
            ApiRoute::AppealSupportAccess { site: (*site).into(), number: (*number).into() }
        }
        ["sites", site, "appeals", number, "files", n] if !number.is_empty() && id(n).is_some() => {
            ApiRoute::AppealFile { site: (*site).into(), number: (*number).into(), idx: id(n).unwrap_or_default() }
        }
        ["sites", site, "appeals", number, "publication"] if !number.is_empty() => {
            ApiRoute::AppealPublication { site: (*site).into(), number: (*number).into() }
        }
        ["sites", site, "visits"] => ApiRoute::SiteVisits { site: (*site).into() },
        ["visits"] => ApiRoute::Visits,
        ["sites", site, "media"] => ApiRoute::MediaLibrary { site: (*site).into() },
        ["sites", site, "media", item] if id(item).is_some() => ApiRoute::MediaItem { site: (*site).into(), id: id(item).unwrap_or_default() },
        _ => ApiRoute::NotFound,
    }
}

impl ApiRoute {
    /// The action (and so the permission) a method on this endpoint is: the one table the
    /// router consults before calling [`crate::authz::authorize`].
    pub fn access(&self, method: &str) -> Result<Access, NoAccess> {
        use Action::*;
        let access = match (self, method) {
            (ApiRoute::NotFound, _) => return Err(NoAccess::NotFound),
            (ApiRoute::Login, "POST") => Access::Anyone,
            (ApiRoute::Logout, "POST") | (ApiRoute::Session, "GET") | (ApiRoute::OwnPassword, "POST") | (ApiRoute::Training, "GET") | (ApiRoute::Job { .. }, "GET") => {
                Access::SignedIn
            }
            (ApiRoute::Users, "GET" | "POST") | (ApiRoute::User { .. }, "PATCH" | "DELETE") | (ApiRoute::UserPassword { .. }, "POST") => {
                Access::Act(ManageUsers)
            }
            (ApiRoute::Audit, "GET") => Access::Act(ReadAudit),
            (ApiRoute::Tokens, "GET" | "POST") | (ApiRoute::Token { .. }, "DELETE") => Access::Act(ManageTokens),
            (ApiRoute::ListSites, "GET") => Access::Act(ListSites),
            (ApiRoute::ListSites, "POST") => Access::Act(ManageSites),
            (ApiRoute::Dashboard | ApiRoute::Migration | ApiRoute::MigrationTargets | ApiRoute::MigrationChart | ApiRoute::MigrationActs | ApiRoute::MigrationCsv, "GET") => {
                Access::Act(ViewDashboard)
            }
            (ApiRoute::MigrationTargets, "PUT") | (ApiRoute::SiteMigration { .. }, "PATCH") => Access::Act(ManageSites),
            (ApiRoute::SiteAct { .. }, "POST") => Access::Act(SignMigrationAct),
            (ApiRoute::Compliance { .. }, "PUT") => Access::Act(ManageSites),
            (ApiRoute::Domains { .. } | ApiRoute::DomainVerify { .. }, "POST") | (ApiRoute::Domain { .. }, "DELETE") => Access::Act(ManageSites),
            (ApiRoute::Comment { .. }, "PATCH") => Access::Act(EditSite),
            // Appeals are the body's, not the site's content: actions of their own.
            (ApiRoute::Appeals { .. } | ApiRoute::Appeal { .. } | ApiRoute::AppealFile { .. }, "GET") => Access::Act(ReadAppeals),
            (ApiRoute::Appeal { .. }, "PATCH") | (ApiRoute::AppealPublication { .. }, "PUT" | "DELETE") => Access::Act(AnswerAppeals),
            (ApiRoute::AppealFigures { .. }, "GET") => Access::Act(CountAppeals),
            (ApiRoute::AppealSupportAccess { .. }, "POST") => Access::Act(OpenAppealForSupport),
            (ApiRoute::Draft { .. }
            | ApiRoute::Data { .. }
            | ApiRoute::SiteMigration { .. }
            | ApiRoute::SiteAct { .. }
            | ApiRoute::Comments { .. }
            | ApiRoute::Compliance { .. }
            | ApiRoute::Revisions { .. }
            | ApiRoute::RevisionDocument { .. }
            | ApiRoute::MediaLibrary { .. }
            | ApiRoute::SiteSupport { .. }
            | ApiRoute::SupportTicket { .. }
            | ApiRoute::SiteVisits { .. }
            | ApiRoute::Domains { .. }, "GET") => {
                Access::Act(ReadSite)
            }
            (ApiRoute::Support | ApiRoute::Holidays | ApiRoute::Visits, "GET") => Access::Act(ViewDashboard),
            (ApiRoute::Holidays, "PUT") => Access::Act(HandleTickets),
            (ApiRoute::Backups { .. } | ApiRoute::BackupArchive { .. }, "GET")
            | (ApiRoute::Backups { .. } | ApiRoute::Restore { .. } | ApiRoute::RestoreNew, "POST") => Access::Act(ManageBackups),
            (ApiRoute::SiteSupport { .. }, "POST") | (ApiRoute::SupportTicket { .. }, "PATCH") => Access::Act(EditSite),
            (ApiRoute::Draft { .. }, "PUT") | (ApiRoute::MediaLibrary { .. } | ApiRoute::SiteImport { .. }, "POST") | (ApiRoute::MediaItem { .. }, "PATCH" | "DELETE") => {
                Access::Act(EditSite)
            }
            (ApiRoute::Collection { .. }, "GET") => Access::Act(ReadSite),
            (ApiRoute::Collection { .. } | ApiRoute::CollectionImport { .. }, "POST")
            | (ApiRoute::Collection { .. }, "PUT")
            | (ApiRoute::CollectionItem { .. }, "PUT" | "DELETE") => Access::Act(EditSite),
            (ApiRoute::Publish { .. } | ApiRoute::Rollback { .. }, "POST") => Access::Act(PublishSite),
            _ => return Err(NoAccess::MethodNotAllowed),
        };
        Ok(access)
    }

    /// Whether a change through this endpoint can change what the site's visitors see (and
    /// so its cached pointer and search index): publishing and collections do, a draft save
    /// does not.
    pub fn changes_public_view(&self) -> bool {
        matches!(
            self,
            ApiRoute::Publish { .. }
                | ApiRoute::Rollback { .. }
                | ApiRoute::Restore { .. }
                | ApiRoute::Collection { .. }
                | ApiRoute::CollectionImport { .. }
                | ApiRoute::CollectionItem { .. }
        )
    }

    /// The site the endpoint is about, if any.
    pub fn site(&self) -> Option<&str> {
        match self {
            ApiRoute::Draft { site }
            | ApiRoute::Publish { site }
            | ApiRoute::Data { site }
            | ApiRoute::Compliance { site }
            | ApiRoute::Appeals { site }
            | ApiRoute::Appeal { site, .. }
            | ApiRoute::AppealFile { site, .. }
            | ApiRoute::AppealPublication { site, .. }
            | ApiRoute::AppealFigures { site }
            | ApiRoute::AppealSupportAccess { site, .. }
            | ApiRoute::SiteMigration { site }
            | ApiRoute::SiteAct { site }
            | ApiRoute::Comments { site }
            | ApiRoute::Comment { site, .. }
            | ApiRoute::Revisions { site }
            | ApiRoute::RevisionDocument { site, .. }
            | ApiRoute::Rollback { site }
            | ApiRoute::Collection { site, .. }
            | ApiRoute::CollectionImport { site, .. }
            | ApiRoute::CollectionItem { site, .. }
            | ApiRoute::SiteImport { site }
            | ApiRoute::SiteSupport { site }
            | ApiRoute::SupportTicket { site, .. }
            | ApiRoute::Backups { site }
            | ApiRoute::BackupArchive { site, .. }
            | ApiRoute::Restore { site }
            | ApiRoute::MediaLibrary { site }
            | ApiRoute::MediaItem { site, .. }
            | ApiRoute::Domains { site }
            | ApiRoute::SiteVisits { site }
            | ApiRoute::DomainVerify { site, .. }
            | ApiRoute::Domain { site, .. } => Some(site),
            _ => None,
        }
    }
}

impl ApiRoute {
    /// The one appeal a read names (the appeal, one of its files): what an administrator's
    /// support access to that appeal opens. The inbox, a list, never is.
    pub fn one_appeal(&self) -> Option<&str> {
        match self {
            ApiRoute::Appeal { number, .. } | ApiRoute::AppealFile { number, .. } => Some(number),
            _ => None,
        }
    }
}

/// `mincifra.civic.localhost` → `mincifra` when the platform domain is `civic.localhost`.
fn site_of_host<'a>(host: &'a str, platform_domain: &str) -> Option<&'a str> {
    let label = host.strip_suffix(platform_domain)?.strip_suffix('.')?;
    (!label.is_empty() && !label.contains('.')).then_some(label)
}

/// A page path from the rest of the path: every segment (pages nest: `sveden/common`), slashes
/// at either end ignored.
fn page_path(rest: &str) -> String {
    rest.trim_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOMAIN: &str = "civic.localhost";

    fn public(site: &str, page: &str, base: &str) -> Route {
        Route::Public(PublicPage { site: site.into(), page: page.into(), base_path: base.into() })
    }

    #[test]
    fn local_paths() {
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/", DOMAIN), public("mincifra", "", "/s/mincifra"));
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/kontakty", DOMAIN), public("mincifra", "kontakty", "/s/mincifra"));
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/kontakty/", DOMAIN), public("mincifra", "kontakty", "/s/mincifra"));
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra", DOMAIN), Route::AddSlash);
        // Nested pages keep every segment, letter case included (`/sveden/eduStandarts`).
        assert_eq!(route("127.0.0.1:8787", "/s/school7/sveden/common", DOMAIN), public("school7", "sveden/common", "/s/school7"));
        assert_eq!(route("127.0.0.1:8787", "/s/school7/sveden/eduStandarts/", DOMAIN), public("school7", "sveden/eduStandarts", "/s/school7"));
        assert_eq!(route("127.0.0.1:8787", "/", DOMAIN), Route::PlatformHome);
        assert_eq!(route("127.0.0.1:8787", "/admin/", DOMAIN), Route::Static);
    }

    #[test]
    fn site_hosts() {
        assert_eq!(route("mincifra.civic.localhost", "/", DOMAIN), public("mincifra", "", ""));
        assert_eq!(route("MinCifra.Civic.Localhost:8787", "/kontakty", DOMAIN), public("mincifra", "kontakty", ""));
        assert_eq!(route("school7.civic.localhost", "/sveden/paid_edu", DOMAIN), public("school7", "sveden/paid_edu", ""));
        // Deeper subdomains and look-alike domains are not sites.
        assert_eq!(route("a.b.civic.localhost", "/", DOMAIN), Route::PlatformHome);
        assert_eq!(route("evilcivic.localhost", "/", DOMAIN), Route::PlatformHome);
        assert_eq!(route("civic.localhost", "/", DOMAIN), Route::PlatformHome);
    }

    #[test]
    fn accessible_settings_route_on_both_hosts() {
        let local = Route::AccessibleSettings { site: "mincifra".into(), base_path: "/s/mincifra".into() };
        let by_host = Route::AccessibleSettings { site: "mincifra".into(), base_path: String::new() };
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/_a11y", DOMAIN), local);
        assert_eq!(route("mincifra.civic.localhost", "/_a11y", DOMAIN), by_host);
        assert_eq!(route("mincifra.civic.localhost:8787", "/_a11y/", DOMAIN), by_host);
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/_a11y/", DOMAIN), local);
        // Only directly under the site; deeper paths stay ordinary (missing) pages.
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/_a11y/x", DOMAIN), public("mincifra", "_a11y/x", "/s/mincifra"));
        assert_eq!(route("127.0.0.1:8787", "/_a11y", DOMAIN), Route::Static);
    }

    #[test]
    fn api() {
        assert_eq!(route("x", "/api/sites", DOMAIN), Route::Api(ApiRoute::ListSites));
        assert_eq!(route("x", "/api/sites/mincifra/draft", DOMAIN), Route::Api(ApiRoute::Draft { site: "mincifra".into() }));
        assert_eq!(route("x", "/api/sites/mincifra/publish", DOMAIN), Route::Api(ApiRoute::Publish { site: "mincifra".into() }));
        assert_eq!(route("x", "/api/sites/mincifra/data", DOMAIN), Route::Api(ApiRoute::Data { site: "mincifra".into() }));
        assert_eq!(route("x", "/api/nope", DOMAIN), Route::Api(ApiRoute::NotFound));
    }

    #[test]
    fn search_route_on_both_hosts() {
        assert_eq!(
            route("127.0.0.1:8787", "/s/school7/_obrashcheniya", DOMAIN),
            Route::AppealSubmit { site: "school7".into(), base_path: "/s/school7".into() }
        );
        assert_eq!(
            route("127.0.0.1:8787", "/s/kasimov/_opros/roads-2026", DOMAIN),
            Route::PollVote { site: "kasimov".into(), base_path: "/s/kasimov".into(), poll: "roads-2026".into() }
        );
        assert_eq!(route("school7.civic.localhost", "/_obrashcheniya/status", DOMAIN), Route::AppealStatus { site: "school7".into(), base_path: String::new() });
        let local = Route::Search { site: "mincifra".into(), base_path: "/s/mincifra".into() };
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/poisk", DOMAIN), local);
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/poisk/", DOMAIN), local);
        assert_eq!(route("mincifra.civic.localhost", "/poisk", DOMAIN), Route::Search { site: "mincifra".into(), base_path: String::new() });
        assert_eq!(route("127.0.0.1:8787", "/s/mincifra/o/poisk", DOMAIN), public("mincifra", "o/poisk", "/s/mincifra"));
    }

    #[test]
    fn account_routes() {
        let api = |path: &str| match route("x", path, DOMAIN) {
            Route::Api(api) => api,
            other => panic!("{other:?}"),
        };
        assert_eq!(api("/api/login"), ApiRoute::Login);
        assert_eq!(api("/api/users/12"), ApiRoute::User { id: 12 });
        assert_eq!(api("/api/users/12/password"), ApiRoute::UserPassword { id: 12 });
        assert_eq!(api("/api/users/0"), ApiRoute::NotFound);
        assert_eq!(api("/api/users/x"), ApiRoute::NotFound);
        assert_eq!(api("/api/tokens"), ApiRoute::Tokens);
        assert_eq!(api("/api/tokens/4"), ApiRoute::Token { id: 4 });
        assert_eq!(api("/api/tokens/-4"), ApiRoute::NotFound);
        assert_eq!(api("/api/sites/gb4/revisions"), ApiRoute::Revisions { site: "gb4".into() });
        assert_eq!(api("/api/sites/gb4/revisions/3"), ApiRoute::RevisionDocument { site: "gb4".into(), revision: 3 });
        assert_eq!(api("/api/sites/gb4/revisions/x"), ApiRoute::NotFound);
        assert_eq!(api("/api/sites/gb4/collections/staff"), ApiRoute::Collection { site: "gb4".into(), collection: Collection::Staff });
        assert_eq!(
            api("/api/sites/gb4/collections/news/n-1"),
            ApiRoute::CollectionItem { site: "gb4".into(), collection: Collection::News, id: "n-1".into() }
        );
        assert_eq!(api("/api/sites/gb4/collections/secrets"), ApiRoute::NotFound);
        assert_eq!(
            api("/api/sites/gb4/collections/staff/import"),
            ApiRoute::CollectionImport { site: "gb4".into(), collection: Collection::Staff }
        );
        assert_eq!(api("/api/sites/gb4/collections/secrets/import"), ApiRoute::NotFound);
        assert_eq!(api("/api/sites/gb4/collections/news/a%20b"), ApiRoute::NotFound);
    }

    /// Every endpoint and method the API answers, with what it needs.
    #[test]
    fn access_table() {
        use Action::*;
        let site = || "mincifra".to_string();
        let news = || ApiRoute::Collection { site: site(), collection: Collection::News };
        let news_item = || ApiRoute::CollectionItem { site: site(), collection: Collection::News, id: "n-1".into() };
        let cases = [
            (ApiRoute::Login, "POST", Ok(Access::Anyone)),
            (ApiRoute::Login, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Logout, "POST", Ok(Access::SignedIn)),
            (ApiRoute::Session, "GET", Ok(Access::SignedIn)),
            (ApiRoute::OwnPassword, "POST", Ok(Access::SignedIn)),
            (ApiRoute::Training, "GET", Ok(Access::SignedIn)),
            (ApiRoute::Job { id: 1 }, "GET", Ok(Access::SignedIn)),
            (ApiRoute::Job { id: 1 }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Training, "POST", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Users, "GET", Ok(Access::Act(ManageUsers))),
            (ApiRoute::Users, "POST", Ok(Access::Act(ManageUsers))),
            (ApiRoute::User { id: 1 }, "PATCH", Ok(Access::Act(ManageUsers))),
            (ApiRoute::User { id: 1 }, "DELETE", Ok(Access::Act(ManageUsers))),
            (ApiRoute::User { id: 1 }, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::UserPassword { id: 1 }, "POST", Ok(Access::Act(ManageUsers))),
            (ApiRoute::Audit, "GET", Ok(Access::Act(ReadAudit))),
            (ApiRoute::Tokens, "GET", Ok(Access::Act(ManageTokens))),
            (ApiRoute::Tokens, "POST", Ok(Access::Act(ManageTokens))),
            (ApiRoute::Tokens, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Token { id: 3 }, "DELETE", Ok(Access::Act(ManageTokens))),
            (ApiRoute::Token { id: 3 }, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::ListSites, "GET", Ok(Access::Act(ListSites))),
            (ApiRoute::ListSites, "POST", Ok(Access::Act(ManageSites))),
            (ApiRoute::Draft { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::Draft { site: site() }, "PUT", Ok(Access::Act(EditSite))),
            (ApiRoute::Draft { site: site() }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Data { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::Compliance { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::Compliance { site: site() }, "PUT", Ok(Access::Act(ManageSites))),
            (ApiRoute::Dashboard, "GET", Ok(Access::Act(ViewDashboard))),
            (ApiRoute::Appeals { site: site() }, "GET", Ok(Access::Act(ReadAppeals))),
            (ApiRoute::Appeals { site: site() }, "POST", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Appeal { site: site(), number: "2026-00001".into() }, "GET", Ok(Access::Act(ReadAppeals))),
            (ApiRoute::Appeal { site: site(), number: "2026-00001".into() }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::AppealFigures { site: site() }, "GET", Ok(Access::Act(CountAppeals))),
            (ApiRoute::AppealFigures { site: site() }, "POST", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::AppealSupportAccess { site: site(), number: "2026-00001".into() }, "POST", Ok(Access::Act(OpenAppealForSupport))),
            (ApiRoute::AppealSupportAccess { site: site(), number: "2026-00001".into() }, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Comments { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::Comment { site: site(), id: 3 }, "PATCH", Ok(Access::Act(EditSite))),
            (ApiRoute::Appeal { site: site(), number: "2026-00001".into() }, "PATCH", Ok(Access::Act(AnswerAppeals))),
            (ApiRoute::AppealFile { site: site(), number: "2026-00001".into(), idx: 1 }, "GET", Ok(Access::Act(ReadAppeals))),
            (ApiRoute::AppealFile { site: site(), number: "2026-00001".into(), idx: 1 }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::AppealPublication { site: site(), number: "2026-00001".into() }, "PUT", Ok(Access::Act(AnswerAppeals))),
            (ApiRoute::AppealPublication { site: site(), number: "2026-00001".into() }, "DELETE", Ok(Access::Act(AnswerAppeals))),
            (ApiRoute::Migration, "GET", Ok(Access::Act(ViewDashboard))),
            (ApiRoute::MigrationTargets, "PUT", Ok(Access::Act(ManageSites))),
            (ApiRoute::SiteMigration { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::SiteMigration { site: site() }, "PATCH", Ok(Access::Act(ManageSites))),
            (ApiRoute::SiteAct { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::SiteAct { site: site() }, "POST", Ok(Access::Act(SignMigrationAct))),
            (ApiRoute::SiteAct { site: site() }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Revisions { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::RevisionDocument { site: site(), revision: 1 }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::RevisionDocument { site: site(), revision: 1 }, "POST", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Publish { site: site() }, "POST", Ok(Access::Act(PublishSite))),
            (ApiRoute::Rollback { site: site() }, "POST", Ok(Access::Act(PublishSite))),
            (ApiRoute::MediaLibrary { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::MediaLibrary { site: site() }, "POST", Ok(Access::Act(EditSite))),
            (ApiRoute::MediaLibrary { site: site() }, "PUT", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::MediaItem { site: site(), id: 3 }, "PATCH", Ok(Access::Act(EditSite))),
            (ApiRoute::MediaItem { site: site(), id: 3 }, "DELETE", Ok(Access::Act(EditSite))),
            (ApiRoute::MediaItem { site: site(), id: 3 }, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::NotFound, "GET", Err(NoAccess::NotFound)),
            (news(), "GET", Ok(Access::Act(ReadSite))),
            (news(), "POST", Ok(Access::Act(EditSite))),
            (news(), "PUT", Ok(Access::Act(EditSite))),
            (news(), "DELETE", Err(NoAccess::MethodNotAllowed)),
            (news_item(), "PUT", Ok(Access::Act(EditSite))),
            (news_item(), "DELETE", Ok(Access::Act(EditSite))),
            (news_item(), "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::CollectionImport { site: site(), collection: Collection::Staff }, "POST", Ok(Access::Act(EditSite))),
            (ApiRoute::CollectionImport { site: site(), collection: Collection::Staff }, "PUT", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::SiteImport { site: site() }, "POST", Ok(Access::Act(EditSite))),
            (ApiRoute::SiteImport { site: site() }, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Support, "GET", Ok(Access::Act(ViewDashboard))),
            (ApiRoute::Support, "POST", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Holidays, "GET", Ok(Access::Act(ViewDashboard))),
            (ApiRoute::Holidays, "PUT", Ok(Access::Act(HandleTickets))),
            (ApiRoute::Backups { site: site() }, "GET", Ok(Access::Act(ManageBackups))),
            (ApiRoute::Backups { site: site() }, "POST", Ok(Access::Act(ManageBackups))),
            (ApiRoute::BackupArchive { site: site(), id: 1 }, "GET", Ok(Access::Act(ManageBackups))),
            (ApiRoute::BackupArchive { site: site(), id: 1 }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Restore { site: site() }, "POST", Ok(Access::Act(ManageBackups))),
            (ApiRoute::RestoreNew, "POST", Ok(Access::Act(ManageBackups))),
            (ApiRoute::RestoreNew, "GET", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::SiteSupport { site: site() }, "POST", Ok(Access::Act(EditSite))),
            (ApiRoute::SupportTicket { site: site(), id: 3 }, "PATCH", Ok(Access::Act(EditSite))),
            (ApiRoute::SupportTicket { site: site(), id: 3 }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            // Visits: a site's editors read its own, the operator and administrators every site's.
            (ApiRoute::SiteVisits { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (ApiRoute::SiteVisits { site: site() }, "POST", Err(NoAccess::MethodNotAllowed)),
            (ApiRoute::Visits, "GET", Ok(Access::Act(ViewDashboard))),
            (ApiRoute::Visits, "DELETE", Err(NoAccess::MethodNotAllowed)),
        ];
        for (api, method, want) in cases {
            assert_eq!(api.access(method), want, "{method} {api:?}");
        }
        assert_eq!(ApiRoute::Rollback { site: site() }.site(), Some("mincifra"));
        assert!(ApiRoute::Publish { site: site() }.changes_public_view() && news_item().changes_public_view());
        assert!(!ApiRoute::Draft { site: site() }.changes_public_view());
        assert_eq!(ApiRoute::Users.site(), None);
        assert_eq!(ApiRoute::MediaLibrary { site: site() }.site(), Some("mincifra"));
        assert_eq!(ApiRoute::MediaItem { site: site(), id: 3 }.site(), Some("mincifra"));
        assert_eq!(ApiRoute::SiteVisits { site: site() }.site(), Some("mincifra"));
        assert_eq!(ApiRoute::Visits.site(), None);
    }

    #[test]
    fn appeal_api_routes() {
        let api = |path: &str| match route("x", path, DOMAIN) {
            Route::Api(api) => api,
            other => panic!("{other:?}"),
        };
        let (site, number) = (|| "school7".to_string(), || "2026-00012".to_string());
        assert_eq!(api("/api/sites/school7/appeals"), ApiRoute::Appeals { site: site() });
        assert_eq!(api("/api/sites/school7/appeals/figures"), ApiRoute::AppealFigures { site: site() });
        assert_eq!(api("/api/sites/school7/appeals/2026-00012"), ApiRoute::Appeal { site: site(), number: number() });
        assert_eq!(api("/api/sites/school7/appeals/2026-00012/support-access"), ApiRoute::AppealSupportAccess { site: site(), number: number() });
        assert_eq!(api("/api/sites/school7/appeals/2026-00012/files/1"), ApiRoute::AppealFile { site: site(), number: number(), idx: 1 });
        assert_eq!(api("/api/sites/school7/appeals/2026-00012/other"), ApiRoute::NotFound);
        assert_eq!(ApiRoute::AppealSupportAccess { site: site(), number: number() }.site(), Some("school7"));
        assert_eq!(ApiRoute::AppealFigures { site: site() }.site(), Some("school7"));
        // Support access opens one appeal and its files; never the inbox, an action or the publication.
        assert_eq!(ApiRoute::Appeal { site: site(), number: number() }.one_appeal(), Some("2026-00012"));
        assert_eq!(ApiRoute::AppealFile { site: site(), number: number(), idx: 2 }.one_appeal(), Some("2026-00012"));
        for other in [ApiRoute::Appeals { site: site() }, ApiRoute::AppealPublication { site: site(), number: number() }, ApiRoute::AppealFigures { site: site() }] {
            assert_eq!(other.one_appeal(), None, "{other:?}");
        }
    }

    #[test]
    fn visits_api_routes() {
        let api = |path: &str| match route("x", path, DOMAIN) {
            Route::Api(api) => api,
            other => panic!("{other:?}"),
        };
        assert_eq!(api("/api/sites/school7/visits"), ApiRoute::SiteVisits { site: "school7".into() });
        assert_eq!(api("/api/visits"), ApiRoute::Visits);
        assert_eq!(api("/api/sites/school7/visits/x"), ApiRoute::NotFound);
    }

    #[test]
    fn media_api_routes() {
        let api = |path: &str| match route("x", path, DOMAIN) {
            Route::Api(api) => api,
            other => panic!("{other:?}"),
        };
        assert_eq!(api("/api/sites/gb4/media"), ApiRoute::MediaLibrary { site: "gb4".into() });
        assert_eq!(api("/api/sites/gb4/media/17"), ApiRoute::MediaItem { site: "gb4".into(), id: 17 });
        assert_eq!(api("/api/sites/gb4/media/0"), ApiRoute::NotFound);
        assert_eq!(api("/api/sites/gb4/media/x"), ApiRoute::NotFound);
    }

    #[test]
    fn media_files_on_both_hosts() {
        let file = format!("{}.png", "0123456789abcdef".repeat(4));
        let media = |site: &str| Route::Media(MediaFile { site: site.into(), file: file.clone() });
        assert_eq!(route("127.0.0.1:8787", &format!("/media/mincifra/{file}"), DOMAIN), media("mincifra"));
        assert_eq!(route("mincifra.civic.localhost", &format!("/media/{file}"), DOMAIN), media("mincifra"));
        assert_eq!(route("mincifra.civic.localhost:8787", &format!("/media/mincifra/{file}"), DOMAIN), media("mincifra"));
        // Another site's files are not served from this site's host; odd names are not media.
        assert_eq!(route("mincifra.civic.localhost", &format!("/media/gb4/{file}"), DOMAIN), public("mincifra", &format!("media/gb4/{file}"), ""));
        assert_eq!(route("mincifra.civic.localhost", "/media/logo.png", DOMAIN), public("mincifra", "media/logo.png", ""));
        assert_eq!(route("127.0.0.1:8787", "/media/mincifra/logo.png", DOMAIN), Route::Static);
        assert_eq!(route("127.0.0.1:8787", &format!("/media/{file}"), DOMAIN), Route::Static);
        assert_eq!(route("127.0.0.1:8787", &format!("/media//{file}"), DOMAIN), Route::Static);
    }

    fn file(site: &str, kind: SiteFileKind, base: &str) -> Route {
        Route::SiteFile(SiteFile { site: site.into(), kind, base_path: base.into() })
    }

    #[test]
    fn site_files_by_path_and_by_host() {
        let local = "127.0.0.1:8787";
        assert_eq!(route(local, "/s/mincifra/sitemap.xml", DOMAIN), file("mincifra", SiteFileKind::Sitemap, "/s/mincifra"));
        assert_eq!(route(local, "/s/mincifra/robots.txt", DOMAIN), file("mincifra", SiteFileKind::Robots, "/s/mincifra"));
        assert_eq!(route(local, "/s/mincifra/rss.xml", DOMAIN), file("mincifra", SiteFileKind::Rss, "/s/mincifra"));
        assert_eq!(route("mincifra.civic.localhost:8787", "/sitemap.xml", DOMAIN), file("mincifra", SiteFileKind::Sitemap, ""));
        assert_eq!(route("mincifra.civic.localhost", "/robots.txt", DOMAIN), file("mincifra", SiteFileKind::Robots, ""));
        assert_eq!(route("mincifra.civic.localhost", "/rss.xml", DOMAIN), file("mincifra", SiteFileKind::Rss, ""));
        // Other names stay pages (and 404 there); deeper paths are not the site's files.
        assert_eq!(route(local, "/s/mincifra/sitemap", DOMAIN), public("mincifra", "sitemap", "/s/mincifra"));
        assert_eq!(route("mincifra.civic.localhost", "/a/rss.xml", DOMAIN), public("mincifra", "a/rss.xml", ""));
        assert_eq!(route(local, "/s//robots.txt", DOMAIN), Route::Static);
    }

    #[test]
    fn bound_domains_are_looked_up_then_served_at_the_root() {
        assert_eq!(route("Shkola7.Example:8791", "/kontakty", DOMAIN), Route::BoundHost { host: "shkola7.example".into() });
        assert_eq!(route("xn--e1afmkfd.xn--p1ai", "/", DOMAIN), Route::BoundHost { host: "xn--e1afmkfd.xn--p1ai".into() });
        // The platform's own hosts never are.
        for host in ["127.0.0.1:8787", "localhost:8787", "civic.localhost", "[::1]:8787", "a.b.civic.localhost"] {
            assert!(!matches!(route(host, "/", DOMAIN), Route::BoundHost { .. }), "{host}");
        }
        assert_eq!(route_on_bound_host("school7", "/sveden/common"), public("school7", "sveden/common", ""));
        assert_eq!(route_on_bound_host("school7", "/robots.txt"), file("school7", SiteFileKind::Robots, ""));
        assert_eq!(route_on_bound_host("school7", "/_a11y"), Route::AccessibleSettings { site: "school7".into(), base_path: String::new() });
        let media = format!("{}.png", "0123456789abcdef".repeat(4));
        assert_eq!(route_on_bound_host("school7", &format!("/media/school7/{media}")), Route::Media(MediaFile { site: "school7".into(), file: media.clone() }));
        assert_eq!(route_on_bound_host("school7", &format!("/media/{media}")), Route::Media(MediaFile { site: "school7".into(), file: media }));
        assert_eq!(route_on_bound_host("school7", "/api/login"), public("school7", "api/login", ""), "no constructor on a bound domain");
    }

    #[test]
    fn hosts_and_ports() {
        assert_eq!(host_name("Shkola7.Example:8791"), "shkola7.example");
        assert_eq!(host_name("shkola7.example."), "shkola7.example");
        assert_eq!(host_name("[::1]:8787"), "[::1]");
        assert_eq!(host_port("shkola7.example:8791"), Some(8791));
        assert_eq!(host_port("[::1]:8787"), Some(8787));
        assert_eq!(host_port("[::1]"), None);
        assert_eq!(host_port("shkola7.example"), None);
    }

    #[test]
    fn page_addresses_of_a_site_can_move_to_its_domain() {
        assert_eq!(route("127.0.0.1:8787", "/s/school7/kontakty", DOMAIN).site_address(), Some(("school7", "/s/school7")));
        assert_eq!(route("school7.civic.localhost", "/rss.xml", DOMAIN).site_address(), Some(("school7", "")));
        assert_eq!(route("127.0.0.1:8787", "/s/school7/_obrashcheniya", DOMAIN).site_address(), None, "forms post where they are");
        assert_eq!(route("127.0.0.1:8787", "/admin/", DOMAIN).site_address(), None);
    }

    #[test]
    fn domain_api_routes() {
        let api = |path: &str| match route("x", path, DOMAIN) {
            Route::Api(api) => api,
            other => panic!("{other:?}"),
        };
        let (site, host) = (|| "school7".to_string(), || "shkola7.example".to_string());
        assert_eq!(api("/api/sites/school7/domains"), ApiRoute::Domains { site: site() });
        assert_eq!(api("/api/sites/school7/domains/Shkola7.Example"), ApiRoute::Domain { site: site(), host: host() });
        assert_eq!(api("/api/sites/school7/domains/shkola7.example/verify"), ApiRoute::DomainVerify { site: site(), host: host() });
        assert_eq!(api("/api/sites/school7/domains/shkola7.example/other"), ApiRoute::NotFound);
        use Action::*;
        assert_eq!(ApiRoute::Domains { site: site() }.access("GET"), Ok(Access::Act(ReadSite)));
        assert_eq!(ApiRoute::Domains { site: site() }.access("POST"), Ok(Access::Act(ManageSites)));
        assert_eq!(ApiRoute::DomainVerify { site: site(), host: host() }.access("POST"), Ok(Access::Act(ManageSites)));
        assert_eq!(ApiRoute::DomainVerify { site: site(), host: host() }.access("GET"), Err(NoAccess::MethodNotAllowed));
        assert_eq!(ApiRoute::Domain { site: site(), host: host() }.access("DELETE"), Ok(Access::Act(ManageSites)));
        assert_eq!(ApiRoute::Domain { site: site(), host: host() }.access("PUT"), Err(NoAccess::MethodNotAllowed));
        assert_eq!(ApiRoute::Domain { site: site(), host: host() }.site(), Some("school7"));
    }

    #[test]
    fn platform_robots() {
        assert_eq!(route("127.0.0.1:8787", "/robots.txt", DOMAIN), Route::PlatformRobots);
        assert_eq!(SiteFileKind::Rss.content_type(), "application/rss+xml; charset=utf-8");
    }
}
