//! The page frame: head, header with the menu, main, footer.

use civic_shared::SiteDocument;

use crate::blocks::render_blocks;
use crate::escape;
use crate::seo;
use crate::style::inline_style;
use crate::RenderContext;

/// Interface strings of public pages. Russian: public sites are in Russian.
mod text {
    pub const SKIP: &str = "Перейти к содержимому";
    pub const MENU: &str = "Основное меню";
    pub const NOT_FOUND_TITLE: &str = "Страница не найдена";
    pub const NOT_FOUND_BODY: &str = "Такой страницы нет. Возможно, она была перемещена или адрес набран с ошибкой.";
    pub const TO_HOME: &str = "Перейти на главную страницу";
    pub const PLATFORM: &str = "Civic — платформа официальных сайтов";
}

/// Appends a complete HTML5 page for `ctx.page`.
pub fn render_page(ctx: &RenderContext, out: &mut String) {
    head(ctx.site, &ctx.page.title, Some(ctx), out);
    header(ctx.site, ctx.options.base_path, Some(ctx.page_id), out);
    out.push_str("<main id=\"content\"><div class=\"wrap\">\n<h1>");
    escape::text(out, &ctx.page.title);
    out.push_str("</h1>\n");
    render_blocks(ctx, &ctx.page.blocks, out);
    out.push_str("</div></main>\n");
    footer(ctx.site, out);
}

/// Appends a 404 page: in the site's own frame when the site is known, else the platform's.
pub fn render_not_found(site: Option<&SiteDocument>, base_path: &str, out: &mut String) {
    let fallback;
    let site = match site {
        Some(site) => site,
        None => {
            fallback = platform_site();
            &fallback
        }
    };
    head(site, text::NOT_FOUND_TITLE, None, out);
    header(site, base_path, None, out);
    out.push_str("<main id=\"content\"><div class=\"wrap not-found\">\n<h1>");
    out.push_str(text::NOT_FOUND_TITLE);
    out.push_str("</h1>\n<p>");
    out.push_str(text::NOT_FOUND_BODY);
    out.push_str("</p>\n<p><a href=\"");
    escape::attr(out, base_path);
    out.push_str("/\">");
    out.push_str(text::TO_HOME);
    out.push_str("</a></p>\n</div></main>\n");
    footer(site, out);
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
        theme: civic_shared::Theme {
            primary_color: "#1f4e8c".into(),
            accent_color: "#c8102e".into(),
            font: Default::default(),
        },
        pages: Default::default(),
    }
}

/// `page` is `None` for the 404 page: it has no address of its own to describe to crawlers.
fn head(site: &SiteDocument, title: &str, page: Option<&RenderContext>, out: &mut String) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape::text(out, title);
    out.push_str(" — ");
    escape::text(out, &site.site.name);
    out.push_str("</title>\n");
    if let Some(ctx) = page {
        seo::page_meta(ctx, out);
    }
    out.push_str("<style>");
    // XSS-safety: inline_style emits constant CSS plus colours checked to be `#rrggbb`.
    inline_style(&site.theme, out);
    out.push_str("</style>\n</head>\n<body>\n");
}

fn header(site: &SiteDocument, base_path: &str, current: Option<&str>, out: &mut String) {
    out.push_str("<a class=\"skip\" href=\"#content\">");
    out.push_str(text::SKIP);
    out.push_str("</a>\n<header class=\"site-header\"><div class=\"wrap\">\n<span class=\"emblem\" aria-hidden=\"true\">");
    let initial = site.site.name.chars().next().unwrap_or('C');
    let mut buf = [0u8; 4];
    escape::text(out, initial.encode_utf8(&mut buf));
    out.push_str("</span>\n<div>\n<p class=\"site-name\"><a href=\"");
    escape::attr(out, base_path);
    out.push_str("/\">");
    escape::text(out, &site.site.name);
    out.push_str("</a></p>\n");
    if !site.site.tagline.is_empty() {
        out.push_str("<p class=\"tagline\">");
        escape::text(out, &site.site.tagline);
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</div></header>\n");
    let menu: Vec<_> = site.pages.iter().filter(|(_, page)| page.in_menu).collect();
    if menu.is_empty() {
        return;
    }
    out.push_str("<nav class=\"site-nav\" aria-label=\"");
    out.push_str(text::MENU);
    out.push_str("\"><ul>\n");
    for (id, page) in menu {
        out.push_str("<li><a href=\"");
        escape::attr(out, base_path);
        out.push('/');
        // The home page lives at the site's root; the others at their slug.
        if site.pages.get_index_of(id.as_str()) != Some(0) {
            escape::attr(out, &page.slug);
        }
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

fn footer(site: &SiteDocument, out: &mut String) {
    out.push_str("<footer class=\"site-footer\"><div class=\"wrap\">\n<p>© ");
    escape::text(out, &site.site.name);
    out.push_str("</p>\n");
    if !site.site.contacts.is_empty() {
        out.push_str("<p>");
        escape::text(out, &site.site.contacts);
        out.push_str("</p>\n");
    }
    out.push_str("</div></footer>\n</body>\n</html>\n");
}
