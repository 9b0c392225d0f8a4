//! Executive bodies and municipalities: the typical structure of appendix 3 of the Ryazan
//! platform's decree (`seeds/002`), and for municipalities the general information of
//! federal law 8-FZ, art. 13.

use super::PageSpec;
use super::Starter::*;

const APPEAL_TOPICS: &[&str] = &["Общие вопросы", "Предложения по работе", "Жалобы", "Другое"];

/// Appendix 3 of the decree: «Главная» with its seven subsections, the section about the
/// organisation, «Направления», «Деятельность», «Документы» (all «*» in the decree), and contacts.
pub(crate) fn executive_body() -> Vec<PageSpec> {
    vec![
        PageSpec {
            id: "home",
            parent: None,
            slug: "glavnaya",
            title: "Главная",
            hint: "Кратко опишите, чем занимается ведомство и что важно знать посетителям сайта. Ниже показываются последние новости и анонсы: их добавляют в разделах «Новости» и «Анонсы и объявления».",
            mandatory: true,
            in_menu: true,
            blocks: &[News("Новости", 5), Announcements("Анонсы и объявления", 3), Subpages("Разделы")],
        },
        PageSpec {
            id: "news",
            parent: Some("home"),
            slug: "novosti",
            title: "Новости",
            hint: "Новости {органа}: заголовок, дата, краткое содержание и текст. Здесь показываются все новости, новые сверху.",
            mandatory: true,
            in_menu: false,
            blocks: &[News("", 20)],
        },
        PageSpec {
            id: "phones",
            parent: Some("home"),
            slug: "telefonnyy-spravochnik",
            title: "Телефонный справочник",
            hint: "Телефоны руководства, приемной и структурных подразделений. Справочник заполняется в разделе «Телефонный справочник» и показывается здесь таблицей.",
            mandatory: true,
            in_menu: false,
            blocks: &[Phones],
        },
        PageSpec {
            id: "reception",
            parent: Some("home"),
            slug: "priemnaya",
            title: "Приемная {органа}",
            hint: "Интернет-приемная: граждане и организации направляют обращения в электронной форме. Обращение регистрируется в течение трех дней, ответ дается в течение 30 дней со дня регистрации. Проверьте темы обращений в форме ниже.",
            mandatory: true,
            in_menu: false,
            blocks: &[AppealForm("Направить обращение", APPEAL_TOPICS)],
        },
        PageSpec {
            id: "appeals",
            parent: Some("home"),
            slug: "obrashcheniya",
            title: "Порядок приема и рассмотрения обращений",
            hint: "Опишите порядок приема и рассмотрения обращений: способы подачи (почтой, лично, через интернет-приемную), сроки регистрации и ответа, требования к обращению, порядок обжалования. Основание — Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации».",
            mandatory: true,
            in_menu: false,
            blocks: &[LinksTo("Смотрите также", &["reception", "schedule", "analysis"])],
        },
        PageSpec {
            id: "schedule",
            parent: Some("home"),
            slug: "grafik-priema",
            title: "График приема граждан",
            hint: "График личного приема граждан руководством: дни, часы, место и порядок записи.",
            mandatory: true,
            in_menu: false,
            blocks: &[Reception],
        },
        PageSpec {
            id: "analysis",
            parent: Some("home"),
            slug: "analiz-obrashcheniy",
            title: "Анализ обращений",
            hint: "Обзор обращений граждан за период: сколько поступило, по каким темам, каков результат рассмотрения. Цифры и диаграммы строятся по данным обращений.",
            mandatory: true,
            in_menu: false,
            blocks: &[AppealAnalysis],
        },
        PageSpec {
            id: "announcements",
            parent: Some("home"),
            slug: "anonsy",
            title: "Анонсы и объявления",
            hint: "Анонсы мероприятий, выездных приемов и публичных обсуждений, другие объявления. Здесь показываются все объявления, новые сверху.",
            mandatory: true,
            in_menu: false,
            blocks: &[Announcements("", 20)],
        },
        PageSpec {
            id: "about",
            parent: None,
            slug: "{орган}",
            title: "{Орган}",
            hint: "Общие сведения: положение, задачи и функции, структура и руководство. Добавьте подразделы для сведений, которые публикуются по решению {органа}.",
            mandatory: true,
            in_menu: true,
            blocks: &[Subpages("Подразделы")],
        },
        PageSpec {
            id: "about-us",
            parent: Some("about"),
            slug: "o-nas",
            title: "О нас",
            hint: "Полное наименование, правовой статус, основные задачи и функции, положение и история.",
            mandatory: false,
            in_menu: false,
            blocks: &[],
        },
        PageSpec {
            id: "structure",
            parent: Some("about"),
            slug: "struktura",
            title: "Структура",
            hint: "Структура: руководство, структурные подразделения (управления, отделы) и их функции, почтовые адреса, телефоны и адреса электронной почты.",
            mandatory: false,
            in_menu: false,
            blocks: &[],
        },
        PageSpec {
            id: "leadership",
            parent: Some("about"),
            slug: "rukovodstvo",
            title: "Руководство",
            hint: "Руководитель и заместители: фамилия, имя, отчество, должность, контакты; с их согласия — фотография и биография.",
            mandatory: false,
            in_menu: false,
            blocks: &[Staff("", "Руководство")],
        },
        PageSpec {
            id: "directions",
            parent: None,
            slug: "napravleniya",
            title: "Направления",
            hint: "Основные направления работы: добавьте по подразделу на каждое направление.",
            mandatory: true,
            in_menu: true,
            blocks: &[],
        },
        PageSpec {
            id: "activity",
            parent: None,
            slug: "deyatelnost",
            title: "Деятельность",
            hint: "Сведения о деятельности: государственные программы, планы и отчеты, контрольная деятельность, результаты проверок, государственные услуги. Добавьте подразделы.",
            mandatory: true,
            in_menu: true,
            blocks: &[],
        },
        PageSpec {
            id: "documents",
            parent: None,
            slug: "dokumenty",
            title: "Документы",
            hint: "Нормативные правовые акты и иные документы: приказы, постановления, положения, проекты документов для публичного обсуждения. У каждого документа — вид, номер, дата и статус.",
            mandatory: true,
            in_menu: true,
            blocks: &[Documents("", "")],
        },
        PageSpec {
            id: "contacts",
            parent: None,
            slug: "kontakty",
            title: "Контакты",
            hint: "Почтовый адрес, телефон приемной, адрес электронной почты, режим работы и как добраться.",
            mandatory: false,
            in_menu: true,
            blocks: &[LinksTo("Смотрите также", &["phones", "reception", "schedule"])],
        },
    ]
}

/// The executive body's structure, plus the general information of 8-FZ art. 13 part 1
/// item 1 (name and structure, contacts, powers, subordinate organisations, heads) and item 7
/// (work with appeals, already there): the pages that hold it become mandatory.
pub(crate) fn municipality() -> Vec<PageSpec> {
    let mut pages = executive_body();
    for page in &mut pages {
        if matches!(page.id, "structure" | "leadership" | "contacts") {
            page.mandatory = true;
        }
    }
    let at = pages.iter().position(|page| page.id == "directions").unwrap_or(pages.len());
    let general = [
        PageSpec {
            id: "general",
            parent: None,
            slug: "obshchaya-informatsiya",
            title: "Общая информация",
            hint: "Общая информация об органе местного самоуправления по статье 13 Федерального закона от 09.02.2009 № 8-ФЗ «Об обеспечении доступа к информации о деятельности государственных органов и органов местного самоуправления». Каждый пункт ведет на страницу, где он размещен.",
            mandatory: true,
            in_menu: true,
            blocks: &[LinksTo(
                "Сведения об органе местного самоуправления",
                &["structure", "powers", "leadership", "subordinate", "contacts", "appeals", "schedule"],
            )],
        },
        PageSpec {
            id: "powers",
            parent: Some("general"),
            slug: "polnomochiya",
            title: "Полномочия, задачи и функции",
            hint: "Полномочия, задачи и функции {органа} и перечень законов и иных нормативных правовых актов, которые их определяют.",
            mandatory: true,
            in_menu: false,
            blocks: &[],
        },
        PageSpec {
            id: "subordinate",
            parent: Some("general"),
            slug: "podvedomstvennye-organizatsii",
            title: "Подведомственные организации",
            hint: "Перечень подведомственных организаций: их задачи и функции, почтовые адреса, адреса электронной почты, телефоны справочных служб, официальные сайты и страницы в социальных сетях.",
            mandatory: true,
            in_menu: false,
            blocks: &[],
        },
    ];
    pages.splice(at..at, general);
    pages
}
