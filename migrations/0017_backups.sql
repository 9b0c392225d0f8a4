-- Whole-site backups (civic_shared::backup). The archives live in R2 under
-- backups/<site id>/<sha256>.zip: the same state backed up twice is one object. A row is kept
-- per backup, so the list says when and by whom each was made; the daily ones beyond the
-- newest fourteen are deleted by the cron run that makes a new one.
CREATE TABLE backups (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  -- manual: an administrator's; daily: the cron trigger's; before-restore: the state a
  -- restore replaced, so the restore itself can be undone.
  kind TEXT NOT NULL CHECK (kind IN ('manual', 'daily', 'before-restore')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX backups_by_site ON backups(site_id, id);
