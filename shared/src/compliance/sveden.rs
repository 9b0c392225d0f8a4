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

    /// Every `itemprop` of the subsection, main tags and their fields alike, in table order.
    pub fn itemprops(&self) -> Vec<&'static str> {
        let mut all = Vec::new();
        for item in self.items {
            match item {
                SvedenItem::Field(field) => all.push(field.itemprop),
                SvedenItem::Group(group) => {
                    all.push(group.itemprop);
                    all.extend(group.fields.iter().map(|field| field.itemprop));
                }
            }
        }
        all
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The itemprops the recommendations themselves use more than once in a subsection, each in
    /// a different main tag: (subsection, itemprop, how many times).
    const REUSED: &[(&str, &str, usize)] = &[
        ("struct", "divisionClauseDocLink", 3),
        ("education", "eduCode", 2),
        ("education", "eduName", 2),
        ("education", "eduLevel", 2),
        ("education", "eduProf", 2),
        ("education", "eduForm", 2),
        ("managers", "fio", 3),
        ("managers", "post", 3),
        ("managers", "telephone", 3),
        ("managers", "email", 3),
        ("objects", "objName", 2),
        ("objects", "objAddress", 2),
        ("objects", "objOvz", 2),
    ];


    fn group_in(slug: &str, itemprop: &str) -> &'static SvedenGroup {
        section(slug).unwrap().items.iter().find_map(|item| match item {
            SvedenItem::Group(group) if group.itemprop == itemprop => Some(group),
            _ => None,
        }).unwrap_or_else(|| panic!("/sveden/{slug}: no main tag {itemprop}"))
    }

    fn field_in(slug: &str, itemprop: &str) -> &'static SvedenField {
        section(slug).unwrap().items.iter().find_map(|item| match item {
            SvedenItem::Field(field) if field.itemprop == itemprop => Some(field),
            _ => None,
        }).unwrap_or_else(|| panic!("/sveden/{slug}: no field {itemprop}"))
    }

    #[test]
    fn fourteen_subsections_at_the_prescribed_addresses_in_order() {
        let slugs: Vec<&str> = SECTIONS.iter().map(|section| section.slug).collect();
        assert_eq!(slugs, [
            "common", "struct", "document", "education", "eduStandarts", "managers", "employees",
            "objects", "grants", "paid_edu", "budget", "vacant", "inter", "catering",
        ]);
        let tables: Vec<&str> = SECTIONS.iter().map(|section| section.table).collect();
        assert_eq!(tables, [
            "3.2.1", "3.3.1", "3.4.1", "3.5.1", "3.6.1", "3.7.1", "3.8.1", "3.9.1", "3.10.1",
            "3.11.1", "3.12.1", "3.13.1", "3.14.1", "3.15.1",
        ]);
        assert_eq!(section("objects").unwrap().title, "Материально-техническое обеспечение и оснащённость образовательного процесса. Доступная среда");
        assert!(section("sveden").is_none());
    }

    #[test]
    fn no_itemprop_repeats_within_a_subsection_except_where_the_text_reuses_it() {
        for section in SECTIONS {
            let all = section.itemprops();
            let mut seen: Vec<&str> = Vec::new();
            for itemprop in &all {
                if seen.contains(itemprop) {
                    continue;
                }
                seen.push(itemprop);
                let count = all.iter().filter(|other| *other == itemprop).count();
                let allowed = REUSED.iter().find(|(slug, name, _)| (*slug, *name) == (section.slug, *itemprop)).map_or(1, |(_, _, times)| *times);
                assert_eq!(count, allowed, "/sveden/{}: {itemprop} appears {count} times", section.slug);
            }
        }
        // Every allowance is used, so the list cannot go stale.
        for (slug, itemprop, _) in REUSED {
            assert!(section(slug).unwrap().itemprops().contains(itemprop), "/sveden/{slug}: {itemprop}");
        }
    }

    #[test]
    fn itemprops_are_lower_camel_case_words() {
        for section in SECTIONS {
            for itemprop in section.itemprops() {
                let mut chars = itemprop.chars();
                let first = chars.next();
                assert!(first.is_some_and(|c| c.is_ascii_lowercase()), "/sveden/{}: {itemprop:?}", section.slug);
                assert!(chars.all(|c| c.is_ascii_alphanumeric() || c == '_'), "/sveden/{}: {itemprop:?}", section.slug);
            }
        }
    }

    #[test]
    fn every_group_has_fields_and_every_item_a_label() {
        for section in SECTIONS {
            assert!(!section.items.is_empty(), "/sveden/{}", section.slug);
            for item in section.items {
                match item {
                    SvedenItem::Field(field) => assert!(!field.label.is_empty(), "/sveden/{}: {}", section.slug, field.itemprop),
                    SvedenItem::Group(group) => {
                        assert!(!group.label.is_empty(), "/sveden/{}: {}", section.slug, group.itemprop);
                        assert!(!group.fields.is_empty(), "/sveden/{}: {} has no fields", section.slug, group.itemprop);
                        for field in group.fields {
                            assert!(!field.label.is_empty(), "/sveden/{}: {}/{}", section.slug, group.itemprop, field.itemprop);
                            // A kindergarten never has to fill in a field of a group it does not have.
                            assert!(group.applies.kindergarten || !field.applies.kindergarten, "/sveden/{}: {}/{}", section.slug, group.itemprop, field.itemprop);
                        }
                    }
                }
            }
        }
    }

    /// Neither the site-wide `copy` nor `addRef` belongs to the table.
    #[test]
    fn the_site_wide_tags_are_not_fields() {
        for section in SECTIONS {
            let all = section.itemprops();
            assert!(!all.contains(&"copy") && !all.contains(&"addRef"), "/sveden/{}", section.slug);
        }
    }

    #[test]
    fn spellings_checked_against_the_recommendations() {
        let full_name = field_in("common", "fullName");
        assert_eq!((full_name.kind, full_name.may_be_absent, full_name.applies), (ValueKind::Text, false, BOTH));
        assert!(field_in("common", "shortName").may_be_absent);
        assert_eq!(field_in("common", "licenseDocLink").kind, ValueKind::Document);
        let founders = group_in("common", "uchredLaw");
        assert_eq!(founders.fields[0].itemprop, "nameUchred");
        assert!(founders.fields[1..].iter().all(|field| field.may_be_absent));

        // From 01.09.2025 the accreditation moved from «Основные сведения» to «Образование».
        assert!(!section("common").unwrap().itemprops().contains(&"accreditationDocLink"));
        let accreditation = field_in("education", "accreditationDocLink");
        assert_eq!((accreditation.kind, accreditation.may_be_absent, accreditation.applies), (ValueKind::Document, true, SCHOOL));

        assert_eq!(group_in("struct", "structOrgUprav").fields.iter().map(|field| field.itemprop).collect::<Vec<_>>(),
            ["name", "fio", "post", "addressStr", "site", "email", "divisionClauseDocLink"]);
        assert!(group_in("struct", "filInfo").may_be_absent);

        assert_eq!(field_in("document", "reportEduDocLink").kind, ValueKind::Document);
        assert!(!field_in("document", "tekKontrolDocLink").applies.kindergarten);

        assert_eq!(group_in("education", "eduOp").fields.iter().map(|field| field.itemprop).collect::<Vec<_>>(),
            ["eduCode", "eduName", "eduLevel", "eduProf", "eduForm", "opMain", "educationPlan", "educationRpd", "educationShedule", "eduPr", "methodology"]);
        assert!(group_in("education", "eduAccred").fields.iter().any(|field| field.itemprop == "learningTerm"));

        let manager = group_in("managers", "rucovodstvo");
        assert_eq!(manager.fields.iter().map(|field| field.itemprop).collect::<Vec<_>>(), ["fio", "post", "telephone", "email"]);
        assert_eq!((manager.fields[2].kind, manager.fields[3].kind), (ValueKind::Phone, ValueKind::Email));
        assert!(!group_in("managers", "rucovodstvoZam").may_be_absent);
        assert!(group_in("managers", "rucovodstvoFil").may_be_absent);

        let teachers = group_in("employees", "teachingStaff");
        assert_eq!(teachers.label, "Педагогические работники");
        assert_eq!(teachers.fields.iter().map(|field| field.itemprop).collect::<Vec<_>>(),
            ["fio", "post", "teachingDiscipline", "teachingLevel", "degree", "academStat", "qualification", "profDevelopment", "specExperience", "teachingOp"]);

        assert_eq!(group_in("objects", "purposeLibr").fields[0].itemprop, "objName");
        assert!(field_in("objects", "interInfo").applies == SCHOOL);
        assert!(!section("objects").unwrap().itemprops().contains(&"hostelInfo"));

        assert!(field_in("paid_edu", "paidParents").may_be_absent);
        assert_eq!(group_in("vacant", "vacant").fields.iter().map(|field| field.itemprop).collect::<Vec<_>>()[6..],
            ["numberBFVacant", "numberBRVacant", "numberBMVacant", "numberPVacant"]);
        assert_eq!(group_in("inter", "internationalDog").fields.iter().map(|field| field.itemprop).collect::<Vec<_>>(), ["stateName", "orgName", "dogReg"]);

        let meals = group_in("catering", "meals");
        assert_eq!(meals.fields.iter().map(|field| field.itemprop).collect::<Vec<_>>(), ["objName", "objAddress", "objOvz"]);
        assert_eq!(field_in("catering", "health").kind, ValueKind::Text);
    }
}
