use serde_json::{Map, Value};

use super::*;

/// Every field of a table as (name, text), in the struct's order.
fn entries(texts: &Texts) -> Map<String, Value> {
    match serde_json::to_value(texts) {
        Ok(Value::Object(map)) => map,
        other => panic!("Texts must serialise to an object, not {other:?}"),
    }
}

/// The `{name}` placeholders of a text, sorted (languages may order them differently).
fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .match_indices('{')
        .filter_map(|(start, _)| {
            let rest = &text[start + 1..];
            let end = rest.find('}')?;
            let name = &rest[..end];
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(name)
        })
        .collect();
    found.sort_unstable();
    found
}

/// Runs `body` with `lang` chosen, and puts Russian back even if it panics.
fn in_lang(lang: Lang, body: impl FnOnce()) {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            set_lang(Lang::Ru);
        }
    }
    let _reset = Reset;
    set_lang(lang);
    body();
}

#[test]
fn every_text_is_translated_with_the_same_placeholders() {
    let (ru, en) = (entries(&RU), entries(&EN));
    assert!(ru.len() > 200, "the dump sees every field ({})", ru.len());
    assert_eq!(ru.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
    for (name, ru_text) in &ru {
        let (ru_text, en_text) = (ru_text.as_str().unwrap(), en[name].as_str().unwrap());
        assert!(!ru_text.trim().is_empty(), "RU.{name} is empty");
        assert!(!en_text.trim().is_empty(), "EN.{name} is empty");
        assert_eq!(placeholders(ru_text), placeholders(en_text), "placeholders of {name}: {ru_text:?} / {en_text:?}");
        assert!(!en_text.chars().any(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё' | '«' | '»')), "EN.{name} is not English: {en_text:?}");
    }
}

#[test]
fn placeholders_are_names_in_braces() {
    assert_eq!(placeholders("Показано записей: {n} из {m}"), ["m", "n"]);
    assert_eq!(placeholders("{y}-{m}-{d}"), ["d", "m", "y"]);
    assert!(placeholders("Authorization: Bearer …. {} { x }").is_empty());
}

#[test]
fn texts_follow_the_chosen_language() {
    assert_eq!(lang(), Lang::Ru, "Russian is the default");
    assert_eq!(entries(texts()), entries(&RU));
    let label = Label { ru: "Заголовок", en: "Heading" };
    assert_eq!(pick(&label), "Заголовок");
    in_lang(Lang::En, || {
        assert_eq!(lang(), Lang::En);
        assert_eq!(entries(texts()), entries(&EN));
        assert_eq!(texts().sign_in, "Sign in");
        assert_eq!(pick(&label), "Heading");
        assert_eq!(role_name("administrator"), "administrator");
        assert_eq!(kind_name("school"), "School");
    });
    assert_eq!(entries(texts()), entries(&RU));
    assert_eq!(kind_name("school"), "Школа");
}

#[test]
fn the_language_comes_from_its_code_or_the_address() {
    assert_eq!(LANGUAGES.map(|(lang, _, _)| parse_code(code(lang))), [Some(Lang::Ru), Some(Lang::En)]);
    assert_eq!(parse_code(" EN "), Some(Lang::En));
    assert_eq!(parse_code("de"), None);
    assert_eq!(lang_in_query("?site=mincifra&lang=en"), Some(Lang::En));
    assert_eq!(lang_in_query("?lang=ru"), Some(Lang::Ru));
    assert_eq!(lang_in_query("?site=mincifra"), None);
    assert_eq!(lang_in_query("?lang=fr"), None);
    assert_eq!(lang_in_query(""), None);
    assert_eq!(query_without_lang("?site=mincifra&lang=en"), "?site=mincifra");
    assert_eq!(query_without_lang("?lang=en&site=a&x=1"), "?site=a&x=1");
    assert_eq!(query_without_lang("?lang=en"), "");
    assert_eq!(query_without_lang(""), "");
}

#[test]
fn names_and_dates_are_written_as_the_language_writes_them() {
    assert_eq!(quoted("Положение"), "«Положение»");
    assert_eq!(format_date("2026-11-01"), "01.11.2026");
    assert_eq!(format_date("завтра"), "завтра", "not a date: shown as it is");
    in_lang(Lang::En, || {
        assert_eq!(quoted("Regulation"), "“Regulation”");
        assert_eq!(format_date("2026-11-01"), "2026-11-01");
    });
}

#[test]
fn audit_actions_read_as_words() {
    assert_eq!(audit_action("site.publish"), "Публикация");
    assert_eq!(audit_action("news.create"), "Новости: новая запись");
    assert_eq!(audit_action("phones.reorder"), "Телефонный справочник: новый порядок");
    assert_eq!(audit_action("media.upload"), "media.upload", "unknown codes are shown as they are");
    in_lang(Lang::En, || {
        assert_eq!(audit_action("site.publish"), "Publication");
        assert_eq!(audit_action("news.create"), "News: new item");
        assert_eq!(audit_action("token.revoke"), "API token revoked");
    });
}

#[test]
fn the_course_names_every_button_and_menu_as_the_constructor_labels_it() {
    use civic_shared::training::Step;
    let ru = entries(&RU);
    let labels: Vec<&str> = ru.values().filter_map(|v| v.as_str()).collect();
    let mut checked = 0;
    for step in Step::ALL {
        let text = step.instruction(Lang::Ru);
        for quoted in text.split('«').skip(1).filter_map(|rest| rest.split_once('»').map(|(q, _)| q)) {
            // The palette's buttons read «+ Текст»: the block's label after the plus.
            let name = quoted.trim_start_matches("+ ");
            let known = labels.contains(&name)
                || Collection::ALL.iter().any(|c| c.title(Lang::Ru) == name)
                || civic_shared::schema::SCHEMAS.iter().any(|s| s.label.ru == name);
            assert!(known, "{step:?} names «{quoted}», which the constructor does not show");
            checked += 1;
        }
    }
    assert!(checked >= 15, "every instruction names its buttons ({checked})");
}
