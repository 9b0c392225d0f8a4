//! Reading a block with its `type` first, streamed: what the constructor's wasm uses instead of
//! serde's derived code for an internally tagged enum. The derived code buffers each block into
//! serde's intermediate tree and reads every block struct from that tree, as a map or as a
//! sequence; this one reads the struct straight from the JSON after its `type`, as a map only:
//! 72 KB less wasm, 7.9 KB brotli.
//!
//! The platform always writes `type` first (serde's order); a block whose `type` comes later is
//! read into a JSON object and read again with it moved first, so every document gives the
//! same value as with the derived code. Errors in a corrupt block may differ in wording,
//! position and path: the edge, which answers people and other systems about their documents,
//! keeps the derived code (feature `derived-block-serde`). Unlike the derived code, the array
//! form of a block (`["divider", "id"]`, which serde writes nowhere) is not read.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::*;

/// Reads one block.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Block, D::Error> {
    deserializer.deserialize_any(BlockVisitor)
}

/// The `type` of a block: the same names, order and errors as the derived code's.
#[derive(Deserialize)]
#[serde(variant_identifier, rename_all = "snake_case")]
enum Kind {
    Heading,
    Text,
    Image,
    Gallery,
    Button,
    FileLink,
    Table,
    Section,
    Columns,
    Tabs,
    Accordion,
    Card,
    Hero,
    Divider,
    Spacer,
    ContactCard,
    Map,
    Embed,
    Breadcrumbs,
    Menu,
    SearchBox,
    NewsFeed,
    NewsItem,
    Announcements,
    DocumentList,
    StaffDirectory,
    PhoneDirectory,
    ReceptionSchedule,
    Vacancies,
    AppealForm,
    Poll,
    SocialLinks,
    AppealAnalysis,
    Sveden,
    Discussion,
}

struct BlockVisitor;

impl<'de> Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("internally tagged enum Block")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
        match map.next_key_seed(FirstKey)? {
            Some(None) => {
                let kind: Kind = map.next_value()?;
                streamed(kind, MapAccessDeserializer::new(map))
            }
            Some(Some(first)) => reordered(first, map),
            None => Err(de::Error::missing_field("type")),
        }
    }
}

/// The struct of a block of this kind, from the keys after `type`.
fn streamed<'de, D: Deserializer<'de>>(kind: Kind, rest: D) -> Result<Block, D::Error> {
    Ok(match kind {
        Kind::Heading => Block::Heading(Heading::deserialize(rest)?),
        Kind::Text => Block::Text(Text::deserialize(rest)?),
        Kind::Image => Block::Image(Image::deserialize(rest)?),
        Kind::Gallery => Block::Gallery(Gallery::deserialize(rest)?),
        Kind::Button => Block::Button(Button::deserialize(rest)?),
        Kind::FileLink => Block::FileLink(FileLink::deserialize(rest)?),
        Kind::Table => Block::Table(Table::deserialize(rest)?),
        Kind::Section => Block::Section(Section::deserialize(rest)?),
        Kind::Columns => Block::Columns(Columns::deserialize(rest)?),
        Kind::Tabs => Block::Tabs(Tabs::deserialize(rest)?),
        Kind::Accordion => Block::Accordion(Accordion::deserialize(rest)?),
        Kind::Card => Block::Card(Card::deserialize(rest)?),
        Kind::Hero => Block::Hero(Hero::deserialize(rest)?),
        Kind::Divider => Block::Divider(Divider::deserialize(rest)?),
        Kind::Spacer => Block::Spacer(Spacer::deserialize(rest)?),
        Kind::ContactCard => Block::ContactCard(ContactCard::deserialize(rest)?),
        Kind::Map => Block::Map(Map::deserialize(rest)?),
        Kind::Embed => Block::Embed(Embed::deserialize(rest)?),
        Kind::Breadcrumbs => Block::Breadcrumbs(Breadcrumbs::deserialize(rest)?),
        Kind::Menu => Block::Menu(Menu::deserialize(rest)?),
        Kind::SearchBox => Block::SearchBox(SearchBox::deserialize(rest)?),
        Kind::NewsFeed => Block::NewsFeed(NewsFeed::deserialize(rest)?),
        Kind::NewsItem => Block::NewsItem(NewsItemBlock::deserialize(rest)?),
        Kind::Announcements => Block::Announcements(Announcements::deserialize(rest)?),
        Kind::DocumentList => Block::DocumentList(DocumentList::deserialize(rest)?),
        Kind::StaffDirectory => Block::StaffDirectory(StaffDirectory::deserialize(rest)?),
        Kind::PhoneDirectory => Block::PhoneDirectory(PhoneDirectory::deserialize(rest)?),
        Kind::ReceptionSchedule => Block::ReceptionSchedule(ReceptionSchedule::deserialize(rest)?),
        Kind::Vacancies => Block::Vacancies(Vacancies::deserialize(rest)?),
        Kind::AppealForm => Block::AppealForm(AppealForm::deserialize(rest)?),
        Kind::Poll => Block::Poll(PollBlock::deserialize(rest)?),
        Kind::SocialLinks => Block::SocialLinks(SocialLinks::deserialize(rest)?),
        Kind::AppealAnalysis => Block::AppealAnalysis(AppealAnalysis::deserialize(rest)?),
        Kind::Sveden => Block::Sveden(Sveden::deserialize(rest)?),
        Kind::Discussion => Block::Discussion(Discussion::deserialize(rest)?),
    })
}

/// A block whose first key is not `type`: its keys are read as JSON values, then the block is
/// read again from a text with `type` first. Duplicate keys are refused, as the derived code
/// (through `deny_unknown_fields` and serde's duplicate check) refuses them.
fn reordered<'de, A: MapAccess<'de>>(first: String, mut map: A) -> Result<Block, A::Error> {
    let mut tag = None;
    let mut fields = serde_json::Map::new();
    let mut key = Some(first);
    while let Some(name) = key {
        let value: Value = map.next_value()?;
        if name == "type" {
            if tag.replace(value).is_some() {
                return Err(de::Error::duplicate_field("type"));
            }
        } else if fields.contains_key(&name) {
            return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
        } else {
            fields.insert(name, value);
        }
        key = map.next_key()?;
    }
    let tag = tag.ok_or_else(|| de::Error::missing_field("type"))?;
    let mut block = serde_json::Map::new();
    block.insert("type".into(), tag);
    block.extend(fields);
    serde_json::from_str(&Value::Object(block).to_string()).map_err(|err| de::Error::custom(without_position(&err)))
}

/// serde_json's message without the position in the rewritten text (the outer reader adds its own).
fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&position) {
        Some(message) if err.line() > 0 => message.to_string(),
        _ => text,
    }
}

/// The first key of a block: `None` when it is `type` (no copy made), else the key.
struct FirstKey;

impl<'de> DeserializeSeed<'de> for FirstKey {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FirstKey {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok((key != "type").then(|| key.to_string()))
    }
}

#[cfg(test)]
mod tests;
