//! A site's collections (news, events, documents…): list, create, reorder, import, change,
//! delete; and the data its pages render with.

use civic_shared::collection_items::Collection;
use serde_json::json;
use serde_json::value::RawValue;
use worker::Response;

use crate::api::{self, ApiError};
use crate::http::body::{bad, with_new_id};
use crate::http::call::ApiCall;
use crate::http::responses::{json_with_status, ok};
use crate::store::collections as collections_db;
use crate::store::sites::SiteRow;

pub async fn data(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    ok(&collections_db::render_data(&call.bindings.db, &call.bindings.docs, site.id).await?)
}

pub async fn list(call: &mut ApiCall<'_>, site: &SiteRow, collection: Collection) -> Result<Response, ApiError> {
    ok(&json!({ "items": collections_db::list(&call.bindings.db, site.id, collection).await? }))
}

pub async fn create(call: &mut ApiCall<'_>, site: &SiteRow, collection: Collection) -> Result<Response, ApiError> {
    let body = call.body().await?;
    let mut item = api::parse_item(collection, &body)?;
    if item.id.is_empty() {
        item = with_new_id(collection, item)?;
    }
    collections_db::create(&call.bindings.db, site.id, collection, &item, &call.actor()).await?;
    json_with_status(201, &json!({ "revision": 1, "item": RawValue::from_string(item.json)? }))
}

pub async fn reorder(call: &mut ApiCall<'_>, site: &SiteRow, collection: Collection) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Order {
        order: Vec<String>,
    }
    let order: Order = call.json().await?;
    collections_db::reorder(&call.bindings.db, site.id, collection, &order.order, &call.actor()).await?;
    list(call, site, collection).await
}

pub async fn import(call: &mut ApiCall<'_>, site: &SiteRow, collection: Collection) -> Result<Response, ApiError> {
    let body = call.body().await?;
    let (items, dry_run) = api::parse_import(collection, &body)?;
    let items = items.into_iter().map(|item| if item.id.is_empty() { with_new_id(collection, item) } else { Ok(item) });
    let items = items.collect::<Result<Vec<_>, _>>()?;
    let counts = collections_db::import(&call.bindings.db, site.id, collection, &items, dry_run, &call.actor()).await?;
    ok(&json!({ "dry_run": dry_run, "created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged }))
}

pub async fn delete(call: &mut ApiCall<'_>, site: &SiteRow, collection: Collection, id: &str) -> Result<Response, ApiError> {
    collections_db::delete(&call.bindings.db, site.id, collection, id, &call.actor()).await?;
    ok(&json!({ "deleted": id }))
}

pub async fn update(call: &mut ApiCall<'_>, site: &SiteRow, collection: Collection, id: &str) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Save {
        revision: i64,
        item: Box<RawValue>,
    }
    let save: Save = call.json().await?;
    let item = api::parse_item(collection, save.item.get())?;
    if item.id != id {
        return Err(bad("item.id", "номер записи в адресе и в теле запроса не совпадают"));
    }
    let revision = collections_db::update(&call.bindings.db, site.id, collection, &item, save.revision, &call.actor()).await?;
    ok(&json!({ "revision": revision, "item": RawValue::from_string(item.json)? }))
}
