//! Every string of the constructor's interface, per language. Russian is the default; the
//! language is chosen once at start (and by the switch) and kept in a thread-local cell.

use std::cell::Cell;

use civic_shared::collection_items::Collection;
use civic_shared::schema::Label;
use civic_shared::Lang;

mod en;
pub use en::EN;

/// The interface texts of one language. Every field is in every table, so a missing
/// translation does not compile.
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Texts {
    pub app_title: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub no_sites: &'static str,
    pub site: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub save: &'static str,
    pub publish: &'static str,
    pub open_site: &'static str,
    pub state_saved: &'static str,
    pub state_unsaved: &'static str,
    pub state_saving: &'static str,
    pub state_publishing: &'static str,
    pub state_published: &'static str,
    pub state_conflict: &'static str,
    pub state_failed: &'static str,
    pub keep_mine: &'static str,
    pub load_theirs: &'static str,
    pub restored_local: &'static str,
    pub pages: &'static str,
    pub blocks: &'static str,
    pub properties: &'static str,
    pub nothing_selected: &'static str,
    pub run: &'static str,
    pub bold: &'static str,
    pub italic: &'static str,
    pub link: &'static str,
    pub preview: &'static str,
    pub error_invalid: &'static str,
    pub error_network: &'static str,
    pub error_storage: &'static str,
    pub error_refused: &'static str,
    pub error_not_found: &'static str,
    pub version: &'static str,
    pub rows_hint: &'static str,
    pub item: &'static str,
    pub paragraph: &'static str,
    pub list: &'static str,
    pub quote: &'static str,
    pub no_settings: &'static str,
    pub add_block: &'static str,
    pub find_block: &'static str,
    pub no_block_found: &'static str,
    pub delete_block: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub login_label: &'static str,
    pub password_label: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub login_empty: &'static str,
    pub wrong_credentials: &'static str,
    pub too_many_attempts: &'static str,
    pub account_banned: &'static str,
    pub account_restricted: &'static str,
    pub forbidden: &'static str,
    pub login_network: &'static str,
    pub login_failed: &'static str,
    pub session_ended: &'static str,
    pub sign_out: &'static str,
    pub role_operator: &'static str,
    pub role_administrator: &'static str,
    pub role_editor: &'static str,
    pub switch_site: &'static str,
    pub media_library: &'static str,
    pub media_close: &'static str,
    pub media_pick_image: &'static str,
    pub media_pick_file: &'static str,
    pub media_upload_title: &'static str,
    pub media_accepted: &'static str,
    pub media_file_label: &'static str,
    pub media_alt_label: &'static str,
    pub media_alt_hint: &'static str,
    pub media_title_label: &'static str,
    pub media_upload: &'static str,
    pub media_uploading: &'static str,
    pub media_uploading_unknown: &'static str,
    pub media_progress_label: &'static str,
    pub media_uploaded: &'static str,
    pub media_already_there: &'static str,
    pub media_choose_file_first: &'static str,
    pub media_alt_required: &'static str,
    pub media_filter_label: &'static str,
    pub media_filter_all: &'static str,
    pub media_filter_images: &'static str,
    pub media_filter_documents: &'static str,
    pub media_search: &'static str,
    pub media_empty: &'static str,
    pub media_nothing_found: &'static str,
    pub media_loading: &'static str,
    pub media_choose: &'static str,
    pub media_copy_link: &'static str,
    pub media_link_copied: &'static str,
    pub media_link_copy_failed: &'static str,
    pub media_delete: &'static str,
    pub media_delete_confirm: &'static str,
    pub media_deleted: &'static str,
    pub media_more: &'static str,
    pub media_alt_shown: &'static str,
    pub media_files: &'static str,
    pub choose_from_media: &'static str,
    pub pixels: &'static str,
    pub size_bytes: &'static str,
    pub size_kb: &'static str,
    pub size_mb: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub live_now: &'static str,
    pub restored_from: &'static str,
    pub restore_revision: &'static str,
    pub restore_revision_label: &'static str,
    pub confirm_rollback: &'static str,
    pub rolled_back: &'static str,
    pub sites_title: &'static str,
    pub new_site: &'static str,
    pub site_name: &'static str,
    pub site_slug: &'static str,
    pub site_slug_hint: &'static str,
    pub site_kind: &'static str,
    pub create_site: &'static str,
    pub site_created: &'static str,
    pub slug_taken: &'static str,
    pub site_published: &'static str,
    pub not_published: &'static str,
    pub open_in_constructor: &'static str,
    pub kind_executive_body: &'static str,
    pub kind_municipality: &'static str,
    pub kind_school: &'static str,
    pub kind_kindergarten: &'static str,
    pub kind_medical: &'static str,
    pub users_title: &'static str,
    pub audit_title: &'static str,
    pub user_name: &'static str,
    pub user_role: &'static str,
    pub user_status: &'static str,
    pub user_sites: &'static str,
    pub new_user: &'static str,
    pub edit_user: &'static str,
    pub create_user: &'static str,
    pub new_password: &'static str,
    pub set_password: &'static str,
    pub delete_user: &'static str,
    pub password_rules: &'static str,
    pub status_hint: &'static str,
    pub user_created: &'static str,
    pub user_saved: &'static str,
    pub password_set: &'static str,
    pub user_deleted: &'static str,
    pub confirm_delete_user: &'static str,
    pub status_active: &'static str,
    pub status_restricted: &'static str,
    pub status_banned: &'static str,
    pub all_sites: &'static str,
    pub audit_empty: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_what: &'static str,
    pub audit_detail: &'static str,
    pub audit_from: &'static str,
    pub show_more: &'static str,
    pub data_title: &'static str,
    pub switch_view: &'static str,
    pub pages_view: &'static str,
    pub add_item: &'static str,
    pub edit: &'static str,
    pub edit_item: &'static str,
    pub new_item: &'static str,
    pub save_item: &'static str,
    pub cancel: &'static str,
    pub delete_item: &'static str,
    pub filter: &'static str,
    pub no_items: &'static str,
    pub no_match: &'static str,
    pub items_shown: &'static str,
    pub actions: &'static str,
    pub item_saved: &'static str,
    pub item_deleted: &'static str,
    pub item_conflict: &'static str,
    pub id_taken: &'static str,
    pub confirm_delete: &'static str,
    pub status_in_force: &'static str,
    pub status_void: &'static str,
    pub status_draft: &'static str,
    pub required_mark: &'static str,
    pub fix_fields: &'static str,
    pub tokens_title: &'static str,
    pub tokens_intro: &'static str,
    pub tokens_empty: &'static str,
    pub new_token: &'static str,
    pub token_name: &'static str,
    pub token_name_hint: &'static str,
    pub token_hint: &'static str,
    pub token_scopes: &'static str,
    pub token_scopes_hint: &'static str,
    pub token_created: &'static str,
    pub token_expires: &'static str,
    pub token_expires_hint: &'static str,
    pub token_never: &'static str,
    pub token_last_used: &'static str,
    pub token_unused: &'static str,
    pub token_revoked_at: &'static str,
    pub token_secret: &'static str,
    pub token_secret_hint: &'static str,
    pub create_token: &'static str,
    pub revoke_token: &'static str,
    pub token_revoked: &'static str,
    pub confirm_revoke: &'static str,
    pub token_created_on: &'static str,
    pub scope_read: &'static str,
    pub scope_write: &'static str,
    pub scope_publish: &'static str,
    /// The language switch's group label.
    pub language: &'static str,
    /// A name quoted inside a sentence or a button label: `{t}`.
    pub quoted: &'static str,
    /// A date from its `{y}`, `{m}` and `{d}` (two digits each but the year).
    pub date_format: &'static str,
    /// Between the whole and the fraction of a number: `1,5 МБ`.
    pub decimal_separator: &'static str,
    pub audit_login: &'static str,
    pub audit_login_failed: &'static str,
    pub audit_logout: &'static str,
    pub audit_draft_save: &'static str,
    pub audit_site_publish: &'static str,
    pub audit_site_rollback: &'static str,
    pub audit_user_create: &'static str,
    pub audit_user_change: &'static str,
    pub audit_user_password: &'static str,
    pub audit_user_delete: &'static str,
    pub audit_token_create: &'static str,
    pub audit_token_revoke: &'static str,
    pub audit_item_create: &'static str,
    pub audit_item_update: &'static str,
    pub audit_item_delete: &'static str,
    pub audit_item_reorder: &'static str,
}

/// Russian.
pub const RU: Texts = Texts {
    app_title: "Конструктор сайтов Civic",
    loading: "Загружаем черновик…",
    load_failed: "Не удалось загрузить черновик. Обновите страницу или попробуйте позже.",
    no_sites: "Сайтов пока нет.",
    site: "Сайт",
    undo: "Отменить",
    redo: "Повторить",
    save: "Сохранить",
    publish: "Опубликовать",
    open_site: "Открыть сайт",
    state_saved: "Все изменения сохранены",
    state_unsaved: "Есть несохранённые изменения",
    state_saving: "Сохраняем…",
    state_publishing: "Публикуем…",
    state_published: "Опубликовано, версия",
    state_conflict: "Черновик тем временем сохранил кто-то другой (версия {v}). Ваши правки остались на экране и в этом браузере.",
    state_failed: "Не сохранено:",
    keep_mine: "Сохранить мои правки поверх",
    load_theirs: "Открыть их версию",
    restored_local: "Восстановлены несохранённые правки из этого браузера.",
    pages: "Страницы",
    blocks: "Блоки страницы",
    properties: "Свойства блока",
    nothing_selected: "Выберите блок в списке слева, чтобы изменить его.",
    run: "Фрагмент текста",
    bold: "Жирный",
    italic: "Курсив",
    link: "Ссылка (необязательно)",
    preview: "Предпросмотр страницы",
    error_invalid: "документ не прошёл проверку",
    error_network: "нет связи с сервером. Правки сохранены в этом браузере, повторите позже.",
    error_storage: "сервер временно недоступен, повторите через минуту.",
    error_refused: "сервер отклонил запрос.",
    error_not_found: "сайт не найден.",
    version: "версия",
    rows_hint: "Каждая строка таблицы — с новой строки, ячейки разделяйте знаком «|».",
    item: "Элемент",
    paragraph: "Абзац",
    list: "Список",
    quote: "Цитата",
    no_settings: "У этого блока нет настроек: он показывает данные сайта.",
    add_block: "Добавить блок",
    find_block: "Найти блок",
    no_block_found: "Такого блока нет.",
    delete_block: "Удалить блок",
    move_up: "Выше",
    move_down: "Ниже",
    sign_in_title: "Вход в конструктор сайтов",
    sign_in_intro: "Войдите под учётной записью, которую выдал администратор платформы.",
    login_label: "Логин",
    password_label: "Пароль",
    sign_in: "Войти",
    signing_in: "Входим…",
    login_empty: "Введите логин и пароль.",
    wrong_credentials: "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.",
    too_many_attempts: "Слишком много неудачных попыток входа. Повторите примерно через {m} мин.",
    account_banned: "Доступ к платформе закрыт администратором. Обратитесь в техподдержку.",
    account_restricted: "Администратор ограничил вашу учётную запись: можно только просматривать.",
    forbidden: "Для этого действия недостаточно прав.",
    login_network: "Нет связи с сервером. Проверьте подключение и повторите.",
    login_failed: "Войти не получилось. Повторите через минуту.",
    session_ended: "Сеанс завершён. Войдите снова — несохранённые правки остались в этом браузере.",
    sign_out: "Выйти",
    role_operator: "оператор",
    role_administrator: "администратор",
    role_editor: "редактор",
    switch_site: "Другой сайт",
    media_library: "Медиатека",
    media_close: "Закрыть",
    media_pick_image: "Выберите изображение для блока или загрузите новое.",
    media_pick_file: "Выберите файл для блока или загрузите новый.",
    media_upload_title: "Загрузить файл",
    media_accepted: "Изображения PNG, JPEG, GIF, WebP — до 10 МБ; документы PDF, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP, RTF, CSV, TXT — до 30 МБ.",
    media_file_label: "Файл",
    media_alt_label: "Описание изображения (alt)",
    media_alt_hint: "Обязательно для изображений: что на нём изображено. Описание прочитают вслух незрячим посетителям.",
    media_title_label: "Название (необязательно)",
    media_upload: "Загрузить",
    media_uploading: "Загружаем: {p} %",
    media_uploading_unknown: "Загружаем…",
    media_progress_label: "Ход загрузки",
    media_uploaded: "Файл «{name}» загружен.",
    media_already_there: "Такой файл уже есть в медиатеке: «{name}».",
    media_choose_file_first: "Сначала выберите файл на компьютере.",
    media_alt_required: "Для изображения нужно описание: что на нём изображено.",
    media_filter_label: "Показывать",
    media_filter_all: "Все файлы",
    media_filter_images: "Изображения",
    media_filter_documents: "Документы",
    media_search: "Найти по названию или описанию",
    media_empty: "В медиатеке пока нет файлов. Загрузите первый — он появится здесь, и его можно будет вставить на страницу.",
    media_nothing_found: "Ничего не найдено. Измените запрос или фильтр.",
    media_loading: "Загружаем медиатеку…",
    media_choose: "Выбрать",
    media_copy_link: "Копировать ссылку",
    media_link_copied: "Ссылка скопирована: {url}",
    media_link_copy_failed: "Скопируйте ссылку вручную: {url}",
    media_delete: "Удалить",
    media_delete_confirm: "Удалить «{name}» из медиатеки? Если файл вставлен на страницы сайта, там он перестанет показываться.",
    media_deleted: "Файл «{name}» удалён.",
    media_more: "Показать ещё",
    media_alt_shown: "Описание:",
    media_files: "Файлы медиатеки",
    choose_from_media: "Выбрать из медиатеки",
    pixels: "пикс.",
    size_bytes: "Б",
    size_kb: "КБ",
    size_mb: "МБ",
    history_title: "История публикаций",
    history_empty: "Сайт ещё ни разу не публиковался.",
    live_now: "Сейчас на сайте.",
    restored_from: "Возврат к версии {r}.",
    restore_revision: "Вернуть",
    restore_revision_label: "Вернуть на сайт версию {r}",
    confirm_rollback: "Опубликовать снова версию {r}? Посетители сразу увидят её; черновик не изменится.",
    rolled_back: "Версия {r} снова на сайте (как версия {n}).",
    sites_title: "Сайты",
    new_site: "Новый сайт",
    site_name: "Полное название организации",
    site_slug: "Адрес",
    site_slug_hint: "Латинские буквы, цифры и дефис: сайт откроется по адресу адрес.платформа.",
    site_kind: "Вид организации",
    create_site: "Создать сайт по шаблону",
    site_created: "Сайт создан: шаблон уже содержит обязательные страницы. Откройте его в конструкторе.",
    slug_taken: "Такой адрес уже занят другим сайтом.",
    site_published: "Опубликован",
    not_published: "ещё не опубликован",
    open_in_constructor: "Открыть",
    kind_executive_body: "Орган исполнительной власти",
    kind_municipality: "Муниципальное образование",
    kind_school: "Школа",
    kind_kindergarten: "Детский сад",
    kind_medical: "Медицинская организация",
    users_title: "Пользователи",
    audit_title: "Журнал действий",
    user_name: "ФИО",
    user_role: "Роль",
    user_status: "Статус",
    user_sites: "Сайты",
    new_user: "Новый пользователь",
    edit_user: "Изменение пользователя",
    create_user: "Зарегистрировать",
    new_password: "Новый пароль (если нужно сменить)",
    set_password: "Задать этот пароль",
    delete_user: "Удалить пользователя",
    password_rules: "Не меньше 8 символов; не из списка распространённых паролей и не совпадает с логином.",
    status_hint: "Ограниченный пользователь может только просматривать; заблокированный не может войти. Смена статуса сразу завершает его сеансы.",
    user_created: "Пользователь зарегистрирован. Сообщите ему логин и пароль.",
    user_saved: "Изменения сохранены.",
    password_set: "Пароль задан; прежние сеансы пользователя завершены.",
    user_deleted: "Пользователь удалён.",
    confirm_delete_user: "Удалить пользователя «{n}»? Его сеансы завершатся, вход станет невозможен.",
    status_active: "активен",
    status_restricted: "ограничен",
    status_banned: "заблокирован",
    all_sites: "Все сайты",
    audit_empty: "Записей в журнале нет.",
    audit_when: "Когда",
    audit_who: "Кто",
    audit_what: "Действие",
    audit_detail: "Подробности",
    audit_from: "Адрес",
    show_more: "Показать ещё",
    data_title: "Данные сайта",
    switch_view: "Раздел конструктора",
    pages_view: "Страницы",
    add_item: "Добавить запись",
    edit: "Изменить",
    edit_item: "Изменение записи",
    new_item: "Новая запись",
    save_item: "Сохранить запись",
    cancel: "Отменить",
    delete_item: "Удалить запись",
    filter: "Фильтр по словам",
    no_items: "Записей пока нет. Нажмите «Добавить запись», чтобы создать первую.",
    no_match: "По фильтру ничего не найдено. Измените или очистите фильтр.",
    items_shown: "Показано записей: {n} из {m}",
    actions: "Действия",
    item_saved: "Запись сохранена. Посетители уже видят изменения.",
    item_deleted: "Запись удалена.",
    item_conflict: "Эту запись тем временем изменил кто-то другой. Ваш текст остался в форме: нажмите «Сохранить запись», чтобы записать его поверх, или «Отменить», чтобы увидеть их версию.",
    id_taken: "Запись с таким номером уже есть.",
    confirm_delete: "Удалить запись «{t}»? Удаление попадёт в журнал действий.",
    status_in_force: "Действует",
    status_void: "Утратил силу",
    status_draft: "Проект",
    required_mark: " (обязательно)",
    fix_fields: "Запись не сохранена: исправьте отмеченные поля.",
    tokens_title: "Токены API",
    tokens_intro: "Токен даёт внешней системе (СЭД, порталу) доступ к API /api/v1 выбранных сайтов. Отзыв действует сразу; выпуск и отзыв записываются в журнал действий.",
    tokens_empty: "Токенов пока нет.",
    new_token: "Новый токен",
    token_name: "Для чего токен",
    token_name_hint: "Например: «Загрузка новостей из СЭД». Это имя увидят в журнале действий.",
    token_hint: "Начало токена",
    token_scopes: "Права",
    token_scopes_hint: "Чтение есть у каждого токена. Запись меняет черновик и разделы данных (записи сразу видны на сайте); публикация выкладывает черновик на сайт.",
    token_created: "Токен выпущен. Скопируйте его сейчас: больше он показан не будет.",
    token_expires: "Действует до",
    token_expires_hint: "Включительно (по всемирному времени). Пусто — пока токен не отзовут.",
    token_never: "бессрочно",
    token_last_used: "Последнее обращение",
    token_unused: "не было",
    token_revoked_at: "Отозван",
    token_secret: "Токен (показывается один раз)",
    token_secret_hint: "Передайте его внешней системе в заголовке Authorization: Bearer …. В Civic хранится только его хеш.",
    create_token: "Выпустить токен",
    revoke_token: "Отозвать",
    token_revoked: "Токен отозван: запросы с ним больше не принимаются.",
    confirm_revoke: "Отозвать токен «{n}»? Внешняя система сразу потеряет доступ.",
    token_created_on: "Выпущен",
    scope_read: "чтение",
    scope_write: "запись",
    scope_publish: "публикация",
    language: "Язык интерфейса",
    quoted: "«{t}»",
    date_format: "{d}.{m}.{y}",
    decimal_separator: ",",
    audit_login: "Вход",
    audit_login_failed: "Неудачная попытка входа",
    audit_logout: "Выход",
    audit_draft_save: "Сохранение черновика",
    audit_site_publish: "Публикация",
    audit_site_rollback: "Возврат к прежней версии",
    audit_user_create: "Регистрация пользователя",
    audit_user_change: "Изменение пользователя",
    audit_user_password: "Смена пароля",
    audit_user_delete: "Удаление пользователя",
    audit_token_create: "Выпуск токена API",
    audit_token_revoke: "Отзыв токена API",
    audit_item_create: "новая запись",
    audit_item_update: "изменение записи",
    audit_item_delete: "удаление записи",
    audit_item_reorder: "новый порядок",
};

/// The interface languages: each with its code (`lang` attribute, `civic-lang`, `?lang=`)
/// and its name in itself, which the switch shows in every language.
pub const LANGUAGES: [(Lang, &str, &str); 2] = [(Lang::Ru, "ru", "Русский"), (Lang::En, "en", "English")];

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Ru) };
}

/// The interface language (Russian until one is chosen).
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Makes `lang` the interface language of everything rendered from now on.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|current| current.set(lang));
}

/// The texts of the interface language.
pub fn texts() -> &'static Texts {
    match lang() {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// A schema label (block, field, choice) in the interface language.
pub fn pick(label: &Label) -> &'static str {
    match lang() {
        Lang::Ru => label.ru,
        Lang::En => label.en,
    }
}

/// A language's code: `ru`, `en`.
pub fn code(lang: Lang) -> &'static str {
    LANGUAGES.iter().find(|(l, _, _)| *l == lang).map_or("ru", |(_, code, _)| code)
}

/// The language of a code; `None` for anything else.
pub fn parse_code(code: &str) -> Option<Lang> {
    LANGUAGES.iter().find(|(_, c, _)| c.eq_ignore_ascii_case(code.trim())).map(|(lang, _, _)| *lang)
}

/// The language an address asks for: `?site=x&lang=en` → English.
pub fn lang_in_query(query: &str) -> Option<Lang> {
    query.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(parse_code)
}

/// The address's query without its `lang` parameter (`?site=x&lang=en` → `?site=x`): once
/// the choice is remembered, a stale `?lang=` must not overrule the switch on reload.
pub fn query_without_lang(query: &str) -> String {
    let kept: Vec<&str> = query.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty() && !pair.starts_with("lang=")).collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// `name` quoted as the language quotes names: «Положение», “Regulation”.
pub fn quoted(name: &str) -> String {
    texts().quoted.replace("{t}", name)
}

/// An ISO date (`2026-11-01`) as the language writes it; anything else as it is.
pub fn format_date(iso: &str) -> String {
    match (iso.get(..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) if civic_shared::collection_items::is_date(iso) => {
            texts().date_format.replace("{y}", y).replace("{m}", m).replace("{d}", d)
        }
        _ => iso.to_string(),
    }
}

/// A role in the interface's words.
pub fn role_name(role: &str) -> &'static str {
    let t = texts();
    match role {
        "operator" => t.role_operator,
        "administrator" => t.role_administrator,
        _ => t.role_editor,
    }
}

/// An organisation kind in the interface's words.
pub fn kind_name(kind: &str) -> &'static str {
    let t = texts();
    match kind {
        "municipality" => t.kind_municipality,
        "school" => t.kind_school,
        "kindergarten" => t.kind_kindergarten,
        "medical" => t.kind_medical,
        _ => t.kind_executive_body,
    }
}

/// An account status in the interface's words.
pub fn status_name(status: &str) -> &'static str {
    let t = texts();
    match status {
        "restricted" => t.status_restricted,
        "banned" => t.status_banned,
        _ => t.status_active,
    }
}

/// A token scope (`read`, `write`, `publish`) in words.
pub fn scope_name(scope: &str) -> &'static str {
    let t = texts();
    match scope {
        "write" => t.scope_write,
        "publish" => t.scope_publish,
        _ => t.scope_read,
    }
}

/// An audit-log action code (`site.publish`, `news.create`…) in words.
pub fn audit_action(code: &str) -> String {
    let t = texts();
    let fixed = match code {
        "login" => t.audit_login,
        "login.failed" => t.audit_login_failed,
        "logout" => t.audit_logout,
        "draft.save" => t.audit_draft_save,
        "site.publish" => t.audit_site_publish,
        "site.rollback" => t.audit_site_rollback,
        "user.create" => t.audit_user_create,
        "user.change" => t.audit_user_change,
        "user.password" => t.audit_user_password,
        "user.delete" => t.audit_user_delete,
        "token.create" => t.audit_token_create,
        "token.revoke" => t.audit_token_revoke,
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.into();
    }
    let (collection, verb) = code.split_once('.').unwrap_or((code, ""));
    let verb = match verb {
        "create" => t.audit_item_create,
        "update" => t.audit_item_update,
        "delete" => t.audit_item_delete,
        "reorder" => t.audit_item_reorder,
        _ => return code.into(),
    };
    match Collection::parse(collection) {
        Some(c) => format!("{}: {verb}", c.title(lang())),
        None => code.into(),
    }
}

#[cfg(test)]
mod tests;
