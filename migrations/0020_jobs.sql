-- Heavy work off the request path (civic_shared::jobs): the public worker inserts a row and
-- puts {"job": id} on the jobs queue; the jobs worker moves the row from queued to running
-- to done or failed, writing its progress on the way. An upload the job reads (an archive to
-- restore, an old site to import) waits in R2 under jobs/<id> and is deleted when the job ends.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  site_id INTEGER REFERENCES sites(id),
  kind TEXT NOT NULL CHECK (kind IN ('backup', 'restore', 'site_import')),
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  -- What the job was asked (JSON): the backup's kind, the restore's target, the import's options.
  input TEXT NOT NULL DEFAULT '{}',
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  step TEXT,
  -- The endpoint's answer (JSON) once done; the error's status and body (JSON) once failed.
  result TEXT,
  error TEXT,
  -- Who asked (the audit log's actor of what the job changes): login, user id, address.
  created_by TEXT NOT NULL,
  user_id INTEGER,
  ip TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX jobs_by_site ON jobs(site_id, id);
