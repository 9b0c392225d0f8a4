//! Changes to a page's block tree: where a block may go, inserting, moving, deleting,
//! copies with fresh ids. Pure, tested natively.

use civic_shared::validate::{allowed_inside, MAX_SECTION_DEPTH};
use civic_shared::Block;

/// A place between blocks: in the page's top level (`parent: None`) or in one group of a
/// container (a section's blocks, a column, a tab, an accordion item), before `index`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub parent: Option<String>,
    pub group: usize,
    pub index: usize,
}

impl Slot {
    /// The end of the page.
    pub fn page_end(blocks: &[Block]) -> Self {
        Self { parent: None, group: 0, index: blocks.len() }
    }
}

/// Why a block cannot go somewhere, so the interface can say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A banner only at the top level of a page.
    BannerOnTop,
    /// Columns in columns.
    ColumnsInColumns,
    /// Tabs or accordions inside tabs or accordions.
    PanelsInPanels,
    /// A container into itself or its own child.
    IntoItself,
    /// Containers deeper than the validator allows.
    TooDeep,
    /// The place no longer exists (the tree changed meanwhile).
    NoSuchPlace,
}

/// Where the block with this id stands.
pub fn slot_of(blocks: &[Block], id: &str) -> Option<Slot> {
    fn walk(blocks: &[Block], parent: Option<&str>, group: usize, id: &str) -> Option<Slot> {
        for (index, block) in blocks.iter().enumerate() {
            if block.id() == id {
                return Some(Slot { parent: parent.map(String::from), group, index });
            }
            for (g, children) in block.child_groups().into_iter().enumerate() {
                if let Some(found) = walk(children, Some(block.id()), g, id) {
                    return Some(found);
                }
            }
        }
        None
    }
    walk(blocks, None, 0, id)
}

/// The group of blocks a slot points into.
pub fn group_of<'a>(blocks: &'a [Block], slot: &Slot) -> Option<&'a [Block]> {
    match &slot.parent {
        None => Some(blocks),
        Some(parent) => crate::block_tree::find_block(blocks, parent)?.child_groups().get(slot.group).copied(),
    }
}

fn group_mut<'a>(blocks: &'a mut Vec<Block>, slot: &Slot) -> Option<&'a mut Vec<Block>> {
    match &slot.parent {
        None => Some(blocks),
        Some(parent) => crate::block_tree::find_block_mut(blocks, parent)?.child_groups_mut().into_iter().nth(slot.group),
    }
}

/// The chain of containers above a slot, innermost first: (id, type).
fn ancestors(blocks: &[Block], slot: &Slot) -> Vec<(String, &'static str)> {
    let mut chain = Vec::new();
    let mut next = slot.parent.clone();
    while let Some(id) = next {
        let Some(block) = crate::block_tree::find_block(blocks, &id) else { break };
        chain.push((id.clone(), block.type_name()));
        next = slot_of(blocks, &id).and_then(|s| s.parent);
    }
    chain
}

/// How many levels of containers a block holds: 0 for a leaf, 1 for a section of leaves…
fn container_height(block: &Block) -> usize {
    let groups = block.child_groups();
    if groups.is_empty() {
        return 0;
    }
    1 + groups.into_iter().flatten().map(container_height).max().unwrap_or(0)
}

/// Whether `block` may go into `slot` (the same rules the validator applies after a save).
pub fn check(blocks: &[Block], block: &Block, slot: &Slot) -> Result<(), Refusal> {
    let group = group_of(blocks, slot).ok_or(Refusal::NoSuchPlace)?;
    if slot.index > group.len() {
        return Err(Refusal::NoSuchPlace);
    }
    let chain = ancestors(blocks, slot);
    if chain.iter().any(|(id, _)| id == block.id()) {
        return Err(Refusal::IntoItself);
    }
    if let Some((_, container)) = chain.first() {
        if !allowed_inside(container, block.type_name()) {
            return Err(match block.type_name() {
                "hero" => Refusal::BannerOnTop,
                "columns" => Refusal::ColumnsInColumns,
                _ => Refusal::PanelsInPanels,
            });
        }
    }
    // A slot below n containers is at depth n + 1; a container may stand at most at depth
    // MAX - 1, and so may the deepest container it holds.
    let height = container_height(block);
    if height > 0 && chain.len() + height > MAX_SECTION_DEPTH - 1 {
        return Err(Refusal::TooDeep);
    }
    Ok(())
}

/// Puts `block` into `slot` if the rules allow it.
pub fn place(blocks: &mut Vec<Block>, block: Block, slot: &Slot) -> Result<(), Refusal> {
    check(blocks, &block, slot)?;
    let group = group_mut(blocks, slot).ok_or(Refusal::NoSuchPlace)?;
    group.insert(slot.index, block);
    Ok(())
}

/// Moves the block with this id to `slot` (a slot counted before the block left its place).
/// Returns false if it would land where it stands.
pub fn move_to(blocks: &mut Vec<Block>, id: &str, slot: &Slot) -> Result<bool, Refusal> {
    let from = slot_of(blocks, id).ok_or(Refusal::NoSuchPlace)?;
    let block = crate::block_tree::find_block(blocks, id).ok_or(Refusal::NoSuchPlace)?;
    check(blocks, block, slot)?;
    let same_group = from.parent == slot.parent && from.group == slot.group;
    if same_group && (slot.index == from.index || slot.index == from.index + 1) {
        return Ok(false);
    }
    let block = remove(blocks, id).ok_or(Refusal::NoSuchPlace)?;
    let index = if same_group && slot.index > from.index { slot.index - 1 } else { slot.index };
    let target = Slot { index, ..slot.clone() };
    let group = group_mut(blocks, &target).ok_or(Refusal::NoSuchPlace)?;
    group.insert(index, block);
    Ok(true)
}

/// Where a new block goes: right after `after` in its container if the rules allow it there,
/// else after the nearest container that can take it, else at the end of the page.
pub fn slot_after(blocks: &[Block], after: Option<&str>, block: &Block) -> Slot {
    let mut current = after.and_then(|id| slot_of(blocks, id));
    while let Some(slot) = current {
        let next = Slot { index: slot.index + 1, ..slot.clone() };
        if check(blocks, block, &next).is_ok() {
            return next;
        }
        current = slot.parent.as_deref().and_then(|parent| slot_of(blocks, parent));
    }
    Slot::page_end(blocks)
}

/// Inserts `block` after `after` (see [`slot_after`]).
pub fn insert(blocks: &mut Vec<Block>, after: Option<&str>, block: Block) -> bool {
    let slot = slot_after(blocks, after, &block);
    place(blocks, block, &slot).is_ok()
}

/// Removes the block with this id wherever it is.
pub fn remove(blocks: &mut Vec<Block>, id: &str) -> Option<Block> {
    if let Some(index) = blocks.iter().position(|b| b.id() == id) {
        return Some(blocks.remove(index));
    }
    blocks.iter_mut().find_map(|b| b.child_groups_mut().into_iter().find_map(|group| remove(group, id)))
}

/// Moves the block one place up or down within its container; false at the edge.
pub fn move_by_one(blocks: &mut [Block], id: &str, up: bool) -> bool {
    if let Some(index) = blocks.iter().position(|b| b.id() == id) {
        let target = if up { index.checked_sub(1) } else { Some(index + 1).filter(|t| *t < blocks.len()) };
        return match target {
            Some(target) => {
                blocks.swap(index, target);
                true
            }
            None => false,
        };
    }
    blocks.iter_mut().any(|b| b.child_groups_mut().into_iter().any(|group| move_by_one(group, id, up)))
}

/// Whether a block with this id is anywhere in the tree.
pub fn contains(blocks: &[Block], id: &str) -> bool {
    blocks.iter().any(|b| b.id() == id || b.child_groups().into_iter().any(|group| contains(group, id)))
}

/// A new id for a block of this type, unused on the page: `heading-2`, `text-5`…
pub fn unique_id(blocks: &[Block], type_name: &str) -> String {
    unique_among(blocks, &[], type_name)
}

fn unique_among(blocks: &[Block], taken: &[String], type_name: &str) -> String {
    let base = type_name.replace('_', "-");
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !contains(blocks, id) && !taken.contains(id))
        .expect("the numbers never run out")
}

/// A copy of `block` (children included) whose ids are all new on this page, for paste
/// and duplicate: two blocks never share an id.
pub fn fresh_copy(blocks: &[Block], block: &Block) -> Block {
    fn renew(value: &mut serde_json::Value, blocks: &[Block], taken: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(object) => {
                let kind = object.get("type").and_then(|t| t.as_str()).map(String::from);
                if let (Some(kind), true) = (kind, object.contains_key("id")) {
                    let id = unique_among(blocks, taken, &kind);
                    taken.push(id.clone());
                    object.insert("id".into(), id.into());
                }
                object.values_mut().for_each(|v| renew(v, blocks, taken));
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| renew(v, blocks, taken)),
            _ => {}
        }
    }
    let Ok(mut json) = crate::block_tree::to_json_value(block) else { return block.clone() };
    renew(&mut json, blocks, &mut Vec::new());
    crate::block_tree::from_json_value(&json).unwrap_or_else(|| block.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::schema::new_block;

    fn page() -> Vec<Block> {
        civic_shared::demo::ministry().pages["home"].blocks.clone()
    }

    fn ids(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(Block::id).collect()
    }

    fn column(blocks: &[Block], index: usize) -> Vec<&str> {
        match blocks.iter().find(|b| b.type_name() == "columns") {
            Some(Block::Columns(c)) => ids(&c.columns[index].blocks),
            other => panic!("{other:?}"),
        }
    }

    fn valid(blocks: Vec<Block>) -> bool {
        let mut doc = civic_shared::demo::ministry();
        doc.pages.get_mut("home").unwrap().blocks = blocks;
        civic_shared::validate(&doc).is_empty()
    }

    #[test]
    fn inserts_after_the_selected_block_even_inside_a_container() {
        let mut blocks = page();
        let id = unique_id(&blocks, "heading");
        assert!(insert(&mut blocks, Some("card-internet"), new_block("heading", &id).unwrap()));
        assert_eq!(column(&blocks, 1), ["card-internet", id.as_str()]);
        assert!(valid(blocks));
    }

    #[test]
    fn containers_climb_out_to_where_they_may_stand() {
        let mut blocks = page();
        insert(&mut blocks, Some("card-internet"), new_block("columns", "columns-1").unwrap());
        assert_eq!(blocks[4].id(), "columns-1", "right after the columns that hold the selection");
        insert(&mut blocks, Some("card-internet"), new_block("hero", "hero-1").unwrap());
        assert_eq!(blocks[4].id(), "hero-1");
        insert(&mut blocks, Some("card-internet"), new_block("section", "section-1").unwrap());
        assert_eq!(column(&blocks, 1), ["card-internet", "section-1"], "a section may stand in a column");
        assert!(valid(blocks));
    }

    #[test]
    fn without_a_selection_the_block_goes_last() {
        let mut blocks = page();
        insert(&mut blocks, None, new_block("divider", "divider-1").unwrap());
        assert_eq!(blocks.last().unwrap().id(), "divider-1");
    }

    #[test]
    fn drops_follow_the_nesting_rules_with_a_reason() {
        let mut blocks = page();
        let into_column = Slot { parent: Some(blocks[3].id().to_string()), group: 0, index: 0 };
        let refuse = |blocks: &mut Vec<Block>, kind: &str| place(blocks, new_block(kind, &format!("{kind}-9")).unwrap(), &into_column).unwrap_err();
        assert_eq!(refuse(&mut blocks, "hero"), Refusal::BannerOnTop);
        assert_eq!(refuse(&mut blocks, "columns"), Refusal::ColumnsInColumns);
        place(&mut blocks, new_block("tabs", "tabs-1").unwrap(), &into_column).unwrap();
        let into_tab = Slot { parent: Some("tabs-1".into()), group: 0, index: 0 };
        assert_eq!(place(&mut blocks, new_block("accordion", "acc-1").unwrap(), &into_tab), Err(Refusal::PanelsInPanels));
        place(&mut blocks, new_block("section", "s-1").unwrap(), &into_tab).unwrap();
        let deep = Slot { parent: Some("s-1".into()), group: 0, index: 0 };
        assert_eq!(place(&mut blocks, new_block("section", "s-2").unwrap(), &deep), Err(Refusal::TooDeep));
        place(&mut blocks, new_block("heading", "h-9").unwrap(), &deep).unwrap();
        assert!(valid(blocks.clone()), "what the rules let in, the validator accepts");
        assert_eq!(move_to(&mut blocks, "tabs-1", &Slot { parent: Some("s-1".into()), group: 0, index: 0 }), Err(Refusal::IntoItself));
        let gone = Slot { parent: Some("nope".into()), group: 0, index: 0 };
        assert_eq!(place(&mut blocks, new_block("heading", "h-8").unwrap(), &gone), Err(Refusal::NoSuchPlace));
    }

    #[test]
    fn depth_rule_matches_the_validator() {
        // Sections in sections: the deepest the validator takes is the deepest a drop takes.
        let mut blocks = Vec::new();
        let mut parent: Option<String> = None;
        let mut placed = 0;
        for n in 0..6 {
            let id = format!("s-{n}");
            let slot = Slot { parent: parent.clone(), group: 0, index: 0 };
            if place(&mut blocks, new_block("section", &id).unwrap(), &slot).is_err() {
                break;
            }
            placed += 1;
            parent = Some(id);
        }
        assert_eq!(placed, MAX_SECTION_DEPTH - 1);
        assert!(valid(blocks));
    }

    #[test]
    fn moves_across_containers_and_within_one() {
        let mut blocks = page();
        let columns = blocks[3].id().to_string();
        let into_first = Slot { parent: Some(columns.clone()), group: 0, index: 0 };
        assert_eq!(move_to(&mut blocks, "h-welcome", &into_first), Ok(true));
        assert_eq!(column(&blocks, 0)[0], "h-welcome");
        assert_eq!(blocks[2].id(), columns, "the page closed the gap");
        let top = ids(&blocks).iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(move_to(&mut blocks, &top[0], &Slot { parent: None, group: 0, index: 3 }), Ok(true));
        assert_eq!(ids(&blocks)[2], top[0], "moving down counts the place before the block left");
        assert_eq!(move_to(&mut blocks, &top[0], &Slot { parent: None, group: 0, index: 2 }), Ok(false), "onto itself");
        assert!(valid(blocks));
    }

    #[test]
    fn remove_and_move_by_one() {
        let mut blocks = page();
        assert_eq!(remove(&mut blocks, "card-gosuslugi").map(|b| b.type_name()), Some("card"));
        assert!(!contains(&blocks, "card-gosuslugi"));
        assert!(remove(&mut blocks, "nope").is_none());
        assert!(move_by_one(&mut blocks, "h-welcome", true));
        assert_eq!(ids(&blocks)[..2], ["h-welcome", "hero"]);
        assert!(!move_by_one(&mut blocks, "h-welcome", true), "already first");
    }

    #[test]
    fn copies_get_fresh_ids_all_the_way_down() {
        let mut blocks = page();
        let copy = fresh_copy(&blocks, &blocks[3]);
        assert_ne!(copy.id(), blocks[3].id());
        for child in copy.children() {
            assert!(!contains(&blocks, child.id()), "{} is taken", child.id());
        }
        insert(&mut blocks, None, copy);
        assert!(valid(blocks));
    }

    #[test]
    fn ids_are_unique() {
        let mut blocks = page();
        let first = unique_id(&blocks, "news_feed");
        insert(&mut blocks, None, new_block("news_feed", &first).unwrap());
        assert_ne!(unique_id(&blocks, "news_feed"), first);
    }
}
