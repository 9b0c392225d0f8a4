//! «Переезд сайтов» for the operator and administrators: the decrees' targets with their chart
//! (drawn by the server) and figures, every site's status, and one site's move: the checklist
//! before «checked», the steps made, the people responsible, the printable act, and the
//! operator's signature that makes the site official.

use std::rc::Rc;

use civic_shared::migration;
use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::{kind_name, lang, texts};
use crate::notice::Notice;
use crate::server::{self, MigrationProgress, MigrationTarget, ServerError};

#[derive(Properties, PartialEq)]
pub struct MigrationProps {
    /// `administrator` moves statuses; `operator` signs acts.
    pub role: String,
    pub on_signed_out: Callback<Option<String>>,
}

type Overview = Rc<(Vec<migration::SiteMove>, Vec<MigrationProgress>)>;

#[function_component(MigrationView)]
pub fn migration_view(props: &MigrationProps) -> Html {
    let t = texts();
    let overview = use_state(|| None::<Overview>);
    let notice = use_state(|| None::<(bool, String)>);
    let open = use_state(|| None::<String>);
    let reloads = use_state(|| 0u32);
    {
        let (overview, notice, on_signed_out) = (overview.clone(), notice.clone(), props.on_signed_out.clone());
        use_effect_with(*reloads, move |_| {
            spawn_local(async move {
                match server::migration().await {
                    Ok(found) => overview.set(Some(Rc::new(found))),
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    let on_changed = {
        let reloads = reloads.clone();
        Callback::from(move |_: ()| reloads.set(*reloads + 1))
    };
    let body = match &*overview {
        None => html! { <p class="hint">{ t.loading }</p> },
        Some(found) => {
            let (sites, progress) = &**found;
            html! {
                <>
                <section aria-labelledby="targets-title">
                    <h3 id="targets-title">{ t.migration_targets }</h3>
                    <img class="migration-chart" src={format!("/api/migration/progress.svg?v={}", *reloads)} alt={t.migration_chart_alt} />
                    { targets_table(progress) }
                    if props.role == "administrator" {
                        <TargetsEditor targets={progress.iter().map(|p| p.target.clone()).collect::<Vec<_>>()} on_saved={on_changed.clone()} on_signed_out={props.on_signed_out.clone()} />
                    }
                    <p>
                        <a class="btn" href="/api/migration/acts" target="_blank" rel="noopener">{ t.migration_all_acts }</a>{ " " }
                        <a class="btn" href="/api/migration/overview.csv" download="pereezd-saytov.csv">{ t.migration_csv }</a>
                    </p>
                </section>
                <h3 id="migration-sites-title">{ t.migration_sites }</h3>
                <div class="table-scroll">
                <table class="items cards migration-sites" aria-labelledby="migration-sites-title">
                    <thead><tr><th scope="col">{ t.site_name }</th><th scope="col">{ t.site_kind }</th><th scope="col">{ t.migration_status }</th>
                        <th scope="col">{ t.migration_compliance }</th><th scope="col">{ t.training_col_trained }</th><th scope="col">{ t.migration_responsible }</th><th scope="col">{ t.migration_act }</th><th scope="col"><span class="visually-hidden">{ t.migration_open }</span></th></tr></thead>
                    <tbody>
                    { for sites.iter().map(|site| {
                        let slug = site.slug.clone();
                        let open = open.clone();
                        html! {
                            <tr data-site={site.slug.clone()}>
                                <th scope="row">{ &site.name }</th>
                                <td data-label={t.site_kind}>{ kind_name(site.kind.as_str()) }</td>
                                <td class={classes!("migration-status", site.status.as_str())} data-label={t.migration_status}>{ site.status.label(lang()) }</td>
                                <td data-label={t.migration_compliance}>{ site.compliance_score.map(|s| format!("{s} %")).unwrap_or_default() }</td>
                                <td class="trained" data-label={t.training_col_trained}>{ crate::dashboard::trained_of(site.trained, site.editors) }</td>
                                <td data-label={t.migration_responsible}>{ &site.responsible }</td>
                                <td data-label={t.migration_act}>{ site.act_signed_on.clone().unwrap_or_default() }</td>
                                <td><button type="button" class="btn small" aria-label={format!("{}: {}", t.migration_open, site.name)}
                                    onclick={Callback::from(move |_: MouseEvent| open.set(Some(slug.clone())))}>{ t.migration_open }</button></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
                </>
            }
        }
    };
    html! {
        <main class="collection-main wide">
            <h2>{ t.migration_title }</h2>
            <p class="hint">{ t.migration_intro }</p>
            <Notice notice={(*notice).clone()} />
            { body }
            if let Some(slug) = (*open).clone() {
                <SiteMove key={slug.clone()} slug={slug.clone()} role={props.role.clone()} on_changed={on_changed.clone()} on_signed_out={props.on_signed_out.clone()}
                    on_close={{ let open = open.clone(); Callback::from(move |_: ()| open.set(None)) }} />
            }
        </main>
    }
}

fn targets_table(progress: &[MigrationProgress]) -> Html {
    let t = texts();
    if progress.is_empty() {
        return html! { <p class="empty-state">{ t.migration_no_targets }</p> };
    }
    html! {
        <table class="items migration-targets">
            <caption class="visually-hidden">{ t.migration_targets }</caption>
            <thead><tr><th scope="col">{ t.migration_target }</th><th scope="col">{ t.migration_done }</th><th scope="col">{ t.migration_due }</th></tr></thead>
            <tbody>
            { for progress.iter().map(|p| html! {
                <tr class={classes!(p.overdue.then_some("overdue"))}>
                    <th scope="row">{ &p.target.label }
                        if let Some(measure) = migration::Measure::parse(&p.target.measure).filter(|m| *m != migration::Measure::Sites) {
                            <span class="target-measure">{ " · " }{ measure.label(lang()) }</span>
                        }
                    </th>
                    <td>{ format!("{} / {} ({} %)", p.done, p.target.count, p.percent) }</td>
                    <td>{ &p.target.due }{ if p.overdue { format!(" — {}", t.migration_overdue) } else { String::new() } }</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct SiteMoveProps {
    slug: String,
    role: String,
    on_changed: Callback<()>,
    on_close: Callback<()>,
    on_signed_out: Callback<Option<String>>,
}

/// One site's move, in a panel below the table.
#[function_component(SiteMove)]
fn site_move(props: &SiteMoveProps) -> Html {
    let t = texts();
    let detail = use_state(|| None::<Rc<migration::SiteMoveDetail>>);
    let notice = use_state(|| None::<(bool, String)>);
    let responsible = use_state(String::new);
    let reason = use_state(String::new);
    {
        let (detail, notice, responsible, slug, on_signed_out) = (detail.clone(), notice.clone(), responsible.clone(), props.slug.clone(), props.on_signed_out.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match server::site_migration(&slug).await {
                    Ok(found) => {
                        responsible.set(found.site.responsible.clone());
                        detail.set(Some(Rc::new(found)));
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        });
    }
    // Sends a change (or the signature, `None`) and shows the site as the server has it after.
    let send = {
        let (detail, notice, slug, on_changed, on_signed_out) = (detail.clone(), notice.clone(), props.slug.clone(), props.on_changed.clone(), props.on_signed_out.clone());
        Callback::from(move |change: Option<serde_json::Value>| {
            let (detail, notice, slug, on_changed, on_signed_out) = (detail.clone(), notice.clone(), slug.clone(), on_changed.clone(), on_signed_out.clone());
            spawn_local(async move {
                let signing = change.is_none();
                let result = match change {
                    Some(change) => server::change_migration(&slug, &change).await,
                    None => match server::sign_act(&slug).await {
                        Ok(()) => server::site_migration(&slug).await,
                        Err(err) => Err(err),
                    },
                };
                match result {
                    Ok(found) => {
                        detail.set(Some(Rc::new(found)));
                        notice.set(Some((true, if signing { texts().migration_signed } else { texts().migration_saved }.into())));
                        on_changed.emit(());
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let Some(d) = (*detail).clone() else {
        return html! { <section class="site-move"><Notice notice={(*notice).clone()} /><p class="hint">{ t.loading }</p></section> };
    };
    let admin = props.role == "administrator";
    let status = d.site.status.as_str();
    let step = |to: &'static str, label: &'static str| {
        let send = send.clone();
        html! { <button type="button" class="btn primary" onclick={Callback::from(move |_: MouseEvent| send.emit(Some(json!({ "status": to }))))}>{ label }</button> }
    };
    let previous = match status {
        "migrating" => Some("new"),
        "checked" => Some("migrating"),
        "act_signed" | "official" => Some("checked"),
        _ => None,
    };
    let set_text = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let c = &d.checklist;
    html! {
        <section class="site-move" aria-labelledby="site-move-title">
            <h3 id="site-move-title">{ &d.site.name }{ " — " }{ d.site.status.label(lang()) }</h3>
            <Notice notice={(*notice).clone()} />
            <h4>{ t.migration_checklist }</h4>
            <dl class="checklist">
                <dt>{ t.migration_compliance }</dt><dd>{ format!("{} %", c.compliance_score) }</dd>
                <dt>{ t.migration_published }</dt><dd>{ if c.published { t.migration_yes } else { t.migration_no } }</dd>
                <dt>{ t.migration_pages }</dt><dd>{ c.pages }</dd>
                { for c.items.iter().map(|(name, n)| html! { <><dt>{ collection_title(name) }</dt><dd>{ n }</dd></> }) }
            </dl>
            if d.missing.is_empty() {
                <p class="ok-line">{ t.migration_ready }</p>
            } else {
                <ul class="missing">{ for d.missing.iter().map(|m| html! { <li>{ m.message(lang()) }</li> }) }</ul>
            }
            <div class="field">
                <label for="move-responsible">{ t.migration_responsible }</label>
                <input id="move-responsible" type="text" value={(*responsible).clone()} oninput={set_text(&responsible)} readonly={!admin} />
                if admin {
                    <button type="button" class="btn" onclick={{ let (send, r) = (send.clone(), responsible.clone()); Callback::from(move |_: MouseEvent| send.emit(Some(json!({ "responsible": *r })))) }}>{ t.migration_save_responsible }</button>
                }
            </div>
            <p class="move-actions">
                if admin && status == "new" { { step("migrating", t.migration_to_migrating) } }
                if admin && status == "migrating" { { step("checked", t.migration_to_checked) } }
                if props.role == "operator" && status == "checked" {
                    <button type="button" class="btn primary" onclick={{ let send = send.clone(); Callback::from(move |_: MouseEvent| send.emit(None)) }}>{ t.migration_sign }</button>
                }
                { " " }
                <a class="btn" href={format!("/api/sites/{}/migration/act", props.slug)} target="_blank" rel="noopener">{ t.migration_act_link }</a>
                { " " }
                <button type="button" class="btn" onclick={{ let close = props.on_close.clone(); Callback::from(move |_: MouseEvent| close.emit(())) }}>{ t.migration_close }</button>
            </p>
            if admin {
                if let Some(back) = previous {
                    <fieldset class="list-field">
                        <legend>{ t.migration_back }</legend>
                        <div class="field">
                            <label for="move-reason">{ t.migration_reason }</label>
                            <input id="move-reason" type="text" value={(*reason).clone()} oninput={set_text(&reason)} />
                        </div>
                        <button type="button" class="btn" onclick={{ let (send, r) = (send.clone(), reason.clone()); Callback::from(move |_: MouseEvent| send.emit(Some(json!({ "status": back, "reason": *r })))) }}>{ t.migration_back }</button>
                    </fieldset>
                }
            }
            <h4>{ t.migration_history }</h4>
            if d.events.is_empty() {
                <p class="empty-state">{ t.migration_no_history }</p>
            } else {
                <ol class="move-history">
                    { for d.events.iter().map(|e| html! {
                        <li>{ &e.at }{ " · " }{ &e.login }{ ": " }{ e.from_status.label(lang()) }{ " → " }{ e.to_status.label(lang()) }
                            { if e.reason.is_empty() { String::new() } else { format!(" ({})", e.reason) } }</li>
                    }) }
                </ol>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TargetsProps {
    targets: Vec<MigrationTarget>,
    on_saved: Callback<()>,
    on_signed_out: Callback<Option<String>>,
}

/// The administrator's editor of the targets: a row per target, saved all together (the server
/// checks them all and changes nothing if one is wrong).
#[function_component(TargetsEditor)]
fn targets_editor(props: &TargetsProps) -> Html {
    let t = texts();
    let rows = use_state(|| props.targets.clone());
    let notice = use_state(|| None::<(bool, String)>);
    let edit = |i: usize, apply: fn(&mut MigrationTarget, String)| {
        let rows = rows.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<HtmlInputElement>()
                .map(|input| input.value())
                .or_else(|| event.target_dyn_into::<web_sys::HtmlSelectElement>().map(|select| select.value()))
                .unwrap_or_default();
            let mut next = (*rows).clone();
            if let Some(row) = next.get_mut(i) {
                apply(row, value);
            }
            rows.set(next);
        })
    };
    let add = {
        let rows = rows.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*rows).clone();
            next.push(MigrationTarget { id: 0, label: String::new(), kind: None, measure: "sites".into(), status: "official".into(), count: 1, due: String::new() });
            rows.set(next);
        })
    };
    let save = {
        let (rows, notice, on_saved, on_signed_out) = (rows.clone(), notice.clone(), props.on_saved.clone(), props.on_signed_out.clone());
        Callback::from(move |_: MouseEvent| {
            let (rows, notice, on_saved, on_signed_out) = (rows.clone(), notice.clone(), on_saved.clone(), on_signed_out.clone());
            spawn_local(async move {
                match server::save_targets(&rows).await {
                    Ok(()) => {
                        notice.set(Some((true, texts().migration_saved.into())));
                        on_saved.emit(());
                    }
                    Err(ServerError::SignedOut) => on_signed_out.emit(Some(texts().session_ended.into())),
                    Err(err) => notice.set(Some((false, error_message(&err)))),
                }
            });
        })
    };
    let kinds = [("", t.migration_all_kinds), ("executive_body", t.kind_executive_body), ("municipality", t.kind_municipality), ("school", t.kind_school), ("kindergarten", t.kind_kindergarten), ("medical", t.kind_medical)];
    html! {
        <details class="targets-editor">
            <summary>{ t.migration_edit_targets }</summary>
            <Notice notice={(*notice).clone()} />
            { for rows.iter().enumerate().map(|(i, row)| {
                let id = |part: &str| format!("target-{i}-{part}");
                let kind = row.kind.clone().unwrap_or_default();
                let remove = {
                    let rows = rows.clone();
                    Callback::from(move |_: MouseEvent| {
                        let mut next = (*rows).clone();
                        next.remove(i);
                        rows.set(next);
                    })
                };
                html! {
                    <fieldset class="list-field target-row">
                        <legend>{ format!("{} {}", t.migration_target, i + 1) }</legend>
                        <div class="field"><label for={id("label")}>{ t.migration_target }</label>
                            <input id={id("label")} type="text" value={row.label.clone()} onchange={edit(i, |r, v| r.label = v)} /></div>
                        <div class="field"><label for={id("kind")}>{ t.site_kind }</label>
                            <select id={id("kind")} onchange={edit(i, |r, v| r.kind = (!v.is_empty()).then_some(v))}>
                                { for kinds.iter().map(|(value, label)| html! { <option value={*value} selected={kind == *value}>{ *label }</option> }) }
                            </select></div>
                        <div class="field"><label for={id("measure")}>{ t.migration_target_measure }</label>
                            <select id={id("measure")} onchange={edit(i, |r, v| r.measure = v)}>
                                { for migration::Measure::ALL.iter().map(|m| html! {
                                    <option value={m.as_str()} selected={row.measure == m.as_str()}>{ m.label(lang()) }</option>
                                }) }
                            </select></div>
                        <div class="field"><label for={id("status")}>{ t.migration_target_status }</label>
                            <select id={id("status")} onchange={edit(i, |r, v| r.status = v)} disabled={row.measure == "trained_staff"}>
                                { for migration::Status::ALL.iter().skip(1).map(|s| html! {
                                    <option value={s.as_str()} selected={row.status == s.as_str()}>{ s.label(lang()) }</option>
                                }) }
                            </select></div>
                        <div class="field"><label for={id("count")}>{ t.migration_target_count }</label>
                            <input id={id("count")} type="number" min="1" value={row.count.to_string()} onchange={edit(i, |r, v| r.count = v.trim().parse().unwrap_or(0))} /></div>
                        <div class="field"><label for={id("due")}>{ t.migration_due }</label>
                            <input id={id("due")} type="date" value={row.due.clone()} onchange={edit(i, |r, v| r.due = v)} /></div>
                        <button type="button" class="btn small" onclick={remove}>{ t.migration_remove_target }</button>
                    </fieldset>
                }
            }) }
            <p><button type="button" class="btn" onclick={add}>{ t.migration_add_target }</button>{ " " }
                <button type="button" class="btn primary" onclick={save}>{ t.migration_save_targets }</button></p>
        </details>
    }
}

fn collection_title(name: &str) -> String {
    civic_shared::collection_items::Collection::parse(name).map_or_else(|| name.to_string(), |c| c.title(lang()).to_string())
}
