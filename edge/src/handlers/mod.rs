//! The handlers, by resource: the public site (`public/`), the constructor's cookie API
//! (`api/`) and the token API for outside systems (`v1/`). A handler reads what it needs
//! through `http/`, changes storage through `store/`, and imports no sibling handler.

pub mod api;
pub mod public;
pub mod v1;
