//! The renderer against a maud template that writes the same markup, in the same run.
//!
//! `cargo bench -p civic-renderer --bench render` (or `scripts/bench.sh`). Three inputs: a
//! typical 30-block page, a 500-block page and one 100×100 table. For each, the blocks are
//! rendered by `civic_renderer::render_block` into one `String` and by a maud template of the
//! same blocks; the two outputs are checked byte for byte before anything is timed. The full
//! page (`render_to_string`: head, SEO, inline CSS, header, footer) is timed for the typical page.
//!
//! Timing: a warm-up, then rounds that alternate Civic and maud (so load from other processes
//! hits both alike); each round runs enough iterations for ~20 ms. Figures are medians over the
//! rounds; the ratio is the median of the per-round ratios civic / maud (< 1.0: Civic faster).
//!
//! `-- --smoke` (what `scripts/test.sh` runs, in the test profile): the same byte checks and one
//! round of a few milliseconds per input, so a bench that no longer builds or no longer writes
//! what the renderer writes fails CI; its figures mean nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use civic_renderer::{render_block, render_to_string, RenderContext, RenderOptions};
use civic_shared::{
    Block, Button, ButtonVariant, Card, Column, Columns, Heading, Image, Page, Section, Table, Text, TextBlock, TextRun,
};

/// Rounds per comparison, time per round and warm-up per function.
#[derive(Clone, Copy)]
struct Timing {
    rounds: usize,
    round_time: Duration,
    warm_up: Duration,
}

const MEASURE: Timing = Timing { rounds: 15, round_time: Duration::from_millis(20), warm_up: Duration::from_millis(300) };
const SMOKE: Timing = Timing { rounds: 1, round_time: Duration::from_millis(1), warm_up: Duration::from_millis(1) };

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = args.iter().any(|arg| arg == "--smoke");
    let timing = if smoke { SMOKE } else { MEASURE };
    let mut site = civic_shared::demo::ministry();
    let data = civic_shared::demo::ministry_data();
    let typical = typical_blocks(0);
    assert_eq!(count_blocks(&typical), 30);
    let large = blocks_up_to(500);
    let table = vec![Block::Table(big_table(100, 100))];
    for (id, blocks) in [("bench-typical", &typical), ("bench-500", &large), ("bench-table", &table)] {
        let page = Page {
            slug: id.into(),
            title: "Результаты проверки".into(),
            description: "Страница для замера скорости отрисовки.".into(),
            parent: None,
            in_menu: false,
            mandatory: false,
            blocks: blocks.clone(),
        };
        site.pages.insert(id.into(), page);
    }
    let options = RenderOptions { base_path: "/s/mincifra", origin: "https://mincifra.civic.localhost", ..Default::default() };

    if smoke {
        println!("Smoke run (--smoke): outputs checked, one short round; the figures mean nothing\n");
    }
    println!(
        "Civic renderer vs. maud, same markup, same run (median of {} rounds; ratio < 1.0: Civic faster)\n",
        timing.rounds
    );
    println!("{:<34} {:>8} {:>11} {:>9} {:>11} {:>9} {:>11}", "input", "blocks", "output", "civic", "civic MB/s", "maud", "civic/maud");
    // `cargo bench … -- table` runs only the inputs whose label contains `table` (for profiling).
    let only = args.iter().find(|arg| !arg.starts_with('-')).cloned().unwrap_or_default();
    let inputs = [("bench-typical", "typical page (blocks)"), ("bench-500", "500-block page (blocks)"), ("bench-table", "table 100×100 (blocks)")];
    for (id, label) in inputs.into_iter().filter(|(_, label)| label.contains(only.as_str())) {
        let ctx = RenderContext::for_page(&site, id, &data, options).expect("the bench page exists");
        let civic = || civic_blocks(&ctx);
        let maud = || maud_blocks(&ctx.page.blocks);
        let expected = civic();
        assert_eq!(expected, maud(), "{label}: the maud template must write the same bytes as the renderer");
        let m = compare(timing, civic, maud);
        println!(
            "{:<34} {:>8} {:>11} {:>9} {:>11.0} {:>9} {:>11.2}",
            label,
            count_blocks(&ctx.page.blocks),
            bytes(expected.len()),
            micros(m.a),
            mb_per_s(expected.len(), m.a),
            micros(m.b),
            m.ratio
        );
    }

    if !only.is_empty() {
        return;
    }
    // The full page: what the edge sends. Its baseline is the blocks alone, in the same rounds.
    let ctx = RenderContext::for_page(&site, "bench-typical", &data, options).expect("the bench page exists");
    let page = render_to_string(&ctx);
    let m = compare(timing, || render_to_string(&ctx), || civic_blocks(&ctx));
    println!(
        "{:<34} {:>8} {:>11} {:>9} {:>11.0} {:>9} {:>11}",
        "typical page, full render_to_string",
        count_blocks(&ctx.page.blocks),
        bytes(page.len()),
        micros(m.a),
        mb_per_s(page.len(), m.a),
        "",
        format!("{:.2}×blocks", m.ratio)
    );
    let home = site.home_page().map(|(id, _)| id.clone()).expect("the demo has a home page");
    let ctx = RenderContext::for_page(&site, &home, &data, options).expect("the home page exists");
    let page = render_to_string(&ctx);
    let m = compare(timing, || render_to_string(&ctx), || civic_blocks(&ctx));
    println!(
        "{:<34} {:>8} {:>11} {:>9} {:>11.0} {:>9} {:>11}",
        "demo home page, full page",
        count_blocks(&ctx.page.blocks),
        bytes(page.len()),
        micros(m.a),
        mb_per_s(page.len(), m.a),
        "",
        format!("{:.2}×blocks", m.ratio)
    );
}

/// What the renderer writes for the page's blocks (the content of `<main>` after the `<h1>`).
fn civic_blocks(ctx: &RenderContext) -> String {
    // The same starting capacity as `render_to_string`.
    let mut out = String::with_capacity(16 * 1024);
    for block in &ctx.page.blocks {
        render_block(ctx, block, &mut out);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Inputs

fn run(text: &str) -> TextRun {
    TextRun::plain(text)
}

/// Thirty blocks (counting children) of the kinds a ministry's page is made of; `n` makes ids unique.
fn typical_blocks(n: usize) -> Vec<Block> {
    let id = |name: &str| format!("{name}-{n}");
    let paragraph = || TextBlock::Paragraph {
        runs: vec![
            run("Министерство цифрового развития области сообщает, что с "),
            TextRun { text: "1 декабря".into(), bold: true, ..TextRun::default() },
            run(" приём граждан ведётся по предварительной записи. Записаться можно "),
            TextRun { text: "на портале госуслуг".into(), link: Some("https://www.gosuslugi.ru/".into()), ..TextRun::default() },
            run(", по телефону или в приёмной министерства. "),
            TextRun { text: "Обратите внимание".into(), italic: true, ..TextRun::default() },
            run(": график может меняться в праздничные дни & в дни <технических> работ."),
        ],
    };
    let text = |suffix: &str| {
        Block::Text(Text {
            id: id(&format!("text-{suffix}")),
            content: vec![
                paragraph(),
                TextBlock::List {
                    ordered: false,
                    items: vec![
                        vec![run("паспорт гражданина Российской Федерации;")],
                        vec![run("СНИЛС;"), TextRun { text: " образец заявления".into(), link: Some("/documents/zayavlenie.pdf".into()), ..TextRun::default() }],
                        vec![TextRun { text: "документы, подтверждающие полномочия представителя".into(), bold: true, italic: true, ..TextRun::default() }],
                    ],
                },
                paragraph(),
            ],
        })
    };
    let heading = |suffix: &str, level: u8, text: &str| Block::Heading(Heading { id: id(&format!("h-{suffix}")), level, text: text.into() });
    let image = |suffix: &str| {
        Block::Image(Image {
            id: id(&format!("img-{suffix}")),
            src: "/static/demo/building.jpg".into(),
            alt: "Здание министерства на площади Ленина, главный вход".into(),
            decorative: false,
            caption: "Приёмная министерства: ул. Ленина, д. 30, первый этаж".into(),
        })
    };
    let card = |suffix: &str, title: &str| {
        Block::Card(Card {
            id: id(&format!("card-{suffix}")),
            title: title.into(),
            text: "Порядок предоставления услуги, сроки рассмотрения и перечень документов.".into(),
            image_src: "/static/demo/service.png".into(),
            image_alt: "Пиктограмма услуги".into(),
            href: format!("/s/mincifra/uslugi/{suffix}"),
        })
    };
    let small_table = Block::Table(Table {
        id: id("table"),
        caption: "График приёма граждан".into(),
        header_row: true,
        rows: [
            ["Должность", "Дни", "Время", "Кабинет"],
            ["Министр", "вторник", "10:00–13:00", "301"],
            ["Первый заместитель министра", "среда", "14:00–17:00", "305"],
            ["Заместитель министра", "четверг", "10:00–12:00", "310"],
            ["Начальник отдела", "пятница", "09:00–11:00", "214"],
        ]
        .iter()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect(),
    });
    let columns = Block::Columns(Columns {
        id: id("services"),
        columns: ["electronic", "personal", "post"]
            .iter()
            .zip(["Подать обращение в электронном виде", "Записаться на личный приём", "Направить письмо по почте"])
            .map(|(suffix, title)| Column { blocks: vec![card(suffix, title)] })
            .collect(),
    });
    let section = Block::Section(Section {
        id: id("section"),
        title: "О министерстве".into(),
        blocks: vec![
            text("section-1"),
            image("section"),
            Block::Button(Button {
                id: id("button-section"),
                label: "Положение о министерстве".into(),
                href: "/documents/polozhenie.pdf".into(),
                variant: ButtonVariant::Secondary,
            }),
        ],
    });
    vec![
        heading("intro", 2, "Новости и объявления"),
        text("intro"),
        image("intro"),
        heading("structure", 3, "Структура министерства"),
        text("structure"),
        section,
        heading("reception", 2, "Приём граждан"),
        small_table,
        text("reception"),
        heading("services", 2, "Как к нам обратиться"),
        columns,
        Block::Button(Button {
            id: id("button-appeal"),
            label: "Написать обращение".into(),
            href: "/s/mincifra/obrashcheniya".into(),
            variant: ButtonVariant::Primary,
        }),
        heading("contacts", 3, "Контакты пресс-службы"),
        text("contacts"),
        image("contacts"),
        heading("documents", 3, "Документы"),
        text("documents"),
        heading("outro", 4, "Полезные ссылки"),
        text("outro"),
        image("outro"),
        card("single", "Открытые данные министерства"),
        heading("last", 2, "Обратная связь"),
        text("last"),
        text("faq"),
    ]
}

/// Copies of the typical mix, cut so that exactly `total` blocks (children included) remain.
fn blocks_up_to(total: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut count = 0;
    for n in 0.. {
        for block in typical_blocks(n) {
            let size = count_blocks(std::slice::from_ref(&block));
            if count + size <= total {
                count += size;
                blocks.push(block);
            }
        }
        if count == total {
            return blocks;
        }
    }
    unreachable!()
}

/// One table of `rows` × `cols` cells, the first row its header.
fn big_table(rows: usize, cols: usize) -> Table {
    Table {
        id: "table-100".into(),
        caption: "Показатели по муниципальным образованиям".into(),
        header_row: true,
        rows: (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| if r == 0 { format!("Показатель {c}") } else { format!("{} из {}", r * c, r + c) })
                    .collect()
            })
            .collect(),
    }
}

fn count_blocks(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| {
            1 + match block {
                Block::Section(s) => count_blocks(&s.blocks),
                Block::Columns(c) => c.columns.iter().map(|col| count_blocks(&col.blocks)).sum(),
                _ => 0,
            }
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// The baseline: a maud template of the same blocks, in the way maud is usually written (one
// function per component returning `Markup`). URLs go through the same checks as the renderer.

mod baseline {
    use std::cell::Cell;

    use civic_shared::validate::{is_image_url, is_link};
    use civic_shared::{Block, ButtonVariant, Card, Table, TextBlock, TextRun};
    use maud::{html, Markup, PreEscaped};

    const NL: PreEscaped<&str> = PreEscaped("\n");

    fn link(url: &str) -> &str {
        if is_link(url) { url } else { "#" }
    }

    /// The page's blocks, from the `<h1>` on: a card's heading is one level below the last
    /// section heading before it in reading order (the renderer's outline rule), so the
    /// template carries that level along as it writes.
    pub fn page(page_blocks: &[Block]) -> Markup {
        blocks(page_blocks, &Cell::new(1))
    }

    fn blocks(blocks: &[Block], level: &Cell<u8>) -> Markup {
        html! { @for b in blocks { (block(b, level)) } }
    }

    fn block(block: &Block, level: &Cell<u8>) -> Markup {
        match block {
            Block::Heading(h) => {
                level.set(h.level.clamp(2, 4));
                match h.level {
                    0..=2 => html! { h2 { (h.text) } (NL) },
                    3 => html! { h3 { (h.text) } (NL) },
                    _ => html! { h4 { (h.text) } (NL) },
                }
            }
            Block::Text(t) => {
                // The text's last heading is the section heading of what follows it.
                let last = t.content.iter().rev().find_map(|part| match part {
                    TextBlock::Heading { level, .. } => Some(*level),
                    _ => None,
                });
                if let Some(last) = last {
                    level.set(last.clamp(2, 4));
                }
                html! {
                    div.text {
                        @for part in &t.content {
                            @match part {
                                TextBlock::Paragraph { runs: r } => { p { (runs(r)) } (NL) }
                                TextBlock::Heading { level: l, runs: r } => {
                                    @match l {
                                        0..=2 => h2 { (runs(r)) },
                                        3 => h3 { (runs(r)) },
                                        _ => h4 { (runs(r)) },
                                    }
                                    (NL)
                                }
                                TextBlock::List { ordered, items } => {
                                    @if *ordered {
                                        ol { (NL) @for item in items { li { (runs(item)) } (NL) } } (NL)
                                    } @else {
                                        ul { (NL) @for item in items { li { (runs(item)) } (NL) } } (NL)
                                    }
                                }
                                TextBlock::Quote { runs: r, cite } => {
                                    blockquote {
                                        p { (runs(r)) }
                                        @if !cite.is_empty() { footer { "— " cite { (cite) } } }
                                    }
                                    (NL)
                                }
                            }
                        }
                    }
                    (NL)
                }
            }
            Block::Image(i) => html! {
                figure {
                    (img(&i.src, if i.decorative { "" } else { &i.alt }))
                    @if !i.caption.is_empty() { figcaption { (i.caption) } }
                }
                (NL)
            },
            Block::Section(s) => {
                if !s.title.is_empty() {
                    level.set(2);
                }
                html! {
                    section.block-section aria-labelledby=[(!s.title.is_empty()).then(|| format!("{}-title", s.id))] {
                        (NL)
                        @if !s.title.is_empty() { h2 id={ (s.id) "-title" } { (s.title) } (NL) }
                        (blocks(&s.blocks, level))
                    }
                    (NL)
                }
            }
            Block::Columns(c) => {
                let class = match c.columns.len() {
                    0..=2 => "columns columns-2",
                    3 => "columns columns-3",
                    _ => "columns columns-4",
                };
                html! {
                    div class=(class) {
                        (NL)
                        @for column in &c.columns { div.column { (NL) (blocks(&column.blocks, level)) } (NL) }
                    }
                    (NL)
                }
            }
            Block::Card(c) => card(c, level.get() + 1),
            Block::Table(t) => table(t),
            Block::Button(b) => html! {
                p.button-row {
                    a.button.button-secondary[b.variant == ButtonVariant::Secondary] href=(link(&b.href)) { (b.label) }
                }
                (NL)
            },
            other => unimplemented!("the baseline covers the blocks of the bench pages, not {other:?}"),
        }
    }

    fn runs(runs: &[TextRun]) -> Markup {
        html! {
            @for run in runs {
                @if let Some(href) = &run.link { a href=(link(href)) { (marks(run)) } } @else { (marks(run)) }
            }
        }
    }

    fn marks(run: &TextRun) -> Markup {
        html! {
            @if run.bold {
                strong { @if run.italic { em { (run.text) } } @else { (run.text) } }
            } @else if run.italic {
                em { (run.text) }
            } @else {
                (run.text)
            }
        }
    }

    fn img(src: &str, alt: &str) -> Markup {
        html! { img src=(if is_image_url(src) { src } else { "#" }) alt=(alt) loading="lazy" decoding="async"; }
    }

    fn card(c: &Card, heading: u8) -> Markup {
        let title = html! { @if c.href.is_empty() { (c.title) } @else { a href=(link(&c.href)) { (c.title) } } };
        html! {
            article.card {
                @if !c.image_src.is_empty() { (img(&c.image_src, &c.image_alt)) }
                @match heading {
                    0..=2 => h2 { (title) },
                    3 => h3 { (title) },
                    4 => h4 { (title) },
                    5 => h5 { (title) },
                    _ => h6 { (title) },
                }
                @if !c.text.is_empty() { p { (c.text) } }
            }
            (NL)
        }
    }

    fn table(t: &Table) -> Markup {
        let (head, body) = match (t.header_row, t.rows.split_first()) {
            (true, Some((head, body))) => (Some(head), body),
            _ => (None, t.rows.as_slice()),
        };
        html! {
            div.table-wrap role="group" tabindex="0" aria-label=(t.caption) {
                table {
                    caption { (t.caption) } (NL)
                    @if let Some(head) = head {
                        thead { tr { @for cell in head { th scope="col" { (cell) } } } } (NL)
                    }
                    tbody {
                        (NL)
                        @for row in body { tr { @for cell in row { td { (cell) } } } (NL) }
                    }
                }
            }
            (NL)
        }
    }
}

fn maud_blocks(blocks: &[Block]) -> String {
    baseline::page(blocks).into_string()
}

// ---------------------------------------------------------------------------------------------
// Timing

/// Medians of `a` and `b` per call, and the median of their per-round ratio.
struct Measured {
    a: Duration,
    b: Duration,
    ratio: f64,
}

fn compare(timing: Timing, mut a: impl FnMut() -> String, mut b: impl FnMut() -> String) -> Measured {
    let iterations_a = calibrate(timing, &mut a);
    let iterations_b = calibrate(timing, &mut b);
    let (mut times_a, mut times_b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..timing.rounds {
        let ta = time_per_call(&mut a, iterations_a);
        let tb = time_per_call(&mut b, iterations_b);
        times_a.push(ta);
        times_b.push(tb);
        ratios.push(ta / tb);
    }
    Measured { a: Duration::from_secs_f64(median(times_a)), b: Duration::from_secs_f64(median(times_b)), ratio: median(ratios) }
}

/// Warms up and returns how many calls fill one round.
fn calibrate(timing: Timing, f: &mut impl FnMut() -> String) -> u32 {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < timing.warm_up {
        black_box(f());
        calls += 1;
    }
    let per_call = start.elapsed().as_secs_f64() / f64::from(calls);
    ((timing.round_time.as_secs_f64() / per_call) as u32).max(1)
}

/// Seconds per call over `iterations` calls.
fn time_per_call(f: &mut impl FnMut() -> String, iterations: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    start.elapsed().as_secs_f64() / f64::from(iterations)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / d.as_secs_f64() / 1e6
}

fn bytes(n: usize) -> String {
    if n >= 10_000 { format!("{:.1} KB", n as f64 / 1000.0) } else { format!("{n} B") }
}
