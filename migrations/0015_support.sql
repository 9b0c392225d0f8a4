-- The support desk («СРО», regional rules 002, 2.4–2.6): requests from the organisations'
-- editors to the platform's administrator, with deadlines in working days; every step and
-- comment in order; the public holidays the deadlines skip (configurable).
CREATE TABLE support_tickets (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  -- accounts | components | site_change | consultation (civic_shared::support::Category)
  category TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  -- new | in_progress | resolved (civic_shared::support::Status)
  status TEXT NOT NULL DEFAULT 'new',
  received TEXT NOT NULL,
  due TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX support_tickets_by_site ON support_tickets(site_id, status);
CREATE INDEX support_tickets_open ON support_tickets(status, due);

CREATE TABLE support_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES support_tickets(id),
  -- comment | take | resolve | reopen | extend
  kind TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX support_events_by_ticket ON support_events(ticket_id, id);

CREATE TABLE holidays (
  day TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT ''
);
-- Days off in Russia in 2026 (Government decree of 24.09.2025 No. 1466) and the statutory
-- holidays of 2027 known so far; the administrator keeps the list current.
INSERT INTO holidays (day, name) VALUES
  ('2026-01-01', 'Новогодние каникулы'), ('2026-01-02', 'Новогодние каникулы'), ('2026-01-05', 'Новогодние каникулы'),
  ('2026-01-06', 'Новогодние каникулы'), ('2026-01-07', 'Рождество Христово'), ('2026-01-08', 'Новогодние каникулы'),
  ('2026-01-09', 'Перенос выходного дня'), ('2026-02-23', 'День защитника Отечества'), ('2026-03-09', 'Перенос: 8 Марта'),
  ('2026-05-01', 'Праздник Весны и Труда'), ('2026-05-11', 'Перенос: День Победы'), ('2026-06-12', 'День России'),
  ('2026-11-04', 'День народного единства'), ('2026-12-31', 'Перенос выходного дня'),
  ('2027-01-01', 'Новогодние каникулы'), ('2027-01-04', 'Новогодние каникулы'), ('2027-01-05', 'Новогодние каникулы'),
  ('2027-01-06', 'Новогодние каникулы'), ('2027-01-07', 'Рождество Христово'), ('2027-01-08', 'Новогодние каникулы'),
  ('2027-02-23', 'День защитника Отечества'), ('2027-03-08', 'Международный женский день'), ('2027-11-04', 'День народного единства');
