//! The accessible version («Версия для слабовидящих»): the visitor's settings and their
//! compact encoding for a cookie. Markup of the panel is in `panel`, its CSS in `css`.
//!
//! Encoding: pairs of a key letter and a digit, e.g. `z3f0l0h0c1i0`. Parsing is tolerant:
//! unknown keys and out-of-range digits are skipped, so a stale or forged cookie only ever
//! falls back to defaults, field by field.

mod css;
mod panel;

pub(crate) use css::accessible_style;
pub(crate) use panel::{header_link, image_alt_box, settings_panel, SettingsLinks};

/// The worker route that changes the settings, under a site's base path: `/s/<site>/_a11y`
/// locally, `/_a11y` on the site's own host. Page slugs cannot start with `_`.
pub const SETTINGS_ROUTE: &str = "_a11y";
/// Query parameter with what to change: pairs like `c1`, or [`SET_ON`] / [`SET_OFF`].
pub const SET_PARAM: &str = "set";
/// Query parameter with the page to return to (a path on the same site).
pub const BACK_PARAM: &str = "back";
/// `set` value that turns the accessible version on (current settings kept, else defaults).
pub const SET_ON: &str = "on";
/// `set` value that returns to the usual version.
pub const SET_OFF: &str = "off";

/// Everything a visitor of the accessible version chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct A11ySettings {
    /// Font size, one of five steps.
    pub font_size: FontSize,
    /// Sans or serif.
    pub font: A11yFont,
    /// Space between letters.
    pub letter_spacing: LetterSpacing,
    /// Space between lines.
    pub line_spacing: LineSpacing,
    /// Text and background colours.
    pub scheme: ColorScheme,
    /// Pictures shown, replaced by their text alternative, or greyscale.
    pub images: Images,
}

/// One of the settings: a small enum whose choices are encoded as a key letter and a digit
/// (the choice's position in `ALL`).
pub trait Choice: Copy + PartialEq + 'static {
    /// The key letter in the encoding.
    const KEY: u8;
    /// Every choice, in the order the panel shows them.
    const ALL: &'static [Self];

    /// The digit that stands for this choice.
    fn digit(self) -> u8 {
        // At most ten choices per setting, so the position fits one digit.
        Self::ALL.iter().position(|c| *c == self).unwrap_or(0) as u8
    }

    /// The choice for a digit, if there is one.
    fn from_digit(digit: u8) -> Option<Self> {
        Self::ALL.get(usize::from(digit)).copied()
    }
}

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident = $key:literal { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl Choice for $name {
            const KEY: u8 = $key;
            const ALL: &'static [$name] = &[$($name::$variant),+];
        }
    };
}

choice!(
    /// Root font size in five steps of the browser's default size.
    FontSize = b'z' {
        /// 100 %.
        Percent100,
        /// 125 %.
        #[default]
        Percent125,
        /// 150 %.
        Percent150,
        /// 175 %.
        Percent175,
        /// 200 %.
        Percent200,
    }
);
choice!(
    /// A plain font without decorations (the decree's item «н»), with or without serifs.
    A11yFont = b'f' {
        /// Without serifs.
        #[default]
        Sans,
        /// With serifs.
        Serif,
    }
);
choice!(
    /// Space between letters (and words).
    LetterSpacing = b'l' {
        /// The site's own.
        #[default]
        Normal,
        /// 0.1 em between letters.
        Wide,
        /// 0.2 em between letters.
        Wider,
    }
);
choice!(
    /// Space between lines of running text.
    LineSpacing = b'h' {
        /// The site's own (1.6).
        #[default]
        Normal,
        /// One and a half times the site's own.
        OneAndHalf,
        /// Twice the site's own.
        Double,
    }
);
choice!(
    /// The five colour schemes that Russian accessible versions traditionally offer.
    ColorScheme = b'c' {
        /// Black text on a white background.
        #[default]
        BlackOnWhite,
        /// White text on a black background.
        WhiteOnBlack,
        /// Dark blue text on a light blue background.
        BlueOnLightBlue,
        /// Brown text on a beige background.
        BrownOnBeige,
        /// Green text on a dark brown background.
        GreenOnDarkBrown,
    }
);
choice!(
    /// What happens to pictures.
    Images = b'i' {
        /// Shown as they are.
        #[default]
        On,
        /// Replaced by their text alternative in a visible box.
        Off,
        /// Shown in shades of grey.
        Greyscale,
    }
);

/// Colours of one scheme, as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeColors {
    /// Text.
    pub text: &'static str,
    /// Background.
    pub background: &'static str,
    /// Links (underlined as well, so colour is never the only cue).
    pub link: &'static str,
}

impl ColorScheme {
    /// The scheme's colours. Each pair has a contrast of at least 4.5:1 (tested below).
    pub fn colors(self) -> SchemeColors {
        let (text, background, link) = match self {
            ColorScheme::BlackOnWhite => ("#000000", "#ffffff", "#000000"),
            ColorScheme::WhiteOnBlack => ("#ffffff", "#000000", "#ffffff"),
            ColorScheme::BlueOnLightBlue => ("#063462", "#9dd1ff", "#063462"),
            ColorScheme::BrownOnBeige => ("#4d4b43", "#f7f3d6", "#4d4b43"),
            ColorScheme::GreenOnDarkBrown => ("#a9e44d", "#3b2716", "#a9e44d"),
        };
        SchemeColors { text, background, link }
    }
}

impl FontSize {
    /// The root font size in per cent; every length of the base sheet is in `rem`, so all scales.
    pub fn percent(self) -> u16 {
        100 + 25 * u16::from(self.digit())
    }
}

/// Longest cookie value worth reading; real ones are 12 bytes.
const MAX_ENCODED: usize = 64;

impl A11ySettings {
    /// Reads a cookie value. Never fails: whatever is not understood keeps its default.
    pub fn parse(encoded: &str) -> Self {
        let mut settings = Self::default();
        settings.apply(encoded);
        settings
    }

    /// Applies `key digit` pairs over the current settings (the panel's links carry one pair).
    pub fn apply(&mut self, pairs: &str) {
        let bytes = pairs.as_bytes();
        let bytes = &bytes[..bytes.len().min(MAX_ENCODED)];
        // Scans rather than splitting into fixed pairs, so one stray byte does not shift
        // every pair after it.
        let mut i = 0;
        while let [key, digit, ..] = bytes[i..] {
            if !digit.is_ascii_digit() {
                i += 1;
                continue;
            }
            let digit = digit - b'0';
            set(&mut self.font_size, key, digit);
            set(&mut self.font, key, digit);
            set(&mut self.letter_spacing, key, digit);
            set(&mut self.line_spacing, key, digit);
            set(&mut self.scheme, key, digit);
            set(&mut self.images, key, digit);
            i += 2;
        }
    }

    /// The compact form for the cookie (and the page cache key): `z1f0l0h0c0i0`.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(12);
        push_pair(&mut out, self.font_size);
        push_pair(&mut out, self.font);
        push_pair(&mut out, self.letter_spacing);
        push_pair(&mut out, self.line_spacing);
        push_pair(&mut out, self.scheme);
        push_pair(&mut out, self.images);
        out
    }
}

/// Sets `field` if the pair is for this setting and names one of its choices.
fn set<T: Choice>(field: &mut T, key: u8, digit: u8) {
    if key == T::KEY {
        if let Some(value) = T::from_digit(digit) {
            *field = value;
        }
    }
}

/// Appends the pair for one choice (`c1`): the cookie and the panel's links use the same form.
pub(crate) fn push_pair<T: Choice>(out: &mut String, choice: T) {
    out.push(char::from(T::KEY));
    out.push(char::from(b'0' + choice.digit()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_parse_round_trip_for_every_choice() {
        for &font_size in FontSize::ALL {
            for &scheme in ColorScheme::ALL {
                for &images in Images::ALL {
                    let settings = A11ySettings {
                        font_size,
                        font: A11yFont::Serif,
                        letter_spacing: LetterSpacing::Wider,
                        line_spacing: LineSpacing::OneAndHalf,
                        scheme,
                        images,
                    };
                    assert_eq!(A11ySettings::parse(&settings.encode()), settings);
                }
            }
        }
        assert_eq!(A11ySettings::default().encode(), "z1f0l0h0c0i0");
    }

    #[test]
    fn garbage_falls_back_to_defaults() {
        for garbage in ["", "x", "zz", "z9", "c7i5", "\u{0}\u{1}", "ёё", "z", "<script>", "z\u{0}4"] {
            assert_eq!(A11ySettings::parse(garbage), A11ySettings::default(), "{garbage:?}");
        }
        // Only the first bytes are read, however long the value.
        let long = format!("{}c1", "z4".repeat(100));
        assert_eq!(A11ySettings::parse(&long).scheme, ColorScheme::BlackOnWhite);
        // Good pairs survive bad neighbours, even a stray byte before them.
        assert_eq!(A11ySettings::parse("xc1").scheme, ColorScheme::WhiteOnBlack);
        let settings = A11ySettings::parse("q1c1zzi2z9");
        assert_eq!(settings.scheme, ColorScheme::WhiteOnBlack);
        assert_eq!(settings.images, Images::Greyscale);
        assert_eq!(settings.font_size, FontSize::default());
    }

    #[test]
    fn apply_changes_one_setting() {
        let mut settings = A11ySettings::parse("z4c2");
        settings.apply("i1");
        assert_eq!(settings.font_size, FontSize::Percent200);
        assert_eq!(settings.scheme, ColorScheme::BlueOnLightBlue);
        assert_eq!(settings.images, Images::Off);
        assert_eq!(ColorScheme::BrownOnBeige.digit(), 3);
    }

    #[test]
    fn font_sizes_step_by_a_quarter() {
        let percents: Vec<u16> = FontSize::ALL.iter().map(|s| s.percent()).collect();
        assert_eq!(percents, [100, 125, 150, 175, 200]);
    }

    /// WCAG 2.x relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn luminance_formula_matches_known_values() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_scheme_has_contrast_of_at_least_4_5() {
        for &scheme in ColorScheme::ALL {
            let c = scheme.colors();
            let text = contrast(c.text, c.background);
            let link = contrast(c.link, c.background);
            assert!(text >= 4.5, "{scheme:?}: text contrast {text:.2}");
            assert!(link >= 4.5, "{scheme:?}: link contrast {link:.2}");
        }
    }
}
