//! Civic's edge worker. The pure parts (routing, API bodies, security headers, SEO inputs) are plain
//! modules tested on the host; the worker shell that does I/O only builds for wasm32.
#![forbid(unsafe_code)]

pub mod accessible;
pub mod accounts;
pub mod api;
pub mod authz;
pub mod http;
pub mod idempotency;
pub mod media;
pub mod openapi;
pub mod pagination;
pub mod problem;
pub mod security;
pub mod seo;
pub mod tokens;

#[cfg(target_arch = "wasm32")]
mod crypto;
#[cfg(target_arch = "wasm32")]
mod entry;
#[cfg(target_arch = "wasm32")]
mod handlers;
#[cfg(target_arch = "wasm32")]
pub mod store;
