//! What the law requires each kind of official site to publish, and a checker that compares a
//! site with it.
//!
//! A rule set is data: one per organisation kind, named by the legal acts it rests on and the
//! date it takes effect, every item with its own legal source. Its items come from the kind's
//! template ([`crate::templates`]: the mandatory pages and the data they show) and, for schools
//! and kindergartens, from Rosobrnadzor's table of fields ([`sveden`]). The checker is pure:
//! the document and the site's collections in, a [`Report`] out; the constructor runs it in the
//! browser as the editor types, the server when a site is published and for the operator's
//! dashboard.

pub mod sveden;

use serde::Serialize;

use crate::blocks::Block;
use crate::collections::RenderData;
use crate::document::{OrgKind, Page, SiteDocument};
use crate::messages::Lang;
use crate::templates;
use sveden::{SvedenItem, SvedenSection};

/// The legal ground of one organisation kind's rules, from a date on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleSet {
    pub kind: OrgKind,
    /// The acts, as cited to the editor.
    pub acts: &'static [&'static str],
    /// The day the rule set takes effect, `YYYY-MM-DD`.
    pub in_force_from: &'static str,
}

const RYAZAN_DECREE: &str = "Постановление Министерства цифрового развития, информационных технологий и связи Рязанской области \
     «Об эксплуатации государственной информационной системы „Единая технологическая платформа для официальных сайтов \
     исполнительных органов Рязанской области“» (2024), приложение № 3 «Типовая структура официального сайта»";
const LAW_8_FZ: &str = "Федеральный закон от 09.02.2009 № 8-ФЗ «Об обеспечении доступа к информации о деятельности государственных органов \
     и органов местного самоуправления», статья 13";
const ORDER_1493: &str = "Приказ Рособрнадзора от 04.08.2023 № 1493 (в редакции приказа № 1353, 2025)";
const RECOMMENDATIONS: &str = "Методические рекомендации Рособрнадзора по представлению информации об образовательной организации, версия 9.0.0 (2025)";
const DECREE_1802: &str = "Постановление Правительства РФ от 20.10.2021 № 1802 «Об утверждении Правил размещения на официальном сайте \
     образовательной организации…»";
const ORDER_118N: &str = "Приказ Минздрава России № 118н (2025) о требованиях к размещению информации медицинскими организациями";

/// Every rule set, oldest first within a kind. A new act gets a new entry with its date; the
/// older one keeps checking what was published before it.
pub static RULE_SETS: &[RuleSet] = &[
    RuleSet { kind: OrgKind::ExecutiveBody, acts: &[RYAZAN_DECREE], in_force_from: "2024-01-01" },
    RuleSet { kind: OrgKind::Municipality, acts: &[RYAZAN_DECREE, LAW_8_FZ], in_force_from: "2024-01-01" },
    RuleSet { kind: OrgKind::School, acts: &[DECREE_1802, ORDER_1493, RECOMMENDATIONS], in_force_from: "2025-09-01" },
    RuleSet { kind: OrgKind::Kindergarten, acts: &[DECREE_1802, ORDER_1493, RECOMMENDATIONS], in_force_from: "2025-09-01" },
    RuleSet { kind: OrgKind::Medical, acts: &[ORDER_118N], in_force_from: "2025-09-01" },
];

/// The rule set of `kind` in force on `date` (`YYYY-MM-DD`); before the first one, the first.
pub fn rule_set(kind: OrgKind, date: &str) -> &'static RuleSet {
    let of_kind = || RULE_SETS.iter().filter(move |set| set.kind == kind);
    of_kind()
        .rfind(|set| set.in_force_from <= date)
        .or_else(|| of_kind().next())
        .expect("every kind has a rule set")
}

/// How far one item is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Present,
    Incomplete,
    Missing,
}

/// What is wrong with an item, in words a clerk understands ([`Gap::message`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum Gap {
    /// The page is not in the site.
    NoPage,
    /// The page is not at the address outside checkers look at.
    WrongAddress { expected: String },
    /// The page still shows the template's text that says what to write.
    StarterText,
    /// The page has nothing on it.
    EmptyPage,
    /// The page lacks the block that shows this data.
    NoBlock,
    /// The collection the block shows is empty.
    NoData,
    /// The page has no block of «Сведения» for its subsection.
    NoSvedenBlock,
    /// The field is empty; `may_be_absent`: the page may say «отсутствует» instead.
    EmptyField { may_be_absent: bool },
    /// Some rows of a table lack required values.
    IncompleteRows { rows: usize },
}

impl Gap {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Gap::NoPage, Lang::Ru) => "страницы нет на сайте".into(),
            (Gap::NoPage, Lang::En) => "the page is missing".into(),
            (Gap::WrongAddress { expected }, Lang::Ru) => format!("страница должна открываться по адресу /{expected}"),
            (Gap::WrongAddress { expected }, Lang::En) => format!("the page must be at /{expected}"),
            (Gap::StarterText, Lang::Ru) => "на странице остался текст-подсказка шаблона: замените его сведениями".into(),
            (Gap::StarterText, Lang::En) => "the page still shows the template's hint: replace it with the information".into(),
            (Gap::EmptyPage, Lang::Ru) => "страница пустая".into(),
            (Gap::EmptyPage, Lang::En) => "the page is empty".into(),
            (Gap::NoBlock, Lang::Ru) => "на странице нет блока с этими сведениями".into(),
            (Gap::NoBlock, Lang::En) => "the page has no block showing this".into(),
            (Gap::NoData, Lang::Ru) => "список пуст: добавьте записи в разделе «Данные»".into(),
            (Gap::NoData, Lang::En) => "the list is empty: add entries under «Data»".into(),
            (Gap::NoSvedenBlock, Lang::Ru) => "на странице нет блока «Сведения об образовательной организации» этого подраздела".into(),
            (Gap::NoSvedenBlock, Lang::En) => "the page has no «Сведения» block of this subsection".into(),
            (Gap::EmptyField { may_be_absent: true }, Lang::Ru) => "не заполнено; если сведений нет, напишите «отсутствует»".into(),
            (Gap::EmptyField { may_be_absent: true }, Lang::En) => "empty; if there is none, write «отсутствует»".into(),
            (Gap::EmptyField { may_be_absent: false }, Lang::Ru) => "не заполнено".into(),
            (Gap::EmptyField { may_be_absent: false }, Lang::En) => "empty".into(),
            (Gap::IncompleteRows { rows }, Lang::Ru) => format!("строк с незаполненными сведениями: {rows}"),
            (Gap::IncompleteRows { rows }, Lang::En) => format!("rows with empty values: {rows}"),
        }
    }
}

/// One item of the rule set and how the site meets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable: `page:<page id>`, `data:<page id>:<block type>`, `sveden:<subsection>:<itemprop>`.
    pub id: String,
    /// What must be published (Russian, as the law names it).
    pub title: String,
    /// The legal source of the item.
    pub source: String,
    pub status: Status,
    /// Why it is not present; `None` when it is.
    pub gap: Option<Gap>,
    /// Where to fix it: the page…
    pub page: String,
    /// …and the block, when there is one to open.
    pub block: Option<String>,
}

/// A site against its rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub rule_set: &'static RuleSet,
    pub findings: Vec<Finding>,
}

impl Report {
    /// How many findings have this status.
    pub fn count(&self, status: Status) -> usize {
        self.findings.iter().filter(|finding| finding.status == status).count()
    }

    /// 0–100: a present item counts whole, an incomplete one half. 100 only when all are present.
    pub fn score(&self) -> u8 {
        if self.findings.is_empty() {
            return 100;
        }
        let halves = 2 * self.count(Status::Present) + self.count(Status::Incomplete);
        (halves * 100 / (2 * self.findings.len())) as u8
    }

    /// The findings that are not present, in rule order.
    pub fn gaps(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|finding| finding.status != Status::Present)
    }

    /// The short record the platform keeps per site (the operator's dashboard).
    pub fn summary(&self) -> Summary {
        Summary {
            score: self.score(),
            present: self.count(Status::Present),
            incomplete: self.count(Status::Incomplete),
            missing: self.count(Status::Missing),
            in_force_from: self.rule_set.in_force_from,
        }
    }
}

/// A report in numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub score: u8,
    pub present: usize,
    pub incomplete: usize,
    pub missing: usize,
    pub in_force_from: &'static str,
}

/// Checks the site against the rule set of its kind in force on `date` (`YYYY-MM-DD`).
pub fn check(doc: &SiteDocument, data: &RenderData, date: &str) -> Report {
    let kind = doc.site.kind;
    let rule_set = rule_set(kind, date);
    let template = templates::starter(kind, &doc.site.name);
    let mut findings = Vec::new();
    for (id, expected) in template.pages.iter().filter(|(_, page)| page.mandatory) {
        let source = page_source(kind, id, &expected.title);
        let page = doc.pages.get(id);
        findings.push(page_finding(doc, &template, id, expected, page, &source));
        if id != "home" {
            for block in &expected.blocks {
                if let Some(finding) = data_finding(id, expected, block, page, data, &source) {
                    findings.push(finding);
                }
            }
        }
        if let Some(section) = id.strip_prefix("sveden-").and_then(sveden::section) {
            findings.extend(sveden_findings(kind, id, section, page));
        }
    }
    Report { rule_set, findings }
}

/// The legal source of a mandatory page of `kind`.
fn page_source(kind: OrgKind, id: &str, title: &str) -> String {
    match kind {
        OrgKind::Municipality if matches!(id, "general" | "structure" | "powers" | "subordinate" | "leadership" | "contacts") => {
            format!("{LAW_8_FZ}, часть 1, пункт 1")
        }
        OrgKind::ExecutiveBody | OrgKind::Municipality => format!("{RYAZAN_DECREE}, раздел «{title}»*"),
        OrgKind::School | OrgKind::Kindergarten => match id.strip_prefix("sveden-").and_then(sveden::section) {
            Some(section) => format!("{ORDER_1493}; {RECOMMENDATIONS}, таблица 3.1, подраздел «{}»", section.title),
            None => format!("{ORDER_1493}, пункт 3; {DECREE_1802}"),
        },
        OrgKind::Medical => format!("{ORDER_118N}: «{title}»"),
    }
}

fn page_finding(doc: &SiteDocument, template: &SiteDocument, id: &str, expected: &Page, page: Option<&Page>, source: &str) -> Finding {
    let gap = match page {
        None => Some(Gap::NoPage),
        Some(page) => {
            let expected_path = template.page_path(id).unwrap_or_default();
            let fixed_address = matches!(doc.site.kind, OrgKind::School | OrgKind::Kindergarten);
            if fixed_address && doc.page_path(id).as_deref() != Some(expected_path.as_str()) {
                Some(Gap::WrongAddress { expected: expected_path })
            } else if has_starter_text(page, expected) {
                Some(Gap::StarterText)
            } else if !page.blocks.iter().any(has_content) {
                Some(Gap::EmptyPage)
            } else {
                None
            }
        }
    };
    finding(format!("page:{id}"), expected.title.clone(), source, gap, id, None)
}

/// A data block of a mandatory page, and whether its collection has entries.
fn data_finding(id: &str, expected: &Page, block: &Block, page: Option<&Page>, data: &RenderData, source: &str) -> Option<Finding> {
    let (title, has_data) = match block {
        Block::PhoneDirectory(_) => ("Телефонный справочник", !data.phones.is_empty()),
        Block::ReceptionSchedule(_) => ("График приема граждан", !data.reception.is_empty()),
        Block::NewsFeed(_) => ("Новости", !data.news.is_empty()),
        Block::Announcements(_) => ("Анонсы и объявления", !data.announcements.is_empty()),
        Block::DocumentList(_) => ("Документы", !data.documents.is_empty()),
        Block::StaffDirectory(_) => ("Сотрудники", !data.staff.is_empty()),
        Block::Vacancies(_) => ("Вакансии", !data.vacancies.is_empty()),
        Block::AppealForm(_) => ("Форма обращения", true),
        Block::AppealAnalysis(_) => ("Анализ обращений", true),
        _ => return None,
    };
    let type_name = block.type_name();
    let shown = page.and_then(|page| crate::blocks::find_block(&page.blocks, &|b| b.type_name() == type_name));
    let gap = match (page, shown) {
        (None, _) => Some(Gap::NoPage),
        (Some(_), None) => Some(Gap::NoBlock),
        (Some(_), Some(_)) if !has_data => Some(Gap::NoData),
        _ => None,
    };
    let title = format!("{}: {}", expected.title, title.to_lowercase());
    Some(finding(format!("data:{id}:{type_name}"), title, source, gap, id, shown.map(|b| b.id().to_string())))
}

/// Every field and main tag of a subsection that the kind publishes.
fn sveden_findings(kind: OrgKind, page_id: &str, section: &SvedenSection, page: Option<&Page>) -> Vec<Finding> {
    let block = page.and_then(|page| {
        crate::blocks::find_block(&page.blocks, &|b| matches!(b, Block::Sveden(s) if s.section == section.slug)).and_then(|b| match b {
            Block::Sveden(s) => Some(s),
            _ => None,
        })
    });
    let source = format!("{RECOMMENDATIONS}, таблица {}", section.table);
    section
        .items
        .iter()
        .filter(|item| item.applies_to(kind))
        .map(|item| {
            let (itemprop, title) = match item {
                SvedenItem::Field(field) => (field.itemprop, field.label),
                SvedenItem::Group(group) => (group.itemprop, group.label),
            };
            let gap = match (page, block) {
                (None, _) => Some(Gap::NoPage),
                (Some(_), None) => Some(Gap::NoSvedenBlock),
                (Some(_), Some(block)) => sveden_gap(kind, item, block),
            };
            let title = format!("{}: {title} (itemprop=\"{itemprop}\")", section.title);
            finding(format!("sveden:{}:{itemprop}", section.slug), title, &source, gap, page_id, block.map(|b| b.id.clone()))
        })
        .collect()
}

fn sveden_gap(kind: OrgKind, item: &SvedenItem, block: &crate::blocks::Sveden) -> Option<Gap> {
    let filled = |value: Option<&String>| value.is_some_and(|v| !v.trim().is_empty());
    match item {
        SvedenItem::Field(field) => {
            (!filled(block.values.get(field.itemprop))).then_some(Gap::EmptyField { may_be_absent: field.may_be_absent })
        }
        SvedenItem::Group(group) => {
            let rows = block.groups.get(group.itemprop).map(Vec::as_slice).unwrap_or_default();
            if rows.is_empty() {
                return Some(Gap::EmptyField { may_be_absent: group.may_be_absent });
            }
            let required = || group.fields.iter().filter(|f| !f.may_be_absent && SvedenItem::Field(**f).applies_to(kind));
            let said_absent = |row: &indexmap::IndexMap<String, String>| row.values().any(|v| sveden::is_absent(v));
            let incomplete = rows.iter().filter(|row| !said_absent(row) && required().any(|f| !filled(row.get(f.itemprop)))).count();
            (incomplete > 0).then_some(Gap::IncompleteRows { rows: incomplete })
        }
    }
}

fn finding(id: String, title: String, source: &str, gap: Option<Gap>, page: &str, block: Option<String>) -> Finding {
    let status = match &gap {
        None => Status::Present,
        Some(Gap::NoPage | Gap::NoSvedenBlock | Gap::EmptyPage | Gap::EmptyField { .. }) => Status::Missing,
        Some(_) => Status::Incomplete,
    };
    Finding { id, title, source: source.to_string(), status, gap, page: page.to_string(), block }
}

/// Whether the page still shows the text its template put there to say what to write.
fn has_starter_text(page: &Page, expected: &Page) -> bool {
    let hint = expected.blocks.iter().find_map(|block| match block {
        Block::Text(text) => Some(&text.content),
        _ => None,
    });
    hint.is_some_and(|hint| crate::blocks::find_block(&page.blocks, &|block| matches!(block, Block::Text(text) if &text.content == hint)).is_some())
}

/// Whether a block shows something of its own (navigation alone is not content).
fn has_content(block: &Block) -> bool {
    match block {
        Block::Breadcrumbs(_) | Block::Divider(_) | Block::Spacer(_) | Block::SearchBox(_) => false,
        Block::Sveden(s) => !s.values.is_empty() || !s.groups.is_empty(),
        _ if !block.child_groups().is_empty() => block.children().any(has_content),
        _ => true,
    }
}

