//! HTTP: the routes (as data, with the table of what each needs), and in the worker the
//! responses, body readers, the API call's context and the published site a request is for.

pub mod access;
pub mod routes;
pub mod v1_routes;

#[cfg(target_arch = "wasm32")]
pub(crate) mod body;
#[cfg(target_arch = "wasm32")]
pub(crate) mod call;
#[cfg(target_arch = "wasm32")]
pub(crate) mod published;
#[cfg(target_arch = "wasm32")]
pub(crate) mod responses;
