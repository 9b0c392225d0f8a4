-- Collection items (news, documents, staff…) edited in the platform. One row per item; the
-- body is the item's JSON as checked by civic_shared::collection_items.
CREATE TABLE collection_items (
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  -- Order editors set; dated collections are listed by date instead.
  position INTEGER NOT NULL DEFAULT 0,
  date TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  -- Bumped by every change: a save based on an older revision is refused.
  revision INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT (datetime('now')),
  PRIMARY KEY (site_id, collection, id)
);

-- Bumped by every collection change: part of the public page cache key, so a changed news
-- item reaches visitors without a publish and without purging anything.
ALTER TABLE sites ADD COLUMN data_version INTEGER NOT NULL DEFAULT 1;
