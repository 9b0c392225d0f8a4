// Working days as the support desk counts them (shared/src/support.rs, `due_date`): Saturdays,
// Sundays and the holidays the platform starts with (read from the migration that stores them)
// are skipped. Used by the demo seed and by the support desk's end-to-end test.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const migration = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations', '0015_support.sql');
const HOLIDAYS = new Set(readFileSync(migration, 'utf8').match(/\d{4}-\d{2}-\d{2}/g));

const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const isWorkingDay = (iso) => ![0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay()) && !HOLIDAYS.has(iso);

/** The n-th working day after `iso` (YYYY-MM-DD); before it, for a negative n. */
export function workingDays(iso, n) {
  let at = iso;
  for (let left = Math.abs(n); left > 0; ) {
    at = plusDays(at, Math.sign(n));
    if (isWorkingDay(at)) left -= 1;
  }
  return at;
}
