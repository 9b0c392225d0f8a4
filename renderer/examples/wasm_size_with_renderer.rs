//! Half of the wasm size probe (see `BENCHMARKS.md`): the document and its collections are
//! parsed and every page, the 404, the sitemap, robots.txt and the RSS feed are rendered, as in
//! the edge worker. `wasm_size_without_renderer` parses the same and renders nothing; the
//! difference of the two optimised, gzipped wasm files is the renderer's share.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn probe(document: &str, collections: &str, a11y_cookie: &str) -> usize {
    use civic_renderer::*;
    let (Ok(site), Ok(data)) = (civic_shared::SiteDocument::from_json(document), serde_json::from_str::<civic_shared::RenderData>(collections)) else {
        return 0;
    };
    let options = RenderOptions { accessible: Some(A11ySettings::parse(a11y_cookie)), ..Default::default() };
    let mut out = String::new();
    for id in site.pages.keys() {
        if let Some(ctx) = RenderContext::for_page(&site, id, &data, options) {
            out.push_str(&render_to_string(&ctx));
        }
    }
    render_not_found(Some(&site), &options, &mut out);
    render_sitemap(&site, &options, None, &mut out);
    render_robots(&options, &mut out);
    render_rss(&site, &data.news, &options, &mut out);
    out.len()
}
