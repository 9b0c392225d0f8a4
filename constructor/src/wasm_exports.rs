//! Functions the page's script calls: start the app, and render a page (the parity test).

use wasm_bindgen::prelude::*;

/// Mounts the constructor into `<body>`, in the language this browser chose.
#[wasm_bindgen]
pub fn run_app() {
    crate::lang_switch::start();
    yew::Renderer::<crate::root::Root>::new().render();
}

/// Renders a page of a document given as JSON, exactly as the edge does for visitors.
/// The native/wasm parity test compares this with the native golden files.
#[wasm_bindgen]
pub fn render_public_page(document_json: &str, data_json: &str, page_id: &str, base_path: &str, origin: &str) -> Result<String, JsError> {
    let document = civic_shared::SiteDocument::from_trusted_json(document_json).map_err(|e| JsError::new(&e.to_string()))?;
    let options = civic_renderer::RenderOptions { base_path, origin, ..Default::default() };
    let data: civic_shared::RenderData = serde_json::from_str(data_json).map_err(|e| JsError::new(&e.to_string()))?;
    let ctx = civic_renderer::RenderContext::for_page(&document, page_id, &data, options)
        .ok_or_else(|| JsError::new("no such page"))?;
    Ok(civic_renderer::render_to_string(&ctx))
}
