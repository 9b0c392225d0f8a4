//! The demo school's «Сведения» pages as Rosobrnadzor's checkers parse them: every filled value
//! inside an element carrying its `itemprop`, the fields of a main tag inside the main tag's
//! element (section 5 of the methodical recommendations), and no `itemprop` the table does not
//! know. Read with a real HTML parser, as a checker reads the page.

use civic_renderer::{render_to_string, RenderContext, RenderOptions};
use civic_shared::compliance::sveden::{self, SvedenField, SvedenItem, ValueKind};
use civic_shared::{demo, Block, Sveden};
use indexmap::IndexMap;
use scraper::{ElementRef, Html, Selector};

const BASE: &str = "/s/school7";

/// The subsection's page rendered as the demo serves it, and its `sveden` block.
fn render(slug: &str) -> (Html, Sveden) {
    let site = demo::site("school7").unwrap();
    let (doc, data) = (site.document(), site.data());
    let (page_id, page) = doc.page_by_path(&format!("sveden/{slug}")).unwrap_or_else(|| panic!("no page at /sveden/{slug}"));
    let block = page
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Sveden(block) if block.section == slug => Some(block.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("/sveden/{slug} has no sveden block"));
    let options = RenderOptions { base_path: BASE, origin: "http://127.0.0.1:8787", ..RenderOptions::default() };
    let ctx = RenderContext::for_page(&doc, page_id, &data, options).unwrap();
    (Html::parse_document(&render_to_string(&ctx)), block)
}

fn itemprop<'a>(element: &ElementRef<'a>) -> Option<&'a str> {
    element.value().attr("itemprop")
}

/// The nearest enclosing element that carries an `itemprop`: the main tag of a nested field.
fn enclosing_itemprop<'a>(element: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    element.ancestors().filter_map(ElementRef::wrap).find(|ancestor| itemprop(ancestor).is_some())
}

/// Elements with this `itemprop` under `scope`, outermost ones only when `top_level`.
fn tagged<'a>(scope: ElementRef<'a>, name: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(&format!("[itemprop=\"{name}\"]")).unwrap();
    scope.select(&selector).collect()
}

/// The value as the page shows it: the text for text, the address of the link for documents
/// and sites (a site's text is its address too), the word itself when the value says
/// «отсутствует».
fn assert_shows(element: &ElementRef, field: &SvedenField, value: &str, at: &str) {
    let value = value.trim();
    let text: String = element.text().collect();
    let is_link = matches!(field.kind, ValueKind::Document | ValueKind::Url) && !sveden::is_absent(value);
    if !is_link {
        assert_eq!(text.trim(), value, "{at}: the text of the element");
        return;
    }
    assert_eq!(element.value().name(), "a", "{at}: a document or site is a link carrying the itemprop");
    let expected = if value.starts_with("https://") || value.starts_with('/') { value.to_string() } else { format!("{BASE}/{value}") };
    assert_eq!(element.value().attr("href"), Some(expected.as_str()), "{at}: the link's address");
    match field.kind {
        ValueKind::Url => assert_eq!(text.trim(), value, "{at}: a site is named by its address"),
        _ => assert_eq!(text.trim(), field.label, "{at}: a document is named by its label"),
    }
}

fn filled(value: Option<&String>) -> Option<&str> {
    value.map(|value| value.trim()).filter(|value| !value.is_empty())
}

fn check_subsection(slug: &str) {
    let section = sveden::section(slug).unwrap();
    let (html, block) = render(slug);
    let root = html.root_element();
    let every = Selector::parse("[itemprop]").unwrap();

    // No itemprop the table does not know, anywhere on the page; a nested one sits in a main
    // tag it belongs to, an outer one is the subsection's own field or main tag.
    for element in root.select(&every) {
        let name = itemprop(&element).unwrap();
        assert!(section.itemprops().contains(&name), "/sveden/{slug}: itemprop=\"{name}\" is not in table {}", section.table);
        match enclosing_itemprop(&element) {
            None => assert!(section.field(name).is_some() || section.group(name).is_some(), "/sveden/{slug}: {name} stands outside its main tag"),
            Some(outer) => {
                let outer = itemprop(&outer).unwrap();
                let group = section.group(outer).unwrap_or_else(|| panic!("/sveden/{slug}: {name} is nested in {outer}, not a main tag"));
                assert!(group.field(name).is_some(), "/sveden/{slug}: {name} is nested in {outer}, which has no such field");
            }
        }
    }

    let mut shown = 0;
    for item in section.items {
        match item {
            SvedenItem::Field(field) => {
                let Some(value) = filled(block.values.get(field.itemprop)) else { continue };
                let outer: Vec<ElementRef> = tagged(root, field.itemprop).into_iter().filter(|e| enclosing_itemprop(e).is_none()).collect();
                let at = format!("/sveden/{slug}: {}", field.itemprop);
                assert_eq!(outer.len(), 1, "{at}: one element outside the main tags");
                assert_shows(&outer[0], field, value, &at);
                shown += 1;
            }
            SvedenItem::Group(group) => {
                let rows: &[IndexMap<String, String>] = block.groups.get(group.itemprop).map(Vec::as_slice).unwrap_or_default();
                let elements = tagged(root, group.itemprop);
                assert_eq!(elements.len(), rows.len(), "/sveden/{slug}: one {} element per row", group.itemprop);
                for (r, (element, row)) in elements.into_iter().zip(rows).enumerate() {
                    assert!(enclosing_itemprop(&element).is_none(), "/sveden/{slug}: {} nested in another tag", group.itemprop);
                    for field in group.fields {
                        let Some(value) = filled(row.get(field.itemprop)) else { continue };
                        let at = format!("/sveden/{slug}: {}[{r}].{}", group.itemprop, field.itemprop);
                        let inner = tagged(element, field.itemprop);
                        assert_eq!(inner.len(), 1, "{at}: one element inside the row's {} element", group.itemprop);
                        assert_shows(&inner[0], field, value, &at);
                        shown += 1;
                    }
                }
            }
        }
    }
    assert!(shown > 0, "/sveden/{slug}: nothing filled");
}

#[test]
fn the_schools_common_information_carries_its_microdata() {
    check_subsection("common");
    // Rosobrnadzor's own examples: the value in a cell with the itemprop, the founder's fields in
    // the founder's row.
    let (html, _) = render("common");
    let cell = Selector::parse("td[itemprop=fullName]").unwrap();
    assert_eq!(html.select(&cell).count(), 1);
    let founder = Selector::parse("tr[itemprop=uchredLaw] > td[itemprop=nameUchred]").unwrap();
    assert_eq!(html.select(&founder).count(), 1);
}

#[test]
fn the_schools_teachers_each_have_a_row_with_their_fields() {
    check_subsection("employees");
    let (html, block) = render("employees");
    let rows = Selector::parse("tr[itemprop=teachingStaff]").unwrap();
    let names: Vec<String> = html
        .select(&rows)
        .map(|row| row.select(&Selector::parse("[itemprop=fio]").unwrap()).next().unwrap().text().collect())
        .collect();
    let expected: Vec<&str> = block.groups["teachingStaff"].iter().map(|row| row["fio"].as_str()).collect();
    assert!(expected.len() >= 6, "{expected:?}");
    assert_eq!(names, expected);
}

/// The other twelve subsections by the same rules.
#[test]
fn every_other_subsection_of_the_school_carries_its_microdata() {
    for section in sveden::SECTIONS.iter().filter(|section| !matches!(section.slug, "common" | "employees")) {
        check_subsection(section.slug);
    }
}
