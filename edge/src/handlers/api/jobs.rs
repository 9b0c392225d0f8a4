//! A queued job (a backup, a restore, an import) and how far it got.

use civic_shared::jobs::Queued;
use worker::Response;

use crate::api::ApiError;
use crate::authz::{authorize, job_action};
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::jobs as jobs_db;

/// `GET /api/jobs/<id>`: whoever may do what the job does may follow it; to anyone else it
/// does not exist.
pub async fn get(call: &mut ApiCall<'_>, id: i64) -> Result<Response, ApiError> {
    let (site_id, job) = jobs_db::get(&call.bindings.db, id).await?.ok_or(ApiError::NotFound)?;
    let session = call.signed_in()?;
    authorize(&session.principal, job_action(job.kind), site_id).map_err(|_| ApiError::NotFound)?;
    ok(&Queued { job })
}
