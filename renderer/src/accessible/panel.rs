//! Markup of the accessible version: the header link, the settings panel at the top of the
//! page and the stand-in for pictures that are switched off. Plain links, no script: each
//! link asks the worker to change one setting and come back to this page.

use super::{
    push_pair, A11yFont, A11ySettings, Choice, ColorScheme, FontSize, Images, LetterSpacing, LineSpacing, BACK_PARAM,
    SETTINGS_ROUTE, SET_OFF, SET_ON, SET_PARAM,
};
use crate::escape;

/// Interface strings of the accessible version, in Russian like the public pages.
mod text {
    pub const TURN_ON: &str = "Версия для слабовидящих";
    pub const TURN_OFF: &str = "Обычная версия";
    pub const PANEL: &str = "Настройки версии для слабовидящих";
    pub const FONT_SIZE: &str = "Размер шрифта";
    pub const FONT_SIZES: [&str; 5] = ["100%", "125%", "150%", "175%", "200%"];
    pub const FONT: &str = "Шрифт";
    pub const FONTS: [&str; 2] = ["Без засечек", "С засечками"];
    pub const LETTER_SPACING: &str = "Интервал между буквами";
    pub const LETTER_SPACINGS: [&str; 3] = ["Обычный", "Увеличенный", "Большой"];
    pub const LINE_SPACING: &str = "Межстрочный интервал";
    pub const LINE_SPACINGS: [&str; 3] = ["Одинарный", "Полуторный", "Двойной"];
    pub const SCHEME: &str = "Цвета";
    pub const SCHEMES: [&str; 5] = [
        "Чёрный текст на белом фоне",
        "Белый текст на чёрном фоне",
        "Тёмно-синий текст на голубом фоне",
        "Коричневый текст на бежевом фоне",
        "Зелёный текст на тёмно-коричневом фоне",
    ];
    pub const IMAGES: &str = "Изображения";
    pub const IMAGE_CHOICES: [&str; 3] = ["Показывать", "Не показывать", "Чёрно-белые"];
    pub const IMAGE: &str = "Изображение:";
}

/// Where the panel's links go: the settings route of this site, and the page to come back to.
pub struct SettingsLinks<'a> {
    /// Path prefix of the site (`/s/<slug>` or empty).
    pub base_path: &'a str,
    /// Path of the page being rendered, e.g. `/s/mincifra/kontakty`.
    pub back: &'a str,
}

impl SettingsLinks<'_> {
    /// Appends ` href="…/_a11y?set=<set>&back=<back>"`.
    fn push_href(&self, set: &str, out: &mut String) {
        out.push_str(" href=\"");
        escape::attr(out, self.base_path);
        out.push('/');
        out.push_str(SETTINGS_ROUTE);
        out.push('?');
        out.push_str(SET_PARAM);
        out.push('=');
        push_query_value(out, set);
        out.push_str("&amp;");
        out.push_str(BACK_PARAM);
        out.push('=');
        push_query_value(out, self.back);
        out.push('"');
    }
}

/// The header's way in: «Версия для слабовидящих».
pub fn header_link(links: &SettingsLinks, out: &mut String) {
    out.push_str("<a class=\"a11y-link\"");
    links.push_href(SET_ON, out);
    out.push('>');
    out.push_str(text::TURN_ON);
    out.push_str("</a>\n");
}

/// The settings panel shown at the top of every page of the accessible version.
pub fn settings_panel(settings: &A11ySettings, links: &SettingsLinks, out: &mut String) {
    out.push_str("<nav class=\"a11y-panel\" aria-label=\"");
    out.push_str(text::PANEL);
    out.push_str("\"><div class=\"wrap\">\n");
    group::<FontSize>(out, links, "size", text::FONT_SIZE, &text::FONT_SIZES, settings.font_size, None);
    group::<A11yFont>(out, links, "font", text::FONT, &text::FONTS, settings.font, None);
    group::<LetterSpacing>(out, links, "letters", text::LETTER_SPACING, &text::LETTER_SPACINGS, settings.letter_spacing, None);
    group::<LineSpacing>(out, links, "lines", text::LINE_SPACING, &text::LINE_SPACINGS, settings.line_spacing, None);
    group::<ColorScheme>(out, links, "scheme", text::SCHEME, &text::SCHEMES, settings.scheme, Some("a11y-scheme-"));
    group::<Images>(out, links, "images", text::IMAGES, &text::IMAGE_CHOICES, settings.images, None);
    out.push_str("<a class=\"a11y-off\"");
    links.push_href(SET_OFF, out);
    out.push('>');
    out.push_str(text::TURN_OFF);
    out.push_str("</a>\n</div></nav>\n");
}

/// One setting: its name and a link per choice, the current one marked for assistive
/// technology (`aria-current`) and by its look.
fn group<T: Choice>(
    out: &mut String,
    links: &SettingsLinks,
    id: &str,
    label: &str,
    names: &[&str],
    current: T,
    class_prefix: Option<&str>,
) {
    out.push_str("<div class=\"a11y-group\" role=\"group\" aria-labelledby=\"a11y-");
    out.push_str(id);
    out.push_str("\"><span class=\"a11y-label\" id=\"a11y-");
    out.push_str(id);
    out.push_str("\">");
    out.push_str(label);
    out.push_str("</span><ul>\n");
    let mut set = String::with_capacity(2);
    for (&choice, name) in T::ALL.iter().zip(names) {
        set.clear();
        push_pair(&mut set, choice);
        out.push_str("<li><a");
        if let Some(prefix) = class_prefix {
            out.push_str(" class=\"");
            out.push_str(prefix);
            out.push(char::from(b'0' + choice.digit()));
            out.push('"');
        }
        links.push_href(&set, out);
        if choice == current {
            out.push_str(" aria-current=\"true\"");
        }
        out.push('>');
        out.push_str(name);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul></div>\n");
}

/// What a switched-off picture leaves: its text alternative, visibly, so nothing is lost.
/// A picture without one is decorative and leaves nothing.
pub fn image_alt_box(alt: &str, out: &mut String) {
    if alt.trim().is_empty() {
        return;
    }
    out.push_str("<span class=\"img-alt\"><span class=\"img-alt-label\">");
    out.push_str(text::IMAGE);
    out.push_str("</span> ");
    escape::text(out, alt);
    out.push_str("</span>");
}

/// Percent-encodes a query value; what is left is safe in an attribute as well.
fn push_query_value(out: &mut String, value: &str) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINKS: SettingsLinks = SettingsLinks { base_path: "/s/mincifra", back: "/s/mincifra/kontakty" };

    #[test]
    fn every_setting_has_its_texts() {
        assert_eq!(text::FONT_SIZES.len(), FontSize::ALL.len());
        assert_eq!(text::FONTS.len(), A11yFont::ALL.len());
        assert_eq!(text::LETTER_SPACINGS.len(), LetterSpacing::ALL.len());
        assert_eq!(text::LINE_SPACINGS.len(), LineSpacing::ALL.len());
        assert_eq!(text::SCHEMES.len(), ColorScheme::ALL.len());
        assert_eq!(text::IMAGE_CHOICES.len(), Images::ALL.len());
    }

    #[test]
    fn panel_links_change_one_setting_and_mark_the_current_one() {
        let settings = A11ySettings { scheme: ColorScheme::WhiteOnBlack, ..A11ySettings::default() };
        let mut html = String::new();
        settings_panel(&settings, &LINKS, &mut html);
        assert!(html.contains(
            "<a class=\"a11y-scheme-1\" href=\"/s/mincifra/_a11y?set=c1&amp;back=/s/mincifra/kontakty\" aria-current=\"true\">Белый текст на чёрном фоне</a>"
        ));
        assert!(html.contains("href=\"/s/mincifra/_a11y?set=z4&amp;back=/s/mincifra/kontakty\">200%</a>"));
        assert!(html.contains(">Обычная версия</a>"));
        // One current choice per setting.
        assert_eq!(html.matches("aria-current=\"true\"").count(), 6);
    }

    #[test]
    fn hostile_back_path_is_encoded() {
        let links = SettingsLinks { base_path: "", back: "/\"><script>&x" };
        let mut html = String::new();
        header_link(&links, &mut html);
        assert_eq!(
            html,
            "<a class=\"a11y-link\" href=\"/_a11y?set=on&amp;back=/%22%3E%3Cscript%3E%26x\">Версия для слабовидящих</a>\n"
        );
    }

    #[test]
    fn switched_off_picture_shows_its_alt_text() {
        let mut html = String::new();
        image_alt_box("Здание <министерства>", &mut html);
        assert_eq!(
            html,
            "<span class=\"img-alt\"><span class=\"img-alt-label\">Изображение:</span> Здание &lt;министерства&gt;</span>"
        );
        html.clear();
        image_alt_box("  ", &mut html);
        assert_eq!(html, "");
    }
}
