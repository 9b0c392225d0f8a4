//! Stamps the worker with a fingerprint of the code that renders pages, so rendered pages
//! cached in KV by an older build are never served by a newer one (the cache key includes it).

use std::fs;
use std::path::Path;

const RENDERING_SOURCES: &[&str] = &["../shared/src", "../renderer/src"];

fn main() {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for dir in RENDERING_SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        let mut files = Vec::new();
        collect(Path::new(dir), &mut files);
        files.sort();
        for file in files {
            for byte in fs::read(&file).unwrap_or_default() {
                // FNV-1a: enough to tell builds apart, no dependency needed.
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    println!("cargo:rustc-env=CIVIC_RENDER_ID={hash:016x}");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
