-- The move of each organisation's site onto the platform (civic_shared::migration): its status,
-- who is responsible, who moved it and when, the act of completed migration; every step kept
-- in migration_events; and the decrees' planned targets the operator's dashboard counts.
CREATE TABLE site_migration (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id),
  -- new | migrating | checked | act_signed | official
  status TEXT NOT NULL DEFAULT 'new',
  responsible TEXT NOT NULL DEFAULT '',
  moved_by TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL DEFAULT (datetime('now')),
  checked_on TEXT,
  act_signed_by TEXT,
  act_signed_on TEXT
);
CREATE TABLE migration_events (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  login TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX migration_events_by_site ON migration_events(site_id, id);
CREATE TABLE migration_targets (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  -- an OrgKind, or NULL for every kind
  kind TEXT,
  status TEXT NOT NULL,
  count INTEGER NOT NULL,
  due TEXT NOT NULL
);
