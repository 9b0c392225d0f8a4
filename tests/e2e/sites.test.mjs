// New sites from templates: only administrators create them; the template brings the
// mandatory pages; a taken address is refused; the constructor opens the new draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, launch, openConstructor, waitOrExplain } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const admin = await signIn(ACCOUNTS.administrator);
const run = Date.now().toString(36);

test('an administrator creates a school site: the template has /sveden/ and it is not public yet', async () => {
  const slug = `school-${run}`;
  const res = await admin.call('/api/sites', { method: 'POST', body: { slug, name: 'МБОУ «Средняя школа № 12»', kind: 'school' } });
  assert.equal(res.status, 201, await res.clone().text());
  const { document, version, published_revision } = await admin.json(`/api/sites/${slug}/draft`);
  assert.equal(version, 1);
  assert.equal(published_revision, null);
  const sveden = Object.values(document.pages).filter((p) => p.mandatory);
  assert.ok(sveden.some((p) => p.slug === 'sveden') && sveden.some((p) => p.slug === 'common'), 'the /sveden/ section is there');
  assert.equal((await fetch(`${BASE_URL}/s/${slug}/`)).status, 404, 'unpublished sites are not public');

  const again = await admin.call('/api/sites', { method: 'POST', body: { slug, name: 'Другая', kind: 'school' } });
  assert.equal(again.status, 409);
  const bad = await admin.call('/api/sites', { method: 'POST', body: { slug: 'Школа 12', name: 'x', kind: 'school' } });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.problems[0].path, 'slug');
});

test('editors and the operator cannot create sites', async () => {
  for (const account of [ACCOUNTS.editors.mincifra, ACCOUNTS.operator]) {
    const client = await signIn(account);
    const res = await client.call('/api/sites', { method: 'POST', body: { slug: `x-${run}`, name: 'x', kind: 'medical' } });
    assert.equal(res.status, 403);
  }
});

test('in the constructor an administrator creates a hospital site and opens it', async () => {
  const context = await launch({ bypassCSP: true });
  try {
    const page = await openConstructor(context, 'mincifra', ACCOUNTS.administrator);
    await page.getByRole('button', { name: 'Сайты', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Сайты' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const slug = `bolnica-${run}`;
    await page.getByLabel('Полное название организации (обязательно)').fill('ГБУ РО «Областная больница № 9»');
    await page.getByLabel('Адрес (обязательно)').fill(slug);
    await page.getByLabel('Вид организации').selectOption('medical');
    await page.getByRole('button', { name: 'Создать сайт по шаблону' }).click();
    await page.getByRole('status').filter({ hasText: 'Сайт создан' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'constructor-sites.png') });
    const open = page.getByRole('row', { name: new RegExp(slug) }).getByRole('link', { name: 'Открыть' });
    assert.equal(await open.getAttribute('href'), `/admin/?site=${slug}`);
    await open.click();
    await page.waitForURL(`**/admin/?site=${slug}`, { waitUntil: 'domcontentloaded' });
    await waitOrExplain(page, page.getByRole('heading', { name: 'Блоки страницы' }));
    assert.match(await page.locator('.toolbar-name').innerText(), /Областная больница № 9/);
  } finally {
    await context.close();
  }
});

test('«История публикаций»: an editor brings an earlier revision back, and visitors see it', async () => {
  const editor = await signIn(ACCOUNTS.editors.gb4);
  const publish = async (tagline) => {
    const { version, document } = await editor.json('/api/sites/gb4/draft');
    document.site.tagline = tagline;
    const saved = await (await editor.call('/api/sites/gb4/draft', { method: 'PUT', body: { base_version: version, document } })).json();
    return (await (await editor.call('/api/sites/gb4/publish', { method: 'POST', body: { version: saved.version } })).json()).revision;
  };
  const first = await publish(`Редакция А ${run}`);
  await publish(`Редакция Б ${run}`);
  const context = await launch({ bypassCSP: true });
  try {
    const page = await openConstructor(context, 'gb4');
    await page.getByRole('button', { name: 'История публикаций' }).click();
    await page.getByRole('cell', { name: 'Сейчас на сайте.' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: `Вернуть на сайт версию ${first}` }).click();
    await page.getByRole('status').filter({ hasText: `Версия ${first} снова на сайте` }).waitFor();
    const html = await (await fetch(`${BASE_URL}/s/gb4/`)).text();
    assert.ok(html.includes(`Редакция А ${run}`) && !html.includes(`Редакция Б ${run}`));
    await page.getByRole('cell', { name: `Возврат к версии ${first}.` }).waitFor();
  } finally {
    await context.close();
  }
});
