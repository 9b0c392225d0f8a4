//! The Civic constructor. The editor's logic (`state`) is pure and tested natively;
//! the Yew components and browser I/O only build for wasm32.
#![forbid(unsafe_code)]

pub mod block_tree;
pub mod draft_problems;
pub mod i18n;
pub mod media_choice;
pub mod rich_text_model;
pub mod item_table;
pub mod merge;
pub use civic_shared::pages;
pub mod patch;
pub mod state;
pub mod structure;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod error_words;
#[cfg(target_arch = "wasm32")]
mod views;
#[cfg(target_arch = "wasm32")]
mod canvas_text;
#[cfg(target_arch = "wasm32")]
mod diff;
#[cfg(target_arch = "wasm32")]
mod publish;
#[cfg(target_arch = "wasm32")]
mod page_tree;
#[cfg(target_arch = "wasm32")]
mod compliance_view;
#[cfg(target_arch = "wasm32")]
mod conflict;
#[cfg(target_arch = "wasm32")]
mod dashboard;
#[cfg(target_arch = "wasm32")]
mod domains_view;
#[cfg(target_arch = "wasm32")]
mod migration_view;
#[cfg(target_arch = "wasm32")]
mod site_import_view;
#[cfg(target_arch = "wasm32")]
mod support_view;
#[cfg(target_arch = "wasm32")]
mod visits_view;
#[cfg(target_arch = "wasm32")]
mod backups_view;
#[cfg(target_arch = "wasm32")]
mod job_status;
#[cfg(target_arch = "wasm32")]
mod holidays_panel;
#[cfg(target_arch = "wasm32")]
mod inbox;
#[cfg(target_arch = "wasm32")]
mod appeal_card;
#[cfg(target_arch = "wasm32")]
mod appeal_figures;
#[cfg(target_arch = "wasm32")]
mod support_access;
#[cfg(target_arch = "wasm32")]
mod sveden_form;
#[cfg(target_arch = "wasm32")]
mod command;
#[cfg(target_arch = "wasm32")]
mod audit;
#[cfg(target_arch = "wasm32")]
mod collections;
#[cfg(target_arch = "wasm32")]
mod import_panel;
#[cfg(target_arch = "wasm32")]
mod history;
#[cfg(target_arch = "wasm32")]
mod lang_switch;
#[cfg(target_arch = "wasm32")]
mod login;
#[cfg(target_arch = "wasm32")]
mod media_library;
#[cfg(target_arch = "wasm32")]
mod notice;
#[cfg(target_arch = "wasm32")]
mod outline;
#[cfg(target_arch = "wasm32")]
mod palette;
#[cfg(target_arch = "wasm32")]
mod preview;
#[cfg(target_arch = "wasm32")]
mod properties;
#[cfg(target_arch = "wasm32")]
mod rich_text;
#[cfg(target_arch = "wasm32")]
mod root;
#[cfg(target_arch = "wasm32")]
mod server;
#[cfg(target_arch = "wasm32")]
mod sites;
#[cfg(target_arch = "wasm32")]
mod toolbar;
#[cfg(target_arch = "wasm32")]
mod leave_warning;
#[cfg(target_arch = "wasm32")]
mod local_copy;
#[cfg(target_arch = "wasm32")]
mod tokens;
#[cfg(target_arch = "wasm32")]
mod training_view;
#[cfg(target_arch = "wasm32")]
mod users;
#[cfg(target_arch = "wasm32")]
mod wasm_exports;
