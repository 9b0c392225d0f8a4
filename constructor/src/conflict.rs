//! The conflict view: someone saved while this editor had unsaved edits. Every difference
//! between the two versions is listed with both sides; the user keeps theirs, takes the
//! other, or chooses block by block. Nothing is lost: the merge is one undo step.

use std::rc::Rc;

use civic_shared::SiteDocument;
use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::i18n::texts;
use crate::merge::{differences, merge, summary, Side, Unit};

#[derive(Properties, PartialEq)]
pub struct ConflictProps {
    /// The version both started from, when known.
    pub base: Option<Rc<SiteDocument>>,
    pub mine: Rc<SiteDocument>,
    pub theirs: Rc<SiteDocument>,
    /// The merged document to save on top of their version.
    pub on_resolve: Callback<SiteDocument>,
}

fn unit_name(unit: &Unit, mine: &SiteDocument, theirs: &SiteDocument) -> String {
    let t = texts();
    let title = |page: &str| {
        mine.pages.get(page).or_else(|| theirs.pages.get(page)).map(|p| p.title.clone()).unwrap_or_else(|| page.to_string())
    };
    match unit {
        Unit::Site => t.conflict_site.to_string(),
        Unit::Page(page) => format!("{} «{}»", t.conflict_page, title(page)),
        Unit::Block { page, .. } => format!("{} «{}»", t.conflict_block, title(page)),
        Unit::Order(page) => format!("{} «{}»", t.conflict_order, title(page)),
    }
}

#[function_component(ConflictView)]
pub fn conflict_view(props: &ConflictProps) -> Html {
    let t = texts();
    let dialog = use_node_ref();
    let found = use_memo((props.base.clone(), props.mine.clone(), props.theirs.clone()), |(base, mine, theirs)| {
        differences(base.as_deref(), mine, theirs)
    });
    let choices = use_state({
        let found = found.clone();
        move || found.iter().map(|d| d.suggested).collect::<Vec<_>>()
    });
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    let resolve = |all: Option<Side>| {
        let (on_resolve, found, choices, mine, theirs) = (props.on_resolve.clone(), found.clone(), choices.clone(), props.mine.clone(), props.theirs.clone());
        Callback::from(move |_: MouseEvent| {
            let picked: Vec<Side> = match all {
                Some(side) => vec![side; found.len()],
                None => (*choices).clone(),
            };
            on_resolve.emit(merge(&mine, &theirs, &found, &picked));
        })
    };
    // Escape must not close it: a decision is needed, and every button is one.
    let oncancel = Callback::from(|event: Event| event.prevent_default());
    let asked = found.iter().filter(|d| d.both_changed).count();
    html! {
        <dialog class="conflict-dialog" ref={dialog} aria-labelledby="conflict-title" aria-describedby="conflict-intro" {oncancel}>
            <h2 id="conflict-title">{ t.conflict_title }</h2>
            <p id="conflict-intro">{ t.conflict_intro.replace("{n}", &found.len().to_string()).replace("{k}", &asked.to_string()) }</p>
            <ol class="conflict-list">
                { for found.iter().enumerate().map(|(i, difference)| {
                    let name = format!("conflict-{i}");
                    let pick = |side: Side| {
                        let choices = choices.clone();
                        Callback::from(move |_: Event| {
                            let mut next = (*choices).clone();
                            next[i] = side;
                            choices.set(next);
                        })
                    };
                    let side_text = |value: Option<&serde_json::Value>| {
                        let text = summary(value);
                        if value.is_none() { t.conflict_absent.to_string() } else if text.is_empty() { t.conflict_changed.to_string() } else { text }
                    };
                    html! {
                        <li class={classes!("conflict-item", difference.both_changed.then_some("both"))}>
                            <fieldset>
                                <legend>
                                    { unit_name(&difference.unit, &props.mine, &props.theirs) }
                                    if difference.both_changed { <span class="badge">{ t.conflict_both }</span> }
                                </legend>
                                <label class="conflict-side">
                                    <input type="radio" name={name.clone()} checked={choices[i] == Side::Mine} onchange={pick(Side::Mine)} />
                                    <span><strong>{ t.conflict_mine }</strong>{ ": " }{ side_text(difference.mine.as_ref()) }</span>
                                </label>
                                <label class="conflict-side">
                                    <input type="radio" name={name} checked={choices[i] == Side::Theirs} onchange={pick(Side::Theirs)} />
                                    <span><strong>{ t.conflict_theirs }</strong>{ ": " }{ side_text(difference.theirs.as_ref()) }</span>
                                </label>
                            </fieldset>
                        </li>
                    }
                }) }
            </ol>
            <div class="dialog-actions">
                <button type="button" class="btn primary" onclick={resolve(None)}>{ t.conflict_merge }</button>
                <button type="button" class="btn" onclick={resolve(Some(Side::Mine))}>{ t.keep_mine }</button>
                <button type="button" class="btn" onclick={resolve(Some(Side::Theirs))}>{ t.load_theirs }</button>
            </div>
        </dialog>
    }
}
