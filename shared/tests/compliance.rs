//! The compliance checker against the templates and the demo sites.

use civic_shared::compliance::sveden::{self, SvedenField, SvedenItem, ValueKind};
use civic_shared::compliance::{check, rule_set, Gap, Status};
use civic_shared::{TextBlock, TextRun};
use indexmap::IndexMap;
use civic_shared::{demo, starter, Block, Lang, OrgKind, RenderData};

const TODAY: &str = "2026-11-23";
const KINDS: [OrgKind; 5] = [OrgKind::ExecutiveBody, OrgKind::Municipality, OrgKind::School, OrgKind::Kindergarten, OrgKind::Medical];

fn gaps(report: &civic_shared::compliance::Report) -> Vec<String> {
    report.gaps().map(|f| format!("{} — {} [{}]", f.id, f.gap.as_ref().map(|g| g.message(Lang::Ru)).unwrap_or_default(), f.title)).collect()
}

/// A new site has every mandatory page at its prescribed address with the blocks its data
/// needs: what is left is content (the hints to replace, the fields and lists to fill).
#[test]
fn every_template_has_the_structure_its_rule_set_asks_for() {
    for kind in KINDS {
        let doc = starter(kind, "Министерство образования Рязанской области");
        let report = check(&doc, &RenderData::default(), TODAY);
        assert!(report.findings.len() >= 10, "{kind:?} has {} items", report.findings.len());
        for finding in report.gaps() {
            assert!(
                matches!(finding.gap, Some(Gap::StarterText | Gap::EmptyField { .. } | Gap::NoData)),
                "{kind:?}: {} {:?}",
                finding.id,
                finding.gap
            );
        }
        assert!(report.findings.iter().all(|f| !f.source.is_empty() && !f.title.is_empty()));
        assert!(report.score() < 100, "an empty template is not yet compliant");
    }
}

/// A value an editor could type into a field of this kind.
fn sample(field: &SvedenField) -> String {
    match field.kind {
        ValueKind::Document => "media/dokument.pdf".into(),
        ValueKind::Url => "https://example.ru/".into(),
        ValueKind::Date => "01.09.1980".into(),
        ValueKind::Email => "info@example.ru".into(),
        ValueKind::Phone => "+7 (4912) 00-00-00".into(),
        ValueKind::Text => "Сведения".into(),
    }
}

/// Each template, filled in the way its hints ask (texts written, lists and «Сведения» filled),
/// meets its own rule set fully: the rules ask for nothing the template cannot hold.
#[test]
fn every_template_filled_in_passes_its_checker() {
    let one = |id: &str| vec![serde_json::json!({ "id": id })];
    let data: RenderData = serde_json::from_value(serde_json::json!({
        "news": one("n"), "announcements": one("a"), "documents": one("d"), "staff": one("s"),
        "phones": one("p"), "reception": one("r"), "vacancies": one("v"),
    }))
    .unwrap();
    for kind in KINDS {
        let mut doc = starter(kind, "Организация");
        for page in doc.pages.values_mut() {
            for block in &mut page.blocks {
                match block {
                    Block::Text(text) => text.content = vec![TextBlock::Paragraph { runs: vec![TextRun::plain("Сведения организации.")] }],
                    Block::Sveden(block) => {
                        let section = sveden::section(&block.section).unwrap();
                        for item in section.items {
                            match item {
                                SvedenItem::Field(field) => {
                                    block.values.insert(field.itemprop.into(), sample(field));
                                }
                                SvedenItem::Group(group) => {
                                    let row: IndexMap<String, String> = group.fields.iter().map(|f| (f.itemprop.to_string(), sample(f))).collect();
                                    block.groups.insert(group.itemprop.into(), vec![row]);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(civic_shared::validate(&doc), vec![], "{kind:?}: the filled template is valid");
        let report = check(&doc, &data, TODAY);
        assert_eq!(gaps(&report), Vec::<String>::new(), "{kind:?}");
        assert_eq!(report.score(), 100);
    }
}

#[test]
fn every_demo_site_passes_its_checker() {
    let failing: Vec<(&str, Vec<String>)> = demo::SITES
        .iter()
        .map(|site| (site.slug, gaps(&check(&site.document(), &site.data(), TODAY))))
        .filter(|(_, gaps)| !gaps.is_empty())
        .collect();
    assert_eq!(failing, []);
}

/// Removing a page, a block, a field or a list's entries makes the checker name that item,
/// with a link to the page (and block) where it is fixed.
#[test]
fn removing_a_mandatory_item_names_it() {
    let ministry = demo::site("mincifra").unwrap();
    let mut doc = ministry.document();
    doc.pages.get_mut("phones").unwrap().blocks.retain(|b| !matches!(b, Block::PhoneDirectory(_)));
    let report = check(&doc, &ministry.data(), TODAY);
    let gap = report.gaps().next().expect("a gap");
    assert_eq!((gap.id.as_str(), gap.status, &gap.gap), ("data:phones:phone_directory", Status::Incomplete, &Some(Gap::NoBlock)));
    assert_eq!(gap.page, "phones");

    let mut data = ministry.data();
    data.reception.clear();
    let report = check(&ministry.document(), &data, TODAY);
    let ids: Vec<&str> = report.gaps().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["data:schedule:reception_schedule"]);
    assert_eq!(report.gaps().next().unwrap().gap, Some(Gap::NoData));

    let mut doc = ministry.document();
    doc.pages.shift_remove("analysis");
    let report = check(&doc, &ministry.data(), TODAY);
    let missing: Vec<&str> = report.gaps().filter(|f| f.status == Status::Missing).map(|f| f.id.as_str()).collect();
    assert!(missing.contains(&"page:analysis"), "{missing:?}");
    assert!(report.score() < 100);
}

#[test]
fn a_school_field_left_empty_is_named_with_its_itemprop() {
    let school = demo::site("school7").unwrap();
    let mut doc = school.document();
    let page = doc.pages.get_mut("sveden-common").unwrap();
    for block in &mut page.blocks {
        if let Block::Sveden(sveden) = block {
            sveden.values.shift_remove("fullName");
            sveden.groups.get_mut("uchredLaw").unwrap()[0].shift_remove("nameUchred");
        }
    }
    let report = check(&doc, &school.data(), TODAY);
    let gaps: Vec<(&str, Status)> = report.gaps().map(|f| (f.id.as_str(), f.status)).collect();
    assert_eq!(gaps, [("sveden:common:fullName", Status::Missing), ("sveden:common:uchredLaw", Status::Incomplete)]);
    let first = report.gaps().next().unwrap();
    assert!(first.title.contains("itemprop=\"fullName\""), "{}", first.title);
    assert_eq!((first.page.as_str(), first.block.as_deref()), ("sveden-common", Some("sveden")));
}

#[test]
fn a_school_subsection_moved_elsewhere_is_at_the_wrong_address() {
    let school = demo::site("school7").unwrap();
    let mut doc = school.document();
    doc.pages.get_mut("sveden-vacant").unwrap().slug = "vakansii".into();
    let report = check(&doc, &school.data(), TODAY);
    let gap = report.gaps().next().unwrap();
    assert_eq!(gap.gap, Some(Gap::WrongAddress { expected: "sveden/vacant".into() }));
    assert_eq!(gap.gap.as_ref().unwrap().message(Lang::Ru), "страница должна открываться по адресу /sveden/vacant");
}

#[test]
fn the_rule_set_is_chosen_by_date() {
    let set = rule_set(OrgKind::School, TODAY);
    assert_eq!(set.in_force_from, "2025-09-01");
    assert!(set.acts.iter().any(|act| act.contains("№ 1493")));
    assert_eq!(rule_set(OrgKind::School, "2020-01-01").in_force_from, "2025-09-01", "before the first act: the first");
    for kind in KINDS {
        assert_eq!(rule_set(kind, TODAY).kind, kind);
    }
}

#[test]
fn the_score_counts_incomplete_items_as_half() {
    let doc = starter(OrgKind::ExecutiveBody, "Министерство");
    let report = check(&doc, &RenderData::default(), TODAY);
    let summary = report.summary();
    assert_eq!(summary.present + summary.incomplete + summary.missing, report.findings.len());
    let expected = (2 * summary.present + summary.incomplete) * 100 / (2 * report.findings.len());
    assert_eq!(usize::from(summary.score), expected);
}

/// Stricter than the checker, which lets a row that says «отсутствует» anywhere go unchecked:
/// the demo school fills every item a school publishes, every required field of every row, and
/// writes «отсутствует» only where the recommendations allow it.
#[test]
fn the_demo_school_fills_every_item_of_every_subsection() {
    use civic_shared::compliance::sveden::{is_absent, SvedenField, SvedenItem, SECTIONS};
    let doc = demo::site("school7").unwrap().document();
    let mut problems = Vec::new();
    let mut check = |at: String, field: &SvedenField, value: Option<&String>| match value.map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None if !field.may_be_absent => problems.push(format!("{at}: empty")),
        Some(value) if is_absent(value) && !field.may_be_absent => problems.push(format!("{at}: «{value}» where it may not be absent")),
        _ => {}
    };
    for section in SECTIONS {
        let page = doc.pages.get(&format!("sveden-{}", section.slug)).unwrap();
        let blocks: Vec<_> = page.blocks.iter().filter_map(|b| match b {
            Block::Sveden(s) => Some(s),
            _ => None,
        }).collect();
        assert_eq!(blocks.len(), 1, "sveden-{}: one sveden block", section.slug);
        let block = blocks[0];
        assert_eq!((block.id.as_str(), block.section.as_str()), ("sveden", section.slug));
        assert!(matches!(page.blocks[0], Block::Breadcrumbs(_)), "sveden-{}: breadcrumbs first", section.slug);
        for item in section.items.iter().filter(|item| item.applies_to(OrgKind::School)) {
            match item {
                SvedenItem::Field(field) => check(format!("{}.{}", section.slug, field.itemprop), field, block.values.get(field.itemprop)),
                SvedenItem::Group(group) => {
                    let rows = block.groups.get(group.itemprop).map(Vec::as_slice).unwrap_or_default();
                    assert!(!rows.is_empty(), "{}.{}: no rows", section.slug, group.itemprop);
                    for (r, row) in rows.iter().enumerate() {
                        for field in group.fields {
                            check(format!("{}.{}[{r}].{}", section.slug, group.itemprop, field.itemprop), field, row.get(field.itemprop));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
}
