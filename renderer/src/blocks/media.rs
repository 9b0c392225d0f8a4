//! Pictures and what is built around them: images, galleries, cards, banners, maps, embeds.

use civic_shared::validate::{is_embed_url, is_image_url, is_link};
use civic_shared::{Card, Embed, Gallery, Hero, Image, Map};

use super::{block_title, element, labelled_by, open_tag, open_tag_with};
use crate::{escape, format, outline, texts, RenderContext};

/// `<img src alt loading=lazy>`; an empty `alt` only for decorative pictures. With images
/// switched off in the accessible version, the visible text alternative instead.
pub(crate) fn img(ctx: &RenderContext, src: &str, alt: &str, out: &mut String) {
    if ctx.options.images_off() {
        crate::accessible::image_alt_box(alt, out);
        return;
    }
    out.push_str("<img");
    escape::site_url_attr(out, "src", src, ctx.options.base_path, is_image_url);
    out.push_str(" alt=\"");
    escape::attr(out, alt);
    out.push_str("\" loading=\"lazy\" decoding=\"async\">");
}

pub fn image(ctx: &RenderContext, image: &Image, out: &mut String) {
    open_tag(ctx, "figure", "", &image.id, out);
    img(ctx, &image.src, if image.decorative { "" } else { &image.alt }, out);
    if !image.caption.is_empty() {
        element("figcaption", &image.caption, out);
    }
    out.push_str("</figure>\n");
}

pub fn gallery(ctx: &RenderContext, g: &Gallery, out: &mut String) {
    open_tag_with(ctx, "section", "gallery", &g.id, &labelled_by(&g.id, &g.title), out);
    block_title(&g.id, &g.title, out);
    out.push_str("<ul>\n");
    for image in &g.images {
        out.push_str("<li><figure>");
        img(ctx, &image.src, &image.alt, out);
        if !image.caption.is_empty() {
            element("figcaption", &image.caption, out);
        }
        out.push_str("</figure></li>\n");
    }
    out.push_str("</ul></section>\n");
}

pub fn card(ctx: &RenderContext, c: &Card, out: &mut String) {
    open_tag(ctx, "article", "card", &c.id, out);
    if !c.image_src.is_empty() {
        img(ctx, &c.image_src, &c.image_alt, out);
    }
    // One level below the section the card sits in: cards side by side are siblings.
    let tag = outline::heading_tag(outline::item_level(ctx.page, &c.id, false));
    out.push('<');
    out.push_str(tag);
    out.push('>');
    if c.href.is_empty() {
        escape::text(out, &c.title);
    } else {
        out.push_str("<a");
        escape::site_url_attr(out, "href", &c.href, ctx.options.base_path, is_link);
        out.push('>');
        escape::text(out, &c.title);
        out.push_str("</a>");
    }
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
    if !c.text.is_empty() {
        element("p", &c.text, out);
    }
    out.push_str("</article>\n");
}

pub fn hero(ctx: &RenderContext, h: &Hero, out: &mut String) {
    open_tag_with(ctx, "section", "hero", &h.id, &labelled_by(&h.id, &h.title), out);
    out.push_str("<div class=\"hero-text\">");
    block_title(&h.id, &h.title, out);
    if !h.text.is_empty() {
        element("p", &h.text, out);
    }
    if !h.button_label.is_empty() {
        out.push_str("<p><a class=\"button\"");
        escape::site_url_attr(out, "href", &h.button_href, ctx.options.base_path, is_link);
        out.push('>');
        escape::text(out, &h.button_label);
        out.push_str("</a></p>");
    }
    out.push_str("</div>");
    if !h.image_src.is_empty() {
        img(ctx, &h.image_src, &h.image_alt, out);
    }
    out.push_str("</section>\n");
}

/// An address card with a link to Yandex Maps: no third-party script on the page.
pub fn map(ctx: &RenderContext, m: &Map, out: &mut String) {
    open_tag_with(ctx, "section", "map-card", &m.id, &labelled_by(&m.id, &m.title), out);
    block_title(&m.id, &m.title, out);
    element("address", &m.address, out);
    out.push_str("<p><a href=\"https://yandex.ru/maps/?text=");
    format::query_value(&m.address, out);
    if let (Some(lat), Some(lon)) = (m.latitude, m.longitude) {
        if lat.is_finite() && lon.is_finite() {
            out.push_str(&format!("&amp;pt={lon:.6},{lat:.6}&amp;z=16"));
        }
    }
    out.push_str("\">");
    out.push_str(texts::OPEN_MAP);
    out.push_str("</a></p></section>\n");
}

/// A sandboxed frame from an allowed host; anything else is not rendered at all.
pub fn embed(ctx: &RenderContext, e: &Embed, out: &mut String) {
    if !is_embed_url(&e.url) {
        return;
    }
    open_tag(ctx, "figure", "embed", &e.id, out);
    out.push_str("<iframe");
    escape::url_attr(out, "src", &e.url, is_embed_url);
    out.push_str(" title=\"");
    escape::attr(out, &e.title);
    out.push_str("\" loading=\"lazy\" referrerpolicy=\"strict-origin-when-cross-origin\" ");
    out.push_str("sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\" allowfullscreen></iframe>");
    element("figcaption", &e.title, out);
    out.push_str("</figure>\n");
}
