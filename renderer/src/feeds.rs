//! Files for crawlers and feed readers: `sitemap.xml`, `robots.txt` and the RSS 2.0 news feed.
//! Every string goes through `escape::xml`; URLs are absolute when `options.origin` is set.

use civic_shared::collections::NewsItem;
use civic_shared::SiteDocument;

use crate::seo::page_url;
use crate::{escape, RenderOptions};

/// Appends the sitemap of every page of `site` (menu or not), home page first. `lastmod` is the
/// W3C date or date-time the revision was published, left out when absent or malformed.
pub fn render_sitemap(site: &SiteDocument, options: &RenderOptions, lastmod: Option<&str>, out: &mut String) {
    let lastmod = lastmod.filter(|date| is_w3c_datetime(date));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page_id in site.pages.keys() {
        out.push_str("<url><loc>");
        page_url(site, page_id, options, escape::xml, out);
        out.push_str("</loc>");
        if let Some(date) = lastmod {
            out.push_str("<lastmod>");
            escape::xml(out, date);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
}

/// Appends a `robots.txt` that lets every crawler in and names the sitemap.
pub fn render_robots(options: &RenderOptions, out: &mut String) {
    out.push_str("User-agent: *\nAllow: /\n\nSitemap: ");
    // A line break in the origin would start a new directive; the edge never sends one, but
    // this file has no escaping of its own, so such characters are dropped here.
    for part in [options.origin, options.base_path] {
        out.extend(part.chars().filter(|c| !c.is_control()));
    }
    out.push_str("/sitemap.xml\n");
}

/// Appends an RSS 2.0 feed of `news` (newest first, as stored) for the site's news.
/// News items have no pages of their own yet, so items carry a stable non-permalink `guid`
/// and no `link`; the channel links to the home page.
pub fn render_rss(site: &SiteDocument, news: &[NewsItem], options: &RenderOptions, out: &mut String) {
    let meta = &site.site;
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n<title>");
    escape::xml(out, &meta.name);
    out.push_str("</title>\n<link>");
    home_url(site, options, out);
    out.push_str("</link>\n<description>");
    if meta.tagline.trim().is_empty() {
        escape::xml(out, &meta.name);
    } else {
        escape::xml(out, meta.tagline.trim());
        out.push_str(" — ");
        escape::xml(out, &meta.name);
    }
    out.push_str("</description>\n<language>ru</language>\n<atom:link href=\"");
    escape::xml(out, options.origin);
    escape::xml(out, options.base_path);
    out.push_str("/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    for item in news {
        news_item(site, item, options, out);
    }
    out.push_str("</channel>\n</rss>\n");
}

fn news_item(site: &SiteDocument, item: &NewsItem, options: &RenderOptions, out: &mut String) {
    out.push_str("<item>\n<title>");
    escape::xml(out, &item.title);
    out.push_str("</title>\n");
    let summary = match item.summary.trim() {
        "" => item.body.first().map_or("", |p| p.trim()),
        summary => summary,
    };
    if !summary.is_empty() {
        out.push_str("<description>");
        escape::xml(out, summary);
        out.push_str("</description>\n");
    }
    if let Some(date) = parse_date(&item.date) {
        out.push_str("<pubDate>");
        rfc822_date(date, out);
        out.push_str("</pubDate>\n");
    }
    out.push_str("<guid isPermaLink=\"false\">");
    home_url(site, options, out);
    out.push_str("news/");
    escape::xml(out, &item.id);
    out.push_str("</guid>\n</item>\n");
}

fn home_url(site: &SiteDocument, options: &RenderOptions, out: &mut String) {
    match site.home_page() {
        Some((home_id, _)) => page_url(site, home_id, options, escape::xml, out),
        None => {
            escape::xml(out, options.origin);
            escape::xml(out, options.base_path);
            out.push('/');
        }
    }
}

/// `YYYY-MM-DD` or a date-time such as `2026-11-23T10:00:00Z` / `+03:00`.
fn is_w3c_datetime(value: &str) -> bool {
    let (date, time) = value.split_once('T').unwrap_or((value, ""));
    parse_date(date).is_some()
        && time.len() <= 20
        && time.chars().all(|c| c.is_ascii_digit() || ":+-.Z".contains(c))
        && (time.is_empty() || time.ends_with('Z') || time.contains(['+', '-']))
}

/// A valid calendar date from `YYYY-MM-DD`.
fn parse_date(date: &str) -> Option<(u32, u32, u32)> {
    let mut parts = date.splitn(3, '-');
    let mut number = |len: usize| {
        let part = parts.next()?;
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<u32>().ok()).flatten()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then_some((year, month, day))
}

/// Appends an RFC 822 date as RSS wants it. The time of day of a news item is not known:
/// noon Moscow time keeps the same calendar date in every Russian time zone (UTC+2 to +12).
fn rfc822_date((year, month, day): (u32, u32, u32), out: &mut String) {
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    // Sakamoto's method for the day of the week.
    const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    // Shifted by 400 years, a whole cycle of weekdays, so that January of year 0 does not underflow.
    let y = if month < 3 { year + 399 } else { year + 400 };
    let weekday = (y + y / 4 - y / 100 + y / 400 + OFFSETS[month as usize - 1] + day) % 7;
    out.push_str(WEEKDAYS[weekday as usize]);
    out.push_str(", ");
    push_number(out, day, 2);
    out.push(' ');
    out.push_str(MONTHS[month as usize - 1]);
    out.push(' ');
    push_number(out, year, 4);
    out.push_str(" 12:00:00 +0300");
}

fn push_number(out: &mut String, value: u32, width: usize) {
    let digits = value.to_string();
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "]]></title><script>alert(1)</script>&\u{1}'\"";

    fn options() -> RenderOptions<'static> {
        RenderOptions { origin: "https://mincifra.civic.localhost", ..RenderOptions::default() }
    }

    fn news() -> Vec<NewsItem> {
        vec![
            NewsItem {
                id: "n2".into(),
                title: "Итоги конкурса «Цифровой регион» & награждение".into(),
                date: "2026-11-23".into(),
                summary: "Подведены итоги.".into(),
                ..NewsItem::default()
            },
            NewsItem {
                id: "n1".into(),
                title: HOSTILE.into(),
                date: "2024-02-29".into(),
                body: vec![HOSTILE.into()],
                ..NewsItem::default()
            },
            NewsItem { id: "n0".into(), title: "Без даты".into(), date: "2026-02-30".into(), ..NewsItem::default() },
        ]
    }

    #[test]
    fn sitemap_lists_every_page_with_absolute_urls() {
        let site = civic_shared::demo::ministry();
        let mut xml = String::new();
        render_sitemap(&site, &options(), Some("2026-11-23T10:15:00Z"), &mut xml);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"));
        assert!(xml.contains("<url><loc>https://mincifra.civic.localhost/</loc><lastmod>2026-11-23T10:15:00Z</lastmod></url>\n"));
        assert!(xml.contains("<loc>https://mincifra.civic.localhost/kontakty</loc>"));
        assert_eq!(xml.matches("<url>").count(), site.pages.len());
        assert!(xml.ends_with("</urlset>\n"));
    }

    #[test]
    fn sitemap_escapes_and_checks_its_inputs() {
        let mut site = civic_shared::demo::ministry();
        site.pages.get_index_mut(1).unwrap().1.slug = "a&b<c>".into();
        let options = RenderOptions { origin: "http://127.0.0.1:8787", base_path: "/s/x", ..RenderOptions::default() };
        let mut xml = String::new();
        render_sitemap(&site, &options, Some("</lastmod><x>"), &mut xml);
        assert!(xml.contains("<loc>http://127.0.0.1:8787/s/x/a&amp;b&lt;c&gt;</loc>"));
        assert!(!xml.contains("lastmod"), "a malformed date is left out");
    }

    #[test]
    fn w3c_dates() {
        for good in ["2026-11-23", "2026-11-23T10:15:00Z", "2026-11-23T10:15:00+03:00"] {
            assert!(is_w3c_datetime(good), "{good}");
        }
        for bad in ["", "2026-13-01", "2026-11-23 10:15:00", "2026-11-23T10:15", "23.11.2026"] {
            assert!(!is_w3c_datetime(bad), "{bad}");
        }
    }

    #[test]
    fn robots_allows_all_and_points_to_the_sitemap() {
        let mut txt = String::new();
        render_robots(&RenderOptions { origin: "http://127.0.0.1:8787", base_path: "/s/mincifra", ..RenderOptions::default() }, &mut txt);
        assert_eq!(txt, "User-agent: *\nAllow: /\n\nSitemap: http://127.0.0.1:8787/s/mincifra/sitemap.xml\n");
        let mut txt = String::new();
        render_robots(&RenderOptions { origin: "https://x\r\nDisallow: /", ..RenderOptions::default() }, &mut txt);
        assert_eq!(txt.lines().count(), 4, "no directive can be injected: {txt}");
    }

    #[test]
    fn rss_is_escaped_and_dated() {
        let mut site = civic_shared::demo::ministry();
        site.site.name = HOSTILE.into();
        let mut xml = String::new();
        render_rss(&site, &news(), &options(), &mut xml);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
        assert!(xml.contains("<link>https://mincifra.civic.localhost/</link>"));
        assert!(xml.contains("<atom:link href=\"https://mincifra.civic.localhost/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>"));
        assert!(xml.contains("<title>Итоги конкурса «Цифровой регион» &amp; награждение</title>"));
        assert!(xml.contains("<pubDate>Mon, 23 Nov 2026 12:00:00 +0300</pubDate>"));
        assert!(xml.contains("<pubDate>Thu, 29 Feb 2024 12:00:00 +0300</pubDate>"));
        assert!(xml.contains("<guid isPermaLink=\"false\">https://mincifra.civic.localhost/news/n2</guid>"));
        assert_eq!(xml.matches("<pubDate>").count(), 2, "an impossible date is left out");
        assert_eq!(xml.matches("<item>").count(), 3);
        // The hostile text comes out as text only, in the channel title, an item title and the
        // body-derived description.
        assert!(!xml.contains("<script") && !xml.contains("]]>") && !xml.contains('\u{1}'));
        assert_eq!(xml.matches("]]&gt;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&apos;&quot;").count(), 4);
    }

    #[test]
    fn rss_without_news_is_a_valid_empty_channel() {
        let mut xml = String::new();
        render_rss(&civic_shared::demo::ministry(), &[], &RenderOptions { base_path: "/s/mincifra", ..options() }, &mut xml);
        assert!(xml.contains("<link>https://mincifra.civic.localhost/s/mincifra/</link>"));
        assert!(!xml.contains("<item>"));
        assert!(xml.ends_with("</channel>\n</rss>\n"));
    }

    #[test]
    fn weekdays_are_right() {
        let mut out = String::new();
        rfc822_date((2000, 1, 1), &mut out);
        assert_eq!(out, "Sat, 01 Jan 2000 12:00:00 +0300");
    }
}
