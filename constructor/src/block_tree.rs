//! The block tree's leaf helpers: finding a block by id, JSON through text, and what a clerk
//! recognises a block by. They depend on nothing else of the editor, so the editor's rules
//! (`state`, `structure`, `merge`, `draft_problems`) all import them one way.

use civic_shared::{Block, TextBlock};
use serde_json::Value;

/// A value as JSON, made through text for the same reason as [`from_json_value`]: serde's
/// code for every block is generated for one serializer only.
pub fn to_json_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, serde_json::Error> {
    serde_json::to_string(value).and_then(|text| serde_json::from_str(&text))
}

/// A value read back from JSON through text: the constructor deserialises from strings
/// only, so the code serde generates for every block exists once in the wasm, not twice.
pub fn from_json_value<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_str(&value.to_string()).ok()
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

/// See [`find_block`].
pub fn find_block_mut<'a>(blocks: &'a mut [Block], id: &str) -> Option<&'a mut Block> {
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

/// What a clerk recognises a block by: its kind and the start of its text.
pub fn block_label(block: &Block) -> (&'static str, String) {
    let kind = civic_shared::schema::schema_of(block.type_name()).map_or("", |schema| crate::i18n::pick(&schema.label));
    let text = match block {
        Block::Text(text) => text.content.iter().flat_map(TextBlock::runs).map(|run| run.text.as_str()).collect::<String>(),
        other => {
            let json = to_json_value(other).unwrap_or_default();
            ["text", "title", "label", "name", "alt", "caption", "address"]
                .iter()
                .find_map(|key| json.get(*key).and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(String::from))
                .unwrap_or_default()
        }
    };
    let mut short: String = text.chars().take(48).collect();
    if text.chars().count() > 48 {
        short.push('…');
    }
    (kind, short)
}
