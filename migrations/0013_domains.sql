-- Domains bound to sites (civic_shared::domains): added by an administrator, verified by a TXT
-- record `_civic.<host>` = `civic-verify=<token>`, then the site is served there. A removed
-- domain's row is deleted (the audit log keeps the history); the routing copy of an active one
-- is the KV key `host:<host>` → slug.
CREATE TABLE site_domains (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  -- lowercase, punycode (xn--…) for Cyrillic names
  host TEXT NOT NULL UNIQUE,
  -- as people write it (школа7.рф); equal to host for Latin names
  host_unicode TEXT NOT NULL,
  token TEXT NOT NULL,
  -- awaiting_dns | active
  status TEXT NOT NULL DEFAULT 'awaiting_dns',
  -- the code of the last failed check (civic_shared::domains::Refused::code), if any
  last_error TEXT,
  checked_at TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX site_domains_by_site ON site_domains(site_id, id);
-- A site is served on one domain at a time.
CREATE UNIQUE INDEX site_domains_one_active ON site_domains(site_id) WHERE status = 'active';

-- DNS records for DOMAIN_VERIFIER = "local" (wrangler.toml): local runs and tests put the TXT
-- records an organisation would create here. Production verifies over DNS-over-HTTPS ("doh")
-- and never reads this table.
CREATE TABLE local_dns_records (
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX local_dns_records_by_name ON local_dns_records(name, type);
