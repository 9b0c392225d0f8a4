//! The block palette: every block kind, filtered by a search field; a click (or Enter)
//! inserts the block after the selected one, a drag puts it at a precise place.

use civic_shared::schema::SCHEMAS;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{pick, texts};

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub on_insert: Callback<String>,
    /// A drag of a new block starts (Some) or ends (None).
    pub on_drag: Callback<Option<crate::outline::Dragged>>,
}

#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let t = texts();
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let wanted = query.trim().to_lowercase();
    let matches: Vec<_> = SCHEMAS
        .iter()
        .filter(|s| wanted.is_empty() || pick(&s.label).to_lowercase().contains(&wanted) || s.type_name.contains(&wanted))
        .collect();
    html! {
        <section class="palette" aria-labelledby="palette-title">
            <h2 class="panel-title" id="palette-title">{ t.add_block }</h2>
            <label for="palette-search" class="visually-hidden">{ t.find_block }</label>
            <input id="palette-search" type="search" placeholder={t.find_block} value={(*query).clone()} {oninput} />
            if matches.is_empty() { <p class="hint">{ t.no_block_found }</p> }
            <ul class="palette-list">
                { for matches.into_iter().map(|schema| {
                    let on_insert = props.on_insert.clone();
                    let type_name = schema.type_name.to_string();
                    let ondragstart = {
                        let (on_drag, type_name) = (props.on_drag.clone(), type_name.clone());
                        Callback::from(move |event: DragEvent| {
                            if let Some(transfer) = event.data_transfer() {
                                let _ = transfer.set_data("text/plain", &type_name);
                                transfer.set_effect_allowed("copy");
                            }
                            on_drag.emit(Some(crate::outline::Dragged::New(type_name.clone())));
                        })
                    };
                    let ondragend = props.on_drag.reform(|_: DragEvent| None);
                    html! {
                        <li key={schema.type_name}>
                            <button type="button" class="palette-item" data-block-type={schema.type_name} draggable="true" {ondragstart} {ondragend}
                                onclick={Callback::from(move |_: MouseEvent| on_insert.emit(type_name.clone()))}>
                                { "+ " }{ pick(&schema.label) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
