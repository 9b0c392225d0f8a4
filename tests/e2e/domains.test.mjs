// An organisation's own domain: an administrator adds it to school No. 7 in «Сайты» → «Домен»,
// sees the TXT record to create, is refused while it is missing, puts it in (the local DNS the
// worker reads when DOMAIN_VERIFIER = "local"), checks again, and the site is served on the
// domain while its platform addresses redirect there. Removed, the domain 404s and /s/school7/
// serves again. Other tests use /s/<slug>/: no domain is left behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';
import { get } from '../support/http.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const HOST = 'shkola7.example';
const PORT = new URL(BASE_URL).port;
const pool = contextPool();
const admin = await signIn(ACCOUNTS.administrator);

/** Runs SQL on the worker's local D1, as an organisation's DNS zone would be edited. */
function d1(sql) {
  const dir = process.env.CIVIC_PERSIST_DIR;
  assert.ok(dir, 'CIVIC_PERSIST_DIR names the local storage the worker runs on (scripts/test.sh sets it)');
  const out = execFileSync('node_modules/.bin/wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql],
    { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.toString())[0].results;
}

async function removeEverything() {
  for (const site of ['school7', 'gb4']) {
    const { domains = [] } = await admin.json(`/api/sites/${site}/domains`);
    for (const { host } of domains) await admin.call(`/api/sites/${site}/domains/${host}`, { method: 'DELETE' });
  }
  d1("DELETE FROM local_dns_records WHERE name LIKE '_civic.%'");
}
before(removeEverything);
after(removeEverything);

const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)?.[1];

test('an administrator binds shkola7.example to school7: refused without the TXT record, served with it, removed again', async () => {
  const before = await get('/s/school7/');
  assert.equal(before.status, 200);
  const title = titleOf(before.body);
  assert.ok(title, 'the home page has a title');
  assert.equal((await get('/', { Host: `${HOST}:${PORT}` })).status, 404, 'an unbound domain is no site');

  const context = await pool.open({ bypassCSP: true });
  const page = await openConstructor(context, 'school7', ACCOUNTS.administrator);
  await page.getByRole('button', { name: 'Сайты', exact: true }).click();
  await page.getByRole('row', { name: /school7/ }).getByRole('button', { name: 'Домен', exact: true }).click();
  const panel = page.locator('section.domains-panel');
  await panel.getByRole('heading', { name: /^Домен сайта: / }).waitFor();
  await page.getByLabel('Домен организации').fill('https://Shkola7.Example/');
  await page.getByRole('button', { name: 'Добавить домен' }).click();
  await panel.getByRole('status').filter({ hasText: 'добавлен' }).waitFor();

  const txt = panel.getByRole('row', { name: /^TXT/ });
  const [txtName, txtValue] = await txt.locator('code').allInnerTexts();
  assert.equal(txtName, `_civic.${HOST}`);
  assert.match(txtValue, /^civic-verify=[0-9a-f]{32}$/);
  assert.deepEqual(await panel.getByRole('row', { name: /^CNAME/ }).locator('code').allInnerTexts(), [HOST, 'school7.civic.localhost']);
  assert.match(await panel.locator('.domain-status').innerText(), /ожидает записи DNS/);

  // The record is not there yet: the check is refused, and its result stays on the domain.
  await page.getByRole('button', { name: `Проверить домен ${HOST}` }).click();
  await panel.getByRole('alert').filter({ hasText: 'Запись TXT не найдена' }).waitFor();
  await panel.locator('.domain-error').filter({ hasText: `создайте у регистратора запись _civic.${HOST} со значением ${txtValue}` }).waitFor();
  await panel.getByText(/^Последняя проверка: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/).waitFor();
  assert.match(await panel.locator('.domain-status').innerText(), /ожидает записи DNS/);
  assert.equal((await get('/s/school7/')).status, 200, 'the site stays at its platform address meanwhile');
  assert.equal((await get('/', { Host: HOST })).status, 404);

  // The organisation creates the record; the check now finds it.
  d1(`INSERT INTO local_dns_records (name, type, value) VALUES ('${txtName}', 'TXT', '${txtValue}')`);
  await page.getByRole('button', { name: `Проверить домен ${HOST}` }).click();
  await panel.getByRole('status').filter({ hasText: `Домен ${HOST} подтверждён` }).waitFor();
  assert.match(await panel.locator('.domain-status').innerText(), /действует/);
  assert.equal(await panel.locator('.domain-error').count(), 0, 'no error is left from the failed check');
  assert.deepEqual(await axeViolations(page), []);
  await panel.screenshot({ path: join(ARTIFACTS, 'constructor-domains.png') });

  // The site is served on the domain, at its root, with its files.
  const home = await get('/', { Host: `${HOST}:${PORT}` });
  assert.equal(home.status, 200);
  assert.equal(titleOf(home.body), title, 'the home page of school7');
  assert.equal((await get('/sveden/common', { Host: HOST })).status, 200);
  const robots = await get('/robots.txt', { Host: `${HOST}:${PORT}` });
  assert.match(robots.body, new RegExp(`Sitemap: http://${HOST}:${PORT}/sitemap\\.xml`));
  assert.match((await get('/sitemap.xml', { Host: `${HOST}:${PORT}` })).body, new RegExp(`<loc>http://${HOST}:${PORT}/sveden/common</loc>`));
  const a11y = await get('/_a11y?set=on&back=/sveden/common', { Host: `${HOST}:${PORT}` });
  assert.equal(a11y.status, 303);
  assert.equal(new URL(a11y.headers.location).pathname, '/sveden/common');
  assert.equal((await get('/api/session', { Host: HOST })).status, 404, 'no constructor API on an organisation\'s domain');

  // Its platform addresses send visitors there, path and query kept.
  const moved = await get('/s/school7/sveden/common?from=old');
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.location, `http://${HOST}:${PORT}/sveden/common?from=old`);
  const bySubdomain = await get('/kontakty', { Host: 'school7.civic.localhost' });
  assert.equal(bySubdomain.status, 301);
  assert.equal(bySubdomain.headers.location, `http://${HOST}/kontakty`);
  assert.equal((await get('/s/gb4/')).status, 200, 'other sites are untouched');

  // A browser follows the redirect to the domain and gets the site.
  const visitor = await pool.open({ args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  const tab = await visitor.newPage();
  await tab.goto(`${BASE_URL}/s/school7/`);
  assert.equal(tab.url(), `http://${HOST}:${PORT}/`);
  assert.equal(await tab.title(), title);

  // The domain belongs to school7 only; editors cannot bind domains.
  const taken = await admin.call('/api/sites/gb4/domains', { method: 'POST', body: { host: 'SHKOLA7.example' } });
  assert.equal(taken.status, 409);
  assert.equal((await taken.json()).error.problems[0].message_ru, 'Домен уже привязан к другому сайту');
  const editor = await signIn(ACCOUNTS.editors.school7);
  assert.equal((await editor.call('/api/sites/school7/domains', { method: 'POST', body: { host: 'other.example' } })).status, 403);
  assert.equal((await editor.call(`/api/sites/school7/domains/${HOST}`, { method: 'DELETE' })).status, 403);

  // Removal, after a confirmation: the domain is no site any more, /s/school7/ serves again.
  page.once('dialog', (dialog) => {
    assert.match(dialog.message(), /Удалить домен shkola7\.example\?/);
    dialog.accept();
  });
  await page.getByRole('button', { name: `Удалить домен ${HOST}` }).click();
  await panel.getByRole('status').filter({ hasText: `Домен ${HOST} удалён` }).waitFor();
  await panel.getByText('У сайта нет своего домена: он открывается по адресу school7.civic.localhost.').waitFor();
  assert.equal((await get('/', { Host: `${HOST}:${PORT}` })).status, 404);
  const again = await get('/s/school7/');
  assert.equal(again.status, 200);
  assert.equal(titleOf(again.body), title);

  const { entries } = await admin.json('/api/audit?site=school7');
  const actions = entries.filter((e) => e.detail.startsWith(HOST)).map((e) => e.action);
  assert.deepEqual(actions.slice(0, 4), ['domain.remove', 'domain.verify', 'domain.verify', 'domain.add']);
});

test('a Cyrillic .рф domain is kept in its punycode form; a platform address or an IP cannot be bound', async () => {
  const added = await admin.call('/api/sites/school7/domains', { method: 'POST', body: { host: 'Школа7.РФ' } });
  assert.equal(added.status, 201, await added.clone().text());
  const domain = (await added.json()).domains.find((d) => d.host_unicode === 'школа7.рф');
  assert.equal(domain.host, 'xn--7-7sb3aeo2d.xn--p1ai');
  assert.equal(domain.host_unicode, 'школа7.рф');
  assert.equal(domain.records[0].name, '_civic.xn--7-7sb3aeo2d.xn--p1ai');
  // Either form names it in the address.
  const removed = await admin.call(`/api/sites/school7/domains/${encodeURIComponent('школа7.рф')}`, { method: 'DELETE' });
  assert.equal(removed.status, 200);
  assert.deepEqual((await removed.json()).domains, []);

  for (const [host, message] of [['gb4.civic.localhost', /адрес самой платформы/], ['10.0.0.7', /не IP-адрес/], ['школа', /с зоной/]]) {
    const res = await admin.call('/api/sites/school7/domains', { method: 'POST', body: { host } });
    assert.equal(res.status, 422, host);
    assert.match((await res.json()).error.problems[0].message_ru, message, host);
  }
});
