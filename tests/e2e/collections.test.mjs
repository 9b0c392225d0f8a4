// Collections (news, documents, phones…) through the API of the real worker: checked on the
// server, visible to visitors at once, never silently overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const editor = await signIn(ACCOUNTS.editors.mincifra);
const run = Date.now().toString(36);
const publicHome = async () => (await fetch(`${BASE_URL}/s/mincifra/`)).text();

test('a news item added through the API is on the public page at once, escaped, without a publish', async () => {
  const title = `Открыт новый МФЦ <script>alert(1)</script> ${run}`;
  const res = await editor.call('/api/sites/mincifra/collections/news', {
    method: 'POST',
    body: { title, date: '2026-11-23', summary: 'В Рязани открылся ещё один офис «Мои документы».', body: ['Адрес: ул. Новая, 1.'] },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { revision, item } = await res.json();
  assert.equal(revision, 1);
  assert.match(item.id, /^news-[0-9a-f]{8}$/);

  const html = await publicHome();
  assert.ok(html.includes(`Открыт новый МФЦ &lt;script&gt;alert(1)&lt;/script&gt; ${run}`), 'the new item is public and escaped');
  assert.ok(!html.includes('<script>alert(1)'), 'no markup gets through');

  const { items } = await editor.json('/api/sites/mincifra/collections/news');
  assert.equal(items[0].item.id, item.id, 'newest first');
  const dates = items.map((i) => i.item.date);
  assert.deepEqual(dates, [...dates].sort().reverse());

  const removed = await editor.call(`/api/sites/mincifra/collections/news/${item.id}`, { method: 'DELETE' });
  assert.equal(removed.status, 200);
  assert.ok(!(await publicHome()).includes(run), 'a deleted item leaves the public page');
  assert.equal((await editor.call(`/api/sites/mincifra/collections/news/${item.id}`, { method: 'DELETE' })).status, 404);
});

test('a save based on an old revision is refused and the newer text survives', async () => {
  const created = await editor.call('/api/sites/mincifra/collections/announcements', {
    method: 'POST',
    body: { id: `priem-${run}`, title: 'Приём граждан', date: '2026-12-01', text: 'Первая редакция' },
  });
  assert.equal(created.status, 201);
  const path = `/api/sites/mincifra/collections/announcements/priem-${run}`;
  const save = (revision, text) =>
    editor.call(path, { method: 'PUT', body: { revision, item: { id: `priem-${run}`, title: 'Приём граждан', date: '2026-12-01', text } } });
  const first = await save(1, 'Правка первого редактора');
  assert.equal(first.status, 200);
  assert.equal((await first.json()).revision, 2);
  const stale = await save(1, 'Правка второго редактора');
  assert.equal(stale.status, 409);
  assert.deepEqual(await stale.json(), { error: { code: 'stale_revision', current_revision: 2 } });
  const { items } = await editor.json('/api/sites/mincifra/collections/announcements');
  assert.equal(items.find((i) => i.item.id === `priem-${run}`).item.text, 'Правка первого редактора');

  const taken = await editor.call('/api/sites/mincifra/collections/announcements', {
    method: 'POST',
    body: { id: `priem-${run}`, title: 'Дубликат', date: '2026-12-02' },
  });
  assert.equal(taken.status, 409);
  assert.equal((await taken.json()).error.code, 'already_taken');
});

test('invalid items are refused with the field and a message a clerk understands', async () => {
  const bad = await editor.call('/api/sites/mincifra/collections/documents', {
    method: 'POST',
    body: { title: '', kind: 'Приказ', number: '15-п', date: '2026-02-30', file_url: 'javascript:alert(1)' },
  });
  assert.equal(bad.status, 422);
  const { error } = await bad.json();
  assert.equal(error.code, 'invalid_item');
  assert.deepEqual(error.problems.map((p) => p.path), ['title', 'date', 'file_url']);
  assert.match(error.problems[1].message_ru, /ГГГГ-ММ-ДД/);

  const unknown = await editor.call('/api/sites/mincifra/collections/staff', {
    method: 'POST',
    body: { name: 'Иванов И. И.', position: 'Специалист', password: 'x' },
  });
  assert.equal(unknown.status, 400);
  assert.equal((await unknown.json()).error.problems[0].path, 'password');
  assert.equal((await editor.call('/api/sites/mincifra/collections/secrets')).status, 404);
});

test('the phone directory keeps the order editors set', async () => {
  const { items } = await editor.json('/api/sites/mincifra/collections/phones');
  const ids = items.map((i) => i.item.id);
  assert.ok(ids.length >= 2);
  const reversed = [...ids].reverse();
  const res = await editor.call('/api/sites/mincifra/collections/phones', { method: 'PUT', body: { order: reversed } });
  assert.equal(res.status, 200);
  assert.deepEqual((await res.json()).items.map((i) => i.item.id), reversed);
  const incomplete = await editor.call('/api/sites/mincifra/collections/phones', { method: 'PUT', body: { order: reversed.slice(1) } });
  assert.equal(incomplete.status, 400);
  const page = await (await fetch(`${BASE_URL}/s/mincifra/kontakty`)).text();
  const contacts = page.slice(page.indexOf('Телефонный справочник'));
  const department = (id) => items.find((i) => i.item.id === id).item.department;
  const positions = reversed.map((id) => contacts.indexOf(department(id)));
  assert.ok(positions.every((p) => p > 0), 'every line is on the contacts page');
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'in the new order');
  await editor.call('/api/sites/mincifra/collections/phones', { method: 'PUT', body: { order: ids } });
});

test('an operator reads collections but changes none; without a session nothing', async () => {
  const operator = await signIn(ACCOUNTS.operator);
  assert.equal((await operator.call('/api/sites/mincifra/collections/news')).status, 200);
  const add = await operator.call('/api/sites/mincifra/collections/news', { method: 'POST', body: { title: 'x', date: '2026-01-01', summary: 'x' } });
  assert.equal(add.status, 403);
  assert.equal((await fetch(`${BASE_URL}/api/sites/mincifra/collections/news`)).status, 401);
});

test('in the constructor a clerk adds a news item in a form, finds it with the filter and sorts the table', async () => {
  const { launch, openConstructor, ARTIFACTS } = await import('../support/browser.mjs');
  const { axeViolations } = await import('../support/axe.mjs');
  const context = await launch({ bypassCSP: true });
  try {
    const page = await openConstructor(context, 'mincifra');
    await page.getByRole('button', { name: 'Данные сайта' }).click();
    await page.getByRole('heading', { level: 2, name: 'Новости' }).waitFor();
    await page.locator('table.items tbody tr').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole('button', { name: '+ Добавить запись' }).click();
    await page.getByRole('button', { name: 'Сохранить запись' }).click();
    await page.getByRole('alert').filter({ hasText: 'исправьте отмеченные поля' }).waitFor();
    assert.equal(await page.getByLabel('Заголовок (обязательно)').getAttribute('aria-invalid'), 'true');

    const title = `Итоги конкурса цифровых проектов ${run}`;
    await page.getByLabel('Заголовок (обязательно)').fill(title);
    await page.getByLabel('Дата (обязательно)').fill('2026-11-22');
    await page.getByLabel('Кратко (обязательно)').fill('Названы победители регионального конкурса.');
    await page.getByLabel('Текст').fill('Первый абзац.\n\nВторой абзац.');
    await page.getByRole('button', { name: 'Сохранить запись' }).click();
    await page.getByRole('status').filter({ hasText: 'Запись сохранена' }).waitFor();
    await page.locator('table.items', { hasText: title }).waitFor();
    assert.ok((await publicHome()).includes(title), 'visitors see it without a publish');

    await page.getByPlaceholder('Фильтр по словам').fill(`конкурса ${run}`);
    assert.equal(await page.locator('table.items tbody tr').count(), 1);
    await page.getByPlaceholder('Фильтр по словам').fill('');
    await page.getByRole('button', { name: 'Дата', exact: true }).click();
    assert.equal(await page.getByRole('columnheader', { name: 'Дата' }).getAttribute('aria-sort'), 'ascending');
    await page.screenshot({ path: `${ARTIFACTS}/constructor-data.png` });

    // Clean up through the same form, as a clerk would.
    await page.getByRole('button', { name: `Изменить «${title}»` }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Удалить запись' }).click();
    await page.getByRole('status').filter({ hasText: 'Запись удалена' }).waitFor();
    assert.ok(!(await publicHome()).includes(title));
  } finally {
    await context.close();
  }
});
