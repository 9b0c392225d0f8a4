-- Sites and their published revisions. Document bodies live in R2 under content
-- addresses (docs/<site id>/<sha256>.json); these rows only point at them, so a
-- publish or a save is one atomic pointer change in D1.
CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  draft_version INTEGER NOT NULL DEFAULT 1,
  draft_key TEXT NOT NULL,
  published_revision INTEGER,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE revisions (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  revision INTEGER NOT NULL,
  doc_key TEXT NOT NULL,
  draft_version INTEGER NOT NULL,
  published_at TEXT NOT NULL DEFAULT (datetime('now')),
  PRIMARY KEY (site_id, revision)
);
