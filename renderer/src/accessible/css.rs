//! CSS of the accessible version, appended after the base sheet in the same `<style>`.
//! Everything here is constant text or a value chosen from a fixed table: no visitor input
//! reaches the stylesheet, which keeps it safe and lets the edge hash it for the CSP.

use std::fmt::Write;

use super::{A11yFont, A11ySettings, Choice, ColorScheme, Images, LetterSpacing, LineSpacing};

/// The panel, the picture stand-ins and the rules that do not depend on the settings.
/// The panel's own text is capped in size so that at the largest font it still fits a
/// phone screen or two rather than pushing the page far down; side paddings are capped too,
/// so that large text keeps the width of a phone.
const PANEL_CSS: &str = "\
a{text-decoration:underline!important}\
.site-header .emblem{border:2px solid}\
.site-nav,.site-footer,.block-section{border-color:currentColor}\
.site-nav,.site-footer{border-style:solid;border-width:2px 0}\
.wrap,.site-nav ul{padding-left:min(1rem,16px);padding-right:min(1rem,16px)}\
.block-section{padding:min(1rem,16px)}\
.a11y-panel{border-bottom:3px solid;padding:.5rem 0;font-size:min(1.0625rem,22px);line-height:1.5}\
.a11y-panel .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}\
.a11y-group{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem}\
.a11y-label{font-weight:700}\
.a11y-panel ul{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;margin:0;padding:0}\
.a11y-panel a{display:inline-block;padding:.125rem .5rem;border:2px solid;border-radius:4px;text-decoration:none!important}\
.a11y-panel a[aria-current=true]{border-width:4px;font-weight:700;text-decoration:underline!important}\
.a11y-panel .a11y-off{font-weight:700}\
.img-alt{display:block;border:2px dashed;padding:1rem}\
.img-alt-label{font-weight:700}\
";

/// Appends the rules for `settings`.
pub fn accessible_style(settings: &A11ySettings, out: &mut String) {
    let colors = settings.scheme.colors();
    out.push_str(":root{--civic-primary:");
    out.push_str(colors.text);
    out.push_str(";--civic-accent:");
    out.push_str(colors.text);
    out.push_str(";--civic-font:");
    out.push_str(match settings.font {
        // Plain fonts without decorations; the decree asks for that explicitly.
        A11yFont::Sans => "Arial,\"PT Sans\",Verdana,sans-serif",
        A11yFont::Serif => "\"PT Serif\",Georgia,\"Times New Roman\",serif",
    });
    out.push_str("}html{font-size:");
    push_number(out, settings.font_size.percent());
    // One colour pair for all text: site colours and blocks added later all follow, which is
    // what keeps every text at the tested contrast. Borders keep their colours (transparent
    // ones must stay transparent); the visible ones are set to the text colour below.
    out.push_str("%}*,*::before,*::after{color:");
    out.push_str(colors.text);
    out.push_str("!important;background-color:");
    out.push_str(colors.background);
    out.push_str("!important;box-shadow:none!important;text-shadow:none!important}a{color:");
    out.push_str(colors.link);
    out.push_str("!important}body{overflow-wrap:anywhere;hyphens:auto");
    out.push_str(match settings.letter_spacing {
        LetterSpacing::Normal => "",
        LetterSpacing::Wide => ";letter-spacing:.1em;word-spacing:.16em",
        LetterSpacing::Wider => ";letter-spacing:.2em;word-spacing:.32em",
    });
    // Multiples of the base sheet's 1.6; headings keep their own tighter spacing.
    out.push_str(match settings.line_spacing {
        LineSpacing::Normal => "",
        LineSpacing::OneAndHalf => ";line-height:2.4",
        LineSpacing::Double => ";line-height:3.2",
    });
    out.push('}');
    if settings.images == Images::Greyscale {
        out.push_str("img{filter:grayscale(1)}");
    }
    out.push_str(PANEL_CSS);
    // Each scheme's link in the panel is drawn in that scheme, so the choice is visible.
    for &scheme in ColorScheme::ALL {
        let c = scheme.colors();
        out.push_str(".a11y-panel .a11y-scheme-");
        push_number(out, u16::from(scheme.digit()));
        out.push_str("{color:");
        out.push_str(c.text);
        out.push_str("!important;background-color:");
        out.push_str(c.background);
        out.push_str("!important;border-color:");
        out.push_str(c.text);
        out.push_str("!important}");
    }
}

fn push_number(out: &mut String, n: u16) {
    // Writing into a String cannot fail.
    let _ = write!(out, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accessible::FontSize;

    #[test]
    fn settings_reach_the_stylesheet() {
        let settings = A11ySettings {
            font_size: FontSize::Percent200,
            scheme: ColorScheme::WhiteOnBlack,
            images: Images::Greyscale,
            letter_spacing: LetterSpacing::Wider,
            line_spacing: LineSpacing::Double,
            font: A11yFont::Serif,
        };
        let mut css = String::new();
        accessible_style(&settings, &mut css);
        assert!(css.contains("html{font-size:200%}"));
        assert!(css.contains("color:#ffffff!important;background-color:#000000!important"));
        assert!(css.contains("img{filter:grayscale(1)}"));
        assert!(css.contains("letter-spacing:.2em"));
        assert!(css.contains("line-height:3.2"));
        assert!(css.contains("\"PT Serif\""));
        assert!(css.contains(".a11y-scheme-4{color:#a9e44d"));
        assert!(css.len() < 4 * 1024, "accessible CSS stays small: {} bytes", css.len());
    }
}
