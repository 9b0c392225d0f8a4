//! The constructor's root: loads the draft, owns the state, lays out the panels.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::i18n::texts;
use crate::error_words::error_message;
use crate::leave_warning::use_leave_warning;
pub use crate::views::View;
use crate::local_copy;
use crate::media_choice::{edits_for_choice, MediaItem, MediaSlot};
use crate::media_library::MediaLibrary;
use crate::command::{Command, CommandPalette};
use crate::conflict::ConflictView;
use crate::outline::{Dragged, Outline};
use crate::page_tree::{rows as page_rows, PageSettings, PageTree};
use crate::site_import_view::SiteImportView;
use crate::backups_view::BackupsView;
use crate::support_view::SupportView;
use crate::palette::Palette;
use crate::preview::{Preview, Shown, WIDTHS};
use crate::properties::Properties;
use crate::publish::{findings, PublishSummary};
use crate::server::{self, ServerError};
use crate::state::{Action, BlockEdit, EditorState, SaveState};
use crate::audit::AuditView;
use crate::compliance_view::ComplianceView;
use crate::dashboard::DashboardView;
use crate::migration_view::MigrationView;
use crate::inbox::InboxView;
use crate::collections::CollectionsView;
use crate::history::HistoryView;
use crate::sites::SitesView;
use crate::tokens::TokensView;
use crate::users::UsersView;
use crate::toolbar::Toolbar;
use crate::training_view::TrainingView;
use crate::visits_view::VisitsView;


/// How many pages the canvas frame has loaded: each load lets waiting changes through.
#[derive(Default, PartialEq)]
struct Loads(u32);

impl Reducible for Loads {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Loads(self.0.wrapping_add(1)))
    }
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}


/// The site to open: `?site=<slug>` or the first one the server lists.
async fn site_to_open(sites: &[server::SiteSummary]) -> Option<String> {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let wanted = query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("site="))
        .map(|slug| js_sys::decode_uri_component(slug).map(String::from).unwrap_or_default());
    match wanted {
        Some(slug) if !slug.is_empty() => Some(slug),
        _ => sites.first().map(|s| s.slug.clone()),
    }
}

/// Whether the address names a site (`?site=<slug>`).
fn site_in_query() -> bool {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    query.trim_start_matches('?').split('&').any(|pair| pair.strip_prefix("site=").is_some_and(|slug| !slug.is_empty()))
}

/// What a failed call does to the editor: an ended session goes back to the sign-in form
/// (the local copy keeps the edits); anything else is shown in the status line.
fn report(err: ServerError, state: &UseReducerHandle<EditorState>, on_signed_out: &Callback<Option<String>>) {
    if err == ServerError::SignedOut {
        on_signed_out.emit(Some(texts().session_ended.into()));
    } else {
        state.dispatch(Action::Failed(error_message(&err)));
    }
}

/// Loads the server draft; unsaved edits kept in this browser win, and if the server has
/// moved on meanwhile, they are shown as a conflict instead of being dropped.
async fn load(site: String, state: UseReducerHandle<EditorState>, on_signed_out: Callback<Option<String>>) {
    match server::load_draft(&site).await {
        Ok(draft) => {
            let local = local_copy::load(&site).filter(|(_, doc)| *doc != draft.document);
            let (document, version, restored_local) = match local {
                Some((base, doc)) => (doc, base, true),
                None => (draft.document, draft.version, false),
            };
            state.dispatch(Action::Loaded { document, version, published_revision: draft.published_revision, restored_local });
            if restored_local && version != draft.version {
                state.dispatch(Action::Conflict { current_version: draft.version });
            }
        }
        Err(err) => report(err, &state, &on_signed_out),
    }
}

thread_local! {
    /// Whether a save is on its way: two at once (the autosave and the tab being hidden) would
    /// both be based on the same version, and the second would come back as a conflict.
    static SAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The edit last sent as the tab went: `visibilitychange` and `pagehide` both announce a
    /// closing tab, and one request is enough.
    static SENT_LEAVING: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// How a save is sent.
#[derive(Clone, Copy, PartialEq)]
enum Sending {
    /// While the editor stays open.
    Usual,
    /// As the tab is hidden or closed: a keepalive request, which outlives the tab.
    Leaving,
}

/// Saves what is on screen; returns the new version when it worked. A draft that breaks a
/// rule is not sent: the editor says which block and why, as the server would.
async fn save(site: &str, state: &UseReducerHandle<EditorState>, on_signed_out: &Callback<Option<String>>, sending: Sending) -> Option<i64> {
    let document = state.document.clone()?;
    let problems = civic_shared::validate(&document);
    if !problems.is_empty() {
        let lang = crate::i18n::lang();
        state.dispatch(Action::SaveRefused(problems.iter().map(|p| (p.path.clone(), p.message(lang))).collect()));
        return None;
    }
    // As the tab goes, the edits are sent even past a save in flight: the browser cancels that
    // one with the page (a keepalive request outlives it). If both arrive, the second is
    // refused as stale, and the first already holds the same edits.
    let (base, seq) = (state.version, state.edit_seq);
    if sending == Sending::Leaving && SENT_LEAVING.with(|sent| sent.replace(Some(seq))) == Some(seq) {
        return None;
    }
    if SAVING.with(|saving| saving.replace(true)) && sending == Sending::Usual {
        return None;
    }
    state.dispatch(Action::SaveStarted);
    let result = server::save_draft(site, base, &document, sending == Sending::Leaving).await;
    SAVING.with(|saving| saving.set(false));
    match result {
        Ok(version) => {
            state.dispatch(Action::Saved { version, edit_seq: seq });
            Some(version)
        }
        Err(ServerError::Stale { current_version }) => {
            state.dispatch(Action::Conflict { current_version });
            None
        }
        Err(ServerError::Invalid(problems)) => {
            state.dispatch(Action::SaveRefused(problems));
            None
        }
        Err(err) => {
            report(err, state, on_signed_out);
            None
        }
    }
}

/// What the media library was opened for.
#[derive(Clone, Debug, PartialEq)]
enum MediaTarget {
    /// The toolbar's button: browse, upload, copy links.
    Browse,
    /// A block field's button: choose a file for it.
    Field { block_id: String, pointer: String, slot: MediaSlot },
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Who is signed in.
    pub user: server::User,
    /// The session ended (with the reason to show on the sign-in form).
    pub on_signed_out: Callback<Option<String>>,
    /// Another interface language was chosen.
    pub on_lang: Callback<civic_shared::Lang>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let t = texts();
    let state = use_reducer(EditorState::default);
    let site = use_state(|| None::<String>);
    let sites = use_state(Vec::<server::SiteSummary>::new);
    // An administrator who opened no site in particular lands on the region's overview.
    let view = use_state(|| if props.user.role == "administrator" && !site_in_query() { View::Dashboard } else { View::Pages });
    let on_signed_out = props.on_signed_out.clone();
    let data = use_state(|| Rc::new(civic_shared::RenderData::default()));
    let media = use_state(|| None::<MediaTarget>);
    let dragging = use_state(|| None::<Dragged>);
    let command_open = use_state(|| false);
    let publish_open = use_state(|| false);
    let width = use_state(|| WIDTHS[0]);
    let accessible = use_state(|| false);
    // The user's course, fetched again after each save, publication and change of view (the
    // steps are recorded by the server as the actions succeed); `invite_hidden` is «Позже».
    let training = use_state(|| None::<server::Training>);
    let invite_hidden = use_state(|| false);
    let frame = use_node_ref();
    let shown = use_mut_ref(Shown::default);
    let frame_loads = use_reducer(Loads::default);
    let timers = use_mut_ref(|| (None::<Timeout>, None::<Timeout>));
    use_leave_warning(state.has_unsaved_edits());
    {
        let read_only = props.user.role == "operator" || props.user.status == "restricted";
        let dispatcher = state.dispatcher();
        use_effect_with(read_only, move |read_only| dispatcher.dispatch(Action::ReadOnly(*read_only)));
    }
    // The outline's callbacks stay the same from render to render, so its items are only
    // rendered again when they change.
    let on_block = {
        let dispatcher = state.dispatcher();
        use_callback((), move |id: String, _| dispatcher.dispatch(Action::SelectBlock(Some(id))))
    };
    let on_drag = {
        let setter = dragging.setter();
        use_callback((), move |next: Option<Dragged>, _| setter.set(next))
    };
    let on_drop = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(dragged, slot): crate::outline::Drop, _| {
            dispatcher.dispatch(match dragged {
                Dragged::New(type_name) => Action::InsertAt { type_name, slot },
                Dragged::Existing(block_id) => Action::MoveTo { block_id, slot },
            })
        })
    };
    // Shortcuts work wherever focus is (even on <body> after a moved block re-renders), so they
    // listen on the document; each render stores the handler that sees the current state.
    let key_handler = use_mut_ref(|| Callback::from(|_: KeyboardEvent| ()));
    {
        let key_handler = key_handler.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
                // Not passive: the shortcuts replace the browser's own undo and save.
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(&document, "keydown", options, move |event| {
                    if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                        key_handler.borrow().emit(event.clone());
                    }
                })
            });
            move || drop(listener)
        });
    }

    {
        let (state, site, sites, data, on_signed_out) = (state.clone(), site.clone(), sites.clone(), data.clone(), on_signed_out.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let list = match server::list_sites().await {
                    Ok(list) => list,
                    Err(err) => return report(err, &state, &on_signed_out),
                };
                let chosen = site_to_open(&list).await;
                sites.set(list);
                match chosen {
                    Some(slug) => {
                        site.set(Some(slug.clone()));
                        load(slug.clone(), state, on_signed_out).await;
                        data.set(Rc::new(server::load_data(&slug).await));
                    }
                    None => state.dispatch(Action::Failed(texts().no_sites.into())),
                }
            });
        });
    }

    // Keep unsaved edits in this browser a moment after typing stops (and at once when the
    // tab is hidden or closed), and send them to the server after a short idle.
    {
        let site = (*site).clone();
        let timers = timers.clone();
        use_effect_with((state.edit_seq, state.save.clone()), {
            let (state, on_signed_out) = (state.clone(), on_signed_out.clone());
            move |_| {
                let (Some(site), Some(_)) = (site, state.document.as_ref()) else { return };
                if matches!(state.save, SaveState::Saved | SaveState::Published(_)) {
                    local_copy::clear(&site);
                    *timers.borrow_mut() = (None, None);
                    return;
                }
                if !state.has_unsaved_edits() {
                    return;
                }
                let keep = {
                    let (state, site) = (state.clone(), site.clone());
                    Timeout::new(LOCAL_COPY_AFTER_MS, move || keep_locally(&site, &state))
                };
                // A save that failed (no connection, storage down) is tried again a little
                // later; a refused one waits for the edit that corrects it.
                let wait = match state.save {
                    SaveState::Unsaved => Some(AUTOSAVE_AFTER_MS),
                    SaveState::Failed(_) => Some(AUTOSAVE_RETRY_MS),
                    _ => None,
                };
                let autosave = wait.map(|wait| {
                    let (state, site, on_signed_out) = (state.clone(), site.clone(), on_signed_out.clone());
                    Timeout::new(wait, move || {
                        spawn_local(async move {
                            save(&site, &state, &on_signed_out, Sending::Usual).await;
                        })
                    })
                });
                *timers.borrow_mut() = (Some(keep), autosave);
            }
        });
    }
    {
        // Leaving the tab (or closing it): keep the edits now, and send them at once (the save
        // is a keepalive request, which outlives a closed tab).
        let (site, state, on_signed_out) = ((*site).clone(), state.clone(), on_signed_out.clone());
        use_effect_with((state.edit_seq, state.save.clone(), site.clone()), move |_| {
            let listeners = web_sys::window().zip(site).map(|(window, site)| {
                let leave = Rc::new(move || {
                    if state.has_unsaved_edits() {
                        keep_locally(&site, &state);
                        // After a failed save the server is out of reach: the local copy holds
                        // the edits until the editor is opened again.
                        if state.save == SaveState::Unsaved {
                            let (state, site, on_signed_out) = (state.clone(), site.clone(), on_signed_out.clone());
                            spawn_local(async move {
                                save(&site, &state, &on_signed_out, Sending::Leaving).await;
                            });
                        }
                    }
                });
                let hidden = {
                    let leave = leave.clone();
                    move |_: &web_sys::Event| {
                        if web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden()) {
                            leave();
                        }
                    }
                };
                let document = window.document();
                [
                    document.map(|document| gloo_events::EventListener::new(&document, "visibilitychange", hidden)),
                    Some(gloo_events::EventListener::new(&window, "pagehide", move |_| leave())),
                ]
            });
            move || drop(listeners)
        });
    }
    // A conflict: fetch the other version for the conflict view.
    {
        let (site, state) = ((*site).clone(), state.clone());
        let wanted = matches!(state.save, SaveState::Conflict { .. }) && state.theirs.is_none();
        use_effect_with(wanted, move |wanted| {
            if let (true, Some(site)) = (*wanted, site) {
                spawn_local(async move {
                    if let Ok(draft) = server::load_draft(&site).await {
                        state.dispatch(Action::TheirsLoaded { document: draft.document, version: draft.version });
                    }
                });
            }
        });
    }
    {
        let training = training.clone();
        let learns = props.user.role != "operator";
        use_effect_with((state.version, state.published_revision, *view), move |_| {
            if learns {
                spawn_local(async move {
                    if let Ok(found) = server::training().await {
                        training.set(Some(found));
                    }
                });
            }
        });
    }
    // The canvas follows every change with the least work (see `preview::update`).
    {
        let (frame, shown, site, data) = (frame.clone(), shown.clone(), (*site).clone(), (*data).clone());
        let deps = (state.edit_seq, state.page_id.clone(), state.selected.clone(), *accessible, frame_loads.0, Rc::as_ptr(&data) as usize, state.document.is_some());
        let state = state.clone();
        let accessible = *accessible;
        use_effect_with(deps, move |_| {
            if let (Some(iframe), Some(document), Some(site)) = (frame.cast::<web_sys::HtmlIFrameElement>(), state.document.as_ref(), site) {
                let base_path = format!("/s/{site}");
                crate::preview::update(&iframe, &mut shown.borrow_mut(), document, &state.page_id, &data, state.selected.as_deref(), accessible, &base_path);
            }
        });
    }

    let Some(site_slug) = (*site).clone() else {
        return html! { <main class="app-message" aria-live="polite">{ status_line(&state.save, t.loading) }</main> };
    };
    let Some(document) = state.document.as_ref() else {
        return html! { <main class="app-message" aria-live="polite">{ status_line(&state.save, t.loading) }</main> };
    };

    let on_save = {
        let (state, site, on_signed_out) = (state.clone(), site_slug.clone(), on_signed_out.clone());
        Callback::from(move |_| {
            let (state, site, on_signed_out) = (state.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                save(&site, &state, &on_signed_out, Sending::Usual).await;
            });
        })
    };
    let on_ask_publish = {
        let publish_open = publish_open.clone();
        Callback::from(move |_| publish_open.set(true))
    };
    let on_publish = {
        let (state, site, on_signed_out, publish_open) = (state.clone(), site_slug.clone(), on_signed_out.clone(), publish_open.clone());
        Callback::from(move |_| {
            publish_open.set(false);
            let (state, site, on_signed_out) = (state.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                let version = if state.has_unsaved_edits() { save(&site, &state, &on_signed_out, Sending::Usual).await } else { Some(state.version) };
                let Some(version) = version else { return };
                state.dispatch(Action::PublishStarted);
                match server::publish(&site, version).await {
                    Ok(revision) => state.dispatch(Action::Published { revision }),
                    Err(ServerError::Stale { current_version }) => state.dispatch(Action::Conflict { current_version }),
                    Err(err) => report(err, &state, &on_signed_out),
                }
            });
        })
    };
    let on_sign_out = {
        let on_signed_out = on_signed_out.clone();
        Callback::from(move |_| {
            let on_signed_out = on_signed_out.clone();
            spawn_local(async move {
                // Signed out either way: a failed call only means the session was already gone.
                let _ = server::logout().await;
                on_signed_out.emit(None);
            });
        })
    };
    let on_keep_mine = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::KeepMine))
    };
    let on_load_theirs = {
        let (state, site, on_signed_out) = (state.clone(), site_slug.clone(), on_signed_out.clone());
        Callback::from(move |_| {
            local_copy::clear(&site);
            spawn_local(load(site.clone(), state.clone(), on_signed_out.clone()));
        })
    };
    let on_discard_local = {
        let (state, site, on_signed_out) = (state.clone(), site_slug.clone(), on_signed_out.clone());
        Callback::from(move |_| {
            local_copy::clear(&site);
            let (state, site, on_signed_out) = (state.clone(), site.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::load_draft(&site).await {
                    Ok(draft) => state.dispatch(Action::DiscardLocal { document: draft.document, version: draft.version }),
                    Err(err) => report(err, &state, &on_signed_out),
                }
            });
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |(block_id, edit): (String, BlockEdit)| state.dispatch(Action::Edit { block_id, edit }))
    };
    let onkeydown = {
        let (state, on_save, command_open) = (state.clone(), on_save.clone(), command_open.clone());
        Callback::from(move |event: KeyboardEvent| {
            let target = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
            // In the rich-text editor Ctrl+K makes a link; everywhere else it opens the commands.
            let in_rich_text = target.as_ref().and_then(|el| el.dyn_ref::<web_sys::HtmlElement>()).is_some_and(|el| el.is_content_editable());
            if (event.ctrl_key() || event.meta_key()) && event.code() == "KeyK" && !in_rich_text {
                event.prevent_default();
                command_open.set(true);
                return;
            }
            // Keys typed into a field belong to the field.
            let in_field = in_rich_text || target.is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if !in_field && event.alt_key() && matches!(event.key().as_str(), "ArrowUp" | "ArrowDown") {
                event.prevent_default();
                state.dispatch(Action::MoveSelected { up: event.key() == "ArrowUp" });
                return;
            }
            if !in_field && event.key() == "Delete" {
                event.prevent_default();
                state.dispatch(Action::DeleteSelected);
                return;
            }
            if !(event.ctrl_key() || event.meta_key()) {
                return;
            }
            // The same keys on the Russian layout give Cyrillic letters.
            let action = match (event.key().to_lowercase().as_str(), event.shift_key()) {
                // In a field, copy and paste are the field's own.
                ("c" | "с", false) if !in_field => Some(Action::Copy),
                ("v" | "м", false) if !in_field => Some(Action::Paste),
                ("d" | "в", false) if !in_field => Some(Action::Duplicate),
                ("z" | "я", false) => Some(Action::Undo),
                ("z" | "я", true) | ("y" | "н", false) => Some(Action::Redo),
                ("s" | "ы", false) => {
                    event.prevent_default();
                    on_save.emit(());
                    None
                }
                _ => None,
            };
            if let Some(action) = action {
                event.prevent_default();
                state.dispatch(action);
            }
        })
    };

    // The editor's shortcuts belong to the pages view; the data view's fields keep their keys.
    *key_handler.borrow_mut() = if *view == View::Pages { onkeydown } else { Callback::from(|_: KeyboardEvent| ()) };
    let on_view = {
        let view = view.clone();
        Callback::from(move |next: View| view.set(next))
    };
    let read_only = state.read_only;

    let on_media = {
        let media = media.clone();
        Callback::from(move |_| media.set(Some(MediaTarget::Browse)))
    };
    let on_choose_media = {
        let (media, selected) = (media.clone(), state.selected.clone());
        Callback::from(move |(pointer, slot): (String, MediaSlot)| {
            if let Some(block_id) = selected.clone() {
                media.set(Some(MediaTarget::Field { block_id, pointer, slot }));
            }
        })
    };
    let on_media_close = {
        let media = media.clone();
        Callback::from(move |_| media.set(None))
    };
    let on_media_choose = {
        let (media, state) = (media.clone(), state.clone());
        Callback::from(move |item: MediaItem| {
            if let Some(MediaTarget::Field { block_id, pointer, slot }) = (*media).clone() {
                let block = state
                    .document
                    .as_ref()
                    .and_then(|d| d.pages.get(&state.page_id))
                    .and_then(|page| crate::state::find_block(&page.blocks, &block_id))
                    .and_then(|block| crate::state::to_json_value(block).ok());
                if let Some(block) = block {
                    let edits = edits_for_choice(&block, &pointer, slot, &item);
                    state.dispatch(Action::EditFields { block_id, edits });
                }
            }
            media.set(None);
        })
    };
    let media_slot = match &*media {
        Some(MediaTarget::Field { slot, .. }) => Some(*slot),
        _ => None,
    };
    let library = media.is_some().then(|| html! {
        <MediaLibrary site={site_slug.clone()} slot={media_slot} {read_only} on_choose={on_media_choose} on_close={on_media_close} />
    });

    let base_path = format!("/s/{site_slug}");
    let page = document.pages.get(&state.page_id);
    let selected_block = state.selected_block().cloned();
    let public_url = format!("{base_path}/{}", document.page_path(&state.page_id).unwrap_or_default());
    let page_titles: Vec<(String, String)> = document.pages.iter().map(|(id, p)| (id.clone(), p.title.clone())).collect();

    let toolbar = html! {
            <Toolbar
                site_name={document.site.name.clone()}
                site_slug={site_slug.clone()}
                sites={(*sites).clone()}
                user={props.user.clone()}
                {on_sign_out}
                save={state.save.clone()}
                can_undo={state.can_undo()}
                can_redo={state.can_redo()}
                restored_local={state.restored_local}
                {on_discard_local}
                {read_only}
                {public_url}
                on_undo={dispatch.reform(|_| Action::Undo)}
                on_redo={dispatch.reform(|_| Action::Redo)}
                on_save={on_save.clone()}
                on_publish={on_ask_publish}
                {on_keep_mine}
                {on_load_theirs}
                {on_media}
                view={*view}
                {on_view}
                width={*width}
                on_width={{ let width = width.clone(); Callback::from(move |w| width.set(w)) }}
                accessible={*accessible}
                on_accessible={{ let accessible = accessible.clone(); Callback::from(move |on| accessible.set(on)) }}
                on_command={{ let command_open = command_open.clone(); Callback::from(move |_| command_open.set(true)) }}
                on_lang={props.on_lang.clone()}
                training={training.as_ref().map(|found| (found.progress.done, found.progress.total))}
                invite={props.user.role == "editor" && !*invite_hidden && *view != View::Training && training.as_ref().is_some_and(|found| found.progress.done == 0)}
                on_later={{ let invite_hidden = invite_hidden.clone(); Callback::from(move |_| invite_hidden.set(true)) }}
            />
    };
    let other_view = match *view {
        View::Pages => None,
        View::Data => Some(html! { <CollectionsView site={site_slug.clone()} on_signed_out={props.on_signed_out.clone()} {read_only} /> }),
        View::History => Some(html! {
            <HistoryView site={site_slug.clone()} on_signed_out={props.on_signed_out.clone()} {read_only} />
        }),
        View::Sites => Some(html! { <SitesView sites={(*sites).clone()} on_signed_out={props.on_signed_out.clone()} /> }),
        View::Users => Some(html! { <UsersView sites={(*sites).clone()} on_signed_out={props.on_signed_out.clone()} /> }),
        View::Audit => Some(html! { <AuditView sites={(*sites).clone()} on_signed_out={props.on_signed_out.clone()} /> }),
        View::Tokens => Some(html! { <TokensView sites={(*sites).clone()} on_signed_out={props.on_signed_out.clone()} /> }),
        View::Inbox => Some(html! {
            <InboxView site={site_slug.clone()} {read_only} role={props.user.role.clone()} on_signed_out={props.on_signed_out.clone()} />
        }),
        View::Compliance => Some(html! {
            <ComplianceView site={site_slug.clone()} document={Rc::new(document.clone())} data={(*data).clone()} on_fix={{
                let (state, view) = (state.clone(), view.clone());
                Callback::from(move |(page, block): (String, Option<String>)| {
                    state.dispatch(Action::SelectPage(page));
                    if block.is_some() {
                        state.dispatch(Action::SelectBlock(block));
                    }
                    view.set(View::Pages);
                })
            }} />
        }),
        View::Dashboard => Some(html! {
            <DashboardView can_manage={props.user.role == "administrator"} on_signed_out={props.on_signed_out.clone()} />
        }),
        View::Migration => Some(html! { <MigrationView role={props.user.role.clone()} on_signed_out={props.on_signed_out.clone()} /> }),
        View::Support => Some(html! {
            <SupportView site={site_slug.clone()} every_site={props.user.role != "editor"} handles={props.user.role == "administrator"} {read_only}
                on_signed_out={props.on_signed_out.clone()} />
        }),
        View::Visits => {
            let pages: Vec<(String, String)> =
                document.pages.iter().filter_map(|(id, p)| document.page_path(id).map(|path| (format!("/{path}"), p.title.clone()))).collect();
            Some(html! {
                <VisitsView site={site_slug.clone()} pages={Rc::new(pages)} every_site={props.user.role != "editor"} on_signed_out={props.on_signed_out.clone()} />
            })
        }
        View::SiteImport => {
            let unsaved = !matches!(state.save, SaveState::Saved | SaveState::Published(_));
            let on_imported = {
                let (site, state, on_signed_out) = (site_slug.clone(), state.clone(), props.on_signed_out.clone());
                Callback::from(move |_| spawn_local(load(site.clone(), state.clone(), on_signed_out.clone())))
            };
            Some(html! {
                <SiteImportView site={site_slug.clone()} pages={Rc::new(page_titles.clone())} version={state.version} {unsaved} {read_only}
                    {on_imported} on_signed_out={props.on_signed_out.clone()} />
            })
        }
        View::Backups => {
            let on_restored = {
                let (site, state, on_signed_out) = (site_slug.clone(), state.clone(), props.on_signed_out.clone());
                Callback::from(move |_| spawn_local(load(site.clone(), state.clone(), on_signed_out.clone())))
            };
            Some(html! {
                <BackupsView site={site_slug.clone()} site_name={document.site.name.clone()} {on_restored} on_signed_out={props.on_signed_out.clone()} />
            })
        }
        View::Training => Some(html! {
            <TrainingView known={(*training).clone()} on_signed_out={props.on_signed_out.clone()}
                on_go={{ let view = view.clone(); Callback::from(move |next: View| view.set(next)) }}
                on_loaded={{ let training = training.clone(); Callback::from(move |found| training.set(Some(found))) }} />
        }),
    };
    if let Some(main) = other_view {
        return html! { <div class="app data-view">{ toolbar }{ main }{ for library }</div> };
    }
    let command = command_open.then(|| {
        let command_open = command_open.clone();
        html! {
            <CommandPalette pages={page_titles.clone()}
                on_command={dispatch.reform(|command| match command {
                    Command::Insert(type_name) => Action::Insert { type_name },
                    Command::OpenPage(id) => Action::SelectPage(id),
                })}
                on_close={Callback::from(move |_| command_open.set(false))} />
        }
    });
    let conflict = state.theirs.as_ref().zip(state.document.as_ref()).map(|(theirs, mine)| {
        let version = theirs.version;
        html! {
            <ConflictView base={state.base.clone()} mine={Rc::new(mine.clone())} theirs={theirs.document.clone()}
                on_resolve={dispatch.reform(move |document| Action::Resolved { document, version })} />
        }
    });
    let publish = publish_open.then(|| {
        let publish_open = publish_open.clone();
        html! {
            <PublishSummary findings={findings(document)} pages={page_titles.clone()} on_publish={on_publish.clone()}
                compliance={crate::compliance_view::report(document, &data).summary()}
                on_open_compliance={{ let view = view.clone(); Callback::from(move |_| view.set(View::Compliance)) }}
                site={site_slug.clone()} draft={Rc::new(document.clone())} published_revision={state.published_revision}
                on_open_page={dispatch.reform(Action::SelectPage)}
                on_close={Callback::from(move |_| publish_open.set(false))} />
        }
    });
    // The page settings need every page but none of their blocks.
    let page_meta = Rc::new(civic_shared::SiteDocument {
        schema_version: document.schema_version,
        site: document.site.clone(),
        theme: document.theme.clone(),
        pages: document
            .pages
            .iter()
            .map(|(id, p)| {
                let page = civic_shared::Page {
                    slug: p.slug.clone(),
                    title: p.title.clone(),
                    description: p.description.clone(),
                    parent: p.parent.clone(),
                    in_menu: p.in_menu,
                    mandatory: p.mandatory,
                    blocks: Vec::new(),
                };
                (id.clone(), page)
            })
            .collect(),
    });
    let outline_blocks = Rc::new(page.map(|p| p.blocks.clone()).unwrap_or_default());
    let on_page_change = dispatch.reform(Action::Page);
    let announcement = state.announcement.as_ref();
    html! {
        // Keys keep each part in place when a dialog comes and goes: without them the canvas's
        // frame was built anew (and lost its page) whenever a dialog opened.
        <div class="app">
            <div class="toolbar-slot" key="toolbar">{ toolbar }</div>
            <div class="left-panel" key="left">
            <PageTree pages={page_rows(document)} page_id={state.page_id.clone()} on_page={dispatch.reform(Action::SelectPage)}
                on_change={on_page_change.clone()} {read_only} />
            if !read_only {
                <Palette on_insert={dispatch.reform(|type_name| Action::Insert { type_name })} on_drag={on_drag.clone()} />
            }
            <Outline
                blocks={outline_blocks}
                selected={state.selected.clone()}
                {on_block}
                dragging={(*dragging).clone()}
                {on_drag}
                {on_drop}
            />
            </div>
            <Preview key="preview" frame={frame.clone()} width={*width} on_select={dispatch.reform(|id| Action::SelectBlock(Some(id)))}
                dragging={dragging.is_some()} editable={!read_only}
                on_text={on_edit.reform(|(block_id, pointer, value): crate::preview::InPlaceEdit| (block_id, BlockEdit::new(pointer, value)))}
                on_shortcut={{
                    let (dispatch, on_save) = (dispatch.clone(), on_save.clone());
                    Callback::from(move |shortcut: crate::preview::Shortcut| match shortcut {
                        crate::preview::Shortcut::Undo => dispatch.emit(Action::Undo),
                        crate::preview::Shortcut::Redo => dispatch.emit(Action::Redo),
                        crate::preview::Shortcut::Save => on_save.emit(()),
                    })
                }}
                on_drop={{
                    let (state, dragging) = (state.clone(), dragging.clone());
                    Callback::from(move |(id, after): (String, bool)| {
                        let blocks = state.document.as_ref().and_then(|d| d.pages.get(&state.page_id)).map(|p| p.blocks.as_slice());
                        let slot = blocks.and_then(|blocks| crate::structure::slot_of(blocks, &id));
                        if let (Some(dragged), Some(slot)) = ((*dragging).clone(), slot) {
                            let slot = crate::structure::Slot { index: slot.index + usize::from(after), ..slot };
                            state.dispatch(match dragged {
                                Dragged::New(type_name) => Action::InsertAt { type_name, slot },
                                Dragged::Existing(block_id) => Action::MoveTo { block_id, slot },
                            });
                        }
                        dragging.set(None);
                    })
                }}
                on_load={{
                    let (shown, frame_loads) = (shown.clone(), frame_loads.clone());
                    Callback::from(move |_| {
                        shown.borrow_mut().loaded();
                        frame_loads.dispatch(());
                    })
                }} />
            <Properties key="properties" block={selected_block} {on_edit}
                on_edit_step={dispatch.reform(|(block_id, edit)| Action::EditFields { block_id, edits: vec![edit] })}
                on_delete={dispatch.reform(|_| Action::DeleteSelected)}
                on_move={dispatch.reform(|up| Action::MoveSelected { up })}
                {on_choose_media} {read_only}>
                <PageSettings document={page_meta} page_id={state.page_id.clone()} on_change={on_page_change} />
            </Properties>
            <p key="announcer" class={classes!("announcer", announcement.filter(|a| a.refused).map(|_| "refused"), announcement.is_none().then_some("idle"))}
                role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
                // The same sentence twice in a row is still announced: it differs by an invisible space.
                { announcement.map(|a| if a.seq % 2 == 0 { format!("{}\u{200B}", a.text) } else { a.text.clone() }).unwrap_or_default() }
            </p>
            <div class="dialogs" key="dialogs">
                { for library }
                { for command }
                { for conflict }
                { for publish }
            </div>
        </div>
    }
}

/// How long after the last keystroke the edits are kept in this browser, and sent.
const LOCAL_COPY_AFTER_MS: u32 = 300;
const AUTOSAVE_AFTER_MS: u32 = 2_000;
/// How long after a failed save (no connection) it is tried again.
const AUTOSAVE_RETRY_MS: u32 = 10_000;

fn keep_locally(site: &str, state: &EditorState) {
    if let Some(document) = state.document.as_ref() {
        local_copy::store(site, state.version, document);
    }
}

fn status_line(save: &SaveState, loading: &str) -> String {
    match save {
        SaveState::Failed(message) => format!("{} {message}", texts().state_failed),
        SaveState::Refused(message) => message.clone(),
        _ => loading.to_string(),
    }
}
