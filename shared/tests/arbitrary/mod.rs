//! Proptest strategies for whole site documents and the collections data blocks show.
//!
//! Strings are drawn mostly from fragments an attacker or a careless paste would bring
//! (markup, script URLs, bidi overrides, NUL) mixed with plain Russian text, so that every
//! field of every block kind meets them. Used by `shared/tests/properties.rs` and, through a
//! `#[path]` module, by `renderer/tests/properties.rs`: a test-support crate would put proptest
//! in the workspace graph of the wasm builds.
#![allow(dead_code)] // each test crate uses a different part

use civic_shared::blocks::*;
use civic_shared::collections::*;
use civic_shared::{OrgKind, Page, SiteDocument, SiteMeta, Theme, ThemeFont, SCHEMA_VERSION};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Fragments that would become markup, script or a confusing display if not escaped.
pub const HOSTILE_FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "\" onmouseover=alert(1) x=\"",
    "' onfocus='alert(1)' autofocus='",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\tjava\nscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</style><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<iframe src=https://evil.example/>",
    "<b>x</b>",
    "<object data=x>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "]]>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;&lt;&#x3c;",
    "&",
    "\\u003c/script\\u003e",
    "}body{background:url(javascript:alert(1))}",
    "expression(alert(1))",
    "\u{202e}fdp.exe",
    "\u{200d}\u{200c}\u{feff}",
    "\u{2028}\u{2029}",
    "\0",
    "\r\n",
    "Министерство цифрового развития",
    "Приёмная: пн–пт 9:00–18:00",
    "«Госуслуги»",
    "ё",
    "😀",
    " ",
];

/// Addresses: valid ones of every kind the validator accepts, and ones it must refuse.
pub const URL_FRAGMENTS: &[&str] = &[
    "/static/placeholder.svg",
    "docs/a.pdf",
    "https://mincifra.ru/",
    "https://rutube.ru/play/embed/1",
    "https://vk.com/video_ext.php?oid=1",
    "https://vkvideo.ru/x",
    "https://pos.gosuslugi.ru/form",
    "https://RUTUBE.RU/x",
    "https://rutube.ru.evil.example/",
    "https://evil.example@rutube.ru/",
    "https://rutube.ru:8443/",
    "https://ё",
    "https:/ё",
    "http://example.ru/",
    "//evil.example/",
    "mailto:info@mincifra.ru",
    "tel:+74912000000",
    "#top",
    "#",
    "",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "\u{1}javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:x",
    "data:text/html;base64,PHNjcmlwdD4=",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "\\\\evil.example\\x",
    "/\\evil.example",
    "https://x\" onerror=\"alert(1)",
];

/// Any string a document field may hold: pieces of the fragments above, plain text, or noise.
pub fn any_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(HOSTILE_FRAGMENTS).prop_map(str::to_string),
        1 => prop::sample::select(URL_FRAGMENTS).prop_map(str::to_string),
        2 => "[а-яё А-ЯЁ0-9.,]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    vec(piece, 0..4).prop_map(|pieces| pieces.concat())
}

/// A link or picture address.
pub fn any_url() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(URL_FRAGMENTS).prop_map(str::to_string),
        1 => (prop::sample::select(URL_FRAGMENTS), any_text()).prop_map(|(url, tail)| format!("{url}{tail}")),
        1 => any_text(),
    ]
}

/// Block and page ids: mostly well formed (so validation reaches the rest), sometimes not.
pub fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-z][a-z0-9_-]{0,6}", 1 => any_text()]
}

fn text_run() -> impl Strategy<Value = TextRun> {
    (any_text(), any::<bool>(), any::<bool>(), option::of(any_url())).prop_map(|(text, bold, italic, link)| TextRun { text, bold, italic, link })
}

fn runs() -> impl Strategy<Value = Vec<TextRun>> {
    vec(text_run(), 0..3)
}

fn text_block() -> impl Strategy<Value = TextBlock> {
    prop_oneof![
        runs().prop_map(|runs| TextBlock::Paragraph { runs }),
        (any::<u8>(), runs()).prop_map(|(level, runs)| TextBlock::Heading { level, runs }),
        (any::<bool>(), vec(runs(), 0..3)).prop_map(|(ordered, items)| TextBlock::List { ordered, items }),
        (runs(), any_text()).prop_map(|(runs, cite)| TextBlock::Quote { runs, cite }),
    ]
}

/// Finite coordinates: JSON has no NaN, so a document cannot carry one.
fn coordinate() -> impl Strategy<Value = Option<f64>> {
    option::of(prop_oneof![-90.0..90.0f64, Just(0.0), Just(-0.0), Just(1e300)])
}

/// Every block kind that holds no other blocks.
pub fn leaf_block() -> impl Strategy<Value = Block> {
    let t = any_text;
    prop_oneof![
        (any_id(), any::<u8>(), t()).prop_map(|(id, level, text)| Block::Heading(Heading { id, level, text })),
        (any_id(), vec(text_block(), 0..3)).prop_map(|(id, content)| Block::Text(Text { id, content })),
        (any_id(), any_url(), t(), any::<bool>(), t()).prop_map(|(id, src, alt, decorative, caption)| Block::Image(Image { id, src, alt, decorative, caption })),
        (any_id(), t(), vec((any_url(), t(), t()), 0..3)).prop_map(|(id, title, images)| Block::Gallery(Gallery {
            id,
            title,
            images: images.into_iter().map(|(src, alt, caption)| GalleryImage { src, alt, caption }).collect(),
        })),
        (any_id(), t(), any_url(), any::<bool>()).prop_map(|(id, label, href, secondary)| Block::Button(Button {
            id,
            label,
            href,
            variant: if secondary { ButtonVariant::Secondary } else { ButtonVariant::Primary },
        })),
        (any_id(), t(), any_url(), t(), any::<u64>()).prop_map(|(id, label, href, format, size_bytes)| Block::FileLink(FileLink { id, label, href, format, size_bytes })),
        (any_id(), t(), any::<bool>(), vec(vec(t(), 0..4), 0..4)).prop_map(|(id, caption, header_row, rows)| Block::Table(Table { id, caption, header_row, rows })),
        (any_id(), t(), t(), any_url(), t(), any_url()).prop_map(|(id, title, text, image_src, image_alt, href)| Block::Card(Card { id, title, text, image_src, image_alt, href })),
        (any_id(), (t(), t()), any_url(), t(), t(), any_url()).prop_map(|(id, (title, text), image_src, image_alt, button_label, button_href)| Block::Hero(Hero {
            id,
            title,
            text,
            image_src,
            image_alt,
            button_label,
            button_href,
        })),
        any_id().prop_map(|id| Block::Divider(Divider { id })),
        (any_id(), prop::sample::select(&[SpacerSize::Small, SpacerSize::Medium, SpacerSize::Large][..])).prop_map(|(id, size)| Block::Spacer(Spacer { id, size })),
        (any_id(), t(), t(), t(), t(), t(), t()).prop_map(|(id, name, position, phone, email, address, hours)| Block::ContactCard(ContactCard { id, name, position, phone, email, address, hours })),
        (any_id(), t(), t(), coordinate(), coordinate()).prop_map(|(id, title, address, latitude, longitude)| Block::Map(Map { id, title, address, latitude, longitude })),
        (any_id(), t(), any_url()).prop_map(|(id, title, url)| Block::Embed(Embed { id, title, url })),
        any_id().prop_map(|id| Block::Breadcrumbs(Breadcrumbs { id })),
        (any_id(), t(), vec((t(), any_url()), 0..3)).prop_map(|(id, title, links)| Block::Menu(Menu {
            id,
            title,
            links: links.into_iter().map(|(label, href)| LinkItem { label, href }).collect(),
        })),
        any_id().prop_map(|id| Block::SearchBox(SearchBox { id })),
        (any_id(), t(), any::<u16>()).prop_map(|(id, title, limit)| Block::NewsFeed(NewsFeed { id, title, limit })),
        (any_id(), news_id()).prop_map(|(id, news_id)| Block::NewsItem(NewsItemBlock { id, news_id })),
        (any_id(), t(), any::<u16>()).prop_map(|(id, title, limit)| Block::Announcements(Announcements { id, title, limit })),
        (any_id(), t(), t()).prop_map(|(id, title, kind)| Block::DocumentList(DocumentList { id, title, kind })),
        (any_id(), t(), t()).prop_map(|(id, title, department)| Block::StaffDirectory(StaffDirectory { id, title, department })),
        (any_id(), t()).prop_map(|(id, title)| Block::PhoneDirectory(PhoneDirectory { id, title })),
        (any_id(), t()).prop_map(|(id, title)| Block::ReceptionSchedule(ReceptionSchedule { id, title })),
        (any_id(), t()).prop_map(|(id, title)| Block::Vacancies(Vacancies { id, title })),
        (any_id(), t(), vec(t(), 0..3), any::<bool>()).prop_map(|(id, title, topics, show_answers)| Block::AppealForm(AppealForm { id, title, topics, show_answers })),
        (any_id(), news_id()).prop_map(|(id, poll_id)| Block::Poll(PollBlock { id, poll_id })),
        (any_id(), t(), vec((social_network(), any_url()), 0..3), any_url()).prop_map(|(id, title, links, pos_widget)| Block::SocialLinks(SocialLinks {
            id,
            title,
            links: links.into_iter().map(|(network, url)| SocialLink { network, url }).collect(),
            pos_widget,
        })),
        (any_id(), t()).prop_map(|(id, title)| Block::AppealAnalysis(AppealAnalysis { id, title })),
        (any_id(), t(), t(), t(), t()).prop_map(|(id, title, document_href, summary, closes)| Block::Discussion(Discussion {
            id,
            title,
            document_href,
            opens: "2026-01-01".into(),
            closes,
            summary,
        })),
    ]
}

/// Ids that data blocks refer to: often ones [`render_data`] uses, so items are found.
fn news_id() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), Just("n1".to_string()), any_text()]
}

fn social_network() -> impl Strategy<Value = SocialNetwork> {
    prop::sample::select(&[SocialNetwork::Vk, SocialNetwork::Ok, SocialNetwork::Telegram, SocialNetwork::Max, SocialNetwork::Rutube][..])
}

/// Any block, containers nested up to three levels (deeper than validation allows).
pub fn any_block() -> impl Strategy<Value = Block> {
    leaf_block().prop_recursive(3, 24, 3, |inner| {
        let blocks = vec(inner, 0..3);
        prop_oneof![
            (any_id(), any_text(), blocks.clone()).prop_map(|(id, title, blocks)| Block::Section(Section { id, title, blocks })),
            (any_id(), vec(blocks.clone(), 0..4)).prop_map(|(id, columns)| Block::Columns(Columns {
                id,
                columns: columns.into_iter().map(|blocks| Column { blocks }).collect(),
            })),
            (any_id(), vec((any_text(), blocks.clone()), 0..3)).prop_map(|(id, tabs)| Block::Tabs(Tabs { id, tabs: panels(tabs) })),
            (any_id(), vec((any_text(), blocks), 0..3)).prop_map(|(id, items)| Block::Accordion(Accordion { id, items: panels(items) })),
        ]
    })
}

fn panels(pairs: Vec<(String, Vec<Block>)>) -> Vec<Panel> {
    pairs.into_iter().map(|(title, blocks)| Panel { title, blocks }).collect()
}

fn any_page() -> impl Strategy<Value = Page> {
    let prescribed = prop::sample::select(civic_shared::validate::PRESCRIBED_SLUGS).prop_map(str::to_string);
    let slug = prop_oneof![3 => "[a-z0-9-]{1,10}", 1 => any_text(), 1 => prescribed];
    (slug, any_text(), any_text(), option::of(any_id()), any::<bool>(), any::<bool>(), vec(any_block(), 0..5)).prop_map(
        |(slug, title, description, parent, in_menu, mandatory, blocks)| Page { slug, title, description, parent, in_menu, mandatory, blocks },
    )
}

fn color() -> impl Strategy<Value = String> {
    prop_oneof![3 => "#[0-9a-fA-F]{6}", 1 => any_text()]
}

/// A whole document with one to four pages (ids and slugs may clash: validation reports that).
pub fn site_document() -> impl Strategy<Value = SiteDocument> {
    let kind = prop::sample::select(&[OrgKind::ExecutiveBody, OrgKind::Municipality, OrgKind::School, OrgKind::Kindergarten, OrgKind::Medical][..]);
    let meta = (any_text(), kind, any_text(), any_text()).prop_map(|(name, kind, tagline, contacts)| SiteMeta { name, kind, tagline, contacts });
    let font = prop_oneof![Just(ThemeFont::Sans), Just(ThemeFont::Serif)];
    let footer_links = vec((any_text(), any_url()), 0..3);
    let theme = (color(), color(), font, any_url(), footer_links).prop_map(|(primary_color, accent_color, font, logo_src, links)| Theme {
        primary_color,
        accent_color,
        font,
        logo_src,
        footer_links: links.into_iter().map(|(label, href)| LinkItem { label, href }).collect(),
    });
    // Ids may repeat; the map keeps the last page of an id, so there is always one page.
    (meta, theme, vec((any_id(), any_page()), 1..4))
        .prop_map(|(site, theme, pages)| SiteDocument { schema_version: SCHEMA_VERSION, site, theme, pages: pages.into_iter().collect() })
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![3 => "20[0-9]{2}-[01][0-9]-[0-3][0-9]", 1 => "[0-9]{4}-0[1-3]-[0-3][0-9]", 1 => any_text()]
}

fn picture() -> impl Strategy<Value = Option<(String, String)>> {
    option::of((any_url(), any_text()))
}

fn counts() -> impl Strategy<Value = Vec<(String, u64)>> {
    vec((any_text(), any::<u64>()), 0..4)
}

/// Collections for data blocks: hostile text everywhere, ids the blocks may ask for.
pub fn render_data() -> impl Strategy<Value = RenderData> {
    let t = any_text;
    let news = vec(
        (news_id(), t(), date(), t(), vec(t(), 0..3), picture()).prop_map(|(id, title, date, summary, body, image)| NewsItem { id, title, date, summary, body, image }),
        0..4,
    );
    let announcements = vec((t(), t(), date(), t()).prop_map(|(id, title, date, text)| Announcement { id, title, date, text }), 0..3);
    let status = prop::sample::select(&[DocumentStatus::InForce, DocumentStatus::Void, DocumentStatus::Draft][..]);
    let documents = vec(
        ((t(), t(), t(), t()), date(), status, any_url(), any::<u64>()).prop_map(|((id, title, kind, number), date, status, file_url, file_size)| DocumentItem {
            id,
            title,
            kind,
            number,
            date,
            status,
            file_url,
            file_size,
        }),
        0..3,
    );
    let staff = vec(
        (t(), t(), t(), t(), t(), t(), picture()).prop_map(|(id, name, position, department, phone, email, photo)| StaffMember { id, name, position, department, phone, email, photo }),
        0..3,
    );
    let phones = vec((t(), t(), t(), t(), t()).prop_map(|(id, department, name, position, phone)| PhoneEntry { id, department, name, position, phone }), 0..3);
    let reception = vec(
        (t(), t(), t(), t(), t(), t(), t()).prop_map(|(id, official, position, days, hours, place, booking)| ReceptionSlot { id, official, position, days, hours, place, booking }),
        0..3,
    );
    let vacancies = vec(
        (t(), t(), t(), t(), t(), t()).prop_map(|(id, title, department, salary, requirements, contact)| Vacancy { id, title, department, salary, requirements, contact }),
        0..3,
    );
    let poll_options = vec((t(), t(), any::<u64>()).prop_map(|(id, text, votes)| PollOption { id, text, votes }), 0..4);
    let polls = vec(
        (news_id(), t(), any::<bool>(), any::<bool>(), (date(), date()), (any::<bool>(), any::<bool>()), poll_options).prop_map(
            |(id, question, multiple, open, (opens, closes), (show_results, login_required), options)| Poll {
                id,
                question,
                multiple,
                open,
                opens,
                closes,
                show_results,
                login_required,
                options,
            },
        ),
        0..3,
    );
    let stats = option::of((t(), any::<u64>(), any::<u8>(), counts(), counts(), counts()).prop_map(|(period, total, on_time_percent, by_topic, by_month, by_outcome)| AppealStats {
        period,
        total,
        on_time_percent,
        by_topic,
        by_month,
        by_outcome,
    }));
    let comments = vec(
        (t(), t(), t()).prop_map(|(name, text, date)| Comment { discussion: "page/discussion".into(), name, text, date }),
        0..4,
    );
    let answers = vec(
        ((t(), t(), t()), (t(), t())).prop_map(|((number, topic, question), (answer, answered_on))| PublishedAnswer { number, topic, question, answer, answered_on }),
        0..3,
    );
    ((news, announcements, documents), (staff, phones, reception), (vacancies, polls, stats), (comments, answers)).prop_map(
        |((news, announcements, documents), (staff, phones, reception), (vacancies, polls, appeal_stats), (comments, published_answers))| RenderData {
            news,
            announcements,
            documents,
            staff,
            phones,
            reception,
            vacancies,
            polls,
            appeal_stats,
            comments,
            published_answers,
        },
    )
}
