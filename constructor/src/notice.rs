//! The one line under a view's title that says how the last action went: a polite status
//! for success, an alert for a failure, and an empty live region before anything happened.

use yew::prelude::*;

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
