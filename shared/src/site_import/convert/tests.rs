use super::*;
use crate::{starter, validate, OrgKind};

fn file(path: &str, body: &str) -> SourceFile {
    SourceFile { path: path.into(), bytes: body.as_bytes().to_vec() }
}

/// A PNG header of a 1×1 picture: enough for the plan (the worker checks real bytes).
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0".to_vec();
    bytes.extend([0; 16]);
    bytes
}

fn old_school_site() -> Vec<SourceFile> {
    vec![
        file(
            "index.html",
            r#"<html><head><title>Школа № 7 — главная</title><meta name="description" content="Сайт  школы"></head>
            <body><div id="menu"><a href="about/index.html">О школе</a></div>
            <div id="content"><h1>Добро пожаловать</h1><p>Мы <b>рады</b> вам. <a href="about/history.html#y1990">История</a></p>
            <p><img src="img/logo.png" alt="Герб школы"></p><p><a href="docs/ustav.pdf">Устав школы</a></p></div></body></html>"#,
        ),
        file("about/index.html", "<h1>О школе</h1><h3>Коротко</h3><ul><li>Основана в 1990<ul><li>Здание 1990</li></ul></li><li>500 учеников</li></ul>"),
        file(
            "about/history.html",
            r#"<h1>История</h1><table><tr><th>Год</th><th>Событие</th></tr><tr><td colspan="2">Открытие</td></tr></table>
            <p>Назад на <a href="../index.html">главную</a>, <a href="/about/">о школе</a>, <a href="http://example.org/x">пример</a>.</p>"#,
        ),
        SourceFile { path: "img/logo.png".into(), bytes: png() },
        file("docs/ustav.pdf", "%PDF-1.4"),
        file("docs/unused.pdf", "%PDF-1.4"),
    ]
}

fn school() -> SiteDocument {
    starter(OrgKind::School, "Школа № 7")
}

fn stored_all(plan: &Plan) -> HashMap<String, Result<String, String>> {
    plan.assets.iter().map(|a| (a.key.clone(), Ok(format!("/media/school7/{}", a.name)))).collect()
}

#[test]
fn an_old_site_becomes_pages_with_links_pictures_and_files() {
    let doc = school();
    let mut plan = plan(old_school_site(), &doc, &Options::default()).unwrap();
    let paths: Vec<(&str, &str)> = plan.report.pages.iter().map(|p| (p.source.as_str(), p.path.as_str())).collect();
    assert_eq!(paths, [("index.html", "dobro-pozhalovat"), ("about/index.html", "o-shkole"), ("about/history.html", "o-shkole/istoriia")]);
    assert_eq!(plan.report.links, 3, "three links between old pages");
    assert_eq!(plan.assets.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(), ["docs/ustav.pdf", "img/logo.png"]);
    assert_eq!(plan.assets[1].alt, "Герб школы");
    plan.place_assets(&stored_all(&plan));
    assert_eq!(plan.report.assets, 2);
    assert!(validate(&plan.document).is_empty(), "{:?}", validate(&plan.document));

    let home = &plan.document.pages[&plan.report.pages[0].id];
    assert_eq!(home.description, "Сайт школы");
    assert!(!home.in_menu);
    let json = serde_json::to_string(&home.blocks).unwrap();
    assert!(json.contains(r#""link":"o-shkole/istoriia""#), "{json}");
    assert!(json.contains(r#""src":"/media/school7/logo.png""#), "{json}");
    assert!(json.contains(r#""type":"file_link""#) && json.contains(r#""format":"PDF""#), "{json}");
    assert!(!json.contains("О школе"), "the old menu is left out: {json}");

    let about = &plan.document.pages[&plan.report.pages[1].id];
    let Block::Text(text) = &about.blocks[1] else { panic!("{:?}", about.blocks) };
    let TextBlock::List { items, .. } = &text.content[0] else { panic!() };
    assert_eq!(items.len(), 3, "the inner list follows its item");
    let Block::Heading(h) = &about.blocks[0] else { panic!() };
    assert_eq!(h.level, 2, "an h3 right after the title becomes level 2");

    let history = &plan.document.pages[&plan.report.pages[2].id];
    let Block::Table(table) = &history.blocks[0] else { panic!("{:?}", history.blocks) };
    assert!(table.header_row);
    assert_eq!(table.rows, [vec!["Год".to_string(), "Событие".into()], vec!["Открытие".into(), String::new()]]);
    let kinds: Vec<&NoteKind> = plan.report.notes.iter().map(|n| &n.kind).collect();
    assert!(kinds.contains(&&NoteKind::MergedCells));
    assert!(kinds.contains(&&NoteKind::TableCaption { caption: "Таблица 1".into() }));
    assert!(kinds.contains(&&NoteKind::HttpLinks { count: 1 }));
    assert!(kinds.contains(&&NoteKind::Unused { count: 1 }));
    let json = serde_json::to_string(&history.blocks).unwrap();
    assert!(json.contains(r#""link":"dobro-pozhalovat""#) && json.contains(r#""link":"o-shkole""#), "{json}");
    assert!(json.contains("https://example.org/x"));
}

#[test]
fn hostile_markup_never_reaches_the_document() {
    let hostile = r#"<body><p onclick="alert(1)" style="x">Текст<script>alert(1)</script></p>
        <a href="javascript:alert(1)">плохая</a> <a href=" JaVaScRiPt:alert(1)">ещё</a> <a href="data:text/html,<script>alert(1)</script>">дата</a>
        <img src="x" onerror="alert(1)"><img src="data:image/png;base64,AAAA" alt="d"><img src="javascript:alert(1)" alt="j">
        <svg><script>alert(1)</script></svg><math><mi>x</mi></math><iframe src="https://evil.example/"></iframe>
        <iframe src="https://rutube.ru/play/embed/1" title="Видео о школе"></iframe><form><input value="x"></form>
        <object data="x.swf"></object><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><a href="vbscript:x">vb</a><h2><img src=x onerror=alert(1)>Заголовок</h2>
        <style>body{}</style><noscript><img src="track.gif"></noscript></body>"#;
    let mut plan = plan(vec![file("bad.html", hostile)], &school(), &Options::default()).unwrap();
    plan.place_assets(&HashMap::new());
    assert!(validate(&plan.document).is_empty(), "{:?}", validate(&plan.document));
    let page = &plan.document.pages[&plan.report.pages[0].id];
    let json = serde_json::to_string(&page.blocks).unwrap();
    for bad in ["javascript", "onerror", "onclick", "data:", "vbscript", "evil.example", "style", "<svg"] {
        assert!(!json.to_ascii_lowercase().contains(bad), "{bad} in {json}");
    }
    assert!(json.contains("rutube.ru/play/embed/1"), "allowed frames become embeds: {json}");
    assert!(json.contains("<script>alert(1)</script>"), "escaped text stays text, as written: {json}");
    let kinds: Vec<NoteKind> = plan.report.notes.iter().map(|n| n.kind.clone()).collect();
    for what in [Removed::Scripts, Removed::Forms, Removed::Frames, Removed::Objects, Removed::Graphics] {
        assert!(kinds.iter().any(|k| matches!(k, NoteKind::Removed { what: w, .. } if *w == what)), "{what:?}: {kinds:?}");
    }
    assert!(kinds.iter().filter(|k| matches!(k, NoteKind::UnsafeLink { .. })).count() >= 5, "{kinds:?}");
}

#[test]
fn windows_1251_pages_are_read() {
    let mut bytes = b"<html><head><meta charset=windows-1251><title>".to_vec();
    bytes.extend([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // «Привет»
    bytes.extend(b"</title></head><body><p>");
    bytes.extend([0xcc, 0xe8, 0xf0]); // «Мир»
    bytes.extend(b"</p></body></html>");
    let plan = plan(vec![SourceFile { path: "a.htm".into(), bytes }], &school(), &Options::default()).unwrap();
    assert_eq!(plan.report.pages[0].title, "Привет");
    let json = serde_json::to_string(&plan.document.pages[&plan.report.pages[0].id].blocks).unwrap();
    assert!(json.contains("Мир"), "{json}");
}

#[test]
fn pictures_that_were_not_copied_are_removed_and_reported() {
    let mut plan = plan(old_school_site(), &school(), &Options::default()).unwrap();
    let mut stored = stored_all(&plan);
    stored.insert("img/logo.png".into(), Err("это не картинка".into()));
    stored.remove("docs/ustav.pdf");
    plan.place_assets(&stored);
    assert!(validate(&plan.document).is_empty());
    let json = plan.document.to_json();
    assert!(!json.contains(ASSET_MARK), "no marker survives");
    assert!(!json.contains("logo.png"));
    let failed: Vec<&NoteKind> = plan.report.notes.iter().map(|n| &n.kind).filter(|k| matches!(k, NoteKind::AssetFailed { .. })).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert_eq!(plan.report.assets, 0);
}

#[test]
fn absolute_links_to_the_old_host_are_internal_and_missing_files_reported() {
    let files = vec![
        file("index.html", r#"<p><a href="https://www.school7.ru/news.html">Новости</a> <a href="nothere.html">нет</a> <img src="gone.png" alt="x"></p>"#),
        file("news.html", "<h1>Новости</h1><p>Текст</p>"),
    ];
    let doc = school();
    let parent = doc.pages.keys().find(|id| id.contains("sveden")).cloned();
    let options = Options { parent: parent.clone(), old_host: Some("https://school7.ru/".into()) };
    let plan = plan(files, &doc, &options).unwrap();
    assert_eq!(plan.report.links, 1);
    let home = &plan.document.pages[&plan.report.pages[0].id];
    assert_eq!(home.parent, parent);
    let json = serde_json::to_string(&home.blocks).unwrap();
    assert!(json.contains(&format!("\"link\":\"{}\"", plan.report.pages[1].path)), "{json}");
    let missing = plan.report.notes.iter().filter(|n| matches!(n.kind, NoteKind::MissingFile { .. })).count();
    assert_eq!(missing, 2);
    let unknown = Options { parent: Some("nope".into()), old_host: None };
    assert_eq!(super::plan(vec![file("a.html", "x")], &doc, &unknown).unwrap_err(), SiteImportError::UnknownParent);
}

#[test]
fn archives_are_read_with_their_top_folder_dropped_and_bad_ones_refused() {
    let zip = crate::zip::tests::stored_zip("site/index.html", b"<p>hi</p>");
    let files = read_archive(&zip).unwrap();
    assert_eq!(files, [file("index.html", "<p>hi</p>")]);
    assert!(matches!(read_archive(b"PK not really"), Err(SiteImportError::BrokenArchive { .. })));
    let outside = crate::zip::tests::stored_zip("../etc/passwd.html", b"x");
    assert_eq!(read_archive(&outside).unwrap(), []);
    assert_eq!(plan(Vec::new(), &school(), &Options::default()).unwrap_err(), SiteImportError::NoPages);
}

#[test]
fn heading_levels_never_skip_and_long_text_is_cut() {
    let long = "Очень ".repeat(100);
    let html = format!("<h1>Заголовок</h1><h4>Четвёртый</h4><h2>Второй</h2><h5>{long}</h5><h1>Ещё h1</h1>");
    let plan = plan(vec![file("a.html", &html)], &school(), &Options::default()).unwrap();
    let page = &plan.document.pages[&plan.report.pages[0].id];
    let levels: Vec<u8> = page.blocks.iter().filter_map(|b| if let Block::Heading(h) = b { Some(h.level) } else { None }).collect();
    assert_eq!(levels, [2, 2, 3, 2]);
    assert!(plan.report.notes.iter().any(|n| n.kind == NoteKind::Truncated));
    assert!(validate(&plan.document).is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn tag_soup() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "<p>", "</p>", "<b>", "</b>", "<a href=\"a.html\">", "<a href=\"javascript:x\">", "</a>", "<ul><li>", "</li></ul>", "<table><tr><td>",
            "</td></tr></table>", "<h2>", "</h2>", "<h1>", "<img src=\"i.png\">", "<br>", "<div>", "</div>", "текст", " ", "<script>", "&amp;", "<",
            "<th colspan=99999>", "<blockquote>", "<iframe src=//rutube.ru/x>", "<hr>", "<figure><figcaption>", "<dl><dt>a<dd>b", "\u{0}", "%",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_tag_soup_gives_a_valid_document(html in tag_soup()) {
            let files = vec![file("a.html", &html), SourceFile { path: "i.png".into(), bytes: png() }];
            let mut plan = plan(files, &school(), &Options::default()).unwrap();
            let stored = stored_all(&plan);
            plan.place_assets(&stored);
            let problems = validate(&plan.document);
            prop_assert!(problems.is_empty(), "{:?} for {}", problems, html);
        }
    }
}
