-- The course for new editors (civic_shared::training): each step an account has done, written
-- by the server in the same batch as the real action that completed it (a saved draft with a
-- new block, a publication, a news item, an answered appeal…), once per account and step.
CREATE TABLE training_steps (
  account_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- add_block | edit_text | publish | compliance_report | add_news | answer_appeal
  step TEXT NOT NULL,
  -- The site it was done on (for the record; counts go by membership).
  site_id INTEGER,
  done_at TEXT NOT NULL DEFAULT (datetime('now')),
  PRIMARY KEY (account_id, step)
);
-- A target counts sites at a status (`sites`) or employees who finished the course
-- (`trained_staff`), as the decrees' «прохождение обучения… не менее N сотрудников».
ALTER TABLE migration_targets ADD COLUMN measure TEXT NOT NULL DEFAULT 'sites';
