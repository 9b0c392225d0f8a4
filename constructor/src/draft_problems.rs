//! Problems of the draft in a clerk's words: which page, which block and which field a
//! validation path points at (`pages.home.blocks[3].columns[0].blocks[1].content[2]`), and
//! whether an edit breaks a size limit the block had kept until then.

use civic_shared::validate::{block_problems, Problem};
use civic_shared::{Block, SiteDocument};

use crate::i18n::{lang, quoted, texts};

/// Where a problem of the draft is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub page_id: String,
    /// The innermost block the path goes through; `None` for the page's own fields.
    pub block_id: Option<String>,
    /// The block's field (`content`, `images`), or the page's (`title`, `slug`).
    pub field: String,
}

/// The page, block and field a validation path points at, if it points into a page.
pub fn locate(doc: &SiteDocument, path: &str) -> Option<Place> {
    locate_block(doc, path).map(|(place, _)| place)
}

/// [`locate`], with the block the path goes through.
fn locate_block<'a>(doc: &'a SiteDocument, path: &str) -> Option<(Place, Option<&'a Block>)> {
    let rest = path.strip_prefix("pages.")?;
    let (page_id, rest) = rest.split_once('.').unwrap_or((rest, ""));
    let page = doc.pages.get(page_id)?;
    // The group the next `blocks[i]` indexes: the page's, a section's, or the one a
    // container's `columns[i]`, `tabs[i]` or `items[i]` chose.
    let mut group: Option<&[Block]> = Some(&page.blocks);
    let mut block: Option<&Block> = None;
    let mut field = String::new();
    for segment in rest.split('.').filter(|s| !s.is_empty()) {
        match (split_index(segment), block) {
            (("blocks", Some(i)), _) => {
                let blocks = group.take().or_else(|| block.and_then(|b| b.child_groups().first().copied()))?;
                block = Some(blocks.get(i)?);
            }
            (("columns" | "tabs" | "items", Some(i)), Some(container)) if !container.child_groups().is_empty() => {
                group = Some(container.child_groups().get(i).copied()?);
            }
            ((name, _), _) => {
                field = name.to_string();
                break;
            }
        }
    }
    Some((Place { page_id: page_id.to_string(), block_id: block.map(|b| b.id().to_string()), field }, block))
}

/// `name[3]` → (`name`, 3); `name` → (`name`, None).
fn split_index(segment: &str) -> (&str, Option<usize>) {
    match segment.split_once('[') {
        Some((name, index)) => (name, index.split(']').next().and_then(|i| i.parse().ok())),
        None => (segment, None),
    }
}

/// The first size limit `after` breaks that `before` kept: an edit that makes a block too
/// big is refused, while one that leaves an old excess as it was is let through.
pub fn broken_limit(before: &Block, after: &Block) -> Option<Problem> {
    let kept = block_problems(before);
    block_problems(after).into_iter().find(|p| p.kind.is_limit() && !kept.iter().any(|k| k.path == p.path && k.kind == p.kind))
}

/// The field's label in the interface language (`content` of a text block → «Текст»), or
/// the key itself for a field the form does not show.
pub fn field_label(block: &Block, key: &str) -> String {
    let key = split_index(key.split('.').next().unwrap_or(key)).0;
    civic_shared::schema::schema_of(block.type_name())
        .and_then(|schema| schema.fields.iter().find(|f| f.key == key))
        .map_or(key, |f| crate::i18n::pick(&f.label))
        .to_string()
}

/// «Правка не принята: …» for an edit of `block` that broke `problem`.
pub fn over_limit_text(block: &Block, problem: &Problem) -> String {
    texts()
        .edit_over_limit
        .replace("{f}", &quoted(&field_label(block, &problem.path)))
        .replace("{b}", &quoted(crate::block_tree::block_label(block).0))
        .replace("{m}", &problem.message(lang()))
}

/// What a refused draft says: the page, block and field of the first problem, where it has
/// them, and the place to select.
pub fn draft_refusal_text(doc: &SiteDocument, problems: &[(String, String)]) -> (String, Option<Place>) {
    let t = texts();
    let Some((path, message)) = problems.first() else { return (t.draft_refused.replace("{m}", t.error_invalid), None) };
    let (place, block) = locate_block(doc, path).map_or((None, None), |(place, block)| (Some(place), block));
    let text = match (place.as_ref(), block) {
        (Some(place), Some(block)) => t
            .draft_refused_at
            .replace("{p}", &doc.pages[&place.page_id].title)
            .replace("{b}", &quoted(crate::block_tree::block_label(block).0))
            .replace("{f}", &field_label(block, &place.field))
            .replace("{m}", message),
        _ => t.draft_refused.replace("{m}", message),
    };
    (text, place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::blocks::{Column, Columns, Heading, Text};
    use civic_shared::validate::MAX_LINE;

    fn heading(id: &str, text: &str) -> Block {
        Block::Heading(Heading { id: id.into(), level: 2, text: text.into() })
    }

    fn doc_with(blocks: Vec<Block>) -> SiteDocument {
        let mut doc = civic_shared::demo::ministry();
        doc.pages.get_mut("home").unwrap().blocks = blocks;
        doc
    }

    #[test]
    fn a_path_names_its_page_block_and_field_even_inside_columns() {
        let columns = Block::Columns(Columns {
            id: "cols".into(),
            columns: vec![Column { blocks: vec![] }, Column { blocks: vec![heading("a", "A"), heading("b", "B")] }],
        });
        let doc = doc_with(vec![Block::Text(Text::default()), columns]);
        let place = locate(&doc, "pages.home.blocks[1].columns[1].blocks[1].text").unwrap();
        assert_eq!(place, Place { page_id: "home".into(), block_id: Some("b".into()), field: "text".into() });
        let place = locate(&doc, "pages.home.title").unwrap();
        assert_eq!((place.block_id, place.field.as_str()), (None, "title"));
        assert_eq!(locate(&doc, "site.name"), None, "not on a page");
        assert_eq!(locate(&doc, "pages.home.blocks[9].text").map(|p| p.block_id), None, "no such block");
    }

    #[test]
    fn an_edit_that_makes_a_block_too_big_is_caught_but_an_old_excess_is_not() {
        let short = heading("h", "Короткий");
        let long = heading("h", &"я".repeat(MAX_LINE + 1));
        let problem = broken_limit(&short, &long).expect("too long now");
        assert_eq!(problem.path, "text");
        assert!(over_limit_text(&long, &problem).contains("не длиннее 300 символов"));
        assert_eq!(broken_limit(&long, &long), None, "it was too long before the edit");
        assert_eq!(broken_limit(&short, &heading("h", "")), None, "an empty field is no limit");
    }

    #[test]
    fn a_refusal_names_the_page_the_block_and_the_field_not_the_path() {
        let doc = doc_with(vec![heading("h", "Заголовок")]);
        let (text, place) = draft_refusal_text(&doc, &[("pages.home.blocks[0].text".into(), "не длиннее 300 символов".into())]);
        assert!(!text.contains("blocks[0]"), "{text}");
        assert!(text.contains("«Главная»") || text.contains(&doc.pages["home"].title), "{text}");
        assert!(text.contains("не длиннее 300 символов"), "{text}");
        assert_eq!(place.and_then(|p| p.block_id), Some("h".into()));
    }
}
