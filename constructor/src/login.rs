//! The sign-in form: login, password, and a message a clerk understands when it fails.

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::texts;
use crate::lang_switch::LangSwitch;
use crate::server::{self, ServerError, SessionInfo};

#[derive(Properties, PartialEq)]
pub struct LoginFormProps {
    /// Why the form is shown again (the session ended), if it is.
    #[prop_or_default]
    pub notice: Option<String>,
    pub on_signed_in: Callback<SessionInfo>,
    /// Another interface language was chosen.
    pub on_lang: Callback<civic_shared::Lang>,
}

/// The user's words for a failed sign-in.
fn failure_message(err: &ServerError) -> String {
    let t = texts();
    match err {
        ServerError::WrongCredentials => t.wrong_credentials.into(),
        ServerError::TooManyAttempts(seconds) => t.too_many_attempts.replace("{m}", &((seconds + 59) / 60).to_string()),
        ServerError::Banned => t.account_banned.into(),
        ServerError::Network => t.login_network.into(),
        _ => t.login_failed.into(),
    }
}

#[function_component(LoginForm)]
pub fn login_form(props: &LoginFormProps) -> Html {
    let t = texts();
    let login_ref = use_node_ref();
    let password_ref = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    {
        let login_ref = login_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = login_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let onsubmit = {
        let (login_ref, password_ref, busy, error) = (login_ref.clone(), password_ref.clone(), busy.clone(), error.clone());
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| node.cast::<HtmlInputElement>().map(|input| input.value()).unwrap_or_default();
            let (login, password) = (value(&login_ref), value(&password_ref));
            if login.trim().is_empty() || password.is_empty() {
                error.set(Some(texts().login_empty.into()));
                return;
            }
            busy.set(true);
            let (busy, error, on_signed_in, password_ref) = (busy.clone(), error.clone(), on_signed_in.clone(), password_ref.clone());
            spawn_local(async move {
                match server::login(&login, &password).await {
                    Ok(session) => on_signed_in.emit(session),
                    Err(err) => {
                        error.set(Some(failure_message(&err)));
                        busy.set(false);
                        if let Some(input) = password_ref.cast::<HtmlInputElement>() {
                            input.set_value("");
                            let _ = input.focus();
                        }
                    }
                }
            });
        })
    };
    let message = (*error).clone().or_else(|| props.notice.clone());
    html! {
        <main class="login">
            <form class="login-card" {onsubmit} aria-describedby="login-message" novalidate=true>
                <h1>{ t.sign_in_title }</h1>
                <p class="login-intro">{ t.sign_in_intro }</p>
                <label for="login-name">{ t.login_label }</label>
                <input id="login-name" ref={login_ref} name="username" autocomplete="username" autocapitalize="none"
                    spellcheck="false" required=true disabled={*busy} />
                <label for="login-password">{ t.password_label }</label>
                <input id="login-password" ref={password_ref} type="password" name="password" autocomplete="current-password"
                    required=true disabled={*busy} />
                <p id="login-message" class={classes!("login-message", error.is_some().then_some("error"))} role="alert">
                    { message.unwrap_or_default() }
                </p>
                <button type="submit" class="btn primary" disabled={*busy}>{ if *busy { t.signing_in } else { t.sign_in } }</button>
                <LangSwitch on_change={props.on_lang.clone()} />
            </form>
        </main>
    }
}
