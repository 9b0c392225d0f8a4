//! The baseline half of the wasm size probe: the same parsing as `wasm_size_with_renderer`,
//! no rendering (the result only has to depend on what was parsed).
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn probe(document: &str, collections: &str, a11y_cookie: &str) -> usize {
    let (Ok(site), Ok(data)) = (civic_shared::SiteDocument::from_json(document), serde_json::from_str::<civic_shared::RenderData>(collections)) else {
        return 0;
    };
    site.pages.values().map(|page| page.title.len() + page.blocks.len()).sum::<usize>() + data.news.len() + a11y_cookie.len()
}
