-- Site search: one FTS5 row per published page, news item and document. `stems` holds the
-- Russian stems the worker computed (civic_shared::search), so the index and the queries
-- stem alike; the other columns are only carried to the results page.
CREATE VIRTUAL TABLE search_index USING fts5(
  stems,
  site_id UNINDEXED,
  kind UNINDEXED,
  key UNINDEXED,
  title UNINDEXED,
  path UNINDEXED,
  snippet UNINDEXED
);

-- Which published revision and data version each site's index was built from.
CREATE TABLE search_state (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  data_version INTEGER NOT NULL,
  indexed_at TEXT NOT NULL DEFAULT (datetime('now'))
);
