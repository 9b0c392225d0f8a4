//! Data blocks: they format the collections the platform passes in the render context.

use civic_shared::collections::DocumentStatus;
use civic_shared::validate::is_link;
use civic_shared::{
    Announcements, DocumentList, NewsFeed, NewsItemBlock, PhoneDirectory, ReceptionSchedule, StaffDirectory, Vacancies,
};

use super::text::contact_row;
use super::{block_title, element, empty, labelled_by, open_tag_with};
use crate::{escape, format, outline, texts, RenderContext};

/// `<time datetime="2026-11-23">23 ноября 2026 г.</time>`.
fn time(iso: &str, out: &mut String) {
    out.push_str("<time datetime=\"");
    escape::attr(out, iso);
    out.push_str("\">");
    format::date_ru(iso, out);
    out.push_str("</time>");
}

/// Opens a titled data section (`<section aria-labelledby>` + `<h2>`).
fn open_section(ctx: &RenderContext, class: &str, id: &str, title: &str, out: &mut String) {
    open_tag_with(ctx, "section", class, id, &labelled_by(id, title), out);
    out.push('\n');
    block_title(id, title, out);
}

/// The tag of the headings of a data block's items: under the block's title, or in the page's
/// outline when it has none.
fn item_tag(ctx: &RenderContext, id: &str, title: &str) -> &'static str {
    outline::heading_tag(outline::item_level(ctx.page, id, !title.is_empty()))
}

fn picture(ctx: &RenderContext, image: &Option<(String, String)>, out: &mut String) {
    if let Some((src, alt)) = image {
        super::media::img(ctx, src, alt, out);
    }
}

pub fn news_feed(ctx: &RenderContext, b: &NewsFeed, out: &mut String) {
    open_section(ctx, "news-feed", &b.id, &b.title, out);
    let level = item_tag(ctx, &b.id, &b.title);
    if ctx.data.news.is_empty() {
        empty(texts::NO_NEWS, out);
    } else {
        out.push_str("<ul class=\"news-list\">\n");
        for item in ctx.data.news.iter().take(usize::from(b.limit.max(1))) {
            out.push_str("<li><article class=\"news-card\">");
            picture(ctx, &item.image, out);
            element(level, &item.title, out);
            out.push_str("<p class=\"meta\">");
            time(&item.date, out);
            out.push_str("</p>");
            if !item.summary.is_empty() {
                element("p", &item.summary, out);
            }
            out.push_str("</article></li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

pub fn news_item(ctx: &RenderContext, b: &NewsItemBlock, out: &mut String) {
    let item = if b.news_id.is_empty() { ctx.data.news.first() } else { ctx.data.news.iter().find(|n| n.id == b.news_id) };
    open_tag_with(ctx, "article", "news-item", &b.id, "", out);
    match item {
        None => empty(texts::NEWS_NOT_FOUND, out),
        Some(item) => {
            element("h2", &item.title, out);
            out.push_str("<p class=\"meta\">");
            time(&item.date, out);
            out.push_str("</p>\n");
            picture(ctx, &item.image, out);
            for paragraph in &item.body {
                element("p", paragraph, out);
                out.push('\n');
            }
        }
    }
    out.push_str("</article>\n");
}

pub fn announcements(ctx: &RenderContext, b: &Announcements, out: &mut String) {
    open_section(ctx, "announcements", &b.id, &b.title, out);
    let level = item_tag(ctx, &b.id, &b.title);
    if ctx.data.announcements.is_empty() {
        empty(texts::NO_ANNOUNCEMENTS, out);
    } else {
        out.push_str("<ul class=\"announcement-list\">\n");
        for item in ctx.data.announcements.iter().take(usize::from(b.limit.max(1))) {
            out.push_str("<li><p class=\"meta\">");
            time(&item.date, out);
            out.push_str("</p>");
            element(level, &item.title, out);
            if !item.text.is_empty() {
                element("p", &item.text, out);
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// Opens a data table with a caption and column headers.
fn open_table(caption: &str, headers: &[&str], out: &mut String) {
    super::open_table_wrap(caption, out);
    out.push_str("<table>");
    element("caption", caption, out);
    out.push_str("\n<thead><tr>");
    for header in headers {
        out.push_str("<th scope=\"col\">");
        out.push_str(header);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn close_table(out: &mut String) {
    out.push_str("</tbody></table></div>\n");
}

pub fn document_list(ctx: &RenderContext, b: &DocumentList, out: &mut String) {
    open_section(ctx, "document-list", &b.id, &b.title, out);
    let documents: Vec<_> = ctx.data.documents.iter().filter(|d| b.kind.is_empty() || d.kind == b.kind).collect();
    if documents.is_empty() {
        empty(texts::NO_DOCUMENTS, out);
    } else {
        let caption = if b.title.is_empty() { texts::DOCUMENTS_CAPTION } else { b.title.as_str() };
        open_table(caption, &[texts::DOC_KIND, texts::DOC_NUMBER, texts::DOC_DATE, texts::DOC_TITLE, texts::DOC_STATUS], out);
        for doc in documents {
            out.push_str("<tr>");
            element("td", &doc.kind, out);
            element("td", &doc.number, out);
            out.push_str("<td>");
            time(&doc.date, out);
            out.push_str("</td><td>");
            if doc.file_url.is_empty() {
                escape::text(out, &doc.title);
            } else {
                out.push_str("<a");
                escape::site_url_attr(out, "href", &doc.file_url, ctx.options.base_path, is_link);
                out.push('>');
                escape::text(out, &doc.title);
                out.push_str("</a>");
                if doc.file_size > 0 {
                    out.push_str(" <span class=\"file-meta\">(");
                    out.push_str(&format::file_size(doc.file_size));
                    out.push_str(")</span>");
                }
            }
            out.push_str("</td><td>");
            out.push_str(match doc.status {
                DocumentStatus::InForce => texts::IN_FORCE,
                DocumentStatus::Void => texts::VOID,
                DocumentStatus::Draft => texts::DRAFT,
            });
            out.push_str("</td></tr>\n");
        }
        close_table(out);
    }
    out.push_str("</section>\n");
}

pub fn staff_directory(ctx: &RenderContext, b: &StaffDirectory, out: &mut String) {
    open_section(ctx, "staff", &b.id, &b.title, out);
    let level = item_tag(ctx, &b.id, &b.title);
    let staff: Vec<_> = ctx.data.staff.iter().filter(|s| b.department.is_empty() || s.department == b.department).collect();
    if staff.is_empty() {
        empty(texts::NO_STAFF, out);
    } else {
        out.push_str("<ul class=\"staff-list\">\n");
        for person in staff {
            out.push_str("<li><article class=\"person\">");
            picture(ctx, &person.photo, out);
            element(level, &person.name, out);
            if !person.position.is_empty() {
                element("p", &person.position, out);
            }
            out.push_str("<dl>");
            if !person.phone.is_empty() {
                contact_row(texts::PHONE, &person.phone, Some("tel:"), out);
            }
            if !person.email.is_empty() {
                contact_row(texts::EMAIL, &person.email, Some("mailto:"), out);
            }
            out.push_str("</dl></article></li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

pub fn phone_directory(ctx: &RenderContext, b: &PhoneDirectory, out: &mut String) {
    open_section(ctx, "phones", &b.id, &b.title, out);
    if ctx.data.phones.is_empty() {
        empty(texts::NO_PHONES, out);
    } else {
        open_table(texts::PHONES_CAPTION, &[texts::DEPARTMENT, texts::NAME, texts::POSITION, texts::PHONE], out);
        for entry in &ctx.data.phones {
            out.push_str("<tr>");
            element("td", &entry.department, out);
            element("td", &entry.name, out);
            element("td", &entry.position, out);
            out.push_str("<td>");
            let digits: String = entry.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            out.push_str("<a href=\"tel:");
            escape::attr(out, &digits);
            out.push_str("\">");
            escape::text(out, &entry.phone);
            out.push_str("</a></td></tr>\n");
        }
        close_table(out);
    }
    out.push_str("</section>\n");
}

pub fn reception_schedule(ctx: &RenderContext, b: &ReceptionSchedule, out: &mut String) {
    open_section(ctx, "reception", &b.id, &b.title, out);
    if ctx.data.reception.is_empty() {
        empty(texts::NO_RECEPTION, out);
    } else {
        open_table(texts::RECEPTION_CAPTION, &[texts::OFFICIAL, texts::DAYS, texts::TIME, texts::PLACE, texts::BOOKING], out);
        for slot in &ctx.data.reception {
            out.push_str("<tr><td>");
            escape::text(out, &slot.official);
            if !slot.position.is_empty() {
                out.push_str("<br><span class=\"meta\">");
                escape::text(out, &slot.position);
                out.push_str("</span>");
            }
            out.push_str("</td>");
            element("td", &slot.days, out);
            element("td", &slot.hours, out);
            element("td", &slot.place, out);
            element("td", &slot.booking, out);
            out.push_str("</tr>\n");
        }
        close_table(out);
    }
    out.push_str("</section>\n");
}

pub fn vacancies(ctx: &RenderContext, b: &Vacancies, out: &mut String) {
    open_section(ctx, "vacancies", &b.id, &b.title, out);
    let level = item_tag(ctx, &b.id, &b.title);
    if ctx.data.vacancies.is_empty() {
        empty(texts::NO_VACANCIES, out);
    } else {
        out.push_str("<ul class=\"vacancy-list\">\n");
        for vacancy in &ctx.data.vacancies {
            out.push_str("<li><article>");
            element(level, &vacancy.title, out);
            out.push_str("<dl>");
            for (label, value) in [
                (texts::DEPARTMENT, &vacancy.department),
                (texts::SALARY, &vacancy.salary),
                (texts::REQUIREMENTS, &vacancy.requirements),
                (texts::CONTACT, &vacancy.contact),
            ] {
                if !value.is_empty() {
                    contact_row(label, value, None, out);
                }
            }
            out.push_str("</dl></article></li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
