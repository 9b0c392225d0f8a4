-- Accounts, per-site membership, sessions, the audit log and attempt counters.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'administrator', 'editor')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'restricted', 'banned')),
  -- pbkdf2-sha256$<iterations>$<salt>$<hash>
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, site_id)
);

-- Only a hash of the cookie's token is stored: a leaked table opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Who did what, on which site, when and from where. Rows are never updated or deleted.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (datetime('now')),
  user_id INTEGER,
  login TEXT NOT NULL,
  action TEXT NOT NULL,
  site_id INTEGER,
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_site ON audit_log(site_id, id);

-- Failed attempts per key (login:<login>, ip:<address>, password:<user id>) in a window.
CREATE TABLE attempts (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL
);

-- Who published each revision, and which revision a rollback restored.
ALTER TABLE revisions ADD COLUMN published_by TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN restored_from INTEGER;
