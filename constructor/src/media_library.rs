//! «Медиатека»: the site's uploaded images and documents in a modal dialog. Upload (with
//! progress and a required description for images), filter, search, copy a link, delete, and
//! — when opened from a block field — choose a file for it.

use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlDialogElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::texts;
use crate::media_choice::{looks_like_image, MediaItem, MediaSlot, ACCEPT};
use crate::notice::Notice;
use crate::server;

#[derive(Properties, PartialEq)]
pub struct MediaLibraryProps {
    pub site: String,
    /// The block field a file is being chosen for; `None` when just browsing.
    pub slot: Option<MediaSlot>,
    /// Operators and restricted accounts only look: no upload, no delete.
    #[prop_or_default]
    pub read_only: bool,
    pub on_choose: Callback<MediaItem>,
    pub on_close: Callback<()>,
}

/// The list as loaded so far.
#[derive(Clone, Default, PartialEq)]
struct Listing {
    items: Vec<MediaItem>,
    next_cursor: Option<i64>,
    loaded: bool,
}

#[function_component(MediaLibrary)]
pub fn media_library(props: &MediaLibraryProps) -> Html {
    let t = texts();
    let dialog = use_node_ref();
    let file_input = use_node_ref();
    let alt_input = use_node_ref();
    let listing = use_state(Listing::default);
    let kind = use_state(|| props.slot.and_then(MediaSlot::kind_filter).map(str::to_string));
    let search = use_state(String::new);
    let reload = use_state(|| 0u32);
    // What just happened, or what went wrong: (succeeded, text).
    let notice = use_state(|| None::<(bool, String)>);
    let file = use_state(|| None::<web_sys::File>);
    let alt = use_state(String::new);
    let title = use_state(String::new);
    let form_error = use_state(|| None::<(bool, String)>);
    // None: not uploading; Some(None): under way, size unknown; Some(Some(p)): p per cent sent.
    let progress = use_state(|| None::<Option<u8>>);

    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    // The first page loads at once and again, shortly after the last keystroke, on every change
    // of filter or search.
    {
        let (listing, notice, site) = (listing.clone(), notice.clone(), props.site.clone());
        use_effect_with(((*kind).clone(), (*search).clone(), *reload), move |(kind, search, _)| {
            let (kind, search) = (kind.clone(), search.clone());
            let timer = Timeout::new(if search.is_empty() { 0 } else { 250 }, move || {
                spawn_local(async move {
                    match server::list_media(&site, None, kind.as_deref(), &search).await {
                        Ok(page) => listing.set(Listing { items: page.items, next_cursor: page.next_cursor, loaded: true }),
                        Err(err) => notice.set(Some((false, error_message(&err)))),
                    }
                });
            });
            move || drop(timer)
        });
    }

    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    let onclose = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: Event| on_close.emit(()))
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                kind.set(Some(select.value()).filter(|v| !v.is_empty()));
            }
        })
    };
    let on_search = {
        let search = search.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                search.set(input.value());
            }
        })
    };
    let on_file = {
        let (file, form_error) = (file.clone(), form_error.clone());
        Callback::from(move |event: Event| {
            let chosen = event.target_dyn_into::<HtmlInputElement>().and_then(|input| input.files()).and_then(|files| files.get(0));
            file.set(chosen);
            form_error.set(None);
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let onsubmit = {
        let (site, file, alt, title) = (props.site.clone(), file.clone(), alt.clone(), title.clone());
        let (form_error, progress, notice, reload) = (form_error.clone(), progress.clone(), notice.clone(), reload.clone());
        let (file_input, alt_input) = (file_input.clone(), alt_input.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(chosen) = (*file).clone() else {
                form_error.set(Some((false, t.media_choose_file_first.into())));
                return;
            };
            if looks_like_image(&chosen.type_()) && alt.trim().is_empty() {
                form_error.set(Some((true, t.media_alt_required.into())));
                if let Some(input) = alt_input.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
                return;
            }
            form_error.set(None);
            notice.set(None);
            progress.set(Some(None));
            let (site, alt_text, title_text) = (site.clone(), (*alt).clone(), (*title).clone());
            let (file, alt, title, form_error, progress, notice, reload, file_input) =
                (file.clone(), alt.clone(), title.clone(), form_error.clone(), progress.clone(), notice.clone(), reload.clone(), file_input.clone());
            spawn_local(async move {
                let on_progress = {
                    let progress = progress.clone();
                    Callback::from(move |(sent, total): (f64, f64)| {
                        progress.set(Some((total > 0.0).then(|| (sent / total * 100.0).round().clamp(0.0, 100.0) as u8)));
                    })
                };
                let result = server::upload_media(&site, &chosen, &alt_text, &title_text, on_progress).await;
                progress.set(None);
                match result {
                    Ok(uploaded) => {
                        let message = if uploaded.created { t.media_uploaded } else { t.media_already_there };
                        notice.set(Some((true, message.replace("{name}", &uploaded.item.name))));
                        file.set(None);
                        alt.set(String::new());
                        title.set(String::new());
                        if let Some(input) = file_input.cast::<HtmlInputElement>() {
                            input.set_value("");
                        }
                        reload.set(*reload + 1);
                    }
                    Err(err) => form_error.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let on_more = {
        let (listing, kind, search, notice, site) = (listing.clone(), kind.clone(), search.clone(), notice.clone(), props.site.clone());
        Callback::from(move |_: MouseEvent| {
            let (listing, notice, site) = (listing.clone(), notice.clone(), site.clone());
            let (kind, search) = ((*kind).clone(), (*search).clone());
            spawn_local(async move {
                match server::list_media(&site, listing.next_cursor, kind.as_deref(), &search).await {
                    Ok(page) => {
                        let mut items = listing.items.clone();
                        items.extend(page.items);
                        listing.set(Listing { items, next_cursor: page.next_cursor, loaded: true });
                    }
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };

    let item_view = |item: &MediaItem| {
        let name_id = format!("media-item-{}", item.id);
        let choose = props.slot.filter(|slot| *slot == MediaSlot::File || item.is_image()).map(|_| {
            let (on_choose, dialog, item) = (props.on_choose.clone(), dialog.clone(), item.clone());
            Callback::from(move |_: MouseEvent| {
                on_choose.emit(item.clone());
                if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                    dialog.close();
                }
            })
        });
        let copy = {
            let (notice, url) = (notice.clone(), item.url.clone());
            Callback::from(move |_: MouseEvent| {
                let (notice, url) = (notice.clone(), url.clone());
                spawn_local(async move {
                    let window = web_sys::window();
                    let absolute = window.as_ref().and_then(|w| w.location().origin().ok()).unwrap_or_default() + &url;
                    let copied = match window {
                        Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&absolute)).await.is_ok(),
                        None => false,
                    };
                    let message = if copied { t.media_link_copied } else { t.media_link_copy_failed };
                    notice.set(Some((true, message.replace("{url}", &absolute))));
                });
            })
        };
        let delete = {
            let (notice, reload, site, item) = (notice.clone(), reload.clone(), props.site.clone(), item.clone());
            Callback::from(move |_: MouseEvent| {
                let question = t.media_delete_confirm.replace("{name}", &item.name);
                let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
                if !confirmed {
                    return;
                }
                let (notice, reload, site, item) = (notice.clone(), reload.clone(), site.clone(), item.clone());
                spawn_local(async move {
                    match server::delete_media(&site, item.id).await {
                        Ok(()) => {
                            notice.set(Some((true, t.media_deleted.replace("{name}", &item.name))));
                            reload.set(*reload + 1);
                        }
                        Err(err) => notice.set(Some((false, error_message(&err)))),
                    }
                });
            })
        };
        html! {
            <li class="media-item" key={item.id} data-media-id={item.id.to_string()}>
                if item.is_image() {
                    // Decorative here: the name and the description are written beside it.
                    <img class="media-thumb" src={item.url.clone()} alt="" loading="lazy" />
                } else {
                    <span class="media-thumb media-badge" aria-hidden="true">{ &item.format }</span>
                }
                <div class="media-text">
                    <p class="media-name" id={name_id.clone()}>{ if item.title.is_empty() { &item.name } else { &item.title } }</p>
                    <p class="media-meta">{ item.summary() }</p>
                    if !item.alt.is_empty() { <p class="media-alt">{ t.media_alt_shown }{ " " }{ &item.alt }</p> }
                </div>
                <div class="media-actions">
                    if let Some(choose) = choose {
                        <button type="button" class="btn primary" onclick={choose} aria-describedby={name_id.clone()}>{ t.media_choose }</button>
                    }
                    <button type="button" class="btn" onclick={copy} aria-describedby={name_id.clone()}>{ t.media_copy_link }</button>
                    if !props.read_only {
                        <button type="button" class="btn danger" onclick={delete} aria-describedby={name_id}>{ t.media_delete }</button>
                    }
                </div>
            </li>
        }
    };

    let items: Html = listing.items.iter().map(item_view).collect();
    let alt_invalid = matches!(&*form_error, Some((true, _)));
    let filtered = !search.trim().is_empty() || (*kind).is_some();
    html! {
        <dialog class="media-dialog" ref={dialog} aria-labelledby="media-title" {onclose}>
            <div class="media-head">
                <h2 id="media-title">{ t.media_library }</h2>
                <button type="button" class="btn" onclick={close}>{ t.media_close }</button>
            </div>
            if let Some(slot) = props.slot {
                <p class="hint">{ if slot == MediaSlot::Image { t.media_pick_image } else { t.media_pick_file } }</p>
            }
            if !props.read_only {
            <form class="media-upload" {onsubmit} aria-labelledby="media-upload-title" novalidate=true>
                <h3 id="media-upload-title">{ t.media_upload_title }</h3>
                <p class="hint" id="media-accepted">{ t.media_accepted }</p>
                <div class="field">
                    <label for="media-file">{ t.media_file_label }</label>
                    <input id="media-file" type="file" accept={ACCEPT} ref={file_input} onchange={on_file} aria-describedby="media-accepted" />
                </div>
                <div class="field">
                    <label for="media-alt">{ t.media_alt_label }</label>
                    <input id="media-alt" type="text" ref={alt_input} value={(*alt).clone()} oninput={text_input(&alt)}
                        aria-describedby="media-alt-hint" aria-invalid={alt_invalid.then_some("true")} />
                    <p class="hint" id="media-alt-hint">{ t.media_alt_hint }</p>
                </div>
                <div class="field">
                    <label for="media-title-input">{ t.media_title_label }</label>
                    <input id="media-title-input" type="text" value={(*title).clone()} oninput={text_input(&title)} />
                </div>
                <div class="media-submit">
                    <button type="submit" class="btn primary" disabled={progress.is_some()}>{ t.media_upload }</button>
                    if let Some(percent) = *progress {
                        <progress max="100" value={percent.map(|p| p.to_string())} aria-label={t.media_progress_label}></progress>
                        <span>{ match percent {
                            Some(p) => t.media_uploading.replace("{p}", &p.to_string()),
                            None => t.media_uploading_unknown.to_string(),
                        } }</span>
                    }
                </div>
                if let Some((_, message)) = &*form_error { <p class="field-error" role="alert">{ message }</p> }
            </form>
            }
            <div class="media-filters">
                <div class="field">
                    <label for="media-kind">{ t.media_filter_label }</label>
                    <select id="media-kind" onchange={on_kind}>
                        <option value="" selected={kind.is_none()}>{ t.media_filter_all }</option>
                        <option value="image" selected={kind.as_deref() == Some("image")}>{ t.media_filter_images }</option>
                        <option value="document" selected={kind.as_deref() == Some("document")}>{ t.media_filter_documents }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="media-search">{ t.media_search }</label>
                    <input id="media-search" type="search" value={(*search).clone()} oninput={on_search} />
                </div>
            </div>
            <Notice notice={(*notice).clone()} />
            if !listing.loaded {
                <p class="hint">{ t.media_loading }</p>
            } else if listing.items.is_empty() {
                <p class="empty-state">{ if filtered { t.media_nothing_found } else { t.media_empty } }</p>
            } else {
                <ul class="media-list" aria-label={t.media_files}>
                    { items }
                </ul>
                if listing.next_cursor.is_some() {
                    <button type="button" class="btn" onclick={on_more}>{ t.media_more }</button>
                }
            }
        </dialog>
    }
}
