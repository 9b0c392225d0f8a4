//! The browser's own "leave this page?" question while edits are not yet on the server.

use gloo_events::{EventListener, EventListenerOptions};
use yew::prelude::*;

/// While `pending` holds, closing or reloading the tab asks first (the edits are also kept
/// in this browser and sent as the tab goes; this is the last line).
#[hook]
pub fn use_leave_warning(pending: bool) {
    let current = use_mut_ref(|| pending);
    *current.borrow_mut() = pending;
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new_with_options(&window, "beforeunload", EventListenerOptions::enable_prevent_default(), move |event| {
                if *current.borrow() {
                    event.prevent_default();
                    // Older engines ask only when `returnValue` is set as well.
                    let _ = js_sys::Reflect::set(event, &"returnValue".into(), &"".into());
                }
            })
        });
        move || drop(listener)
    });
}
