//! Site search in D1's FTS5. The rows are `search_entries`, indexed by site; `search_words`
//! is their FTS5 index (migration 0018), so one site's rows are deleted and searched without
//! reading any other site's. The index of a site is rebuilt whole, in one batch, whenever
//! its published revision or data version moved past the ones it was built from: right after
//! a publish, a rollback or a collection change, and (for sites seeded without one) at the
//! first search.

use civic_shared::search::{match_expression, site_entries, EntryKind, Hit};
use civic_shared::SiteDocument;
use serde::Deserialize;
use worker::{Bucket, D1Database};

use crate::api::ApiError;
use crate::store::collections::render_data;
use crate::store::sites::{self, read_document, SiteRow};
use crate::store::{num, storage, Bindings};

/// Most results one search shows.
const MAX_HITS: i64 = 50;

/// Rebuilds the site's index if it is older than the site's published revision or data.
pub async fn ensure_index(db: &D1Database, bucket: &Bucket, site: &SiteRow) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    struct State {
        revision: i64,
        data_version: i64,
    }
    let (Some(revision), Some(doc_key)) = (site.published_revision, site.published_key.as_deref()) else {
        return Ok(());
    };
    let state = db
        .prepare("SELECT revision, data_version FROM search_built WHERE site_id = ?1")
        .bind(&[num(site.id)])?
        .first::<State>(None)
        .await?;
    if state.is_some_and(|s| s.revision == revision && s.data_version == site.data_version) {
        return Ok(());
    }
    let json = read_document(bucket, doc_key).await?.ok_or_else(|| storage(format!("missing {doc_key}")))?;
    let doc = SiteDocument::from_json(&json).map_err(storage)?;
    let data = render_data(db, bucket, site.id).await?;
    let mut statements = vec![db.prepare("DELETE FROM search_entries WHERE site_id = ?1").bind(&[num(site.id)])?];
    for entry in site_entries(&doc, &data) {
        statements.push(
            db.prepare("INSERT INTO search_entries (stems, site_id, kind, key, title, path, snippet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .bind(&[
                    entry.stems.into(),
                    num(site.id),
                    entry.kind.as_str().into(),
                    entry.key.into(),
                    entry.title.into(),
                    entry.path.into(),
                    entry.snippet.into(),
                ])?,
        );
    }
    statements.push(
        db.prepare(
            "INSERT INTO search_built (site_id, revision, data_version) VALUES (?1, ?2, ?3) \
             ON CONFLICT(site_id) DO UPDATE SET revision = ?2, data_version = ?3, built_at = datetime('now')",
        )
        .bind(&[num(site.id), num(revision), num(site.data_version)])?,
    );
    db.batch(statements).await?;
    Ok(())
}

/// The best matches for what a visitor typed; empty when nothing searchable was typed.
pub async fn search(db: &D1Database, site_id: i64, query: &str) -> Result<Vec<Hit>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        kind: String,
        title: String,
        path: String,
        snippet: String,
    }
    let Some(terms) = match_expression(query) else { return Ok(Vec::new()) };
    // The site's own token narrows the match to its rows; the terms look at the stems only.
    let expression = format!("site_id : \"{site_id}\" AND stems : ({terms})");
    let rows = db
        .prepare(
            "SELECT e.kind, e.title, e.path, e.snippet FROM search_words JOIN search_entries e ON e.id = search_words.rowid \
             WHERE search_words MATCH ?1 AND e.site_id = ?2 ORDER BY search_words.rank LIMIT ?3",
        )
        .bind(&[expression.into(), num(site_id), num(MAX_HITS)])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Hit { kind: EntryKind::parse(&row.kind)?, title: row.title, path: row.path, snippet: row.snippet })
        })
        .collect())
}

/// After a request that may have changed what visitors of a site see (a publish, a rollback,
/// a collection edit), from either API: this isolate reads the site's pointer afresh next
/// time, and if the change succeeded the search index is brought up to it. A failed refresh
/// only delays it to the next search, which tries again; the change itself has succeeded.
pub async fn public_view_changed(bindings: &Bindings, slug: &str, succeeded: bool) {
    crate::store::hot_cache::forget_site(slug);
    if !succeeded {
        return;
    }
    let refreshed = match sites::site_by_slug(&bindings.db, slug).await {
        Ok(Some(site)) => ensure_index(&bindings.db, &bindings.docs, &site).await,
        Err(err) => Err(err),
        Ok(None) => Ok(()),
    };
    if let Err(err) = refreshed {
        worker::console_error!("search index of {slug}: {err:?}");
    }
}
