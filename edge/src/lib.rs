//! Civic's edge worker. The pure parts (routing, API bodies, security headers, SEO inputs) are plain
//! modules tested on the host; the worker shell that does I/O only builds for wasm32.
//!
//! Two workers are built from this crate: the public one (feature `public`, the default: the
//! fetch and cron handlers, `worker_entry`) and the jobs worker (`jobs/`, which turns on
//! `jobs`: the heavy work of `crate::jobs`, with the ZIP writer and the HTML parser it needs).
#![forbid(unsafe_code)]
// The jobs worker links the handlers too but never calls them.
#![cfg_attr(not(feature = "public"), allow(dead_code, unused_imports))]

pub mod accessible;
pub mod accounts;
pub mod api;
pub mod api_v1_routes;
pub mod authz;
pub mod idempotency;
pub mod media;
pub mod openapi;
pub mod pagination;
pub mod problem;
pub mod routing;
pub mod security;
pub mod seo;
pub mod tokens;

#[cfg(target_arch = "wasm32")]
mod accounts_store;
#[cfg(target_arch = "wasm32")]
mod api_entry;
#[cfg(target_arch = "wasm32")]
mod appeals_entry;
#[cfg(target_arch = "wasm32")]
mod appeals_store;
#[cfg(target_arch = "wasm32")]
mod api_v1_entry;
#[cfg(target_arch = "wasm32")]
mod backup_store;
#[cfg(target_arch = "wasm32")]
mod collections_store;
#[cfg(target_arch = "wasm32")]
mod comments_entry;
#[cfg(target_arch = "wasm32")]
mod compliance_store;
#[cfg(target_arch = "wasm32")]
mod domains_store;
#[cfg(target_arch = "wasm32")]
mod crypto;
#[cfg(target_arch = "wasm32")]
mod hot_cache;
#[cfg(all(target_arch = "wasm32", feature = "jobs"))]
pub mod jobs;
#[cfg(target_arch = "wasm32")]
mod jobs_store;
#[cfg(target_arch = "wasm32")]
mod media_api;
#[cfg(target_arch = "wasm32")]
mod media_store;
#[cfg(target_arch = "wasm32")]
mod migration_store;
#[cfg(target_arch = "wasm32")]
mod polls_entry;
#[cfg(target_arch = "wasm32")]
mod search_store;
#[cfg(target_arch = "wasm32")]
mod site_import;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod support_store;
#[cfg(target_arch = "wasm32")]
mod tokens_store;
#[cfg(target_arch = "wasm32")]
mod training_store;
#[cfg(target_arch = "wasm32")]
mod visits_store;
#[cfg(target_arch = "wasm32")]
mod worker_entry;
