//! A failed call in the user's words, and the input handler every form uses.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::texts;
use crate::server::ServerError;

/// The user's words for a failed call.
pub fn error_message(err: &ServerError) -> String {
    let t = texts();
    match err {
        ServerError::Invalid(problems) => {
            let problems: Vec<String> = problems.iter().map(|(path, message)| format!("{path}: {message}")).collect();
            format!("{}: {}", t.error_invalid, problems.join("; "))
        }
        ServerError::StaleItem { .. } => t.item_conflict.into(),
        ServerError::Taken => t.id_taken.into(),
        ServerError::Network => t.error_network.into(),
        ServerError::Storage => t.error_storage.into(),
        ServerError::NotFound => t.error_not_found.into(),
        ServerError::SignedOut => t.session_ended.into(),
        ServerError::Restricted => t.account_restricted.into(),
        ServerError::Banned => t.account_banned.into(),
        ServerError::Forbidden => t.forbidden.into(),
        ServerError::FileRefused(message) | ServerError::Explained(message) => message.clone(),
        ServerError::TooManyAttempts(seconds) => t.too_many_attempts.replace("{m}", &((seconds + 59) / 60).to_string()),
        ServerError::WrongCredentials | ServerError::Refused | ServerError::Stale { .. } => t.error_refused.into(),
    }
}

/// A field handler for `oninput`: forms keep every keystroke in their state, so a submit
/// right after typing (without leaving the field) sends what is on screen.
pub fn as_input(on_change: Callback<Event>) -> Callback<InputEvent> {
    on_change.reform(|event: InputEvent| event.unchecked_into::<Event>())
}
