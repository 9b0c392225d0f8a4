//! What the law requires each kind of official site to publish, and a checker that compares a
//! site with it.

pub mod sveden;
