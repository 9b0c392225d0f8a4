//! Starter templates: a new site of each organisation kind gets the pages its kind must have,
//! marked `mandatory` (the constructor keeps them from being deleted), each with a text that
//! says what to put there and the data blocks that belong on it.
//!
//! The structures and their sources:
//! - executive body: the typical structure of the Ryazan platform's decree (`seeds/002`,
//!   appendix 3), mandatory sections marked there with «*»;
//! - municipality: the same plus the general information of federal law 8-FZ, art. 13;
//! - school and kindergarten: «Сведения об образовательной организации» at `/sveden/` with the
//!   14 subsections of Rosobrnadzor order №1493 at the addresses of its methodical
//!   recommendations (v9, 2025, table 3.1);
//! - medical organisation: the information of Minzdrav order №118н (2025).
//!
//! Each kind is a table of [`PageSpec`]s (content, in Russian like every public page); this
//! module turns a table into a document.

use indexmap::IndexMap;

use crate::blocks::*;
use crate::document::{OrgKind, Page, SiteDocument, SiteMeta, Theme, SCHEMA_VERSION};

mod education;
mod executive;
mod medical;

/// One page of a template. Texts may hold the tokens of [`Words`] (`{Орган}`, `{органа}`,
/// `{орган}`), filled from the organisation's name.
pub(crate) struct PageSpec {
    /// Page id; the parent of other pages refers to it.
    pub id: &'static str,
    /// Id of the parent page; the home page's children are top-level.
    pub parent: Option<&'static str>,
    pub slug: &'static str,
    pub title: &'static str,
    /// What the editor is to put on the page: the page's starter text.
    pub hint: &'static str,
    pub mandatory: bool,
    pub in_menu: bool,
    /// Blocks after the starter text, top to bottom.
    pub blocks: &'static [Starter],
}

/// A block a starter page gets after its text.
#[derive(Clone, Copy)]
pub(crate) enum Starter {
    /// Latest news: title, how many.
    News(&'static str, u16),
    /// Announcements: title, how many.
    Announcements(&'static str, u16),
    /// Official documents: title, only of this kind (empty: all).
    Documents(&'static str, &'static str),
    /// Staff: title, only of this department (empty: all).
    Staff(&'static str, &'static str),
    /// The phone directory.
    Phones,
    /// The reception schedule of officials.
    Reception,
    /// Open vacancies.
    Vacancies,
    /// The appeal form: title, topics.
    AppealForm(&'static str, &'static [&'static str]),
    /// Figures and charts of appeals.
    AppealAnalysis,
    /// Links to the page's children, in order: title.
    Subpages(&'static str),
    /// Links to these pages (by id), in order: title.
    LinksTo(&'static str, &'static [&'static str]),
    /// The fields of a subsection of «Сведения об образовательной организации» with their
    /// microdata; the subsection is the page's own (`sveden-common` → `common`).
    SvedenFields,
}

/// How the organisation's name enters the texts of a template: «Министерство …» gets a section
/// «Министерство» at `/ministerstvo` and «Приемная министерства».
struct Words {
    /// `{Орган}`: the section about the organisation.
    title: &'static str,
    /// `{органа}`: of the organisation.
    genitive: &'static str,
    /// `{орган}`: the section's slug.
    slug: &'static str,
}

impl Words {
    /// Words from the first word of the name; a name that starts otherwise gets neutral ones.
    fn of(name: &str) -> Self {
        const KNOWN: &[(&str, &str, &str)] = &[
            ("Министерство", "министерства", "ministerstvo"),
            ("Комитет", "комитета", "komitet"),
            ("Управление", "управления", "upravlenie"),
            ("Инспекция", "инспекции", "inspektsiya"),
            ("Агентство", "агентства", "agentstvo"),
            ("Департамент", "департамента", "departament"),
            ("Служба", "службы", "sluzhba"),
            ("Администрация", "администрации", "administratsiya"),
        ];
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        KNOWN
            .iter()
            .find(|(title, _, _)| first == title.to_lowercase())
            .map_or(Self { title: "Об организации", genitive: "организации", slug: "ob-organizatsii" }, |&(title, genitive, slug)| {
                Self { title, genitive, slug }
            })
    }

    fn fill(&self, text: &str) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        text.replace("{Орган}", self.title).replace("{органа}", self.genitive).replace("{орган}", self.slug)
    }
}

/// A new site of `kind` named `name`: the kind's mandatory page structure with starter blocks,
/// the platform's theme, and nothing else. Valid as it is.
pub fn starter(kind: OrgKind, name: &str) -> SiteDocument {
    let specs = specs(kind);
    let words = Words::of(name);
    let mut doc = SiteDocument {
        schema_version: SCHEMA_VERSION,
        site: SiteMeta { name: name.to_string(), kind, tagline: TAGLINE.into(), contacts: String::new() },
        theme: Theme::platform(),
        pages: IndexMap::with_capacity(specs.len()),
    };
    for spec in &specs {
        let page = Page {
            slug: words.fill(spec.slug),
            title: words.fill(spec.title),
            description: String::new(),
            parent: spec.parent.map(str::to_string),
            in_menu: spec.in_menu,
            mandatory: spec.mandatory,
            blocks: Vec::new(),
        };
        doc.pages.insert(spec.id.to_string(), page);
    }
    // Blocks come second: links need the addresses of every page.
    for spec in &specs {
        let blocks = page_blocks(&doc, spec, &words);
        doc.pages[spec.id].blocks = blocks;
    }
    doc
}

/// The ids of the pages the template of `kind` marks mandatory, in page order.
pub fn mandatory_pages(kind: OrgKind) -> Vec<&'static str> {
    specs(kind).iter().filter(|spec| spec.mandatory).map(|spec| spec.id).collect()
}

/// The mandatory pages a new draft would drop or unmark, compared with the stored draft: the
/// server refuses such a save, so a page the law requires cannot be deleted or made optional
/// (by the constructor, by the API, or by a hand-made document).
pub fn mandatory_dropped(stored: &SiteDocument, next: &SiteDocument) -> Vec<crate::Problem> {
    stored
        .pages
        .iter()
        .filter(|(id, page)| page.mandatory && !next.pages.get(*id).is_some_and(|kept| kept.mandatory))
        .map(|(id, _)| crate::Problem { path: format!("pages.{id}"), kind: crate::ProblemKind::MandatoryPage })
        .collect()
}

const TAGLINE: &str = "Официальный сайт";

pub(crate) fn specs(kind: OrgKind) -> Vec<PageSpec> {
    match kind {
        OrgKind::ExecutiveBody => executive::executive_body(),
        OrgKind::Municipality => executive::municipality(),
        OrgKind::School => education::school(),
        OrgKind::Kindergarten => education::kindergarten(),
        OrgKind::Medical => medical::medical(),
    }
}

fn page_blocks(doc: &SiteDocument, spec: &PageSpec, words: &Words) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(spec.blocks.len() + 2);
    if spec.parent.is_some() {
        blocks.push(Block::Breadcrumbs(Breadcrumbs { id: "crumbs".into() }));
    }
    blocks.push(Block::Text(Text { id: "hint".into(), content: vec![TextBlock::Paragraph { runs: vec![TextRun::plain(words.fill(spec.hint))] }] }));
    for starter in spec.blocks {
        blocks.push(starter_block(doc, spec.id, *starter));
    }
    blocks
}

fn starter_block(doc: &SiteDocument, page_id: &str, starter: Starter) -> Block {
    let title = String::from;
    match starter {
        Starter::News(t, limit) => Block::NewsFeed(NewsFeed { id: "news".into(), title: title(t), limit }),
        Starter::Announcements(t, limit) => Block::Announcements(Announcements { id: "announcements".into(), title: title(t), limit }),
        Starter::Documents(t, kind) => Block::DocumentList(DocumentList { id: "documents".into(), title: title(t), kind: kind.into() }),
        Starter::Staff(t, department) => {
            Block::StaffDirectory(StaffDirectory { id: "staff".into(), title: title(t), department: department.into() })
        }
        Starter::Phones => Block::PhoneDirectory(PhoneDirectory { id: "phones".into(), title: String::new() }),
        Starter::Reception => Block::ReceptionSchedule(ReceptionSchedule { id: "reception".into(), title: String::new() }),
        Starter::Vacancies => Block::Vacancies(Vacancies { id: "vacancies".into(), title: String::new() }),
        Starter::AppealForm(t, topics) => {
            Block::AppealForm(AppealForm { id: "appeal-form".into(), title: title(t), topics: topics.iter().map(|t| t.to_string()).collect(), show_answers: true })
        }
        Starter::AppealAnalysis => Block::AppealAnalysis(AppealAnalysis { id: "analysis".into(), title: String::new() }),
        Starter::Subpages(t) => {
            let children: Vec<&str> =
                doc.pages.iter().filter(|(_, page)| page.parent.as_deref() == Some(page_id)).map(|(id, _)| id.as_str()).collect();
            links_menu(doc, "subpages", t, &children)
        }
        Starter::LinksTo(t, ids) => links_menu(doc, "links", t, ids),
        Starter::SvedenFields => Block::Sveden(Sveden {
            id: "sveden".into(),
            section: page_id.strip_prefix("sveden-").unwrap_or(page_id).into(),
            ..Sveden::default()
        }),
    }
}

/// A menu of links to pages by id. Links are page paths, which the renderer resolves against
/// the site's root, so they work from any page.
fn links_menu(doc: &SiteDocument, id: &str, title: &str, page_ids: &[&str]) -> Block {
    let links = page_ids
        .iter()
        .filter_map(|page_id| Some(LinkItem { label: doc.pages.get(*page_id)?.title.clone(), href: doc.page_path(page_id)? }))
        .collect();
    Block::Menu(Menu { id: id.into(), title: title.into(), links })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    const KINDS: [OrgKind; 5] = [OrgKind::ExecutiveBody, OrgKind::Municipality, OrgKind::School, OrgKind::Kindergarten, OrgKind::Medical];

    #[test]
    fn every_starter_is_valid() {
        for kind in KINDS {
            let doc = starter(kind, "Министерство образования Рязанской области");
            assert_eq!(validate(&doc), vec![], "{kind:?}");
            assert_eq!(doc.site.kind, kind);
            let again = SiteDocument::from_json(&doc.to_json()).unwrap();
            assert_eq!(again, doc, "{kind:?} round-trips through JSON");
        }
    }

    #[test]
    fn the_home_page_comes_first_and_is_mandatory() {
        for kind in KINDS {
            let doc = starter(kind, "Организация");
            let (id, home) = doc.home_page().unwrap();
            assert_eq!(id, "home");
            assert!(home.mandatory && home.in_menu, "{kind:?}");
            assert_eq!(mandatory_pages(kind).first(), Some(&"home"));
            for id in mandatory_pages(kind) {
                assert!(doc.pages[id].mandatory, "{kind:?} {id}");
            }
        }
    }

    /// Appendix 3 of the Ryazan decree, its «*» sections and the home page's subsections.
    #[test]
    fn executive_body_has_the_typical_structure() {
        let doc = starter(OrgKind::ExecutiveBody, "Министерство цифрового развития Рязанской области");
        let top: Vec<&str> = doc.pages.iter().filter(|(_, p)| p.in_menu).map(|(_, p)| p.title.as_str()).collect();
        assert_eq!(top, ["Главная", "Министерство", "Направления", "Деятельность", "Документы", "Контакты"]);
        let under_home: Vec<&str> = doc.pages.values().filter(|p| p.parent.as_deref() == Some("home")).map(|p| p.title.as_str()).collect();
        assert_eq!(
            under_home,
            [
                "Новости",
                "Телефонный справочник",
                "Приемная министерства",
                "Порядок приема и рассмотрения обращений",
                "График приема граждан",
                "Анализ обращений",
                "Анонсы и объявления"
            ]
        );
        assert_eq!(doc.page_by_path("ministerstvo/rukovodstvo").unwrap().1.title, "Руководство");
        assert_eq!(doc.page_by_path("analiz-obrashcheniy").unwrap().0, "analysis");
        assert!(doc.pages.values().filter(|p| p.mandatory).count() >= 12);
        let committee = starter(OrgKind::ExecutiveBody, "Комитет по делам молодёжи");
        assert_eq!(committee.pages["about"].slug, "komitet");
        assert_eq!(committee.pages["reception"].title, "Приемная комитета");
        let other = starter(OrgKind::ExecutiveBody, "ГКУ «Центр»");
        assert_eq!(other.pages["about"].title, "Об организации");
    }

    #[test]
    fn municipality_adds_the_general_information_of_8_fz() {
        let doc = starter(OrgKind::Municipality, "Администрация муниципального образования");
        assert_eq!(doc.pages["about"].slug, "administratsiya");
        for id in ["general", "powers", "subordinate", "structure", "leadership", "contacts", "appeals", "schedule"] {
            assert!(doc.pages[id].mandatory, "{id}");
        }
        let Some(Block::Menu(menu)) = doc.pages["general"].blocks.iter().find(|b| b.id() == "links") else { panic!("no links") };
        let hrefs: Vec<&str> = menu.links.iter().map(|l| l.href.as_str()).collect();
        assert!(hrefs.contains(&"administratsiya/struktura") && hrefs.contains(&"obrashcheniya"), "{hrefs:?}");
    }

    /// Table 3.1 of Rosobrnadzor's methodical recommendations: every address, in this order.
    #[test]
    fn schools_and_kindergartens_have_sveden_at_the_prescribed_addresses() {
        const SVEDEN: [&str; 14] = [
            "common", "struct", "document", "education", "eduStandarts", "managers", "employees", "objects", "grants", "paid_edu",
            "budget", "vacant", "inter", "catering",
        ];
        for kind in [OrgKind::School, OrgKind::Kindergarten] {
            let doc = starter(kind, "МБОУ «Школа № 1»");
            let (sveden, section) = doc.page_by_path("sveden").unwrap();
            assert_eq!(section.title, "Сведения об образовательной организации");
            assert!(section.mandatory && section.in_menu);
            let children: Vec<&str> = doc.pages.values().filter(|p| p.parent.as_deref() == Some(sveden.as_str())).map(|p| p.slug.as_str()).collect();
            assert_eq!(children, SVEDEN, "{kind:?}");
            for slug in SVEDEN {
                let (_, page) = doc.page_by_path(&format!("sveden/{slug}")).unwrap();
                assert!(page.mandatory && !page.in_menu, "{slug}");
            }
            let Some(Block::Menu(menu)) = section.blocks.iter().find(|b| b.id() == "subpages") else { panic!("no subpages") };
            assert_eq!(menu.links.len(), 14);
            assert_eq!(menu.links[4].href, "sveden/eduStandarts");
        }
    }

    #[test]
    fn medical_organisation_has_the_information_of_order_118n() {
        let doc = starter(OrgKind::Medical, "ГБУ РО «Городская больница»");
        let mandatory: Vec<&str> = doc.pages.values().filter(|p| p.mandatory).map(|p| p.title.as_str()).collect();
        for title in ["Лицензии", "Программа государственных гарантий", "Платные медицинские услуги", "Страховые медицинские организации", "Вакансии"] {
            assert!(mandatory.contains(&title), "{title}: {mandatory:?}");
        }
        assert_eq!(doc.page_by_path("svedeniya/litsenzii").unwrap().0, "licences");
    }

    #[test]
    fn mandatory_pages_stay() {
        let stored = starter(OrgKind::School, "Школа №1");
        let mandatory: Vec<String> = stored.pages.iter().filter(|(_, p)| p.mandatory).map(|(id, _)| id.clone()).collect();
        let mut next = stored.clone();
        assert!(mandatory_dropped(&stored, &next).is_empty());
        next.pages.shift_remove(&mandatory[0]);
        next.pages.get_mut(&mandatory[1]).unwrap().mandatory = false;
        let paths: Vec<String> = mandatory_dropped(&stored, &next).into_iter().map(|p| p.path).collect();
        assert_eq!(paths, [format!("pages.{}", mandatory[0]), format!("pages.{}", mandatory[1])]);
        next.pages.get_mut(&mandatory[1]).unwrap().title = "Другое название".into();
        next.pages.get_mut(&mandatory[1]).unwrap().mandatory = true;
        assert_eq!(mandatory_dropped(&stored, &next).len(), 1, "renaming is fine, deleting is not");
    }
}
