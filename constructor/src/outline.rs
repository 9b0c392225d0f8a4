//! The left panel: the site's pages and the outline of the current page's blocks.

use civic_shared::schema::schema_of;
use civic_shared::{Block, TextBlock};
use yew::prelude::*;

use crate::i18n::{pick, texts};

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
    let kind = schema_of(block.type_name()).map_or("", |schema| pick(&schema.label));
    let text = match block {
        Block::Text(text) => text
            .content
            .iter()
            .flat_map(|part| match part {
                TextBlock::Paragraph { runs } | TextBlock::Quote { runs, .. } => runs.iter().collect::<Vec<_>>(),
                TextBlock::List { items, .. } => items.iter().flatten().collect(),
            })
            .map(|run| run.text.as_str())
            .collect::<String>(),
        other => {
            let json = serde_json::to_value(other).unwrap_or_default();
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

fn block_items<'a>(blocks: impl Iterator<Item = &'a Block>, props: &OutlineProps) -> Html {
    blocks
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
                    if block.children().next().is_some() {
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
            <ul class="block-tree">{ block_items(props.blocks.iter(), props) }</ul>
        </nav>
    }
}
