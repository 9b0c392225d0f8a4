//! Civic's renderer: a site document and a page in, a complete HTML5 page out.
//!
//! Pure and deterministic: the constructor (wasm32, preview) and the edge worker
//! (public pages) call the same functions and get the same bytes.
#![forbid(unsafe_code)]

mod appeal_pages;
mod block_style;
pub mod accessible;
mod blocks;
pub mod escape;
mod format;
mod feeds;
mod layout;
pub mod migration;
mod outline;
mod seo;
mod style;
mod texts;

use civic_shared::{Page, RenderData, SiteDocument};

pub use appeal_pages::{render_appeal_receipt, render_appeal_status, render_comment_received, render_vote_page, AppealStatus, Receipt, StatusLookup, VoteOutcome};
pub use blocks::render_block;
pub use blocks::text::write_runs;
pub use feeds::{render_robots, render_rss, render_sitemap};
pub use accessible::A11ySettings;
pub use layout::{render_not_found, render_page, render_search_page};

/// The site's search page, directly under the site: `<base>/poisk?q=…`.
pub const SEARCH_ROUTE: &str = "poisk";
/// Where appeal forms post (`<base>/_obrashcheniya`), and the status page under it
/// (`<base>/_obrashcheniya/status`): no page slug starts with `_`.
pub const APPEAL_ROUTE: &str = "_obrashcheniya";
/// Where a discussion's comment form posts: `<base>/_obsuzhdenie`.
pub const COMMENT_ROUTE: &str = "_obsuzhdenie";
/// Where a poll's form posts: `<base>/_opros/<poll id>`.
pub const POLL_ROUTE: &str = "_opros";
/// The platform's sign-in page, for polls only signed-in staff may vote in.
pub const LOGIN_PATH: &str = "/admin/";
pub use seo::{parse_contacts, Contacts};
pub use style::inline_style;

/// Everything a render needs, in one place.
#[derive(Clone, Copy, Debug)]
pub struct RenderContext<'a> {
    /// The site document (published revision, or the draft in the preview).
    pub site: &'a SiteDocument,
    /// Id of the page in `site.pages`.
    pub page_id: &'a str,
    /// The page itself.
    pub page: &'a Page,
    /// Collections for data blocks (news, documents…); empty in the foundation's demo.
    pub data: &'a RenderData,
    /// How to render.
    pub options: RenderOptions<'a>,
}

/// How a page is rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions<'a> {
    /// Path prefix of the site's pages: `/s/<slug>` locally, empty on the site's own host.
    pub base_path: &'a str,
    /// Scheme and host the site is served at (`https://mincifra.civic.localhost`,
    /// `http://127.0.0.1:8787`), no trailing slash: canonical, Open Graph and feed URLs must be
    /// absolute. Empty (the preview) leaves them relative to the host.
    pub origin: &'a str,
    /// Public page or constructor preview.
    pub mode: Mode<'a>,
    /// The visitor's settings when the accessible version is on; `None` for the usual version.
    pub accessible: Option<A11ySettings>,
    /// An appeal form sent back with problems: what was typed and what to fix.
    pub appeal: Option<&'a AppealFormState>,
    /// Today, `YYYY-MM-DD`, for what depends on the date (is a discussion open?); empty in the
    /// preview, where everything shows as if open.
    pub today: &'a str,
}

/// An appeal form as it was posted, and its problems by field, to show it again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppealFormState {
    /// The page and the form block it was sent from.
    pub page: String,
    pub form: String,
    /// `name=value` pairs as posted.
    pub values: Vec<(String, String)>,
    /// (field name, message).
    pub problems: Vec<(String, String)>,
}

impl RenderOptions<'_> {
    /// Whether pictures give way to their text alternatives (accessible version, images off).
    pub fn images_off(&self) -> bool {
        self.accessible.is_some_and(|a| a.images == accessible::Images::Off)
    }
}

/// Public output, or the constructor's preview with block ids and the selection marked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode<'a> {
    /// What visitors get.
    #[default]
    Public,
    /// The constructor's canvas.
    Preview {
        /// Id of the selected block, outlined in the preview.
        selected: Option<&'a str>,
    },
}

impl<'a> RenderContext<'a> {
    /// A context for the page with the given id, if it exists.
    pub fn for_page(site: &'a SiteDocument, page_id: &'a str, data: &'a RenderData, options: RenderOptions<'a>) -> Option<Self> {
        let page = site.pages.get(page_id)?;
        Some(Self { site, page_id, page, data, options })
    }
}

/// Appends the address of a page on this host, each part through `esc`: `<base_path>/` for the
/// home page, `<base_path>/<parent slug>/…/<slug>` for the others. A page whose chain of
/// parents is broken (validation refuses that) gets the site's root.
pub(crate) fn push_page_path(site: &SiteDocument, page_id: &str, base_path: &str, esc: fn(&mut String, &str), out: &mut String) {
    esc(out, base_path);
    out.push('/');
    for (i, slug) in site.page_slugs(page_id).unwrap_or_default().into_iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        esc(out, slug);
    }
}

/// Renders a page into a new string (the edge and the preview both use this).
pub fn render_to_string(ctx: &RenderContext) -> String {
    let mut out = String::with_capacity(16 * 1024);
    render_page(ctx, &mut out);
    out
}
