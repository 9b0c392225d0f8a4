//! Changes to a page's block tree: insert, delete, move. Pure, tested natively.

use civic_shared::Block;

/// Containers and banners go to the top level of the page: the nesting rules forbid them
/// inside some containers, and a clerk expects a banner at the top anyway.
fn top_level_only(type_name: &str) -> bool {
    matches!(type_name, "hero" | "columns" | "tabs" | "accordion")
}

/// Inserts `block` right after the block `after` (in the same container) or, without one,
/// at the end of the page. Returns false if nothing was inserted.
pub fn insert(blocks: &mut Vec<Block>, after: Option<&str>, block: Block) -> bool {
    let nested_ok = !top_level_only(block.type_name());
    if let Some(after) = after {
        if let Some(index) = blocks.iter().position(|b| b.id() == after) {
            blocks.insert(index + 1, block);
            return true;
        }
        if nested_ok {
            for candidate in blocks.iter_mut() {
                for group in candidate.child_groups_mut() {
                    if contains(group, after) {
                        return insert(group, Some(after), block);
                    }
                }
            }
        } else if let Some(index) = blocks.iter().position(|b| contains(std::slice::from_ref(b), after)) {
            blocks.insert(index + 1, block);
            return true;
        }
    }
    blocks.push(block);
    true
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
    let base = type_name.replace('_', "-");
    (1..).map(|n| format!("{base}-{n}")).find(|id| !contains(blocks, id)).expect("the numbers never run out")
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

    #[test]
    fn inserts_after_the_selected_block_even_inside_a_container() {
        let mut blocks = page();
        let id = unique_id(&blocks, "heading");
        assert!(insert(&mut blocks, Some("card-internet"), new_block("heading", &id).unwrap()));
        match &blocks[3] {
            Block::Columns(c) => assert_eq!(ids(&c.columns[1].blocks), ["card-internet", id.as_str()]),
            other => panic!("{other:?}"),
        }
        assert!(civic_shared::validate(&with_home(blocks)).is_empty());
    }

    #[test]
    fn containers_go_to_the_top_level() {
        let mut blocks = page();
        insert(&mut blocks, Some("card-internet"), new_block("columns", "columns-1").unwrap());
        assert_eq!(blocks[4].id(), "columns-1", "right after the columns that hold the selection");
        assert!(civic_shared::validate(&with_home(blocks)).is_empty());
    }

    #[test]
    fn without_a_selection_the_block_goes_last() {
        let mut blocks = page();
        insert(&mut blocks, None, new_block("divider", "divider-1").unwrap());
        assert_eq!(blocks.last().unwrap().id(), "divider-1");
    }

    #[test]
    fn remove_and_move() {
        let mut blocks = page();
        assert_eq!(remove(&mut blocks, "card-gosuslugi").map(|b| b.type_name()), Some("card"));
        assert!(!contains(&blocks, "card-gosuslugi"));
        assert!(remove(&mut blocks, "nope").is_none());
        assert!(move_by_one(&mut blocks, "h-welcome", true));
        assert_eq!(ids(&blocks)[..2], ["h-welcome", "hero"]);
        assert!(!move_by_one(&mut blocks, "h-welcome", true), "already first");
    }

    #[test]
    fn ids_are_unique() {
        let mut blocks = page();
        let first = unique_id(&blocks, "news_feed");
        insert(&mut blocks, None, new_block("news_feed", &first).unwrap());
        assert_ne!(unique_id(&blocks, "news_feed"), first);
    }

    fn with_home(blocks: Vec<Block>) -> civic_shared::SiteDocument {
        let mut doc = civic_shared::demo::ministry();
        doc.pages.get_mut("home").unwrap().blocks = blocks;
        doc
    }
}
