//! The Civic site document: what the constructor saves, what the renderer reads.
//!
//! Pure: no I/O, no clock. Both the browser (constructor) and the edge worker use it.
#![forbid(unsafe_code)]

pub mod appeals;
pub mod backup;
pub mod blocks;
pub mod collection_items;
pub mod collections;
pub mod compliance;
pub mod demo;
pub mod document;
pub mod domains;
#[cfg(feature = "import")]
pub mod import;
#[cfg(feature = "json-schema")]
pub mod json_schema;
pub mod jobs;
pub mod json_numbers;
pub mod messages;
pub mod migration;
pub mod migrate;
pub mod pages;
pub mod polls;
pub mod schema;
pub mod search;
pub mod site_import;
pub mod support;
pub mod templates;
#[cfg(any(feature = "import", feature = "site-import"))]
mod text_file;
pub mod training;
pub mod validate;
pub mod visits;
mod zip;

pub use blocks::*;
pub use collections::RenderData;
pub use document::{OrgKind, Page, ParseError, SiteDocument, SiteMeta, Theme, ThemeFont, SCHEMA_VERSION};
pub use messages::Lang;
pub use templates::starter;
pub use validate::{validate, Problem, ProblemKind};
