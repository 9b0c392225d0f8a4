// Issue 10's whole journey: a new administrator, in the constructor app only, registers an
// editor for the Kasimov district, restricts and restores the account, answers the editor's
// support request within its deadline, backs the site up, sees it broken and restores it,
// keeps the holidays the deadlines skip, and looks at the site's visits in «Посещаемость».
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const pool = contextPool();
const run = Date.now().toString(36);
const SITE = 'kasimov';

test('a new administrator creates an editor, restricts and restores them, answers a ticket, backs up and restores a site, and sees its visits', async () => {
  const boss = await signIn(ACCOUNTS.administrator);
  const newAdmin = { login: `admin-${run}`, password: `Новый-админ-${run}-Рязань` };
  const made = await boss.call('/api/users', {
    method: 'POST',
    body: { login: newAdmin.login, name: 'Орлова Мария Игоревна', role: 'administrator', password: newAdmin.password, sites: [] },
  });
  assert.equal(made.status, 201, await made.clone().text());
  const page = await openConstructor(await pool.open({ bypassCSP: true }), SITE, newAdmin);

  // 1. An editor for the district.
  const editor = { login: `editor-${run}`, password: `Редактор-${run}-Касимов` };
  const editorName = `Зайцев Игорь ${run}`;
  await page.getByRole('button', { name: 'Пользователи', exact: true }).click();
  await page.getByRole('button', { name: '+ Новый пользователь' }).click();
  await page.getByLabel('ФИО (обязательно)').fill(editorName);
  await page.getByLabel('Логин (обязательно)').fill(editor.login);
  await page.getByRole('checkbox', { name: /^Администрация муниципального образования — Касимовский/ }).check();
  await page.getByLabel('Пароль', { exact: true }).fill(editor.password);
  await page.getByRole('button', { name: 'Зарегистрировать' }).click();
  await page.getByRole('status').filter({ hasText: 'Пользователь зарегистрирован' }).waitFor();
  let client = await signIn(editor);
  const news = (title) => ({ title, date: '2026-12-01', summary: 'Кратко.', body: ['Текст.'] });
  const first = await client.call(`/api/sites/${SITE}/collections/news`, { method: 'POST', body: news(`Проверка ${run}`) });
  assert.equal(first.status, 201, 'the new editor works on the district’s site');
  const firstId = (await first.json()).item.id;

  // 2. Restricted: the editor may only read; restored: writes again.
  const setStatus = async (value, label) => {
    await page.getByRole('button', { name: `Изменить ${editorName}` }).click();
    await page.getByLabel('Статус').selectOption(value);
    await page.getByRole('button', { name: 'Сохранить запись' }).click();
    await page.getByRole('status').filter({ hasText: 'Изменения сохранены' }).waitFor();
    await page.getByRole('row', { name: new RegExp(editorName) }).getByText(label).waitFor();
  };
  await setStatus('restricted', 'ограничен');
  // A change of status ends the account's sessions: the editor signs in again.
  assert.equal((await client.call(`/api/sites/${SITE}/draft`)).status, 401);
  client = await signIn(editor);
  const refused = await client.call(`/api/sites/${SITE}/collections/news`, { method: 'POST', body: news('Нельзя') });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, 'account_restricted');
  assert.equal((await client.call(`/api/sites/${SITE}/draft`)).status, 200, 'reading goes on');
  await setStatus('active', 'активен');
  client = await signIn(editor);
  assert.equal((await client.call(`/api/sites/${SITE}/collections/news/${firstId}`, { method: 'DELETE' })).status, 200);

  // 3. The editor asks for help; the new administrator answers within the deadline.
  const asked = await client.call(`/api/sites/${SITE}/support`, {
    method: 'POST',
    body: { category: 'accounts', subject: `Доступ для заместителя ${run}`, text: 'Нужна учётная запись для заместителя главы.' },
  });
  assert.equal(asked.status, 201);
  const ticket = (await asked.json()).ticket;
  await page.getByRole('button', { name: 'Поддержка', exact: true }).click();
  await page.locator(`tr[data-ticket="${ticket.id}"]`).getByRole('button', { name: ticket.subject }).click();
  const detail = page.locator('section.support-detail');
  await detail.getByRole('button', { name: 'Взять в работу' }).click();
  await page.getByText(`Заявка № ${ticket.id} обновлена.`).waitFor();
  await detail.getByLabel('Комментарий').fill('Учётная запись создана, пароль передан лично.');
  await detail.getByRole('button', { name: 'Отметить выполненной' }).click();
  await detail.getByText('Статус: выполнена').waitFor();
  const answered = (await client.json(`/api/sites/${SITE}/support/${ticket.id}`)).ticket;
  assert.equal(answered.status, 'resolved');
  assert.ok(new Date().toISOString().slice(0, 10) <= answered.due, 'answered before the deadline');
  assert.equal(answered.events.at(-1).text, 'Учётная запись создана, пароль передан лично.');

  // The days off the deadlines skip are the administrator's too.
  await page.locator('details.holidays-panel summary').click();
  await page.getByLabel('Год').fill('2027');
  await page.getByLabel('Год').dispatchEvent('change');
  await page.getByRole('cell').getByLabel('Название 2027-03-08').waitFor();
  await page.getByRole('button', { name: 'Добавить день' }).click();
  await page.getByRole('row').last().getByLabel('Дата').fill('2027-12-31');
  await page.getByRole('button', { name: 'Сохранить дни года' }).click();
  await page.getByText(/^Выходные дни 2027 года сохранены: \d+\.$/).waitFor();
  assert.ok((await boss.json('/api/holidays?year=2027')).days.some((d) => d.day === '2027-12-31'));

  // 4. A backup; the site broken by a mistaken deletion; the restore.
  await page.getByRole('button', { name: 'Резервные копии', exact: true }).click();
  await page.getByRole('button', { name: 'Создать копию сейчас' }).click();
  await page.getByText(/^Копия создана: /).waitFor();
  const { items } = await client.json(`/api/sites/${SITE}/collections/news`);
  const lost = items[0].item;
  const visible = async () => (await (await fetch(`${BASE_URL}/s/${SITE}/novosti`)).text()).includes(lost.title);
  assert.ok(await visible());
  assert.equal((await client.call(`/api/sites/${SITE}/collections/news/${lost.id}`, { method: 'DELETE' })).status, 200);
  assert.ok(!(await visible()), 'the news item is gone for visitors');
  await page.getByRole('button', { name: /^Восстановить из копии от / }).first().click();
  await page.locator('form.restore-confirm').getByRole('button', { name: 'Восстановить', exact: true }).click();
  await page.getByText(/^Сайт «kasimov» восстановлен/).waitFor();
  assert.ok(await visible(), 'back for visitors');

  // 5. The site's visits: a resident reads the restored news, and the count shows it.
  const views = async () => (await boss.json(`/api/sites/${SITE}/visits`)).views;
  const counted = await views();
  const resident = await (await pool.open({ userAgent: `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 civic-${run}` })).newPage();
  await resident.goto(`${BASE_URL}/s/${SITE}/novosti`);
  for (let i = 0; i < 100 && (await views()) === counted; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const total = await views();
  assert.equal(total, counted + 1, 'the visit is counted once');
  await page.getByRole('button', { name: 'Посещаемость', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Посещаемость' }).waitFor();
  await page.getByTestId('visits-views').filter({ hasText: String(total) }).waitFor();
  assert.equal(await page.locator('figure.visits-chart g.visits-bar').count(), 30, 'a bar a day for thirty days');
});
