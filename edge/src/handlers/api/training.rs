//! The signed-in user's progress in the course.

use worker::Response;

use crate::api::ApiError;
use crate::http::call::ApiCall;
use crate::http::responses::ok;
use crate::store::training as training_db;

pub async fn own(call: &mut ApiCall<'_>) -> Result<Response, ApiError> {
    ok(&training_db::own(&call.bindings.db, call.signed_in()?.principal.user_id).await?)
}
