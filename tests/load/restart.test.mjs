// Publishing while the worker dies (issue 12): a worker of its own (fresh demo storage, its own
// port) is killed with SIGKILL in the middle of publishes, three times, and started again on the
// same storage. Each time the site must be on the revision before the publish or after it,
// never broken: the page answers, the pointer names a revision that exists, and every revision's
// document is readable.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS } from '../support/session.mjs';

const PORT = Number(process.env.CIVIC_RESTART_PORT ?? 8797);
const BASE = `http://127.0.0.1:${PORT}`;
const state = mkdtempSync(join(tmpdir(), 'civic-restart-'));
let worker;

function start() {
  worker = spawn('node_modules/.bin/wrangler', ['dev', '--local', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', state], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
}

async function ready() {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${BASE}/s/mincifra/`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the worker did not start');
}

function kill() {
  try {
    process.kill(-worker.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

after(() => {
  kill();
  rmSync(state, { recursive: true, force: true });
});

async function signIn({ login, password }) {
  const res = await fetch(`${BASE}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE },
    body: JSON.stringify({ login, password }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf } = await res.json();
  return (path, { method = 'GET', body } = {}) =>
    fetch(`${BASE}${path}`, {
      method,
      headers: { Cookie: cookie, ...(method === 'GET' ? {} : { 'Content-Type': 'application/json', Origin: BASE, 'X-CSRF-Token': csrf }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

test('a publish cut short by the worker dying leaves the old or the new revision, never a broken site', async () => {
  execFileSync('scripts/local-db.sh', [state], { stdio: 'ignore' });
  start();
  await ready();
  for (let round = 1; round <= 3; round += 1) {
    const call = await signIn(ACCOUNTS.administrator);
    const { version, document } = await (await call('/api/sites/mincifra/draft')).json();
    const before = (await (await call('/api/sites/mincifra/revisions')).json()).published_revision;
    document.site.tagline = `Выпуск ${round}`;
    const saved = await (await call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } })).json();
    // The publish is sent, and the worker is killed a moment later: before, during or after it.
    const publish = call('/api/sites/mincifra/publish', { method: 'POST', body: { version: saved.version } }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, [5, 40, 150][round - 1]));
    kill();
    const answer = await publish;
    start();
    await ready();

    const again = await signIn(ACCOUNTS.administrator);
    const { published_revision: now, revisions } = await (await again('/api/sites/mincifra/revisions')).json();
    if (answer?.status === 200) assert.equal(now, before + 1, 'a publish that was answered took place');
    assert.ok(now === before || now === before + 1, `round ${round}: revision ${before} or ${before + 1}, not ${now}`);
    assert.equal(Math.max(...revisions.map((r) => r.revision)), now, 'the pointer names the newest revision');
    for (const { revision } of revisions) assert.equal((await again(`/api/sites/mincifra/revisions/${revision}`)).status, 200, `revision ${revision} is readable`);
    const page = await fetch(`${BASE}/s/mincifra/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.equal(html.includes(`Выпуск ${round}`), now === before + 1, 'visitors see exactly the revision the pointer names');
  }
});
