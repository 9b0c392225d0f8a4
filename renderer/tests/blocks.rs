//! One golden snapshot per block kind: the starter block the palette inserts, as visitors get
//! it. Data blocks are rendered twice, with the demo ministry's collections and with none (the
//! empty state). To accept an intended change:
//! `UPDATE_GOLDEN=1 cargo test -p civic-renderer --test blocks`, then review the diff.

use std::path::PathBuf;

use civic_renderer::{render_block, RenderContext, RenderOptions};
use civic_shared::schema::{new_block, Category, SCHEMAS};
use civic_shared::RenderData;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/blocks")
}

/// The starter block rendered on the demo site's home page, as the block's own HTML.
fn render_starter(type_name: &str, data: &RenderData) -> String {
    let doc = civic_shared::demo::ministry();
    let block = new_block(type_name, "b1").expect("every schema has a starter block");
    let options = RenderOptions { base_path: "/s/mincifra", origin: "http://127.0.0.1:8787", ..RenderOptions::default() };
    let ctx = RenderContext::for_page(&doc, "home", data, options).unwrap();
    let mut html = String::new();
    render_block(&ctx, &block, &mut html);
    html
}

/// Whether the block shows the platform's collections (and so has an empty state).
fn shows_collections(type_name: &str) -> bool {
    SCHEMAS.iter().any(|schema| schema.type_name == type_name && schema.category == Category::Data)
        || matches!(type_name, "poll" | "appeal_analysis")
}

#[test]
fn every_starter_block_matches_its_snapshot() {
    let demo_data = civic_shared::demo::ministry_data();
    let no_data = RenderData::default();
    let mut mismatched = Vec::new();
    std::fs::create_dir_all(golden_dir()).unwrap();
    for schema in SCHEMAS {
        let name = schema.type_name;
        check(&render_starter(name, &demo_data), &format!("{name}.html"), &mut mismatched);
        if shows_collections(name) {
            check(&render_starter(name, &no_data), &format!("{name}-empty.html"), &mut mismatched);
        }
    }
    assert!(mismatched.is_empty(), "rendered blocks differ from snapshots: {mismatched:?}");
}

/// Every snapshot belongs to a block kind that still exists.
#[test]
fn no_snapshot_is_left_from_a_removed_block() {
    for entry in std::fs::read_dir(golden_dir()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        let name = file.trim_end_matches(".html");
        let name = name.strip_suffix("-empty").unwrap_or(name);
        assert!(SCHEMAS.iter().any(|schema| schema.type_name == name), "{file} has no block kind");
    }
}

/// An empty collection tells the visitor so, rather than leaving a bare heading.
#[test]
fn data_blocks_without_data_say_there_is_nothing_yet() {
    for schema in SCHEMAS.iter().filter(|schema| shows_collections(schema.type_name)) {
        let html = render_starter(schema.type_name, &RenderData::default());
        assert!(html.contains("class=\"empty\""), "{} has no empty state:\n{html}", schema.type_name);
    }
}

fn check(html: &str, name: &str, mismatched: &mut Vec<String>) {
    let file = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&file, html).unwrap();
        return;
    }
    if std::fs::read_to_string(&file).unwrap_or_default() != html {
        mismatched.push(file.display().to_string());
    }
}

/// A poll block on a day: before its opening day it says when it opens (no form, no results);
/// while open it has the form and the results if they are shown during the voting; after
/// closing, the results; a staff-only poll says who may vote and links to the sign-in page.
#[test]
fn a_poll_block_follows_the_polls_dates_and_settings() {
    use civic_shared::collections::{Poll, PollOption};
    let doc = civic_shared::demo::ministry();
    let poll = |id: &str, opens: &str, closes: &str| Poll {
        id: id.into(),
        question: format!("Вопрос {id}"),
        open: true,
        opens: opens.into(),
        closes: closes.into(),
        options: ["1", "2"].iter().map(|o| PollOption { id: (*o).into(), text: format!("Ответ {o}"), votes: 3 }).collect(),
        ..Poll::default()
    };
    let render = |polls: Vec<Poll>, poll_id: &str, today: &str| {
        let data = RenderData { polls, ..RenderData::default() };
        let options = RenderOptions { base_path: "/s/mincifra", today, ..RenderOptions::default() };
        let ctx = RenderContext::for_page(&doc, "home", &data, options).unwrap();
        let mut html = String::new();
        render_block(&ctx, &civic_shared::Block::Poll(civic_shared::PollBlock { id: "b1".into(), poll_id: poll_id.into() }), &mut html);
        html
    };
    let upcoming = render(vec![poll("p", "2026-12-01", "2026-12-20")], "p", "2026-11-23");
    assert!(upcoming.contains("<p class=\"meta\">Голосование откроется 1 декабря 2026 г.</p>"), "{upcoming}");
    assert!(!upcoming.contains("<form") && !upcoming.contains("<table"), "{upcoming}");

    let open = render(vec![poll("p", "2026-11-23", "2026-12-20")], "p", "2026-11-23");
    assert!(open.contains("Голосование до 20 декабря 2026 г.") && open.contains("<form") && !open.contains("<table"), "results after the end: {open}");
    let during = render(vec![Poll { show_results: true, ..poll("p", "", "") }], "p", "2026-11-23");
    assert!(during.contains("<form") && during.contains("<table") && !during.contains("class=\"meta\""), "{during}");

    let closed = render(vec![poll("p", "2026-11-01", "2026-11-22")], "p", "2026-11-23");
    assert!(closed.contains("Голосование завершено") && !closed.contains("<form") && closed.contains("<table"), "{closed}");
    let closed_early = render(vec![Poll { open: false, ..poll("p", "", "") }], "p", "2026-11-23");
    assert!(closed_early.contains("Голосование завершено") && closed_early.contains("<table"), "{closed_early}");

    let staff = render(vec![Poll { login_required: true, ..poll("p", "", "") }], "p", "2026-11-23");
    assert!(staff.contains("Голосовать могут только сотрудники, вошедшие в систему. <a href=\"/admin/\">Войти в систему</a>") && staff.contains("<form"), "{staff}");

    // With no poll chosen: the first open one in the list (the newest), else the next to open.
    let chosen = render(vec![poll("old", "2026-01-01", "2026-02-01"), poll("soon", "2026-12-01", ""), poll("now", "", "")], "", "2026-11-23");
    assert!(chosen.contains("Вопрос now"), "{chosen}");
    let next = render(vec![poll("old", "2026-01-01", "2026-02-01"), poll("soon", "2026-12-01", "")], "", "2026-11-23");
    assert!(next.contains("Вопрос soon") && next.contains("откроется"), "{next}");
}

/// Headings inside rich text are written at their level (clamped like the heading block's),
/// their runs with marks and links as in a paragraph; the accessible version writes the same.
#[test]
fn headings_inside_rich_text_keep_their_level_and_runs() {
    use civic_renderer::A11ySettings;
    use civic_shared::{Block, Text, TextBlock, TextRun};
    let heading = |level, runs| TextBlock::Heading { level, runs };
    let block = Block::Text(Text {
        id: "t".into(),
        content: vec![
            heading(2, vec![TextRun::plain("Приём "), TextRun { link: Some("kontakty".into()), ..TextRun::plain("граждан") }]),
            TextBlock::Paragraph { runs: vec![TextRun::plain("Текст")] },
            heading(3, vec![TextRun { italic: true, ..TextRun::plain("Пункт") }]),
            heading(7, vec![TextRun::plain("Глубже")]),
            heading(1, vec![TextRun::plain("Не заголовок страницы")]),
        ],
    });
    let doc = civic_shared::demo::ministry();
    let data = RenderData::default();
    for accessible in [None, Some(A11ySettings::parse("z4f1l1h1c1i1"))] {
        let options = RenderOptions { base_path: "/s/mincifra", accessible, ..RenderOptions::default() };
        let ctx = RenderContext::for_page(&doc, "home", &data, options).unwrap();
        let mut html = String::new();
        render_block(&ctx, &block, &mut html);
        assert_eq!(
            html,
            "<div class=\"text\"><h2>Приём <a href=\"/s/mincifra/kontakty\">граждан</a></h2>\n<p>Текст</p>\n\
             <h3><em>Пункт</em></h3>\n<h4>Глубже</h4>\n<h2>Не заголовок страницы</h2>\n</div>\n"
        );
    }
}
