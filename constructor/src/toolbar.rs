//! The top bar: site name, undo / redo, save state, save and publish, the user with the
//! language switch and sign-out.

use yew::prelude::*;

use crate::views::View;
use crate::i18n::texts;
use crate::lang_switch::LangSwitch;
use crate::server::{SiteSummary, User};
use crate::state::SaveState;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub site_name: String,
    pub site_slug: String,
    /// Sites the user may open; a picker appears when there is more than one.
    pub sites: Vec<SiteSummary>,
    pub user: User,
    pub on_sign_out: Callback<()>,
    /// The main area's view, and how to switch it.
    pub view: View,
    pub on_view: Callback<View>,
    pub save: SaveState,
    pub can_undo: bool,
    pub can_redo: bool,
    pub restored_local: bool,
    /// Drop the edits restored from this browser for the server's draft.
    pub on_discard_local: Callback<()>,
    /// The account may only look: no undo, save or publish is offered.
    pub read_only: bool,
    pub public_url: String,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub on_save: Callback<()>,
    pub on_publish: Callback<()>,
    pub on_keep_mine: Callback<()>,
    pub on_load_theirs: Callback<()>,
    /// Open the media library.
    pub on_media: Callback<()>,
    /// The canvas width, and how to change it.
    pub width: u32,
    pub on_width: Callback<u32>,
    /// Whether the canvas shows the accessible version.
    pub accessible: bool,
    pub on_accessible: Callback<bool>,
    /// Open the command palette.
    pub on_command: Callback<()>,
    /// Another interface language was chosen.
    pub on_lang: Callback<civic_shared::Lang>,
    /// The user's course: steps done of all, once known.
    pub training: Option<(usize, usize)>,
    /// Invite a new editor (nothing done yet) to the course, and put it off.
    pub invite: bool,
    pub on_later: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let t = texts();
    let busy = matches!(props.save, SaveState::Saving | SaveState::Publishing | SaveState::Loading);
    let conflict = matches!(props.save, SaveState::Conflict { .. });
    let (status_class, status) = match &props.save {
        SaveState::Loading => ("", t.loading.to_string()),
        SaveState::Saved => ("ok", t.state_saved.to_string()),
        SaveState::Unsaved => ("warn", t.state_unsaved.to_string()),
        SaveState::Saving => ("", t.state_saving.to_string()),
        SaveState::Publishing => ("", t.state_publishing.to_string()),
        SaveState::Published(revision) => ("ok", format!("{} {revision}", t.state_published)),
        SaveState::Conflict { current_version } => ("error", t.state_conflict.replace("{v}", &current_version.to_string())),
        SaveState::Failed(message) => ("error", format!("{} {message}", t.state_failed)),
        SaveState::Refused(message) => ("error", message.clone()),
    };
    let emit = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let role = crate::i18n::role_name(&props.user.role);
    // Another site opens in the same tab; unsaved edits stay in this browser's local copy.
    let on_site = Callback::from(|event: Event| {
        let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
        if let Some(window) = web_sys::window() {
            let slug = String::from(js_sys::encode_uri_component(&select.value()));
            let _ = window.location().set_search(&format!("site={slug}"));
        }
    });
    let views = [
        (View::Pages, t.pages_view),
        (View::Data, t.data_title),
        (View::History, t.history_title),
        (View::Inbox, t.inbox_title),
        (View::Compliance, t.compliance_title),
        (View::SiteImport, t.site_import_title),
        (View::Support, t.support_title),
        (View::Visits, t.visits_title),
        (View::Dashboard, t.dashboard_title),
        (View::Migration, t.migration_title),
        (View::Sites, t.sites_title),
        (View::Users, t.users_title),
        (View::Audit, t.audit_title),
        (View::Tokens, t.tokens_title),
        (View::Backups, t.backups_title),
        (View::Training, t.training_title),
    ];
    let view_button = |(view, label): (View, &'static str)| {
        let on_view = props.on_view.clone();
        // The course's button carries its figure: «Обучение 2/6».
        let figure = (view == View::Training).then_some(props.training).flatten().map(|(done, total)| html! {
            <span class="nav-figure">{ format!(" {done}/{total}") }</span>
        });
        let current = props.view == view;
        html! {
            <li>
                <button type="button" class={classes!("rail-item", current.then_some("active"))} data-view={(view == View::Training).then_some("training")}
                    aria-pressed={current.to_string()} onclick={Callback::from(move |_: MouseEvent| on_view.emit(view))}>{ label }{ for figure }</button>
            </li>
        }
    };
    // The top bar holds the site and what acts on the page being edited; the rail on the left,
    // the product's sections and the account.
    html! {
        <>
        <header class="toolbar">
            <div class="toolbar-site">
                <span class="toolbar-label">{ t.site }</span>
                // With a picker, the picker shows the site's name; the heading stays for the outline.
                <h1 class={classes!("toolbar-name", (props.sites.len() > 1).then_some("visually-hidden"))} title={props.site_name.clone()}>{ &props.site_name }</h1>
            </div>
            if props.sites.len() > 1 {
                <label class="toolbar-picker">
                    <span class="visually-hidden">{ t.switch_site }</span>
                    <select onchange={on_site}>
                        { for props.sites.iter().map(|site| html! {
                            <option value={site.slug.clone()} selected={site.slug == props.site_slug}>{ &site.name }</option>
                        }) }
                    </select>
                </label>
            }
            if props.view == View::Pages {
            <div class="toolbar-actions">
                <div class="segmented" role="group" aria-label={t.viewport}>
                    { for crate::preview::WIDTHS.iter().zip([t.viewport_desktop, t.viewport_tablet, t.viewport_phone]).map(|(w, label)| {
                        let (on_width, w) = (props.on_width.clone(), *w);
                        html! {
                            <button type="button" class={classes!("btn", "seg", (props.width == w).then_some("active"))} aria-pressed={(props.width == w).to_string()}
                                title={format!("{label}, {w} px")} onclick={Callback::from(move |_: MouseEvent| on_width.emit(w))}>
                                <span class="seg-name">{ label }</span><span class="seg-px">{ format!(" {w}") }</span>
                            </button>
                        }
                    }) }
                </div>
                <button type="button" class={classes!("btn", "seg", props.accessible.then_some("active"))} aria-pressed={props.accessible.to_string()}
                    aria-label={t.accessible_preview} title={t.accessible_preview}
                    onclick={{ let (cb, on) = (props.on_accessible.clone(), !props.accessible); Callback::from(move |_: MouseEvent| cb.emit(on)) }}>
                    { t.accessible_short }
                </button>
                <button type="button" class="btn" aria-keyshortcuts="Control+K" aria-haspopup="dialog" title={t.command_button}
                    onclick={emit(&props.on_command)}>{ t.command_short }</button>
                if props.read_only {
                    <p class="save-state" data-testid="save-state">{ t.view_only }</p>
                } else {
                <button type="button" class="btn icon" onclick={emit(&props.on_undo)} disabled={!props.can_undo} aria-label={t.undo}
                    aria-keyshortcuts="Control+Z" title={format!("{} (Ctrl+Z)", t.undo)}>{ "↶" }</button>
                <button type="button" class="btn icon" onclick={emit(&props.on_redo)} disabled={!props.can_redo} aria-label={t.redo}
                    aria-keyshortcuts="Control+Shift+Z" title={format!("{} (Ctrl+Shift+Z)", t.redo)}>{ "↷" }</button>
                <p class={classes!("save-state", status_class)} role="status" aria-live="polite" data-testid="save-state" title={status.clone()}>
                    { status }
                    if props.restored_local && !conflict { <span class="hint">{ " " }{ t.restored_local }</span> }
                </p>
                if props.restored_local && !conflict {
                    <button type="button" class="btn link" onclick={emit(&props.on_discard_local)}>{ t.discard_local }</button>
                }
                if conflict {
                    <button type="button" class="btn" onclick={emit(&props.on_keep_mine)}>{ t.keep_mine }</button>
                    <button type="button" class="btn" onclick={emit(&props.on_load_theirs)}>{ t.load_theirs }</button>
                }
                }
                <button type="button" class="btn" onclick={emit(&props.on_media)} aria-haspopup="dialog">{ t.media_library }</button>
                if !props.read_only {
                <button type="button" class="btn" onclick={emit(&props.on_save)} disabled={busy || conflict}
                    aria-keyshortcuts="Control+S">{ t.save }</button>
                <button type="button" class="btn primary" onclick={emit(&props.on_publish)} disabled={busy || conflict} aria-haspopup="dialog">{ t.publish }</button>
                }
            </div>
            }
            if props.invite {
                <p class="training-invite" data-testid="training-invite">
                    { t.training_invite }{ " " }
                    <button type="button" class="btn small primary" onclick={{ let on_view = props.on_view.clone(); Callback::from(move |_: MouseEvent| on_view.emit(View::Training)) }}>{ t.training_start }</button>
                    { " " }
                    <button type="button" class="btn small link" onclick={emit(&props.on_later)}>{ t.training_later }</button>
                </p>
            }
        </header>
        <nav class="rail" aria-label={t.switch_view}>
            <ul class="rail-list toolbar-views">
                { for views.into_iter().filter(|(view, _)| offered(&props.user.role, *view)).map(view_button) }
            </ul>
            <div class="rail-foot">
                <a class="rail-item" href={props.public_url.clone()} target="_blank" rel="noopener">{ t.open_site }{ " ↗" }</a>
                <div class="toolbar-user">
                    <span data-testid="signed-in-user">{ &props.user.name }<span class="toolbar-label">{ " · " }{ role }</span></span>
                    <LangSwitch on_change={props.on_lang.clone()} />
                    <button type="button" class="btn link" onclick={emit(&props.on_sign_out)}>{ t.sign_out }</button>
                </div>
            </div>
        </nav>
        </>
    }
}

/// The sections a role is offered: the operator looks at sites and the region, an editor
/// works on their sites, the administrator has everything.
fn offered(role: &str, view: View) -> bool {
    match role {
        "administrator" => true,
        "operator" => matches!(view, View::Pages | View::Data | View::History | View::Inbox | View::Compliance | View::Dashboard | View::Migration | View::Support | View::Visits),
        _ => matches!(view, View::Pages | View::Data | View::History | View::Inbox | View::Compliance | View::SiteImport | View::Support | View::Visits | View::Training),
    }
}
