//! Accounts, for administrators: list, create, change, delete, reset a password.

use serde_json::json;
use worker::Response;

use crate::accounts::{self, ChangeUser, CreateUser, SetPassword, PASSWORD_CHANGES};
use crate::api::ApiError;
use crate::authz::Denied;
use crate::crypto::new_password_hash;
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::{json_with_status, ok};
use crate::store::accounts::{self as accounts_db, NewUser, UserChange};

pub async fn list(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&json!({ "users": accounts_db::list_users(&call.bindings.db).await? }))
}

pub async fn create(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let body: CreateUser = call.json().await?;
    let db = &call.bindings.db;
    let login = accounts::normalize_login(&body.login).ok_or_else(|| bad("login", "латинские буквы, цифры, «.», «_» или «-», от 3 до 64 знаков"))?;
    let name = accounts::normalize_name(&body.name).ok_or_else(|| bad("name", "укажите имя, до 200 знаков"))?;
    accounts::check_password(&login, &body.password).map_err(ApiError::WeakPassword)?;
    let site_ids = accounts_db::site_ids(db, &body.sites).await?.ok_or_else(|| bad("sites", "нет сайта с таким адресом"))?;
    let hash = new_password_hash(&body.password).await?;
    let user = NewUser { login: &login, name: &name, role: body.role, password_hash: &hash, site_ids: &site_ids };
    let id = accounts_db::create_user(db, &user, &call.actor()).await?;
    let view = accounts_db::user_by_id(db, id).await?;
    json_with_status(201, &json!({ "user": view }))
}

pub async fn delete(call: &mut ApiCall<'_>, id: i64) -> Result<Response, ApiError> {
    refuse_self(call, id)?;
    existing_user(call, id).await?;
    accounts_db::delete_user(&call.bindings.db, id, &call.actor()).await?;
    ok(&json!({ "deleted": id }))
}

pub async fn change(call: &mut ApiCall<'_>, id: i64) -> Result<Response, ApiError> {
    let body: ChangeUser = call.json().await?;
    existing_user(call, id).await?;
    if body.role.is_some() || body.status.is_some() {
        // An administrator cannot lock themselves out by demoting or banning their own account.
        refuse_self(call, id)?;
    }
    let db = &call.bindings.db;
    let name = match body.name.as_deref() {
        Some(name) => Some(accounts::normalize_name(name).ok_or_else(|| bad("name", "укажите имя, до 200 знаков"))?),
        None => None,
    };
    let site_ids = match body.sites.as_deref() {
        Some(slugs) => Some(accounts_db::site_ids(db, slugs).await?.ok_or_else(|| bad("sites", "нет сайта с таким адресом"))?),
        None => None,
    };
    let change = UserChange { name: name.as_deref(), role: body.role, status: body.status, site_ids: site_ids.as_deref() };
    accounts_db::change_user(db, id, &change, &call.actor()).await?;
    ok(&json!({ "user": accounts_db::user_by_id(db, id).await? }))
}

pub async fn set_password(call: &mut ApiCall<'_>, id: i64) -> Result<Response, ApiError> {
    let body: SetPassword = call.json().await?;
    let db = &call.bindings.db;
    let key = format!("password:{}", call.signed_in()?.principal.user_id);
    // Every reset counts, successful or not, before it is hashed: a stolen administrator
    // session cannot spray resets, concurrently either.
    if let Some(retry_after) = crate::store::attempts::count_attempt(db, &key, PASSWORD_CHANGES, call.now).await? {
        return Err(ApiError::RateLimited { retry_after });
    }
    let user = existing_user(call, id).await?;
    accounts::check_password(&user.login, &body.password).map_err(ApiError::WeakPassword)?;
    let hash = new_password_hash(&body.password).await?;
    accounts_db::set_password(db, id, &hash, &call.actor()).await?;
    ok(&json!({ "changed": true }))
}

async fn existing_user(call: &ApiCall<'_>, id: i64) -> Result<accounts::UserView, ApiError> {
    accounts_db::user_by_id(&call.bindings.db, id).await?.ok_or(ApiError::NotFound)
}

fn refuse_self(call: &ApiCall<'_>, id: i64) -> Result<(), ApiError> {
    match call.signed_in()?.principal.user_id == id {
        true => Err(ApiError::Denied(Denied::Forbidden)),
        false => Ok(()),
    }
}
