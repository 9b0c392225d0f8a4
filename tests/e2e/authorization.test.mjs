// Role × action × site against the real worker, with two sites: an editor of one site can
// neither read nor change anything of the other, and learns nothing about it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const clients = {
  operator: await signIn(ACCOUNTS.operator),
  administrator: await signIn(ACCOUNTS.administrator),
  'editor of mincifra': await signIn(ACCOUNTS.editors.mincifra),
  'editor of kasimov': await signIn(ACCOUNTS.editors.kasimov),
};

/**
 * Every per-site endpoint, as a read or a change. Changes carry bodies that the server
 * refuses after authorisation (a stale version, an unknown item), so an allowed call
 * changes nothing either: the matrix only looks at whether the door opened.
 */
const endpoints = (site) => [
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/draft` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/data` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/revisions` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/revisions/1` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/collections/news` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/collections/staff` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/media` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/compliance` },
  { kind: 'appeals', method: 'GET', path: `/api/sites/${site}/appeals?all` },
  { kind: 'appeals', method: 'GET', path: `/api/sites/${site}/appeals/1999-99999` },
  { kind: 'appeals', method: 'GET', path: `/api/sites/${site}/appeals/1999-99999/files/1` },
  { kind: 'figures', method: 'GET', path: `/api/sites/${site}/appeals/figures` },
  { kind: 'support', method: 'POST', path: `/api/sites/${site}/appeals/1999-99999/support-access`, body: { reason: '' } },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/comments?all` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/visits` },
  { kind: 'edit', method: 'PUT', path: `/api/sites/${site}/draft`, body: { base_version: -1, document: {} } },
  { kind: 'edit', method: 'POST', path: `/api/sites/${site}/collections/news`, body: { title: '' } },
  { kind: 'edit', method: 'PUT', path: `/api/sites/${site}/collections/news/no-such-item`, body: { revision: 1, item: { id: 'no-such-item', title: 'x', date: '2026-01-01', summary: 'x' } } },
  { kind: 'edit', method: 'DELETE', path: `/api/sites/${site}/collections/news/no-such-item` },
  { kind: 'edit', method: 'PUT', path: `/api/sites/${site}/collections/phones`, body: { order: ['not-an-item'] } },
  { kind: 'edit', method: 'POST', path: `/api/sites/${site}/media` },
  { kind: 'edit', method: 'PATCH', path: `/api/sites/${site}/media/999999`, body: { title: 'x' } },
  { kind: 'edit', method: 'DELETE', path: `/api/sites/${site}/media/999999` },
  { kind: 'answer', method: 'PATCH', path: `/api/sites/${site}/appeals/1999-99999`, body: { action: 'register' } },
  { kind: 'answer', method: 'PUT', path: `/api/sites/${site}/appeals/1999-99999/publication`, body: { question: '', answer: '' } },
  { kind: 'edit', method: 'PATCH', path: `/api/sites/${site}/comments/999999`, body: { publish: true } },
  { kind: 'publish', method: 'POST', path: `/api/sites/${site}/publish`, body: { version: -1 } },
  { kind: 'publish', method: 'POST', path: `/api/sites/${site}/rollback`, body: { revision: -1 } },
  { kind: 'manage', method: 'PUT', path: `/api/sites/${site}/compliance`, body: { blocking: 'not a yes or no' } },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/support` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/support/999999` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/domains` },
  { kind: 'read', method: 'GET', path: `/api/sites/${site}/migration` },
  { kind: 'edit', method: 'POST', path: `/api/sites/${site}/support`, body: { category: 'accounts', subject: '', text: '' } },
  { kind: 'edit', method: 'PATCH', path: `/api/sites/${site}/support/999999`, body: { action: 'comment', comment: 'x' } },
  { kind: 'edit', method: 'POST', path: `/api/sites/${site}/import?dry_run`, body: '' },
  { kind: 'edit', method: 'POST', path: `/api/sites/${site}/collections/news/import`, body: { items: [] } },
  { kind: 'manage', method: 'POST', path: `/api/sites/${site}/domains`, body: { host: '' } },
  { kind: 'manage', method: 'GET', path: `/api/sites/${site}/backups` },
  { kind: 'manage', method: 'GET', path: `/api/sites/${site}/backups/999999` },
  { kind: 'manage', method: 'POST', path: `/api/sites/${site}/restore`, body: 'not a backup' },
];

/**
 * What each role gets on a site: 'open' (past authorisation), or the refusal status. Appeals
 * are the body's: its editors read ('appeals') and answer them; the operator and the
 * administrator see their figures; the administrator opens one only by support access.
 */
function expected(role, kind, site) {
  if (role === 'operator') return ['read', 'figures'].includes(kind) ? 'open' : 403;
  if (role === 'administrator') return ['appeals', 'answer'].includes(kind) ? 403 : 'open';
  const own = role === `editor of ${site}`;
  if (kind === 'manage' || kind === 'support') return own ? 403 : 404;
  return own ? 'open' : 404;
}

for (const site of ['mincifra', 'kasimov']) {
  for (const [role, client] of Object.entries(clients)) {
    test(`${role} on ${site}: every endpoint answers as the role allows`, async () => {
      const before = await clients.administrator.json(`/api/sites/${site}/draft`);
      for (const endpoint of endpoints(site)) {
        const res = await client.call(endpoint.path, { method: endpoint.method, body: endpoint.body });
        const body = await res.text();
        const want = expected(role, endpoint.kind, site);
        const label = `${endpoint.method} ${endpoint.path} → ${res.status} ${body.slice(0, 120)}`;
        if (want === 'open') {
          assert.ok(![401, 403].includes(res.status) && !body.includes('site_not_found'), `allowed: ${label}`);
        } else {
          assert.equal(res.status, want, `refused: ${label}`);
          if (want === 404) {
            assert.equal(JSON.parse(body).error.code, 'site_not_found', 'the same answer as for a site that does not exist');
            assert.ok(!body.includes(site === 'kasimov' ? 'Касимов' : 'Министерство'), 'nothing of the site leaks');
          }
        }
      }
      const after = await clients.administrator.json(`/api/sites/${site}/draft`);
      assert.equal(after.version, before.version, 'no call changed the draft');
    });
  }
}

test('a foreign site answers exactly like a missing one', async () => {
  const editor = clients['editor of mincifra'];
  const foreign = await editor.call('/api/sites/kasimov/draft');
  const missing = await editor.call('/api/sites/no-such-site/draft');
  assert.equal(foreign.status, missing.status);
  assert.deepEqual(await foreign.json(), await missing.json());
});

test('site lists: editors see their own sites only; the operator and the administrator all', async () => {
  const slugs = async (client) => (await client.json('/api/sites')).sites.map((s) => s.slug).sort();
  assert.deepEqual(await slugs(clients['editor of mincifra']), ['mincifra']);
  assert.deepEqual(await slugs(clients['editor of kasimov']), ['kasimov']);
  for (const role of ['operator', 'administrator']) {
    const all = await slugs(clients[role]);
    for (const slug of ['gb4', 'kasimov', 'mincifra', 'school7']) assert.ok(all.includes(slug), `${role} sees ${slug}`);
  }
});

test('platform endpoints: users and the journal are the administrator\'s alone', async () => {
  for (const [role, client] of Object.entries(clients)) {
    for (const path of ['/api/users', '/api/audit', '/api/audit?site=kasimov']) {
      const res = await client.call(path);
      assert.equal(res.status, role === 'administrator' ? 200 : 403, `${role} ${path}`);
    }
  }
});

test('platform endpoints: the holidays are read by the operator and set by the administrator; restoring into a new site is the administrator\'s', async () => {
  for (const [role, client] of Object.entries(clients)) {
    const editor = role.startsWith('editor');
    assert.equal((await client.call('/api/holidays')).status, editor ? 403 : 200, `${role} reads the holidays`);
    // Bodies the server refuses after authorisation: an allowed call changes nothing either.
    const set = await client.call('/api/holidays', { method: 'PUT', body: { year: 1, days: [] } });
    assert.equal(set.status, role === 'administrator' ? 400 : 403, `${role} sets the holidays`);
    const restore = await client.call('/api/backups/restore?slug=new-site', { method: 'POST', body: 'not a backup' });
    assert.equal(restore.status, role === 'administrator' ? 422 : 403, `${role} restores into a new site`);
  }
});

test('the dashboard of every site is the operator\'s and the administrator\'s', async () => {
  for (const [role, client] of Object.entries(clients)) {
    for (const path of ['/api/dashboard', '/api/visits']) {
      const res = await client.call(path);
      assert.equal(res.status, role.startsWith('editor') ? 403 : 200, `${role} ${path}`);
    }
  }
});

test('the journal holds no change by one site\'s editor on another site', async () => {
  const { entries } = await clients.administrator.json('/api/audit?site=kasimov');
  assert.ok(entries.every((e) => e.login !== 'editor.mincifra'));
});
