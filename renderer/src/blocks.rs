//! Blocks to HTML.

use civic_shared::validate::{is_image_url, is_link};
use civic_shared::{Block, Heading, Image, Paragraph, Section, TextRun};

use crate::{accessible, escape};
use crate::{Mode, RenderContext};

/// Appends the blocks in order.
pub fn render_blocks(ctx: &RenderContext, blocks: &[Block], out: &mut String) {
    for block in blocks {
        render_block(ctx, block, out);
    }
}

fn render_block(ctx: &RenderContext, block: &Block, out: &mut String) {
    match block {
        Block::Heading(h) => heading(ctx, h, out),
        Block::Paragraph(p) => paragraph(ctx, p, out),
        Block::Image(img) => image(ctx, img, out),
        Block::Section(s) => section(ctx, s, out),
    }
}

/// Opens `<tag class=…>`. In the preview every block also carries its id so the constructor
/// can map clicks and highlight the selection; public pages carry nothing extra.
fn open_tag(ctx: &RenderContext, tag: &str, class: &str, id: &str, out: &mut String) {
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
    out.push('>');
}

fn heading(ctx: &RenderContext, h: &Heading, out: &mut String) {
    // Level 1 belongs to the page title; clamp so a bad document still gives a sane outline.
    let tag = match h.level {
        0..=2 => "h2",
        3 => "h3",
        _ => "h4",
    };
    open_tag(ctx, tag, "", &h.id, out);
    escape::text(out, &h.text);
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
}

fn paragraph(ctx: &RenderContext, p: &Paragraph, out: &mut String) {
    open_tag(ctx, "p", "", &p.id, out);
    for run in &p.runs {
        text_run(run, out);
    }
    out.push_str("</p>\n");
}

fn text_run(run: &TextRun, out: &mut String) {
    if let Some(link) = &run.link {
        out.push_str("<a");
        escape::url_attr(out, "href", link, is_link);
        out.push('>');
    }
    if run.bold {
        out.push_str("<strong>");
    }
    if run.italic {
        out.push_str("<em>");
    }
    escape::text(out, &run.text);
    if run.italic {
        out.push_str("</em>");
    }
    if run.bold {
        out.push_str("</strong>");
    }
    if run.link.is_some() {
        out.push_str("</a>");
    }
}

fn image(ctx: &RenderContext, img: &Image, out: &mut String) {
    open_tag(ctx, "figure", "", &img.id, out);
    if ctx.options.images_off() {
        accessible::image_alt_box(&img.alt, out);
    } else {
        out.push_str("<img");
        escape::url_attr(out, "src", &img.src, is_image_url);
        out.push_str(" alt=\"");
        escape::attr(out, &img.alt);
        out.push_str("\" loading=\"lazy\" decoding=\"async\">");
    }
    if !img.caption.is_empty() {
        out.push_str("<figcaption>");
        escape::text(out, &img.caption);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>\n");
}

fn section(ctx: &RenderContext, s: &Section, out: &mut String) {
    open_tag(ctx, "section", "block-section", &s.id, out);
    out.push('\n');
    if !s.title.is_empty() {
        out.push_str("<h2>");
        escape::text(out, &s.title);
        out.push_str("</h2>\n");
    }
    render_blocks(ctx, &s.blocks, out);
    out.push_str("</section>\n");
}
