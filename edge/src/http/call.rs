//! One request of the constructor's API on its way to its handler: the request, the storage
//! bindings, who sent it and when. Every handler of `handlers/api/` takes it.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use worker::{Env, Request};

use crate::api::ApiError;
use crate::http::body::{read_body, read_json};
use crate::store::accounts::{Actor, Session};
use crate::store::Bindings;

pub(crate) struct ApiCall<'a> {
    pub request: Request,
    pub env: &'a Env,
    pub bindings: Bindings,
    /// The sender's address (`cf-connecting-ip`), for rate limits and the audit log.
    pub ip: String,
    /// Unix seconds.
    pub now: i64,
    /// The signed-in session; `None` only for signing in.
    pub session: Option<Session>,
    /// The hash of the session's token (what signing out ends).
    pub token_hash: String,
}

impl ApiCall<'_> {
    /// The session, for handlers behind the session check (all but signing in).
    pub fn signed_in(&self) -> Result<&Session, ApiError> {
        self.session.as_ref().ok_or(ApiError::Unauthenticated)
    }

    /// Who acts, for the audit log.
    pub fn actor(&self) -> Actor<'_> {
        let principal = self.session.as_ref().map(|s| &s.principal);
        Actor { user_id: principal.map(|p| p.user_id), login: principal.map_or("", |p| p.login.as_str()), ip: &self.ip }
    }

    /// The body as `T`, up to the API's cap.
    pub async fn json<T: DeserializeOwned>(&mut self) -> Result<T, ApiError> {
        read_json(&mut self.request, crate::api::MAX_BODY_BYTES).await
    }

    /// The body as `T`, up to `cap` bytes.
    pub async fn json_within<T: DeserializeOwned>(&mut self, cap: usize) -> Result<T, ApiError> {
        read_json(&mut self.request, cap).await
    }

    /// The body as text, bounded.
    pub async fn body(&mut self) -> Result<String, ApiError> {
        read_body(&mut self.request).await
    }

    /// The query's parameters by name (the last of a repeated one).
    pub fn query(&self) -> Result<HashMap<String, String>, ApiError> {
        Ok(self.request.url()?.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
    }

    /// Whether the query names `flag` (`?all`, `?opened`).
    pub fn flag(&self, flag: &str) -> Result<bool, ApiError> {
        Ok(self.request.url()?.query_pairs().any(|(name, _)| name == flag))
    }

    /// The declared `Content-Length`, if any.
    pub fn declared_length(&self) -> Option<usize> {
        self.request.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok())
    }

    /// The platform's own domain (`PLATFORM_DOMAIN`), `""` if unset.
    pub fn platform_domain(&self) -> String {
        platform_domain(self.env)
    }
}

/// The platform's own domain (`PLATFORM_DOMAIN`), `""` if unset.
pub(crate) fn platform_domain(env: &Env) -> String {
    env.var("PLATFORM_DOMAIN").map(|v| v.to_string()).unwrap_or_default()
}
