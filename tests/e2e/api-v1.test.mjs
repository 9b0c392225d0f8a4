// The API for outside systems (/api/v1) against the real worker: token lifecycle, scopes,
// sites outside a token's list, idempotent POSTs, cursor pagination, problem details, and
// the refusal of session cookies. Writes go to gb4 and are removed again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, launch, openConstructor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';

let admin;
before(async () => {
  admin = await signIn(ACCOUNTS.administrator);
});

/** Creates a token through the administrator's cookie API; returns `{ secret, token }`. */
async function createToken(body) {
  const res = await admin.call('/api/tokens', { method: 'POST', body: { name: `e2e ${Date.now()}`, ...body } });
  assert.equal(res.status, 201, await res.clone().text());
  return res.json();
}

/** A client of /api/v1 holding `secret`. */
function v1(secret) {
  const call = (path, { method = 'GET', body, headers = {} } = {}) =>
    fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: {
        ...(secret ? { Authorization: `Bearer ${secret}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { call, json: async (path, options) => (await call(path, options)).json() };
}

/** Checks the RFC 9457 shape and returns the problem. */
async function problem(res, status) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  const body = await res.json();
  for (const field of ['type', 'title', 'status', 'detail', 'instance', 'code']) assert.ok(field in body, `${field} in ${JSON.stringify(body)}`);
  assert.equal(body.status, status);
  assert.equal(body.type, `urn:civic:problem:${body.code}`);
  return body;
}

test('a token\'s sites come a page at a time, by name, each exactly once', async () => {
  const slugs = ['mincifra', 'kasimov', 'school7', 'gb4'];
  const { secret } = await createToken({ scopes: ['read'], sites: slugs });
  const client = v1(secret);
  const whole = await client.json('/sites?limit=100');
  assert.deepEqual(whole.items.map((s) => s.slug).sort(), [...slugs].sort());
  const seen = [];
  for (let cursor = null, first = true; first || cursor; first = false) {
    const page = await client.json(`/sites?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.items.length <= 1);
    seen.push(...page.items.map((s) => s.slug));
    cursor = page.next_cursor;
  }
  assert.deepEqual(seen, whole.items.map((s) => s.slug), 'the pages, one after another, are the whole list');
});

const news = (title) => ({ title, date: '2026-11-23', summary: 'Проверка API для внешних систем.' });

test('a token is created, listed without its secret, used, revoked, and refused at once', async () => {
  const { secret, token } = await createToken({ scopes: ['read'], sites: ['mincifra'] });
  assert.match(secret, /^civic_[A-Za-z0-9_-]{43}$/);
  assert.equal(token.hint, secret.slice(0, 10));
  const client = v1(secret);
  const sites = await client.json('/sites');
  assert.deepEqual(sites.items.map((s) => s.slug), ['mincifra']);
  assert.equal(sites.next_cursor, null);

  const { tokens } = await admin.json('/api/tokens');
  const listed = tokens.find((t) => t.id === token.id);
  assert.deepEqual(listed.scopes, ['read']);
  assert.deepEqual(listed.sites, ['mincifra']);
  assert.ok(listed.last_used_at > 0, 'the use is noted');
  assert.ok(!JSON.stringify(tokens).includes(secret), 'the secret is never listed');

  const revoke = await admin.call(`/api/tokens/${token.id}`, { method: 'DELETE' });
  assert.equal(revoke.status, 200);
  const refused = await client.call('/sites');
  const body = await problem(refused, 401);
  assert.equal(body.code, 'invalid_token');
  assert.match(refused.headers.get('www-authenticate'), /^Bearer realm="civic", error="invalid_token"/);

  const { entries } = await admin.json('/api/audit');
  const actions = entries.filter((e) => e.login === 'admin').map((e) => e.action);
  assert.ok(actions.includes('token.create') && actions.includes('token.revoke'), actions.join());
});

test('an expired token is refused as soon as it expires', async () => {
  const expiresAt = Math.floor(Date.now() / 1000) + 2;
  const { secret } = await createToken({ scopes: ['read'], sites: ['mincifra'], expires_at: expiresAt });
  const client = v1(secret);
  assert.equal((await client.call('/sites')).status, 200);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt * 1000 - Date.now()) + 1100));
  await problem(await client.call('/sites'), 401);
});

test('only administrators manage tokens, and a token needs read, sites that exist and a future expiry', async () => {
  for (const account of [ACCOUNTS.operator, ACCOUNTS.editors.gb4]) {
    const client = await signIn(account);
    assert.equal((await client.call('/api/tokens')).status, 403, account.login);
    const post = await client.call('/api/tokens', { method: 'POST', body: { name: 'x', scopes: ['read'], sites: ['gb4'] } });
    assert.equal(post.status, 403, account.login);
  }
  const refusals = [
    [{ name: 'x', scopes: ['write'], sites: ['gb4'] }, 'scopes'],
    [{ name: 'x', scopes: ['read'], sites: ['no-such-site'] }, 'sites'],
    [{ name: 'x', scopes: ['read'], sites: [] }, 'sites'],
    [{ name: ' ', scopes: ['read'], sites: ['gb4'] }, 'name'],
    [{ name: 'x', scopes: ['read'], sites: ['gb4'], expires_at: 1 }, 'expires_at'],
  ];
  for (const [body, path] of refusals) {
    const res = await admin.call('/api/tokens', { method: 'POST', body });
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.equal((await res.json()).error.problems[0].path, path);
  }
});

test('scopes: a read-only token reads but cannot write or publish', async () => {
  const { secret } = await createToken({ scopes: ['read'], sites: ['gb4'] });
  const client = v1(secret);
  const draft = await client.json('/sites/gb4/document');
  assert.ok(draft.version >= 1 && draft.document.schema_version === 2);
  const save = await client.call('/sites/gb4/document', { method: 'PUT', body: { base_version: draft.version, document: draft.document } });
  const body = await problem(save, 403);
  assert.equal(body.code, 'insufficient_scope');
  assert.match(save.headers.get('www-authenticate'), /error="insufficient_scope", scope="write"/);
  await problem(await client.call('/sites/gb4/collections/news', { method: 'POST', body: news('нельзя') }), 403);
  await problem(await client.call('/sites/gb4/publish', { method: 'POST', body: { version: draft.version } }), 403);
  assert.equal((await client.json('/sites/gb4/document')).version, draft.version, 'nothing changed');
});

test("a token of one site gets 404 for another, exactly as for a site that does not exist", async () => {
  const { secret } = await createToken({ scopes: ['read', 'write', 'publish'], sites: ['gb4'] });
  const client = v1(secret);
  for (const [method, path, body] of [
    ['GET', '/sites/mincifra'],
    ['GET', '/sites/mincifra/document'],
    ['GET', '/sites/mincifra/revisions'],
    ['GET', '/sites/mincifra/collections/news'],
    ['POST', '/sites/mincifra/collections/news', news('чужой сайт')],
    ['POST', '/sites/mincifra/publish', { version: 1 }],
  ]) {
    const foreign = await problem(await client.call(path, { method, body }), 404);
    const missing = await problem(await client.call(path.replace('mincifra', 'no-such-site'), { method, body }), 404);
    assert.deepEqual({ ...foreign, instance: '' }, { ...missing, instance: '' }, `${method} ${path}`);
    assert.equal(foreign.code, 'site_not_found');
  }
  assert.deepEqual((await client.json('/sites')).items.map((s) => s.slug), ['gb4']);
});

test('session cookies open nothing under /api/v1, CSRF token or not', async () => {
  const res = await admin.call('/api/v1/sites', { headers: { 'X-CSRF-Token': admin.csrf } });
  const body = await problem(res, 401);
  assert.equal(body.code, 'unauthenticated');
  assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="civic"');
  const write = await admin.call('/api/v1/sites/gb4/collections/news', { method: 'POST', body: news('через cookie') });
  await problem(write, 401);
});

test('a POST with an Idempotency-Key runs once; the same key with another body is refused', async () => {
  const { secret } = await createToken({ scopes: ['read', 'write', 'publish'], sites: ['gb4'] });
  const client = v1(secret);
  const key = `e2e-${Date.now()}`;
  const count = async () => {
    let total = 0;
    for (let cursor = null, first = true; first || cursor; first = false) {
      const page = await client.json(`/sites/gb4/collections/news?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      total += page.items.length;
      cursor = page.next_cursor;
    }
    return total;
  };
  const itemsBefore = await count();
  const post = () => client.call('/sites/gb4/collections/news', { method: 'POST', body: news('Идемпотентность'), headers: { 'Idempotency-Key': key } });
  const first = await post();
  assert.equal(first.status, 201);
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const created = await first.json();
  assert.equal(first.headers.get('location'), `/api/v1/sites/gb4/collections/news/${created.item.id}`);
  const again = await post();
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.headers.get('location'), first.headers.get('location'));
  assert.deepEqual(await again.json(), created);
  assert.equal(await count(), itemsBefore + 1, 'one item, not two');

  const other = await client.call('/sites/gb4/collections/news', { method: 'POST', body: news('Другой текст'), headers: { 'Idempotency-Key': key } });
  assert.equal((await problem(other, 422)).code, 'idempotency_key_reused');
  // Keys belong to one token: another token's same key is a new request.
  const { secret: second } = await createToken({ scopes: ['read', 'write'], sites: ['gb4'] });
  const elsewhere = await v1(second).call('/sites/gb4/collections/news', { method: 'POST', body: news('Идемпотентность'), headers: { 'Idempotency-Key': key } });
  assert.equal(elsewhere.status, 201);
  assert.equal(elsewhere.headers.get('idempotent-replayed'), null);
  const secondItem = (await elsewhere.json()).item.id;

  // Publishing twice with one key makes one revision.
  const { version } = await client.json('/sites/gb4/document');
  const before = (await client.json('/sites/gb4/revisions?limit=1')).items[0].revision;
  const publish = () => client.call('/sites/gb4/publish', { method: 'POST', body: { version }, headers: { 'Idempotency-Key': `${key}-publish` } });
  const published = await (await publish()).json();
  const replayed = await publish();
  assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(await replayed.json(), published);
  assert.equal(published.revision, before + 1, 'one revision, not two');
  const revisions = await client.json('/sites/gb4/revisions?limit=2');
  assert.equal(revisions.published_revision, published.revision);
  assert.equal(revisions.items[0].revision, published.revision);
  assert.match(revisions.items[0].published_by, /^api#\d+ e2e /);

  for (const id of [created.item.id, secondItem]) {
    assert.equal((await client.call(`/sites/gb4/collections/news/${id}`, { method: 'DELETE' })).status, 204);
  }
  await problem(await client.call(`/sites/gb4/collections/news/${created.item.id}`), 404);
  await problem(await client.call('/sites/gb4/collections/news', { method: 'POST', body: news('x'), headers: { 'Idempotency-Key': 'k'.repeat(256) } }), 400);
});

test('cursor pagination walks every item exactly once while items are added', async () => {
  const { secret } = await createToken({ scopes: ['read', 'write'], sites: ['gb4'] });
  const client = v1(secret);
  const all = async (collection) => {
    const ids = [];
    for (let cursor = null, first = true; first || cursor; first = false) {
      const page = await client.json(`/sites/gb4/collections/${collection}?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.map((s) => s.item.id));
      cursor = page.next_cursor;
    }
    return ids;
  };
  const added = [];
  for (const collection of ['staff', 'news']) {
    const original = await all(collection);
    assert.ok(original.length >= 4, `${collection}: ${original.length}`);
    const seen = [];
    let cursor = null;
    let pages = 0;
    do {
      const res = await client.call(`/sites/gb4/collections/${collection}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200);
      const page = await res.json();
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((s) => s.item.id));
      cursor = page.next_cursor;
      pages += 1;
      // Someone adds an item between two pages: one sorting first, so before the cursor.
      const item = collection === 'staff'
        ? { name: `Новый сотрудник ${pages}`, position: 'Специалист' }
        : { ...news(`Вставка ${pages}`), date: '2026-12-31' };
      const post = await client.call(`/sites/gb4/collections/${collection}`, { method: 'POST', body: item });
      assert.equal(post.status, 201);
      added.push([collection, (await post.json()).item.id]);
    } while (cursor);
    assert.ok(pages > 1, 'more than one page');
    for (const id of original) assert.equal(seen.filter((s) => s === id).length, 1, `${collection} ${id} seen once`);
    assert.equal(new Set(seen).size, seen.length, 'nothing seen twice');
  }
  const sites = await client.call('/sites?limit=0');
  assert.deepEqual((await problem(sites, 400)).errors.map((e) => e.path), ['limit']);
  const foreign = await client.json('/sites/gb4/revisions?limit=1');
  if (foreign.next_cursor) {
    const wrong = await client.call(`/sites/gb4/collections/news?cursor=${foreign.next_cursor}`);
    assert.deepEqual((await problem(wrong, 400)).errors.map((e) => e.path), ['cursor'], "one list's cursor is refused by another");
  }
  for (const [collection, id] of added) {
    assert.equal((await client.call(`/sites/gb4/collections/${collection}/${id}`, { method: 'DELETE' })).status, 204);
  }
});

test('problems are RFC 9457, in Russian unless English is preferred, with the fields at fault', async () => {
  const { secret } = await createToken({ scopes: ['read', 'write'], sites: ['gb4'] });
  const client = v1(secret);
  const bad = { title: '', date: '2026-02-30', summary: 'x' };
  const ru = await problem(await client.call('/sites/gb4/collections/news', { method: 'POST', body: bad }), 422);
  assert.equal(ru.code, 'invalid_item');
  assert.equal(ru.title, 'Запись не прошла проверку');
  assert.equal(ru.instance, '/api/v1/sites/gb4/collections/news');
  assert.deepEqual(ru.errors.map((e) => e.path), ['title', 'date']);
  assert.match(ru.errors[1].message, /ГГГГ-ММ-ДД/);
  const res = await client.call('/sites/gb4/collections/news', { method: 'POST', body: bad, headers: { 'Accept-Language': 'en-GB,en;q=0.9,ru;q=0.5' } });
  assert.equal(res.headers.get('content-language'), 'en');
  const en = await problem(res, 422);
  assert.equal(en.title, 'Invalid item');
  assert.match(en.errors[1].message, /YYYY-MM-DD/);

  // A stale save names the current version and changes nothing.
  const draft = await client.json('/sites/gb4/document');
  const saved = await client.call('/sites/gb4/document', { method: 'PUT', body: { base_version: draft.version, document: draft.document } });
  assert.equal(saved.status, 200);
  assert.deepEqual(await saved.json(), { version: draft.version + 1 });
  const stale = await problem(await client.call('/sites/gb4/document', { method: 'PUT', body: { base_version: draft.version, document: draft.document } }), 409);
  assert.equal(stale.code, 'stale_version');
  assert.equal(stale.current_version, draft.version + 1);

  const wrongMethod = await client.call('/sites/gb4/revisions', { method: 'DELETE' });
  await problem(wrongMethod, 405);
  assert.equal(wrongMethod.headers.get('allow'), 'GET');
  assert.equal((await problem(await client.call('/nowhere'), 404)).code, 'not_found');
});

test('the OpenAPI document is served without a token, as checked in', async () => {
  const res = await fetch(`${BASE_URL}/api/v1/openapi.json`);
  assert.equal(res.status, 200);
  const served = await res.json();
  const file = JSON.parse(readFileSync(new URL('../../edge/openapi.v1.json', import.meta.url), 'utf8'));
  assert.deepEqual(served, file);
  assert.equal(served.openapi, '3.1.0');
});

test('«Токены API» in the constructor: issue a token, see its secret once, use it, revoke it', async () => {
  const context = await launch({ bypassCSP: true });
  try {
    const page = await openConstructor(context, 'gb4', ACCOUNTS.administrator);
    await page.getByRole('button', { name: 'Токены API', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Токены API' }).waitFor();
    await page.getByRole('button', { name: '+ Новый токен' }).click();
    const name = `Загрузка новостей ${Date.now()}`;
    await page.getByLabel('Для чего токен (обязательно)').fill(name);
    await page.getByRole('button', { name: 'Выпустить токен' }).click();
    await page.getByText('выберите хотя бы один сайт').waitFor();
    await page.getByRole('checkbox', { name: /Городская клиническая больница/ }).check();
    await page.getByRole('checkbox', { name: 'запись' }).check();
    await page.getByRole('button', { name: 'Выпустить токен' }).click();
    await page.getByRole('status').filter({ hasText: 'Токен выпущен' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'constructor-tokens.png') });
    const secret = await page.getByLabel('Токен (показывается один раз)').inputValue();
    assert.match(secret, /^civic_/);
    const client = v1(secret);
    assert.deepEqual((await client.json('/sites')).items.map((s) => s.slug), ['gb4']);

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: `Отозвать ${name}` }).click();
    await page.getByRole('status').filter({ hasText: 'Токен отозван' }).waitFor();
    await page.getByRole('row', { name: new RegExp(name) }).getByText('Отозван').waitFor();
    await problem(await client.call('/sites'), 401);
  } finally {
    await context.close();
  }
});
