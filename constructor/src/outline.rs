//! The left panel: the site's pages and the outline of the current page's blocks.

use civic_shared::Block;
use yew::prelude::*;

use crate::i18n::texts;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    /// (page id, title) in menu order.
    pub pages: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    pub page_id: String,
    pub selected: Option<String>,
    pub on_page: Callback<String>,
    pub on_block: Callback<String>,
}

/// What the outline shows for a block: its kind and the start of its text.
fn label(block: &Block) -> (&'static str, String) {
    let t = texts();
    let (kind, text) = match block {
        Block::Heading(h) => (t.block_heading, h.text.clone()),
        Block::Paragraph(p) => (t.block_paragraph, p.runs.iter().map(|r| r.text.as_str()).collect()),
        Block::Image(img) => (t.block_image, img.alt.clone()),
        Block::Section(s) => (t.block_section, s.title.clone()),
    };
    let mut short: String = text.chars().take(48).collect();
    if text.chars().count() > 48 {
        short.push('…');
    }
    (kind, short)
}

fn block_items(blocks: &[Block], props: &OutlineProps) -> Html {
    blocks
        .iter()
        .map(|block| {
            let id = block.id().to_string();
            let (kind, text) = label(block);
            let current = props.selected.as_deref() == Some(block.id());
            let onclick = props.on_block.reform({
                let id = id.clone();
                move |_: MouseEvent| id.clone()
            });
            html! {
                <li key={id.clone()}>
                    <button type="button" class={classes!("outline-item", current.then_some("current"))}
                        aria-pressed={current.to_string()} {onclick} data-block-id={id}>
                        <span class="outline-kind">{ kind }</span>
                        <span class="outline-text">{ text }</span>
                    </button>
                    if !block.children().is_empty() {
                        <ul class="outline-children">{ block_items(block.children(), props) }</ul>
                    }
                </li>
            }
        })
        .collect()
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let t = texts();
    html! {
        <nav class="outline" aria-label={t.pages}>
            <h2 class="panel-title">{ t.pages }</h2>
            <ul class="page-list">
                { for props.pages.iter().map(|(id, title)| {
                    let current = *id == props.page_id;
                    let onclick = props.on_page.reform({ let id = id.clone(); move |_: MouseEvent| id.clone() });
                    html! {
                        <li key={id.clone()}>
                            <button type="button" class={classes!("page-item", current.then_some("current"))}
                                aria-current={current.then_some("page")} {onclick}>{ title }</button>
                        </li>
                    }
                }) }
            </ul>
            <h2 class="panel-title">{ t.blocks }</h2>
            <ul class="block-tree">{ block_items(&props.blocks, props) }</ul>
        </nav>
    }
}
