//! The 14 subsections' tags, transcribed from tables 3.2.1–3.15.1 of the recommendations.

use super::ValueKind::*;
use super::*;

/// Every subsection in the order of order №1493 and table 3.1.
pub static SECTIONS: &[SvedenSection] = &[
    SvedenSection {
        slug: "common",
        title: "Основные сведения",
        table: "3.2.1",
        items: &[
            field("fullName", "Полное наименование образовательной организации", Text, false, BOTH),
            field("shortName", "Сокращенное наименование образовательной организации", Text, true, BOTH),
            field("regDate", "Дата создания образовательной организации", Date, false, BOTH),
            group("uchredLaw", "Учредители", &[
                sub("nameUchred", "Наименование учредителя", Text, false, BOTH),
                sub("addressUchred", "Адрес местонахождения учредителя", Text, true, BOTH),
                sub("telUchred", "Контактные телефоны", Phone, true, BOTH),
                sub("mailUchred", "Адрес электронной почты", Email, true, BOTH),
                sub("websiteUchred", "Адрес сайта учредителя в сети «Интернет»", Url, true, BOTH),
            ], false, BOTH),
            // … the rest of table 3.2.1
        ],
    },
    // … the other 13 subsections
];
