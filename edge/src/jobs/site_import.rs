//! Import of an old site into a site's draft, in the jobs worker: the pages are planned by
//! [`civic_shared::site_import::convert`], their pictures and files go into the media library
//! (R2 and D1, exactly as uploads do), and the new draft is saved in one conditional write.
//! If anything fails before that write, the files this import added are removed again, so
//! a refused import leaves the site as it was.

use std::collections::HashMap;

use civic_shared::jobs::Step;
use civic_shared::site_import::convert::{self, Asset, Options, Plan, SourceFile};
use civic_shared::site_import::Report;
use civic_shared::{Lang, SiteDocument};
use serde_json::{json, Value};
use worker::{Bucket, D1Database};

use super::Progress;
use crate::store::accounts::Actor;
use crate::api::ApiError;
use crate::media::{self, MediaKind, StoredMedia};
use crate::store::media::{self as media_store, NewMedia};
use crate::store::site_import::{ImportJob, Upload};
use crate::store::sites::{self, SiteRow};
use crate::store::storage;

/// Most pictures fetched from other sites' addresses in one import.
const MAX_REMOTE: usize = 30;

/// Runs an import (or its dry run) and answers with the report and, for a real run, the new
/// draft version.
pub async fn run(
    db: &D1Database,
    bucket: &Bucket,
    site: &SiteRow,
    slug: &str,
    (upload, asked): (Upload, &ImportJob),
    actor: &Actor<'_>,
    progress: &mut Progress<'_>,
) -> Result<Value, ApiError> {
    progress.report(Step::Reading, 0, 1).await?;
    let base_version = asked.base_version.unwrap_or(site.draft_version);
    if base_version != site.draft_version {
        return Err(ApiError::StaleVersion { current_version: site.draft_version });
    }
    let files = match upload {
        Upload::Archive(bytes) => convert::read_archive(&bytes).map_err(ApiError::SiteImport)?,
        Upload::Page(html) => vec![SourceFile { path: "index.html".into(), bytes: html.into_bytes() }],
    };
    let stored = sites::read_document(bucket, &site.draft_key).await?.ok_or_else(|| storage(format!("missing {}", site.draft_key)))?;
    let document = SiteDocument::from_json(&stored).map_err(|err| storage(err.reason))?;
    let options = Options { parent: asked.parent.clone(), old_host: asked.old_host.clone() };
    let mut plan = convert::plan(files, &document, &options).map_err(ApiError::SiteImport)?;

    if asked.dry_run {
        // The same checks the library makes, without storing anything.
        let checked: HashMap<String, Result<String, String>> = plan.assets.iter().map(|a| (a.key.clone(), check_offline(a))).collect();
        plan.place_assets(&checked);
        return Ok(answer(&plan.report, true, None));
    }
    let mut added: Vec<StoredMedia> = Vec::new();
    let placed = copy_assets(db, bucket, (site, slug), &mut plan, actor, &mut added, progress).await;
    let saved = match placed {
        Ok(stored) => {
            progress.report(Step::Saving, plan.assets.len(), plan.assets.len() + 1).await?;
            save(db, bucket, site, base_version, &mut plan, &stored, actor).await
        }
        Err(err) => Err(err),
    };
    match saved {
        Ok(version) => Ok(answer(&plan.report, false, Some(version))),
        Err(err) => {
            for item in &added {
                if let Err(cleanup) = media_store::delete(db, bucket, item, site.id, actor).await {
                    worker::console_error!("site import: could not remove {}: {cleanup:?}", item.key);
                }
            }
            Err(err)
        }
    }
}

async fn save(
    db: &D1Database,
    bucket: &Bucket,
    site: &SiteRow,
    base_version: i64,
    plan: &mut Plan,
    stored: &HashMap<String, Result<String, String>>,
    actor: &Actor<'_>,
) -> Result<i64, ApiError> {
    plan.place_assets(stored);
    let problems = civic_shared::validate(&plan.document);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    sites::save_draft(db, bucket, site, base_version, &plan.document, actor).await
}

/// The report as both APIs send it: each note with its message in Russian too, for programs
/// that show it as it is.
fn answer(report: &Report, dry_run: bool, version: Option<i64>) -> Value {
    let notes: Vec<Value> = report
        .notes
        .iter()
        .map(|note| {
            let mut value = serde_json::to_value(note).unwrap_or(Value::Null);
            value["message"] = note.kind.message(Lang::Ru).into();
            value
        })
        .collect();
    json!({
        "dry_run": dry_run,
        "version": version,
        "report": { "pages": report.pages, "assets": report.assets, "links": report.links, "notes": notes },
    })
}

/// Whether the library would take an archive file, and the address it is shown at until then.
fn check_offline(asset: &Asset) -> Result<String, String> {
    match &asset.bytes {
        Some(bytes) => media::examine(bytes, &asset.name).map(|_| format!("/media/{}", asset.name)).map_err(|p| p.message(Lang::Ru)),
        None => Ok(asset.key.clone()),
    }
}

/// Copies every asset into the library; a file the library refuses is reported, not fatal.
/// Each asset's bytes move into the store (the plan keeps its key and name for the report).
/// `added` collects what this import stored anew, so a failure later can remove it.
async fn copy_assets(
    db: &D1Database,
    bucket: &Bucket,
    (site, slug): (&SiteRow, &str),
    plan: &mut Plan,
    actor: &Actor<'_>,
    added: &mut Vec<StoredMedia>,
    progress: &mut Progress<'_>,
) -> Result<HashMap<String, Result<String, String>>, ApiError> {
    let mut stored = HashMap::new();
    let mut remote = 0;
    let total = plan.assets.len() + 1;
    for (done, asset) in plan.assets.iter_mut().enumerate() {
        progress.report(Step::Files, done, total).await?;
        let bytes = match asset.bytes.take() {
            Some(bytes) => bytes,
            None if remote < MAX_REMOTE => {
                remote += 1;
                match fetch_remote(&asset.key).await {
                    Ok(bytes) => bytes,
                    Err(reason) => {
                        stored.insert(asset.key.clone(), Err(reason));
                        continue;
                    }
                }
            }
            None => {
                stored.insert(asset.key.clone(), Err("слишком много картинок с других сайтов за один раз".into()));
                continue;
            }
        };
        let examined = match media::examine(&bytes, &asset.name) {
            Ok(examined) => examined,
            Err(problem) => {
                stored.insert(asset.key.clone(), Err(problem.message(Lang::Ru)));
                continue;
            }
        };
        let kind = examined.media_type.kind();
        let alt = media::check_alt(kind, &asset.alt).or_else(|_| media::check_alt(kind, &asset.name)).unwrap_or_default();
        let key = media::storage_key(site.id, &examined);
        let name = media::display_name(&asset.name, examined.media_type);
        let new = NewMedia {
            site_id: site.id,
            key: &key,
            kind,
            content_type: examined.media_type.content_type(),
            size: bytes.len(),
            dimensions: examined.dimensions,
            name: &name,
            alt: if kind == MediaKind::Image { &alt } else { "" },
            title: "",
        };
        let (item, created) = media_store::store_upload(db, bucket, &new, bytes, actor).await?;
        stored.insert(asset.key.clone(), Ok(media::public_path(slug, &item.key)));
        if created {
            added.push(item);
        }
    }
    Ok(stored)
}

/// A picture from another site's `https:` address, at most the library's image limit.
async fn fetch_remote(url: &str) -> Result<Vec<u8>, String> {
    let parsed = worker::Url::parse(url).map_err(|_| "неверный адрес".to_string())?;
    let mut response = worker::Fetch::Url(parsed).send().await.map_err(|_| "сайт с картинкой не ответил".to_string())?;
    if response.status_code() != 200 {
        return Err(format!("сайт с картинкой ответил {}", response.status_code()));
    }
    let bytes = response.bytes().await.map_err(|_| "картинка не загрузилась".to_string())?;
    if bytes.len() > MediaKind::Image.max_bytes() {
        return Err("картинка слишком велика".into());
    }
    Ok(bytes)
}
