// The support desk («СРО», regional rules 002, 2.6): an editor sends a request and sees its
// deadline in working days (weekends and the configured holidays skipped); the administrator
// takes it, comments, moves the deadline as agreed and resolves it; the editor reads the
// answer and may reopen it. Other sites' editors see nothing of it; the operator's overview
// lists overdue requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';
import { workingDays } from '../../scripts/working-days.mjs';

const pool = contextPool();
const run = Date.now().toString(36);
const iso = (date) => date.toISOString().slice(0, 10);

test('an editor asks, the administrator answers within the deadline, the operator sees overdue requests', async () => {
  const subject = `Добавить раздел «Платные услуги» ${run}`;
  const editorPage = await openConstructor(await pool.open({ bypassCSP: true }), 'school7', ACCOUNTS.editors.school7);
  await editorPage.getByRole('button', { name: 'Поддержка', exact: true }).click();
  await editorPage.getByRole('heading', { level: 2, name: 'Поддержка' }).waitFor();
  await editorPage.getByLabel('Тема заявки').selectOption({ label: 'Изменение сайта (5)' });
  await editorPage.getByLabel('Кратко, что нужно').fill(subject);
  await editorPage.getByLabel('Подробности').fill('Нужен подраздел с прейскурантом в «Сведениях».');
  await editorPage.getByRole('button', { name: 'Отправить заявку' }).click();
  const today = iso(new Date());
  const due = workingDays(today, 5);
  const sent = await editorPage.getByText(/Заявка № \d+ принята/).innerText();
  assert.match(sent, new RegExp(`Срок: ${due}\\.`), 'five working days, weekends and holidays skipped');
  const id = Number(sent.match(/№ (\d+)/)[1]);
  const row = editorPage.locator(`tr[data-ticket="${id}"]`);
  assert.match(await row.innerText(), /новая/);
  assert.deepEqual(await axeViolations(editorPage), []);

  // Another site's editor learns nothing of it; the requester cannot resolve it himself.
  const other = await signIn(ACCOUNTS.editors.mincifra);
  assert.equal((await other.call(`/api/sites/school7/support/${id}`)).status, 404);
  assert.equal((await other.call('/api/support')).status, 403);
  const editor = await signIn(ACCOUNTS.editors.school7);
  const self = await editor.call(`/api/sites/school7/support/${id}`, { method: 'PATCH', body: { action: 'resolve', comment: 'сам' } });
  assert.equal(self.status, 400);
  assert.match((await self.json()).error.problems[0].message_ru, /делает администратор/);

  const admin = await openConstructor(await pool.open({ bypassCSP: true }), 'school7', ACCOUNTS.administrator);
  await admin.getByRole('button', { name: 'Поддержка', exact: true }).click();
  const overdueRow = admin.locator('tr[data-ticket="1"]');
  await overdueRow.waitFor();
  assert.match(await overdueRow.innerText(), /Касимов[^]*просрочена на \d+ раб\. дн\./);
  assert.equal(await overdueRow.locator('.deadline.overdue').count(), 1);
  await admin.locator(`tr[data-ticket="${id}"]`).getByRole('button', { name: subject }).click();
  const detail = admin.locator('section.support-detail');
  await detail.getByRole('heading', { name: new RegExp(`№ ${id} — `) }).waitFor();
  await detail.getByRole('button', { name: 'Взять в работу' }).click();
  await admin.getByText(`Заявка № ${id} обновлена.`).waitFor();
  await detail.getByLabel('Новый срок').fill(workingDays(due, 2));
  await detail.getByLabel('С кем и как согласовано').fill('с Морозовой О. П. по телефону');
  await detail.getByRole('button', { name: 'Перенести срок' }).click();
  await detail.getByText(new RegExp(`Срок: ${workingDays(due, 2)}`)).waitFor();
  await detail.getByLabel('Комментарий').fill('Подраздел создан, прейскурант размещён.');
  await detail.getByRole('button', { name: 'Отметить выполненной' }).click();
  await detail.getByText('Статус: выполнена').waitFor();
  const steps = await detail.locator('.support-events li').allInnerTexts();
  assert.deepEqual(steps.map((s) => s.replace(/^\S+ \S+ admin — /, '')), [
    'взята в работу',
    `срок перенесён: ${workingDays(due, 2)}: с Морозовой О. П. по телефону`,
    'выполнена: Подраздел создан, прейскурант размещён.',
  ]);
  assert.deepEqual(await axeViolations(admin), []);

  // The requester reads it and, unhappy, opens it again.
  await editorPage.reload();
  await editorPage.getByRole('button', { name: 'Поддержка', exact: true }).click();
  await editorPage.locator(`tr[data-ticket="${id}"]`).getByRole('button', { name: subject }).click();
  await editorPage.getByText('выполнена: Подраздел создан, прейскурант размещён.').waitFor();
  await editorPage.getByLabel('Комментарий').fill('Прейскурант не открывается.');
  await editorPage.getByRole('button', { name: 'Открыть снова' }).click();
  await editorPage.locator('section.support-detail').getByText('Статус: в работе').waitFor();

  // The operator watches: overdue requests on the overview, and changes nothing.
  const operator = await openConstructor(await pool.open({ bypassCSP: true }), 'school7', ACCOUNTS.operator);
  await operator.getByRole('button', { name: 'Сводка по сайтам' }).click();
  const overdue = operator.locator('table.overdue-tickets tr[data-ticket="1"]');
  await overdue.waitFor();
  assert.match(await overdue.innerText(), /Подключить форму записи на приём к главе/);
  assert.equal(await operator.locator(`table.overdue-tickets tr[data-ticket="${id}"]`).count(), 0, 'on time: not listed');
  const watcher = await signIn(ACCOUNTS.operator);
  assert.equal((await watcher.call(`/api/sites/school7/support/${id}`, { method: 'PATCH', body: { action: 'comment', comment: 'x' } })).status, 403);
});
