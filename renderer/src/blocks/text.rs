//! Text blocks: headings, rich text, tables, buttons, file links, contact cards.

use civic_shared::validate::is_link;
use civic_shared::{Button, ButtonVariant, ContactCard, FileLink, Heading, Table, Text, TextBlock, TextRun};

use super::{element, open_tag, open_tag_with};
use crate::{escape, format, outline, texts, RenderContext};

/// The tag of a heading of `level`. Level 1 belongs to the page title; clamped to 2–4 so a
/// bad document still gives a sane outline.
fn heading_tag(level: u8) -> &'static str {
    outline::heading_tag(level.min(4))
}

pub fn heading(ctx: &RenderContext, h: &Heading, out: &mut String) {
    let tag = heading_tag(h.level);
    open_tag(ctx, tag, "", &h.id, out);
    escape::text(out, &h.text);
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
}

pub fn rich_text(ctx: &RenderContext, t: &Text, out: &mut String) {
    open_tag(ctx, "div", "text", &t.id, out);
    for block in &t.content {
        match block {
            TextBlock::Paragraph { runs } => {
                out.push_str("<p>");
                text_runs(ctx, runs, out);
                out.push_str("</p>\n");
            }
            TextBlock::Heading { level, runs } => {
                let tag = heading_tag(*level);
                // XSS-safety: the tag is one of three literals; the runs are escaped.
                out.push('<');
                out.push_str(tag);
                out.push('>');
                text_runs(ctx, runs, out);
                out.push_str("</");
                out.push_str(tag);
                out.push_str(">\n");
            }
            TextBlock::List { ordered, items } => {
                out.push_str(if *ordered { "<ol>\n" } else { "<ul>\n" });
                for item in items {
                    out.push_str("<li>");
                    text_runs(ctx, item, out);
                    out.push_str("</li>\n");
                }
                out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            TextBlock::Quote { runs, cite } => {
                out.push_str("<blockquote><p>");
                text_runs(ctx, runs, out);
                out.push_str("</p>");
                if !cite.is_empty() {
                    out.push_str("<footer>— <cite>");
                    escape::text(out, cite);
                    out.push_str("</cite></footer>");
                }
                out.push_str("</blockquote>\n");
            }
        }
    }
    out.push_str("</div>\n");
}

/// Runs with their marks; links outermost so a link covers its whole run.
pub fn text_runs(ctx: &RenderContext, runs: &[TextRun], out: &mut String) {
    let base_path = ctx.options.base_path;
    write_runs(runs, out, |run| run.link.as_deref(), |out, link| escape::site_url_attr(out, "href", link, base_path, is_link));
}

/// Runs with their marks, for the pages and for the constructor's rich-text editor alike:
/// `link_of` says which runs are links, `href` writes a link's attribute.
pub fn write_runs<'a>(runs: &'a [TextRun], out: &mut String, link_of: impl Fn(&'a TextRun) -> Option<&'a str>, href: impl Fn(&mut String, &str)) {
    for run in runs {
        let link = link_of(run);
        if let Some(link) = link {
            out.push_str("<a");
            href(out, link);
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
        if link.is_some() {
            out.push_str("</a>");
        }
    }
}

pub fn table(ctx: &RenderContext, t: &Table, out: &mut String) {
    open_tag_with(ctx, "div", "table-wrap", &t.id, &super::table_wrap_attrs(&t.caption), out);
    out.push_str("<table>");
    element("caption", &t.caption, out);
    out.push('\n');
    let (head, body) = match (t.header_row, t.rows.split_first()) {
        (true, Some((head, body))) => (Some(head), body),
        _ => (None, t.rows.as_slice()),
    };
    if let Some(head) = head {
        out.push_str("<thead><tr>");
        for cell in head {
            out.push_str("<th scope=\"col\">");
            escape::text(out, cell);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n");
    }
    out.push_str("<tbody>\n");
    // Large tables are the biggest blocks: size the buffer once, and write each cell's tags as
    // whole literals (`<td>` is 9 bytes with its end tag, `<tr>` 10 with its newline).
    out.reserve(body.iter().map(|row| 10 + row.iter().map(|cell| 9 + cell.len()).sum::<usize>()).sum());
    for row in body {
        out.push_str("<tr>");
        for cell in row {
            out.push_str("<td>");
            escape::text(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

pub fn button(ctx: &RenderContext, b: &Button, out: &mut String) {
    open_tag(ctx, "p", "button-row", &b.id, out);
    out.push_str("<a class=\"button");
    if b.variant == ButtonVariant::Secondary {
        out.push_str(" button-secondary");
    }
    out.push('"');
    escape::site_url_attr(out, "href", &b.href, ctx.options.base_path, is_link);
    out.push('>');
    escape::text(out, &b.label);
    out.push_str("</a></p>\n");
}

pub fn file_link(ctx: &RenderContext, file: &FileLink, out: &mut String) {
    open_tag(ctx, "p", "file-link", &file.id, out);
    out.push_str("<a");
    escape::site_url_attr(out, "href", &file.href, ctx.options.base_path, is_link);
    out.push('>');
    escape::text(out, &file.label);
    out.push_str("</a>");
    let size = (file.size_bytes > 0).then(|| format::file_size(file.size_bytes));
    if !file.format.is_empty() || size.is_some() {
        out.push_str(" <span class=\"file-meta\">(");
        escape::text(out, &file.format);
        if let Some(size) = size {
            if !file.format.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&size);
        }
        out.push_str(")</span>");
    }
    out.push_str("</p>\n");
}

pub fn contact_card(ctx: &RenderContext, c: &ContactCard, out: &mut String) {
    open_tag(ctx, "section", "contact-card", &c.id, out);
    element("h2", &c.name, out);
    if !c.position.is_empty() {
        element("p", &c.position, out);
    }
    // No empty `<dl>`: screen readers would announce a list of nothing.
    let has_details = [&c.phone, &c.email, &c.address, &c.hours].iter().any(|value| !value.is_empty());
    if !has_details {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<dl>");
    if !c.phone.is_empty() {
        contact_row(texts::PHONE, &c.phone, Some("tel:"), out);
    }
    if !c.email.is_empty() {
        contact_row(texts::EMAIL, &c.email, Some("mailto:"), out);
    }
    if !c.address.is_empty() {
        contact_row(texts::ADDRESS, &c.address, None, out);
    }
    if !c.hours.is_empty() {
        contact_row(texts::HOURS, &c.hours, None, out);
    }
    out.push_str("</dl></section>\n");
}

/// A `<dt>`/`<dd>` pair; phones and e-mails become `tel:` and `mailto:` links.
pub fn contact_row(label: &str, value: &str, scheme: Option<&str>, out: &mut String) {
    out.push_str("<dt>");
    out.push_str(label);
    out.push_str("</dt><dd>");
    match scheme {
        Some(scheme) => {
            let target: String = match scheme {
                "tel:" => value.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect(),
                _ => value.trim().to_string(),
            };
            out.push_str("<a href=\"");
            out.push_str(scheme);
            escape::attr(out, &target);
            out.push_str("\">");
            escape::text(out, value);
            out.push_str("</a>");
        }
        None => escape::text(out, value),
    }
    out.push_str("</dd>");
}
