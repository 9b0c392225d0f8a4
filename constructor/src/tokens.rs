//! «Токены API» for administrators: tokens for outside systems (name, sites, scopes, expiry),
//! the secret shown once after creation, and revocation. The server decides and logs.

use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::error_words::{as_input, error_message};
use crate::i18n::{scope_name, texts};
use crate::notice::{load_into, Notice};
use crate::server::{self, ApiToken, ServerError, SiteSummary};

const SCOPES: [&str; 3] = ["read", "write", "publish"];

#[derive(Properties, PartialEq)]
pub struct TokensProps {
    pub sites: Vec<SiteSummary>,
    pub on_signed_out: Callback<Option<String>>,
}

/// The form of a new token.
#[derive(Clone, PartialEq)]
struct Draft {
    name: String,
    sites: Vec<String>,
    scopes: Vec<String>,
    /// `YYYY-MM-DD`, or empty: until revoked.
    expires: String,
    problems: Vec<(String, String)>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft { name: String::new(), sites: Vec::new(), scopes: vec!["read".into()], expires: String::new(), problems: Vec::new() }
    }
}

/// A change of the form made from an input event.
type Edit = dyn Fn(&mut Draft, &Event);

/// The end of a day (UTC) as unix seconds; `None` for an empty or unreadable date.
fn end_of_day(date: &str) -> Option<i64> {
    let millis = js_sys::Date::parse(&format!("{date}T23:59:59Z"));
    (!date.is_empty() && millis.is_finite()).then(|| (millis / 1000.0) as i64)
}

/// Unix seconds as a UTC date and time for the table.
fn when(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let iso = String::from(date.to_iso_string());
    iso.get(..16).unwrap_or(&iso).replace('T', " ")
}

fn toggle(list: &mut Vec<String>, value: &str) {
    match list.iter().position(|v| v == value) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(value.to_string()),
    }
}

#[function_component(TokensView)]
pub fn tokens_view(props: &TokensProps) -> Html {
    let t = texts();
    let tokens = use_state(|| None::<Vec<ApiToken>>);
    let draft = use_state(|| None::<Draft>);
    let notice = use_state(|| None::<(bool, String)>);
    // The secret of the token just created: shown once, gone with the next action.
    let secret = use_state(|| None::<String>);
    let reload = {
        let (tokens, notice, on_signed_out) = (tokens.clone(), notice.clone(), props.on_signed_out.clone());
        move || {
            let (tokens, notice, on_signed_out) = (tokens.clone(), notice.clone(), on_signed_out.clone());
            load_into(tokens, notice, on_signed_out, async move { server::list_tokens().await });
        }
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload());
    }

    let on_new = {
        let (draft, secret) = (draft.clone(), secret.clone());
        Callback::from(move |_: MouseEvent| {
            secret.set(None);
            draft.set(Some(Draft::default()));
        })
    };

    let rows = match &*tokens {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(list) if list.is_empty() => html! { <p class="hint">{ t.tokens_empty }</p> },
        Some(list) => html! {
            <div class="table-scroll">
            <table class="items cards">
                <caption class="visually-hidden">{ t.tokens_title }</caption>
                <thead><tr>
                    <th scope="col">{ t.token_name }</th><th scope="col">{ t.token_hint }</th><th scope="col">{ t.token_scopes }</th>
                    <th scope="col">{ t.user_sites }</th><th scope="col">{ t.token_created_on }</th><th scope="col">{ t.token_expires }</th>
                    <th scope="col">{ t.token_last_used }</th><th scope="col">{ t.actions }</th>
                </tr></thead>
                <tbody>
                { for list.iter().map(|token| {
                    let on_revoke = {
                        let (notice, reload, on_signed_out, secret) = (notice.clone(), reload.clone(), props.on_signed_out.clone(), secret.clone());
                        let (id, name) = (token.id, token.name.clone());
                        Callback::from(move |_: MouseEvent| {
                            let question = texts().confirm_revoke.replace("{n}", &name);
                            if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()) != Some(true) {
                                return;
                            }
                            let (notice, reload, on_signed_out) = (notice.clone(), reload.clone(), on_signed_out.clone());
                            secret.set(None);
                            spawn_local(async move {
                                match server::revoke_token(id).await {
                                    Ok(()) => {
                                        notice.set(Some((true, texts().token_revoked.into())));
                                        reload();
                                    }
                                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                                    Err(err) => notice.set(Some((false, error_message(&err)))),
                                }
                            });
                        })
                    };
                    let scopes: Vec<&str> = token.scopes.iter().map(|s| scope_name(s)).collect();
                    html! {
                        <tr>
                            <td>{ &token.name }</td>
                            <td data-label={t.token_hint}><code>{ format!("{}…", token.hint) }</code></td>
                            <td data-label={t.token_scopes}>{ scopes.join(", ") }</td>
                            <td data-label={t.user_sites}>{ token.sites.join(", ") }</td>
                            <td data-label={t.token_created_on}>{ format!("{} ({})", token.created_at.get(..16).unwrap_or(&token.created_at), token.created_by) }</td>
                            <td data-label={t.token_expires}>{ token.expires_at.map_or(t.token_never.to_string(), when) }</td>
                            <td data-label={t.token_last_used}>{ token.last_used_at.map_or(t.token_unused.to_string(), when) }</td>
                            <td>
                                if let Some(revoked) = &token.revoked_at {
                                    { format!("{} {}", t.token_revoked_at, revoked.get(..16).unwrap_or(revoked)) }
                                } else {
                                    <button type="button" class="btn small danger" onclick={on_revoke}
                                        aria-label={format!("{} {}", t.revoke_token, token.name)}>{ t.revoke_token }</button>
                                }
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        },
    };

    let form = (*draft).clone().map(|open| {
        let update = |apply: Box<Edit>| {
            let draft = draft.clone();
            Callback::from(move |event: Event| {
                if let Some(mut current) = (*draft).clone() {
                    apply(&mut current, &event);
                    draft.set(Some(current));
                }
            })
        };
        let value = |event: &Event| event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
        let on_name = update(Box::new(move |d, e| d.name = value(e)));
        let on_expires = update(Box::new(move |d, e| d.expires = value(e)));
        let on_submit = {
            let (draft, notice, secret, reload, on_signed_out) =
                (draft.clone(), notice.clone(), secret.clone(), reload.clone(), props.on_signed_out.clone());
            let open = open.clone();
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                let expires_at = end_of_day(&open.expires);
                let body = json!({ "name": open.name, "scopes": open.scopes, "sites": open.sites, "expires_at": expires_at });
                let (draft, notice, secret, reload, on_signed_out, open) =
                    (draft.clone(), notice.clone(), secret.clone(), reload.clone(), on_signed_out.clone(), open.clone());
                spawn_local(async move {
                    match server::create_token(&body).await {
                        Ok(created) => {
                            draft.set(None);
                            secret.set(Some(created));
                            notice.set(Some((true, texts().token_created.into())));
                            reload();
                        }
                        Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                        Err(ServerError::Invalid(problems)) => {
                            notice.set(Some((false, texts().fix_fields.into())));
                            draft.set(Some(Draft { problems, ..open }));
                        }
                        Err(err) => notice.set(Some((false, error_message(&err)))),
                    }
                });
            })
        };
        let on_cancel = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| draft.set(None))
        };
        let problem = |name: &str| open.problems.iter().find(|(p, _)| p == name).map(|(_, m)| m.clone());
        let field_error = |name: &str| problem(name).map(|m| html! { <p class="field-error" id={format!("token-{name}-error")}>{ m }</p> });
        let invalid = |name: &str| problem(name).map(|_| "true");
        let described = |name: &str, hint: &str| problem(name).map(|_| format!("token-{name}-error")).unwrap_or_else(|| hint.to_string());
        html! {
            <form class="item-form" onsubmit={on_submit} aria-labelledby="token-form-title" novalidate=true>
                <h3 id="token-form-title">{ t.new_token }</h3>
                <div class="field">
                    <label for="token-name">{ t.token_name }{ t.required_mark }</label>
                    <input id="token-name" value={open.name.clone()} oninput={as_input(on_name)} aria-invalid={invalid("name")}
                        aria-describedby={described("name", "token-name-hint")} />
                    <p class="hint" id="token-name-hint">{ t.token_name_hint }</p>
                    { field_error("name").unwrap_or_default() }
                </div>
                <fieldset class="run" aria-describedby={problem("sites").map(|_| "token-sites-error")}>
                    <legend>{ t.user_sites }{ t.required_mark }</legend>
                    { for props.sites.iter().map(|site| {
                        let slug = site.slug.clone();
                        html! {
                            <label class="check">
                                <input type="checkbox" checked={open.sites.contains(&site.slug)}
                                    onchange={update(Box::new(move |d, _| toggle(&mut d.sites, &slug)))} />
                                { " " }{ &site.name }
                            </label>
                        }
                    }) }
                    { field_error("sites").unwrap_or_default() }
                </fieldset>
                <fieldset class="run" aria-describedby="token-scopes-hint">
                    <legend>{ t.token_scopes }</legend>
                    { for SCOPES.into_iter().map(|scope| html! {
                        <label class="check">
                            <input type="checkbox" checked={open.scopes.iter().any(|s| s == scope)} disabled={scope == "read"}
                                onchange={update(Box::new(move |d, _| toggle(&mut d.scopes, scope)))} />
                            { " " }{ scope_name(scope) }
                        </label>
                    }) }
                    <p class="hint" id="token-scopes-hint">{ t.token_scopes_hint }</p>
                    { field_error("scopes").unwrap_or_default() }
                </fieldset>
                <div class="field">
                    <label for="token-expires">{ t.token_expires }</label>
                    <input id="token-expires" type="date" value={open.expires.clone()} oninput={as_input(on_expires)}
                        aria-invalid={invalid("expires_at")} aria-describedby={described("expires_at", "token-expires-hint")} />
                    <p class="hint" id="token-expires-hint">{ t.token_expires_hint }</p>
                    { field_error("expires_at").unwrap_or_default() }
                </div>
                <div class="block-actions">
                    <button type="submit" class="btn primary">{ t.create_token }</button>
                    <button type="button" class="btn" onclick={on_cancel}>{ t.cancel }</button>
                </div>
            </form>
        }
    });

    let shown_secret = (*secret).clone().map(|value| html! {
        <div class="field token-secret">
            <label for="token-secret">{ t.token_secret }</label>
            <input id="token-secret" readonly=true value={value} aria-describedby="token-secret-hint"
                onfocus={Callback::from(|event: FocusEvent| {
                    if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                        input.select();
                    }
                })} />
            <p class="hint" id="token-secret-hint">{ t.token_secret_hint }</p>
        </div>
    });

    html! {
        <main class="collection-main wide">
            <div class="collection-head">
                <h2>{ t.tokens_title }</h2>
                <button type="button" class="btn primary" onclick={on_new}>{ "+ " }{ t.new_token }</button>
            </div>
            <Notice notice={(*notice).clone()} />
            { shown_secret.unwrap_or_default() }
            { form.unwrap_or_default() }
            <p class="hint">{ t.tokens_intro }</p>
            { rows }
        </main>
    }
}
