//! The special section «Сведения об образовательной организации» as Rosobrnadzor's methodical
//! recommendations (version 9.0.0, 2025) describe it: for each of the 14 subsections, every
//! piece of information with the `itemprop` that marks it, and which tags nest inside which
//! («главный тег»). Outside checkers (АИС «Мониторинг») parse exactly these tags, so the
//! renderer writes them from this table and the compliance checker reads it too.
//!
//! Source: `../shared/law/rosobrnadzor-methodical-recommendations-2025-v9.txt`, tables 3.1–3.15.

/// What a value is, so the form can check it and the page can show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Text (a name, an address, a description, a number…).
    Text,
    /// A date, «дд.мм.гггг».
    Date,
    /// A link to a document (an electronic copy, a scan): shown as a link carrying the itemprop.
    Document,
    /// The address of a site or page: shown as a link.
    Url,
    /// E-mail addresses, separated by «;».
    Email,
    /// Telephone numbers, separated by «;».
    Phone,
}

/// Which kinds of educational organisation must publish an item (the recommendations cover
/// universities and colleges too; Civic serves schools and kindergartens).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applies {
    pub school: bool,
    pub kindergarten: bool,
}

/// Both schools and kindergartens.
pub const BOTH: Applies = Applies { school: true, kindergarten: true };
/// Schools only (e.g. state accreditation, which preschool programmes do not have).
pub const SCHOOL: Applies = Applies { school: true, kindergarten: false };

/// One piece of information and its tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvedenField {
    /// The `itemprop` value, exactly as the recommendations spell it.
    pub itemprop: &'static str,
    /// What the visitor reads beside the value (Russian, from the recommendations' templates).
    pub label: &'static str,
    pub kind: ValueKind,
    /// Marked «*» in the recommendations: when there is no such information, the page says
    /// «отсутствует» (or «нет») inside the tag.
    pub may_be_absent: bool,
    pub applies: Applies,
}

/// An item of a subsection: a field of its own, or a main tag («главный тег») whose fields sit
/// inside it, repeated once per thing described (per founder, per programme, per teacher…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvedenItem {
    Field(SvedenField),
    Group(SvedenGroup),
}

/// A main tag and the fields nested in it; the page shows it as a table, one row (`<tr
/// itemprop="…">`) per repetition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvedenGroup {
    /// The main tag's `itemprop`.
    pub itemprop: &'static str,
    /// The table's caption (Russian).
    pub label: &'static str,
    pub fields: &'static [SvedenField],
    /// Marked «*»: an organisation without such things writes «отсутствует».
    pub may_be_absent: bool,
    pub applies: Applies,
}

/// One subsection: its address under `/sveden/`, its title and its items in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvedenSection {
    /// The last part of the address: `common` for `/sveden/common`.
    pub slug: &'static str,
    /// The subsection's title, as in table 3.1.
    pub title: &'static str,
    /// The recommendations' table listing the tags, e.g. «3.2.1».
    pub table: &'static str,
    pub items: &'static [SvedenItem],
}

impl SvedenSection {
    /// The subsection's own field with this `itemprop`.
    pub fn field(&self, itemprop: &str) -> Option<&'static SvedenField> {
        self.items.iter().find_map(|item| match item {
            SvedenItem::Field(field) if field.itemprop == itemprop => Some(field),
            _ => None,
        })
    }

    /// The main tag with this `itemprop`.
    pub fn group(&self, itemprop: &str) -> Option<&'static SvedenGroup> {
        self.items.iter().find_map(|item| match item {
            SvedenItem::Group(group) if group.itemprop == itemprop => Some(group),
            _ => None,
        })
    }
}

impl SvedenGroup {
    /// The field with this `itemprop` inside the main tag.
    pub fn field(&self, itemprop: &str) -> Option<&'static SvedenField> {
        self.fields.iter().find(|field| field.itemprop == itemprop)
    }
}

impl SvedenItem {
    /// Whether an organisation of this kind publishes the item.
    pub fn applies_to(&self, kind: crate::OrgKind) -> bool {
        let applies = match self {
            SvedenItem::Field(field) => field.applies,
            SvedenItem::Group(group) => group.applies,
        };
        match kind {
            crate::OrgKind::School => applies.school,
            crate::OrgKind::Kindergarten => applies.kindergarten,
            _ => false,
        }
    }
}

/// The words that say the information does not exist («отсутствует», «нет»): the
/// recommendations have them written inside the tag of an item marked «*».
pub fn is_absent(value: &str) -> bool {
    let value = value.trim().trim_end_matches('.');
    value.eq_ignore_ascii_case("отсутствует") || value == "Отсутствует" || value == "нет" || value == "Нет"
}

/// Shorthand for the data table.
pub(crate) const fn field(itemprop: &'static str, label: &'static str, kind: ValueKind, may_be_absent: bool, applies: Applies) -> SvedenItem {
    SvedenItem::Field(SvedenField { itemprop, label, kind, may_be_absent, applies })
}

/// Shorthand for a field inside a group.
pub(crate) const fn sub(itemprop: &'static str, label: &'static str, kind: ValueKind, may_be_absent: bool, applies: Applies) -> SvedenField {
    SvedenField { itemprop, label, kind, may_be_absent, applies }
}

/// Shorthand for a group.
pub(crate) const fn group(itemprop: &'static str, label: &'static str, fields: &'static [SvedenField], may_be_absent: bool, applies: Applies) -> SvedenItem {
    SvedenItem::Group(SvedenGroup { itemprop, label, fields, may_be_absent, applies })
}

mod data;
pub use data::SECTIONS;

/// The subsection at `/sveden/<slug>`.
pub fn section(slug: &str) -> Option<&'static SvedenSection> {
    SECTIONS.iter().find(|section| section.slug == slug)
}
