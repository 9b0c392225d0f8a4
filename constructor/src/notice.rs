//! The one line under a view's title that says how the last action went: a polite status
//! for success, an alert for a failure, and an empty live region before anything happened.

use std::future::Future;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::texts;
use crate::server::ServerError;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// `(succeeded, text)` of the last action, if any.
    pub notice: Option<(bool, String)>,
}

#[function_component(Notice)]
pub fn notice(props: &NoticeProps) -> Html {
    match &props.notice {
        Some((true, text)) => html! { <p class="notice ok" role="status">{ text }</p> },
        Some((false, text)) => html! { <p class="notice error" role="alert">{ text }</p> },
        None => html! { <p class="notice" role="status"></p> },
    }
}

/// Loads what a view lists: on success into `target`; an ended session goes back to the
/// sign-in form; any other failure is said in the view's notice.
pub fn load_into<T: 'static>(
    target: UseStateHandle<Option<T>>,
    notice: UseStateHandle<Option<(bool, String)>>,
    on_signed_out: Callback<Option<String>>,
    fetch: impl Future<Output = Result<T, ServerError>> + 'static,
) {
    spawn_local(async move {
        match fetch.await {
            Ok(found) => target.set(Some(found)),
            Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
            Err(err) => notice.set(Some((false, error_message(&err)))),
        }
    });
}
