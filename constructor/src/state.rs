//! The editor's state and every change to it, as a pure reducer (tested natively).

use std::rc::Rc;

use civic_shared::{Block, SiteDocument};
use serde_json::Value;

pub use crate::block_tree::{find_block, find_block_mut, from_json_value, to_json_value};
use crate::draft_problems::{broken_limit, draft_refusal_text, over_limit_text};
use crate::i18n::texts;
use crate::pages::{self, PageRefusal};
use crate::structure::{self, Refusal, Slot};

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
    /// The server refused or could not be reached; the message is shown. Saving is tried
    /// again a little later.
    Failed(String),
    /// The draft breaks a rule (checked before sending, or by the server): the message says
    /// where, in a clerk's words; saving resumes with the next edit.
    Refused(String),
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
    /// The rich-text editor sends its whole field (`/content`, an array) at every keystroke.
    fn is_typing(&self) -> bool {
        self.value.is_string() || (self.value.is_array() && self.pointer.ends_with("/content"))
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
    /// Insert a new block of this type at a precise place (a drop from the palette).
    InsertAt { type_name: String, slot: Slot },
    /// Move a block to a place (a drag in the outline).
    MoveTo { block_id: String, slot: Slot },
    /// Keep a copy of the selected block in the editor's clipboard.
    Copy,
    /// Insert a copy of the clipboard's block (with new ids) after the selected one.
    Paste,
    /// Copy and paste the selected block at once.
    Duplicate,
    /// A change to the page tree.
    Page(PageAction),
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
    /// The server's newer version arrived for the conflict view.
    TheirsLoaded { document: SiteDocument, version: i64 },
    /// The user resolved the conflict with this document, to be saved on top of `version`.
    Resolved { document: SiteDocument, version: i64 },
    /// Something failed; the message is for the user.
    Failed(String),
    /// The draft was refused by its rules: (validation path, message) of each problem.
    SaveRefused(Vec<(String, String)>),
    /// The edits restored from this browser are dropped for the server's draft.
    DiscardLocal { document: SiteDocument, version: i64 },
    /// Whether the account may only look.
    ReadOnly(bool),
}

impl Action {
    /// Whether the action changes the document (and so is not for a read-only account).
    fn edits(&self) -> bool {
        matches!(
            self,
            Action::Edit { .. }
                | Action::EditFields { .. }
                | Action::Insert { .. }
                | Action::InsertAt { .. }
                | Action::MoveTo { .. }
                | Action::DeleteSelected
                | Action::MoveSelected { .. }
                | Action::Paste
                | Action::Duplicate
                | Action::Page(_)
                | Action::Undo
                | Action::Redo
                | Action::Resolved { .. }
        )
    }
}

/// A change to the page tree; each is one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum PageAction {
    /// A new page with this title under `parent` (None: top level); it is opened.
    Add { title: String, parent: Option<String> },
    Rename { id: String, title: String },
    SetSlug { id: String, slug: String },
    SetParent { id: String, parent: Option<String> },
    /// One place up or down in the menu among its siblings.
    Move { id: String, up: bool },
    SetInMenu { id: String, in_menu: bool },
    Delete { id: String },
}

/// A sentence for the screen-reader live region (and the visible notice line): what just
/// happened, or why it could not. `seq` makes a repeated sentence announced again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Announcement {
    pub seq: u64,
    pub text: String,
    /// A refusal (shown as a warning), not a report.
    pub refused: bool,
}

/// The server's newer version during a conflict, as the conflict view shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Theirs {
    pub document: Rc<SiteDocument>,
    pub version: i64,
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
    /// The block copied with Ctrl+C.
    pub clipboard: Option<Block>,
    /// The last thing to tell the user.
    pub announcement: Option<Announcement>,
    /// The server's version during a conflict, once loaded.
    pub theirs: Option<Theirs>,
    /// The document as the server last had it: the common ancestor for a conflict merge.
    pub base: Option<Rc<SiteDocument>>,
    in_flight: Option<Rc<SiteDocument>>,
    // Snapshots are shared, so cloning the state (as Yew's reducer does) stays cheap.
    undo: Vec<Rc<SiteDocument>>,
    redo: Vec<Rc<SiteDocument>>,
    last_edit: Option<(String, String)>,
    /// The account may only look (the operator, a restricted user): the editor offers no
    /// edits, and any that still arrive (a shortcut) change nothing.
    pub read_only: bool,
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
            clipboard: None,
            announcement: None,
            theirs: None,
            base: None,
            in_flight: None,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
            read_only: false,
        }
    }
}

impl EditorState {
    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        if self.read_only && action.edits() {
            return;
        }
        match action {
            Action::ReadOnly(read_only) => self.read_only = read_only,
            Action::Loaded { document, version, published_revision, restored_local } => {
                self.page_id = document.pages.keys().next().cloned().unwrap_or_default();
                self.base = (!restored_local).then(|| Rc::new(document.clone()));
                self.theirs = None;
                self.selected = None;
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
            Action::Insert { type_name } => self.insert(&type_name, None),
            Action::InsertAt { type_name, slot } => self.insert(&type_name, Some(slot)),
            Action::MoveTo { block_id, slot } => self.move_to(&block_id, &slot),
            Action::DeleteSelected => self.delete_selected(),
            Action::MoveSelected { up } => self.move_selected(up),
            Action::Copy => {
                if let Some(block) = self.selected_block().cloned() {
                    self.announce(texts().announce_copied.replace("{b}", &block_name(&block)), false);
                    self.clipboard = Some(block);
                }
            }
            Action::Paste => match self.clipboard.clone() {
                Some(block) => self.paste(&block, texts().announce_pasted),
                None => self.announce(texts().clipboard_empty.into(), true),
            },
            Action::Duplicate => {
                if let Some(block) = self.selected_block().cloned() {
                    self.paste(&block, texts().announce_duplicated);
                }
            }
            Action::Page(change) => self.change_pages(change),
            Action::Undo => {
                if self.can_undo() {
                    self.step(true);
                    self.announce(texts().announce_undone.into(), false);
                }
            }
            Action::Redo => {
                if self.can_redo() {
                    self.step(false);
                    self.announce(texts().announce_redone.into(), false);
                }
            }
            Action::SaveStarted => {
                self.in_flight = self.document.clone().map(Rc::new);
                self.save = SaveState::Saving;
            }
            Action::Saved { version, edit_seq } => {
                self.base = self.in_flight.take().or(self.base.take());
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
                    self.theirs = None;
                }
            }
            Action::TheirsLoaded { document, version } => {
                if matches!(self.save, SaveState::Conflict { .. }) {
                    self.save = SaveState::Conflict { current_version: version };
                    self.theirs = Some(Theirs { document: Rc::new(document), version });
                }
            }
            Action::Resolved { document, version } => {
                if self.document.is_none() {
                    return;
                }
                let theirs = self.theirs.take();
                let previous = self.document.replace(document);
                if let Some(previous) = previous {
                    self.push_undo(previous);
                }
                self.base = theirs.map(|t| t.document);
                self.version = version;
                if self.document.as_ref().is_some_and(|d| !d.pages.contains_key(&self.page_id)) {
                    self.page_id = self.document.as_ref().and_then(|d| d.pages.keys().next().cloned()).unwrap_or_default();
                }
                if self.selected.as_deref().is_some_and(|id| self.current_blocks().is_none_or(|b| !structure::contains(b, id))) {
                    self.selected = None;
                }
                self.save = SaveState::Unsaved;
                self.last_edit = None;
                self.redo.clear();
                self.edit_seq += 1;
                self.announce(texts().conflict_resolved.into(), false);
            }
            Action::Failed(message) => self.save = SaveState::Failed(message),
            Action::SaveRefused(problems) => self.save_refused(&problems),
            Action::DiscardLocal { document, version } => {
                if self.restored_local {
                    self.apply(Action::Loaded { document, version, published_revision: self.published_revision, restored_local: false });
                    self.announce(texts().announce_local_discarded.into(), false);
                }
            }
        }
    }

    /// Whether the server lacks some of the edits on screen.
    pub fn has_unsaved_edits(&self) -> bool {
        matches!(
            self.save,
            SaveState::Unsaved | SaveState::Conflict { .. } | SaveState::Failed(_) | SaveState::Refused(_) | SaveState::Saving
        )
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
        let key = (block_id, edit.pointer.clone());
        let coalesce = edit.is_typing() && self.last_edit.as_ref() == Some(&key);
        let Some(document) = self.document.as_mut() else { return };
        // A new undo step keeps the document as it was; typing on in the same field (the
        // common case) copies nothing.
        let snapshot = (!coalesce).then(|| document.clone());
        let Some(page) = document.pages.get_mut(&self.page_id) else { return };
        let Some(block) = find_block_mut(&mut page.blocks, &key.0) else { return };
        let before = block.clone();
        if !apply_edit(block, &edit) {
            return;
        }
        if let Some(problem) = broken_limit(&before, block) {
            // Refused before it reaches the draft: the block stays as it was.
            let text = over_limit_text(block, &problem);
            *block = before;
            self.last_edit = None;
            return self.announce(text, true);
        }
        if let Some(snapshot) = snapshot {
            self.push_undo(snapshot);
        }
        self.last_edit = if edit.is_typing() { Some(key) } else { None };
        self.redo.clear();
        self.mark_edited();
    }

    fn edit_fields(&mut self, block_id: &str, edits: &[BlockEdit]) {
        let mut refusal = None;
        self.change_blocks(|blocks| {
            let Some(block) = find_block_mut(blocks, block_id) else { return false };
            let before = block.clone();
            // Every edit is tried (not just up to the first that works); the step counts if any
            // of them changed the block.
            let mut changed = false;
            for edit in edits {
                changed |= apply_edit(block, edit);
            }
            if let Some(problem) = changed.then(|| broken_limit(&before, block)).flatten() {
                refusal = Some(over_limit_text(block, &problem));
                *block = before;
                return false;
            }
            changed
        });
        if let Some(text) = refusal {
            self.announce(text, true);
        }
    }

    /// The draft was refused: say where in a clerk's words and select the block concerned.
    fn save_refused(&mut self, problems: &[(String, String)]) {
        let Some(document) = self.document.as_ref() else { return };
        let (text, place) = draft_refusal_text(document, problems);
        if let Some(place) = place {
            if place.page_id != self.page_id {
                self.page_id = place.page_id;
                self.last_edit = None;
            }
            if place.block_id.is_some() {
                self.selected = place.block_id;
            }
        }
        self.save = SaveState::Refused(text.clone());
        self.announce(text, true);
    }

    fn current_blocks(&self) -> Option<&Vec<Block>> {
        self.document.as_ref().and_then(|d| d.pages.get(&self.page_id)).map(|p| &p.blocks)
    }

    /// The selected block, if it is on the current page.
    pub fn selected_block(&self) -> Option<&Block> {
        find_block(self.current_blocks()?, self.selected.as_deref()?)
    }

    fn announce(&mut self, text: String, refused: bool) {
        let seq = self.announcement.as_ref().map_or(1, |a| a.seq + 1);
        self.announcement = Some(Announcement { seq, text, refused });
    }

    fn refuse(&mut self, refusal: Refusal) {
        self.announce(refusal_text(refusal).into(), true);
    }

    fn insert(&mut self, type_name: &str, slot: Option<Slot>) {
        let Some(blocks) = self.current_blocks() else { return };
        let id = structure::unique_id(blocks, type_name);
        let Some(block) = civic_shared::schema::new_block(type_name, &id) else { return };
        let slot = slot.unwrap_or_else(|| structure::slot_after(blocks, self.selected.as_deref(), &block));
        self.put(block, &slot, texts().announce_inserted);
    }

    fn paste(&mut self, block: &Block, message: &str) {
        let Some(blocks) = self.current_blocks() else { return };
        let copy = structure::fresh_copy(blocks, block);
        let slot = structure::slot_after(blocks, self.selected.as_deref(), &copy);
        self.put(copy, &slot, message);
    }

    /// Puts a new block at `slot`, selects it and says where it went.
    fn put(&mut self, block: Block, slot: &Slot, message: &str) {
        let id = block.id().to_string();
        let name = block_name(&block);
        let mut refusal = None;
        let done = self.change_blocks(|blocks| match structure::place(blocks, block, slot) {
            Ok(()) => true,
            Err(why) => {
                refusal = Some(why);
                false
            }
        });
        if done {
            self.selected = Some(id.clone());
            let place = self.place_text(&id);
            self.announce(format!("{} {place}", message.replace("{b}", &name)), false);
        } else if let Some(why) = refusal {
            self.refuse(why);
        }
    }

    fn move_to(&mut self, id: &str, slot: &Slot) {
        let mut refusal = None;
        let moved = self.change_blocks(|blocks| match structure::move_to(blocks, id, slot) {
            Ok(moved) => moved,
            Err(why) => {
                refusal = Some(why);
                false
            }
        });
        if let Some(why) = refusal {
            return self.refuse(why);
        }
        if moved {
            self.selected = Some(id.to_string());
            self.announce_move(id);
        }
    }

    fn move_selected(&mut self, up: bool) {
        let Some(id) = self.selected.clone() else { return };
        if self.change_blocks(|blocks| structure::move_by_one(blocks, &id, up)) {
            self.announce_move(&id);
        } else {
            self.announce(if up { texts().already_first } else { texts().already_last }.into(), true);
        }
    }

    fn delete_selected(&mut self) {
        let Some(id) = self.selected.clone() else { return };
        let name = self.selected_block().map(block_name).unwrap_or_default();
        let Some(slot) = self.current_blocks().and_then(|blocks| structure::slot_of(blocks, &id)) else { return };
        if self.change_blocks(|blocks| structure::remove(blocks, &id).is_some()) {
            // The selection goes to the neighbour (the next block, else the one before, else
            // the container), so Delete can be pressed again and focus is not lost.
            let blocks = self.current_blocks().map(Vec::as_slice).unwrap_or_default();
            let group = structure::group_of(blocks, &slot).unwrap_or_default();
            self.selected = group
                .get(slot.index)
                .or_else(|| slot.index.checked_sub(1).and_then(|i| group.get(i)))
                .map(|b| b.id().to_string())
                .or(slot.parent);
            self.announce(texts().announce_deleted.replace("{b}", &name), false);
        }
    }

    fn announce_move(&mut self, id: &str) {
        let name = self.current_blocks().and_then(|b| find_block(b, id)).map(block_name).unwrap_or_default();
        let place = self.place_text(id);
        self.announce(format!("{} {place}", texts().announce_moved.replace("{b}", &name)), false);
    }

    /// «position 3 of 5 in “Columns”» for the block with this id.
    fn place_text(&self, id: &str) -> String {
        let Some(blocks) = self.current_blocks() else { return String::new() };
        let Some(slot) = structure::slot_of(blocks, id) else { return String::new() };
        let count = structure::group_of(blocks, &slot).map_or(0, <[Block]>::len);
        let text = texts().announce_place.replace("{n}", &(slot.index + 1).to_string()).replace("{m}", &count.to_string());
        match slot.parent.as_deref().and_then(|parent| find_block(blocks, parent)) {
            Some(container) => format!("{text} {}", texts().announce_inside.replace("{b}", &block_name(container))),
            None => text,
        }
    }

    fn change_pages(&mut self, change: PageAction) {
        let Some(document) = self.document.as_ref() else { return };
        let mut next = document.clone();
        let t = texts();
        let result: Result<(Option<String>, String), PageRefusal> = match &change {
            PageAction::Add { title, parent } => {
                pages::add(&mut next, title, parent.as_deref()).map(|id| (Some(id), t.announce_page_added.replace("{p}", title.trim())))
            }
            PageAction::Rename { id, title } => pages::rename(&mut next, id, title).map(|()| (None, String::new())),
            PageAction::SetSlug { id, slug } => pages::set_slug(&mut next, id, slug.trim()).map(|()| (None, t.announce_slug.replace("{s}", slug.trim()))),
            PageAction::SetParent { id, parent } => pages::set_parent(&mut next, id, parent.as_deref()).map(|()| (None, t.announce_page_moved.into())),
            PageAction::Move { id, up } => {
                if !pages::move_by_one(&mut next, id, *up) {
                    return self.announce(if *up { t.already_first } else { t.already_last }.into(), true);
                }
                Ok((None, t.announce_page_moved.into()))
            }
            PageAction::SetInMenu { id, in_menu } => pages::set_in_menu(&mut next, id, *in_menu).map(|()| (None, String::new())),
            PageAction::Delete { id } => {
                pages::delete(&mut next, id).map(|page| (None, t.announce_page_deleted.replace("{p}", &page.title)))
            }
        };
        match result {
            Err(why) => self.announce(page_refusal_text(why).into(), true),
            Ok((open, message)) => {
                if next == *document {
                    return;
                }
                let previous = self.document.replace(next);
                if let Some(previous) = previous {
                    self.push_undo(previous);
                }
                let typing = matches!(change, PageAction::Rename { .. });
                let key = match &change {
                    PageAction::Rename { id, .. } => Some((format!("page:{id}"), "/title".to_string())),
                    _ => None,
                };
                if typing && key == self.last_edit {
                    // Typing a title is one step, like typing into a block's field.
                    self.undo.pop();
                }
                self.last_edit = key;
                self.redo.clear();
                if let Some(id) = open {
                    self.page_id = id;
                    self.selected = None;
                }
                if !self.document.as_ref().is_some_and(|d| d.pages.contains_key(&self.page_id)) {
                    self.page_id = self.document.as_ref().and_then(|d| d.pages.keys().next().cloned()).unwrap_or_default();
                    self.selected = None;
                }
                if !message.is_empty() {
                    self.announce(message, false);
                }
                self.mark_edited();
            }
        }
    }

    fn push_undo(&mut self, snapshot: SiteDocument) {
        self.undo.push(Rc::new(snapshot));
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
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
        self.push_undo(snapshot);
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

/// «Heading “Welcome”»: how announcements name a block.
fn block_name(block: &Block) -> String {
    let (kind, text) = crate::block_tree::block_label(block);
    if text.is_empty() {
        crate::i18n::quoted(kind)
    } else {
        crate::i18n::quoted(&format!("{kind}: {text}"))
    }
}

/// Why a drop was refused, in the user's words.
pub fn refusal_text(refusal: Refusal) -> &'static str {
    let t = texts();
    match refusal {
        Refusal::BannerOnTop => t.refuse_banner,
        Refusal::ColumnsInColumns => t.refuse_columns,
        Refusal::PanelsInPanels => t.refuse_panels,
        Refusal::IntoItself => t.refuse_itself,
        Refusal::TooDeep => t.refuse_deep,
        Refusal::NoSuchPlace => t.refuse_gone,
    }
}

/// Why a page change was refused, in the user's words.
pub fn page_refusal_text(refusal: PageRefusal) -> &'static str {
    let t = texts();
    match refusal {
        PageRefusal::Mandatory => t.page_mandatory,
        PageRefusal::Home => t.page_home,
        PageRefusal::HasChildren => t.page_has_children,
        PageRefusal::BadSlug => t.page_bad_slug,
        PageRefusal::SlugTaken => t.page_slug_taken,
        PageRefusal::Reserved => t.page_reserved,
        PageRefusal::EmptyTitle => t.page_empty_title,
        PageRefusal::Loop => t.page_loop,
        PageRefusal::Missing => t.refuse_gone,
    }
}

/// Applies an edit if the result is still a valid block of the same kind; returns false
/// (and changes nothing) otherwise.
fn apply_edit(block: &mut Block, edit: &BlockEdit) -> bool {
    let pointer = edit.pointer.as_str();
    if !pointer.starts_with('/') || pointer == "/type" || pointer == "/id" {
        return false;
    }
    let Ok(mut json) = crate::state::to_json_value(&*block) else { return false };
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
    match from_json_value::<Block>(&json) {
        Some(updated) if updated.type_name() == block.type_name() && updated.id() == block.id() => {
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
    fn a_read_only_account_changes_nothing_but_may_look_around() {
        let mut state = loaded();
        state.apply(Action::ReadOnly(true));
        let before = state.document.clone();
        type_heading(&mut state, "Чужая правка");
        state.apply(Action::SelectBlock(Some("h-welcome".into())));
        state.apply(Action::DeleteSelected);
        state.apply(Action::Insert { type_name: "text".into() });
        assert_eq!(state.document, before);
        assert_eq!(state.save, SaveState::Saved);
        assert_eq!(state.selected.as_deref(), Some("h-welcome"), "selecting still works");
        state.apply(Action::SelectPage("contacts".into()));
        assert_eq!(state.page_id, "contacts");
    }

    #[test]
    fn a_paste_past_a_limit_is_refused_before_it_reaches_the_draft() {
        let mut state = loaded();
        let before = state.document.clone();
        let paragraphs: Vec<Value> =
            (0..1001).map(|i| serde_json::json!({ "kind": "paragraph", "runs": [{ "text": format!("Абзац {i}") }] })).collect();
        state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content", Value::Array(paragraphs)) });
        assert_eq!(state.document, before, "the draft is unchanged");
        assert_eq!(state.save, SaveState::Saved, "nothing to save");
        let said = state.announcement.as_ref().expect("the refusal is said");
        assert!(said.refused);
        assert!(said.text.contains("не больше 1000 элементов") && !said.text.contains("content"), "{}", said.text);
        // Typing on still works, and is saved as usual.
        type_heading(&mut state, "Новый заголовок");
        assert_eq!((heading_text(&state).as_str(), &state.save), ("Новый заголовок", &SaveState::Unsaved));
    }

    #[test]
    fn a_refused_draft_selects_the_block_and_the_next_edit_saves_again() {
        let mut state = loaded();
        state.apply(Action::SelectPage("contacts".into()));
        let index = state.document.as_ref().unwrap().pages["home"].blocks.iter().position(|b| b.id() == "h-welcome").unwrap();
        state.apply(Action::SaveRefused(vec![(format!("pages.home.blocks[{index}].text"), "обязательное поле".into())]));
        assert_eq!((state.page_id.as_str(), state.selected.as_deref()), ("home", Some("h-welcome")));
        let SaveState::Refused(text) = &state.save else { panic!("{:?}", state.save) };
        assert!(text.contains("обязательное поле") && !text.contains("blocks["), "{text}");
        assert!(state.has_unsaved_edits());
        type_heading(&mut state, "Исправлено");
        assert_eq!(state.save, SaveState::Unsaved, "autosave takes it from here");
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
        assert_eq!(state.selected.as_deref(), Some(blocks(&state)[1].as_str()), "the next block is selected");
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

    fn ids(state: &EditorState) -> Vec<String> {
        state.document.as_ref().unwrap().pages[&state.page_id].blocks.iter().map(|b| b.id().to_string()).collect()
    }

    fn said(state: &EditorState) -> (String, bool) {
        let a = state.announcement.clone().expect("something was announced");
        (a.text, a.refused)
    }

    #[test]
    fn copy_paste_and_duplicate_make_fresh_blocks_after_the_selection() {
        let mut state = loaded();
        state.apply(Action::Paste);
        assert!(said(&state).1, "nothing copied yet is said, not ignored");
        state.apply(Action::SelectBlock(Some("h-welcome".into())));
        state.apply(Action::Copy);
        assert!(!state.can_undo(), "copying changes nothing");
        state.apply(Action::Paste);
        let pasted = state.selected.clone().unwrap();
        assert_ne!(pasted, "h-welcome");
        assert_eq!(ids(&state)[2], pasted);
        state.apply(Action::Duplicate);
        assert_eq!(ids(&state)[3], state.selected.clone().unwrap());
        assert!(said(&state).0.contains("позиция 4"), "{:?}", said(&state));
        assert!(civic_shared::validate(state.document.as_ref().unwrap()).is_empty());
        state.apply(Action::Undo);
        state.apply(Action::Undo);
        assert_eq!(state.document.as_ref().unwrap(), &civic_shared::demo::ministry());
    }

    #[test]
    fn drops_are_placed_or_refused_with_a_reason() {
        let mut state = loaded();
        let columns = ids(&state)[3].clone();
        let into_column = Slot { parent: Some(columns.clone()), group: 1, index: 0 };
        state.apply(Action::InsertAt { type_name: "heading".into(), slot: into_column.clone() });
        let new = state.selected.clone().unwrap();
        assert_eq!(structure::slot_of(&state.document.as_ref().unwrap().pages["home"].blocks, &new), Some(into_column.clone()));
        assert!(said(&state).0.contains("внутри блока «Колонки"), "{:?}", said(&state));
        let steps = state.edit_seq;
        state.apply(Action::InsertAt { type_name: "hero".into(), slot: into_column.clone() });
        assert_eq!(said(&state), (texts().refuse_banner.to_string(), true));
        assert_eq!(state.edit_seq, steps, "a refused drop changes nothing");
        state.apply(Action::MoveTo { block_id: "h-welcome".into(), slot: into_column });
        assert!(said(&state).0.starts_with("Блок «Заголовок"), "{:?}", said(&state));
        assert!(!ids(&state).contains(&"h-welcome".to_string()));
        state.apply(Action::MoveTo { block_id: columns.clone(), slot: Slot { parent: Some(columns), group: 0, index: 0 } });
        assert_eq!(said(&state), (texts().refuse_itself.to_string(), true));
    }

    #[test]
    fn moving_past_the_edge_is_said() {
        let mut state = loaded();
        let first = ids(&state)[0].clone();
        state.apply(Action::SelectBlock(Some(first)));
        state.apply(Action::MoveSelected { up: true });
        assert_eq!(said(&state), (texts().already_first.to_string(), true));
        state.apply(Action::MoveSelected { up: false });
        assert!(said(&state).0.contains("позиция 2"));
    }

    #[test]
    fn pages_are_added_renamed_and_deleted_but_mandatory_ones_stay() {
        let mut state = loaded();
        let mandatory = state.document.as_ref().unwrap().pages.iter().find(|(_, p)| p.mandatory).map(|(id, _)| id.clone()).unwrap();
        state.apply(Action::Page(PageAction::Delete { id: mandatory.clone() }));
        assert_eq!(said(&state), (texts().page_mandatory.to_string(), true));
        assert!(state.document.as_ref().unwrap().pages.contains_key(&mandatory));
        state.apply(Action::Page(PageAction::Add { title: "Новости района".into(), parent: None }));
        assert_eq!(state.page_id, "novosti-raiona", "the new page is opened");
        for title in ["Н", "Но", "Новое имя"] {
            state.apply(Action::Page(PageAction::Rename { id: "novosti-raiona".into(), title: title.into() }));
        }
        state.apply(Action::Page(PageAction::SetSlug { id: "novosti-raiona".into(), slug: "Плохо".into() }));
        assert_eq!(said(&state), (texts().page_bad_slug.to_string(), true));
        state.apply(Action::Page(PageAction::Delete { id: "novosti-raiona".into() }));
        assert!(!state.document.as_ref().unwrap().pages.contains_key("novosti-raiona"));
        assert_eq!(state.page_id, "home", "the editor leaves a deleted page");
        state.apply(Action::Undo);
        assert_eq!(state.document.as_ref().unwrap().pages["novosti-raiona"].title, "Новое имя");
        state.apply(Action::Undo);
        assert_eq!(state.document.as_ref().unwrap().pages["novosti-raiona"].title, "Новости района", "the typed title was one step");
        state.apply(Action::Undo);
        assert!(!state.can_undo());
    }

    #[test]
    fn a_resolved_conflict_is_saved_on_their_version_and_can_be_undone() {
        let mut state = loaded();
        type_heading(&mut state, "Мой");
        let theirs = {
            let mut doc = civic_shared::demo::ministry();
            doc.site.name = "Их название".into();
            doc
        };
        state.apply(Action::TheirsLoaded { document: theirs.clone(), version: 7 });
        assert!(state.theirs.is_none(), "no conflict, nothing to show");
        state.apply(Action::Conflict { current_version: 7 });
        state.apply(Action::TheirsLoaded { document: theirs.clone(), version: 7 });
        let view = state.theirs.clone().unwrap();
        let differences = crate::merge::differences(state.base.as_deref(), state.document.as_ref().unwrap(), &view.document);
        let choices: Vec<_> = differences.iter().map(|d| d.suggested).collect();
        let merged = crate::merge::merge(state.document.as_ref().unwrap(), &view.document, &differences, &choices);
        state.apply(Action::Resolved { document: merged, version: view.version });
        assert_eq!(state.version, 7);
        assert_eq!(state.save, SaveState::Unsaved);
        assert_eq!(heading_text(&state), "Мой");
        assert_eq!(state.document.as_ref().unwrap().site.name, "Их название");
        assert_eq!(state.base.as_deref(), Some(&theirs), "their version is the new common one");
        state.apply(Action::Undo);
        assert_eq!(heading_text(&state), "Мой", "undo returns to my version before the merge");
        assert_ne!(state.document.as_ref().unwrap().site.name, "Их название");
    }

    #[test]
    fn the_saved_document_becomes_the_common_version() {
        let mut state = loaded();
        type_heading(&mut state, "А");
        state.apply(Action::SaveStarted);
        let sent = state.document.clone();
        type_heading(&mut state, "АБ");
        state.apply(Action::Saved { version: 2, edit_seq: state.edit_seq - 1 });
        assert_eq!(state.base.as_deref().cloned(), sent);
    }

    #[test]
    fn typing_rich_text_is_one_undo_step() {
        let mut state = loaded();
        let content = |state: &EditorState| match find_block(&state.document.as_ref().unwrap().pages["home"].blocks, "p-intro") {
            Some(Block::Text(text)) => text.content.clone(),
            other => panic!("{other:?}"),
        };
        let original = content(&state);
        let typed = |text: &str| serde_json::json!([{ "kind": "paragraph", "runs": [{ "text": text }] }]);
        for text in ["М", "Ми", "Мин"] {
            state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content", typed(text)) });
        }
        assert_eq!(serde_json::to_value(content(&state)).unwrap(), typed("Мин"));
        state.apply(Action::Undo);
        assert_eq!(content(&state), original);
        assert!(!state.can_undo(), "the burst was one step");
        // A command in between (bold, a list) is a step of its own and ends the burst.
        state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content", typed("А")) });
        state.apply(Action::EditFields { block_id: "p-intro".into(), edits: vec![BlockEdit::new("/content", typed("АБ"))] });
        state.apply(Action::Edit { block_id: "p-intro".into(), edit: BlockEdit::new("/content", typed("АБВ")) });
        state.apply(Action::Undo);
        assert_eq!(serde_json::to_value(content(&state)).unwrap(), typed("АБ"));
    }
}
