//! The site search page as visitors read it: the form keeps the query, results link where
//! they should, hostile input stays text.

use civic_renderer::{render_search_page, RenderOptions};
use civic_shared::search::{EntryKind, Hit};
use scraper::{Html, Selector};

fn page(query: &str, hits: Option<&[Hit]>) -> Html {
    let mut out = String::new();
    let options = RenderOptions { base_path: "/s/mincifra", ..RenderOptions::default() };
    render_search_page(&civic_shared::demo::ministry(), &options, query, hits, &mut out);
    Html::parse_document(&out)
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&Selector::parse(selector).unwrap()).map(|e| e.text().collect::<String>()).collect()
}

fn attrs(html: &Html, selector: &str, name: &str) -> Vec<String> {
    html.select(&Selector::parse(selector).unwrap()).filter_map(|e| e.value().attr(name).map(String::from)).collect()
}

#[test]
fn results_link_to_pages_files_and_home() {
    let hits = [
        Hit { kind: EntryKind::News, title: "Интернет в сёлах".into(), path: "novosti".into(), snippet: "Ещё 95 сёл".into() },
        Hit { kind: EntryKind::Document, title: "Приказ № 77".into(), path: "/static/demo/prikaz-77.pdf".into(), snippet: String::new() },
        Hit { kind: EntryKind::Page, title: "Главная".into(), path: String::new(), snippet: String::new() },
    ];
    let html = page("интернет", Some(&hits));
    assert_eq!(texts(&html, "h1"), ["Поиск по сайту"]);
    assert_eq!(attrs(&html, "form[role=search]", "action"), ["/s/mincifra/poisk"]);
    assert_eq!(attrs(&html, "#search-q", "value"), ["интернет"]);
    assert_eq!(texts(&html, "[role=status]"), ["Найдено результатов: 3"]);
    assert_eq!(attrs(&html, ".search-results a", "href"), ["/s/mincifra/novosti", "/static/demo/prikaz-77.pdf", "/s/mincifra/"]);
    assert_eq!(texts(&html, ".search-kind"), ["(Новость)", "(Документ)", "(Страница)"]);
}

#[test]
fn hostile_queries_and_titles_stay_text() {
    let hits = [Hit { kind: EntryKind::Page, title: "<img src=x onerror=alert(1)>".into(), path: "javascript:alert(1)".into(), snippet: "<b>".into() }];
    let mut out = String::new();
    let options = RenderOptions { base_path: "/s/mincifra", ..RenderOptions::default() };
    render_search_page(&civic_shared::demo::ministry(), &options, "\"><script>alert(1)</script>", Some(&hits), &mut out);
    assert!(!out.contains("<script>alert") && !out.contains("<img src=x") && !out.contains("javascript:"), "{out}");
    let html = Html::parse_document(&out);
    assert_eq!(attrs(&html, "#search-q", "value"), ["\"><script>alert(1)</script>"]);
}

#[test]
fn empty_states() {
    assert_eq!(texts(&page("", None), "main p"), ["Введите одно или несколько слов и нажмите «Найти»."]);
    assert_eq!(texts(&page("абракадабра", Some(&[])), "[role=status]"), ["Ничего не найдено. Проверьте написание или попробуйте другие слова."]);
}
