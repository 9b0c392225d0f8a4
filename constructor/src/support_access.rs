//! «Доступ для поддержки»: an administrator opens one appeal of a site, giving the reason that
//! goes into the journal; the worker grants that appeal alone, for an hour. The appeal is then
//! shown read-only: support reads, the body answers.

use civic_shared::appeals::inbox::InboxAppeal;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::texts;
use crate::appeal_card::AppealCard;
use crate::notice::Notice;
use crate::server::{self, ServerError};

#[derive(Properties, PartialEq)]
pub struct SupportAccessProps {
    pub site: String,
    pub on_signed_out: Callback<Option<String>>,
}

#[function_component(SupportAccessView)]
pub fn support_access_view(props: &SupportAccessProps) -> Html {
    let t = texts();
    let number = use_state(String::new);
    let reason = use_state(String::new);
    let notice = use_state(|| None::<(bool, String)>);
    let opened = use_state(|| None::<InboxAppeal>);
    let onsubmit = {
        let (number, reason, notice, opened, site, on_signed_out) =
            (number.clone(), reason.clone(), notice.clone(), opened.clone(), props.site.clone(), props.on_signed_out.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (wanted, why) = (number.trim().to_string(), (*reason).clone());
            let (notice, opened, site, on_signed_out) = (notice.clone(), opened.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                let result = match server::open_for_support(&site, &wanted, &why).await {
                    Ok(access) => server::appeal(&site, &wanted).await.map(|appeal| (access, appeal)),
                    Err(err) => Err(err),
                };
                match result {
                    Ok((access, appeal)) => {
                        let until = until_utc(access.expires_at);
                        notice.set(Some((true, texts().support_access_opened.replace("{n}", &access.number).replace("{t}", &until))));
                        opened.set(Some(appeal));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => {
                        opened.set(None);
                        notice.set(Some((false, error_message(&err))));
                    }
                }
            });
        })
    };
    let on_number = {
        let number = number.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                number.set(input.value());
            }
        })
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                reason.set(area.value());
            }
        })
    };
    html! {
        <section class="support-access" aria-labelledby="support-access-title">
            <h3 id="support-access-title">{ t.support_access_title }</h3>
            <p class="hint">{ t.support_access_intro }</p>
            <form class="support-access-form" {onsubmit}>
                <div class="field">
                    <label for="support-access-number">{ t.support_access_number }</label>
                    <input id="support-access-number" type="text" inputmode="numeric" placeholder="2026-00001" required=true
                        value={(*number).clone()} oninput={on_number} />
                </div>
                <div class="field">
                    <label for="support-access-reason">{ t.support_access_reason }</label>
                    <textarea id="support-access-reason" rows="3" required=true minlength="10" maxlength="500" value={(*reason).clone()} oninput={on_reason} />
                </div>
                <button type="submit" class="btn primary">{ t.support_access_submit }</button>
            </form>
            <Notice notice={(*notice).clone()} />
            if let Some(appeal) = &*opened {
                <ul class="inbox">
                    <AppealCard key={appeal.number.clone()} site={props.site.clone()} appeal={appeal.clone()} read_only={true} open={true}
                        on_action={Callback::noop()} on_publish={Callback::noop()} />
                </ul>
            }
        </section>
    }
}

/// Unix seconds as `YYYY-MM-DD HH:MM`, UTC.
fn until_utc(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let iso = String::from(date.to_iso_string());
    iso.get(..16).unwrap_or(&iso).replace('T', " ")
}
