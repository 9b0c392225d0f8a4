//! What one worker isolate remembers between requests: site pointers and bound hosts for a
//! moment, and the hottest rendered pages. A publish or a collection change in this isolate forgets the
//! site at once; other isolates notice within [`POINTER_TTL_MS`]. Each page they serve is
//! still wholly one revision: a pointer names revision and data version together, and a
//! rendered page is found only under exactly those.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use crate::store::sites::SiteRow;
use crate::store::page_cache::CachedPageMeta;

/// How long a site pointer is trusted without asking D1.
pub const POINTER_TTL_MS: f64 = 1_000.0;
/// Rendered pages kept in memory, and their total size.
const MAX_PAGES: usize = 256;
const MAX_PAGE_BYTES: usize = 24 * 1024 * 1024;

/// A rendered page as served from memory.
pub struct HotPage {
    pub html: String,
    pub meta: CachedPageMeta,
    pub etag: String,
}

#[derive(Default)]
struct Memory {
    pointers: HashMap<String, (f64, Rc<SiteRow>)>,
    /// Bound hosts → slug (or none), read from KV.
    hosts: HashMap<String, (f64, Option<String>)>,
    pages: HashMap<String, Rc<HotPage>>,
    order: VecDeque<String>,
    page_bytes: usize,
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::new(Memory::default());
}

/// The site row of `slug` if it was read less than a moment ago.
pub fn pointer(slug: &str, now_ms: f64) -> Option<Rc<SiteRow>> {
    MEMORY.with(|m| m.borrow().pointers.get(slug).filter(|(at, _)| now_ms - at < POINTER_TTL_MS).map(|(_, row)| row.clone()))
}

pub fn remember_pointer(slug: &str, row: Rc<SiteRow>, now_ms: f64) {
    MEMORY.with(|m| m.borrow_mut().pointers.insert(slug.to_string(), (now_ms, row)));
}

/// Forgets a site's pointer: the next request reads D1 again.
pub fn forget_site(slug: &str) {
    MEMORY.with(|m| m.borrow_mut().pointers.remove(slug));
}

/// The site a bound host was found to serve (or not) less than a moment ago.
pub fn host(host: &str, now_ms: f64) -> Option<Option<String>> {
    MEMORY.with(|m| m.borrow().hosts.get(host).filter(|(at, _)| now_ms - at < POINTER_TTL_MS).map(|(_, slug)| slug.clone()))
}

pub fn remember_host(host: &str, slug: Option<String>, now_ms: f64) {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        // Unknown hosts are remembered too; a flood of made-up names must not grow memory for ever.
        if m.hosts.len() > 4096 {
            m.hosts.clear();
        }
        m.hosts.insert(host.to_string(), (now_ms, slug));
    });
}

/// Forgets what a host routes to: the next request reads KV again.
pub fn forget_host(host: &str) {
    MEMORY.with(|m| m.borrow_mut().hosts.remove(host));
}

pub fn page(key: &str) -> Option<Rc<HotPage>> {
    MEMORY.with(|m| m.borrow().pages.get(key).cloned())
}

/// Keeps a rendered page, dropping the oldest ones beyond the limits.
pub fn remember_page(key: &str, page: HotPage) -> Rc<HotPage> {
    let page = Rc::new(page);
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if m.pages.contains_key(key) {
            return;
        }
        m.page_bytes += page.html.len();
        m.pages.insert(key.to_string(), page.clone());
        m.order.push_back(key.to_string());
        while m.pages.len() > MAX_PAGES || m.page_bytes > MAX_PAGE_BYTES {
            let Some(oldest) = m.order.pop_front() else { break };
            if let Some(dropped) = m.pages.remove(&oldest) {
                m.page_bytes -= dropped.html.len();
            }
        }
    });
    page
}
