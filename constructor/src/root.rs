//! The constructor's entry: asks the server who is signed in, shows the sign-in form or the
//! editor, and goes back to the form when the session ends.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::app::App;
use crate::i18n::{code, lang, texts};
use crate::lang_switch;
use crate::login::LoginForm;
use crate::server::{self, ServerError, SessionInfo};

#[derive(Clone, PartialEq)]
enum Gate {
    Checking,
    SignedOut { notice: Option<String> },
    SignedIn(SessionInfo),
}

#[function_component(Root)]
pub fn root() -> Html {
    let gate = use_state(|| Gate::Checking);
    {
        let gate = gate.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                gate.set(match server::session().await {
                    Ok(session) => Gate::SignedIn(session),
                    Err(ServerError::SignedOut) => Gate::SignedOut { notice: None },
                    Err(_) => Gate::SignedOut { notice: Some(texts().error_network.into()) },
                });
            });
        });
    }
    let on_signed_in = {
        let gate = gate.clone();
        Callback::from(move |session| gate.set(Gate::SignedIn(session)))
    };
    let on_signed_out = {
        let gate = gate.clone();
        Callback::from(move |notice: Option<String>| gate.set(Gate::SignedOut { notice }))
    };
    // A new language remounts the form or the editor, so every text is read again; unsaved
    // edits survive in the local copy, as across a reload.
    let chosen = use_state(lang);
    let on_lang = {
        let chosen = chosen.clone();
        Callback::from(move |next| {
            lang_switch::choose(next);
            chosen.set(next);
        })
    };
    let key = code(*chosen);
    match &*gate {
        Gate::Checking => html! { <main class="app-message" aria-live="polite">{ texts().loading }</main> },
        Gate::SignedOut { notice } => html! { <LoginForm {key} notice={notice.clone()} {on_signed_in} {on_lang} /> },
        Gate::SignedIn(session) => html! { <App {key} user={session.user.clone()} {on_signed_out} {on_lang} /> },
    }
}
