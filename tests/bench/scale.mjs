// The scale simulation (BENCHMARKS.md, issue 11): the platform with 100, 10,000 and 100,000
// sites in local storage, and the real worker (`wrangler dev --local`) measured on each.
// Not a test: it asserts nothing about time, it only fails when a request fails.
//
// Storage, generated as the platform keeps it (migrations/*.sql, edge/src/store.rs):
//   - D1: one `sites` row per site (published, revision 1), its `revisions` row and an active
//     `site_domains` row for its domain `site-<i>.example.ru`, inserted by
//     `wrangler d1 execute --local --file` from generated SQL (multi-row INSERTs);
//   - D1: one `search_entries` row per site (its home page) and its `search_built`, as if the
//     site had been searched once: a real site has tens of rows (pages, news, documents);
//   - KV: the routing key `host:site-<i>.example.ru` → slug, by `wrangler kv bulk put --local`;
//   - R2: 20 full documents (the four demo sites' documents, five copies each under other
//     names), by `wrangler r2 object put --local`. Every site points at one of them: a document
//     is stored under its content address, so sites sharing one share the key.
// The largest store is made from the middle one by adding sites; each store starts from the
// same seeded demo storage (scripts/local-db.sh), whose administrator publishes.
//
// Measured on each store by the real worker on 127.0.0.1, in two rounds (sizes in order, then in
// reverse order, a fresh worker each time), one request at a time, fixed request counts:
//   - first visit: GET / with `Host: site-<i>.example.ru` for random sites, each with a port
//     no request used before: the page cache is keyed by origin, so nothing is cached and
//     every request does the host look-up (KV), the site row (D1), the document (R2) and
//     the render, and stores the page in KV;
//   - cached: the same requests again a second later (the isolate's 1 s memory of hosts and
//     site rows has expired, so KV and D1 are asked again; the page comes from the cache);
//   - publish: POST /api/sites/<slug>/publish of random sites, as the administrator.
// And once per store: a publish of one site leaves another site's cached page as it was
// (same ETag, same KV key, and the page still served from the cache); and a simulated day of
// daily backups (issue 23): the real cron handler (`/__scheduled`) runs 24 times (8 in --smoke), an hour of
// the store's clock apart (every stored time moved back an hour between runs), and queues its
// jobs in D1; the jobs worker's part is simulated in SQL (a backup row, the job done; 1 % of
// the sites always fail, as an over-size site does). After the day every other site must have
// a daily backup, and each failing one whose first failure came 7 hours (its wait and a run)
// before the day's end must have been tried again.
//
//   node tests/bench/scale.mjs [--sizes 100,10000,100000] [--requests 100] [--publishes 50] [--port 8796]
//                              [--search-rows 0] [--seeded <dir>] [--smoke]
// --seeded: a copy of freshly seeded demo storage (scripts/local-db.sh, no worker has run on it)
// to start from instead of seeding one (half a minute here).
// --smoke (scripts/test.sh): 10 and 100 sites (unless --sizes), one round of 5 requests and 2
// publishes after a warm-up of 2 pages and 1 publish; the same checks, figures that mean nothing.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, openSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SMOKE = process.argv.includes('--smoke');
const SIZES = arg('--sizes', SMOKE ? '10,100' : '100,10000,100000').split(',').map(Number);
const REQUESTS = Number(arg('--requests', SMOKE ? 5 : 100));
const PUBLISHES = Number(arg('--publishes', SMOKE ? 2 : 50));
const WARM_UP_PAGES = SMOKE ? 2 : 20;
const WARM_UP_PUBLISHES = SMOKE ? 1 : 5;
// Each size is measured in two rounds, the second in reverse order of sizes, so a machine that
// gets busier or quieter during the run weighs on every size alike.
const ROUNDS = SMOKE ? 1 : 2;
// `--search-rows 0` leaves the search index empty (to tell its share of a publish).
const SEARCH_ROWS = arg('--search-rows', '1') !== '0';
const SEEDED = arg('--seeded', '');
const PORT = Number(arg('--port', process.env.CIVIC_BENCH_PORT ?? 8793));
const BASE = `http://127.0.0.1:${PORT}`;
// D1 refuses statements over 100 KB: 200 rows of `sites` are about 50 KB.
const ROWS_PER_INSERT = 200;
const SITES_PER_FILE = 20000;
const FIRST_ID = 1001;
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
const log = (line) => console.log(`[${seconds()} s] ${line}`);
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

function wrangler(persist, ...args) {
  try {
    return execFileSync(join(root, 'node_modules/.bin/wrangler'), [...args, '--local', '--persist-to', persist], {
      cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
    }).toString();
  } catch (err) {
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')}: ${err.stderr?.toString() || err.message}`);
  }
}
const sqlText = (value) => `'${String(value).replaceAll("'", "''")}'`;

// ── Storage ─────────────────────────────────────────────────────────────────────────────
const work = mkdtempSync('/tmp/civic-scale.');
const scratch = join(work, 'files');
mkdirSync(scratch);

/** The demo storage every store starts from, with the 20 sample documents in R2. */
function template() {
  const dir = join(work, 'template');
  if (SEEDED) cpSync(SEEDED, dir, { recursive: true });
  else execFileSync(join(root, 'scripts/local-db.sh'), [dir], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const samples = [];
  for (const slug of ['mincifra', 'kasimov', 'school7', 'gb4']) {
    const document = JSON.parse(readFileSync(join(root, `shared/demo/${slug}.json`), 'utf8'));
    for (let copy = 1; copy <= 5; copy++) {
      const body = JSON.stringify({ ...document, site: { ...document.site, name: `${document.site.name}, образец ${copy}` } });
      const key = `docs/sample/${createHash('sha256').update(body).digest('hex')}.json`;
      const file = join(scratch, `sample-${slug}-${copy}.json`);
      writeFileSync(file, body);
      samples.push({ key, file, name: document.site.name, kind: document.site.kind, marker: `образец ${copy}` });
    }
  }
  const list = join(scratch, 'samples.json');
  writeFileSync(list, JSON.stringify(samples.map(({ key, file }) => ({ key, file }))));
  wrangler(dir, 'r2', 'bulk', 'put', 'civic-docs', '--filename', list, '--content-type', 'application/json', '--force');
  // One key through wrangler, so the KV namespace's local files exist (see addSites).
  wrangler(dir, 'kv', 'key', 'put', 'host:site-0.example.ru', 'site-0', '--binding', 'PAGES');
  return { dir, samples };
}

/** Adds sites number `from`..`to` (1-based, inclusive) to the store in `dir`. */
function addSites(dir, samples, from, to) {
  for (let first = from; first <= to; first += SITES_PER_FILE) {
    const last = Math.min(to, first + SITES_PER_FILE - 1);
    const statements = [];
    for (let a = first; a <= last; a += ROWS_PER_INSERT) {
      const b = Math.min(last, a + ROWS_PER_INSERT - 1);
      const sites = [], revisions = [], domains = [], index = [], indexed = [];
      for (let i = a; i <= b; i++) {
        const id = FIRST_ID + i - 1;
        const sample = samples[i % samples.length];
        const host = `site-${i}.example.ru`;
        sites.push(`(${id},'site-${i}',${sqlText(`${sample.name} № ${i}`)},'${sample.kind}',1,'${sample.key}',1)`);
        revisions.push(`(${id},1,'${sample.key}',1)`);
        domains.push(`(${id},'${host}','${host}','bench-${i}','active')`);
        index.push(`('главн сайт организац ${i}',${id},'page','home','Главная','','')`);
        indexed.push(`(${id},1,1)`);
      }
      statements.push(
        `INSERT INTO sites (id, slug, name, kind, draft_version, draft_key, published_revision) VALUES ${sites.join(',')};`,
        `INSERT INTO revisions (site_id, revision, doc_key, draft_version) VALUES ${revisions.join(',')};`,
        `INSERT INTO site_domains (site_id, host, host_unicode, token, status) VALUES ${domains.join(',')};`,
      );
      if (SEARCH_ROWS) {
        statements.push(
          `INSERT INTO search_entries (stems, site_id, kind, key, title, path, snippet) VALUES ${index.join(',')};`,
          `INSERT INTO search_built (site_id, revision, data_version) VALUES ${indexed.join(',')};`,
        );
      }
    }
    const sql = join(scratch, `sites-${first}.sql`);
    writeFileSync(sql, statements.join('\n'));
    wrangler(dir, 'd1', 'execute', 'DB', '--yes', '--file', sql);
    rmSync(sql);
    addHostKeys(dir, first, last);
  }
}

/**
 * The routing keys `host:site-<i>.example.ru` → `site-<i>` of sites `from`..`to`, written
 * into the local KV store in the format wrangler and the worker use (miniflare's SQLite table
 * `_mf_entries` naming a blob file per value). `wrangler kv bulk put --local` writes the same
 * rows but took 14 ms a key here (100,000 keys: 24 minutes); the worker reads these keys
 * through its real KV binding, and a site whose key were wrong would answer 404.
 */
function addHostKeys(dir, from, to) {
  const kv = join(dir, 'v3/kv');
  const table = readdirSync(join(kv, 'miniflare-KVNamespaceObject')).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!table) throw new Error(`no local KV namespace in ${kv}`);
  const rows = [];
  const stamp = Date.now().toString(16).padStart(16, '0');
  for (let i = from; i <= to; i++) {
    const blob = randomBytes(32).toString('hex') + stamp;
    writeFileSync(join(kv, 'civic-pages-local/blobs', blob), `site-${i}`);
    rows.push(`('host:site-${i}.example.ru','${blob}')`);
  }
  const sql = ['BEGIN;'];
  for (let k = 0; k < rows.length; k += 1000) sql.push(`INSERT INTO _mf_entries (key, blob_id) VALUES ${rows.slice(k, k + 1000).join(',')};`);
  sql.push('COMMIT;');
  execFileSync('sqlite3', [join(kv, 'miniflare-KVNamespaceObject', table)], { input: sql.join('\n'), stdio: ['pipe', 'ignore', 'inherit'] });
}

// ── The worker and requests ─────────────────────────────────────────────────────────────
// A new connection per request (127.0.0.1): wrangler's proxy may drop idle kept-alive ones.
const agent = new http.Agent({ keepAlive: false });

/** One request to the local worker; resolves with status, headers, body and milliseconds. */
function request(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let running = null;
// Stopped from outside (scripts/bench.sh --smoke puts a time limit on it): no worker and no
// storage is left behind.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    try {
      if (running) process.kill(-running.pid);
    } catch { /* already gone */ }
    rmSync(work, { recursive: true, force: true });
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  });
}

async function startWorker(dir) {
  const out = `/tmp/civic-scale-wrangler-${PORT}.log`;
  const child = spawn(join(root, 'node_modules/.bin/wrangler'),
    ['dev', '--local', '--test-scheduled', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', dir],
    { cwd: root, env, detached: true, stdio: ['ignore', openSync(out, 'w'), openSync(out, 'a')] });
  running = child;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await request('GET', '/s/mincifra/')).status === 200) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  process.kill(-child.pid);
  throw new Error(`the worker did not start on ${BASE} (log: ${out})`);
}

function stopWorker(child) {
  running = null;
  try {
    process.kill(-child.pid);
  } catch { /* already gone */ }
  return new Promise((r) => setTimeout(r, 1500));
}

// Hourly cron runs in the simulated day; the smoke run's 8 cover its 100 sites (20 a run) and
// one retry after the 6-hour wait.
const DAY_HOURS = SMOKE ? 8 : 24;

/**
 * A simulated day of daily backups on the store of `n` sites (see the top of this file): how
 * many healthy sites end with a daily backup, how many sites failed, and how many of those were
 * tried again after their wait.
 */
async function backupDay(dir, n) {
  const d1 = (sql) => JSON.parse(wrangler(dir, 'd1', 'execute', 'DB', '--json', '--command', sql))[0]?.results ?? [];
  for (let hour = 0; hour < DAY_HOURS; hour++) {
    const res = await request('GET', `/__scheduled?cron=${encodeURIComponent('17 * * * *')}`);
    if (res.status !== 200) throw new Error(`cron run ${hour}: ${res.status} ${res.body.slice(0, 200)}`);
    // The jobs worker's part, and an hour passes.
    const error = JSON.stringify({ status: 413, body: { error: { code: 'too_large', problems: [{ path: '.', message_ru: 'слишком велик', message_en: 'too big' }] } } });
    d1(`INSERT INTO backups (site_id, key, sha256, bytes, kind, created_by) SELECT site_id, 'simulated', 'simulated', 1, 'daily', 'cron' FROM jobs WHERE state = 'queued' AND kind = 'backup' AND site_id % 100 != 7;
        UPDATE jobs SET state = CASE WHEN site_id % 100 = 7 THEN 'failed' ELSE 'done' END, error = CASE WHEN site_id % 100 = 7 THEN ${sqlText(error)} END WHERE state = 'queued' AND kind = 'backup';
        UPDATE backups SET created_at = datetime(created_at, '-1 hours');
        UPDATE jobs SET created_at = datetime(created_at, '-1 hours'), updated_at = datetime(updated_at, '-1 hours');`);
  }
  const [day] = d1(`SELECT
      (SELECT COUNT(*) FROM sites s WHERE s.id % 100 != 7 AND EXISTS (SELECT 1 FROM backups b WHERE b.site_id = s.id AND b.kind = 'daily' AND b.created_at > datetime('now', '-24 hours'))) AS backed_up,
      (SELECT COUNT(*) FROM sites s WHERE s.id % 100 != 7) AS healthy,
      (SELECT COUNT(*) FROM sites s WHERE s.id % 100 = 7 AND (SELECT MIN(j.updated_at) FROM jobs j WHERE j.site_id = s.id AND j.kind = 'backup') < datetime('now', '-7 hours')) AS failing,
      (SELECT COUNT(*) FROM sites s WHERE s.id % 100 = 7 AND (SELECT COUNT(*) FROM jobs j WHERE j.site_id = s.id AND j.kind = 'backup') >= 2) AS retried,
      (SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM jobs j WHERE j.kind = 'backup' GROUP BY j.site_id)) AS most_tries`);
  return day;
}

/** Deterministic random numbers, so every run picks the same sites. */
function generator(seed) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
/** `count` site numbers in 1..n, distinct while n allows. */
function pick(n, count, seed) {
  const random = generator(seed);
  const chosen = new Set();
  const out = [];
  while (out.length < count) {
    const i = 1 + Math.floor(random() * n);
    if (chosen.has(i) && chosen.size < n) continue;
    chosen.add(i);
    out.push(i);
  }
  return out;
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
}

let uniquePort = 10000;
let samplesUsed;
const page = (i, port) => request('GET', '/', { Host: `site-${i}.example.ru:${port}` });

async function measure(n, round) {
  const sites = pick(n, REQUESTS, 7919 + n + 104729 * round);
  const expect = (res, what) => {
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.body.slice(0, 300)}`);
    return res;
  };
  // Warm-up: the isolate compiles and the storage files are opened.
  for (const i of pick(n, WARM_UP_PAGES, 17 + round)) expect(await page(i, uniquePort++), `warm-up site-${i}`);

  const ports = sites.map(() => uniquePort++);
  const first = [];
  for (const [k, i] of sites.entries()) {
    const res = expect(await page(i, ports[k]), `first visit of site-${i}`);
    if (!res.body.includes(samplesUsed[i % samplesUsed.length].marker)) throw new Error(`site-${i}: not its document's page`);
    first.push(res.ms);
  }
  await new Promise((r) => setTimeout(r, 1100));
  const cached = [];
  for (const [k, i] of sites.entries()) cached.push(expect(await page(i, ports[k]), `cached site-${i}`).ms);

  // Publishing, as the seeded administrator.
  const accounts = JSON.parse(readFileSync(join(root, 'scripts/demo-accounts.json'), 'utf8'));
  const login = await request('POST', '/api/login', { 'Content-Type': 'application/json', Origin: BASE },
    JSON.stringify({ login: accounts.administrator.login, password: accounts.administrator.password }));
  if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const { csrf } = JSON.parse(login.body);
  const publish = (i) => request('POST', `/api/sites/site-${i}/publish`,
    { 'Content-Type': 'application/json', Origin: BASE, 'X-CSRF-Token': csrf, Cookie: cookie }, JSON.stringify({ version: 1 }));
  for (const i of pick(n, WARM_UP_PUBLISHES, 31 + round)) expect(await publish(i), `warm-up publish of site-${i}`);
  const publishes = [];
  for (const i of pick(n, PUBLISHES, 4099 + n + 104729 * round)) publishes.push(expect(await publish(i), `publish of site-${i}`).ms);

  if (round > 0) return { first, cached, publishes };
  // One site's publish leaves another's cached page alone.
  const [a, b] = pick(n, 2, 65537);
  const port = uniquePort++;
  const before = expect(await page(b, port), `site-${b}`);
  const keysBefore = await cacheKeys(b);
  expect(await publish(a), `publish of site-${a}`);
  await new Promise((r) => setTimeout(r, 1100));
  const after = expect(await page(b, port), `site-${b} after the publish of site-${a}`);
  const keysAfter = await cacheKeys(b);
  const publishedOwn = expect(await page(a, port), `site-${a} after its publish`);
  const isolation = {
    published: `site-${a}`, other: `site-${b}`,
    etagKept: before.headers.etag === after.headers.etag && before.body === after.body,
    keysKept: keysBefore.length > 0 && keysBefore.join() === keysAfter.join(),
    ownNewRevision: /"r\d+-/.test(publishedOwn.headers.etag ?? '') && !publishedOwn.headers.etag.startsWith('"r1-'),
    etags: [before.headers.etag, after.headers.etag, publishedOwn.headers.etag],
  };
  return { first, cached, publishes, isolation };
}

/** The KV keys of a site's cached pages, listed by prefix (`page/<id>/`, edge/src/store.rs). */
async function cacheKeys(i) {
  const out = wrangler(currentDir, 'kv', 'key', 'list', '--binding', 'PAGES', '--prefix', `page/${FIRST_ID + i - 1}/`);
  return JSON.parse(out).map((k) => k.name).sort();
}

// ── The run ─────────────────────────────────────────────────────────────────────────────
let currentDir;
const results = new Map();
try {
  log(`storage in ${work}; sizes ${SIZES.join(', ')}; per size and round ${REQUESTS} page requests per pass, ${PUBLISHES} publishes; ${ROUNDS} rounds`);
  const { dir: base, samples } = template();
  samplesUsed = samples;
  log('demo storage seeded, 20 sample documents in R2');
  const stores = new Map();
  let previous = null;
  for (const n of [...SIZES].sort((x, y) => x - y)) {
    const dir = join(work, `n${n}`);
    const from = previous && previous.n < n ? previous : { n: 0, dir: base };
    cpSync(from.dir, dir, { recursive: true });
    const t0 = performance.now();
    addSites(dir, samples, from.n + 1, n);
    log(`${n} sites generated (${from.n ? `${from.n} copied, ` : ''}${n - from.n} added in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    stores.set(n, dir);
    previous = { n, dir };
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of round % 2 ? [...SIZES].reverse() : SIZES) {
      currentDir = stores.get(n);
      const child = await startWorker(currentDir);
      try {
        const got = await measure(n, round);
        if (round === 0) {
          got.backups = await backupDay(currentDir, n);
          log(`${n} sites: a simulated day of daily backups done`);
        }
        const sum = results.get(n);
        if (!sum) results.set(n, got);
        else for (const field of ['first', 'cached', 'publishes']) sum[field].push(...got[field]);
      } finally {
        await stopWorker(child);
      }
      log(`${n} sites measured (round ${round + 1} of ${ROUNDS})`);
    }
  }
} finally {
  agent.destroy();
  rmSync(work, { recursive: true, force: true });
}

// ── Report ──────────────────────────────────────────────────────────────────────────────
const smallest = SIZES[0];
const fmt = (ms) => ms.toFixed(1);
const rows = [['first visit (host → KV, D1, R2, render)', 'first'], ['cached page (host → KV, D1, cache)', 'cached'], ['publish', 'publishes']];
console.log(`\n${'what'.padEnd(42)}${'sites'.padStart(8)}${'median ms'.padStart(11)}${'p90 ms'.padStart(9)}${'ratio'.padStart(8)}`);
for (const [title, field] of rows) {
  const base = median(results.get(smallest)[field]);
  for (const n of SIZES) {
    const xs = results.get(n)[field];
    console.log(`${title.padEnd(42)}${String(n).padStart(8)}${fmt(median(xs)).padStart(11)}${fmt(quantile(xs, 0.9)).padStart(9)}${(median(xs) / base).toFixed(2).padStart(8)}`);
  }
}
console.log('\nratio: median at that size / median at the smallest size, same run (1.00 = flat)');
let isolated = true;
for (const n of SIZES) {
  const { isolation: i } = results.get(n);
  const ok = i.etagKept && i.keysKept && i.ownNewRevision;
  isolated &&= ok;
  console.log(`${n} sites: publish of ${i.published} → ${i.other}'s cached page ${i.etagKept ? 'unchanged' : 'CHANGED'} (ETag ${i.etags[0]}), ` +
    `its KV keys ${i.keysKept ? 'untouched' : 'CHANGED'}; ${i.published} now serves ${i.etags[2]}`);
}
let backedUp = true;
for (const n of SIZES) {
  const day = results.get(n).backups;
  const ok = day.backed_up === day.healthy && day.retried >= day.failing;
  backedUp &&= ok;
  console.log(`${n} sites: after a simulated day (${DAY_HOURS} hourly cron runs) ${day.backed_up} of ${day.healthy} healthy sites have a daily backup; ` +
    `${day.retried} always-failing sites were tried again after their 6-hour wait (${day.failing} failed early enough for that); at most ${day.most_tries} backup jobs for one site${ok ? '' : '  FAILED'}`);
}
console.log(`whole run: ${seconds()} s (fixed request counts; about 5 minutes on the 2-core machine of BENCHMARKS.md, meant to stay under 10)`);
if (!isolated || !backedUp) process.exit(1);
