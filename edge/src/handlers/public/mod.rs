//! What visitors of a published site get: its pages and files, and the forms they send
//! (appeals, comments, votes) with no script needed.

pub mod appeals;
pub mod comments;
pub mod media;
pub mod pages;
pub mod polls;
