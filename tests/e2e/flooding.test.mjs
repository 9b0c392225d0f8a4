// No cheap denial of service from anonymous visitors (issue 23): every public body is read with
// a cap (chunked ones too), a flooding sender is turned away before its body is read, sign-in
// attempts are counted before the slow hash, a flooded login still lets its owner in from
// elsewhere, and rate-limit counters keep no visitor's address and are swept by the cron run.
// Each sender here has an address of its own (CF-Connecting-IP), so no other test shares its counters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BASE_URL } from '../support/browser.mjs';
import { ACCOUNTS, postLogin, signIn } from '../support/session.mjs';

const run = Date.now().toString(36);
const admin = await signIn(ACCOUNTS.administrator);
/** A documentation address (RFC 5737 / 3849) of this run's own, by number. */
const run_octet = Number.parseInt(run.slice(-2), 36) % 200;
const v4 = (n) => `198.51.${run_octet}.${n}`;

/**
 * POSTs `chunks` (Buffers) with no Content-Length (chunked), as a script would to dodge a
 * declared-length check; resolves with the status and the text of the answer.
 */
function postChunked(path, headers, chunks) {
  const url = new URL(path, BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Origin: BASE_URL, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    // The worker may answer and close before the rest is sent: that is what a cap is for.
    req.on('error', (err) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    assert.equal(req.getHeader('content-length'), undefined);
    (async () => {
      for (const chunk of chunks) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      req.end();
    })();
  });
}

/** `count` chunks of `size` bytes of `byte`. */
const chunksOf = (count, size, byte = 'a') => Array.from({ length: count }, () => Buffer.alloc(size, byte));

const form = (fields, ip, headers = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL, 'CF-Connecting-IP': ip, ...headers },
  body: new URLSearchParams(fields),
});

async function newEditor(name) {
  const account = { login: `t.flood.${name}.${run}`, password: `Проверка-${name}-${run}` };
  const res = await admin.call('/api/users', { method: 'POST', body: { ...account, name: `Тестовый ${name}`, role: 'editor', sites: ['mincifra'] } });
  assert.equal(res.status, 201, await res.clone().text());
  return account;
}

const d1 = async (sql) => {
  const dir = process.env.CIVIC_PERSIST_DIR;
  assert.ok(dir, 'CIVIC_PERSIST_DIR names the local storage the worker runs on (scripts/test.sh sets it)');
  const { stdout } = await promisify(execFile)('node_modules/.bin/wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql],
    { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  return JSON.parse(stdout)[0].results;
};

test('a sign-in body is read with a cap, chunked or not: 413 in words, the login untouched', async () => {
  const user = await newEditor('body');
  const head = Buffer.from(`{"login":"${user.login}","password":"`);
  // 1 MB sent without a length: a whole read would take it in and answer 401 after a hash.
  const res = await postChunked('/api/login', { 'Content-Type': 'application/json', 'CF-Connecting-IP': v4(1) }, [head, ...chunksOf(64, 16 * 1024)]);
  assert.equal(res.status, 413, res.body);
  const { error } = JSON.parse(res.body);
  assert.equal(error.code, 'too_large');
  assert.match(error.problems[0].message_ru, /Запрос слишком большой: не более 4 КБ/);
  assert.equal((await postLogin(user.login, user.password, { 'CF-Connecting-IP': v4(1) })).status, 200, 'the login still works');
});

test('wrong passwords sent all at once are counted before hashing: no more are checked than the limit', async () => {
  const user = await newEditor('burst');
  const answers = await Promise.all(Array.from({ length: 30 }, () => postLogin(user.login, 'Неверный-пароль-1', { 'CF-Connecting-IP': v4(2) })));
  const statuses = answers.map((res) => res.status);
  const checked = statuses.filter((s) => s === 401).length;
  assert.ok(checked <= 5, `at most five were checked, not ${checked}: ${statuses}`);
  assert.equal(statuses.filter((s) => s === 429).length, 30 - checked, `${statuses}`);
  const refused = answers.find((res) => res.status === 429);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  const { error } = await refused.json();
  assert.equal(error.code, 'too_many_attempts');
  assert.ok(error.retry_after > 0);
});

test('a sender flooding a login slows only itself: the owner signs in from elsewhere', async () => {
  const user = await newEditor('owner');
  const attacker = { 'CF-Connecting-IP': v4(3) };
  for (let i = 0; i < 5; i++) assert.equal((await postLogin(user.login, 'Неверный-пароль-1', attacker)).status, 401);
  for (let i = 0; i < 10; i++) assert.equal((await postLogin(user.login, 'Неверный-пароль-1', attacker)).status, 429);
  const flooder = await postLogin(user.login, user.password, attacker);
  assert.equal(flooder.status, 429, 'the flooding sender waits even with the right password');
  const owner = await postLogin(user.login, user.password, { 'CF-Connecting-IP': '2001:db8:77::1' });
  assert.equal(owner.status, 200, 'the owner is not locked out');
  // The same /64 is the same sender: its own wrong passwords count for the whole network.
  const sameNetwork = (n) => ({ 'CF-Connecting-IP': `2001:db8:78:0:${n.toString(16)}::1` });
  for (let i = 0; i < 5; i++) assert.equal((await postLogin(user.login, 'Неверный-пароль-1', sameNetwork(i))).status, 401);
  assert.equal((await postLogin(user.login, user.password, sameNetwork(99))).status, 429, 'another address of the same /64 waits too');
});

test('a flooding sender is turned away before its comment, vote or appeal is read', async () => {
  const comments = v4(10);
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${BASE_URL}/s/kasimov/_obsuzhdenie`, form({ page: 'documents', discussion: 'discussion', text: `Предложение ${i} ${run}`, name: 'Флуд', consent: 'yes' }, comments));
    assert.equal(res.status, 201, `comment ${i}`);
  }
  // Anything from it now, even a form with nothing in it, gets the limit, not a rendered page.
  const tooMany = await fetch(`${BASE_URL}/s/kasimov/_obsuzhdenie`, form({}, comments));
  assert.equal(tooMany.status, 429);
  assert.match(await tooMany.text(), /Слишком много предложений с этого адреса/);
  assert.equal((await fetch(`${BASE_URL}/s/kasimov/_obsuzhdenie`, form({}, v4(11)))).status, 404, 'another sender is not held up');

  const votes = v4(12);
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${BASE_URL}/s/kasimov/_opros/park-2027`, form({ option: 'no-such-answer', back: 'home' }, votes));
    assert.equal(res.status, 422, `vote ${i}`);
  }
  // Refused votes are not counted; counted ones are. Fill the counter with real votes.
  const page = await (await fetch(`${BASE_URL}/s/kasimov/`)).text();
  const option = page.match(/name="option" value="([^"]+)"/)[1];
  let counted = 0;
  for (; counted < 60; counted++) {
    const res = await fetch(`${BASE_URL}/s/kasimov/_opros/park-2027`, form({ option, back: 'home' }, votes));
    if (res.status === 429) break;
    assert.equal(res.status, 200, `vote ${counted}`);
  }
  assert.equal(counted, 50, 'fifty votes an hour from one sender');
  const vote = await fetch(`${BASE_URL}/s/kasimov/_opros/park-2027`, form({ option: 'no-such-answer' }, votes));
  assert.equal(vote.status, 429, 'over the limit nothing of the vote is looked at');
  assert.match(await vote.text(), /Слишком много голосов с этого адреса/);

  const appeals = v4(13);
  const priemnaya = await (await fetch(`${BASE_URL}/s/mincifra/priemnaya`)).text();
  const hidden = (name) => priemnaya.match(new RegExp(`type="hidden" name="${name}" value="([^"]*)"`))[1];
  const topic = priemnaya.match(/<option>([^<]+)/)[1];
  const appeal = { page: hidden('page'), form: hidden('form'), topic, text: `Прошу ответить ${run}`, name: 'Петрова Анна', contact: 'petrova@example.ru', consent: 'yes' };
  for (let i = 0; i < 20; i++) assert.equal((await fetch(`${BASE_URL}/s/mincifra/_obrashcheniya`, form(appeal, appeals))).status, 201, `appeal ${i}`);
  const blocked = await fetch(`${BASE_URL}/s/mincifra/_obrashcheniya`, form({ page: 'no-such-page' }, appeals));
  assert.equal(blocked.status, 429, 'the limit is asked before the form is looked at');
  assert.match(await blocked.text(), /Слишком много обращений с этого адреса/);
});

test('public forms read chunked bodies with a cap and say so in words', async () => {
  const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const comment = await postChunked('/s/kasimov/_obsuzhdenie', { ...urlencoded, 'CF-Connecting-IP': v4(20) }, [Buffer.from('page=documents&text='), ...chunksOf(128, 8 * 1024)]);
  assert.equal(comment.status, 413, comment.body);
  assert.match(comment.body, /Предложение слишком длинное/);
  const vote = await postChunked('/s/kasimov/_opros/park-2027', { ...urlencoded, 'CF-Connecting-IP': v4(21) }, [Buffer.from('option=1&back='), ...chunksOf(64, 8 * 1024)]);
  assert.equal(vote.status, 413, vote.body);
  assert.match(vote.body, /Голос не учтён: запрос больше 16 КБ/);
  // An appeal as multipart with no length: its text alone over every limit. Read whole, it
  // would be parsed and the form sent back filled with 11 MB of it.
  const boundary = `----civic${run}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const appeal = await postChunked('/s/mincifra/_obrashcheniya', { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'CF-Connecting-IP': v4(22) },
    [head, ...chunksOf(176, 64 * 1024), tail]);
  assert.equal(appeal.status, 413, appeal.body.slice(0, 200));
  assert.match(appeal.body, /Обращение не отправлено: текст не длиннее 20 000 символов, файлы вместе не больше 10 МБ/);
  const urlencodedAppeal = await postChunked('/s/mincifra/_obrashcheniya', { ...urlencoded, 'CF-Connecting-IP': v4(22) }, [Buffer.from('text='), ...chunksOf(32, 8 * 1024)]);
  assert.equal(urlencodedAppeal.status, 413);
});

test('rate-limit counters keep no address, treat an IPv6 network by its /64, and are swept by the cron run', async () => {
  const address = `203.0.113.${run_octet}`;
  await fetch(`${BASE_URL}/s/kasimov/_opros/park-2027`, form({ option: 'no-such-answer' }, address));
  await postLogin(`nobody.${run}`, 'Неверный-пароль-1', { 'CF-Connecting-IP': address });
  await fetch(`${BASE_URL}/s/mincifra/_obrashcheniya/status?number=2026-99999&code=NOSUCHCODE`, { headers: { 'CF-Connecting-IP': address } });
  const keys = (await d1('SELECT key FROM attempts')).map((row) => row.key);
  assert.ok(keys.length > 0);
  const clear = keys.filter((key) => key.includes(address) || key.includes('198.51.') || key.includes('2001:db8') || /\d+\.\d+\.\d+\.\d+/.test(key));
  assert.deepEqual(clear, [], 'no key names an address');
  assert.ok(keys.some((key) => /^appeal-status:[0-9a-f]{32}$/.test(key)), keys.join(' '));

  // A counter whose window is long over goes with the hourly cron run; a current one stays.
  const old = `sweep-test:${run}`;
  await d1(`INSERT INTO attempts (key, window_start, failures) VALUES ('${old}', ${Math.floor(Date.now() / 1000) - 2 * 86400}, 3)`);
  const current = keys.length;
  assert.equal((await fetch(`${BASE_URL}/__scheduled?cron=${encodeURIComponent('17 * * * *')}`)).status, 200);
  assert.equal((await d1(`SELECT count(*) AS n FROM attempts WHERE key = '${old}'`))[0].n, 0, 'the expired counter is gone');
  assert.ok((await d1('SELECT count(*) AS n FROM attempts'))[0].n >= current, 'current counters stay');
});
