//! Which part of Civic a request is for, decided from its host and path alone.

use civic_renderer::accessible::SETTINGS_ROUTE;

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
    /// Redirect to the same address with a trailing slash (`/s/<site>` → `/s/<site>/`).
    AddSlash,
    /// The JSON API.
    Api(ApiRoute),
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
    /// `GET /api/sites`: sites the caller may edit.
    ListSites,
    /// `GET|PUT /api/sites/<slug>/draft`.
    Draft { site: String },
    /// `POST /api/sites/<slug>/publish`.
    Publish { site: String },
    /// `GET /api/sites/<slug>/data`: the site's collections for data blocks.
    Data { site: String },
    /// Unknown endpoint.
    NotFound,
}

/// Routes by host first (`<site>.<platform_domain>` serves that site at its root),
/// then by path on the platform host.
pub fn route(host: &str, path: &str, platform_domain: &str) -> Route {
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    if let Some(site) = site_of_host(&host, platform_domain) {
        return site_route(site, path, String::new());
    }
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => Route::PlatformHome,
        ["s", site] if !site.is_empty() => Route::AddSlash,
        ["s", site, rest @ ..] if !site.is_empty() => site_route(site, &rest.join("/"), format!("/s/{site}")),
        ["robots.txt"] => Route::PlatformRobots,
        ["api", rest @ ..] => Route::Api(api_route(rest)),
        _ => Route::Static,
    }
}

/// A path under a site: one of its files, its accessible-version settings route, or a page.
fn site_route(site: &str, rest: &str, base_path: String) -> Route {
    if let Some(kind) = SiteFileKind::from_name(rest.trim_start_matches('/')) {
        return Route::SiteFile(SiteFile { site: site.into(), kind, base_path });
    }
    let page = page_path(rest);
    if page == SETTINGS_ROUTE {
        Route::AccessibleSettings { site: site.into(), base_path }
    } else {
        Route::Public(PublicPage { site: site.into(), page, base_path })
    }
}

fn api_route(segments: &[&str]) -> ApiRoute {
    match segments {
        ["sites"] => ApiRoute::ListSites,
        ["sites", site, "draft"] => ApiRoute::Draft { site: (*site).into() },
        ["sites", site, "publish"] => ApiRoute::Publish { site: (*site).into() },
        ["sites", site, "data"] => ApiRoute::Data { site: (*site).into() },
        _ => ApiRoute::NotFound,
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
    fn platform_robots() {
        assert_eq!(route("127.0.0.1:8787", "/robots.txt", DOMAIN), Route::PlatformRobots);
        assert_eq!(SiteFileKind::Rss.content_type(), "application/rss+xml; charset=utf-8");
    }
}
