-- API tokens for outside systems (/api/v1) and the idempotency keys of their POST requests.
-- Only the SHA-256 of a token's secret is stored: the secret is shown once, at creation.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  -- The first characters of the secret (`civic_AbCd…`), so people can tell tokens apart.
  hint TEXT NOT NULL,
  -- JSON array of scopes: "read", "write", "publish" (edge/src/tokens.rs).
  scopes TEXT NOT NULL,
  -- JSON array of site ids the scopes apply to.
  sites TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  -- Unix seconds; NULL: never expires.
  expires_at INTEGER,
  revoked_at TEXT,
  revoked_by TEXT,
  -- Unix seconds of the last request, written at most once a minute.
  last_used_at INTEGER
);

-- The first answer to a POST with an `Idempotency-Key`, per token, kept for 24 hours.
-- `status` is NULL while the first request is still running.
CREATE TABLE api_idempotency (
  token_id INTEGER NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  -- SHA-256 of method, path and body: the same key with another request is refused.
  fingerprint TEXT NOT NULL,
  status INTEGER,
  body TEXT,
  location TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (token_id, key)
);
CREATE INDEX api_idempotency_by_age ON api_idempotency(created_at);
