-- Files visitors attach to appeals (kept in R2 under `r2_key`, served only to the site's staff),
-- and answers the body publishes on the site without personal data.
CREATE TABLE appeal_files (
  appeal_id INTEGER NOT NULL REFERENCES appeals(id),
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  -- civic_shared::appeals::FileKind
  kind TEXT NOT NULL,
  size INTEGER NOT NULL,
  r2_key TEXT NOT NULL UNIQUE,
  PRIMARY KEY (appeal_id, idx)
);
ALTER TABLE appeals ADD COLUMN published_question TEXT;
ALTER TABLE appeals ADD COLUMN published_answer TEXT;
CREATE INDEX appeals_published ON appeals(site_id, answered_on) WHERE published_answer IS NOT NULL;
