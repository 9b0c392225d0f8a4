use super::*;

/// A small HTML reader for the tests: the tree a browser builds from the markup word
/// processors put on the clipboard. Comments, `<!…>` and `<?…>` declarations give no node (as
/// Word's `<![if !supportLists]>` gives none); an end tag closes the elements opened after its
/// own; `<li>` closes an open item and a block's start tag an open paragraph, as LibreOffice
/// leaves them open. Attribute values hold no `>`.
fn parse(html: &str) -> Vec<DomNode> {
    const VOID: &[&str] = &["br", "img", "hr", "meta", "input", "link", "source", "col", "wbr", "area", "base", "embed"];
    /// Start tags that end an open paragraph.
    const CLOSES_P: &[&str] = &[
        "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "section", "article",
        "header", "footer", "nav", "aside", "figure", "figcaption", "dl", "hr", "pre", "main", "form",
    ];
    fn close(stack: &mut Vec<DomElement>) {
        let element = stack.pop().expect("open element");
        stack.last_mut().expect("parent").children.push(DomNode::Element(element));
    }
    let mut stack = vec![DomElement::default()];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').expect("end tag closed");
            let name = after[..end].trim().to_ascii_lowercase();
            rest = &after[end + 1..];
            // A stray end tag closes nothing.
            if let Some(open) = stack.iter().rposition(|element| element.name == name).filter(|&open| open > 0) {
                while stack.len() > open {
                    close(&mut stack);
                }
            }
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').expect("tag closed");
            let tag = after[..end].trim_end_matches('/');
            rest = &after[end + 1..];
            let (name, attributes) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
            let mut element = DomElement { name: name.to_ascii_lowercase(), ..DomElement::default() };
            for (key, value) in parse_attributes(attributes) {
                match key.as_str() {
                    "href" => element.href = Some(value),
                    "style" => element.style = Some(value),
                    _ => {}
                }
            }
            if CLOSES_P.contains(&element.name.as_str()) && stack.last().is_some_and(|open| open.name == "p") {
                close(&mut stack);
            }
            if element.name == "li" {
                let list = stack.iter().rposition(|open| matches!(open.name.as_str(), "ul" | "ol")).unwrap_or(0);
                if let Some(item) = stack.iter().skip(list).position(|open| open.name == "li") {
                    while stack.len() > list + item {
                        close(&mut stack);
                    }
                }
            }
            if matches!(element.name.as_str(), "script" | "style") {
                let close = format!("</{}>", element.name);
                let end = rest.find(&close).expect("raw text closed");
                element.children.push(DomNode::Text(rest[..end].to_string()));
                rest = &rest[end + close.len()..];
                stack.last_mut().expect("parent").children.push(DomNode::Element(element));
            } else if VOID.contains(&element.name.as_str()) || after[..end].ends_with('/') {
                stack.last_mut().expect("parent").children.push(DomNode::Element(element));
            } else {
                stack.push(element);
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            stack.last_mut().expect("parent").children.push(DomNode::Text(decode(&rest[..end])));
            rest = &rest[end..];
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

#[test]
fn the_test_reader_builds_the_tree_a_browser_builds() {
    let element = |name: &str, children: Vec<DomNode>| DomNode::Element(DomElement { name: name.into(), children, ..DomElement::default() });
    let text = |t: &str| DomNode::Text(t.into());
    assert_eq!(
        parse("<!DOCTYPE html><!-- c --><ol><li><p>a<li>b</ol><p>c<div>d</div><![if !x]><b>e<![endif]></b></i>"),
        vec![
            element("ol", vec![element("li", vec![element("p", vec![text("a")])]), element("li", vec![text("b")])]),
            element("p", vec![text("c")]),
            element("div", vec![text("d")]),
            element("b", vec![text("e")]),
        ]
    );
    assert_eq!(parse("<p>&#8470;&nbsp;&#x41;&amp;&unknown;</p>"), vec![element("p", vec![text("№\u{a0}A&&unknown;")])]);
}

fn parse_attributes(mut text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return out;
        }
        let name_end = text.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(text.len());
        let name = text[..name_end].to_ascii_lowercase();
        text = &text[name_end..];
        let Some(after) = text.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let (value, rest) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let end = after[1..].find(quote).expect("quoted value closed") + 1;
                (&after[1..end], &after[end + 1..])
            }
            _ => after.split_at(after.find(char::is_whitespace).unwrap_or(after.len())),
        };
        out.push((name, decode(value)));
        text = rest;
    }
}

fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest.find(';').map(|end| &rest[1..end]);
        let decoded = match entity {
            Some("nbsp") => Some('\u{a0}'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("amp") => Some('&'),
            Some(number) if number.starts_with('#') => match number[1..].strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number[1..].parse().ok(),
            }
            .and_then(char::from_u32),
            _ => None,
        };
        match (decoded, entity) {
            (Some(c), Some(entity)) => {
                out.push(c);
                rest = &rest[entity.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn blocks(html: &str) -> Vec<TextBlock> {
    from_tree(&parse(html))
}

fn markup(content: &[TextBlock]) -> String {
    let mut out = String::new();
    to_markup(content, &mut out);
    out
}

fn run(text: &str) -> TextRun {
    TextRun::plain(text)
}

fn bold(text: &str) -> TextRun {
    TextRun { bold: true, ..TextRun::plain(text) }
}

fn italic(text: &str) -> TextRun {
    TextRun { italic: true, ..TextRun::plain(text) }
}

fn linked(text: &str, href: &str) -> TextRun {
    TextRun { link: Some(href.into()), ..TextRun::plain(text) }
}

fn paragraph(runs: Vec<TextRun>) -> TextBlock {
    TextBlock::Paragraph { runs }
}

fn heading(level: u8, runs: Vec<TextRun>) -> TextBlock {
    TextBlock::Heading { level, runs }
}

fn list(ordered: bool, items: &[&str]) -> TextBlock {
    TextBlock::List { ordered, items: items.iter().map(|item| vec![run(item)]).collect() }
}

fn quote(text: &str, cite: &str) -> TextBlock {
    TextBlock::Quote { runs: vec![run(text)], cite: cite.into() }
}

/// Every field of every run, serialised: the stored form must hold no markup at all.
fn stored(content: &[TextBlock]) -> String {
    serde_json::to_string(content).expect("serialises")
}

fn sample() -> Vec<TextBlock> {
    vec![
        heading(2, vec![run("О "), italic("министерстве")]),
        paragraph(vec![
            run("Министерство отвечает за "),
            TextRun { bold: true, italic: true, ..run("развитие связи") },
            run(", 10\u{a0}000 точек доступа и "),
            TextRun { bold: true, ..linked("приём обращений", "obrashcheniya") },
            run("."),
        ]),
        heading(3, vec![run("Задачи "), linked("2026", "#plan")]),
        list(false, &["Госуслуги", "Интернет в сёлах"]),
        heading(4, vec![run("Шаги")]),
        TextBlock::List { ordered: true, items: vec![vec![run("Первый "), italic("шаг")], vec![linked("почта", "mailto:info@example.ru")]] },
        quote("Каждый имеет право обратиться.", "59-ФЗ, статья 12"),
        quote("Без источника", ""),
    ]
}

#[test]
fn markup_escapes_every_text_and_address() {
    let content = vec![paragraph(vec![
        run("<script>alert(1)</script> & \"кавычки\" "),
        TextRun { bold: true, ..linked("ссылка", "kontakty?a=\"b\"&c=<d>") },
    ])];
    assert_eq!(
        markup(&content),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"кавычки\" \
         <a href=\"kontakty?a=&quot;b&quot;&amp;c=&lt;d&gt;\"><strong>ссылка</strong></a></p>"
    );
    let cite = vec![TextBlock::Quote { runs: vec![run("q")], cite: "<img src=x onerror=alert(1)>".into() }];
    assert_eq!(markup(&cite), "<blockquote><p>q</p><cite>&lt;img src=x onerror=alert(1)&gt;</cite></blockquote>");
}

#[test]
fn markup_shows_a_bad_link_as_plain_text() {
    for href in ["javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example/", "http://insecure.example/"] {
        let content = vec![paragraph(vec![linked("нажмите", href)])];
        assert_eq!(markup(&content), "<p>нажмите</p>", "{href}");
    }
}

#[test]
fn markup_of_each_kind_of_block() {
    assert_eq!(markup(&[]), "<p><br></p>", "an empty text still has a line for the caret");
    assert_eq!(markup(&[list(true, &["a", "b"])]), "<ol><li>a</li><li>b</li></ol>");
    assert_eq!(markup(&[list(false, &["a"])]), "<ul><li>a</li></ul>");
    assert_eq!(markup(&[paragraph(vec![italic("i")])]), "<p><em>i</em></p>");
    assert_eq!(markup(&[paragraph(vec![run("")])]), "<p><br></p>");
    assert_eq!(markup(&[heading(2, vec![bold("a"), run("b")])]), "<h2><strong>a</strong>b</h2>");
    assert_eq!(markup(&[heading(3, vec![run("a")]), heading(4, vec![run("b")])]), "<h3>a</h3><h4>b</h4>");
    // Out of range, as the renderer writes it.
    assert_eq!(markup(&[heading(0, vec![run("a")]), heading(9, vec![run("b")])]), "<h2>a</h2><h4>b</h4>");
}

#[test]
fn content_survives_the_way_there_and_back() {
    let content = sample();
    assert_eq!(blocks(&markup(&content)), content);
    assert!(is_clean(&parse(&markup(&content))), "the editing markup is all the editor needs");
    assert_eq!(blocks(&markup(&[])), Vec::<TextBlock>::new());
}

#[test]
fn pasted_hostile_html_gives_only_its_text() {
    let content = blocks("<img src=x onerror=alert(1)>hello<script>alert(2)</script>");
    assert_eq!(content, vec![paragraph(vec![run("hello")])]);
    assert!(!stored(&content).contains('<'));

    let content = blocks(
        "<style>p{color:red}</style><p onclick=\"alert(3)\">Текст<iframe src=\"https://evil.example/\">запасной</iframe>\
         <svg><script>alert(4)</script><text>svg</text></svg><object data=x>объект</object></p>\
         <noscript><p>без скриптов</p></noscript><template><p>шаблон</p></template><textarea>поле</textarea>",
    );
    assert_eq!(content, vec![paragraph(vec![run("Текст")])]);
    let json = stored(&content);
    assert!(!json.contains('<') && !json.contains("alert") && !json.contains("color"), "{json}");
}

#[test]
fn unknown_tags_give_their_text_without_markup() {
    let content = blocks("<p><u>под</u><font color=red>чёрк</font><marquee><blink>нутый</blink></marquee> <code>код</code></p>");
    assert_eq!(content, vec![paragraph(vec![run("подчёркнутый код")])]);
    let content = blocks("<p>текст <x-widget onmouseover=\"alert(1)\"><b>жирный</b></x-widget></p>");
    assert_eq!(content, vec![paragraph(vec![run("текст "), bold("жирный")])], "marks inside unknown tags still count");
}

#[test]
fn only_allowed_link_addresses_become_links() {
    for href in ["javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/", "http://example.ru/", "https://a b.ru/", "file:///etc/passwd"] {
        let content = blocks(&format!("<p><a href=\"{href}\">текст</a> дальше</p>"));
        assert_eq!(content, vec![paragraph(vec![run("текст дальше")])], "{href:?} must not survive");
    }
    assert_eq!(blocks("<p><a>якорь без адреса</a></p>"), vec![paragraph(vec![run("якорь без адреса")])]);
    for href in ["kontakty", "/s/mincifra/news", "https://www.gosuslugi.ru/", "mailto:a@b.ru", "tel:+74912000000", "#top"] {
        let content = blocks(&format!("<p><a href=\"  {href} \">т</a></p>"));
        assert_eq!(content, vec![paragraph(vec![linked("т", href)])], "{href}");
    }
}

#[test]
fn adjacent_runs_with_equal_marks_merge() {
    assert_eq!(blocks("<p><b>од</b><strong>но</strong></p>"), vec![paragraph(vec![bold("одно")])]);
    assert_eq!(
        blocks("<p><b><i>ж</i></b><i><b>к</b></i><em>к</em></p>"),
        vec![paragraph(vec![TextRun { bold: true, italic: true, ..run("жк") }, italic("к")])]
    );
    assert_eq!(
        blocks("<p><a href=\"a\">x</a><a href=\"a\"><span>y</span></a><a href=\"b\">z</a></p>"),
        vec![paragraph(vec![linked("xy", "a"), linked("z", "b")])]
    );
    assert_eq!(blocks("<p>a<span>b</span><b></b>c</p>"), vec![paragraph(vec![run("abc")])], "empty runs vanish");
}

#[test]
fn whitespace_is_what_a_browser_shows() {
    // Pasted source: indentation and line breaks are single spaces, none at the edges.
    assert_eq!(
        blocks("\n  <p>\n    Министерство\n    отвечает <b> за </b>развитие\t</p>\n"),
        vec![paragraph(vec![run("Министерство отвечает "), bold("за "), run("развитие")])]
    );
    // contenteditable types spaces at an edge or in a row as no-break spaces.
    assert_eq!(blocks("<p>&nbsp;a&nbsp; b&nbsp;&nbsp; c&nbsp;</p>"), vec![paragraph(vec![run("a b c")])]);
    assert_eq!(blocks("<p>слово&nbsp;</p>"), vec![paragraph(vec![run("слово")])], "the space just typed");
    // Between two words a no-break space was meant.
    assert_eq!(blocks("<p>10&nbsp;000 руб.</p>"), vec![paragraph(vec![run("10\u{a0}000 руб.")])]);
    // Invisible and control characters go.
    assert_eq!(blocks("<p>a\u{200b}b\u{feff}c\u{0}d\u{7}</p>"), vec![paragraph(vec![run("abcd")])]);
}

#[test]
fn empty_paragraphs_and_items_are_dropped() {
    assert_eq!(blocks("<p></p><p> <br></p><div><br></div><p>x</p><p>&nbsp;</p>"), vec![paragraph(vec![run("x")])]);
    assert_eq!(blocks("<ul><li>один</li><li><br></li></ul>"), vec![list(false, &["один"])]);
    assert_eq!(blocks("<ol><li> </li></ol><blockquote><br></blockquote>"), Vec::<TextBlock>::new());
}

#[test]
fn lines_as_contenteditable_makes_them() {
    // Typing into an empty editor, then Enter: the first line bare, the next ones in <div>s.
    assert_eq!(
        blocks("первая<div>вторая</div><div><br></div><div>третья</div>"),
        vec![paragraph(vec![run("первая")]), paragraph(vec![run("вторая")]), paragraph(vec![run("третья")])]
    );
    // Shift+Enter inside a paragraph: the model has no line break, so it is a new paragraph.
    assert_eq!(blocks("<p>a<br>b</p>"), vec![paragraph(vec![run("a")]), paragraph(vec![run("b")])]);
    assert_eq!(blocks("<p><b>a<br>b</b></p>"), vec![paragraph(vec![bold("a")]), paragraph(vec![bold("b")])]);
    // Inside an item, a break is a space: an item is one line of runs.
    assert_eq!(blocks("<ul><li>a<br>b</li><li><p>c</p><p>d</p></li></ul>"), vec![list(false, &["a b", "c d"])]);
}

#[test]
fn lists_do_not_nest_and_neighbours_merge() {
    assert_eq!(blocks("<ul><li>a<ol><li>b</li></ol>c</li><li>d</li></ul>"), vec![list(false, &["a", "b", "c", "d"])]);
    assert_eq!(blocks("<ol><li>a</li></ol><ol><li>b</li></ol>"), vec![list(true, &["a", "b"])]);
    assert_eq!(blocks("<ol><li>a</li></ol><ul><li>b</li></ul>"), vec![list(true, &["a"]), list(false, &["b"])]);
    assert_eq!(blocks("<ul>\n  <li>a</li>\n  лишнее\n</ul>"), vec![list(false, &["a", "лишнее"])], "text loose in a list is an item");
    assert_eq!(blocks("до<li>пункт</li>после"), vec![paragraph(vec![run("до")]), list(false, &["пункт"]), paragraph(vec![run("после")])]);
    assert_eq!(
        blocks("<p>до</p><ul><li><b>a</b> b</li></ul><p>после</p>"),
        vec![paragraph(vec![run("до")]), TextBlock::List { ordered: false, items: vec![vec![bold("a"), run(" b")]] }, paragraph(vec![run("после")])]
    );
}

#[test]
fn quotes_keep_their_source() {
    assert_eq!(blocks("<blockquote>q</blockquote>"), vec![quote("q", "")]);
    assert_eq!(
        blocks("<blockquote><p>q1</p><div>q2</div><cite> 59-ФЗ, <b>статья</b> 12 </cite></blockquote>"),
        vec![quote("q1", ""), quote("q2", "59-ФЗ, статья 12")]
    );
    assert_eq!(blocks("<blockquote><cite>только источник</cite></blockquote>"), vec![paragraph(vec![run("только источник")])]);
    assert_eq!(
        blocks("<blockquote>a<ul><li>b</li></ul>c<blockquote>d</blockquote></blockquote>"),
        vec![quote("a", ""), list(false, &["b"]), quote("c", ""), quote("d", "")]
    );
    assert_eq!(blocks("<p><cite>Книга</cite> вне цитаты</p>"), vec![paragraph(vec![run("Книга вне цитаты")])]);
}

#[test]
fn word_processor_styles_count_as_marks() {
    // Google Docs: the whole paste in a <b> that is not bold.
    let docs = "<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\">\
        <p dir=\"ltr\"><span style=\"font-weight:700;font-style:normal\">Жирный</span>\
        <span style=\"font-weight:400\"> обычный</span><span style=\"font-style:italic\"> курсив</span></p></b>";
    assert_eq!(blocks(docs), vec![paragraph(vec![bold("Жирный"), run(" обычный"), italic(" курсив")])]);
    assert_eq!(blocks("<p><span style=\"FONT-WEIGHT: bold !important\">w</span></p>"), vec![paragraph(vec![bold("w")])]);
    assert_eq!(blocks("<p><span style=\"font-weight: 500; color: red\">w</span></p>"), vec![paragraph(vec![run("w")])]);
    assert_eq!(blocks("<p><em style=\"font-style: normal\">w</em></p>"), vec![paragraph(vec![run("w")])]);
    assert_eq!(blocks("<p><font style=\"font-weight:bold\">w</font></p>"), vec![paragraph(vec![run("w")])], "only known tags' styles");
}

#[test]
fn pasted_headings_keep_their_level_and_tables_become_paragraphs() {
    assert_eq!(
        blocks("<h1>Заголовок</h1><table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>текст"),
        vec![heading(2, vec![run("Заголовок")]), paragraph(vec![run("a b")]), paragraph(vec![run("c")]), paragraph(vec![run("текст")])]
    );
    // h1 is the page title's: it and h2 are both level 2; below h4 everything is level 4.
    assert_eq!(
        blocks("<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>"),
        [2, 2, 3, 4, 4, 4].iter().zip(1..).map(|(&level, n)| heading(level, vec![run(&n.to_string())])).collect::<Vec<_>>()
    );
}

#[test]
fn a_heading_is_one_line_of_runs_that_are_not_bold() {
    // A heading is bold already; its links and italics stay.
    assert_eq!(
        blocks("<h2 style=\"font-weight:700\"><b>Приём</b> <a href=\"kontakty\"><i>граждан</i></a><br>по <span style=\"font-weight:bold\">записи</span></h2>"),
        vec![heading(2, vec![run("Приём "), TextRun { italic: true, ..linked("граждан", "kontakty") }, run(" по записи")])]
    );
    assert_eq!(blocks("<p>до</p><h3> <br> </h3><h3>после</h3>"), vec![paragraph(vec![run("до")]), heading(3, vec![run("после")])], "an empty heading goes");
    assert_eq!(blocks("до<h2>з</h2>после"), vec![paragraph(vec![run("до")]), heading(2, vec![run("з")]), paragraph(vec![run("после")])]);
    // Blocks Chromium put inside an empty heading are blocks of their own.
    assert_eq!(
        blocks("<h2>H</h2><h2><p>P</p><ul><li>L</li></ul><div>Q</div></h2>"),
        vec![heading(2, vec![run("H")]), paragraph(vec![run("P")]), list(false, &["L"]), paragraph(vec![run("Q")])]
    );
}

#[test]
fn headings_inside_items_and_quotes_are_their_text() {
    // A card list copied from a page: an item keeps its one line.
    assert_eq!(
        blocks("<ul><li><article><h3>Иванов</h3><p>Министр</p></article></li></ul><blockquote><h2>Цитата</h2></blockquote>"),
        vec![list(false, &["Иванов Министр"]), quote("Цитата", "")]
    );
}

#[test]
fn word_list_paragraphs_become_items_without_their_markers() {
    let item = |style: &str, marker: &str, text: &str| {
        format!("<p class=MsoListParagraph style='{style}'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>{text}<o:p></o:p></p>")
    };
    let level = |n: u8| format!("text-indent:-18.0pt;mso-list:l0 level{n} lfo1");
    for (marker, ordered) in [("·", false), ("o", false), ("§", false), ("Ø", false), ("-", false), ("–", false), ("1.", true), ("12)", true), ("a)", true), ("б.", true), ("IV.", true), ("(1)", true)] {
        let html = item(&level(1), marker, "пункт");
        assert_eq!(blocks(&html), vec![list(ordered, &["пункт"])], "{marker}");
    }
    // Deeper levels continue the list they are in, whatever their marker: lists do not nest.
    let html = [item(&level(1), "1.", "a"), item(&level(2), "o", "b"), item(&level(1), "2.", "c")].concat();
    assert_eq!(blocks(&html), vec![list(true, &["a", "b", "c"])]);
    let html = [item(&level(1), "·", "a"), "<p class=MsoNormal>между</p>".to_string(), item(&level(1), "1.", "b")].concat();
    assert_eq!(blocks(&html), vec![list(false, &["a"]), paragraph(vec![run("между")]), list(true, &["b"])]);
    // A numbered heading keeps its number: there is no list to carry it.
    assert_eq!(
        blocks("<h1 style='mso-list:l2 level1 lfo3'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>Общие положения</h1>"),
        vec![heading(2, vec![run("1. Общие положения")])]
    );
    // `mso-list:none` and a paragraph without a marker are no items.
    assert_eq!(blocks("<p style='mso-list:none'>текст</p>"), vec![paragraph(vec![run("текст")])]);
}

/// What Word 2016 puts on the clipboard (Chromium's `text/html` of it): the whole document
/// with its styles, the selection between `<!--StartFragment-->` and `<!--EndFragment-->`.
#[test]
fn paste_from_word_keeps_headings_lists_and_links() {
    assert_eq!(
        blocks(include_str!("../../../tests/fixtures/clipboard/word.html")),
        vec![
            heading(2, vec![run("Порядок приёма граждан")]),
            paragraph(vec![
                run("Приём ведёт "),
                bold("министр"),
                run(" или его "),
                italic("заместители"),
                run(". Записаться можно на портале "),
                linked("Госуслуги", "https://www.gosuslugi.ru/"),
                run(" или по почте "),
                linked("priem@mincifra.example.ru", "mailto:priem@mincifra.example.ru"),
                run("."),
            ]),
            heading(2, vec![run("Что взять с собой")]),
            TextBlock::List {
                ordered: false,
                items: vec![
                    vec![run("паспорт;")],
                    vec![bold("заявление"), run(" ("), linked("образец", "https://mincifra.example.ru/files/zayavlenie.docx"), run(");")],
                    vec![run("от имени организации — с доверенностью;")],
                    vec![run("документы по существу вопроса.")],
                ],
            },
            heading(2, vec![run("Как проходит приём")]),
            list(true, &["Вы приходите к назначенному времени.", "Сотрудник выслушивает вас и регистрирует обращение."]),
            paragraph(vec![run("Ответ придёт в течение 30\u{a0}дней, срок продлевается "), bold("только"), run(" по закону.")]),
        ]
    );
}

/// What Google Docs puts on the clipboard: one line, the whole selection inside a
/// `<b style="font-weight:normal">`, every run a `<span>` with its full style.
#[test]
fn paste_from_google_docs_keeps_headings_lists_and_links() {
    assert_eq!(
        blocks(include_str!("../../../tests/fixtures/clipboard/google-docs.html")),
        vec![
            heading(2, vec![run("Цифровые сервисы для жителей")]),
            paragraph(vec![
                run("Через "),
                linked("портал госуслуг", "https://www.gosuslugi.ru/"),
                run(" можно "),
                bold("записаться на приём"),
                run(" и "),
                italic("узнать статус"),
                run(" обращения."),
            ]),
            heading(2, vec![run("Что доступно")]),
            TextBlock::List {
                ordered: false,
                items: vec![
                    vec![run("Электронная приёмная")],
                    vec![run("Запись на приём через "), linked("Госуслуги", "https://www.gosuslugi.ru/600300/1")],
                    vec![run("в том числе из "), bold("мобильного приложения")],
                ],
            },
            heading(3, vec![run("Как подать заявление")]),
            list(true, &["Войдите в личный кабинет.", "Выберите услугу и заполните форму."]),
            paragraph(vec![run("Вопросы — по адресу "), linked("priem@mincifra.example.ru", "mailto:priem@mincifra.example.ru"), run(".")]),
        ]
    );
}

/// What LibreOffice Writer puts on the clipboard: its HTML export, `class="western"` on every
/// paragraph, list items left open.
#[test]
fn paste_from_libreoffice_keeps_headings_lists_and_links() {
    assert_eq!(
        blocks(include_str!("../../../tests/fixtures/clipboard/libreoffice.html")),
        vec![
            heading(2, vec![run("График приёма")]),
            paragraph(vec![
                run("Приём ведётся по "),
                bold("вторникам"),
                run(" и "),
                italic("четвергам"),
                run(" с 10:00 до 13:00. Адрес и схема проезда — на странице "),
                linked("«Контакты»", "https://mincifra.example.ru/kontakty"),
                run("."),
            ]),
            heading(3, vec![run("Порядок записи")]),
            TextBlock::List {
                ordered: true,
                items: vec![
                    vec![run("Позвоните по телефону "), linked("+7 (4912) 00-00-00", "tel:+74912000000"), run(".")],
                    vec![run("Назовите "), bold("тему"), run(" обращения.")],
                ],
            },
            list(false, &["С собой возьмите паспорт."]),
            paragraph(vec![bold("Внимание:"), run(" приём только по предварительной записи.")]),
        ]
    );
}

/// What Chromium puts on the clipboard when part of a published page is copied (captured by
/// tests/fixtures/clipboard/capture-web-page.mjs): every element with its computed style,
/// addresses made absolute.
#[test]
fn paste_from_a_web_page_keeps_headings_lists_and_links() {
    let page = "https://mincifra.example.ru/s/mincifra/";
    assert_eq!(
        blocks(include_str!("../../../tests/fixtures/clipboard/web-page.html")),
        vec![
            heading(2, vec![run("О министерстве")]),
            TextBlock::List { ordered: true, items: vec![vec![linked("Главная", page)], vec![run("О министерстве")]] },
            heading(2, vec![run("Основные задачи")]),
            paragraph(vec![run(
                "Министерство обеспечивает доступ жителей к государственным услугам в электронном виде, развивает сети связи \
                 в сельских населённых пунктах и координирует работу официальных сайтов исполнительных органов области."
            )]),
            TextBlock::List {
                ordered: false,
                items: vec![
                    vec![run("подключение социальных объектов к интернету;")],
                    vec![run("развитие "), bold("регионального портала госуслуг"), run(";")],
                    vec![run("защита информации в органах власти.")],
                ],
            },
            paragraph(vec![run("Здание правительства области")]),
            TextBlock::List {
                ordered: false,
                items: vec![
                    vec![linked("Руководство", &format!("{page}o-ministerstve#tabs-structure-1"))],
                    vec![linked("Структура", &format!("{page}o-ministerstve#tabs-structure-2"))],
                ],
            },
            heading(2, vec![run("Руководство")]),
            TextBlock::List {
                ordered: false,
                items: vec![
                    vec![
                        run("Иванов Иван Иванович Министр Телефон "),
                        linked("+7 (4912) 00-00-01", "tel:+74912000001"),
                        run(" Электронная почта "),
                        linked("minister@ryazan.example", "mailto:minister@ryazan.example"),
                    ],
                    vec![run("Петрова Анна Сергеевна Заместитель министра Телефон "), linked("+7 (4912) 00-00-02", "tel:+74912000002")],
                ],
            },
        ]
    );
}

/// Whatever a source wraps its text in, the stored form holds no markup, and the editing markup
/// of what was pasted reads back as the same content.
#[test]
fn pasted_documents_store_no_markup_and_survive_the_editor() {
    for html in [
        include_str!("../../../tests/fixtures/clipboard/word.html"),
        include_str!("../../../tests/fixtures/clipboard/google-docs.html"),
        include_str!("../../../tests/fixtures/clipboard/libreoffice.html"),
        include_str!("../../../tests/fixtures/clipboard/web-page.html"),
    ] {
        let content = blocks(html);
        let json = stored(&content);
        assert!(!json.contains('<') && !json.contains("mso-") && !json.contains("style"), "{json}");
        assert_eq!(blocks(&markup(&content)), content);
        assert!(is_clean(&parse(&markup(&content))));
    }
}

#[test]
fn plain_text_lines_are_paragraphs() {
    assert_eq!(from_plain_text("одна\r\n\r\n  две\tстроки \n"), vec![paragraph(vec![run("одна")]), paragraph(vec![run("две строки")])]);
    assert_eq!(from_plain_text("<b>не разметка</b>"), vec![paragraph(vec![run("<b>не разметка</b>")])]);
    assert_eq!(from_plain_text(" \n\n"), Vec::<TextBlock>::new());
}

#[test]
fn foreign_elements_make_the_editor_unclean() {
    assert!(is_clean(&parse("<p>a<b>b</b><span style=\"x\">c</span></p><div><br></div>")));
    assert!(!is_clean(&parse("<p>a<img src=x></p>")));
    assert!(!is_clean(&parse("<h1>a</h1>")));
    assert!(!is_clean(&parse("<h5>a</h5>")));
    assert!(is_clean(&parse("<h2>a</h2><h3><b>b</b></h3><h4>c</h4>")), "headings are the editor's own");
    assert!(!is_clean(&parse("<h2><p>a</p></h2>")), "a heading holds no blocks");
}

#[test]
fn the_caret_context_comes_from_the_innermost_ancestors() {
    assert_eq!(caret_context([]), CaretContext::default());
    assert_eq!(caret_context([("b", None), ("li", None), ("ol", None)]).block, BlockFormat::Numbered);
    assert_eq!(caret_context([("li", None), ("ul", None), ("blockquote", None)]).block, BlockFormat::Bulleted);
    assert_eq!(caret_context([("p", None), ("blockquote", None)]).block, BlockFormat::Quote);
    assert_eq!(caret_context([("em", None), ("h3", None)]).block, BlockFormat::Heading);
    assert_eq!(caret_context([("li", None), ("ul", None), ("li", None), ("ol", None)]).block, BlockFormat::Bulleted);
    let context = caret_context([("strong", None), ("a", Some(" kontakty ")), ("p", None)]);
    assert_eq!(context, CaretContext { block: BlockFormat::Paragraph, link: Some("kontakty".into()) });
    assert_eq!(caret_context([("a", Some("javascript:alert(1)"))]).link, None);
}

#[test]
fn typing_and_commands_are_told_apart() {
    for typing in ["insertText", "insertParagraph", "insertLineBreak", "deleteContentBackward", "deleteWordForward", "insertCompositionText"] {
        assert_eq!(edit_kind(typing), EditKind::Typing, "{typing}");
    }
    for step in ["formatBold", "insertUnorderedList", "insertLink", "insertFromPaste", "insertFromDrop", "deleteByCut", "historyUndo", ""] {
        assert_eq!(edit_kind(step), EditKind::Step, "{step}");
    }
    assert!(native_input_allowed("insertText") && native_input_allowed("deleteContentBackward"));
    assert!(!native_input_allowed("formatUnderline") && !native_input_allowed("formatFontColor") && !native_input_allowed("historyUndo"));
}
