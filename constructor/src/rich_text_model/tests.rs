use super::*;

/// A small HTML reader for the tests: the tree a browser builds from well-formed markup
/// (no implied end tags; attribute values without `>`).
fn parse(html: &str) -> Vec<DomNode> {
    const VOID: &[&str] = &["br", "img", "hr", "meta", "input", "link", "source"];
    let mut stack = vec![DomElement::default()];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').expect("end tag closed");
            let element = stack.pop().expect("open element");
            assert_eq!(element.name, after[..end].trim().to_ascii_lowercase(), "well-formed test markup");
            stack.last_mut().expect("parent").children.push(DomNode::Element(element));
            rest = &after[end + 1..];
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
    assert_eq!(stack.len(), 1, "every element closed");
    stack.pop().map(|root| root.children).unwrap_or_default()
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
    text.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
        paragraph(vec![
            run("Министерство отвечает за "),
            TextRun { bold: true, italic: true, ..run("развитие связи") },
            run(", 10\u{a0}000 точек доступа и "),
            TextRun { bold: true, ..linked("приём обращений", "obrashcheniya") },
            run("."),
        ]),
        list(false, &["Госуслуги", "Интернет в сёлах"]),
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
fn pasted_headings_and_tables_become_paragraphs() {
    assert_eq!(
        blocks("<h1>Заголовок</h1><table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>текст"),
        vec![paragraph(vec![run("Заголовок")]), paragraph(vec![run("a b")]), paragraph(vec![run("c")]), paragraph(vec![run("текст")])]
    );
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
}

#[test]
fn the_caret_context_comes_from_the_innermost_ancestors() {
    assert_eq!(caret_context([]), CaretContext::default());
    assert_eq!(caret_context([("b", None), ("li", None), ("ol", None)]).block, BlockFormat::Numbered);
    assert_eq!(caret_context([("li", None), ("ul", None), ("blockquote", None)]).block, BlockFormat::Bulleted);
    assert_eq!(caret_context([("p", None), ("blockquote", None)]).block, BlockFormat::Quote);
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
