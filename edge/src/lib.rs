//! Civic's edge worker. The pure parts (routing, API bodies, security headers, SEO inputs) are plain
//! modules tested on the host; the worker shell that does I/O only builds for wasm32.
//!
//! Two workers are built from this crate: the public one (feature `public`, the default: the
//! fetch and cron handlers, `entry`) and the jobs worker (`jobs/`, which turns on
//! `jobs`: the heavy work of `crate::jobs`, with the ZIP writer and the HTML parser it needs).
#![forbid(unsafe_code)]
// The jobs worker links the handlers too but never calls them.
#![cfg_attr(not(feature = "public"), allow(dead_code, unused_imports))]

pub mod accessible;
pub mod accounts;
pub mod api;
pub mod authz;
pub mod bounded_body;
pub mod http;
pub mod idempotency;
pub mod media;
pub mod openapi;
pub mod pagination;
pub mod problem;
pub mod rate_limit;
pub mod security;
pub mod seo;
pub mod tokens;

#[cfg(target_arch = "wasm32")]
mod crypto;
#[cfg(target_arch = "wasm32")]
mod entry;
#[cfg(all(target_arch = "wasm32", feature = "jobs"))]
pub mod jobs;
#[cfg(target_arch = "wasm32")]
mod handlers;
#[cfg(target_arch = "wasm32")]
pub mod store;
