//! «Выходные и праздничные дни» under the support desk, for administrators: the days off one
//! year's deadlines skip, edited as a list and saved whole (the server checks the dates).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::texts;
use crate::notice::Notice;
use crate::server::backups::{self, Holiday};
use crate::server::ServerError;

#[derive(Properties, PartialEq)]
pub struct HolidaysProps {
    pub on_signed_out: Callback<Option<String>>,
}

fn this_year() -> i64 {
    js_sys::Date::new_0().get_utc_full_year() as i64
}

fn input_value(event: &Event) -> String {
    event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

#[function_component(HolidaysPanel)]
pub fn holidays_panel(props: &HolidaysProps) -> Html {
    let t = texts();
    let year = use_state(this_year);
    let days = use_state(|| None::<Vec<Holiday>>);
    let notice = use_state(|| None::<(bool, String)>);
    {
        let (days, notice, on_signed_out) = (days.clone(), notice.clone(), props.on_signed_out.clone());
        use_effect_with(*year, move |year| {
            let year = *year;
            days.set(None);
            spawn_local(async move {
                match backups::holidays(year).await {
                    Ok(found) => days.set(Some(found)),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    let edit = |at: usize, apply: fn(&mut Holiday, String)| {
        let days = days.clone();
        Callback::from(move |event: Event| {
            if let Some(mut list) = (*days).clone() {
                if let Some(day) = list.get_mut(at) {
                    apply(day, input_value(&event));
                    days.set(Some(list));
                }
            }
        })
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |event: Event| {
            if let Ok(value) = input_value(&event).parse::<i64>() {
                if (2000..=2100).contains(&value) {
                    year.set(value);
                }
            }
        })
    };
    let on_add = {
        let (days, year) = (days.clone(), *year);
        Callback::from(move |_: MouseEvent| {
            let mut list = (*days).clone().unwrap_or_default();
            list.push(Holiday { day: format!("{year}-01-01"), name: String::new() });
            days.set(Some(list));
        })
    };
    let on_save = {
        let (days, notice, year, on_signed_out) = (days.clone(), notice.clone(), *year, props.on_signed_out.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let list = (*days).clone().unwrap_or_default();
            let (days, notice, on_signed_out) = (days.clone(), notice.clone(), on_signed_out.clone());
            spawn_local(async move {
                match backups::save_holidays(year, &list).await {
                    Ok(saved) => {
                        let text = texts().holidays_saved.replace("{y}", &year.to_string()).replace("{n}", &saved.len().to_string());
                        days.set(Some(saved));
                        notice.set(Some((true, text)));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let rows = match &*days {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(list) if list.is_empty() => html! { <p class="empty-state">{ t.holidays_none }</p> },
        Some(list) => html! {
            <table class="items holidays">
                <caption class="visually-hidden">{ t.holidays_title }</caption>
                <thead><tr><th scope="col">{ t.holidays_day }</th><th scope="col">{ t.holidays_name }</th><th scope="col">{ t.actions }</th></tr></thead>
                <tbody>
                { for list.iter().enumerate().map(|(at, day)| {
                    let remove = {
                        let days = days.clone();
                        Callback::from(move |_: MouseEvent| {
                            if let Some(mut list) = (*days).clone() {
                                list.remove(at);
                                days.set(Some(list));
                            }
                        })
                    };
                    html! {
                        <tr>
                            <td><input type="date" value={day.day.clone()} aria-label={t.holidays_day} onchange={edit(at, |d, v| d.day = v)} /></td>
                            <td><input type="text" value={day.name.clone()} maxlength="100" aria-label={format!("{} {}", t.holidays_name, day.day)}
                                onchange={edit(at, |d, v| d.name = v)} /></td>
                            <td><button type="button" class="btn small" onclick={remove}
                                aria-label={t.holidays_remove_label.replace("{d}", &day.day)}>{ t.holidays_remove }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        },
    };
    html! {
        <details class="panel holidays-panel">
            <summary>{ t.holidays_title }</summary>
            <form onsubmit={on_save}>
                <p class="hint">{ t.holidays_intro }</p>
                <div class="field"><label for="holidays-year">{ t.holidays_year }</label>
                    <input id="holidays-year" type="number" min="2000" max="2100" value={year.to_string()} onchange={on_year} /></div>
                { rows }
                <div class="actions">
                    <button type="button" class="btn" onclick={on_add}>{ t.holidays_add }</button>
                    <button type="submit" class="btn primary">{ t.holidays_save }</button>
                </div>
                <Notice notice={(*notice).clone()} />
            </form>
        </details>
    }
}
