//! A typed schema of every block: what the constructor turns into a palette entry and a
//! form. Labels are in Russian and English; keys are the block's JSON field names.

use crate::blocks::*;

/// A label in both interface languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub ru: &'static str,
    pub en: &'static str,
}

const fn l(ru: &'static str, en: &'static str) -> Label {
    Label { ru, en }
}

/// Palette groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Text,
    Media,
    Layout,
    Navigation,
    Data,
    Feedback,
}

/// What kind of input a field needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines of plain text.
    Multiline,
    /// A link: relative, `https:`, `mailto:`, `tel:` or `#anchor`.
    Link,
    /// An image address: relative or `https:`.
    ImageUrl,
    /// An `https:` address on an allowed embed host.
    EmbedUrl,
    /// A checkbox.
    Bool,
    /// A whole number in a range.
    Number { min: i64, max: i64 },
    /// A decimal number (coordinates).
    Decimal,
    /// One of fixed values: (JSON value, label).
    Choice(&'static [(&'static str, Label)]),
    /// Structured rich text (`Vec<TextBlock>`).
    RichText,
    /// A list of plain strings.
    Lines,
    /// A table's rows of cells.
    Rows,
    /// A list of items, each with these fields.
    List(&'static [Field]),
    /// Child blocks.
    Blocks,
    /// The fields of a subsection of «Сведения» (`crate::compliance::sveden`), by `itemprop`.
    SvedenFields,
    /// The rows of a subsection's main tags, by `itemprop`.
    SvedenGroups,
}

/// One field of a block's form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// JSON key.
    pub key: &'static str,
    pub label: Label,
    pub kind: FieldKind,
    /// Must not be empty.
    pub required: bool,
}

const fn f(key: &'static str, label: Label, kind: FieldKind, required: bool) -> Field {
    Field { key, label, kind, required }
}

/// A block kind as the constructor sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlockSchema {
    /// JSON `type`.
    pub type_name: &'static str,
    pub label: Label,
    pub category: Category,
    pub fields: &'static [Field],
}

const LEVELS: &[(&str, Label)] = &[("2", l("Заголовок 2", "Heading 2")), ("3", l("Заголовок 3", "Heading 3")), ("4", l("Заголовок 4", "Heading 4"))];
const BUTTON_VARIANTS: &[(&str, Label)] = &[("primary", l("Основная", "Primary")), ("secondary", l("Второстепенная", "Secondary"))];
const SPACER_SIZES: &[(&str, Label)] = &[("small", l("Маленький", "Small")), ("medium", l("Средний", "Medium")), ("large", l("Большой", "Large"))];
const NETWORKS: &[(&str, Label)] = &[
    ("vk", l("ВКонтакте", "VK")),
    ("ok", l("Одноклассники", "OK")),
    ("telegram", l("Telegram", "Telegram")),
    ("max", l("MAX", "MAX")),
    ("rutube", l("RUTUBE", "RUTUBE")),
];
const TITLE: Field = f("title", l("Заголовок", "Title"), FieldKind::Line, false);
const PANEL: &[Field] = &[f("title", l("Заголовок", "Title"), FieldKind::Line, true), f("blocks", l("Содержимое", "Content"), FieldKind::Blocks, false)];
const LIMIT: Field = f("limit", l("Сколько показывать", "How many"), FieldKind::Number { min: 1, max: 50 }, true);

/// Every block kind, in palette order.
pub static SCHEMAS: &[BlockSchema] = &[
    BlockSchema { type_name: "heading", label: l("Заголовок", "Heading"), category: Category::Text, fields: &[
        f("text", l("Текст заголовка", "Heading text"), FieldKind::Line, true),
        f("level", l("Уровень", "Level"), FieldKind::Choice(LEVELS), true),
    ] },
    BlockSchema { type_name: "text", label: l("Текст", "Text"), category: Category::Text, fields: &[
        f("content", l("Текст", "Text"), FieldKind::RichText, true),
    ] },
    BlockSchema { type_name: "image", label: l("Изображение", "Image"), category: Category::Media, fields: &[
        f("src", l("Адрес изображения", "Image address"), FieldKind::ImageUrl, true),
        f("alt", l("Описание изображения (alt)", "Alternative text"), FieldKind::Line, false),
        f("decorative", l("Декоративное (без описания)", "Decorative (no description)"), FieldKind::Bool, false),
        f("caption", l("Подпись", "Caption"), FieldKind::Line, false),
    ] },
    BlockSchema { type_name: "gallery", label: l("Галерея", "Gallery"), category: Category::Media, fields: &[
        TITLE,
        f("images", l("Изображения", "Images"), FieldKind::List(&[
            f("src", l("Адрес изображения", "Image address"), FieldKind::ImageUrl, true),
            f("alt", l("Описание (alt)", "Alternative text"), FieldKind::Line, true),
            f("caption", l("Подпись", "Caption"), FieldKind::Line, false),
        ]), true),
    ] },
    BlockSchema { type_name: "button", label: l("Кнопка", "Button"), category: Category::Navigation, fields: &[
        f("label", l("Надпись", "Label"), FieldKind::Line, true),
        f("href", l("Ссылка", "Link"), FieldKind::Link, true),
        f("variant", l("Вид", "Style"), FieldKind::Choice(BUTTON_VARIANTS), true),
    ] },
    BlockSchema { type_name: "file_link", label: l("Файл", "File link"), category: Category::Media, fields: &[
        f("label", l("Название файла", "File name"), FieldKind::Line, true),
        f("href", l("Ссылка на файл", "File link"), FieldKind::Link, true),
        f("format", l("Формат", "Format"), FieldKind::Line, false),
        f("size_bytes", l("Размер, байт", "Size, bytes"), FieldKind::Number { min: 0, max: 1 << 40 }, false),
    ] },
    BlockSchema { type_name: "table", label: l("Таблица", "Table"), category: Category::Text, fields: &[
        f("caption", l("Название таблицы", "Caption"), FieldKind::Line, true),
        f("header_row", l("Первая строка — заголовки", "First row is headers"), FieldKind::Bool, false),
        f("rows", l("Строки", "Rows"), FieldKind::Rows, true),
    ] },
    BlockSchema { type_name: "section", label: l("Раздел", "Section"), category: Category::Layout, fields: &[
        TITLE,
        f("blocks", l("Содержимое", "Content"), FieldKind::Blocks, false),
    ] },
    BlockSchema { type_name: "columns", label: l("Колонки", "Columns"), category: Category::Layout, fields: &[
        f("columns", l("Колонки", "Columns"), FieldKind::List(&[f("blocks", l("Содержимое", "Content"), FieldKind::Blocks, false)]), true),
    ] },
    BlockSchema { type_name: "tabs", label: l("Вкладки", "Tabs"), category: Category::Layout, fields: &[
        f("tabs", l("Вкладки", "Tabs"), FieldKind::List(PANEL), true),
    ] },
    BlockSchema { type_name: "accordion", label: l("Вопросы и ответы", "Accordion (FAQ)"), category: Category::Layout, fields: &[
        f("items", l("Вопросы", "Items"), FieldKind::List(PANEL), true),
    ] },
    BlockSchema { type_name: "card", label: l("Карточка", "Card"), category: Category::Layout, fields: &[
        f("title", l("Заголовок", "Title"), FieldKind::Line, true),
        f("text", l("Текст", "Text"), FieldKind::Multiline, false),
        f("image_src", l("Изображение", "Image"), FieldKind::ImageUrl, false),
        f("image_alt", l("Описание изображения", "Image description"), FieldKind::Line, false),
        f("href", l("Ссылка", "Link"), FieldKind::Link, false),
    ] },
    BlockSchema { type_name: "hero", label: l("Баннер", "Hero banner"), category: Category::Layout, fields: &[
        f("title", l("Заголовок", "Title"), FieldKind::Line, true),
        f("text", l("Текст", "Text"), FieldKind::Multiline, false),
        f("image_src", l("Изображение", "Image"), FieldKind::ImageUrl, false),
        f("image_alt", l("Описание изображения", "Image description"), FieldKind::Line, false),
        f("button_label", l("Надпись кнопки", "Button label"), FieldKind::Line, false),
        f("button_href", l("Ссылка кнопки", "Button link"), FieldKind::Link, false),
    ] },
    BlockSchema { type_name: "divider", label: l("Разделитель", "Divider"), category: Category::Layout, fields: &[] },
    BlockSchema { type_name: "spacer", label: l("Отступ", "Spacer"), category: Category::Layout, fields: &[
        f("size", l("Размер", "Size"), FieldKind::Choice(SPACER_SIZES), true),
    ] },
    BlockSchema { type_name: "contact_card", label: l("Контакты", "Contact card"), category: Category::Text, fields: &[
        f("name", l("Имя или название", "Name"), FieldKind::Line, true),
        f("position", l("Должность", "Position"), FieldKind::Line, false),
        f("phone", l("Телефон", "Phone"), FieldKind::Line, false),
        f("email", l("Электронная почта", "E-mail"), FieldKind::Line, false),
        f("address", l("Адрес", "Address"), FieldKind::Line, false),
        f("hours", l("Часы работы", "Hours"), FieldKind::Line, false),
    ] },
    BlockSchema { type_name: "map", label: l("Карта (адрес)", "Map (address)"), category: Category::Navigation, fields: &[
        TITLE,
        f("address", l("Адрес", "Address"), FieldKind::Line, true),
        f("latitude", l("Широта", "Latitude"), FieldKind::Decimal, false),
        f("longitude", l("Долгота", "Longitude"), FieldKind::Decimal, false),
    ] },
    BlockSchema { type_name: "embed", label: l("Видео или виджет", "Video or widget"), category: Category::Media, fields: &[
        f("title", l("Название (для экранного диктора)", "Title (for screen readers)"), FieldKind::Line, true),
        f("url", l("Адрес встраивания", "Embed address"), FieldKind::EmbedUrl, true),
    ] },
    BlockSchema { type_name: "breadcrumbs", label: l("Хлебные крошки", "Breadcrumbs"), category: Category::Navigation, fields: &[] },
    BlockSchema { type_name: "menu", label: l("Меню", "Menu"), category: Category::Navigation, fields: &[
        TITLE,
        f("links", l("Ссылки (пусто — главное меню)", "Links (empty: main menu)"), FieldKind::List(&[
            f("label", l("Надпись", "Label"), FieldKind::Line, true),
            f("href", l("Ссылка", "Link"), FieldKind::Link, true),
        ]), false),
    ] },
    BlockSchema { type_name: "search_box", label: l("Поиск по сайту", "Site search"), category: Category::Navigation, fields: &[] },
    BlockSchema { type_name: "news_feed", label: l("Лента новостей", "News feed"), category: Category::Data, fields: &[TITLE, LIMIT] },
    BlockSchema { type_name: "news_item", label: l("Новость", "News item"), category: Category::Data, fields: &[
        f("news_id", l("Новость (пусто — открытая)", "News id (empty: the opened one)"), FieldKind::Line, false),
    ] },
    BlockSchema { type_name: "announcements", label: l("Анонсы и объявления", "Announcements"), category: Category::Data, fields: &[TITLE, LIMIT] },
    BlockSchema { type_name: "document_list", label: l("Документы", "Documents"), category: Category::Data, fields: &[
        TITLE,
        f("kind", l("Только вид документа", "Only this kind"), FieldKind::Line, false),
    ] },
    BlockSchema { type_name: "staff_directory", label: l("Сотрудники", "Staff directory"), category: Category::Data, fields: &[
        TITLE,
        f("department", l("Только подразделение", "Only this department"), FieldKind::Line, false),
    ] },
    BlockSchema { type_name: "phone_directory", label: l("Телефонный справочник", "Phone directory"), category: Category::Data, fields: &[TITLE] },
    BlockSchema { type_name: "reception_schedule", label: l("График приёма граждан", "Reception schedule"), category: Category::Data, fields: &[TITLE] },
    BlockSchema { type_name: "vacancies", label: l("Вакансии", "Vacancies"), category: Category::Data, fields: &[TITLE] },
    BlockSchema { type_name: "appeal_form", label: l("Форма обращения", "Appeal form"), category: Category::Feedback, fields: &[
        TITLE,
        f("topics", l("Темы обращений", "Topics"), FieldKind::Lines, false),
        f("show_answers", l("Показывать опубликованные ответы", "Show published answers"), FieldKind::Bool, false),
    ] },
    BlockSchema { type_name: "poll", label: l("Опрос", "Poll"), category: Category::Feedback, fields: &[
        f("poll_id", l("Опрос (пусто — последний открытый)", "Poll id (empty: newest open)"), FieldKind::Line, false),
    ] },
    BlockSchema { type_name: "social_links", label: l("Госпаблики", "Official social pages"), category: Category::Feedback, fields: &[
        TITLE,
        f("links", l("Страницы", "Pages"), FieldKind::List(&[
            f("network", l("Сеть", "Network"), FieldKind::Choice(NETWORKS), true),
            f("url", l("Адрес страницы", "Page address"), FieldKind::Link, true),
        ]), true),
        f("pos_widget", l("Виджет Платформы обратной связи (адрес на pos.gosuslugi.ru)", "Federal feedback widget (address on pos.gosuslugi.ru)"), FieldKind::EmbedUrl, false),
    ] },
    BlockSchema { type_name: "appeal_analysis", label: l("Анализ обращений", "Appeal analysis"), category: Category::Feedback, fields: &[TITLE] },
    BlockSchema { type_name: "discussion", label: l("Обсуждение проекта документа", "Public discussion"), category: Category::Feedback, fields: &[
        f("title", l("Название проекта", "Draft's title"), FieldKind::Line, true),
        f("document_href", l("Ссылка на текст проекта", "Link to the draft"), FieldKind::Link, false),
        f("opens", l("Начало обсуждения (ГГГГ-ММ-ДД)", "Opens (YYYY-MM-DD)"), FieldKind::Line, true),
        f("closes", l("Окончание обсуждения (ГГГГ-ММ-ДД)", "Closes (YYYY-MM-DD)"), FieldKind::Line, true),
        f("summary", l("Итоги обсуждения", "Summary"), FieldKind::Multiline, false),
    ] },
    BlockSchema { type_name: "sveden", label: l("Сведения об образовательной организации", "School information (Rosobrnadzor)"), category: Category::Data, fields: &[
        f("section", l("Подраздел", "Subsection"), FieldKind::Choice(SVEDEN_SECTIONS), true),
        f("values", l("Сведения", "Information"), FieldKind::SvedenFields, false),
        f("groups", l("Таблицы", "Tables"), FieldKind::SvedenGroups, false),
    ] },
];

/// The subsections of «Сведения об образовательной организации», as in
/// `crate::compliance::sveden::SECTIONS` (a test keeps the two lists equal).
const SVEDEN_SECTIONS: &[(&str, Label)] = &[
    ("common", l("Основные сведения", "General information")),
    ("struct", l("Структура и органы управления", "Structure and governing bodies")),
    ("document", l("Документы", "Documents")),
    ("education", l("Образование", "Education")),
    ("eduStandarts", l("Образовательные стандарты и требования", "Educational standards")),
    ("managers", l("Руководство", "Management")),
    ("employees", l("Педагогический состав", "Teaching staff")),
    ("objects", l("Материально-техническое обеспечение. Доступная среда", "Facilities and accessibility")),
    ("grants", l("Стипендии и меры поддержки обучающихся", "Grants and support")),
    ("paid_edu", l("Платные образовательные услуги", "Paid educational services")),
    ("budget", l("Финансово-хозяйственная деятельность", "Finances")),
    ("vacant", l("Вакантные места для приёма (перевода)", "Vacant places")),
    ("inter", l("Международное сотрудничество", "International cooperation")),
    ("catering", l("Организация питания", "Catering")),
];

/// The schema of a block type.
pub fn schema_of(type_name: &str) -> Option<&'static BlockSchema> {
    SCHEMAS.iter().find(|schema| schema.type_name == type_name)
}

/// A new block of the given type with starter content, as the palette inserts it.
pub fn new_block(type_name: &str, id: &str) -> Option<Block> {
    let id = id.to_string();
    let run = |text: &str| vec![TextRun::plain(text)];
    let panel = |title: &str| Panel { title: title.into(), blocks: Vec::new() };
    Some(match type_name {
        "heading" => Block::Heading(Heading { id, level: 2, text: "Новый заголовок".into() }),
        "text" => Block::Text(Text { id, content: vec![TextBlock::Paragraph { runs: run("Новый абзац текста.") }] }),
        "image" => Block::Image(Image { id, src: "/static/placeholder.svg".into(), alt: "Опишите, что на изображении".into(), ..Image::default() }),
        "gallery" => Block::Gallery(Gallery { id, title: String::new(), images: vec![GalleryImage { src: "/static/placeholder.svg".into(), alt: "Опишите изображение".into(), caption: String::new() }] }),
        "button" => Block::Button(Button { id, label: "Подробнее".into(), href: "#".into(), variant: ButtonVariant::Primary }),
        "file_link" => Block::FileLink(FileLink { id, label: "Документ".into(), href: "#".into(), format: "PDF".into(), size_bytes: 0 }),
        "table" => Block::Table(Table { id, caption: "Новая таблица".into(), header_row: true, rows: vec![vec!["Столбец 1".into(), "Столбец 2".into()], vec![String::new(), String::new()]] }),
        "section" => Block::Section(Section { id, title: "Новый раздел".into(), blocks: Vec::new() }),
        "columns" => Block::Columns(Columns { id, columns: vec![Column::default(), Column::default()] }),
        "tabs" => Block::Tabs(Tabs { id, tabs: vec![panel("Вкладка 1"), panel("Вкладка 2")] }),
        "accordion" => Block::Accordion(Accordion { id, items: vec![panel("Вопрос")] }),
        "card" => Block::Card(Card { id, title: "Карточка".into(), text: "Короткое описание.".into(), ..Card::default() }),
        "hero" => Block::Hero(Hero { id, title: "Главное событие".into(), text: "Короткое описание.".into(), ..Hero::default() }),
        "divider" => Block::Divider(Divider { id }),
        "spacer" => Block::Spacer(Spacer { id, size: SpacerSize::Medium }),
        "contact_card" => Block::ContactCard(ContactCard { id, name: "Приёмная".into(), ..ContactCard::default() }),
        "map" => Block::Map(Map { id, address: "Адрес организации".into(), ..Map::default() }),
        "embed" => Block::Embed(Embed { id, title: "Видео".into(), url: "https://rutube.ru/play/embed/".into() }),
        "breadcrumbs" => Block::Breadcrumbs(Breadcrumbs { id }),
        "menu" => Block::Menu(Menu { id, ..Menu::default() }),
        "search_box" => Block::SearchBox(SearchBox { id }),
        "news_feed" => Block::NewsFeed(NewsFeed { id, title: "Новости".into(), limit: 5 }),
        "news_item" => Block::NewsItem(NewsItemBlock { id, news_id: String::new() }),
        "announcements" => Block::Announcements(Announcements { id, title: "Анонсы и объявления".into(), limit: 5 }),
        "document_list" => Block::DocumentList(DocumentList { id, title: "Документы".into(), kind: String::new() }),
        "staff_directory" => Block::StaffDirectory(StaffDirectory { id, title: "Руководство и сотрудники".into(), department: String::new() }),
        "phone_directory" => Block::PhoneDirectory(PhoneDirectory { id, title: "Телефонный справочник".into() }),
        "reception_schedule" => Block::ReceptionSchedule(ReceptionSchedule { id, title: "График приёма граждан".into() }),
        "vacancies" => Block::Vacancies(Vacancies { id, title: "Вакансии".into() }),
        "appeal_form" => Block::AppealForm(AppealForm { id, title: "Написать обращение".into(), topics: Vec::new(), show_answers: false }),
        "poll" => Block::Poll(PollBlock { id, poll_id: String::new() }),
        "social_links" => Block::SocialLinks(SocialLinks { id, title: "Мы в социальных сетях".into(), links: vec![SocialLink { network: SocialNetwork::Vk, url: "https://vk.com/".into() }], pos_widget: String::new() }),
        "appeal_analysis" => Block::AppealAnalysis(AppealAnalysis { id, title: "Анализ обращений".into() }),
        "discussion" => Block::Discussion(Discussion {
            id,
            title: "Проект постановления".into(),
            opens: "2026-01-01".into(),
            closes: "2026-01-31".into(),
            ..Discussion::default()
        }),
        "sveden" => Block::Sveden(Sveden { id, section: "common".into(), ..Sveden::default() }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema and the serde types must describe the same JSON: every field the block
    /// serialises is in its schema, and every required schema field is serialised.
    #[test]
    fn every_schema_matches_its_block_type() {
        for schema in SCHEMAS {
            let block = new_block(schema.type_name, "b1").unwrap_or_else(|| panic!("no starter for {}", schema.type_name));
            assert_eq!(block.type_name(), schema.type_name);
            let value = serde_json::to_value(&block).unwrap();
            let object = value.as_object().unwrap();
            for key in object.keys().filter(|k| *k != "type" && *k != "id") {
                assert!(schema.fields.iter().any(|field| field.key == key), "{}.{key} has no schema field", schema.type_name);
            }
            for field in schema.fields.iter().filter(|field| field.required) {
                assert!(object.contains_key(field.key), "{}.{} is required but not serialised", schema.type_name, field.key);
            }
            let back: Block = serde_json::from_value(value).unwrap();
            assert_eq!(back, block);
        }
    }

    #[test]
    fn sveden_choices_are_the_subsections() {
        let slugs: Vec<_> = SVEDEN_SECTIONS.iter().map(|(slug, _)| *slug).collect();
        let sections: Vec<_> = crate::compliance::sveden::SECTIONS.iter().map(|section| section.slug).collect();
        assert_eq!(slugs, sections);
    }

    #[test]
    fn type_names_are_unique_and_unknown_is_none() {
        let mut names: Vec<_> = SCHEMAS.iter().map(|s| s.type_name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SCHEMAS.len());
        assert_eq!(SCHEMAS.len(), 35);
        assert!(new_block("html", "x").is_none());
        assert!(schema_of("script").is_none());
    }
}
