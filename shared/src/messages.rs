//! Every user-facing message of `shared`, in Russian (the default) and English.

use crate::validate::ProblemKind;

/// Interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Russian, the default.
    #[default]
    Ru,
    /// English.
    En,
}

impl ProblemKind {
    /// The message a clerk reads next to the field.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match (self, lang) {
            (UnsupportedSchemaVersion { found }, Lang::Ru) => {
                format!("версия формата {found} не поддерживается")
            }
            (UnsupportedSchemaVersion { found }, Lang::En) => {
                format!("schema version {found} is not supported")
            }
            (Required, Lang::Ru) => "обязательное поле не заполнено".into(),
            (Required, Lang::En) => "required field is empty".into(),
            (TooLong { max }, Lang::Ru) => format!("не длиннее {max} символов"),
            (TooLong { max }, Lang::En) => format!("must be at most {max} characters"),
            (BadSlug, Lang::Ru) => {
                "адрес страницы: строчные латинские буквы, цифры и дефисы, например «o-nas»".into()
            }
            (BadSlug, Lang::En) => {
                "page address: lowercase latin letters, digits and hyphens, e.g. \"about\"".into()
            }
            (DuplicatePath, Lang::Ru) => "такой адрес уже есть у другой страницы".into(),
            (DuplicatePath, Lang::En) => "another page already has this address".into(),
            (BadId, Lang::Ru) => "идентификатор: латинские буквы, цифры, «-» и «_»".into(),
            (BadId, Lang::En) => "id: latin letters, digits, \"-\" and \"_\"".into(),
            (DuplicateId, Lang::Ru) => "идентификатор блока повторяется на странице".into(),
            (DuplicateId, Lang::En) => "block id is repeated on the page".into(),
            (BadImageUrl, Lang::Ru) => {
                "адрес изображения: относительный путь или ссылка https://".into()
            }
            (BadImageUrl, Lang::En) => "image address must be a relative or https URL".into(),
            (BadLink, Lang::Ru) => {
                "ссылка: относительный путь, https://, mailto: или tel:".into()
            }
            (BadLink, Lang::En) => "link must be relative, https:, mailto: or tel:".into(),
            (BadHeadingLevel, Lang::Ru) => "уровень заголовка: 2, 3 или 4".into(),
            (BadHeadingLevel, Lang::En) => "heading level must be 2, 3 or 4".into(),
            (BadColor, Lang::Ru) => "цвет в формате #rrggbb, например #1f4e8c".into(),
            (BadColor, Lang::En) => "colour must be #rrggbb, e.g. #1f4e8c".into(),
            (NoPages, Lang::Ru) => "на сайте должна быть хотя бы одна страница".into(),
            (NoPages, Lang::En) => "a site needs at least one page".into(),
            (TooDeep { max }, Lang::Ru) => format!("разделы вложены глубже {max} уровней"),
            (TooDeep { max }, Lang::En) => format!("sections nested deeper than {max} levels"),
            (TooMany { max }, Lang::Ru) => format!("не больше {max} элементов"),
            (TooMany { max }, Lang::En) => format!("at most {max} items"),
            (BadEmbedHost, Lang::Ru) => {
                "встраивать можно только https-адреса RUTUBE, VK Видео и Платформы обратной связи".into()
            }
            (BadEmbedHost, Lang::En) => "only https addresses of RUTUBE, VK Video and the feedback platform may be embedded".into(),
            (NotPosWidget, Lang::Ru) => "укажите адрес виджета на https://pos.gosuslugi.ru/ — его выдаёт Платформа обратной связи".into(),
            (NotPosWidget, Lang::En) => "give the widget's address on https://pos.gosuslugi.ru/ as the feedback platform issued it".into(),
            (MandatoryPage, Lang::Ru) => "обязательный раздел нельзя удалить или сделать необязательным".into(),
            (MandatoryPage, Lang::En) => "a mandatory section cannot be deleted or made optional".into(),
            (NotAllowedHere, Lang::Ru) => "этот блок нельзя поместить сюда".into(),
            (NotAllowedHere, Lang::En) => "this block may not be placed here".into(),
            (RaggedTable, Lang::Ru) => "в строке таблицы другое число ячеек, чем в первой".into(),
            (RaggedTable, Lang::En) => "this table row has a different number of cells than the first".into(),
            (OutOfRange { min, max }, Lang::Ru) => format!("число от {min} до {max}"),
            (OutOfRange { min, max }, Lang::En) => format!("a number from {min} to {max}"),
            (BadParent, Lang::Ru) => "родительская страница не найдена или страницы вложены по кругу".into(),
            (BadParent, Lang::En) => "the parent page is missing or pages nest in a loop".into(),
            (ReservedSlug, Lang::Ru) => "этот адрес занят самой платформой (поиск, файлы); выберите другой".into(),
            (ReservedSlug, Lang::En) => "this address is used by the platform itself (search, files); choose another".into(),
            (BadDate, Lang::Ru) => "дата в виде ГГГГ-ММ-ДД, например 2026-11-23".into(),
            (BadDate, Lang::En) => "a date as YYYY-MM-DD, e.g. 2026-11-23".into(),
            (BadPhone, Lang::Ru) => "номер телефона: цифры, пробелы, «+», «(», «)», «-»".into(),
            (BadPhone, Lang::En) => "a phone number: digits, spaces, +, (, ), -".into(),
            (BadEmail, Lang::Ru) => "адрес электронной почты вида имя@домен.ru".into(),
            (BadEmail, Lang::En) => "an e-mail address like name@domain.org".into(),
            (UnknownSection, Lang::Ru) => "такого подраздела в «Сведениях об образовательной организации» нет".into(),
            (UnknownSection, Lang::En) => "no such subsection of «Сведения об образовательной организации»".into(),
            (UnknownField, Lang::Ru) => "таких сведений в этом подразделе нет".into(),
            (UnknownField, Lang::En) => "this subsection has no such field".into(),
            (EndsBeforeStart, Lang::Ru) => "дата окончания раньше даты начала".into(),
            (EndsBeforeStart, Lang::En) => "the end date is before the start date".into(),
            (LineCount { min, max }, Lang::Ru) => format!("от {min} до {max} вариантов, каждый на отдельной строке"),
            (LineCount { min, max }, Lang::En) => format!("from {min} to {max} entries, one per line"),
            (AnswersHaveVotes, Lang::Ru) => {
                "в голосовании уже есть голоса: ответы менять нельзя (вопрос, даты и настройки менять можно); для других ответов создайте новое голосование".into()
            }
            (AnswersHaveVotes, Lang::En) => {
                "the poll already has votes: its answers cannot change (the question, dates and settings can); create a new poll for other answers".into()
            }
            (LowContrast { tenths, min_tenths }, Lang::Ru) => format!(
                "цвет слишком светлый: белый текст на нем читается плохо (контраст {},{}:1, нужно не менее {},{}:1)",
                tenths / 10, tenths % 10, min_tenths / 10, min_tenths % 10
            ),
            (LowContrast { tenths, min_tenths }, Lang::En) => format!(
                "too light for white text (contrast {}.{}:1, at least {}.{}:1 needed)",
                tenths / 10, tenths % 10, min_tenths / 10, min_tenths % 10
            ),
        }
    }
}
