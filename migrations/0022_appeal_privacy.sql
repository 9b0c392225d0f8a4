-- Privacy of citizens' appeals (issue 23). The consent to the processing of personal data each
-- appeal was sent with (152-FZ art. 9): the version of the wording its form showed
-- (civic_shared::appeals::CONSENT_WORDINGS) and the moment it was given, UTC. NULL for appeals
-- stored before consents were recorded.
ALTER TABLE appeals ADD COLUMN consent_version TEXT;
ALTER TABLE appeals ADD COLUMN consent_at TEXT;

-- An administrator's access to one appeal for support: given with a reason (also written to
-- the journal) and for a limited time (civic_edge::authz::SUPPORT_ACCESS_SECONDS). No foreign
-- key to users: removing a user removes their accesses in the same batch.
CREATE TABLE appeal_support_access (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  appeal_id INTEGER NOT NULL REFERENCES appeals(id),
  reason TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX appeal_support_access_by_user ON appeal_support_access(user_id, appeal_id, expires_at);
