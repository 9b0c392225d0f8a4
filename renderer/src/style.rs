//! The public stylesheet: one base sheet plus the theme's custom properties, inlined in `<head>`.

use civic_shared::{Theme, ThemeFont};

use crate::accessible::{accessible_style, A11ySettings};

/// Base styles shared by every site. Responsive down to 320 px, system fonts only.
const BASE_CSS: &str = "\
*,*::before,*::after{box-sizing:border-box}\
html{-webkit-text-size-adjust:100%}\
body{margin:0;font-family:var(--civic-font);font-size:1.0625rem;line-height:1.6;color:#1b1f24;background:#f4f6f9}\
a{color:var(--civic-primary);text-underline-offset:.15em}\
a:hover{text-decoration-thickness:2px}\
:focus-visible{outline:3px solid var(--civic-accent);outline-offset:2px}\
.site-header :focus-visible,.site-footer :focus-visible{outline-color:currentColor}\
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#000;padding:.5rem 1rem;z-index:10}\
.skip:focus{left:.5rem;outline:3px solid currentColor;outline-offset:-5px}\
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}\
.site-header{background:var(--civic-primary);color:#fff}\
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:1.25rem;padding-bottom:1.25rem}\
.emblem{flex:none;width:3rem;height:3rem;border-radius:50%;background:#fff;color:var(--civic-primary);display:grid;place-items:center;font-weight:700;font-size:1.25rem}\
.site-name{margin:0;font-size:clamp(1.05rem,2.5vw,1.5rem);line-height:1.25;font-weight:700}\
.site-name a{color:inherit;text-decoration:none}\
.tagline{margin:.25rem 0 0;opacity:.9;font-size:.95rem}\
.site-header .wrap>div{flex:1 1 12rem}\
.site-header .a11y-link{margin-left:auto;color:#fff;font-size:.95rem}\
.site-nav{background:#fff;border-bottom:1px solid #d7dde5}\
.site-nav ul{list-style:none;margin:0 auto;padding:0 1rem;max-width:72rem;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}\
.site-nav a{display:inline-block;padding:.75rem 0;color:#1b1f24;text-decoration:none;border-bottom:3px solid transparent}\
.site-nav a:hover,.site-nav a[aria-current=page]{border-bottom-color:var(--civic-accent);color:var(--civic-primary)}\
main{display:block;padding:2rem 0 3rem}\
main .wrap>*{max-width:48rem}\
h1{font-size:clamp(1.6rem,4vw,2.25rem);line-height:1.2;margin:0 0 1.25rem;color:#0f2747}\
h2{font-size:1.45rem;line-height:1.3;margin:2rem 0 .75rem;color:#0f2747}\
h3{font-size:1.2rem;margin:1.5rem 0 .5rem}\
h4{font-size:1.05rem;margin:1.25rem 0 .5rem}\
p{margin:0 0 1rem}\
figure{margin:1.5rem 0}\
img{max-width:100%;height:auto;display:block;border-radius:4px}\
figcaption{font-size:.9rem;color:#4a5561;margin-top:.5rem}\
.block-section{background:#fff;border:1px solid #d7dde5;border-left:4px solid var(--civic-primary);border-radius:4px;padding:1rem 1.25rem;margin:1.5rem 0}\
.block-section>h2:first-child{margin-top:0}\
.block-section>:last-child{margin-bottom:0}\
.site-footer{background:#1b2430;color:#e8edf3;padding:2rem 0;font-size:.95rem}\
.site-footer a{color:#fff}\
.site-footer p{margin:0 0 .5rem}\
.not-found{padding:2rem 0}\
[data-block].civic-selected{outline:3px dashed var(--civic-accent);outline-offset:4px}\
@media (max-width:40rem){.site-header .wrap{padding-top:.75rem;padding-bottom:.75rem}.emblem{width:2.25rem;height:2.25rem;font-size:1rem}.site-nav ul{gap:0 1rem}}\
@media print{.site-nav,.skip{display:none}.site-header{background:none;color:#000}body{background:#fff}a{color:#000}}\
";

/// Appends the contents of the page's `<style>` element. The edge hashes exactly this text
/// for the Content-Security-Policy, so it must depend on the theme and the accessible
/// version's settings only (both of which the edge knows before rendering).
pub fn inline_style(theme: &Theme, accessible: Option<&A11ySettings>, out: &mut String) {
    out.push_str(":root{--civic-primary:");
    let platform = Theme::platform();
    push_color(out, &theme.primary_color, &platform.primary_color);
    out.push_str(";--civic-accent:");
    push_color(out, &theme.accent_color, &platform.accent_color);
    out.push_str(";--civic-font:");
    out.push_str(match theme.font {
        ThemeFont::Sans => "system-ui,-apple-system,\"Segoe UI\",Roboto,\"PT Sans\",Arial,sans-serif",
        ThemeFont::Serif => "\"PT Serif\",Georgia,\"Times New Roman\",serif",
    });
    out.push('}');
    out.push_str(BASE_CSS);
    out.push_str(crate::block_style::BLOCKS_CSS);
    if let Some(settings) = accessible {
        accessible_style(settings, out);
    }
}

/// Only `#rrggbb` reaches CSS; anything else falls back, so a hostile colour cannot break out.
fn push_color(out: &mut String, color: &str, fallback: &str) {
    out.push_str(if civic_shared::validate::is_hex_color(color) { color } else { fallback });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_colour_cannot_escape_css() {
        let theme = Theme {
            primary_color: "red}</style><script>".into(),
            accent_color: "#00ff00".into(),
            font: ThemeFont::Serif,
            logo_src: String::new(),
            footer_links: Vec::new(),
        };
        let mut css = String::new();
        inline_style(&theme, None, &mut css);
        assert!(css.starts_with(":root{--civic-primary:#1f4e8c;--civic-accent:#00ff00;"));
        assert!(!css.contains("</style>"));
    }
}
