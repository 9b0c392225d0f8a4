//! Data and feedback blocks: they only say what to show (a title, a limit, a filter); the
//! platform passes the collections themselves in the render context.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Latest news.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewsFeed {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// How many items to show.
    #[serde(default = "default_limit")]
    #[cfg_attr(feature = "json-schema", schemars(range(min = 1, max = 50)))]
    pub limit: u16,
}

fn default_limit() -> u16 {
    5
}

/// One news item in full.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewsItemBlock {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Id of the news item; empty means the one the page is opened for.
    #[serde(default)]
    pub news_id: String,
}

/// Announcements.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Announcements {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// How many items to show.
    #[serde(default = "default_limit")]
    #[cfg_attr(feature = "json-schema", schemars(range(min = 1, max = 50)))]
    pub limit: u16,
}

/// Official documents, optionally of one kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentList {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Only documents of this kind (e.g. «Приказ»); empty shows all.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub kind: String,
}

/// Staff directory, optionally of one department.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffDirectory {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Only staff of this department; empty shows all.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub department: String,
}

/// Phone directory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PhoneDirectory {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
}

/// Reception schedule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReceptionSchedule {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
}

/// Vacancies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Vacancies {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
}

/// The appeal form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AppealForm {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// Topics offered in the form.
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(length(max = 50), inner(length(min = 1, max = crate::validate::MAX_LINE))))]
    pub topics: Vec<String>,
    /// Show the answers the body published (without personal data) below the form.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub show_answers: bool,
}

/// A poll, by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PollBlock {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Id of the poll; empty shows the newest open one.
    #[serde(default)]
    pub poll_id: String,
}

/// Official social pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SocialLinks {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// The official pages.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = 20)))]
    pub links: Vec<SocialLink>,
    /// The federal feedback platform's widget (`https://pos.gosuslugi.ru/…`), shown in a
    /// sandboxed frame beside the links; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pos_widget: String,
}

/// One official social page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SocialLink {
    /// Which network the page is on.
    pub network: SocialNetwork,
    /// Address of the page: an `https:` URL.
    pub url: String,
}

/// Networks where public bodies keep official pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SocialNetwork {
    /// VK (VKontakte).
    #[default]
    Vk,
    /// Odnoklassniki.
    Ok,
    /// Telegram.
    Telegram,
    /// The MAX messenger.
    Max,
    /// RUTUBE.
    Rutube,
}

/// «Анализ обращений».
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AppealAnalysis {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// Heading above the block; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_LINE)))]
    pub title: String,
}

/// One subsection of «Сведения об образовательной организации» (`/sveden/<section>`) with the
/// values of its fields, shown with the microdata Rosobrnadzor prescribes
/// ([`crate::compliance::sveden`] lists the fields and their tags).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sveden {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// The subsection: `common`, `struct`, `document`… (the last part of its address).
    pub section: String,
    /// The subsection's own fields: value by `itemprop`. An empty or absent value is not shown.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub values: IndexMap<String, String>,
    /// The rows of each main tag («главный тег»), by its `itemprop`; a row holds its fields'
    /// values by `itemprop`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub groups: IndexMap<String, Vec<IndexMap<String, String>>>,
}

/// A public discussion of a draft document: the draft, the comment period, the comments that
/// passed moderation, a form while the period runs, and the summary after it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Discussion {
    /// Unique within the page: latin letters, digits, `-` and `_`.
    #[cfg_attr(feature = "json-schema", schemars(pattern(crate::json_schema::ID_PATTERN)))]
    pub id: String,
    /// The draft's title.
    #[cfg_attr(feature = "json-schema", schemars(length(min = 1, max = crate::validate::MAX_LINE)))]
    pub title: String,
    /// The draft's file or page.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document_href: String,
    /// First and last day of the comment period, `YYYY-MM-DD`.
    pub opens: String,
    pub closes: String,
    /// The summary of the discussion, published when it is over.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "json-schema", schemars(length(max = crate::validate::MAX_TEXT)))]
    pub summary: String,
}
