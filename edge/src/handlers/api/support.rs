//! Support tickets (every site's, one site's, one ticket) and the calendar of days off their
//! deadlines count with.

use serde_json::json;
use worker::Response;

use crate::api::ApiError;
use crate::authz::{authorize, Action};
use crate::http::body::bad;
use crate::http::call::ApiCall;
use crate::http::responses::{json_with_status, ok};
use crate::store::sites::SiteRow;
use crate::store::support as support_db;
use crate::store::today;

pub async fn all_tickets(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&json!({ "tickets": support_db::list(&call.bindings.db, None).await? }))
}

pub async fn site_tickets(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    ok(&json!({ "tickets": support_db::list(&call.bindings.db, Some(site.id)).await? }))
}

pub async fn create(call: &mut ApiCall<'_>, site: &SiteRow) -> Result<Response, ApiError> {
    let new: civic_shared::support::NewTicket = call.json().await?;
    json_with_status(201, &json!({ "ticket": support_db::create(&call.bindings.db, site.id, &new, &call.actor()).await? }))
}

pub async fn ticket(call: &mut ApiCall<'_>, site: &SiteRow, id: i64) -> Result<Response, ApiError> {
    ok(&json!({ "ticket": support_db::detail(&call.bindings.db, site.id, id).await? }))
}

pub async fn change(call: &mut ApiCall<'_>, site: &SiteRow, id: i64) -> Result<Response, ApiError> {
    let change: civic_shared::support::Change = call.json().await?;
    // Taking, resolving and moving deadlines are the administrator's (the one table says who).
    let handles = authorize(&call.signed_in()?.principal, Action::HandleTickets, None).is_ok();
    ok(&json!({ "ticket": support_db::change(&call.bindings.db, site.id, id, &change, handles, &call.actor()).await? }))
}

/// `PUT /api/holidays` with `{"year", "days": [{"day", "name"}]}` replaces that year's days off.
pub async fn set_holidays(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Year {
        year: i64,
        days: Vec<civic_shared::support::Holiday>,
    }
    let body: Year = call.json().await?;
    if !(2000..=2100).contains(&body.year) {
        return Err(bad("year", "год от 2000 до 2100"));
    }
    let days = support_db::set_holidays(&call.bindings.db, body.year, &body.days, &call.actor()).await?;
    ok(&json!({ "year": body.year, "days": days }))
}

/// `GET /api/holidays?year=`: that year's days off (this year's by default).
pub async fn holidays(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    let url = call.request.url()?;
    let asked = url.query_pairs().find(|(name, _)| name == "year").map(|(_, v)| v.parse::<i64>());
    let year = match asked {
        Some(Ok(year)) if (2000..=2100).contains(&year) => year,
        Some(_) => return Err(bad("year", "год от 2000 до 2100")),
        None => today().get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026),
    };
    ok(&json!({ "year": year, "days": support_db::holidays_of(&call.bindings.db, year).await? }))
}
