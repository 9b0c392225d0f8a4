-- The search index, reachable one site at a time. 0006 kept every site's rows in one FTS5
-- table whose site_id was UNINDEXED, so rebuilding one site's index (its DELETE) read every
-- site's rows: a publish grew slower as the region grew (BENCHMARKS.md, «Scale»). Now the
-- rows live in an ordinary table indexed by site, and FTS5 indexes them as external content,
-- kept in step by triggers (https://sqlite.org/fts5.html#external_content_tables). The site id
-- is an indexed FTS5 column too, so a search intersects with one site's rows instead of
-- ranking every site's matches.
--
-- Between `d1 migrations apply` and `deploy` the worker still running is the previous one, so
-- this migration only adds: the old `search_index` and `search_state` stay for it, and
-- `search_built` records what the new index was built from (empty: every site's index is
-- built at its next publish or search). A later migration drops the old two.

CREATE TABLE search_entries (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  stems TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  title TEXT NOT NULL,
  path TEXT NOT NULL,
  snippet TEXT NOT NULL
);
CREATE INDEX search_entries_site ON search_entries(site_id);

CREATE VIRTUAL TABLE search_words USING fts5(stems, site_id, content = 'search_entries', content_rowid = 'id');

CREATE TRIGGER search_entries_added AFTER INSERT ON search_entries BEGIN
  INSERT INTO search_words (rowid, stems, site_id) VALUES (new.id, new.stems, new.site_id);
END;

CREATE TRIGGER search_entries_removed AFTER DELETE ON search_entries BEGIN
  INSERT INTO search_words (search_words, rowid, stems, site_id) VALUES ('delete', old.id, old.stems, old.site_id);
END;

-- Which published revision and data version each site's rows were built from.
CREATE TABLE search_built (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  data_version INTEGER NOT NULL,
  built_at TEXT NOT NULL DEFAULT (datetime('now'))
);
