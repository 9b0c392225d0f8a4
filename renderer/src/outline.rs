//! Heading levels of listed items (cards, news, announcements, people, vacancies) that follow
//! the page's outline, so that no level is skipped (decree 102 item «а»: structure that
//! software can read; WCAG 1.3.1). Computed from the page document alone, so rendering one
//! block for the constructor's canvas gives the same markup as rendering the whole page.

use civic_shared::{Block, Page, TextBlock};

/// The level (2–6) of the headings of the items block `block_id` lists. Under a title of the
/// block's own (an `<h2>`) it is 3; otherwise one below the last section heading before the
/// block in reading order, the page's `<h1>` included: an untitled list right under the page
/// title gets `<h2>`s, one after an `<h3>` gets `<h4>`s. Items' own headings are not section
/// headings (they are siblings of each other), and a block whose heading depends on data
/// (a poll, a single news item) does not count either: a level too low keeps the outline valid,
/// one too high would skip a level.
pub(crate) fn item_level(page: &Page, block_id: &str, has_own_title: bool) -> u8 {
    if has_own_title {
        return 3;
    }
    let mut last = 1;
    level_before(&page.blocks, block_id, &mut last);
    (last + 1).min(6)
}

/// The tag for a heading level (clamped to 2–6; level 1 is the page title's).
pub(crate) fn heading_tag(level: u8) -> &'static str {
    match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// Walks `blocks` in reading order up to `block_id`, keeping in `last` the level of the last
/// section heading passed; true once the block is found.
fn level_before(blocks: &[Block], block_id: &str, last: &mut u8) -> bool {
    for block in blocks {
        if block.id() == block_id {
            return true;
        }
        if let Some(level) = section_heading(block) {
            *last = level;
        }
        for group in block.child_groups() {
            if level_before(group, block_id, last) {
                return true;
            }
        }
    }
    false
}

/// The level of the heading a block always writes before its content, if any.
fn section_heading(block: &Block) -> Option<u8> {
    let title = match block {
        // The same clamp as the heading block's own tag.
        Block::Heading(h) => return Some(h.level.clamp(2, 4)),
        // The last heading inside the text, with the same clamp.
        Block::Text(t) => {
            return t.content.iter().rev().find_map(|part| match part {
                TextBlock::Heading { level, .. } => Some((*level).clamp(2, 4)),
                _ => None,
            })
        }
        Block::Tabs(t) => return (!t.tabs.is_empty()).then_some(2),
        // Its title (h2), then its comments' heading (h3).
        Block::Discussion(_) => return Some(3),
        // Published answers below the form: their heading (h2), then each answer's (h3).
        Block::AppealForm(f) if f.show_answers => return Some(3),
        Block::ContactCard(c) => &c.name,
        Block::Section(b) => &b.title,
        Block::Gallery(b) => &b.title,
        Block::Hero(b) => &b.title,
        Block::Map(b) => &b.title,
        Block::Menu(b) => &b.title,
        Block::SocialLinks(b) => &b.title,
        Block::NewsFeed(b) => &b.title,
        Block::Announcements(b) => &b.title,
        Block::DocumentList(b) => &b.title,
        Block::StaffDirectory(b) => &b.title,
        Block::PhoneDirectory(b) => &b.title,
        Block::ReceptionSchedule(b) => &b.title,
        Block::Vacancies(b) => &b.title,
        Block::AppealForm(b) => &b.title,
        Block::AppealAnalysis(b) => &b.title,
        _ => return None,
    };
    (!title.is_empty()).then_some(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::{Card, Column, Columns, Heading, NewsFeed, Section, Text, TextRun};

    fn card(id: &str) -> Block {
        Block::Card(Card { id: id.into(), title: "Карточка".into(), ..Card::default() })
    }

    fn page(blocks: Vec<Block>) -> Page {
        Page {
            slug: "stranitsa".into(),
            title: "Страница".into(),
            description: String::new(),
            parent: None,
            in_menu: true,
            mandatory: false,
            blocks,
        }
    }

    #[test]
    fn untitled_items_right_under_the_page_title_are_h2() {
        let p = page(vec![Block::Columns(Columns {
            id: "cols".into(),
            columns: vec![Column { blocks: vec![card("a")] }, Column { blocks: vec![card("b")] }],
        })]);
        // The first card's heading does not push the second one down.
        assert_eq!(item_level(&p, "a", false), 2);
        assert_eq!(item_level(&p, "b", false), 2);
    }

    #[test]
    fn items_go_one_below_the_last_section_heading() {
        let heading = |id: &str, level| Block::Heading(Heading { id: id.into(), level, text: "Раздел".into() });
        let section = Block::Section(Section { id: "s".into(), title: "Раздел".into(), blocks: vec![card("in-section")] });
        let p = page(vec![
            heading("h2", 2),
            card("after-h2"),
            heading("h3", 3),
            card("after-h3"),
            section,
            Block::NewsFeed(NewsFeed { id: "news".into(), title: String::new(), limit: 3 }),
        ]);
        assert_eq!(item_level(&p, "after-h2", false), 3);
        assert_eq!(item_level(&p, "after-h3", false), 4);
        assert_eq!(item_level(&p, "in-section", false), 3);
        assert_eq!(item_level(&p, "news", false), 3);
        assert_eq!(item_level(&p, "news", true), 3, "a block's own title is an h2");
        assert_eq!(item_level(&p, "missing", false), 3, "an unknown id gets the level after the last heading");
    }

    #[test]
    fn headings_inside_text_count_as_section_headings() {
        let text = |id: &str, content: Vec<TextBlock>| Block::Text(Text { id: id.into(), content });
        let heading = |level| TextBlock::Heading { level, runs: vec![TextRun::plain("Раздел")] };
        let paragraph = TextBlock::Paragraph { runs: vec![TextRun::plain("Абзац")] };
        let p = page(vec![
            text("plain", vec![paragraph.clone()]),
            card("after-plain"),
            text("with-h3", vec![heading(2), paragraph.clone(), heading(3), paragraph]),
            card("after-h3"),
            text("bad-level", vec![heading(9)]),
            card("after-bad"),
        ]);
        assert_eq!(item_level(&p, "after-plain", false), 2, "a text without headings changes nothing");
        assert_eq!(item_level(&p, "after-h3", false), 4, "the text's last heading counts");
        assert_eq!(item_level(&p, "after-bad", false), 5, "clamped to h4 as it is written");
    }

    #[test]
    fn tags_for_levels() {
        assert_eq!([0, 1, 2, 3, 4, 5, 6, 9].map(heading_tag), ["h2", "h2", "h2", "h3", "h4", "h5", "h6", "h6"]);
    }
}
