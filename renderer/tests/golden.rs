//! Golden snapshots of the demo site. The wasm build is checked against the same files
//! (tests/e2e/parity.test.mjs), which proves native and wasm32 give the same bytes.
//! To accept an intended change: `UPDATE_GOLDEN=1 cargo test -p civic-renderer --test golden`.

use std::path::PathBuf;

use civic_renderer::{render_to_string, A11ySettings, RenderContext, RenderOptions};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/golden")
}

/// Pages of the other demo sites that have snapshots: the home page and what is particular to
/// the organisation kind (the ministry has every page snapshotted).
const OTHER_DEMO_PAGES: [(&str, &[&str]); 3] = [
    ("kasimov", &["home", "general", "structure"]),
    ("school7", &["home", "sveden", "sveden-common", "sveden-paid_edu"]),
    ("gb4", &["home", "info", "guarantees"]),
];

#[test]
fn demo_pages_match_their_snapshots() {
    let doc = civic_shared::demo::ministry();
    let ministry_pages: Vec<&str> = doc.pages.keys().map(String::as_str).collect();
    let mut mismatched = Vec::new();
    for (slug, pages) in [("mincifra", ministry_pages.as_slice())].into_iter().chain(OTHER_DEMO_PAGES) {
        let site = civic_shared::demo::site(slug).unwrap();
        let (doc, data) = (site.document(), site.data());
        // The demo as `scripts/demo.sh` serves it; parity.test.mjs passes the same base and origin.
        let base_path = format!("/s/{slug}");
        let options = RenderOptions { base_path: &base_path, origin: "http://127.0.0.1:8787", ..RenderOptions::default() };
        for page_id in pages {
            let ctx = RenderContext::for_page(&doc, page_id, &data, options).unwrap();
            check(&render_to_string(&ctx), &format!("{slug}-{page_id}.html"), &mut mismatched);
        }
    }
    assert!(mismatched.is_empty(), "rendered pages differ from snapshots: {mismatched:?}");
}

/// The accessible version with every setting away from its default (white on black, 200 %,
/// serif, wide spacing, pictures off). Checked natively only: the parity test covers the frame.
#[test]
fn accessible_home_matches_its_snapshot() {
    let doc = civic_shared::demo::ministry();
    let data = civic_shared::demo::ministry_data();
    let accessible = Some(A11ySettings::parse("z4f1l1h1c1i1"));
    let options = RenderOptions { base_path: "/s/mincifra", origin: "http://127.0.0.1:8787", accessible, ..RenderOptions::default() };
    let ctx = RenderContext::for_page(&doc, "home", &data, options).unwrap();
    let mut mismatched = Vec::new();
    check(&render_to_string(&ctx), "accessible-mincifra-home.html", &mut mismatched);
    assert!(mismatched.is_empty(), "rendered page differs from its snapshot: {mismatched:?}");
}

fn check(html: &str, name: &str, mismatched: &mut Vec<String>) {
    let file = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&file, html).unwrap();
        return;
    }
    if std::fs::read_to_string(&file).unwrap_or_default() != html {
        mismatched.push(file.display().to_string());
    }
}
