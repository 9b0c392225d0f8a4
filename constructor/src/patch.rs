//! What the incremental preview must redo after a change: nothing, a few blocks, the page's
//! content, or the whole page. Pure, tested natively; the canvas applies the plan.

use civic_shared::{Block, Page};

/// The least work that shows a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Patch {
    /// The page is unchanged.
    Nothing,
    /// Only these blocks changed (each re-rendered and swapped in place).
    Blocks(Vec<String>),
    /// One block (with what it holds) was deleted.
    Remove(String),
    /// One block was added (`new`: render it) or moved: it goes right after the block
    /// `after`, or right before `before` when it is first in its group.
    Place { id: String, after: Option<String>, before: Option<String>, new: bool },
    /// Blocks were added, removed or moved: the page's content is rendered again.
    Content,
    /// The page's own settings changed (its title is in the head and the menu).
    Full,
}

/// Where every block stands: its id, its container and group, in document order.
fn shape(blocks: &[Block], parent: &str, group: usize, out: &mut Vec<(String, String, usize)>) {
    for block in blocks {
        out.push((block.id().to_string(), parent.to_string(), group));
        for (g, children) in block.child_groups().into_iter().enumerate() {
            shape(children, block.id(), g, out);
        }
    }
}

/// A container without its children: what its own element shows around them.
fn own(block: &Block) -> Block {
    let mut copy = block.clone();
    for group in copy.child_groups_mut() {
        group.clear();
    }
    copy
}

fn changed(before: &[Block], after: &[Block], out: &mut Vec<String>) {
    for (old, new) in before.iter().zip(after) {
        if old == new {
            continue;
        }
        let (old_groups, new_groups) = (old.child_groups(), new.child_groups());
        if !new_groups.is_empty() && own(old) == own(new) {
            for (a, b) in old_groups.into_iter().zip(new_groups) {
                changed(a, b, out);
            }
        } else {
            out.push(new.id().to_string());
        }
    }
}

/// The trees without the block `id`.
fn without(blocks: &[Block], id: &str) -> Vec<Block> {
    let mut copy = blocks.to_vec();
    crate::structure::remove(&mut copy, id);
    copy
}

/// Where a placed block goes: after its previous sibling, or before its next one.
fn place(after: &[Block], id: &str, new: bool) -> Option<Patch> {
    let slot = crate::structure::slot_of(after, id)?;
    let group = crate::structure::group_of(after, &slot)?;
    let previous = slot.index.checked_sub(1).and_then(|i| group.get(i)).map(|b| b.id().to_string());
    let next = group.get(slot.index + 1).map(|b| b.id().to_string());
    if previous.is_none() && next.is_none() {
        return None;
    }
    Some(Patch::Place { id: id.to_string(), before: next.filter(|_| previous.is_none()), after: previous, new })
}

/// A change of exactly one block's place: deleted, added or moved, with everything else the
/// same. The canvas then moves one element instead of rendering the page's content again.
fn one_block(before: &[Block], after: &[Block], a: &[(String, String, usize)], b: &[(String, String, usize)]) -> Option<Patch> {
    let ids = |shape: &[(String, String, usize)]| shape.iter().map(|(id, ..)| id.clone()).collect::<std::collections::HashSet<_>>();
    let (old, new) = (ids(a), ids(b));
    let removed: Vec<&(String, String, usize)> = a.iter().filter(|(id, ..)| !new.contains(id)).collect();
    let added: Vec<&(String, String, usize)> = b.iter().filter(|(id, ..)| !old.contains(id)).collect();
    match (removed.first(), added.first()) {
        // The first removed block in document order is the root of what was removed.
        (Some((root, ..)), None) => (without(before, root) == after).then(|| Patch::Remove(root.clone())),
        (None, Some((root, ..))) => if without(after, root) == before { place(after, root, true) } else { None },
        (None, None) => {
            // A move: the first place the orders differ names the moved block on one side.
            let at = a.iter().zip(b).position(|(x, y)| x != y)?;
            [&a[at].0, &b[at].0].into_iter().find_map(|id| {
                let same_block = crate::state::find_block(before, id) == crate::state::find_block(after, id);
                if same_block && without(before, id) == without(after, id) {
                    place(after, id, false)
                } else {
                    None
                }
            })
        }
        _ => None,
    }
}

/// The plan for showing `after` where `before` is shown.
pub fn plan(before: &Page, after: &Page) -> Patch {
    if before.title != after.title || before.slug != after.slug || before.parent != after.parent || before.in_menu != after.in_menu
        || before.description != after.description
    {
        return Patch::Full;
    }
    if before.blocks == after.blocks {
        return Patch::Nothing;
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    shape(&before.blocks, "", 0, &mut a);
    shape(&after.blocks, "", 0, &mut b);
    if a != b {
        return one_block(&before.blocks, &after.blocks, &a, &b).unwrap_or(Patch::Content);
    }
    let mut ids = Vec::new();
    changed(&before.blocks, &after.blocks, &mut ids);
    Patch::Blocks(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, BlockEdit, EditorState};

    fn home(state: &EditorState) -> Page {
        state.document.as_ref().unwrap().pages["home"].clone()
    }

    fn loaded() -> EditorState {
        let mut state = EditorState::default();
        state.apply(Action::Loaded { document: civic_shared::demo::ministry(), version: 1, published_revision: None, restored_local: false });
        state
    }

    #[test]
    fn typing_redoes_only_the_block_typed_into() {
        let mut state = loaded();
        let before = home(&state);
        assert_eq!(plan(&before, &before), Patch::Nothing);
        state.apply(Action::Edit { block_id: "card-internet".into(), edit: BlockEdit::new("/title", "Связь") });
        assert_eq!(plan(&before, &home(&state)), Patch::Blocks(vec!["card-internet".into()]), "not the columns around it");
    }

    #[test]
    fn structure_and_page_changes_redo_more() {
        let mut state = loaded();
        let before = home(&state);
        state.apply(Action::SelectBlock(Some("h-welcome".into())));
        state.apply(Action::MoveSelected { up: true });
        // Two neighbours swapped: moving either one shows it.
        let swapped = plan(&before, &home(&state));
        assert!(
            [
                Patch::Place { id: "h-welcome".into(), after: None, before: Some("hero".into()), new: false },
                Patch::Place { id: "hero".into(), after: Some("h-welcome".into()), before: None, new: false },
            ]
            .contains(&swapped),
            "{swapped:?}"
        );
        state.apply(Action::MoveSelected { up: false });
        state.apply(Action::MoveSelected { up: false });
        let moved_down = plan(&before, &home(&state));
        assert!(matches!(&moved_down, Patch::Place { id, new: false, after: Some(_), .. } if id == "h-welcome"), "{moved_down:?}");
        state.apply(Action::Undo);
        state.apply(Action::Undo);
        state.apply(Action::Undo);
        state.apply(Action::DeleteSelected);
        assert_eq!(plan(&before, &home(&state)), Patch::Remove("h-welcome".into()));
        state.apply(Action::Undo);
        state.apply(Action::SelectBlock(Some("card-internet".into())));
        state.apply(Action::Insert { type_name: "heading".into() });
        assert_eq!(plan(&before, &home(&state)), Patch::Place { id: "heading-1".into(), after: Some("card-internet".into()), before: None, new: true });
        state.apply(Action::Undo);
        let columns = home(&state).blocks.iter().find(|b| b.type_name() == "columns").unwrap().id().to_string();
        state.apply(Action::SelectBlock(Some(columns.clone())));
        state.apply(Action::DeleteSelected);
        assert_eq!(plan(&before, &home(&state)), Patch::Remove(columns), "a container goes with what it holds");
        state.apply(Action::Undo);
        state.apply(Action::Edit { block_id: "h-welcome".into(), edit: BlockEdit::new("/text", "Другой") });
        state.apply(Action::SelectBlock(Some("p-intro".into())));
        state.apply(Action::DeleteSelected);
        assert_eq!(plan(&before, &home(&state)), Patch::Content, "two changes at once: the content again");
        let mut renamed = before.clone();
        renamed.title = "Другая".into();
        assert_eq!(plan(&before, &renamed), Patch::Full);
    }
}
