//! The page frame: head, header with the menu, main, footer.

use civic_shared::search::{EntryKind, Hit};
use civic_shared::SiteDocument;

use crate::accessible::{self, SettingsLinks};
use crate::blocks::render_blocks;
use crate::escape;
use crate::seo;
use crate::style::inline_style;
use crate::{A11ySettings, RenderContext, RenderOptions};

/// Interface strings of public pages. Russian: public sites are in Russian.
mod text {
    pub const SKIP: &str = "Перейти к содержимому";
    pub const MENU: &str = "Основное меню";
    pub const FOOTER_MENU: &str = "Ссылки в подвале сайта";
    pub const NOT_FOUND_TITLE: &str = "Страница не найдена";
    pub const NOT_FOUND_BODY: &str = "Такой страницы нет. Возможно, она была перемещена или адрес набран с ошибкой.";
    pub const TO_HOME: &str = "Перейти на главную страницу";
    pub const SEARCH_TITLE: &str = "Поиск по сайту";
    pub const SEARCH_EMPTY_QUERY: &str = "Введите одно или несколько слов и нажмите «Найти».";
    pub const SEARCH_FOUND: &str = "Найдено результатов:";
    pub const SEARCH_NOTHING: &str = "Ничего не найдено. Проверьте написание или попробуйте другие слова.";
    pub const KIND_PAGE: &str = "Страница";
    pub const KIND_NEWS: &str = "Новость";
    pub const KIND_DOCUMENT: &str = "Документ";
    pub const PLATFORM: &str = "Civic — платформа официальных сайтов";
}

/// Appends a complete HTML5 page for `ctx.page`.
pub fn render_page(ctx: &RenderContext, out: &mut String) {
    let base_path = ctx.options.base_path;
    // Unescaped here: the settings links escape it on output.
    let mut back = String::with_capacity(base_path.len() + 64);
    crate::push_page_path(ctx.site, ctx.page_id, base_path, String::push_str, &mut back);
    let links = SettingsLinks { base_path, back: &back };
    head(ctx.site, base_path, &ctx.page.title, Some(ctx), ctx.options.accessible.as_ref(), out);
    let access = Access::of_site(&links, ctx.options.accessible.as_ref());
    header(ctx.site, base_path, Some(ctx.page_id), access, out);
    out.push_str("<main id=\"content\" tabindex=\"-1\"><div class=\"wrap\">\n<h1>");
    escape::text(out, &ctx.page.title);
    out.push_str("</h1>\n");
    render_blocks(ctx, &ctx.page.blocks, out);
    out.push_str("</div></main>\n");
    footer(ctx.site, base_path, out);
}

/// Appends a 404 page: in the site's own frame when the site is known, else the platform's
/// (which has no accessible version: its settings route belongs to a site).
pub fn render_not_found(site: Option<&SiteDocument>, options: &RenderOptions, out: &mut String) {
    let base_path = options.base_path;
    let is_site = site.is_some();
    let fallback;
    let (site, accessible) = match site {
        Some(site) => (site, options.accessible.as_ref()),
        None => {
            fallback = platform_site();
            (&fallback, None)
        }
    };
    // The missing page has no address of its own to come back to; the home page does.
    let mut back = String::with_capacity(base_path.len() + 1);
    back.push_str(base_path);
    back.push('/');
    let links = SettingsLinks { base_path, back: &back };
    let access = if is_site { Access::of_site(&links, accessible) } else { Access::Unavailable };
    head(site, base_path, text::NOT_FOUND_TITLE, None, accessible, out);
    header(site, base_path, None, access, out);
    out.push_str("<main id=\"content\" tabindex=\"-1\"><div class=\"wrap not-found\">\n<h1>");
    out.push_str(text::NOT_FOUND_TITLE);
    out.push_str("</h1>\n<p>");
    out.push_str(text::NOT_FOUND_BODY);
    out.push_str("</p>\n<p><a href=\"");
    escape::attr(out, base_path);
    out.push_str("/\">");
    out.push_str(text::TO_HOME);
    out.push_str("</a></p>\n</div></main>\n");
    footer(site, base_path, out);
}

/// The site's search page (`<base>/poisk?q=…`): the form with what was typed, and the
/// results (`None` when nothing was asked). A plain GET form: no JavaScript needed.
pub fn render_search_page(site: &SiteDocument, options: &RenderOptions, query: &str, hits: Option<&[Hit]>, out: &mut String) {
    let base_path = options.base_path;
    let accessible = options.accessible.as_ref();
    let mut back = String::with_capacity(base_path.len() + 8);
    back.push_str(base_path);
    back.push('/');
    back.push_str(crate::SEARCH_ROUTE);
    let links = SettingsLinks { base_path, back: &back };
    head(site, base_path, text::SEARCH_TITLE, None, accessible, out);
    header(site, base_path, None, Access::of_site(&links, accessible), out);
    out.push_str("<main id=\"content\" tabindex=\"-1\"><div class=\"wrap search-page\">\n<h1>");
    out.push_str(text::SEARCH_TITLE);
    out.push_str("</h1>\n<form class=\"search-box\" role=\"search\" method=\"get\" action=\"");
    escape::attr(out, &back);
    out.push_str("\"><label for=\"search-q\">");
    out.push_str(crate::texts::SEARCH_LABEL);
    out.push_str("</label><input type=\"search\" name=\"q\" id=\"search-q\" value=\"");
    escape::attr(out, query);
    out.push_str("\"> <button type=\"submit\">");
    out.push_str(crate::texts::SEARCH_BUTTON);
    out.push_str("</button></form>\n");
    match hits {
        None => {
            out.push_str("<p>");
            out.push_str(text::SEARCH_EMPTY_QUERY);
            out.push_str("</p>\n");
        }
        Some([]) => {
            out.push_str("<p role=\"status\">");
            out.push_str(text::SEARCH_NOTHING);
            out.push_str("</p>\n");
        }
        Some(hits) => {
            out.push_str("<p role=\"status\">");
            out.push_str(text::SEARCH_FOUND);
            out.push(' ');
            out.push_str(&hits.len().to_string());
            out.push_str("</p>\n<ol class=\"search-results\">\n");
            for hit in hits {
                out.push_str("<li><a");
                if hit.path.is_empty() {
                    out.push_str(" href=\"");
                    escape::attr(out, base_path);
                    out.push_str("/\"");
                } else {
                    escape::site_url_attr(out, "href", &hit.path, base_path, civic_shared::validate::is_link);
                }
                out.push('>');
                escape::text(out, &hit.title);
                out.push_str("</a> <span class=\"search-kind\">(");
                out.push_str(match hit.kind {
                    EntryKind::Page => text::KIND_PAGE,
                    EntryKind::News => text::KIND_NEWS,
                    EntryKind::Document => text::KIND_DOCUMENT,
                });
                out.push_str(")</span>");
                if !hit.snippet.is_empty() {
                    out.push_str("<p>");
                    escape::text(out, &hit.snippet);
                    out.push_str("</p>");
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
        }
    }
    out.push_str("</div></main>\n");
    footer(site, base_path, out);
}

/// The frame used when no site matches the address.
fn platform_site() -> SiteDocument {
    SiteDocument {
        schema_version: civic_shared::SCHEMA_VERSION,
        site: civic_shared::SiteMeta {
            name: text::PLATFORM.into(),
            kind: civic_shared::OrgKind::ExecutiveBody,
            tagline: String::new(),
            contacts: String::new(),
        },
        theme: civic_shared::Theme::platform(),
        pages: Default::default(),
    }
}

/// `page` is `None` for the 404 page: it has no address of its own to describe to crawlers.
fn head(site: &SiteDocument, base_path: &str, title: &str, page: Option<&RenderContext>, accessible: Option<&A11ySettings>, out: &mut String) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape::text(out, title);
    out.push_str(" — ");
    escape::text(out, &site.site.name);
    out.push_str("</title>\n");
    // The site's emblem is its icon in tabs and bookmarks; without one, browsers ask for
    // /favicon.ico, the platform's (www/).
    if !site.theme.logo_src.is_empty() && civic_shared::validate::is_image_url(&site.theme.logo_src) {
        out.push_str("<link rel=\"icon\"");
        escape::site_url_attr(out, "href", &site.theme.logo_src, base_path, civic_shared::validate::is_image_url);
        out.push_str(">\n");
    }
    if let Some(ctx) = page {
        seo::page_meta(ctx, out);
    }
    out.push_str("<style>");
    // XSS-safety: inline_style emits constant CSS plus colours checked to be `#rrggbb`
    // and values from the accessible version's fixed tables.
    inline_style(&site.theme, accessible, out);
    out.push_str("</style>\n</head>\n<body>\n");
}

/// What the frame shows of the accessible version.
#[derive(Clone, Copy)]
enum Access<'a> {
    /// Not a site's page (the platform's 404): there is no settings route to link to.
    Unavailable,
    /// The usual version: the header offers the accessible one.
    Offered(&'a SettingsLinks<'a>),
    /// The accessible version: the settings panel on top.
    On(&'a SettingsLinks<'a>, &'a A11ySettings),
}

impl<'a> Access<'a> {
    fn of_site(links: &'a SettingsLinks<'a>, settings: Option<&'a A11ySettings>) -> Self {
        match settings {
            Some(settings) => Access::On(links, settings),
            None => Access::Offered(links),
        }
    }
}

/// The skip link leads to `main`, which takes focus (`tabindex="-1"`), so that the next Tab
/// goes on from the content and screen readers start reading there.
fn header(site: &SiteDocument, base_path: &str, current: Option<&str>, access: Access, out: &mut String) {
    out.push_str("<a class=\"skip\" href=\"#content\">");
    out.push_str(text::SKIP);
    out.push_str("</a>\n");
    // The panel comes first so that its settings are the first thing a visitor reaches.
    if let Access::On(links, settings) = access {
        accessible::settings_panel(settings, links, out);
    }
    out.push_str("<header class=\"site-header\"><div class=\"wrap\">\n");
    let images_off = matches!(access, Access::On(_, settings) if settings.images == accessible::Images::Off);
    if images_off || site.theme.logo_src.is_empty() || !civic_shared::validate::is_image_url(&site.theme.logo_src) {
        out.push_str("<span class=\"emblem\" aria-hidden=\"true\">");
        let initial = site.site.name.chars().next().unwrap_or('C');
        let mut buf = [0u8; 4];
        escape::text(out, initial.encode_utf8(&mut buf));
        out.push_str("</span>\n");
    } else {
        // The logo repeats the name next to it, so it is decorative for screen readers.
        out.push_str("<img class=\"logo\" alt=\"\"");
        escape::site_url_attr(out, "src", &site.theme.logo_src, base_path, civic_shared::validate::is_image_url);
        out.push_str(">\n");
    }
    out.push_str("<div>\n<p class=\"site-name\"><a href=\"");
    escape::attr(out, base_path);
    out.push_str("/\">");
    escape::text(out, &site.site.name);
    out.push_str("</a></p>\n");
    if !site.site.tagline.is_empty() {
        out.push_str("<p class=\"tagline\">");
        escape::text(out, &site.site.tagline);
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
    if let Access::Offered(links) = access {
        accessible::header_link(links, out);
    }
    out.push_str("</div></header>\n");
    let menu: Vec<_> = site.pages.iter().filter(|(_, page)| page.in_menu).collect();
    if menu.is_empty() {
        return;
    }
    out.push_str("<nav class=\"site-nav\" aria-label=\"");
    out.push_str(text::MENU);
    out.push_str("\"><ul>\n");
    for (id, page) in menu {
        out.push_str("<li><a href=\"");
        crate::push_page_path(site, id, base_path, escape::attr, out);
        out.push('"');
        if current == Some(id.as_str()) {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        escape::text(out, &page.title);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul></nav>\n");
}

fn footer(site: &SiteDocument, base_path: &str, out: &mut String) {
    out.push_str("<footer class=\"site-footer\"><div class=\"wrap\">\n<p>© ");
    escape::text(out, &site.site.name);
    out.push_str("</p>\n");
    if !site.site.contacts.is_empty() {
        out.push_str("<p>");
        escape::text(out, &site.site.contacts);
        out.push_str("</p>\n");
    }
    if !site.theme.footer_links.is_empty() {
        out.push_str("<nav aria-label=\"");
        out.push_str(text::FOOTER_MENU);
        out.push_str("\"><ul class=\"footer-links\">\n");
        for link in &site.theme.footer_links {
            out.push_str("<li><a");
            escape::site_url_attr(out, "href", &link.href, base_path, civic_shared::validate::is_link);
            out.push('>');
            escape::text(out, &link.label);
            out.push_str("</a></li>\n");
        }
        out.push_str("</ul></nav>\n");
    }
    out.push_str("</div></footer>\n</body>\n</html>\n");
}

/// A page of the platform's own under a site (an appeal's receipt, its status): the site's frame
/// with `title` and `body`; `back` is the address the accessible version's settings return to.
pub(crate) fn system_page(site: &SiteDocument, options: &RenderOptions, title: &str, back: &str, body: impl FnOnce(&mut String), out: &mut String) {
    let base_path = options.base_path;
    let accessible = options.accessible.as_ref();
    let links = SettingsLinks { base_path, back };
    head(site, base_path, title, None, accessible, out);
    header(site, base_path, None, Access::of_site(&links, accessible), out);
    out.push_str("<main id=\"content\" tabindex=\"-1\"><div class=\"wrap system-page\">\n<h1>");
    escape::text(out, title);
    out.push_str("</h1>\n");
    body(out);
    out.push_str("</div></main>\n");
    footer(site, base_path, out);
}
