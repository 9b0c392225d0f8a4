//! «Пользователи» for administrators: register, change role, sites and status (restrict or
//! ban), set a password, remove. The server decides and logs; this only asks.

use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_words::{as_input, error_message};
use crate::i18n::{role_name, status_name, texts};
use crate::notice::{load_into, Notice};
use crate::server::{self, ManagedUser, ServerError, SiteSummary};

#[derive(Properties, PartialEq)]
pub struct UsersProps {
    pub sites: Vec<SiteSummary>,
    pub on_signed_out: Callback<Option<String>>,
}

/// The form: a new user (`id` None) or an existing one.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    id: Option<i64>,
    login: String,
    name: String,
    role: String,
    status: String,
    sites: Vec<String>,
    password: String,
    problems: Vec<(String, String)>,
}

fn input_value(event: &Event) -> String {
    let target = event.target();
    target
        .clone()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok().map(|i| i.value()))
        .or_else(|| target.and_then(|t| t.dyn_into::<HtmlSelectElement>().ok().map(|s| s.value())))
        .unwrap_or_default()
}

#[function_component(UsersView)]
pub fn users_view(props: &UsersProps) -> Html {
    let t = texts();
    let users = use_state(|| None::<Vec<ManagedUser>>);
    let draft = use_state(|| None::<Draft>);
    let notice = use_state(|| None::<(bool, String)>);
    let reload = {
        let (users, notice, on_signed_out) = (users.clone(), notice.clone(), props.on_signed_out.clone());
        move || {
            let (users, notice, on_signed_out) = (users.clone(), notice.clone(), on_signed_out.clone());
            load_into(users, notice, on_signed_out, async move { server::list_users().await });
        }
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload());
    }
    // Runs a call; on success closes the form, says `done` and reloads the list.
    let run = {
        let (draft, notice, reload, on_signed_out) = (draft.clone(), notice.clone(), reload.clone(), props.on_signed_out.clone());
        move |call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ServerError>>>>, done: &'static str, open: Draft| {
            let (draft, notice, reload, on_signed_out) = (draft.clone(), notice.clone(), reload.clone(), on_signed_out.clone());
            spawn_local(async move {
                match call.await {
                    Ok(()) => {
                        draft.set(None);
                        notice.set(Some((true, done.into())));
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
        }
    };

    let on_new = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            draft.set(Some(Draft { role: "editor".into(), status: "active".into(), ..Draft::default() }))
        })
    };
    let rows = match &*users {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(list) => html! {
            <div class="table-scroll">
            <table class="items cards">
                <caption class="visually-hidden">{ t.users_title }</caption>
                <thead><tr>
                    <th scope="col">{ t.user_name }</th><th scope="col">{ t.login_label }</th><th scope="col">{ t.user_role }</th>
                    <th scope="col">{ t.user_status }</th><th scope="col">{ t.user_sites }</th><th scope="col">{ t.actions }</th>
                </tr></thead>
                <tbody>
                { for list.iter().map(|user| {
                    let open = {
                        let (draft, user) = (draft.clone(), user.clone());
                        Callback::from(move |_: MouseEvent| draft.set(Some(Draft {
                            id: Some(user.id), login: user.login.clone(), name: user.name.clone(), role: user.role.clone(),
                            status: user.status.clone(), sites: user.sites.clone(), ..Draft::default()
                        })))
                    };
                    html! {
                        <tr>
                            <td data-label={t.user_name}>{ &user.name }</td><td data-label={t.login_label}>{ &user.login }</td><td data-label={t.user_role}>{ role_name(&user.role) }</td>
                            <td class={classes!("status", user.status.clone())} data-label={t.user_status}>{ status_name(&user.status) }</td>
                            <td data-label={t.user_sites}>{ user.sites.join(", ") }</td>
                            <td><button type="button" class="btn small" onclick={open} aria-label={format!("{} {}", t.edit, user.name)}>{ t.edit }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        },
    };

    let form = (*draft).clone().map(|open| {
        let set = |apply: fn(&mut Draft, String)| {
            let draft = draft.clone();
            Callback::from(move |event: Event| {
                if let Some(mut current) = (*draft).clone() {
                    apply(&mut current, input_value(&event));
                    draft.set(Some(current));
                }
            })
        };
        let toggle_site = |slug: String| {
            let draft = draft.clone();
            Callback::from(move |_: Event| {
                if let Some(mut current) = (*draft).clone() {
                    match current.sites.iter().position(|s| *s == slug) {
                        Some(i) => {
                            current.sites.remove(i);
                        }
                        None => current.sites.push(slug.clone()),
                    }
                    draft.set(Some(current));
                }
            })
        };
        let on_submit = {
            let (run, open) = (run.clone(), open.clone());
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                let open = open.clone();
                match open.id {
                    None => {
                        let body = json!({ "login": open.login, "name": open.name, "role": open.role, "password": open.password, "sites": open.sites });
                        run(Box::pin(async move { server::create_user(&body).await }), texts().user_created, open);
                    }
                    Some(id) => {
                        let body = json!({ "name": open.name, "role": open.role, "status": open.status, "sites": open.sites });
                        run(Box::pin(async move { server::change_user(id, &body).await }), texts().user_saved, open);
                    }
                }
            })
        };
        let on_password = open.id.map(|id| {
            let (run, open) = (run.clone(), open.clone());
            Callback::from(move |_: MouseEvent| {
                let (password, open) = (open.password.clone(), open.clone());
                run(Box::pin(async move { server::set_user_password(id, &password).await }), texts().password_set, open);
            })
        });
        let on_delete = open.id.map(|id| {
            let (run, open) = (run.clone(), open.clone());
            Callback::from(move |_: MouseEvent| {
                let question = texts().confirm_delete_user.replace("{n}", &open.name);
                if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()) == Some(true) {
                    run(Box::pin(async move { server::delete_user(id).await }), texts().user_deleted, open.clone());
                }
            })
        });
        let on_cancel = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| draft.set(None))
        };
        let problem = |name: &str| open.problems.iter().find(|(p, _)| p == name).map(|(_, m)| m.clone());
        let field_error = |name: &str| problem(name).map(|m| html! { <p class="field-error" id={format!("user-{name}-error")}>{ m }</p> });
        let invalid = |name: &str| problem(name).map(|_| "true");
        let described = |name: &str| problem(name).map(|_| format!("user-{name}-error"));
        html! {
            <form class="item-form" onsubmit={on_submit} aria-labelledby="user-form-title" novalidate=true>
                <h3 id="user-form-title">{ if open.id.is_some() { t.edit_user } else { t.new_user } }</h3>
                <div class="field">
                    <label for="user-name">{ t.user_name }{ t.required_mark }</label>
                    <input id="user-name" value={open.name.clone()} oninput={as_input(set(|d, v| d.name = v))}
                        aria-invalid={invalid("name")} aria-describedby={described("name")} />
                    { field_error("name").unwrap_or_default() }
                </div>
                <div class="field">
                    <label for="user-login">{ t.login_label }{ t.required_mark }</label>
                    <input id="user-login" value={open.login.clone()} oninput={as_input(set(|d, v| d.login = v))} readonly={open.id.is_some()}
                        autocomplete="off" aria-invalid={invalid("login")} aria-describedby={described("login")} />
                    { field_error("login").unwrap_or_default() }
                </div>
                <div class="field">
                    <label for="user-role">{ t.user_role }</label>
                    <select id="user-role" onchange={set(|d, v| d.role = v)}>
                        { for ["editor", "administrator", "operator"].into_iter().map(|role| html! {
                            <option value={role} selected={open.role == role}>{ role_name(role) }</option>
                        }) }
                    </select>
                </div>
                if open.id.is_some() {
                    <div class="field">
                        <label for="user-status">{ t.user_status }</label>
                        <select id="user-status" onchange={set(|d, v| d.status = v)} aria-describedby="user-status-hint">
                            { for ["active", "restricted", "banned"].into_iter().map(|status| html! {
                                <option value={status} selected={open.status == status}>{ status_name(status) }</option>
                            }) }
                        </select>
                        <p class="hint" id="user-status-hint">{ t.status_hint }</p>
                    </div>
                }
                <fieldset class="run">
                    <legend>{ t.user_sites }</legend>
                    { for props.sites.iter().map(|site| html! {
                        <label class="check">
                            <input type="checkbox" checked={open.sites.contains(&site.slug)} onchange={toggle_site(site.slug.clone())} />
                            { " " }{ &site.name }
                        </label>
                    }) }
                </fieldset>
                <div class="field">
                    <label for="user-password">{ if open.id.is_some() { t.new_password } else { t.password_label } }</label>
                    <input id="user-password" type="password" autocomplete="new-password" value={open.password.clone()}
                        oninput={as_input(set(|d, v| d.password = v))} aria-invalid={invalid("password")}
                        aria-describedby={described("password").unwrap_or_else(|| "user-password-hint".into())} />
                    <p class="hint" id="user-password-hint">{ t.password_rules }</p>
                    { field_error("password").unwrap_or_default() }
                </div>
                <div class="block-actions">
                    <button type="submit" class="btn primary">{ if open.id.is_some() { t.save_item } else { t.create_user } }</button>
                    if let Some(on_password) = on_password {
                        <button type="button" class="btn" onclick={on_password}>{ t.set_password }</button>
                    }
                    <button type="button" class="btn" onclick={on_cancel}>{ t.cancel }</button>
                    if let Some(on_delete) = on_delete {
                        <button type="button" class="btn danger" onclick={on_delete}>{ t.delete_user }</button>
                    }
                </div>
            </form>
        }
    });

    html! {
        <main class="collection-main wide">
            <div class="collection-head">
                <h2>{ t.users_title }</h2>
                <button type="button" class="btn primary" onclick={on_new}>{ "+ " }{ t.new_user }</button>
            </div>
            <Notice notice={(*notice).clone()} />
            { form.unwrap_or_default() }
            { rows }
        </main>
    }
}
