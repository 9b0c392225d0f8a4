//! What a request needs before its handler runs, as both APIs' route tables say it.

use crate::authz::Action;

/// What a request needs before its handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Nothing: signing in.
    Anyone,
    /// A session, and nothing more: signing out, one's own account.
    SignedIn,
    /// A session allowed to do this action (on the route's site, if it names one).
    Act(Action),
}

/// Why a method and endpoint do not go together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoAccess {
    /// Unknown endpoint.
    NotFound,
    /// Known endpoint, other methods.
    MethodNotAllowed,
}
