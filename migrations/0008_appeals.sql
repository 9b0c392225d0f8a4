-- Citizens' appeals sent through a site's form (59-FZ). Numbered per site and year; the secret
-- code that opens the status page is kept only as its SHA-256.
CREATE TABLE appeals (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  page_id TEXT NOT NULL,
  form_id TEXT NOT NULL,
  topic TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  name TEXT NOT NULL,
  contact TEXT NOT NULL,
  -- received | registered | answered | closed (civic_shared::appeals::Status)
  status TEXT NOT NULL DEFAULT 'received',
  received TEXT NOT NULL,
  registered TEXT,
  extension_days INTEGER,
  extension_reason TEXT,
  assignee TEXT NOT NULL DEFAULT '',
  answer TEXT,
  answered_on TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  UNIQUE (site_id, year, seq),
  UNIQUE (site_id, number)
);
CREATE INDEX appeals_by_site ON appeals(site_id, status, received);
