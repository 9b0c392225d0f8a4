//! Properties of rendered pages, checked on the DOM a browser would build from them: whatever
//! a document, its collections and the visitor's settings hold, the page renders, runs no
//! script, loads nothing from a script URL and frames only the allowed hosts.

#[path = "../../shared/tests/arbitrary/mod.rs"]
mod arbitrary;

use civic_renderer::{render_not_found, render_rss, render_sitemap, render_to_string, A11ySettings, Mode, RenderContext, RenderOptions};
use civic_shared::validate::EMBED_HOSTS;
use civic_shared::{validate, RenderData, SiteDocument};
use proptest::prelude::*;
use scraper::{ElementRef, Html};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, ..ProptestConfig::default() }
}

/// Every element the renderer writes (HTML and its inline SVG charts). Anything else in the
/// DOM came from a document string that was not escaped.
const RENDERED_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "link", "style", "script", "body", "header", "nav", "main", "footer", "section", "article", "div", "span", "p", "a", "br",
    "strong", "em", "blockquote", "cite", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img",
    "figure", "figcaption", "iframe", "details", "summary", "form", "fieldset", "legend", "label", "input", "select", "option", "textarea", "button", "time",
    "hr", "svg", "rect", "caption", "small", "address",
];

/// Every attribute the renderer writes. `on…` handlers and `style` are not among them.
const RENDERED_ATTRIBUTES: &[&str] = &[
    "lang", "charset", "name", "content", "property", "rel", "href", "type", "class", "id", "src", "alt", "width", "height", "loading", "decoding", "title",
    "scope", "role", "aria-label", "aria-labelledby", "aria-hidden", "aria-current", "aria-describedby", "datetime", "focusable", "tabindex", "for", "maxlength",
    "autocomplete", "method", "action", "value", "rows", "required", "open", "sandbox", "referrerpolicy", "allowfullscreen", "allow", "hidden", "disabled",
    "checked", "data-block", "viewbox", "viewBox", "preserveaspectratio", "preserveAspectRatio", "x", "y", "rx", "fill", "colspan", "rowspan", "start", "multiple", "placeholder", "inputmode",
    "novalidate", "accept", "enctype", "download", "target", "cite", "headers", "summary",
];

/// URL schemes a browser would run or render as a document of the attacker's choosing.
const SCRIPT_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

/// How a browser reads a URL attribute before looking at its scheme: tabs and newlines anywhere
/// are dropped, leading and trailing spaces and control characters are trimmed.
fn url_as_browser_reads(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
}

fn host_of_https(url: &str) -> Option<&str> {
    let rest = url.get(..8).filter(|scheme| scheme.eq_ignore_ascii_case("https://")).map(|_| &url[8..])?;
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    Some(authority.rsplit('@').next().unwrap_or(authority))
}

/// Checks what a browser would do with the page; returns the first problem found.
fn check_inert(html: &str) -> Result<(), String> {
    let dom = Html::parse_document(html);
    let mut scripts = 0;
    let mut styles = 0;
    for node in dom.tree.nodes() {
        let Some(element) = ElementRef::wrap(node) else { continue };
        let value = element.value();
        let name = value.name();
        if !RENDERED_ELEMENTS.contains(&name) {
            return Err(format!("element <{name}> is not one the renderer writes"));
        }
        let parent = element.parent().and_then(ElementRef::wrap).map(|p| p.value().name().to_string()).unwrap_or_default();
        match name {
            "script" => {
                scripts += 1;
                if value.attr("type") != Some("application/ld+json") || parent != "head" {
                    return Err(format!("a script other than the JSON-LD in the head: {:?}", element.html()));
                }
                let json: String = element.text().collect();
                serde_json::from_str::<serde_json::Value>(&json).map_err(|e| format!("JSON-LD does not parse ({e}): {json}"))?;
            }
            "style" => {
                styles += 1;
                if parent != "head" {
                    return Err("a style element outside the head".into());
                }
            }
            "meta" if value.attr("http-equiv").is_some() => return Err("meta http-equiv".into()),
            "iframe" => {
                let src = value.attr("src").unwrap_or("");
                let host = host_of_https(src).map(str::to_ascii_lowercase);
                if !host.is_some_and(|host| EMBED_HOSTS.contains(&host.as_str())) {
                    return Err(format!("a frame of a host outside EMBED_HOSTS: {src:?}"));
                }
            }
            _ => {}
        }
        for (attribute, value) in value.attrs() {
            if !RENDERED_ATTRIBUTES.contains(&attribute) {
                return Err(format!("attribute {attribute:?} on <{name}> is not one the renderer writes"));
            }
            if matches!(attribute, "href" | "src" | "action" | "formaction") {
                let url = url_as_browser_reads(value);
                if SCRIPT_SCHEMES.iter().any(|scheme| url.starts_with(scheme)) {
                    return Err(format!("{attribute}={value:?} on <{name}>"));
                }
            }
        }
    }
    if scripts > 1 || styles > 1 {
        return Err(format!("{scripts} script and {styles} style elements"));
    }
    Ok(())
}

/// Owned parts of [`RenderOptions`], which borrows.
#[derive(Clone, Debug)]
struct Visit {
    base_path: String,
    origin: String,
    preview: Option<Option<String>>,
    accessible: Option<String>,
    page: prop::sample::Index,
}

impl Visit {
    fn options(&self) -> RenderOptions<'_> {
        RenderOptions {
            base_path: &self.base_path,
            origin: &self.origin,
            mode: match &self.preview {
                None => Mode::Public,
                Some(selected) => Mode::Preview { selected: selected.as_deref() },
            },
            accessible: self.accessible.as_deref().map(A11ySettings::parse),
            appeal: None,
            today: "",
        }
    }
}

fn any_visit() -> impl Strategy<Value = Visit> {
    // The edge forms these from the request: a scheme it chose and a host or slug it did not.
    let base_path = prop_oneof![Just(String::new()), Just("/s/mincifra".to_string()), arbitrary::any_text().prop_map(|slug| format!("/s/{slug}"))];
    let origin = prop_oneof![
        Just(String::new()),
        Just("http://127.0.0.1:8787".to_string()),
        arbitrary::any_text().prop_map(|host| format!("https://{host}")),
    ];
    let selected = proptest::option::of(arbitrary::any_id());
    let accessible = proptest::option::of(prop_oneof![Just("z4f1l1h1c1i1".to_string()), "([zflhci][0-9]){0,6}", any::<String>()]);
    (base_path, origin, proptest::option::of(selected), accessible, any::<prop::sample::Index>())
        .prop_map(|(base_path, origin, preview, accessible, page)| Visit { base_path, origin, preview, accessible, page })
}

fn render(doc: &SiteDocument, data: &RenderData, visit: &Visit) -> String {
    let page_id = visit.page.get(&doc.pages.keys().collect::<Vec<_>>()).as_str();
    render_to_string(&RenderContext::for_page(doc, page_id, data, visit.options()).unwrap())
}

proptest! {
    #![proptest_config(config())]

    /// Pages, the 404 page and the feeds render for any document, valid or not.
    #[test]
    fn any_document_renders(doc in arbitrary::site_document(), data in arbitrary::render_data(), visit in any_visit()) {
        let _ = validate(&doc);
        prop_assert!(render(&doc, &data, &visit).starts_with("<!DOCTYPE html>"));
        let mut out = String::new();
        render_not_found(Some(&doc), &visit.options(), &mut out);
        render_sitemap(&doc, &visit.options(), Some("2026-01-01"), &mut out);
        render_rss(&doc, &data.news, &visit.options(), &mut out);
    }

    /// Nothing in a document, its collections or the visitor's settings becomes markup, a
    /// handler, a script URL or a foreign frame; the JSON-LD always parses.
    #[test]
    fn no_document_injects_markup_or_script(doc in arbitrary::site_document(), data in arbitrary::render_data(), visit in any_visit()) {
        let html = render(&doc, &data, &visit);
        if let Err(problem) = check_inert(&html) {
            return Err(TestCaseError::fail(format!("{problem}\n--- page ---\n{html}")));
        }
    }

    #[test]
    fn not_found_page_is_inert(doc in arbitrary::site_document(), visit in any_visit()) {
        let mut html = String::new();
        render_not_found(Some(&doc), &visit.options(), &mut html);
        prop_assert_eq!(check_inert(&html), Ok(()));
    }
}

/// The checker itself finds what it is meant to find.
#[test]
fn inertness_check_catches_injections() {
    let page = |body: &str| format!("<!DOCTYPE html><html lang=\"ru\"><head><title>x</title></head><body>{body}</body></html>");
    assert_eq!(check_inert(&page("<p class=\"a\">ok</p>")), Ok(()));
    for hostile in [
        "<b>x</b>",
        "<p onclick=\"x\">",
        "<a href=\" JaVa\tScRiPt:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<iframe src=\"https://evil.example@x.ru/\"></iframe>",
        "<iframe src=\"https://rutube.ru.evil.example/\"></iframe>",
        "<script>alert(1)</script>",
        "<style>x</style>",
        "<p style=\"x\">",
    ] {
        assert!(check_inert(&page(hostile)).is_err(), "{hostile} passed");
    }
    assert_eq!(check_inert(&page("<iframe src=\"https://RuTube.ru/play/embed/1\"></iframe>")), Ok(()));
}

fn demo_page_with(block: civic_shared::Block) -> SiteDocument {
    let mut doc = civic_shared::demo::ministry();
    doc.pages.get_mut("home").unwrap().blocks = vec![block];
    doc
}

/// Found by `any_document_renders`: `votes * 160` and the sum of the votes overflowed u64, a
/// panic in debug builds and a wrong bar in release.
#[test]
fn poll_with_huge_vote_counts_renders_full_bars() {
    let doc = demo_page_with(civic_shared::Block::Poll(civic_shared::PollBlock { id: "poll".into(), poll_id: "p".into() }));
    let option = |id: &str, votes| civic_shared::collections::PollOption { id: id.into(), text: id.into(), votes };
    let poll = civic_shared::collections::Poll { id: "p".into(), question: "?".into(), options: vec![option("a", u64::MAX), option("b", u64::MAX)], ..Default::default() };
    let data = RenderData { polls: vec![poll], ..Default::default() };
    let html = render_to_string(&RenderContext::for_page(&doc, "home", &data, RenderOptions::default()).unwrap());
    assert_eq!(html.matches("<rect height=\"12\" width=\"160\">").count(), 2);
    assert_eq!(check_inert(&html), Ok(()));
}

/// Found while widening the dates `any_document_renders` draws: the weekday of a January or
/// February date of year 0
/// subtracted one from the year and underflowed while writing the RSS feed.
#[test]
fn rss_of_news_dated_in_january_of_year_zero_renders() {
    let doc = civic_shared::demo::ministry();
    let news = civic_shared::collections::NewsItem { id: "n1".into(), title: "Старая новость".into(), date: "0000-01-15".into(), ..Default::default() };
    let mut rss = String::new();
    render_rss(&doc, &[news], &RenderOptions { origin: "https://mincifra.ru", ..RenderOptions::default() }, &mut rss);
    assert!(rss.contains("<pubDate>Sat, 15 Jan 0000"), "{rss}");
}
