-- Visit statistics (issue 10), counted by the worker itself: no cookie, no script, no
-- third-party counter. Only counts are kept; what identifies a visitor is kept for one day.

-- Views of each page of a site per day (UTC). `path` is the page as the site's own links name
-- it (`/`, `/sveden/common`), without query strings (civic_shared::visits::page_path).
CREATE TABLE page_views (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  day TEXT NOT NULL,
  path TEXT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, path)
) WITHOUT ROWID;

-- Who has been counted today, to count each visitor once a day. `hash` is the SHA-256 (hex)
-- of a random salt of the day, the site, the address and the User-Agent
-- (civic_shared::visits::visitor_hash_input). The address and User-Agent are never stored.
-- The salt is kept in KV for two days only and a new one is drawn every day, so a hash cannot
-- be linked to another day's or another site's, nor reversed once the salt is gone; and the
-- hashes themselves are deleted as soon as their day is over (rows older than yesterday go at
-- the hourly cron run, edge/src/visits_store.rs `forget_past_visitors`). What remains is the per-day count in `visit_days`.
-- Honest limit: while a day's salt still exists, someone holding both it and the hashes could
-- test guessed addresses and browsers against them; that is why both are gone within two days.
-- The hash only tells visitors apart within a day: it is no identifier and is never shown.
CREATE TABLE visitors (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  day TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (site_id, day, hash)
) WITHOUT ROWID;
CREATE INDEX visitors_by_day ON visitors(day);

-- Different visitors of a site per day: kept after the hashes are gone.
CREATE TABLE visit_days (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  day TEXT NOT NULL,
  visitors INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day)
) WITHOUT ROWID;
