//! A block-level diff as a list: what was added, removed or changed, on which page, and how
//! it read before and after. Used by the revision history and the publish summary.

use std::rc::Rc;

use civic_shared::SiteDocument;
use yew::prelude::*;

use crate::i18n::{quoted, texts};
use crate::merge::{changes, ChangeKind, Unit};

#[derive(Properties, PartialEq)]
pub struct ChangeListProps {
    pub before: Rc<SiteDocument>,
    pub after: Rc<SiteDocument>,
}

#[function_component(ChangeList)]
pub fn change_list(props: &ChangeListProps) -> Html {
    let t = texts();
    let found = use_memo((props.before.clone(), props.after.clone()), |(before, after)| changes(before, after));
    if found.is_empty() {
        return html! { <p class="hint">{ t.diff_none }</p> };
    }
    let title = |page: &str| {
        props.after.pages.get(page).or_else(|| props.before.pages.get(page)).map(|p| quoted(&p.title)).unwrap_or_else(|| quoted(page))
    };
    html! {
        <ul class="diff-list">
            { for found.iter().map(|change| {
                // A page's own line names it; a block's line says which page it is on.
                let page = match &change.unit {
                    Unit::Site | Unit::Page(_) => None,
                    Unit::Block { page, .. } | Unit::Order(page) => Some(page.as_str()),
                };
                let what = match (&change.unit, change.kind) {
                    (Unit::Site, _) => t.diff_site,
                    (Unit::Page(_), ChangeKind::Added) => t.diff_page_added,
                    (Unit::Page(_), ChangeKind::Removed) => t.diff_page_removed,
                    (Unit::Page(_), ChangeKind::Changed) => t.diff_page_changed,
                    (Unit::Block { .. }, ChangeKind::Added) => t.diff_block_added,
                    (Unit::Block { .. }, ChangeKind::Removed) => t.diff_block_removed,
                    (Unit::Block { .. }, ChangeKind::Changed) => t.diff_block_changed,
                    (Unit::Order(_), _) => t.diff_order,
                };
                let (mark, class) = match change.kind {
                    ChangeKind::Added => ("+", "added"),
                    ChangeKind::Removed => ("−", "removed"),
                    ChangeKind::Changed => ("~", "changed"),
                };
                html! {
                    <li class={classes!("diff-item", class)}>
                        <span class="diff-mark" aria-hidden="true">{ mark }</span>
                        <span>
                            <strong>{ what }</strong>
                            if let Some(page) = page { { " " }{ t.diff_on_page.replace("{p}", &title(page)) } }
                            if change.kind != ChangeKind::Added && !change.before.is_empty() {
                                <span class="diff-before">{ t.diff_was }{ " " }{ &change.before }</span>
                            }
                            if change.kind != ChangeKind::Removed && !change.after.is_empty() {
                                <span class="diff-after">{ t.diff_now }{ " " }{ &change.after }</span>
                            }
                        </span>
                    </li>
                }
            }) }
        </ul>
    }
}
