// The bounded load suite (issue 12): wrk against the real worker on 127.0.0.1, five seconds a
// run. Public pages (usual and accessible version) and API reads must answer every request
// without an error; appeals sent under load must all be stored (the count in D1 equals the
// answers wrk got); the worker's memory must not run away. Throughput is printed, never
// asserted: the machine is shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const SECONDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'civic-load-'));

/** One wrk run; its counts. Fails the test on socket errors or non-2xx answers. */
async function wrk(path, { headers = [], script, connections = 8, threads = 2 } = {}) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${SECONDS}s`, '--latency', ...headers.flatMap((h) => ['-H', h])];
  if (script) {
    const file = join(dir, `script-${Date.now()}.lua`);
    writeFileSync(file, script);
    args.push('-s', file);
  }
  const report = execFileSync('wrk', [...args, `${BASE_URL}${path}`], { encoding: 'utf8', timeout: (SECONDS + 30) * 1000 });
  const number = (pattern) => Number(report.match(pattern)?.[1] ?? 0);
  const result = {
    requests: number(/(\d+) requests in/),
    rate: number(/Requests\/sec:\s+([\d.]+)/),
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: /Socket errors/.test(report) ? report.match(/Socket errors: (.*)/)[1] : '',
    p99: report.match(/99%\s+(\S+)/)?.[1] ?? '?',
  };
  console.log(`${path}: ${result.requests} requests, ${result.rate} req/s, p99 ${result.p99}, non-2xx ${result.non2xx}`);
  assert.equal(result.socketErrors, '', `${path}: socket errors`);
  assert.equal(result.non2xx, 0, `${path}: every answer 2xx`);
  assert.ok(result.requests > 0);
  await fetchAfterLoad(`${BASE_URL}/robots.txt`);
  return result;
}

/**
 * A fetch after a run: wrangler's local proxy may still be closing the connections wrk dropped
 * at its deadline, so a refused connection is tried again for a few seconds.
 */
async function fetchAfterLoad(url, options) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fetch(url, options);
    } catch (error) {
      if (attempt === 0) console.log(`after the run: ${error.cause?.code ?? error.message}, trying again`);
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Resident memory (KB) of the worker's process tree, when the test runner says which it is. */
function workerMemory() {
  const root = process.env.CIVIC_WORKER_PID;
  if (!root) return null;
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Set([Number(root)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of table) if (tree.has(ppid) && !tree.has(pid)) (tree.add(pid), (grew = true));
  }
  return table.filter(([pid]) => tree.has(pid)).reduce((sum, [, , rss]) => sum + rss, 0);
}

const appealsOf = (site) => {
  const out = execFileSync(
    'node_modules/.bin/wrangler',
    ['d1', 'execute', 'DB', '--local', '--persist-to', process.env.CIVIC_PERSIST_DIR, '--json', '--command', `SELECT COUNT(*) AS n FROM appeals WHERE site_id = (SELECT id FROM sites WHERE slug = '${site}')`],
    { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  return JSON.parse(out)[0].results[0].n;
};

test('public pages, the accessible version and API reads answer every request under load', async () => {
  const before = workerMemory();
  await wrk('/s/mincifra/');
  await wrk('/s/kasimov/novosti');
  // The accessible version: its settings live in a cookie the switch sets.
  const toggle = await fetch(`${BASE_URL}/s/mincifra/_a11y?set=on&back=/s/mincifra/`, { redirect: 'manual' });
  const cookie = toggle.headers.get('set-cookie').split(';')[0];
  const accessible = await (await fetch(`${BASE_URL}/s/mincifra/`, { headers: { Cookie: cookie } })).text();
  assert.match(accessible, /Обычная версия|_a11y\?set=off/, 'the cookie gives the accessible version');
  await wrk('/s/mincifra/', { headers: [`Cookie: ${cookie}`] });
  // API reads by an outside system's token.
  const admin = await signIn(ACCOUNTS.administrator);
  const created = await admin.json('/api/tokens', { method: 'POST', body: { name: `load ${Date.now()}`, scopes: ['read'], sites: ['mincifra'] } });
  await wrk('/api/v1/sites/mincifra/document', { headers: [`Authorization: Bearer ${created.secret}`] });
  await admin.call(`/api/tokens/${created.token.id}`, { method: 'DELETE' });
  const after = workerMemory();
  if (before !== null) {
    console.log(`worker memory: ${Math.round(before / 1024)} MB before, ${Math.round(after / 1024)} MB after`);
    assert.ok(after < before * 1.5 + 64 * 1024, 'the worker’s memory stays steady');
  }
});

test('appeals sent under load are all stored', async () => {
  const site = 'mincifra';
  const before = appealsOf(site);
  // One connection per thread: the next appeal leaves only after the last one's answer, so when
  // a thread stops after its share nothing is in flight and the counts can be compared exactly.
  // Each appeal comes from its own address (the header Cloudflare sets), as from many citizens.
  const PER_THREAD = 40;
  const script = `
local counter = 0
local answered = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("id", id) end
init = function() wrk.method = "POST"; wrk.headers["Content-Type"] = "application/x-www-form-urlencoded" end
request = function()
  counter = counter + 1
  local body = "page=reception&form=appeal-form&topic=%D0%94%D1%80%D1%83%D0%B3%D0%BE%D0%B5&text=%D0%9D%D0%B0%D0%B3%D1%80%D1%83%D0%B7%D0%BE%D1%87%D0%BD%D0%B0%D1%8F+%D0%BF%D1%80%D0%BE%D0%B2%D0%B5%D1%80%D0%BA%D0%B0+" .. counter .. "&name=%D0%A2%D0%B5%D1%81%D1%82%D0%BE%D0%B2+%D0%A2%D0%B5%D1%81%D1%82&contact=load%40example.ru&consent=yes&website="
  return wrk.format(nil, nil, { ["CF-Connecting-IP"] = "10." .. wrk.thread:get("id") .. "." .. math.floor(counter / 200) .. "." .. (counter % 200 + 1) }, body)
end
response = function(status)
  answered = answered + 1
  if answered >= ${PER_THREAD} then wrk.thread:stop() end
end`;
  const result = await wrk(`/s/${site}/_obrashcheniya`, { script, connections: 2, threads: 2 });
  assert.equal(result.requests, 2 * PER_THREAD, 'each thread sent its share');
  assert.equal(appealsOf(site) - before, result.requests, 'every answered appeal is stored, none twice');
});
