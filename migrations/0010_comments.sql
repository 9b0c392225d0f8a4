-- Comments on public discussions of draft documents: held for moderation, published or refused
-- by the site's staff. `discussion` is "<page id>/<block id>".
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  discussion TEXT NOT NULL,
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  -- pending | published | rejected
  status TEXT NOT NULL DEFAULT 'pending',
  received TEXT NOT NULL,
  moderated_by TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX comments_by_site ON comments(site_id, status, id);
