//! The canvas: the page exactly as visitors will see it, rendered by the shared renderer.

use yew::prelude::*;

use crate::i18n::texts;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub html: String,
}

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    // No scripts run in the preview (the sandbox has no allow-scripts); same-origin only
    // lets relative image paths load as they will on the public site.
    html! {
        <main class="canvas" aria-label={texts().preview}>
            <iframe class="preview" title={texts().preview} sandbox="allow-same-origin" srcdoc={props.html.clone()} />
        </main>
    }
}
