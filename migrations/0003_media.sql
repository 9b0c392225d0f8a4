-- The media library: images and documents uploaded for a site. The bytes live in R2 under a
-- content address (media/<site id>/<sha256>.<ext>), so the same file uploaded twice to one
-- site is one row, and a name can never collide with or overwrite another file.
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'document')),
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  -- Pixel size, images only.
  width INTEGER,
  height INTEGER,
  -- The uploader's file name, cleaned, for display and downloads (never a storage key).
  original_name TEXT NOT NULL,
  alt TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  -- Name, alt and title lower-cased by the worker: what the library's search looks in.
  search TEXT NOT NULL DEFAULT '',
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL DEFAULT (datetime('now')),
  UNIQUE (site_id, key),
  -- Every image is described for visitors who cannot see it.
  CHECK (kind <> 'image' OR alt <> '')
);
CREATE INDEX media_by_site ON media(site_id, kind, id);
