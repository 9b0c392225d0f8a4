//! Hostile strings in every field of the document come out as text, never as markup.

use civic_renderer::{render_not_found, render_to_string, Mode, RenderContext, RenderOptions};
use civic_shared::{Block, Heading, Image, Paragraph, Section, TextRun};

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
        Block::Paragraph(Paragraph {
            id: "p".into(),
            runs: vec![
                TextRun { text: HOSTILE.into(), bold: true, italic: true, link: Some("javascript:alert(5)".into()) },
                TextRun { text: "x".into(), link: Some(" javascript:alert(6)".into()), ..TextRun::default() },
            ],
        }),
        Block::Image(Image { id: "i".into(), src: "data:text/html,<script>".into(), alt: HOSTILE.into(), caption: HOSTILE.into() }),
        Block::Section(Section { id: "s".into(), title: HOSTILE.into(), blocks: vec![] }),
    ];
    doc
}

fn assert_inert(html: &str) {
    assert!(!html.contains("<script"), "script tag leaked");
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
    assert!(html.contains("<h2>"), "heading level is clamped");
    assert!(html.contains("<html lang=\"ru\">"));
}

#[test]
fn preview_escapes_block_ids() {
    let doc = hostile_site();
    let options = RenderOptions { base_path: "", mode: Mode::Preview { selected: Some(HOSTILE) }, accessible: None };
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
