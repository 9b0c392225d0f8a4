// The move of an organisation's site onto the platform, as the decrees count it: the
// administrator moves the hospital's site step by step (the checklist stops «checked» until
// someone is named responsible), the operator signs the act and the site becomes official; the
// targets' chart and figures follow; the act prints on one page; nobody else may sign.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';

const pool = contextPool();
const HOSPITAL = 'ГБУ РО «Городская клиническая больница №\u00a04»';

async function openMigration(account) {
  const context = await pool.open({ bypassCSP: true });
  const page = await openConstructor(context, 'gb4', account);
  await page.getByRole('button', { name: 'Переезд сайтов' }).click();
  await page.locator('table.migration-sites tbody tr').first().waitFor();
  return page;
}

test('the operator sees every site\'s status, the targets as a chart and a table, and exports them', async () => {
  const page = await openMigration(ACCOUNTS.operator);
  assert.equal(await page.locator('table.migration-sites tbody tr').count(), 4);
  assert.equal(await page.locator('tr[data-site="mincifra"] .migration-status').innerText(), 'официальный');
  assert.equal(await page.locator('tr[data-site="gb4"] .migration-status').innerText(), 'новый');
  const chart = page.locator('img.migration-chart');
  await page.waitForFunction(() => document.querySelector('img.migration-chart')?.naturalWidth > 0);
  assert.match(await chart.getAttribute('alt'), /цифры — в таблице/);
  const targets = await page.locator('table.migration-targets tbody tr').allInnerTexts();
  assert.equal(targets.length, 4);
  assert.ok(targets.some((row) => /Официальные сайты органов и организаций\s+1 \/ 4 \(25 %\)/.test(row)), targets.join(' | '));
  assert.deepEqual(await axeViolations(page), []);

  const operator = await signIn(ACCOUNTS.operator);
  const svg = await operator.call('/api/migration/progress.svg');
  assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(await svg.text(), /<desc id="d">[^<]*Официальные сайты органов и организаций: 1 из 4 \(25 %\)/);
  const csv = (await (await operator.call('/api/migration/overview.csv')).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(csv.length, 5, 'a header and a line per site');
  assert.ok(csv.some((line) => line.includes(HOSPITAL) && line.includes('"новый"')));
});

test('a hospital\'s site goes from new to official: steps by the administrator, the act by the operator', async () => {
  const admin = await openMigration(ACCOUNTS.administrator);
  await admin.getByRole('button', { name: `Открыть: ${HOSPITAL}` }).click();
  const panel = admin.locator('section.site-move');
  await panel.getByRole('heading', { name: `${HOSPITAL} — новый` }).waitFor();
  await panel.getByRole('button', { name: 'Начать перенос контента' }).click();
  await panel.getByRole('heading', { name: `${HOSPITAL} — идёт перенос контента` }).waitFor();
  assert.match(await panel.locator('.missing').innerText(), /не указаны ответственные за перенос/);
  await panel.getByRole('button', { name: 'Отметить проверенным' }).click();
  await panel.getByText('сайт нельзя отметить проверенным: не указаны ответственные за перенос').waitFor();
  assert.equal(await admin.locator('tr[data-site="gb4"] .migration-status').innerText(), 'идёт перенос контента', 'refused: nothing changed');

  await panel.getByLabel('Ответственные от организации').fill('Васильев А. Н., заместитель главного врача');
  await panel.getByRole('button', { name: 'Сохранить' }).click();
  await panel.locator('.ok-line').waitFor();
  await panel.getByRole('button', { name: 'Отметить проверенным' }).click();
  await panel.getByRole('heading', { name: `${HOSPITAL} — проверен` }).waitFor();
  assert.equal(await panel.getByRole('button', { name: 'Подписать акт' }).count(), 0, 'the administrator does not sign');
  const steps = await panel.locator('.move-history li').allInnerTexts();
  assert.match(steps[0], /admin: идёт перенос контента → проверен/);
  assert.match(steps[1], /admin: новый → идёт перенос контента/);

  const adminApi = await signIn(ACCOUNTS.administrator);
  assert.equal((await adminApi.call('/api/sites/gb4/migration/act', { method: 'POST', body: {} })).status, 403);
  const editor = await signIn(ACCOUNTS.editors.gb4);
  assert.equal((await editor.call('/api/sites/gb4/migration', { method: 'PATCH', body: { status: 'new', reason: 'x' } })).status, 403);
  assert.equal((await editor.call('/api/sites/gb4/migration/act', { method: 'POST', body: {} })).status, 403);
  const back = await adminApi.call('/api/sites/gb4/migration', { method: 'PATCH', body: { status: 'migrating' } });
  assert.equal(back.status, 400);
  assert.match((await back.json()).error.problems[0].message_ru, /укажите причину возврата/);

  const operator = await openMigration(ACCOUNTS.operator);
  await operator.getByRole('button', { name: `Открыть: ${HOSPITAL}` }).click();
  const signing = operator.locator('section.site-move');
  await signing.getByRole('button', { name: 'Подписать акт' }).click();
  await signing.getByText('Акт подписан: сайт стал официальным.').waitFor();
  await signing.getByRole('heading', { name: `${HOSPITAL} — официальный` }).waitFor();
  await operator.locator('tr[data-site="gb4"] .migration-status', { hasText: 'официальный' }).waitFor();
  await operator.locator('table.migration-targets tbody tr', { hasText: /Официальные сайты органов и организаций\s*2 \/ 4/ }).waitFor();

  const act = await operator.context().newPage();
  await act.goto(`${BASE_URL}/api/sites/gb4/migration/act`);
  await act.getByRole('heading', { name: 'Акт о завершении миграции контента' }).waitFor();
  const text = await act.locator('article.act').innerText();
  assert.match(text, new RegExp(HOSPITAL.replace(/[()]/g, '\\$&')));
  assert.match(text, /Медицинская организация/);
  assert.match(text, /https:\/\/gb4\.civic\.localhost\//);
  assert.match(text, /Васильев А\. Н\., заместитель главного врача/);
  assert.match(text, /Подписано в системе \d+ [а-я]+ \d{4} г\.\s+Соколова Марина Викторовна/);
  const news = Number((await act.locator('tr', { hasText: 'Новости' }).locator('td').innerText()).trim());
  const { items } = await editor.json('/api/sites/gb4/collections/news');
  assert.equal(news, items.length, 'the act counts what the site holds');
  // One A4 page when printed.
  const pdf = await act.pdf({ format: 'A4' });
  assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length, 1);
  assert.deepEqual(await axeViolations(act), []);
});
