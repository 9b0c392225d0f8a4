//! The language switch («Русский» / «English») on the sign-in form and in the top bar, and
//! this browser's memory of the choice: `localStorage["civic-lang"]`, or `?lang=en` in the
//! address, read once at start.

use civic_shared::Lang;
use yew::prelude::*;

use crate::i18n::{self, code, lang, lang_in_query, parse_code, texts, LANGUAGES};

const STORAGE_KEY: &str = "civic-lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Chooses the language before anything renders: `?lang=` in the address (which is then
/// remembered), else the one this browser remembers, else Russian.
pub fn start() {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    match lang_in_query(&query) {
        Some(lang) => choose(lang),
        None => {
            let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
            apply(stored.and_then(|code| parse_code(&code)).unwrap_or_default());
        }
    }
}

/// Makes `lang` the interface language and remembers it in this browser. A `?lang=` left in
/// the address would overrule the choice on the next reload, so it is taken out.
pub fn choose(lang: Lang) {
    if let Some(storage) = storage() {
        // Without storage the choice lasts until the page is left; nothing else breaks.
        let _ = storage.set_item(STORAGE_KEY, code(lang));
    }
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let query = location.search().unwrap_or_default();
        if lang_in_query(&query).is_some() {
            let (path, hash) = (location.pathname().unwrap_or_default(), location.hash().unwrap_or_default());
            let url = format!("{path}{}{hash}", i18n::query_without_lang(&query));
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    }
    apply(lang);
}

/// The language for what renders next, for screen readers (`<html lang>`) and the tab title.
fn apply(lang: Lang) {
    i18n::set_lang(lang);
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", code(lang));
        }
        document.set_title(texts().app_title);
    }
}

#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// A language was chosen (not the current one).
    pub on_change: Callback<Lang>,
}

/// Each language's name in itself, marked with its `lang` so a screen reader says it right;
/// the current one is pressed.
#[function_component(LangSwitch)]
pub fn lang_switch(props: &LangSwitchProps) -> Html {
    let current = lang();
    html! {
        <div class="lang-switch" role="group" aria-label={texts().language}>
            { for LANGUAGES.iter().map(|&(lang, code, name)| {
                let on_change = props.on_change.clone();
                let onclick = Callback::from(move |_: MouseEvent| if lang != current { on_change.emit(lang) });
                html! {
                    <button type="button" class="btn link lang-option" lang={code} aria-pressed={(lang == current).to_string()} {onclick}>{ name }</button>
                }
            }) }
        </div>
    }
}
