-- The compliance checker's last summary of each site's draft (score and counts, JSON), what it
-- was computed from ("<draft_version>:<data_version>"), and whether an administrator made gaps
-- block publishing.
ALTER TABLE sites ADD COLUMN compliance TEXT;
ALTER TABLE sites ADD COLUMN compliance_of TEXT;
ALTER TABLE sites ADD COLUMN compliance_blocking INTEGER NOT NULL DEFAULT 0;
