//! Visit statistics without cookies or third-party counters: which requests count as a view,
//! the page they count for, the daily visitor hash's input, and the report editors see.
//!
//! A visitor is recognised within one day only, by a SHA-256 of a daily random salt, the site,
//! the address and the browser's `User-Agent`. The salt lives two days and the hashes are
//! deleted once their day is over, so nobody — the platform included — can follow a visitor
//! from one day to the next or recover an address. Pure: the worker feeds it the request and
//! today's date.

use serde::{Deserialize, Serialize};

use crate::appeals::add_days;

/// Days a report covers, today included.
pub const REPORT_DAYS: i64 = 30;

/// Pages the report ranks.
pub const TOP_PAGES: usize = 10;

/// Seconds a daily salt is kept in KV: its own day and the next, then the platform forgets it.
pub const SALT_TTL_SECONDS: u64 = 2 * 24 * 60 * 60;

/// Parts of a `User-Agent` (lowercase) that mark a program rather than a person: search and
/// link-preview robots, monitors, headless browsers, HTTP libraries.
const ROBOT_MARKS: [&str; 22] = [
    "bot", "crawl", "spider", "slurp", "headless", "preview", "lighthouse", "externalhit", "monitor", "pingdom", "phantomjs",
    "scrapy", "curl/", "wget/", "python-", "go-http-client", "java/", "okhttp", "axios/", "node-fetch", "httpclient", "libwww",
];

/// What the worker knows of a request for a public page when it answers it.
#[derive(Clone, Copy, Debug)]
pub struct PageRequest<'a> {
    /// `GET`, `HEAD`…
    pub method: &'a str,
    /// The page's own status: 200 for a page of the site, 404 for an unknown address. A
    /// `304 Not Modified` answer for a found page carries 200 here: the browser shows the page.
    pub page_status: u16,
    /// `User-Agent`, if sent.
    pub user_agent: Option<&'a str>,
    /// `Sec-Purpose` (Chromium's speculative loads: `prefetch`, `prefetch;prerender`).
    pub sec_purpose: Option<&'a str>,
    /// `Purpose` or `X-Moz` (older prefetches).
    pub purpose: Option<&'a str>,
}

/// Whether a request for a public page counts as a view: a `GET` of a found page by a person's
/// browser, not a prefetch the visitor may never see.
pub fn counts(request: &PageRequest) -> bool {
    let prefetch = |header: Option<&str>| header.is_some_and(|value| value.to_ascii_lowercase().contains("prefetch"));
    request.method.eq_ignore_ascii_case("GET")
        && request.page_status == 200
        && !prefetch(request.sec_purpose)
        && !prefetch(request.purpose)
        && request.user_agent.is_some_and(|agent| !is_robot(agent))
}

/// Whether a `User-Agent` is a program's. Every current browser names itself `Mozilla/…`;
/// HTTP libraries and scripts (`node`, `curl/…`) do not, and robots that do say what they are.
/// (A rare old browser without `Mozilla/`, such as Opera Mini on feature phones, goes uncounted.)
pub fn is_robot(user_agent: &str) -> bool {
    let agent = user_agent.trim().to_ascii_lowercase();
    !agent.starts_with("mozilla/") || ROBOT_MARKS.iter().any(|mark| agent.contains(mark))
}

/// The page a view counts for, as the site's own links name it: `/` for the home page,
/// `/sveden/common` below it. The query string is never part of it, and the accessible version
/// (the same address, chosen by a cookie) counts for the same page.
pub fn page_path(page: &str) -> String {
    let page = page.split(['?', '#']).next().unwrap_or("").trim_matches('/');
    format!("/{page}")
}

/// The KV key of the salt of `day` (`YYYY-MM-DD`).
pub fn salt_key(day: &str) -> String {
    format!("visits-salt:{day}")
}

/// What is hashed (SHA-256, hex) to recognise one visitor of one site on one day. Only the
/// digest is stored: never the address or the `User-Agent`. Lines keep the parts apart.
pub fn visitor_hash_input(salt: &str, site_id: i64, ip: &str, user_agent: &str) -> String {
    format!("{salt}\n{site_id}\n{ip}\n{user_agent}")
}

/// The oldest day whose visitor hashes are still kept on `today`: yesterday, so a view that
/// arrives just after midnight still finds its day's hashes; everything before is deleted.
pub fn keep_hashes_from(today: &str) -> String {
    add_days(today, -1)
}

/// The first day of the report that ends on `today`.
pub fn report_start(today: &str) -> String {
    add_days(today, -(REPORT_DAYS - 1))
}

/// Views and visitors of one day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    /// Pages shown.
    pub views: u64,
    /// Different visitors (each counted once that day).
    pub visitors: u64,
}

/// Views of one page over the report's days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageCount {
    /// As [`page_path`] gives it.
    pub path: String,
    /// Pages shown.
    pub views: u64,
}

/// One site's visits over the last [`REPORT_DAYS`] days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteReport {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day (today).
    pub to: String,
    /// Every day from `from` to `to`, oldest first; a day without visits has zeros.
    pub days: Vec<DayCount>,
    /// The most viewed pages, most views first (ties by path).
    pub top_pages: Vec<PageCount>,
    /// Views over the days.
    pub views: u64,
    /// Visitors over the days: each day's visitors added up (a visitor is not followed from
    /// one day to the next, so one who came on two days counts twice).
    pub visitors: u64,
}

impl SiteReport {
    /// The report ending on `today` from the stored counts: `days` may miss days and come in
    /// any order (days outside the range are left out), `pages` in any order.
    pub fn new(today: &str, days: Vec<DayCount>, mut pages: Vec<PageCount>) -> SiteReport {
        let from = report_start(today);
        let filled: Vec<DayCount> = (0..REPORT_DAYS)
            .map(|n| add_days(&from, n))
            .map(|day| days.iter().find(|d| d.day == day).cloned().unwrap_or(DayCount { day, views: 0, visitors: 0 }))
            .collect();
        pages.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| a.path.cmp(&b.path)));
        pages.truncate(TOP_PAGES);
        SiteReport {
            views: filled.iter().map(|d| d.views).sum(),
            visitors: filled.iter().map(|d| d.visitors).sum(),
            from,
            to: today.to_string(),
            days: filled,
            top_pages: pages,
        }
    }

    /// The day with the most views (the latest of equals), if any page was viewed.
    pub fn busiest_day(&self) -> Option<&DayCount> {
        self.days.iter().filter(|d| d.views > 0).max_by(|a, b| a.views.cmp(&b.views).then_with(|| a.day.cmp(&b.day)))
    }
}

/// One site's totals over the last [`REPORT_DAYS`] days, for the operator's overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteTotal {
    /// Address part.
    pub slug: String,
    /// Organisation name.
    pub name: String,
    /// Pages shown.
    pub views: u64,
    /// Each day's visitors added up.
    pub visitors: u64,
}

/// The top of a chart's scale for values up to `max`: a round number (1, 2 or 5 times a power
/// of ten) at least `max`, and at least 1 so an empty chart still has a scale.
pub fn chart_ceiling(max: u64) -> u64 {
    let mut power = 1u64;
    loop {
        for step in [1, 2, 5] {
            let top = power.saturating_mul(step);
            if top >= max {
                return top;
            }
        }
        power = power.saturating_mul(10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    fn get(agent: &str) -> PageRequest<'_> {
        PageRequest { method: "GET", page_status: 200, user_agent: Some(agent), sec_purpose: None, purpose: None }
    }

    #[test]
    fn a_person_opening_a_page_counts() {
        assert!(counts(&get(FIREFOX)));
        assert!(counts(&get("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile Safari/604.1")));
    }

    #[test]
    fn other_methods_missing_pages_and_prefetches_do_not() {
        assert!(!counts(&PageRequest { method: "HEAD", ..get(FIREFOX) }));
        assert!(!counts(&PageRequest { method: "POST", ..get(FIREFOX) }));
        assert!(!counts(&PageRequest { page_status: 404, ..get(FIREFOX) }));
        assert!(!counts(&PageRequest { page_status: 503, ..get(FIREFOX) }));
        assert!(!counts(&PageRequest { sec_purpose: Some("prefetch"), ..get(FIREFOX) }));
        assert!(!counts(&PageRequest { sec_purpose: Some("prefetch;prerender"), ..get(FIREFOX) }));
        assert!(!counts(&PageRequest { purpose: Some("Prefetch"), ..get(FIREFOX) }));
        assert!(counts(&PageRequest { sec_purpose: Some(""), ..get(FIREFOX) }), "an empty header is no prefetch");
    }

    #[test]
    fn robots_and_programs_do_not_count() {
        for agent in [
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
            "facebookexternalhit/1.1",
            "TelegramBot (like TwitterBot)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0)",
            "SiteCrawler 1.0",
            "Chrome-Lighthouse",
            "curl/8.5.0",
            "python-requests/2.31",
            "Go-http-client/1.1",
            "node",
            "undici",
            "",
            "   ",
        ] {
            assert!(is_robot(agent), "{agent:?}");
            assert!(!counts(&get(agent)), "{agent:?}");
        }
        assert!(!counts(&PageRequest { user_agent: None, ..get(FIREFOX) }));
        assert!(!is_robot(FIREFOX));
    }

    #[test]
    fn page_paths_are_the_sites_own_addresses() {
        assert_eq!(page_path(""), "/");
        assert_eq!(page_path("/"), "/");
        assert_eq!(page_path("sveden/common"), "/sveden/common");
        assert_eq!(page_path("/sveden/common/"), "/sveden/common");
        assert_eq!(page_path("novosti?page=2"), "/novosti");
        assert_eq!(page_path("kontakty#map"), "/kontakty");
        assert_eq!(page_path("?utm_source=vk"), "/");
    }

    #[test]
    fn the_hash_input_holds_salt_site_address_and_browser_apart() {
        let one = visitor_hash_input("s1", 3, "127.0.0.1", FIREFOX);
        assert_eq!(one, format!("s1\n3\n127.0.0.1\n{FIREFOX}"));
        // Another day's salt, another site, another browser: another visitor.
        assert_ne!(one, visitor_hash_input("s2", 3, "127.0.0.1", FIREFOX));
        assert_ne!(one, visitor_hash_input("s1", 4, "127.0.0.1", FIREFOX));
        assert_ne!(one, visitor_hash_input("s1", 3, "127.0.0.1", "Other"));
        // Parts cannot slide into each other.
        assert_ne!(visitor_hash_input("s", 1, "12", "3"), visitor_hash_input("s", 11, "2", "3"));
        assert_eq!(salt_key("2026-12-03"), "visits-salt:2026-12-03");
    }

    #[test]
    fn hashes_are_kept_for_yesterday_and_today_only() {
        assert_eq!(keep_hashes_from("2026-12-03"), "2026-12-02");
        assert_eq!(keep_hashes_from("2027-01-01"), "2026-12-31");
        assert_eq!(keep_hashes_from("2028-03-01"), "2028-02-29");
    }

    #[test]
    fn the_report_fills_thirty_days_with_zeros() {
        let day = |day: &str, views, visitors| DayCount { day: day.into(), views, visitors };
        let stored = vec![day("2026-12-03", 5, 2), day("2026-11-04", 1, 1), day("2026-11-03", 9, 9), day("2026-11-20", 3, 1)];
        let pages = vec![
            PageCount { path: "/kontakty".into(), views: 3 },
            PageCount { path: "/".into(), views: 5 },
            PageCount { path: "/about".into(), views: 3 },
        ];
        let report = SiteReport::new("2026-12-03", stored, pages);
        assert_eq!((report.from.as_str(), report.to.as_str()), ("2026-11-04", "2026-12-03"));
        assert_eq!(report.days.len(), 30);
        assert_eq!(report.days[0], day("2026-11-04", 1, 1));
        assert_eq!(report.days[1], day("2026-11-05", 0, 0));
        assert_eq!(report.days[16], day("2026-11-20", 3, 1));
        assert_eq!(report.days[29], day("2026-12-03", 5, 2));
        // The day before the range is left out of the totals.
        assert_eq!((report.views, report.visitors), (9, 4));
        let order: Vec<&str> = report.top_pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(order, ["/", "/about", "/kontakty"]);
        assert_eq!(report.busiest_day().map(|d| d.day.as_str()), Some("2026-12-03"));
    }

    #[test]
    fn an_empty_report_is_thirty_zero_days() {
        let report = SiteReport::new("2026-03-01", Vec::new(), Vec::new());
        assert_eq!(report.days.len(), 30);
        assert_eq!(report.days[0].day, "2026-01-31");
        assert!(report.days.iter().all(|d| d.views == 0 && d.visitors == 0));
        assert_eq!((report.views, report.visitors, report.busiest_day()), (0, 0, None));
    }

    #[test]
    fn only_the_top_pages_are_ranked() {
        let pages = (0..15).map(|n| PageCount { path: format!("/p{n:02}"), views: n }).collect();
        let report = SiteReport::new("2026-12-03", Vec::new(), pages);
        assert_eq!(report.top_pages.len(), TOP_PAGES);
        assert_eq!(report.top_pages[0], PageCount { path: "/p14".into(), views: 14 });
    }

    #[test]
    fn chart_scales_end_on_round_numbers() {
        assert_eq!(chart_ceiling(0), 1);
        assert_eq!(chart_ceiling(1), 1);
        assert_eq!(chart_ceiling(2), 2);
        assert_eq!(chart_ceiling(3), 5);
        assert_eq!(chart_ceiling(7), 10);
        assert_eq!(chart_ceiling(11), 20);
        assert_eq!(chart_ceiling(140), 200);
        assert_eq!(chart_ceiling(501), 1000);
    }
}
