//! A site's comments on its draft documents: the moderation queue and the decision.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::comments as comments_db;
use crate::store::sites::SiteRow;

pub async fn queue(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let all = call.flag("all")?;
    ok(&json!({ "comments": comments_db::queue(&call.bindings.db, site.id, all).await? }))
}

pub async fn moderate(call: &mut ApiCall<'_>, site: &SiteRow, id: i64) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Moderation {
        publish: bool,
    }
    let moderation: Moderation = call.json().await?;
    comments_db::moderate(&call.bindings.db, site.id, id, moderation.publish, &call.actor()).await?;
    ok(&json!({ "id": id, "published": moderation.publish }))
}
