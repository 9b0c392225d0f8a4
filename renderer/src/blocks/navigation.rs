//! Ways around the site: breadcrumbs, menus, search, official social pages.

use civic_shared::validate::{is_https, is_link, is_pos_widget_url};
use civic_shared::{Breadcrumbs, Menu, SearchBox, SocialLinks, SocialNetwork};

use super::{block_title, element, labelled_by, open_tag_with, page_href};
use crate::{escape, texts, RenderContext};

/// Home › parent › … › current page, from the pages' `parent` links.
pub fn breadcrumbs(ctx: &RenderContext, b: &Breadcrumbs, out: &mut String) {
    let mut trail = Vec::new();
    let mut current = ctx.site.pages.get(ctx.page_id).and_then(|p| p.parent.as_deref());
    while let Some(id) = current {
        // Validation forbids loops; the bound keeps a broken document from hanging us.
        if trail.len() > ctx.site.pages.len() || trail.contains(&id) {
            break;
        }
        trail.push(id);
        current = ctx.site.pages.get(id).and_then(|p| p.parent.as_deref());
    }
    let home = ctx.site.pages.keys().next().map(String::as_str);
    open_tag_with(ctx, "nav", "breadcrumbs", &b.id, &format!(" aria-label=\"{}\"", texts::BREADCRUMBS), out);
    out.push_str("<ol>");
    if let Some(home) = home.filter(|home| *home != ctx.page_id && !trail.contains(home)) {
        crumb(ctx, home, texts::HOME, out);
    }
    for id in trail.iter().rev() {
        let title = ctx.site.pages.get(*id).map_or("", |p| p.title.as_str());
        crumb(ctx, id, title, out);
    }
    out.push_str("<li aria-current=\"page\">");
    escape::text(out, &ctx.page.title);
    out.push_str("</li></ol></nav>\n");
}

fn crumb(ctx: &RenderContext, page_id: &str, title: &str, out: &mut String) {
    out.push_str("<li><a href=\"");
    page_href(ctx, page_id, out);
    out.push_str("\">");
    escape::text(out, title);
    out.push_str("</a></li>");
}

/// Custom links, or the site's main menu when none are given.
pub fn menu(ctx: &RenderContext, m: &Menu, out: &mut String) {
    let label = if m.title.is_empty() { texts::SECTION_MENU } else { m.title.as_str() };
    let mut extra = String::from(" aria-label=\"");
    escape::attr(&mut extra, label);
    extra.push('"');
    open_tag_with(ctx, "nav", "block-menu", &m.id, &extra, out);
    if !m.title.is_empty() {
        out.push_str("<h2>");
        escape::text(out, &m.title);
        out.push_str("</h2>");
    }
    out.push_str("<ul>\n");
    if m.links.is_empty() {
        for (id, page) in ctx.site.pages.iter().filter(|(_, p)| p.in_menu) {
            out.push_str("<li><a href=\"");
            page_href(ctx, id, out);
            out.push('"');
            if id == ctx.page_id {
                out.push_str(" aria-current=\"page\"");
            }
            out.push('>');
            escape::text(out, &page.title);
            out.push_str("</a></li>\n");
        }
    }
    for link in &m.links {
        out.push_str("<li><a");
        escape::site_url_attr(out, "href", &link.href, ctx.options.base_path, is_link);
        out.push('>');
        escape::text(out, &link.label);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul></nav>\n");
}

/// A GET form to the site's search page: works without JavaScript.
pub fn search_box(ctx: &RenderContext, s: &SearchBox, out: &mut String) {
    let mut extra = String::from(" role=\"search\" method=\"get\" action=\"");
    escape::attr(&mut extra, ctx.options.base_path);
    extra.push('/');
    extra.push_str(crate::SEARCH_ROUTE);
    extra.push('"');
    open_tag_with(ctx, "form", "search-box", &s.id, &extra, out);
    out.push_str("<label for=\"");
    escape::attr(out, &s.id);
    out.push_str("-q\">");
    out.push_str(texts::SEARCH_LABEL);
    out.push_str("</label><input type=\"search\" name=\"q\" id=\"");
    escape::attr(out, &s.id);
    out.push_str("-q\"> <button type=\"submit\">");
    out.push_str(texts::SEARCH_BUTTON);
    out.push_str("</button></form>\n");
}

pub fn social_links(ctx: &RenderContext, s: &SocialLinks, out: &mut String) {
    let extra = if s.title.is_empty() { format!(" aria-label=\"{}\"", texts::SOCIAL) } else { labelled_by(&s.id, &s.title) };
    open_tag_with(ctx, "nav", "social-links", &s.id, &extra, out);
    block_title(&s.id, &s.title, out);
    out.push_str("<ul>\n");
    for link in s.links.iter().filter(|link| is_https(&link.url)) {
        out.push_str("<li><a rel=\"me\"");
        escape::url_attr(out, "href", &link.url, is_https);
        out.push_str(" class=\"social-");
        out.push_str(network_key(link.network));
        out.push_str("\">");
        out.push_str(network_name(link.network));
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul>\n");
    if is_pos_widget_url(&s.pos_widget) {
        // The platform's widget is its own form: scripts and forms run in a sandbox of its
        // own origin, never this page's.
        element("p", texts::POS_WIDGET_NOTE, out);
        out.push_str("<iframe class=\"pos-widget\"");
        escape::url_attr(out, "src", &s.pos_widget, is_pos_widget_url);
        out.push_str(" title=\"");
        out.push_str(texts::POS_WIDGET);
        out.push_str("\" loading=\"lazy\" referrerpolicy=\"strict-origin-when-cross-origin\" ");
        out.push_str("sandbox=\"allow-scripts allow-same-origin allow-forms allow-popups\"></iframe>\n");
    }
    out.push_str("</nav>\n");
}

fn network_key(network: SocialNetwork) -> &'static str {
    match network {
        SocialNetwork::Vk => "vk",
        SocialNetwork::Ok => "ok",
        SocialNetwork::Telegram => "telegram",
        SocialNetwork::Max => "max",
        SocialNetwork::Rutube => "rutube",
    }
}

fn network_name(network: SocialNetwork) -> &'static str {
    match network {
        SocialNetwork::Vk => "ВКонтакте",
        SocialNetwork::Ok => "Одноклассники",
        SocialNetwork::Telegram => "Telegram",
        SocialNetwork::Max => "MAX",
        SocialNetwork::Rutube => "RUTUBE",
    }
}
