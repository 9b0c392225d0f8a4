//! Blocks to HTML, one module per family of blocks.

mod containers;
mod data;
mod feedback;
pub(crate) use feedback::poll_results;
pub(crate) mod media;
mod navigation;
mod sveden;
pub(crate) mod text;

use civic_shared::Block;

use crate::escape;
use crate::{Mode, RenderContext};

/// Appends the blocks in order.
pub fn render_blocks(ctx: &RenderContext, blocks: &[Block], out: &mut String) {
    for block in blocks {
        render_block(ctx, block, out);
    }
}

/// Appends one block (and its children).
pub fn render_block(ctx: &RenderContext, block: &Block, out: &mut String) {
    match block {
        Block::Heading(b) => text::heading(ctx, b, out),
        Block::Text(b) => text::rich_text(ctx, b, out),
        Block::Table(b) => text::table(ctx, b, out),
        Block::Button(b) => text::button(ctx, b, out),
        Block::FileLink(b) => text::file_link(ctx, b, out),
        Block::ContactCard(b) => text::contact_card(ctx, b, out),
        Block::Image(b) => media::image(ctx, b, out),
        Block::Gallery(b) => media::gallery(ctx, b, out),
        Block::Card(b) => media::card(ctx, b, out),
        Block::Hero(b) => media::hero(ctx, b, out),
        Block::Map(b) => media::map(ctx, b, out),
        Block::Embed(b) => media::embed(ctx, b, out),
        Block::Section(b) => containers::section(ctx, b, out),
        Block::Columns(b) => containers::columns(ctx, b, out),
        Block::Tabs(b) => containers::tabs(ctx, b, out),
        Block::Accordion(b) => containers::accordion(ctx, b, out),
        Block::Divider(b) => containers::divider(ctx, b, out),
        Block::Spacer(b) => containers::spacer(ctx, b, out),
        Block::Breadcrumbs(b) => navigation::breadcrumbs(ctx, b, out),
        Block::Menu(b) => navigation::menu(ctx, b, out),
        Block::SearchBox(b) => navigation::search_box(ctx, b, out),
        Block::SocialLinks(b) => navigation::social_links(ctx, b, out),
        Block::NewsFeed(b) => data::news_feed(ctx, b, out),
        Block::NewsItem(b) => data::news_item(ctx, b, out),
        Block::Announcements(b) => data::announcements(ctx, b, out),
        Block::DocumentList(b) => data::document_list(ctx, b, out),
        Block::StaffDirectory(b) => data::staff_directory(ctx, b, out),
        Block::PhoneDirectory(b) => data::phone_directory(ctx, b, out),
        Block::ReceptionSchedule(b) => data::reception_schedule(ctx, b, out),
        Block::Vacancies(b) => data::vacancies(ctx, b, out),
        Block::AppealForm(b) => feedback::appeal_form(ctx, b, out),
        Block::Poll(b) => feedback::poll(ctx, b, out),
        Block::AppealAnalysis(b) => feedback::appeal_analysis(ctx, b, out),
        Block::Sveden(b) => sveden::sveden(ctx, b, out),
        Block::Discussion(b) => feedback::discussion(ctx, b, out),
    }
}

/// Opens `<tag class=…>` for a block. In the preview every block also carries its id so the
/// constructor can map clicks and highlight the selection; public pages carry nothing extra.
pub(crate) fn open_tag(ctx: &RenderContext, tag: &str, class: &str, id: &str, out: &mut String) {
    open_tag_with(ctx, tag, class, id, "", out);
}

/// Like [`open_tag`], with extra attributes. XSS-safety: `extra` is always a literal or
/// built from escaped values by the caller.
pub(crate) fn open_tag_with(ctx: &RenderContext, tag: &str, class: &str, id: &str, extra: &str, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    let selected = matches!(ctx.options.mode, Mode::Preview { selected: Some(s) } if s == id);
    if !class.is_empty() || selected {
        out.push_str(" class=\"");
        out.push_str(class);
        if selected {
            out.push_str(if class.is_empty() { "civic-selected" } else { " civic-selected" });
        }
        out.push('"');
    }
    if matches!(ctx.options.mode, Mode::Preview { .. }) {
        out.push_str(" data-block=\"");
        escape::attr(out, id);
        out.push('"');
    }
    out.push_str(extra);
    out.push('>');
}

/// An element with escaped text content: `<tag>text</tag>`.
pub(crate) fn element(tag: &str, text: &str, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    escape::text(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// A block's own heading, if it has a title: `<h2 id="…-title">title</h2>`.
pub(crate) fn block_title(id: &str, title: &str, out: &mut String) {
    if title.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"");
    escape::attr(out, id);
    out.push_str("-title\">");
    escape::text(out, title);
    out.push_str("</h2>\n");
}

/// `aria-labelledby` for a block titled by [`block_title`]; empty when untitled.
pub(crate) fn labelled_by(id: &str, title: &str) -> String {
    if title.is_empty() {
        return String::new();
    }
    let mut attr = String::from(" aria-labelledby=\"");
    escape::attr(&mut attr, id);
    attr.push_str("-title\"");
    attr
}

/// The address of a page on this host: the home page at the root, others at their path.
pub(crate) fn page_href(ctx: &RenderContext, page_id: &str, out: &mut String) {
    crate::push_page_path(ctx.site, page_id, ctx.options.base_path, escape::attr, out);
}

/// The attributes of a table's wrapper: a wide table scrolls inside its own focusable,
/// named group instead of scrolling the whole page.
pub(crate) fn table_wrap_attrs(caption: &str) -> String {
    let mut attrs = String::from(" role=\"group\" tabindex=\"0\" aria-label=\"");
    escape::attr(&mut attrs, caption);
    attrs.push('"');
    attrs
}

/// Opens `<div class="table-wrap" …>` for a table that is not a block of its own.
pub(crate) fn open_table_wrap(caption: &str, out: &mut String) {
    out.push_str("<div class=\"table-wrap\"");
    out.push_str(&table_wrap_attrs(caption));
    out.push('>');
}

/// An empty state: `<p class="empty">…</p>`.
pub(crate) fn empty(text: &str, out: &mut String) {
    out.push_str("<p class=\"empty\">");
    out.push_str(text);
    out.push_str("</p>\n");
}
