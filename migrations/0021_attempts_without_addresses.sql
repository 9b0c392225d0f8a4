-- Rate-limit counters no longer name a visitor's address: their keys are salted hashes that
-- change every day (edge/src/rate_limit.rs). The old counters, keyed by addresses in clear,
-- go now; the cron run sweeps expired ones from here on, by the time their window started.
DELETE FROM attempts;
CREATE INDEX attempts_by_window ON attempts(window_start);
