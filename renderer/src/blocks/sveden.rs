//! A subsection of «Сведения об образовательной организации» with Rosobrnadzor's microdata:
//! every value inside a tag carrying its `itemprop`, the fields of a main tag inside the main
//! tag's own element (`<tr itemprop="uchredLaw"><td itemprop="nameUchred">…`), in the order
//! and with the labels of `civic_shared::compliance::sveden`. Outside checkers parse exactly
//! these attributes, so the spellings come from that table and nowhere else.
//!
//! Layout: the subsection's own fields as a two-column table (label, value); documents as a
//! list of links named by their labels; each main tag as a table with one row per repetition.
//! Empty values are left out: a checker then reports them missing, which is the truth.

use civic_shared::compliance::sveden::{self, SvedenField, SvedenGroup, SvedenItem, ValueKind};
use civic_shared::validate::is_link;
use civic_shared::Sveden;
use indexmap::IndexMap;

use super::{open_table_wrap, open_tag_with};
use crate::{escape, RenderContext};

pub fn sveden(ctx: &RenderContext, block: &Sveden, out: &mut String) {
    let Some(section) = sveden::section(&block.section) else {
        return;
    };
    open_tag_with(ctx, "div", "sveden", &block.id, "", out);
    out.push('\n');
    let filled = |value: &String| !value.trim().is_empty();
    if !block.values.values().any(filled) && !block.groups.values().flatten().any(|row| row.values().any(filled)) {
        super::empty(crate::texts::NO_SVEDEN, out);
    }
    // Consecutive fields share one table (or one list, for documents).
    let mut fields: Vec<(&SvedenField, &str)> = Vec::new();
    for item in section.items {
        match item {
            SvedenItem::Field(field) => {
                if let Some(value) = block.values.get(field.itemprop).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    fields.push((field, value));
                }
            }
            SvedenItem::Group(group) => {
                flush_fields(ctx, &mut fields, out);
                if let Some(rows) = block.groups.get(group.itemprop).filter(|rows| !rows.is_empty()) {
                    group_table(ctx, group, rows, out);
                }
            }
        }
    }
    flush_fields(ctx, &mut fields, out);
    out.push_str("</div>\n");
}

/// Writes the gathered fields: documents with a link as a list, the rest as a table.
fn flush_fields(ctx: &RenderContext, fields: &mut Vec<(&SvedenField, &str)>, out: &mut String) {
    let (links, rows): (Vec<_>, Vec<_>) = fields.drain(..).partition(|(field, value)| field.kind == ValueKind::Document && !sveden::is_absent(value));
    if !rows.is_empty() {
        out.push_str("<table class=\"sveden-fields\"><tbody>\n");
        for (field, value) in rows {
            out.push_str("<tr><th scope=\"row\">");
            escape::text(out, field.label);
            out.push_str("</th><td");
            value_cell(ctx, field, value, out);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    if !links.is_empty() {
        out.push_str("<ul class=\"sveden-documents\">\n");
        for (field, value) in links {
            out.push_str("<li><a");
            escape::site_url_attr(out, "href", value, ctx.options.base_path, is_link);
            push_itemprop(field.itemprop, out);
            out.push('>');
            escape::text(out, field.label);
            out.push_str("</a></li>\n");
        }
        out.push_str("</ul>\n");
    }
}

/// A main tag's table: a header of its fields' labels, a row per repetition.
fn group_table(ctx: &RenderContext, group: &SvedenGroup, rows: &[IndexMap<String, String>], out: &mut String) {
    open_table_wrap(group.label, out);
    out.push_str("<table class=\"sveden-group\"><caption>");
    escape::text(out, group.label);
    out.push_str("</caption>\n<thead><tr>");
    for field in group.fields {
        out.push_str("<th scope=\"col\">");
        escape::text(out, field.label);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr");
        push_itemprop(group.itemprop, out);
        out.push('>');
        for field in group.fields {
            out.push_str("<td");
            match row.get(field.itemprop).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                Some(value) => value_cell(ctx, field, value, out),
                None => out.push('>'),
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// The rest of an open `<td` holding a value: ` itemprop="…">value` for text, or `>` and a link
/// carrying the itemprop for documents and sites. A document in a table is named by its label.
fn value_cell(ctx: &RenderContext, field: &SvedenField, value: &str, out: &mut String) {
    let link_text = match field.kind {
        _ if sveden::is_absent(value) => None,
        ValueKind::Document => Some(field.label),
        ValueKind::Url => Some(value),
        _ => None,
    };
    match link_text {
        Some(text) => {
            out.push_str("><a");
            escape::site_url_attr(out, "href", value, ctx.options.base_path, is_link);
            push_itemprop(field.itemprop, out);
            out.push('>');
            escape::text(out, text);
            out.push_str("</a>");
        }
        None => {
            push_itemprop(field.itemprop, out);
            out.push('>');
            escape::text(out, value);
        }
    }
}

/// ` itemprop="…"`: the names are the table's constants, escaped all the same.
fn push_itemprop(itemprop: &str, out: &mut String) {
    out.push_str(" itemprop=\"");
    escape::attr(out, itemprop);
    out.push('"');
}
