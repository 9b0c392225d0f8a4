//! Hostile strings in every field of the document come out as text, never as markup.

use civic_renderer::{render_not_found, render_to_string, Mode, RenderContext, RenderOptions};
use civic_shared::{Block, Heading, Image, Section, Text, TextBlock, TextRun};

static NO_DATA: civic_shared::RenderData = civic_shared::RenderData {
    news: Vec::new(),
    announcements: Vec::new(),
    documents: Vec::new(),
    staff: Vec::new(),
    phones: Vec::new(),
    reception: Vec::new(),
    vacancies: Vec::new(),
    polls: Vec::new(),
    appeal_stats: None,
    comments: Vec::new(),
    published_answers: Vec::new(),
};

const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

fn hostile_site() -> civic_shared::SiteDocument {
    let mut doc = civic_shared::demo::ministry();
    doc.site.name = HOSTILE.into();
    doc.site.tagline = HOSTILE.into();
    doc.site.contacts = HOSTILE.into();
    doc.theme.primary_color = "#fff;}</style><script>alert(3)</script>".into();
    let page = doc.pages.get_mut("home").unwrap();
    page.title = HOSTILE.into();
    page.slug = "\"><script>alert(4)</script>".into();
    page.blocks = vec![
        Block::Heading(Heading { id: HOSTILE.into(), level: 9, text: HOSTILE.into() }),
        Block::Text(Text {
            id: "p".into(),
            content: vec![TextBlock::Paragraph {
                runs: vec![
                    TextRun { text: HOSTILE.into(), bold: true, italic: true, link: Some("javascript:alert(5)".into()) },
                    TextRun { text: "x".into(), link: Some(" javascript:alert(6)".into()), ..TextRun::default() },
                ],
            }, TextBlock::Heading {
                level: 0,
                runs: vec![TextRun { text: HOSTILE.into(), bold: true, italic: false, link: Some("javascript:alert(7)".into()) }],
            }],
        }),
        Block::Image(Image { id: "i".into(), src: "data:text/html,<script>".into(), alt: HOSTILE.into(), caption: HOSTILE.into(), ..Image::default() }),
        Block::Section(Section { id: "s".into(), title: HOSTILE.into(), blocks: vec![] }),
    ];
    doc
}

/// The only script element a page may have is the JSON-LD data block, and exactly once.
const JSON_LD_OPEN: &str = "<script type=\"application/ld+json\">";

fn assert_inert(html: &str) {
    assert_eq!(html.matches("<script").count(), html.matches(JSON_LD_OPEN).count(), "script tag leaked");
    assert!(html.matches(JSON_LD_OPEN).count() <= 1);
    assert_eq!(html.matches("</script").count(), html.matches(JSON_LD_OPEN).count(), "JSON-LD was closed early");
    assert!(!html.contains("<img src=x"), "injected element leaked");
    assert!(!html.contains("javascript:"), "javascript URL leaked");
    assert!(!html.contains("data:text"), "data URL leaked");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn public_page_escapes_everything() {
    let doc = hostile_site();
    let ctx = RenderContext::for_page(&doc, "home", &NO_DATA, RenderOptions::default()).unwrap();
    let html = render_to_string(&ctx);
    assert_inert(&html);
    assert!(html.contains("<h4>"), "heading level is clamped");
    assert!(html.contains("<html lang=\"ru\">"));
}

#[test]
fn preview_escapes_block_ids() {
    let doc = hostile_site();
    let options = RenderOptions { mode: Mode::Preview { selected: Some(HOSTILE) }, ..RenderOptions::default() };
    let html = render_to_string(&RenderContext::for_page(&doc, "home", &NO_DATA, options).unwrap());
    assert_inert(&html);
    assert!(html.contains("class=\"civic-selected\" data-block=\"&lt;script&gt;"));
}

#[test]
fn not_found_page_escapes_site_name() {
    let doc = hostile_site();
    let mut html = String::new();
    render_not_found(Some(&doc), &RenderOptions { base_path: "/s/x\"y", ..RenderOptions::default() }, &mut html);
    assert_inert(&html);
    assert!(html.contains("Страница не найдена"));
    assert!(html.contains("href=\"/s/x&quot;y/\""));
}

/// The JSON inside the page's ld+json element.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find(JSON_LD_OPEN).expect("JSON-LD present") + JSON_LD_OPEN.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn seo_head_escapes_hostile_strings() {
    let mut doc = hostile_site();
    doc.pages.get_mut("home").unwrap().description = HOSTILE.into();
    doc.site.contacts = format!("{HOSTILE} · тел. +7 (4912) 00-00-00 · a</script>@x.ru");
    let options = RenderOptions { origin: "https://x.civic.localhost\"><script>", base_path: "/s/x", ..RenderOptions::default() };
    let html = render_to_string(&RenderContext::for_page(&doc, "home", &NO_DATA, options).unwrap());
    assert_inert(&html);
    assert!(html.contains("<meta name=\"description\" content=\"&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;\">"));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://x.civic.localhost&quot;&gt;&lt;script&gt;/s/x/\">"));
    assert!(html.contains("<meta property=\"og:title\" content=\"&lt;script&gt;"));
    assert!(!html.contains("og:image"), "the only picture has a data: URL");
    let ld = json_ld(&html);
    assert_eq!(ld["name"], HOSTILE, "the JSON-LD keeps the exact text");
    assert_eq!(ld["url"], "https://x.civic.localhost\"><script>/s/x/");
    assert_eq!(ld["email"], "a</script>@x.ru");
    assert_eq!(ld["telephone"], "+7 (4912) 00-00-00");
}

#[test]
fn seo_head_of_the_demo_home_page() {
    let doc = civic_shared::demo::ministry();
    let options = RenderOptions { origin: "https://mincifra.civic.localhost", ..RenderOptions::default() };
    let html = render_to_string(&RenderContext::for_page(&doc, "contacts", &NO_DATA, options).unwrap());
    assert!(html.contains("<link rel=\"canonical\" href=\"https://mincifra.civic.localhost/kontakty\">"));
    assert!(html.contains("<meta property=\"og:url\" content=\"https://mincifra.civic.localhost/kontakty\">"));
    assert!(html.contains("<meta property=\"og:locale\" content=\"ru_RU\">"));
    assert!(html.contains("<meta name=\"description\" content=\"Официальный сайт — Министерство"), "falls back to tagline and name");
    let ld = json_ld(&html);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "GovernmentOrganization");
    assert_eq!(ld["url"], "https://mincifra.civic.localhost/");
    assert_eq!(ld["address"], "390000, г. Рязань, ул. Ленина, д. 30");
    let home = render_to_string(&RenderContext::for_page(&doc, "home", &NO_DATA, options).unwrap());
    assert!(home.contains("<meta property=\"og:image\" content=\"https://mincifra.civic.localhost/static/demo/"), "first image of the page");
}

#[test]
fn not_found_page_has_no_canonical_address() {
    let mut html = String::new();
    render_not_found(Some(&civic_shared::demo::ministry()), &RenderOptions { base_path: "/s/mincifra", ..RenderOptions::default() }, &mut html);
    assert!(!html.contains("canonical") && !html.contains("ld+json"));
}

#[test]
fn accessible_version_escapes_everything() {
    use civic_renderer::accessible::{Choice, ColorScheme, Images};
    let doc = hostile_site();
    for &images in Images::ALL {
        let settings = civic_renderer::A11ySettings { images, scheme: ColorScheme::WhiteOnBlack, ..Default::default() };
        let options = RenderOptions { base_path: "/s/x\"y", accessible: Some(settings), ..RenderOptions::default() };
        let html = render_to_string(&RenderContext::for_page(&doc, "home", &NO_DATA, options).unwrap());
        assert_inert(&html);
        assert!(html.contains("href=\"/s/x&quot;y/_a11y?set=c1&amp;back=/s/x%22y/\""));
        assert_eq!(html.contains("class=\"img-alt\""), images == Images::Off);
        let mut html = String::new();
        render_not_found(Some(&doc), &options, &mut html);
        assert_inert(&html);
    }
}
