-- Votes of visitors in a site's polls. A visitor is the random id in their `civic_voter` cookie;
-- one row per visitor and poll (the chosen options as JSON), so nobody votes twice from one
-- browser; per-address limits (table attempts) hold off scripted voting.
CREATE TABLE poll_votes (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  poll_id TEXT NOT NULL,
  voter TEXT NOT NULL,
  options TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  PRIMARY KEY (site_id, poll_id, voter)
);
