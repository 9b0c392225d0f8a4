//! «Импорт» of a collection: choose a CSV, XLSX or JSON file, say which column fills which
//! field (with the first rows shown), check every row, then send the good ones in batches
//! with a progress bar. The file is read here; the server checks every item again.

use civic_shared::collection_items::{Collection, IMPORT_BATCH};
use civic_shared::import::{plan, read_file, DryRun, ImportError, Mapping, Table, MAX_FILE_BYTES};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_words::error_message;
use crate::i18n::{lang, texts};
use crate::server::{self, ImportCounts, ServerError};

/// Rows shown under the column choices.
const PREVIEW_ROWS: usize = 5;

/// The bar and its words: «Импортировано N из M».
fn progress(done: usize, total: usize) -> Html {
    let text = texts().import_progress.replace("{n}", &done.to_string()).replace("{m}", &total.to_string());
    html! {
        <div class="import-progress">
            <progress max={total.to_string()} value={done.to_string()} aria-label={text.clone()}></progress>
            <p role="status">{ text }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub site: String,
    pub collection: Collection,
    /// Items were written: reload the table.
    pub on_imported: Callback<()>,
    pub on_close: Callback<()>,
    pub on_signed_out: Callback<Option<String>>,
}

#[derive(Clone, PartialEq)]
enum Stage {
    Choosing,
    Reading,
    Sending { done: usize, total: usize },
    /// The summary, and how many items went (the bar stays full).
    Done(String, usize),
    Failed(String),
}

#[function_component(ImportPanel)]
pub fn import_panel(props: &ImportProps) -> Html {
    let t = texts();
    let collection = props.collection;
    let table = use_state(|| None::<Table>);
    let mapping = use_state(|| None::<Mapping>);
    let dry = use_state(|| None::<DryRun>);
    let stage = use_state(|| Stage::Choosing);
    let file_error = use_state(|| None::<String>);

    let on_file = {
        let (table, mapping, dry, stage, file_error) = (table.clone(), mapping.clone(), dry.clone(), stage.clone(), file_error.clone());
        Callback::from(move |event: Event| {
            let Some(file) = event.target_dyn_into::<HtmlInputElement>().and_then(|input| input.files()).and_then(|files| files.get(0)) else {
                return;
            };
            table.set(None);
            mapping.set(None);
            dry.set(None);
            if file.size() > MAX_FILE_BYTES as f64 {
                file_error.set(Some(ImportError::TooBig.message(lang())));
                return;
            }
            file_error.set(None);
            stage.set(Stage::Reading);
            let (table, mapping, stage, file_error) = (table.clone(), mapping.clone(), stage.clone(), file_error.clone());
            spawn_local(async move {
                let bytes = match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                    Err(_) => Vec::new(),
                };
                match read_file(&file.name(), &bytes) {
                    Ok(read) => {
                        mapping.set(Some(Mapping::guess(collection, &read.headers)));
                        table.set(Some(read));
                    }
                    Err(err) => file_error.set(Some(err.message(lang()))),
                }
                stage.set(Stage::Choosing);
            });
        })
    };

    let choose_column = |slot: Option<usize>| {
        // `None` is the id column, `Some(i)` the i-th field.
        let (mapping, dry) = (mapping.clone(), dry.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else { return };
            let Some(mut chosen) = (*mapping).clone() else { return };
            let column = select.value().parse::<usize>().ok();
            match slot {
                None => chosen.id = column,
                Some(i) => chosen.fields[i] = column,
            }
            mapping.set(Some(chosen));
            dry.set(None);
        })
    };

    let on_check = {
        let (table, mapping, dry, stage) = (table.clone(), mapping.clone(), dry.clone(), stage.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Some(table), Some(mapping)) = (&*table, &*mapping) {
                dry.set(Some(plan(table, mapping, collection, lang())));
                stage.set(Stage::Choosing);
            }
        })
    };

    let on_import = {
        let (dry, stage, site) = (dry.clone(), stage.clone(), props.site.clone());
        let (on_imported, on_signed_out) = (props.on_imported.clone(), props.on_signed_out.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(run) = (*dry).clone() else { return };
            let items: Vec<serde_json::Value> = run.items.into_iter().map(|planned| planned.item).collect();
            let total = items.len();
            if total == 0 {
                return;
            }
            let (stage, site, on_imported, on_signed_out) = (stage.clone(), site.clone(), on_imported.clone(), on_signed_out.clone());
            stage.set(Stage::Sending { done: 0, total });
            spawn_local(async move {
                let mut sum = ImportCounts::default();
                let mut done = 0;
                for batch in items.chunks(IMPORT_BATCH) {
                    match server::import_items(&site, collection.as_str(), batch).await {
                        Ok(counts) => {
                            sum.created += counts.created;
                            sum.updated += counts.updated;
                            sum.unchanged += counts.unchanged;
                            done += batch.len();
                            stage.set(Stage::Sending { done, total });
                        }
                        Err(ServerError::SignedOut) => {
                            on_signed_out.emit(Some(texts().session_ended.into()));
                            return;
                        }
                        Err(err) => {
                            let message = texts()
                                .import_failed
                                .replace("{e}", &error_message(&err))
                                .replace("{n}", &done.to_string())
                                .replace("{m}", &total.to_string());
                            stage.set(Stage::Failed(message));
                            if done > 0 {
                                on_imported.emit(());
                            }
                            return;
                        }
                    }
                }
                let summary = texts()
                    .import_done
                    .replace("{c}", &sum.created.to_string())
                    .replace("{u}", &sum.updated.to_string())
                    .replace("{s}", &sum.unchanged.to_string());
                stage.set(Stage::Done(summary, total));
                on_imported.emit(());
            });
        })
    };

    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    let sending = matches!(*stage, Stage::Sending { .. } | Stage::Reading);
    let column_select = |id: String, chosen: Option<usize>, slot: Option<usize>, headers: &[String]| {
        html! {
            <select id={id} onchange={choose_column(slot)} disabled={sending}>
                <option value="" selected={chosen.is_none()}>{ t.import_skip }</option>
                { for headers.iter().enumerate().map(|(i, header)| html! {
                    <option value={i.to_string()} selected={chosen == Some(i)}>{ if header.is_empty() { format!("{} {}", t.import_column, i + 1) } else { header.clone() } }</option>
                }) }
            </select>
        }
    };

    let mapping_html = match (&*table, &*mapping) {
        (Some(table), Some(mapping)) => {
            let fields = collection.fields();
            let cell = |row: &[String], column: Option<usize>| column.and_then(|c| row.get(c)).cloned().unwrap_or_default();
            html! {
                <>
                <fieldset class="import-mapping">
                    <legend>{ t.import_mapping }</legend>
                    <div class="field">
                        <label for="import-col-id">{ t.import_id_column }</label>
                        { column_select("import-col-id".into(), mapping.id, None, &table.headers) }
                    </div>
                    { for fields.iter().enumerate().map(|(i, field)| {
                        let id = format!("import-col-{}", field.name);
                        html! {
                            <div class="field">
                                <label for={id.clone()}>{ field.label(lang()) }{ if field.required { t.required_mark } else { "" } }</label>
                                { column_select(id, mapping.fields[i], Some(i), &table.headers) }
                            </div>
                        }
                    }) }
                </fieldset>
                // Scrolls sideways when the collection has many fields: reachable by keyboard.
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="import-preview-caption">
                <table class="items import-preview">
                    <caption id="import-preview-caption">{ t.import_preview.replace("{n}", &table.rows.len().to_string()) }</caption>
                    <thead><tr>
                        <th scope="col">{ t.import_row_number }</th>
                        <th scope="col">{ t.import_id_column }</th>
                        { for fields.iter().map(|f| html! { <th scope="col">{ f.label(lang()) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for table.rows.iter().take(PREVIEW_ROWS).map(|(number, row)| html! {
                            <tr>
                                <td>{ number }</td>
                                <td>{ cell(row, mapping.id) }</td>
                                { for mapping.fields.iter().map(|column| html! { <td>{ cell(row, *column) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                <div class="block-actions">
                    <button type="button" class="btn" onclick={on_check} disabled={sending}>{ t.import_check }</button>
                </div>
                </>
            }
        }
        _ => Html::default(),
    };

    let dry_html = match &*dry {
        Some(run) => {
            let total = run.items.len() + run.bad.len();
            html! {
                <section class="import-check" aria-labelledby="import-check-title">
                    <h4 id="import-check-title">{ t.import_check_title }</h4>
                    <p role="status">{ t.import_rows_ok.replace("{n}", &run.items.len().to_string()).replace("{m}", &total.to_string()) }</p>
                    if !run.bad.is_empty() {
                        <p id="import-bad-title">{ t.import_rows_bad.replace("{n}", &run.bad.len().to_string()) }</p>
                        <ul class="import-bad" tabindex="0" aria-labelledby="import-bad-title">
                            { for run.bad.iter().map(|bad| html! {
                                <li>{ t.import_row.replace("{n}", &bad.row.to_string()) }{ ": " }{ bad.reasons.join("; ") }</li>
                            }) }
                        </ul>
                    }
                    if !run.items.is_empty() {
                        <div class="block-actions">
                            <button type="button" class="btn primary" onclick={on_import} disabled={sending}>
                                { t.import_start.replace("{n}", &run.items.len().to_string()) }
                            </button>
                        </div>
                    }
                </section>
            }
        }
        None => Html::default(),
    };

    let stage_html = match &*stage {
        Stage::Choosing => Html::default(),
        Stage::Reading => html! { <p class="hint" role="status">{ t.import_reading }</p> },
        Stage::Sending { done, total } => progress(*done, *total),
        Stage::Done(summary, total) => html! {
            <>
            { progress(*total, *total) }
            <p class="notice ok" role="status">{ summary }</p>
            </>
        },
        Stage::Failed(message) => html! { <p class="notice error" role="alert">{ message }</p> },
    };

    html! {
        <section class="item-form import-panel" aria-labelledby="import-title">
            <h3 id="import-title">{ t.import_title.replace("{c}", collection.title(lang())) }</h3>
            <p class="hint">{ t.import_hint }</p>
            <div class="field">
                <label for="import-file">{ t.import_file }</label>
                <input id="import-file" type="file" accept=".csv,.txt,.tsv,.xlsx,.json" onchange={on_file} disabled={sending}
                    aria-invalid={file_error.is_some().then_some("true")} aria-describedby={file_error.is_some().then_some("import-file-error")} />
                if let Some(message) = &*file_error {
                    <p class="field-error" id="import-file-error" role="alert">{ message }</p>
                }
            </div>
            { mapping_html }
            { dry_html }
            { stage_html }
            <div class="block-actions">
                <button type="button" class="btn" onclick={on_close} disabled={sending}>{ t.import_close }</button>
            </div>
        </section>
    }
}
