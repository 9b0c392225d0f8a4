//! What search engines and link previews read in a page's `<head>`: description, canonical
//! address, Open Graph and the organisation as schema.org JSON-LD.

use civic_shared::validate::is_image_url;
use civic_shared::{Block, OrgKind, SiteDocument};

use crate::{escape, RenderContext, RenderOptions};

/// Appends the page's meta tags, canonical link and JSON-LD, each string escaped for its place.
pub(crate) fn page_meta(ctx: &RenderContext, out: &mut String) {
    let site = &ctx.site.site;
    out.push_str("<meta name=\"description\" content=\"");
    description(ctx, escape::attr, out);
    out.push_str("\">\n<link rel=\"canonical\" href=\"");
    page_url(ctx.site, ctx.page_id, &ctx.options, escape::attr, out);
    out.push_str("\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:locale\" content=\"ru_RU\">\n");
    out.push_str("<meta property=\"og:site_name\" content=\"");
    escape::attr(out, &site.name);
    out.push_str("\">\n<meta property=\"og:title\" content=\"");
    escape::attr(out, &ctx.page.title);
    out.push_str("\">\n<meta property=\"og:description\" content=\"");
    description(ctx, escape::attr, out);
    out.push_str("\">\n<meta property=\"og:url\" content=\"");
    page_url(ctx.site, ctx.page_id, &ctx.options, escape::attr, out);
    out.push_str("\">\n");
    if let Some((src, alt)) = first_image(&ctx.page.blocks) {
        out.push_str("<meta property=\"og:image\" content=\"");
        absolute_url(src, &ctx.options, escape::attr, out);
        out.push_str("\">\n<meta property=\"og:image:alt\" content=\"");
        escape::attr(out, alt);
        out.push_str("\">\n");
    }
    organisation_json_ld(ctx.site, &ctx.options, out);
}

/// The page's own description; without one, the site's tagline and name.
fn description(ctx: &RenderContext, esc: fn(&mut String, &str), out: &mut String) {
    let site = &ctx.site.site;
    if !ctx.page.description.trim().is_empty() {
        esc(out, &ctx.page.description);
    } else if !site.tagline.trim().is_empty() {
        esc(out, &site.tagline);
        out.push_str(" — ");
        esc(out, &site.name);
    } else {
        esc(out, &site.name);
    }
}

/// Appends the absolute address of a page (relative when there is no origin), each part through
/// `esc`: the same address goes into HTML attributes, XML and JSON.
pub(crate) fn page_url(site: &SiteDocument, page_id: &str, options: &RenderOptions, esc: fn(&mut String, &str), out: &mut String) {
    esc(out, options.origin);
    crate::push_page_path(site, page_id, options.base_path, esc, out);
}

/// Appends `src` made absolute: `https:` as it is, `/x` on the origin, `x` next to the pages.
/// Only called with URLs that pass `is_image_url`.
fn absolute_url(src: &str, options: &RenderOptions, esc: fn(&mut String, &str), out: &mut String) {
    if !src.starts_with('/') && src.contains(':') {
        esc(out, src);
        return;
    }
    esc(out, options.origin);
    if !src.starts_with('/') {
        esc(out, options.base_path);
        out.push('/');
    }
    esc(out, src);
}

/// The first described picture of the page in reading order (images, banners, cards,
/// galleries, inside containers too) as (address, alt), if its URL is safe.
fn first_image<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Option<(&'a str, &'a str)> {
    blocks.into_iter().find_map(|block| {
        let (src, alt) = match block {
            Block::Image(image) if !image.decorative => (image.src.as_str(), image.alt.as_str()),
            Block::Hero(hero) => (hero.image_src.as_str(), hero.image_alt.as_str()),
            Block::Card(card) => (card.image_src.as_str(), card.image_alt.as_str()),
            Block::Gallery(gallery) => gallery.images.first().map_or(("", ""), |i| (i.src.as_str(), i.alt.as_str())),
            _ => return first_image(block.children()),
        };
        (!src.is_empty() && is_image_url(src)).then_some((src, alt))
    })
}

/// The schema.org type that describes an organisation kind best.
fn schema_type(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::ExecutiveBody | OrgKind::Municipality => "GovernmentOrganization",
        OrgKind::School => "School",
        OrgKind::Kindergarten => "Preschool",
        // A document does not say whether it is a hospital or an outpatient clinic.
        OrgKind::Medical => "MedicalOrganization",
    }
}

/// Appends the organisation as JSON-LD. Every string goes through `escape::json_string`,
/// which never emits `<`, `>` or `&`, so the element cannot be closed from inside.
fn organisation_json_ld(site: &SiteDocument, options: &RenderOptions, out: &mut String) {
    let meta = &site.site;
    // XSS-safety: browsers treat ld+json as data and never run it (the CSP has no script-src
    // either); the content is built only from constants and `escape::json_string` output.
    out.push_str("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"");
    out.push_str(schema_type(meta.kind));
    out.push_str("\",\"name\":");
    escape::json_string(out, &meta.name);
    out.push_str(",\"url\":\"");
    if let Some((home_id, _)) = site.home_page() {
        page_url(site, home_id, options, escape::json_text, out);
    }
    out.push('"');
    if !meta.tagline.trim().is_empty() {
        out.push_str(",\"description\":");
        escape::json_string(out, meta.tagline.trim());
    }
    let contacts = parse_contacts(&meta.contacts);
    for (key, value) in [("address", contacts.address), ("telephone", contacts.telephone), ("email", contacts.email)] {
        if let Some(value) = value {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            escape::json_string(out, value);
        }
    }
    out.push_str("}</script>\n");
}

/// What could be read from the free-text contacts line of a site.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Contacts<'a> {
    /// The postal address, as written.
    pub address: Option<&'a str>,
    /// The first phone number, as written.
    pub telephone: Option<&'a str>,
    /// The first e-mail address.
    pub email: Option<&'a str>,
}

/// Reads address, phone and e-mail out of a contacts line such as
/// `390000, г. Рязань, ул. Ленина, д. 30 · Телефон: +7 (4912) 00-00-00 · info@example.ru`.
/// Parts are separated by `·`, `;`, `|` or new lines; a part that is clearly none of the three
/// is left out rather than guessed at, because search engines show what JSON-LD claims.
pub fn parse_contacts(contacts: &str) -> Contacts<'_> {
    let mut found = Contacts::default();
    for part in contacts.split(['·', ';', '|', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(email) = email_in(part) {
            found.email = found.email.or(Some(email));
        } else if let Some(phone) = phone_in(part) {
            found.telephone = found.telephone.or(Some(phone));
        } else if looks_like_address(part) {
            found.address = found.address.or(Some(part));
        }
    }
    found
}

/// A word with one `@`, something before it and a dot in the domain after it.
fn email_in(part: &str) -> Option<&str> {
    part.split_whitespace()
        .map(|word| word.trim_start_matches("mailto:").trim_matches(|c: char| ",.;:()<>«»".contains(c)))
        .find(|word| match word.split_once('@') {
            Some((user, domain)) => {
                !user.is_empty() && !domain.contains('@') && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            }
            None => false,
        })
}

/// From the first `+` or digit to the next comma, if that is only phone characters with 7 to 15
/// digits: `Телефон: +7 (4912) 00-00-00` yes, `390000, г. Рязань` no.
fn phone_in(part: &str) -> Option<&str> {
    let start = part.find(|c: char| c == '+' || c.is_ascii_digit())?;
    let candidate = part[start..].split([',', ';']).next()?.trim();
    let digits = candidate.chars().filter(char::is_ascii_digit).count();
    let phone_chars = candidate.chars().all(|c| c.is_ascii_digit() || " +()-\u{2011}\u{2013}".contains(c));
    (phone_chars && (7..=15).contains(&digits)).then_some(candidate)
}

/// A six-digit postal code or a Russian street-address word.
fn looks_like_address(part: &str) -> bool {
    let postal_code = part
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 6);
    const MARKERS: [&str; 8] = ["г. ", "ул.", "улица", "пр-т", "проспект", "пл.", "д. ", "пер."];
    postal_code || MARKERS.iter().any(|marker| part.to_lowercase().contains(marker))
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::{Image, Section};

    #[test]
    fn demo_contacts_are_split_into_address_phone_and_email() {
        let contacts = parse_contacts("390000, г. Рязань, ул. Ленина, д. 30 · Телефон: +7 (4912) 00-00-00 · mincifra@ryazan.example");
        assert_eq!(
            contacts,
            Contacts {
                address: Some("390000, г. Рязань, ул. Ленина, д. 30"),
                telephone: Some("+7 (4912) 00-00-00"),
                email: Some("mincifra@ryazan.example"),
            }
        );
    }

    #[test]
    fn unclear_contacts_are_left_out() {
        assert_eq!(parse_contacts(""), Contacts::default());
        assert_eq!(parse_contacts("Пн–Пт с 9:00 до 18:00; звоните"), Contacts::default());
        let contacts = parse_contacts("тел. 8 (4912) 11-22-33, факс 11-22-34\nE-mail: a@b");
        assert_eq!(contacts.telephone, Some("8 (4912) 11-22-33"));
        assert_eq!(contacts.email, None, "a domain without a dot is not an address");
    }

    #[test]
    fn first_image_is_found_inside_sections_and_unsafe_ones_are_skipped() {
        let image = |id: &str, src: &str| Block::Image(Image { id: id.into(), src: src.into(), alt: id.into(), ..Image::default() });
        let blocks = vec![
            image("bad", "javascript:alert(1)"),
            Block::Section(Section { id: "s".into(), title: String::new(), blocks: vec![image("inner", "/static/a.png")] }),
            image("later", "/static/b.png"),
        ];
        assert_eq!(first_image(&blocks).map(|(_, alt)| alt), Some("inner"));
    }

    #[test]
    fn image_urls_become_absolute() {
        let options = RenderOptions { origin: "https://x.civic.localhost", base_path: "/s/x", ..RenderOptions::default() };
        let mut out = String::new();
        for src in ["/static/a.png", "b.png", "https://cdn.example/c.png"] {
            absolute_url(src, &options, escape::attr, &mut out);
            out.push(' ');
        }
        assert_eq!(out, "https://x.civic.localhost/static/a.png https://x.civic.localhost/s/x/b.png https://cdn.example/c.png ");
    }

    #[test]
    fn schema_types_follow_the_organisation_kind() {
        assert_eq!(schema_type(OrgKind::Municipality), "GovernmentOrganization");
        assert_eq!(schema_type(OrgKind::Kindergarten), "Preschool");
        assert_eq!(schema_type(OrgKind::Medical), "MedicalOrganization");
    }
}
