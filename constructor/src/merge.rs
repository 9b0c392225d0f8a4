//! Merging two versions of a site after a conflict, block by block. Someone else saved while
//! this editor had unsaved edits: every difference between «mine» and «theirs» becomes one
//! choice. With the version both started from, a difference only one side made is taken
//! from that side; a difference both made is the user's to decide. Pure, tested natively.

use civic_shared::{Block, SiteDocument};
use serde_json::Value;

use crate::block_tree::block_label;

/// What one choice covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The site's name, contacts and theme.
    Site,
    /// A page's own settings (title, address, place in the menu), or the whole page when only
    /// one side has it.
    Page(String),
    /// A top-level block of a page both versions have (with everything inside it).
    Block { page: String, block: String },
    /// The order of the top-level blocks both versions of a page have.
    Order(String),
}

/// Which version a choice takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// One difference between the two versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub unit: Unit,
    /// Each side's content of the unit; None where that side does not have it (deleted or
    /// never added).
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// Both sides changed it since the common version (or that version is unknown): the user
    /// must look.
    pub both_changed: bool,
    /// The side taken unless the user says otherwise.
    pub suggested: Side,
}

fn site_part(doc: &SiteDocument) -> Value {
    let mut part = serde_json::Map::new();
    part.insert("site".into(), crate::block_tree::to_json_value(&doc.site).unwrap_or_default());
    part.insert("theme".into(), crate::block_tree::to_json_value(&doc.theme).unwrap_or_default());
    Value::Object(part)
}

fn page_part(doc: &SiteDocument, id: &str) -> Option<Value> {
    let page = doc.pages.get(id)?;
    let mut json = crate::block_tree::to_json_value(page).ok()?;
    if let Some(object) = json.as_object_mut() {
        object.remove("blocks");
        // The page's place in the menu order is part of its settings.
        object.insert("order".into(), doc.pages.get_index_of(id).into());
    }
    Some(json)
}

fn whole_page(doc: &SiteDocument, id: &str) -> Option<Value> {
    doc.pages.get(id).and_then(|page| crate::block_tree::to_json_value(page).ok())
}

fn block_part(doc: &SiteDocument, page: &str, block: &str) -> Option<Value> {
    let found = doc.pages.get(page)?.blocks.iter().find(|b| b.id() == block)?;
    crate::block_tree::to_json_value(found).ok()
}

/// The order of the page's top-level blocks that `mine` and `theirs` both have.
fn order_part(doc: &SiteDocument, page: &str, mine: &SiteDocument, theirs: &SiteDocument) -> Option<Value> {
    let shared = |id: &str| [mine, theirs].iter().all(|d| d.pages.get(page).is_some_and(|p| p.blocks.iter().any(|b| b.id() == id)));
    let ids: Vec<&str> = doc.pages.get(page)?.blocks.iter().map(Block::id).filter(|id| shared(id)).collect();
    Some(ids.into())
}

fn unit_value(doc: &SiteDocument, unit: &Unit, whole: bool, sides: (&SiteDocument, &SiteDocument)) -> Option<Value> {
    match unit {
        Unit::Order(page) => order_part(doc, page, sides.0, sides.1),
        Unit::Site => Some(site_part(doc)),
        Unit::Page(id) if whole => whole_page(doc, id),
        Unit::Page(id) => page_part(doc, id),
        Unit::Block { page, block } => block_part(doc, page, block),
    }
}

fn units(mine: &SiteDocument, theirs: &SiteDocument) -> Vec<(Unit, bool)> {
    let mut out = vec![(Unit::Site, false)];
    let mut page_ids: Vec<&String> = mine.pages.keys().collect();
    page_ids.extend(theirs.pages.keys().filter(|id| !mine.pages.contains_key(*id)));
    for id in page_ids {
        let both = mine.pages.contains_key(id) && theirs.pages.contains_key(id);
        out.push((Unit::Page(id.clone()), !both));
        if !both {
            continue;
        }
        let mut block_ids: Vec<&str> = mine.pages[id].blocks.iter().map(Block::id).collect();
        block_ids.extend(theirs.pages[id].blocks.iter().map(Block::id).filter(|b| !mine.pages[id].blocks.iter().any(|m| m.id() == *b)));
        out.extend(block_ids.into_iter().map(|block| (Unit::Block { page: id.clone(), block: block.to_string() }, false)));
        out.push((Unit::Order(id.clone()), false));
    }
    out
}

/// Every difference between `mine` and `theirs`, in page and block order, with a suggestion
/// made from `base` (the version both started from) when it is known.
pub fn differences(base: Option<&SiteDocument>, mine: &SiteDocument, theirs: &SiteDocument) -> Vec<Difference> {
    units(mine, theirs)
        .into_iter()
        .filter_map(|(unit, whole)| {
            let sides = (mine, theirs);
            let (m, t) = (unit_value(mine, &unit, whole, sides), unit_value(theirs, &unit, whole, sides));
            if m == t {
                return None;
            }
            let b = base.map(|base| unit_value(base, &unit, whole, sides));
            let (suggested, both_changed) = match b {
                Some(b) if b == m => (Side::Theirs, false),
                Some(b) if b == t => (Side::Mine, false),
                _ => (Side::Mine, true),
            };
            Some(Difference { unit, mine: m, theirs: t, both_changed, suggested })
        })
        .collect()
}

/// Theirs, with every difference chosen as `Mine` taken from mine.
pub fn merge(mine: &SiteDocument, theirs: &SiteDocument, differences: &[Difference], choices: &[Side]) -> SiteDocument {
    let mut result = theirs.clone();
    for (difference, side) in differences.iter().zip(choices) {
        if *side == Side::Theirs {
            continue;
        }
        match &difference.unit {
            Unit::Site => {
                result.site = mine.site.clone();
                result.theme = mine.theme.clone();
            }
            Unit::Page(id) => match mine.pages.get(id) {
                None => {
                    result.pages.shift_remove(id);
                }
                Some(page) => {
                    let blocks = result.pages.get(id).map(|p| p.blocks.clone());
                    let mut taken = page.clone();
                    if let Some(blocks) = blocks {
                        taken.blocks = blocks;
                    }
                    let position = mine.pages.get_index_of(id).unwrap_or(result.pages.len()).min(result.pages.len());
                    result.pages.shift_remove(id);
                    result.pages.shift_insert(position.min(result.pages.len()), id.clone(), taken);
                }
            },
            Unit::Block { page, block } => {
                let Some(blocks) = result.pages.get_mut(page).map(|p| &mut p.blocks) else { continue };
                blocks.retain(|b| b.id() != block);
                let Some(mine_blocks) = mine.pages.get(page).map(|p| &p.blocks) else { continue };
                let Some(at) = mine_blocks.iter().position(|b| b.id() == block) else { continue };
                // After the nearest block before it (in mine) that the result has.
                let index = mine_blocks[..at]
                    .iter()
                    .rev()
                    .find_map(|before| blocks.iter().position(|b| b.id() == before.id()).map(|i| i + 1))
                    .unwrap_or(0);
                blocks.insert(index, mine_blocks[at].clone());
            }
            Unit::Order(page) => {
                let Some(mine_blocks) = mine.pages.get(page).map(|p| &p.blocks) else { continue };
                let Some(blocks) = result.pages.get_mut(page).map(|p| &mut p.blocks) else { continue };
                // Blocks mine has keep mine's order; any other block stays after the one
                // it followed.
                let mut key = 0.0;
                let mut keyed: Vec<(f64, Block)> = Vec::with_capacity(blocks.len());
                for block in blocks.drain(..) {
                    key = match mine_blocks.iter().position(|b| b.id() == block.id()) {
                        Some(position) => position as f64,
                        None => key + 0.001,
                    };
                    keyed.push((key, block));
                }
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                blocks.extend(keyed.into_iter().map(|(_, block)| block));
            }
        }
    }
    result
}

/// What happened to one unit between two versions of a site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One line of a block-level diff: what changed, where, and how it read before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub unit: Unit,
    pub kind: ChangeKind,
    pub before: String,
    pub after: String,
}

/// The block-level diff from `before` to `after` (a revision and the next, or the published
/// site and the draft), in page and block order.
pub fn changes(before: &SiteDocument, after: &SiteDocument) -> Vec<Change> {
    differences(None, after, before)
        .into_iter()
        .map(|d| {
            let kind = match (&d.theirs, &d.mine) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            };
            Change { unit: d.unit, kind, before: summary(d.theirs.as_ref()), after: summary(d.mine.as_ref()) }
        })
        .collect()
}

/// A short text for a difference's side: the block's kind and the start of its text, a
/// page's title.
pub fn summary(value: Option<&Value>) -> String {
    let Some(value) = value else { return String::new() };
    if let Some(ids) = value.as_array() {
        return ids.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ");
    }
    if let Some(block) = crate::block_tree::from_json_value::<Block>(value) {
        let (kind, text) = block_label(&block);
        return if text.is_empty() { kind.to_string() } else { format!("{kind}: {text}") };
    }
    ["title", "site"]
        .iter()
        .find_map(|key| value.get(*key))
        .map(|v| v.as_str().map(String::from).unwrap_or_else(|| v.get("name").and_then(Value::as_str).unwrap_or_default().to_string()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::schema::new_block;

    fn base() -> SiteDocument {
        civic_shared::demo::ministry()
    }

    fn set_heading(doc: &mut SiteDocument, text: &str) {
        match crate::block_tree::find_block_mut(&mut doc.pages.get_mut("home").unwrap().blocks, "h-welcome") {
            Some(Block::Heading(h)) => h.text = text.into(),
            other => panic!("{other:?}"),
        }
    }

    fn heading(doc: &SiteDocument) -> String {
        match crate::block_tree::find_block(&doc.pages["home"].blocks, "h-welcome") {
            Some(Block::Heading(h)) => h.text.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn suggested(differences: &[Difference]) -> Vec<Side> {
        differences.iter().map(|d| d.suggested).collect()
    }

    #[test]
    fn edits_of_different_blocks_merge_without_asking() {
        let base = base();
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        set_heading(&mut mine, "Мой заголовок");
        theirs.pages.get_mut("home").unwrap().blocks.push(new_block("divider", "divider-1").unwrap());
        theirs.site.name = "Министерство (новое имя)".into();
        let differences = differences(Some(&base), &mine, &theirs);
        assert_eq!(differences.len(), 3);
        assert!(differences.iter().all(|d| !d.both_changed));
        let merged = merge(&mine, &theirs, &differences, &suggested(&differences));
        assert_eq!(heading(&merged), "Мой заголовок");
        assert_eq!(merged.pages["home"].blocks.last().unwrap().id(), "divider-1");
        assert_eq!(merged.site.name, "Министерство (новое имя)");
        assert!(civic_shared::validate(&merged).is_empty());
    }

    #[test]
    fn the_same_block_changed_twice_is_the_users_choice() {
        let base = base();
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        set_heading(&mut mine, "Мой");
        set_heading(&mut theirs, "Их");
        let differences = differences(Some(&base), &mine, &theirs);
        assert_eq!(differences.len(), 1);
        assert!(differences[0].both_changed);
        assert_eq!(summary(differences[0].mine.as_ref()), "Заголовок: Мой");
        assert_eq!(heading(&merge(&mine, &theirs, &differences, &[Side::Mine])), "Мой");
        assert_eq!(heading(&merge(&mine, &theirs, &differences, &[Side::Theirs])), "Их");
    }

    #[test]
    fn deletions_additions_and_moves_are_differences_too() {
        let base = base();
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        mine.pages.get_mut("home").unwrap().blocks.retain(|b| b.id() != "h-welcome");
        let page = mine.pages["contacts"].clone();
        mine.pages.insert("new-page".into(), civic_shared::Page { slug: "novaia".into(), title: "Новая".into(), ..page });
        theirs.pages.get_mut("home").unwrap().blocks.swap(2, 3);
        let differences = differences(Some(&base), &mine, &theirs);
        let merged = merge(&mine, &theirs, &differences, &suggested(&differences));
        assert!(!crate::structure::contains(&merged.pages["home"].blocks, "h-welcome"), "my deletion holds");
        assert!(merged.pages.contains_key("new-page"), "my page is added");
        let order = |doc: &SiteDocument| doc.pages["home"].blocks.iter().map(|b| b.id().to_string()).collect::<Vec<_>>();
        let mut expected = order(&theirs);
        expected.retain(|id| id != "h-welcome");
        assert_eq!(order(&merged), expected, "their move holds");
        assert!(civic_shared::validate(&merged).is_empty());
        let mine_wins: Vec<Side> = differences.iter().map(|_| Side::Mine).collect();
        let mut expected = order(&mine);
        expected.retain(|id| id != "h-welcome");
        assert_eq!(order(&merge(&mine, &theirs, &differences, &mine_wins)), expected, "or my order, if I say so");
    }

    #[test]
    fn without_the_common_version_every_difference_is_asked_and_mine_is_suggested() {
        let base = base();
        let (mut mine, theirs) = (base.clone(), base.clone());
        set_heading(&mut mine, "Мой");
        let differences = differences(None, &mine, &theirs);
        assert_eq!(differences.len(), 1);
        assert!(differences[0].both_changed);
        assert_eq!(differences[0].suggested, Side::Mine);
        assert_eq!(merge(&mine, &theirs, &differences, &[Side::Theirs]), theirs, "taking theirs everywhere is theirs");
        assert_eq!(merge(&mine, &theirs, &differences, &[Side::Mine]), mine, "taking mine everywhere is mine");
    }

    #[test]
    fn a_diff_names_every_added_removed_and_changed_block() {
        let before = base();
        let mut after = before.clone();
        set_heading(&mut after, "Новый заголовок");
        after.pages.get_mut("home").unwrap().blocks.retain(|b| b.id() != "p-intro");
        after.pages.get_mut("home").unwrap().blocks.push(new_block("divider", "divider-1").unwrap());
        let found = changes(&before, &after);
        let kinds: Vec<(ChangeKind, String)> = found.iter().map(|c| (c.kind, match &c.unit { Unit::Block { block, .. } => block.clone(), other => format!("{other:?}") })).collect();
        assert!(kinds.contains(&(ChangeKind::Changed, "h-welcome".into())), "{kinds:?}");
        assert!(kinds.contains(&(ChangeKind::Removed, "p-intro".into())));
        assert!(kinds.contains(&(ChangeKind::Added, "divider-1".into())));
        let heading = found.iter().find(|c| matches!(&c.unit, Unit::Block { block, .. } if block == "h-welcome")).unwrap();
        assert_eq!(heading.after, "Заголовок: Новый заголовок");
        assert!(changes(&before, &before).is_empty());
    }

    #[test]
    fn a_text_is_named_by_its_words_headings_and_lists_included() {
        use civic_shared::{Text, TextBlock, TextRun};
        let block = Block::Text(Text {
            id: "t".into(),
            content: vec![
                TextBlock::Heading { level: 2, runs: vec![TextRun::plain("Приём. ")] },
                TextBlock::List { ordered: true, items: vec![vec![TextRun::plain("Паспорт; ")], vec![TextRun::plain("заявление.")]] },
            ],
        });
        assert_eq!(block_label(&block).1, "Приём. Паспорт; заявление.");
    }
}
