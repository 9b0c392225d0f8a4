//! Containers and spacing: sections, columns, tabs, accordions, dividers, spacers.

use civic_shared::{Accordion, Columns, Divider, Section, Spacer, SpacerSize, Tabs};

use super::{block_title, labelled_by, open_tag, open_tag_with, render_blocks};
use crate::{escape, texts, RenderContext};

pub fn section(ctx: &RenderContext, s: &Section, out: &mut String) {
    open_tag_with(ctx, "section", "block-section", &s.id, &labelled_by(&s.id, &s.title), out);
    out.push('\n');
    block_title(&s.id, &s.title, out);
    render_blocks(ctx, &s.blocks, out);
    out.push_str("</section>\n");
}

pub fn columns(ctx: &RenderContext, c: &Columns, out: &mut String) {
    let class = match c.columns.len() {
        0..=2 => "columns columns-2",
        3 => "columns columns-3",
        _ => "columns columns-4",
    };
    open_tag(ctx, "div", class, &c.id, out);
    out.push('\n');
    for column in &c.columns {
        out.push_str("<div class=\"column\">\n");
        render_blocks(ctx, &column.blocks, out);
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

/// Without JavaScript every panel stays visible; the tab list is a table of contents
/// of jump links, which works for everyone, printers included.
pub fn tabs(ctx: &RenderContext, t: &Tabs, out: &mut String) {
    open_tag(ctx, "div", "tabs", &t.id, out);
    out.push_str("\n<nav aria-label=\"");
    out.push_str(texts::TABS);
    out.push_str("\"><ul class=\"tab-list\">\n");
    for (i, panel) in t.tabs.iter().enumerate() {
        out.push_str("<li><a href=\"#");
        panel_id(&t.id, i, out);
        out.push_str("\">");
        escape::text(out, &panel.title);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul></nav>\n");
    for (i, panel) in t.tabs.iter().enumerate() {
        out.push_str("<section class=\"tab-panel\" id=\"");
        panel_id(&t.id, i, out);
        out.push_str("\">\n<h2>");
        escape::text(out, &panel.title);
        out.push_str("</h2>\n");
        render_blocks(ctx, &panel.blocks, out);
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
}

fn panel_id(block_id: &str, index: usize, out: &mut String) {
    escape::attr(out, block_id);
    out.push('-');
    out.push_str(&(index + 1).to_string());
}

/// Questions open in place with `<details>`: native, keyboard-accessible, no script.
pub fn accordion(ctx: &RenderContext, a: &Accordion, out: &mut String) {
    open_tag(ctx, "div", "accordion", &a.id, out);
    out.push('\n');
    for item in &a.items {
        out.push_str("<details><summary>");
        escape::text(out, &item.title);
        out.push_str("</summary>\n<div class=\"accordion-body\">\n");
        render_blocks(ctx, &item.blocks, out);
        out.push_str("</div></details>\n");
    }
    out.push_str("</div>\n");
}

pub fn divider(ctx: &RenderContext, d: &Divider, out: &mut String) {
    open_tag(ctx, "hr", "", &d.id, out);
    out.push('\n');
}

pub fn spacer(ctx: &RenderContext, s: &Spacer, out: &mut String) {
    let class = match s.size {
        SpacerSize::Small => "spacer spacer-s",
        SpacerSize::Medium => "spacer spacer-m",
        SpacerSize::Large => "spacer spacer-l",
    };
    open_tag_with(ctx, "div", class, &s.id, " aria-hidden=\"true\"", out);
    out.push_str("</div>\n");
}
