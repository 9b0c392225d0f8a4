// «Обучение», the course for new editors, in a real Chromium against the real worker: a fresh
// editor is invited, sees 0 of 6, and each step is marked by the server only when the real
// action succeeds (a save with a new block, a changed heading, a publication, the compliance
// report, a news item); a refused publication marks nothing. When the editor has done every
// required step, the operator's dashboard and «Переезд сайтов» count one more trained
// employee of the organisation, and so does the decrees' target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';

const pool = contextPool();
const SITE = 'school7';
const run = randomBytes(3).toString('hex');
const trainee = { login: `trainee.${run}`, password: `Trainee-${run}-Course26`, name: `Новикова Анна ${run}` };

const saveState = (page) => page.getByTestId('save-state');
const stepItem = (page, step) => page.locator(`li.training-step[data-step="${step}"]`);

/** Opens «Обучение» from the toolbar; the view asks the server afresh each time it opens. */
async function openTraining(page) {
  const fetched = page.waitForResponse((res) => res.url().endsWith('/api/training'));
  await page.locator('button[data-view="training"]').click();
  await page.getByRole('heading', { level: 2, name: 'Обучение' }).waitFor();
  await fetched;
}

/** The organisation's trained employees and editors, as the operator's API gives them. */
async function staffOf(operator) {
  const { sites, progress } = await operator.json('/api/migration');
  const site = sites.find((s) => s.slug === SITE);
  const target = progress.find((p) => p.target.measure === 'trained_staff');
  return { trained: site.trained, editors: site.editors, target: target?.done };
}

test('a new editor goes through the course by doing the real things, and the operator counts them', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const created = await admin.call('/api/users', { method: 'POST', body: { ...trainee, role: 'editor', sites: [SITE] } });
  assert.equal(created.status, 201, await created.text());
  const operator = await signIn(ACCOUNTS.operator);
  const before = await staffOf(operator);
  assert.ok(before.editors >= 2, 'the new editor is counted among the school\'s editors');

  const editor = await signIn(trainee);
  const headings = async () => {
    const { document } = await editor.json(`/api/sites/${SITE}/draft`);
    return Object.values(document.pages).flatMap((p) => p.blocks).filter((b) => b.type === 'heading').map((b) => b.id);
  };
  const headingsBefore = await headings();
  const page = await openConstructor(await pool.open({ bypassCSP: true }), SITE, trainee);
  // A new editor is invited, and the course starts at nothing done.
  const invite = page.getByTestId('training-invite');
  await invite.waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(ARTIFACTS, 'training-invite.png') });
  await invite.getByRole('button', { name: 'Начать обучение' }).click();
  await page.getByRole('heading', { level: 2, name: 'Обучение' }).waitFor();
  await page.getByTestId('training-progress').filter({ hasText: 'Пройдено шагов: 0 из 6' }).waitFor();
  assert.equal(await page.locator('progress#training-progress').getAttribute('value'), '0');
  assert.equal(await page.locator('li.training-step.done').count(), 0);
  const first = page.locator('li.training-step.next');
  assert.equal(await first.getAttribute('data-step'), 'add_block');
  assert.equal(await first.getAttribute('aria-current'), 'step');
  assert.match(await first.innerText(), /Следующий шаг: Добавьте блок на страницу/);
  assert.match(await first.innerText(), /нажмите «Сохранить»/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(ARTIFACTS, 'training-start.png') });

  // «Перейти» opens the pages; a heading from the palette, saved: «add a block» is done.
  await first.getByRole('button', { name: 'Перейти' }).click();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  await page.locator('[data-block-type="heading"]').click();
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor();
  await openTraining(page);
  await page.locator('li.training-step.done[data-step=\"add_block\"]').waitFor();
  assert.match(await stepItem(page, 'add_block').innerText(), /выполнено \d\d\.\d\d\.\d{4}/);
  await page.getByTestId('training-progress').filter({ hasText: 'Пройдено шагов: 1 из 6' }).waitFor();
  assert.equal(await page.locator('li.training-step.next').getAttribute('data-step'), 'edit_text');
  assert.equal(await page.getByTestId('training-invite').count(), 0, 'the invitation is gone once a step is done');

  // After a reload the mark is still there: it is the server's, not the page's.
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  await openTraining(page);
  await page.locator('li.training-step.done[data-step=\"add_block\"]').waitFor();
  assert.match(await page.locator('button[data-view="training"]').innerText(), /Обучение 1\/6/);

  // The text of the heading that is now on the page, changed and saved: «change a text».
  await page.getByRole('button', { name: 'Страницы', exact: true }).click();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  const added = (await headings()).filter((id) => !headingsBefore.includes(id));
  assert.equal(added.length, 1, 'the saved draft holds the new heading');
  await page.locator(`[data-block-id="${added[0]}"]`).click();
  await page.getByLabel('Текст заголовка').fill(`Наши новости ${run}`);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor();

  // A publication the server refuses (an old version) marks nothing.
  const refused = await editor.call(`/api/sites/${SITE}/publish`, { method: 'POST', body: { version: 1 } });
  assert.equal(refused.status, 409);
  const afterRefusal = await editor.json('/api/training');
  assert.equal(afterRefusal.steps.find((s) => s.step === 'publish').done_at, null);
  assert.ok(afterRefusal.steps.find((s) => s.step === 'edit_text').done_at, 'the changed heading was recorded');

  // The real publication through the summary dialog.
  await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
  const summary = page.getByRole('dialog', { name: 'Перед публикацией' });
  await summary.waitFor();
  await summary.getByRole('button', { name: /^Опубликовать/ }).click();
  await saveState(page).filter({ hasText: /Опубликовано, версия \d+/ }).waitFor();
  await openTraining(page);
  await page.locator('li.training-step.done[data-step=\"publish\"]').waitFor();
  await page.getByTestId('training-progress').filter({ hasText: 'Пройдено шагов: 3 из 6' }).waitFor();
  assert.equal((await staffOf(operator)).trained, before.trained, 'not trained yet: steps remain');

  // The compliance report, opened.
  const told = page.waitForResponse((res) => res.url().includes('/compliance?opened'));
  await page.locator('li.training-step.next').getByRole('button', { name: 'Перейти' }).click();
  await page.getByRole('heading', { level: 2, name: 'Требования закона' }).waitFor();
  assert.equal((await told).status(), 200);
  await openTraining(page);
  await page.locator('li.training-step.done[data-step=\"compliance_report\"]').waitFor();

  // A news item in «Данные сайта».
  await page.locator('li.training-step.next').getByRole('button', { name: 'Перейти' }).click();
  await page.getByRole('heading', { level: 2, name: 'Новости' }).waitFor();
  await page.getByRole('button', { name: '+ Добавить запись' }).click();
  await page.getByLabel('Заголовок (обязательно)').fill(`Первая новость стажёра ${run}`);
  await page.getByLabel('Дата (обязательно)').fill('2026-11-30');
  await page.getByLabel('Кратко (обязательно)').fill('Учимся вести сайт школы.');
  await page.getByRole('button', { name: 'Сохранить запись' }).click();
  await page.getByRole('status').filter({ hasText: 'Запись сохранена' }).waitFor();

  // Every required step done: trained. Answering an appeal stays open, and optional.
  await openTraining(page);
  await page.getByTestId('training-complete').waitFor();
  await page.getByTestId('training-progress').filter({ hasText: 'Пройдено шагов: 5 из 6' }).waitFor();
  const last = page.locator('li.training-step.next');
  assert.equal(await last.getAttribute('data-step'), 'answer_appeal');
  assert.match(await last.innerText(), /необязательный шаг/);
  await page.screenshot({ path: join(ARTIFACTS, 'training-complete.png'), fullPage: true });

  const after = await staffOf(operator);
  assert.equal(after.trained, before.trained + 1, 'the organisation has one more trained employee');
  assert.equal(after.target, before.target + 1, 'the decrees\' target counts them');

  // The operator sees it in the constructor: «Сводка по сайтам» and «Переезд сайтов».
  const board = await openConstructor(await pool.open({ bypassCSP: true }), SITE, ACCOUNTS.operator);
  await board.getByRole('button', { name: 'Сводка по сайтам' }).click();
  const row = board.locator(`table.dashboard tr[data-site="${SITE}"] td.trained`);
  await row.filter({ hasText: `${after.trained} из ${after.editors}` }).waitFor();
  assert.ok(await board.getByRole('columnheader', { name: 'Обучено сотрудников' }).isVisible());
  await board.getByRole('button', { name: 'Переезд сайтов' }).click();
  await board.locator(`table.migration-sites tr[data-site="${SITE}"] td.trained`).filter({ hasText: `${after.trained} из ${after.editors}` }).waitFor();
  const target = board.locator('table.migration-targets tbody tr', { hasText: 'обученные сотрудники' });
  assert.match(await target.innerText(), new RegExp(`${after.target} / \\d+`));
  const csv = (await (await operator.call('/api/migration/overview.csv')).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.ok(csv[0].endsWith(',Обучено сотрудников'));
  assert.ok(csv.some((line) => line.includes('"school7"') && line.endsWith(`,${after.trained}`)), csv.join('\n'));
  assert.deepEqual(await axeViolations(board), []);
  await board.screenshot({ path: join(ARTIFACTS, 'training-migration.png'), fullPage: true });
});

test('own progress needs a session; the operator\'s figures are not an editor\'s to read', async () => {
  assert.equal((await fetch(`${BASE_URL}/api/training`)).status, 401);
  const editor = await signIn(ACCOUNTS.editors.mincifra);
  const own = await editor.json('/api/training');
  assert.equal(own.steps.length, 6);
  assert.equal(own.progress.trained, true, 'the seeded ministry editor finished the course');
  assert.equal((await editor.call('/api/migration')).status, 403);
  assert.equal((await editor.call('/api/training', { method: 'POST', body: { step: 'publish' } })).status, 405, 'no way to tick a step by hand');
});
