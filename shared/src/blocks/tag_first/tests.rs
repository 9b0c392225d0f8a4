use serde::Deserialize;
use serde_json::Value;

use super::super::*;
use crate::schema::{new_block, SCHEMAS};

/// serde's derived reader of the same enum (what the edge uses), to compare with.
#[derive(Deserialize)]
#[serde(remote = "Block", tag = "type", rename_all = "snake_case")]
enum Derived {
    Heading(Heading),
    Text(Text),
    Image(Image),
    Gallery(Gallery),
    Button(Button),
    FileLink(FileLink),
    Table(Table),
    Section(Section),
    Columns(Columns),
    Tabs(Tabs),
    Accordion(Accordion),
    Card(Card),
    Hero(Hero),
    Divider(Divider),
    Spacer(Spacer),
    ContactCard(ContactCard),
    Map(Map),
    Embed(Embed),
    Breadcrumbs(Breadcrumbs),
    Menu(Menu),
    SearchBox(SearchBox),
    NewsFeed(NewsFeed),
    NewsItem(NewsItemBlock),
    Announcements(Announcements),
    DocumentList(DocumentList),
    StaffDirectory(StaffDirectory),
    PhoneDirectory(PhoneDirectory),
    ReceptionSchedule(ReceptionSchedule),
    Vacancies(Vacancies),
    AppealForm(AppealForm),
    Poll(PollBlock),
    SocialLinks(SocialLinks),
    AppealAnalysis(AppealAnalysis),
    Sveden(Sveden),
    Discussion(Discussion),
}

/// The block, or serde_json's message without its position (which differs between the two
/// readers of a corrupt block).
fn finish(read: Result<Block, serde_json::Error>, mut de: serde_json::Deserializer<serde_json::de::StrRead>) -> Result<Block, String> {
    read.and_then(|block| de.end().map(|()| block)).map_err(|err| super::without_position(&err))
}

fn derived(json: &str) -> Result<Block, String> {
    let mut de = serde_json::Deserializer::from_str(json);
    let read = Derived::deserialize(&mut de);
    finish(read, de)
}

fn tag_first(json: &str) -> Result<Block, String> {
    let mut de = serde_json::Deserializer::from_str(json);
    let read = super::deserialize(&mut de);
    finish(read, de)
}

/// The same block with `type` moved to the end.
fn type_last(json: &str) -> String {
    let Value::Object(mut block) = serde_json::from_str(json).unwrap() else { panic!("{json}") };
    let tag = block.shift_remove("type").unwrap();
    block.insert("type".into(), tag);
    Value::Object(block).to_string()
}

/// Every block of a document's JSON at every depth (children of sections, columns, tabs…).
fn blocks_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if object.contains_key("type") && object.contains_key("id") {
                out.push(value.to_string());
            }
            object.values().for_each(|v| blocks_in(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| blocks_in(v, out)),
        _ => {}
    }
}

#[test]
fn every_demo_block_and_starter_reads_as_the_derived_code_reads_it() {
    let mut blocks = Vec::new();
    for site in crate::demo::SITES {
        blocks_in(&serde_json::from_str(site.document_json).unwrap(), &mut blocks);
    }
    for schema in SCHEMAS {
        blocks.push(serde_json::to_string(&new_block(schema.type_name, "b1").unwrap()).unwrap());
    }
    assert!(blocks.len() > 250, "{}", blocks.len());
    let mut kinds = std::collections::BTreeSet::new();
    for json in &blocks {
        let block = derived(json).unwrap_or_else(|err| panic!("{err}: {json}"));
        kinds.insert(block.type_name());
        assert_eq!(tag_first(json).as_ref(), Ok(&block), "{json}");
        assert_eq!(tag_first(&type_last(json)).as_ref(), Ok(&block), "type last: {json}");
        // What the platform writes of it reads back the same.
        assert_eq!(tag_first(&serde_json::to_string(&block).unwrap()), Ok(block));
    }
    assert_eq!(kinds.len(), SCHEMAS.len(), "every kind is read");
}

#[test]
fn corrupt_blocks_are_refused_with_the_derived_code_s_message() {
    for json in [
        r#"{}"#,
        r#"{"id":"x"}"#,
        r#"{"type":"html","id":"x","html":"<script>"}"#,
        r#"{"id":"x","type":"html"}"#,
        r#"{"type":5,"id":"x"}"#,
        r#"{"type":"heading","id":"x","level":2,"text":"t","colour":"red"}"#,
        r#"{"colour":"red","type":"heading","id":"x","level":2,"text":"t"}"#,
        r#"{"type":"heading","id":"x","level":"два","text":"t"}"#,
        r#"{"type":"heading","id":"x","text":"t"}"#,
        r#"{"type":"heading","id":"a","id":"b","level":2,"text":"t"}"#,
        r#"{"type":"section","id":"s","title":"","blocks":[{"type":"heading","id":"x","level":300,"text":"t"}]}"#,
        r#""heading""#,
        r#"null"#,
    ] {
        let expected = derived(json).expect_err(json);
        assert_eq!(tag_first(json).expect_err(json), expected, "{json}");
    }
}

#[test]
fn a_repeated_key_is_refused_in_any_order() {
    for json in [
        r#"{"type":"heading","type":"text","id":"x","level":2,"text":"t"}"#,
        r#"{"id":"x","type":"heading","type":"heading","level":2,"text":"t"}"#,
        r#"{"id":"x","id":"y","type":"heading","level":2,"text":"t"}"#,
    ] {
        assert!(derived(json).is_err(), "{json}");
        assert!(tag_first(json).is_err(), "{json}");
    }
}

#[test]
fn the_array_form_is_left_to_the_derived_code() {
    assert_eq!(derived(r#"["divider","d1"]"#), Ok(Block::Divider(Divider { id: "d1".into() })));
    assert!(tag_first(r#"["divider","d1"]"#).is_err());
}
