// Privacy of citizens' appeals (59-FZ, 152-FZ; issue 23): an appeal belongs to the body it was
// sent to. Its editors read and answer it; the operator and administrators see figures only;
// an administrator opens one appeal only through the journaled support access, for a limited
// time; and the consent to processing personal data is recorded with the appeal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const SITE = 'kasimov';
const pool = contextPool();
const editor = await signIn(ACCOUNTS.editors[SITE]);
const administrator = await signIn(ACCOUNTS.administrator);
const operator = await signIn(ACCOUNTS.operator);

/** Sends an appeal through the site's form, as a browser without script does; its number. */
async function sendAppeal(text, name) {
  const page = await fetch(`${BASE_URL}/s/${SITE}/priemnaya`).then((r) => r.text());
  const [, pageId, formId] = page.match(/name="page" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"/);
  const res = await fetch(`${BASE_URL}/s/${SITE}/_obrashcheniya`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
    body: new URLSearchParams({ page: pageId, form: formId, topic: 'ЖКХ', text, name, contact: 'citizen@example.ru', consent: 'yes' }),
  });
  assert.equal(res.status, 201, 'the appeal is accepted');
  return (await res.text()).match(/Номер обращения\s*<\/dt>\s*<dd>(\d{4}-\d{5})/)[1];
}

function d1(sql) {
  const dir = process.env.CIVIC_PERSIST_DIR;
  assert.ok(dir, 'CIVIC_PERSIST_DIR names the local storage the worker runs on (scripts/test.sh sets it)');
  return JSON.parse(execFileSync('node_modules/.bin/wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql],
    { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString())[0].results;
}

const text = 'Прошу проверить начисления за отопление в доме 5 по ул. Садовой.';
const name = 'Григорьева Светлана Павловна';
const number = await sendAppeal(text, name);

test('the site\'s editor reads the appeal, with the consent it was sent under and when', async () => {
  const { appeals } = await editor.json(`/api/sites/${SITE}/appeals`);
  assert.ok(appeals.some((a) => a.number === number && a.text === text), 'the inbox holds it');
  const res = await editor.call(`/api/sites/${SITE}/appeals/${number}`);
  assert.equal(res.status, 200);
  const { appeal } = await res.json();
  assert.equal(appeal.name, name);
  assert.equal(appeal.consent.version, 'pd-2026-1', 'the version of the wording the form showed');
  assert.ok(Math.abs(Date.parse(appeal.consent.given_at) - Date.now()) < 5 * 60 * 1000, `given just now: ${appeal.consent.given_at}`);
  const [stored] = d1(`SELECT consent_version, consent_at FROM appeals WHERE number = '${number}' AND site_id = (SELECT id FROM sites WHERE slug = '${SITE}')`);
  assert.deepEqual(stored, { consent_version: 'pd-2026-1', consent_at: appeal.consent.given_at }, 'kept in D1 with the appeal');
});

test('the operator sees the site\'s appeals as figures, and nothing of any appeal', async () => {
  for (const path of [`/api/sites/${SITE}/appeals`, `/api/sites/${SITE}/appeals?all`, `/api/sites/${SITE}/appeals/${number}`, `/api/sites/${SITE}/appeals/${number}/files/1`]) {
    const res = await operator.call(path);
    const body = await res.text();
    assert.equal(res.status, 403, `${path}: ${body}`);
    assert.ok(!body.includes(name) && !body.includes(text), `${path} leaks nothing`);
  }
  const figures = await operator.json(`/api/sites/${SITE}/appeals/figures`);
  assert.ok(figures.open >= 1 && figures.awaiting_registration >= 1, JSON.stringify(figures).slice(0, 200));
  for (const appeal of figures.overdue) assert.deepEqual(Object.keys(appeal).sort(), ['days_over', 'due', 'number', 'status', 'topic']);
  // Nor in the dashboard, the migration overview or its CSV.
  for (const path of ['/api/sites/' + SITE + '/appeals/figures', '/api/dashboard', '/api/migration', '/api/migration/overview.csv']) {
    const body = await (await operator.call(path)).text();
    assert.ok(!body.includes(name) && !body.includes(text) && !body.includes('citizen@example.ru'), `${path} carries no name, text or contact`);
  }
  assert.equal((await operator.call(`/api/sites/${SITE}/appeals/${number}/support-access`, { method: 'POST', body: { reason: 'Хочу посмотреть обращение' } })).status, 403);
});

test('an administrator opens one appeal only through the journaled support access, for a limited time', async () => {
  const refused = await administrator.call(`/api/sites/${SITE}/appeals/${number}`);
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, 'support_access_required');
  assert.equal((await administrator.call(`/api/sites/${SITE}/appeals/${number}/files/1`)).status, 403);
  assert.ok((await administrator.json(`/api/sites/${SITE}/appeals/figures`)).open >= 1, 'figures, as the operator');

  const open = (reason, at = number) => administrator.call(`/api/sites/${SITE}/appeals/${at}/support-access`, { method: 'POST', body: { reason } });
  assert.equal((await open('надо')).status, 400, 'a reason is required');
  assert.equal((await open('Проверка по заявке в поддержку', '1999-99999')).status, 404, 'no such appeal');
  const reason = 'Заявка в поддержку: заявитель не видит ответ на странице статуса';
  const granted = await open(reason);
  assert.equal(granted.status, 200);
  const access = await granted.json();
  assert.equal(access.number, number);
  const left = access.expires_at - Date.now() / 1000;
  assert.ok(left > 50 * 60 && left <= 60 * 60 + 5, `an hour: ${left} s`);

  const { appeal } = await administrator.json(`/api/sites/${SITE}/appeals/${number}`);
  assert.equal(appeal.text, text, 'that one appeal opens');
  const { entries } = await administrator.json(`/api/audit?site=${SITE}`);
  const entry = entries.find((e) => e.action === 'appeal.support_access');
  assert.ok(entry && entry.login === 'admin' && entry.detail.includes(number) && entry.detail.includes(reason), JSON.stringify(entry));

  // Nothing else opens: not the inbox, not another appeal, not an action.
  const other = (await editor.json(`/api/sites/${SITE}/appeals?all`)).appeals.find((a) => a.number !== number).number;
  assert.equal((await administrator.call(`/api/sites/${SITE}/appeals`)).status, 403, 'the inbox stays closed');
  assert.equal((await administrator.call(`/api/sites/${SITE}/appeals/${other}`)).status, 403, 'another appeal stays closed');
  assert.equal((await administrator.call(`/api/sites/${SITE}/appeals/${number}`, { method: 'PATCH', body: { action: 'register' } })).status, 403, 'support reads, the body answers');
  assert.equal((await administrator.call(`/api/sites/gb4/appeals/${number}`)).status, 403, 'the same number on another site stays closed');

  // Once the access has run out, the appeal is closed again.
  d1(`UPDATE appeal_support_access SET expires_at = ${Math.floor(Date.now() / 1000) - 1}`);
  assert.equal((await administrator.call(`/api/sites/${SITE}/appeals/${number}`)).status, 403, 'an access that ran out opens nothing');
});

test('editors of the site may not use support access, editors of other sites learn nothing', async () => {
  const body = { reason: 'Проверка доступа к обращению' };
  assert.equal((await editor.call(`/api/sites/${SITE}/appeals/${number}/support-access`, { method: 'POST', body })).status, 403);
  const stranger = await signIn(ACCOUNTS.editors.school7);
  for (const [path, method] of [[`/api/sites/${SITE}/appeals/${number}`, 'GET'], [`/api/sites/${SITE}/appeals/figures`, 'GET'], [`/api/sites/${SITE}/appeals/${number}/support-access`, 'POST']]) {
    const res = await stranger.call(path, { method, body: method === 'POST' ? body : undefined });
    assert.equal(res.status, 404, `${method} ${path}`);
    assert.equal((await res.json()).error.code, 'site_not_found');
  }
});

/** Opens «Обращения» in the constructor as `account` at `width` px. */
async function openInbox(account, width) {
  const context = await pool.open({ bypassCSP: true, viewport: { width, height: 900 } });
  const page = await openConstructor(context, SITE, account);
  await page.getByRole('button', { name: 'Обращения', exact: true }).click();
  await page.getByRole('heading', { name: 'Обращения', level: 2 }).waitFor();
  return page;
}

test('in the constructor the operator sees the figures only, and no appeal', async () => {
  for (const width of [1366, 390]) {
    const page = await openInbox(ACCOUNTS.operator, width);
    await page.getByRole('heading', { name: 'Обращения в цифрах' }).waitFor();
    await page.locator('.appeal-figures dd').first().waitFor();
    const shown = await page.locator('main').innerText();
    assert.ok(!shown.includes(name) && !shown.includes(text), 'no name, no text');
    assert.equal(await page.locator('li.appeal[data-appeal]').count(), 0, 'no appeal cards');
    assert.equal(await page.getByRole('heading', { name: 'Доступ для поддержки' }).count(), 0, 'support access is the administrator\'s');
    assert.deepEqual(await axeViolations(page), [], `the operator's figures at ${width} px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no horizontal scroll at ${width} px`);
    await page.screenshot({ path: join(ARTIFACTS, `appeals-operator-${width}.png`), fullPage: true });
  }
});

test('in the constructor an administrator opens one appeal for support with a reason, and reads it', async () => {
  for (const width of [1366, 390]) {
    const page = await openInbox(ACCOUNTS.administrator, width);
    await page.getByRole('heading', { name: 'Доступ для поддержки' }).waitFor();
    assert.equal(await page.locator('li.appeal[data-appeal]').count(), 0, 'no appeal before the access');
    await page.screenshot({ path: join(ARTIFACTS, `appeals-support-form-${width}.png`), fullPage: true });
    await page.getByLabel('Номер обращения').fill(number);
    await page.getByLabel('Причина доступа (попадёт в журнал действий)').fill(`Заявка в поддержку: проверка отображения обращения (${width} px)`);
    await page.getByRole('button', { name: 'Открыть обращение для поддержки' }).click();
    await page.getByText(`Обращение № ${number} открыто для поддержки до`).waitFor();
    const card = page.locator(`li.appeal[data-appeal="${number}"]`);
    assert.equal(await card.locator('.appeal-text').first().innerText(), text, 'the one appeal, read-only');
    assert.match(await card.locator('.consent').innerText(), /редакция pd-2026-1/);
    assert.equal(await card.getByRole('button', { name: 'Зарегистрировать' }).count(), 0, 'support reads, the body answers');
    assert.deepEqual(await axeViolations(page), [], `the support access at ${width} px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no horizontal scroll at ${width} px`);
    await page.screenshot({ path: join(ARTIFACTS, `appeals-support-open-${width}.png`), fullPage: true });
  }
  const { entries } = await administrator.json(`/api/audit?site=${SITE}`);
  assert.ok(entries.filter((e) => e.action === 'appeal.support_access' && e.detail.includes('проверка отображения')).length >= 2, 'each access is journaled');
});

test('in the constructor the site\'s editor works in the inbox as before', async () => {
  for (const width of [1366, 390]) {
    const page = await openInbox(ACCOUNTS.editors[SITE], width);
    const card = page.locator(`li.appeal[data-appeal="${number}"]`);
    await card.locator('summary').click();
    assert.equal(await card.locator('.appeal-text').first().innerText(), text);
    await card.getByRole('button', { name: 'Зарегистрировать' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, `appeals-editor-${width}.png`), fullPage: true });
  }
});
