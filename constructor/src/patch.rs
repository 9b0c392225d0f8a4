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
        return Patch::Content;
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
        assert_eq!(plan(&before, &home(&state)), Patch::Content);
        state.apply(Action::Undo);
        state.apply(Action::DeleteSelected);
        assert_eq!(plan(&before, &home(&state)), Patch::Content);
        let mut renamed = before.clone();
        renamed.title = "Другая".into();
        assert_eq!(plan(&before, &renamed), Patch::Full);
    }
}
