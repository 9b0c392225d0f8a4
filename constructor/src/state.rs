//! The editor's state and every change to it, as a pure reducer (tested natively).

use std::rc::Rc;

use civic_shared::{Block, SiteDocument};
use serde_json::Value;

/// How many undo steps are kept; older ones are dropped to bound memory.
pub const UNDO_LIMIT: usize = 200;

/// Where saving and publishing stand, as shown in the top bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing loaded yet.
    Loading,
    /// The draft on the server equals what is on screen.
    Saved,
    /// There are edits the server does not have.
    Unsaved,
    /// A save is in flight.
    Saving,
    /// A publish is in flight.
    Publishing,
    /// The draft was published as this revision.
    Published(i64),
    /// Someone saved a newer draft (this version); our edits are kept on screen.
    Conflict { current_version: i64 },
    /// The server refused or could not be reached; the message is shown.
    Failed(String),
}

/// One field of one block, changed by the properties panel: the JSON value at `pointer`
/// inside the block (`/text`, `/images/0/alt`, `/content/0/runs/1/bold`). One generic edit
/// serves every block kind, because the forms are generated from the block schemas.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockEdit {
    /// JSON pointer inside the block; `/type` and `/id` cannot be edited.
    pub pointer: String,
    /// The new value; `null` clears an optional field.
    pub value: Value,
}

impl BlockEdit {
    /// An edit of the field at `pointer`.
    pub fn new(pointer: impl Into<String>, value: impl Into<Value>) -> Self {
        Self { pointer: pointer.into(), value: value.into() }
    }

    /// Typing into a text field coalesces into one undo step; toggles and choices do not.
    fn is_typing(&self) -> bool {
        self.value.is_string()
    }
}

/// Everything the editor can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The draft arrived from the server (or from the local copy).
    Loaded { document: SiteDocument, version: i64, published_revision: Option<i64>, restored_local: bool },
    /// Show another page.
    SelectPage(String),
    /// Select a block (or none).
    SelectBlock(Option<String>),
    /// Change a field of a block on the current page.
    Edit { block_id: String, edit: BlockEdit },
    /// Change several fields of one block as one undo step (a file chosen from the media
    /// library fills its address and its description).
    EditFields { block_id: String, edits: Vec<BlockEdit> },
    /// Insert a new block of this type after the selected one (or at the end) and select it.
    Insert { type_name: String },
    /// Delete the selected block.
    DeleteSelected,
    /// Move the selected block one place up or down in its container.
    MoveSelected { up: bool },
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// A save request left with the edits up to `edit_seq`.
    SaveStarted,
    /// The server stored the draft as `version`; `edit_seq` is what that save carried.
    Saved { version: i64, edit_seq: u64 },
    /// A publish request left.
    PublishStarted,
    /// The server published `revision`.
    Published { revision: i64 },
    /// The server has a newer draft.
    Conflict { current_version: i64 },
    /// Keep my edits: the next save is based on the server's newer version.
    KeepMine,
    /// Something failed; the message is for the user.
    Failed(String),
}

/// The editor's state.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    /// The document on screen.
    pub document: Option<SiteDocument>,
    /// Server draft version the document is based on.
    pub version: i64,
    /// Latest published revision.
    pub published_revision: Option<i64>,
    /// Page being edited.
    pub page_id: String,
    /// Selected block.
    pub selected: Option<String>,
    /// Save and publish status.
    pub save: SaveState,
    /// Counts edits; a save reports which edit it carried so later edits stay unsaved.
    pub edit_seq: u64,
    /// Whether unsaved edits were restored from this browser's local copy.
    pub restored_local: bool,
    // Snapshots are shared, so cloning the state (as Yew's reducer does) stays cheap.
    undo: Vec<Rc<SiteDocument>>,
    redo: Vec<Rc<SiteDocument>>,
    last_edit: Option<(String, String)>,
}

impl Default for EditorState {
    fn default() -> Self {
        Self {
            document: None,
            version: 0,
            published_revision: None,
            page_id: String::new(),
            selected: None,
            save: SaveState::Loading,
            edit_seq: 0,
            restored_local: false,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
        }
    }
}

impl EditorState {
    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Loaded { document, version, published_revision, restored_local } => {
                self.page_id = document.pages.keys().next().cloned().unwrap_or_default();
                self.document = Some(document);
                self.version = version;
                self.published_revision = published_revision;
                self.restored_local = restored_local;
                self.save = if restored_local { SaveState::Unsaved } else { SaveState::Saved };
                self.undo.clear();
                self.redo.clear();
                self.last_edit = None;
            }
            Action::SelectPage(page_id) => {
                if self.document.as_ref().is_some_and(|d| d.pages.contains_key(&page_id)) {
                    self.page_id = page_id;
                    self.selected = None;
                    self.last_edit = None;
                }
            }
            Action::SelectBlock(block_id) => {
                self.selected = block_id;
                self.last_edit = None;
            }
            Action::Edit { block_id, edit } => self.edit(block_id, edit),
            Action::EditFields { block_id, edits } => self.edit_fields(&block_id, &edits),
            Action::Insert { type_name } => self.insert(&type_name),
            Action::DeleteSelected => {
                if let Some(id) = self.selected.clone() {
                    if self.change_blocks(|blocks| crate::structure::remove(blocks, &id).is_some()) {
                        self.selected = None;
                    }
                }
            }
            Action::MoveSelected { up } => {
                if let Some(id) = self.selected.clone() {
                    self.change_blocks(|blocks| crate::structure::move_by_one(blocks, &id, up));
                }
            }
            Action::Undo => self.step(true),
            Action::Redo => self.step(false),
            Action::SaveStarted => self.save = SaveState::Saving,
            Action::Saved { version, edit_seq } => {
                self.version = version;
                self.restored_local = false;
                self.save = if edit_seq == self.edit_seq { SaveState::Saved } else { SaveState::Unsaved };
            }
            Action::PublishStarted => self.save = SaveState::Publishing,
            Action::Published { revision } => {
                self.published_revision = Some(revision);
                self.save = SaveState::Published(revision);
            }
            Action::Conflict { current_version } => self.save = SaveState::Conflict { current_version },
            Action::KeepMine => {
                if let SaveState::Conflict { current_version } = self.save {
                    self.version = current_version;
                    self.save = SaveState::Unsaved;
                }
            }
            Action::Failed(message) => self.save = SaveState::Failed(message),
        }
    }

    /// Whether the server lacks some of the edits on screen.
    pub fn has_unsaved_edits(&self) -> bool {
        matches!(self.save, SaveState::Unsaved | SaveState::Conflict { .. } | SaveState::Failed(_) | SaveState::Saving)
    }

    /// Whether undo / redo have anything to do.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// See [`EditorState::can_undo`].
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn edit(&mut self, block_id: String, edit: BlockEdit) {
        let Some(document) = self.document.as_mut() else { return };
        let Some(page) = document.pages.get_mut(&self.page_id) else { return };
        let before = page.blocks.clone();
        let Some(block) = find_block_mut(&mut page.blocks, &block_id) else { return };
        if !apply_edit(block, &edit) {
            return;
        }
        let key = (block_id, edit.pointer.clone());
        let coalesce = edit.is_typing() && self.last_edit.as_ref() == Some(&key);
        if !coalesce {
            let mut snapshot = document.clone();
            if let Some(page) = snapshot.pages.get_mut(&self.page_id) {
                page.blocks = before;
            }
            self.undo.push(Rc::new(snapshot));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.last_edit = if edit.is_typing() { Some(key) } else { None };
        self.redo.clear();
        self.mark_edited();
    }

    fn edit_fields(&mut self, block_id: &str, edits: &[BlockEdit]) {
        self.change_blocks(|blocks| {
            let Some(block) = find_block_mut(blocks, block_id) else { return false };
            // Every edit is tried (not just up to the first that works); the step counts if any
            // of them changed the block.
            let mut changed = false;
            for edit in edits {
                changed |= apply_edit(block, edit);
            }
            changed
        });
    }

    fn insert(&mut self, type_name: &str) {
        let Some(blocks) = self.document.as_ref().and_then(|d| d.pages.get(&self.page_id)).map(|p| &p.blocks) else { return };
        let id = crate::structure::unique_id(blocks, type_name);
        let Some(block) = civic_shared::schema::new_block(type_name, &id) else { return };
        let after = self.selected.clone();
        if self.change_blocks(|blocks| crate::structure::insert(blocks, after.as_deref(), block)) {
            self.selected = Some(id);
        }
    }

    /// Applies a structural change to the current page's blocks as one undo step.
    fn change_blocks(&mut self, change: impl FnOnce(&mut Vec<civic_shared::Block>) -> bool) -> bool {
        let Some(document) = self.document.as_mut() else { return false };
        let snapshot = document.clone();
        let Some(page) = document.pages.get_mut(&self.page_id) else { return false };
        if !change(&mut page.blocks) {
            return false;
        }
        self.undo.push(Rc::new(snapshot));
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.last_edit = None;
        self.redo.clear();
        self.mark_edited();
        true
    }

    fn step(&mut self, undo: bool) {
        let (from, to) = if undo { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        let Some(previous) = from.pop() else { return };
        if let Some(current) = self.document.replace(Rc::unwrap_or_clone(previous)) {
            to.push(Rc::new(current));
        }
        if self.document.as_ref().is_some_and(|d| !d.pages.contains_key(&self.page_id)) {
            self.page_id = self.document.as_ref().and_then(|d| d.pages.keys().next().cloned()).unwrap_or_default();
        }
        self.last_edit = None;
        self.mark_edited();
    }

    fn mark_edited(&mut self) {
        self.edit_seq += 1;
        if !matches!(self.save, SaveState::Conflict { .. }) {
            self.save = SaveState::Unsaved;
        }
    }
}

/// Finds a block by id anywhere in the tree.
pub fn find_block<'a>(blocks: &'a [Block], id: &str) -> Option<&'a Block> {
    blocks.iter().find_map(|block| {
        if block.id() == id {
            return Some(block);
        }
        block.child_groups().into_iter().find_map(|group| find_block(group, id))
    })
}

fn find_block_mut<'a>(blocks: &'a mut [Block], id: &str) -> Option<&'a mut Block> {
    for block in blocks {
        if block.id() == id {
            return Some(block);
        }
        for group in block.child_groups_mut() {
            if let Some(found) = find_block_mut(group, id) {
                return Some(found);
            }
        }
    }
    None
}

/// Applies an edit if the result is still a valid block of the same kind; returns false
/// (and changes nothing) otherwise.
fn apply_edit(block: &mut Block, edit: &BlockEdit) -> bool {
    let pointer = edit.pointer.as_str();
    if !pointer.starts_with('/') || pointer == "/type" || pointer == "/id" {
        return false;
    }
    let Ok(mut json) = serde_json::to_value(&*block) else { return false };
    let value = match json.pointer(pointer) {
        // Numbers typed or chosen as text (a heading level, a size) stay numbers.
        Some(Value::Number(_)) => match edit.value.as_str().map(str::trim) {
            Some(text) => match text.parse::<i64>().map(Value::from).or_else(|_| text.parse::<f64>().map(Value::from)) {
                Ok(number) => number,
                Err(_) => return false,
            },
            None => edit.value.clone(),
        },
        _ => edit.value.clone(),
    };
    match json.pointer_mut(pointer) {
        Some(slot) => *slot = value,
        None => {
            // Optional fields left out of the JSON when empty: insert them into their parent.
            let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
            let parent = if parent.is_empty() { Some(&mut json) } else { json.pointer_mut(parent) };
            match parent.and_then(Value::as_object_mut) {
                Some(object) => {
                    object.insert(key.to_string(), value);
                }
                None => return false,
            }
        }
    }
    match serde_json::from_value::<Block>(json) {
        Ok(updated) if updated.type_name() == block.type_name() && updated.id() == block.id() => {
            *block = updated;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> EditorState {
        let mut state = EditorState::default();
        state.apply(Action::Loaded {
            document: civic_shared::demo::ministry(),
            version: 1,
            published_revision: Some(1),
            restored_local: false,
        });
        state
    }

    fn heading_text(state: &EditorState) -> String {
        match find_block(&state.document.as_ref().unwrap().pages["home"].blocks, "h-welcome") {
            Some(Block::Heading(h)) => h.text.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn type_heading(state: &mut EditorState, text: &str) {
        state.apply(Action::Edit { block_id: "h-welcome".into(), edit: BlockEdit::new("/text", text) });
    }

    #[test]
    fn several_fields_change_as_one_step() {
        let mut state = loaded();
        let original = heading_text(&state);
        let edits = vec![BlockEdit::new("/text", "Из медиатеки"), BlockEdit::new("/level", "3"), BlockEdit::new("/type", "x")];
        state.apply(Action::EditFields { block_id: "h-welcome".into(), edits });
        assert_eq!(heading_text(&state), "Из медиатеки");
        assert_eq!(state.save, SaveState::Unsaved);
        state.apply(Action::Undo);
        assert_eq!(heading_text(&state), original);
        assert!(!state.can_undo(), "one step, the refused /type edit included");
        let before = state.edit_seq;
        state.apply(Action::EditFields { block_id: "no-such-block".into(), edits: vec![BlockEdit::new("/text", "x")] });
        assert_eq!(state.edit_seq, before, "nothing changed, nothing to undo");
    }

    #[test]
    fn typing_is_one_undo_step() {
        let mut state = loaded();
        let original = heading_text(&state);
        for text in ["Н", "Но", "Нов"] {
            type_heading(&mut state, text);
        }
        assert_eq!(heading_text(&state), "Нов");
        assert_eq!(state.save, SaveState::Unsaved);
        state.apply(Action::Undo);
        assert_eq!(heading_text(&state), original);
        assert!(!state.can_undo());
        state.apply(Action::Redo);
        assert_eq!(heading_text(&state), "Нов");
    }

    #[test]
    fn another_field_starts_a_new_step() {
        let mut state = loaded();
        type_heading(&mut state, "А");
        state.apply(Action::Edit { block_id: "h-welcome".into(), edit: BlockEdit::new("/level", "3") });
        type_heading(&mut state, "Б");
        state.apply(Action::Undo);
        assert_eq!(heading_text(&state), "А");
        state.apply(Action::Undo);
        state.apply(Action::Undo);
        assert!(!state.can_undo());
    }

    #[test]
    fn nested_blocks_and_rich_text_are_edited() {
        let mut state = loaded();
        state.apply(Action::Edit { block_id: "card-internet".into(), edit: BlockEdit::new("/title", "Связь") });
        state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content/0/runs/0/bold", true) });
        let doc = state.document.as_ref().unwrap();
        match find_block(&doc.pages["home"].blocks, "card-internet") {
            Some(Block::Card(card)) => assert_eq!(card.title, "Связь"),
            other => panic!("{other:?}"),
        }
        match find_block(&doc.pages["home"].blocks, "p-intro") {
            Some(Block::Text(text)) => match &text.content[0] {
                civic_shared::TextBlock::Paragraph { runs } => assert!(runs[0].bold),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn optional_fields_are_inserted_and_cleared() {
        let mut state = loaded();
        state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content/0/runs/0/link", "kontakty") });
        let doc = state.document.as_ref().unwrap();
        match find_block(&doc.pages["home"].blocks, "p-intro") {
            Some(Block::Text(text)) => match &text.content[0] {
                civic_shared::TextBlock::Paragraph { runs } => assert_eq!(runs[0].link.as_deref(), Some("kontakty")),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content/0/runs/0/link", Value::Null) });
        assert!(state.can_undo());
    }

    #[test]
    fn edits_that_break_the_block_change_nothing() {
        let mut state = loaded();
        for (pointer, value) in [("/level", Value::from("два")), ("/type", Value::from("image")), ("/id", Value::from("x")), ("/nope/deep", Value::from(1)), ("/text", Value::from(5))] {
            state.apply(Action::Edit { block_id: "h-welcome".into(), edit: BlockEdit { pointer: pointer.into(), value } });
        }
        assert!(!state.can_undo());
        assert_eq!(state.save, SaveState::Saved);
    }

    #[test]
    fn edits_during_a_save_stay_unsaved() {
        let mut state = loaded();
        type_heading(&mut state, "А");
        let carried = state.edit_seq;
        state.apply(Action::SaveStarted);
        type_heading(&mut state, "АБ");
        state.apply(Action::Saved { version: 2, edit_seq: carried });
        assert_eq!(state.version, 2);
        assert_eq!(state.save, SaveState::Unsaved);
    }

    #[test]
    fn conflict_keeps_edits_until_the_user_decides() {
        let mut state = loaded();
        type_heading(&mut state, "Мой текст");
        state.apply(Action::Conflict { current_version: 5 });
        type_heading(&mut state, "Мой текст!");
        assert_eq!(state.save, SaveState::Conflict { current_version: 5 });
        assert_eq!(heading_text(&state), "Мой текст!");
        assert_eq!(state.version, 1);
        state.apply(Action::KeepMine);
        assert_eq!(state.version, 5);
        assert_eq!(state.save, SaveState::Unsaved);
    }

    #[test]
    fn insert_delete_and_move_are_undoable_steps() {
        let mut state = loaded();
        state.apply(Action::SelectBlock(Some("h-welcome".into())));
        state.apply(Action::Insert { type_name: "table".into() });
        let inserted = state.selected.clone().unwrap();
        let blocks = |state: &EditorState| state.document.as_ref().unwrap().pages["home"].blocks.iter().map(|b| b.id().to_string()).collect::<Vec<_>>();
        assert_eq!(blocks(&state)[2], inserted);
        state.apply(Action::MoveSelected { up: true });
        assert_eq!(blocks(&state)[1], inserted);
        state.apply(Action::DeleteSelected);
        assert!(!blocks(&state).contains(&inserted));
        assert_eq!(state.selected, None);
        state.apply(Action::Undo);
        state.apply(Action::Undo);
        assert_eq!(blocks(&state)[2], inserted);
        state.apply(Action::Undo);
        assert!(!blocks(&state).contains(&inserted));
        assert!(!state.can_undo());
    }

    #[test]
    fn undo_history_is_bounded() {
        let mut state = loaded();
        for i in 0..(UNDO_LIMIT + 50) {
            let level = if i % 2 == 0 { 3 } else { 2 };
            state.apply(Action::Edit { block_id: "h-welcome".into(), edit: BlockEdit::new("/level", level) });
        }
        let mut steps = 0;
        while state.can_undo() {
            state.apply(Action::Undo);
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
    }
}
