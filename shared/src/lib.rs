//! The Civic site document: what the constructor saves, what the renderer reads.
//!
//! Pure: no I/O, no clock. Both the browser (constructor) and the edge worker use it.
#![forbid(unsafe_code)]

pub mod collections;
pub mod demo;
pub mod document;
pub mod messages;
pub mod validate;

pub use document::{
    Block, Heading, Image, OrgKind, Page, Paragraph, Section, SiteDocument, SiteMeta, TextRun,
    Theme, ThemeFont, SCHEMA_VERSION,
};
pub use collections::RenderData;
pub use messages::Lang;
pub use validate::{validate, Problem, ProblemKind};
