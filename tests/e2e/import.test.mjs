// Bulk import of a collection from a file: an editor maps the columns, sees every bad row in
// the check, imports with a progress bar; importing the same file again updates instead of
// duplicating; a broken file changes nothing. And the endpoint itself: a batch is all or none.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch, openConstructor, ARTIFACTS } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const editor = await signIn(ACCOUNTS.editors.mincifra);
const run = Date.now().toString(36);
const STAFF = '/api/sites/mincifra/collections/staff';
const staff = async () => (await editor.json(STAFF)).items.map((i) => i.item);

// Whatever a run imported goes again, so runs do not pile up in the demo site.
after(async () => {
  for (const item of await staff()) {
    if (item.id.startsWith(`imp-${run}`) || item.id === 'x-1' || item.id === 'x-2' || item.id.startsWith(`api-${run}`)) {
      await editor.call(`${STAFF}/${item.id}`, { method: 'DELETE' });
    }
  }
});

const csv = (position) =>
  [
    'Код;ФИО;Должность;Телефон;E-mail',
    `imp-${run}-1;Орлов Олег Олегович ${run};${position};+7 (4912) 51-22-01;orlov@ryazan.gov.ru`,
    `imp-${run}-2;"Белова; Вера ${run}";Главный специалист;51-22-02;belova@ryazan.gov.ru`,
    `imp-${run}-3;;Водитель;51-22-03;`,
  ].join('\r\n');

async function chooseFile(page, name, buffer) {
  await page.getByLabel('Файл для загрузки').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

test('an editor imports staff from CSV and XLSX, re-imports to update, and a broken file changes nothing', async () => {
  const { axeViolations } = await import('../support/axe.mjs');
  const context = await launch({ bypassCSP: true });
  try {
    const page = await openConstructor(context, 'mincifra');
    await page.getByRole('button', { name: 'Данные сайта' }).click();
    await page.getByRole('button', { name: 'Сотрудники', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Сотрудники' }).waitFor();
    await page.getByRole('button', { name: 'Импорт', exact: true }).click();
    await page.getByRole('heading', { name: 'Импорт из файла: Сотрудники' }).waitFor();

    // The columns are guessed from the Russian headers; the first rows are shown under them.
    await chooseFile(page, 'staff.csv', Buffer.from('\ufeff' + csv('Консультант')));
    const preview = page.locator('table.import-preview');
    await preview.waitFor();
    assert.equal(await preview.locator('tbody tr').count(), 3);
    assert.match(await preview.locator('caption').innerText(), /всего строк: 3/);
    assert.ok((await preview.innerText()).includes(`Белова; Вера ${run}`), 'a quoted cell with the delimiter stays whole');
    const fio = page.getByLabel('ФИО (обязательно)');
    assert.equal(await fio.locator('option:checked').innerText(), 'ФИО');
    assert.equal(await page.getByLabel('Код записи (для повторной загрузки)').locator('option:checked').innerText(), 'Код');

    // The check lists the bad row with its reason; nothing is sent yet.
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByText('Можно загрузить строк: 2 из 3.').waitFor();
    assert.match(await page.locator('.import-bad').innerText(), /Строка 4: ФИО: обязательное поле не заполнено/);
    assert.equal((await staff()).filter((i) => i.id.startsWith(`imp-${run}`)).length, 0, 'a check writes nothing');
    assert.deepEqual(await axeViolations(page), [], 'the import panel with its preview and bad rows');

    await page.getByRole('button', { name: 'Импортировать (2)' }).click();
    await page.getByText('Импорт завершён: добавлено 2, обновлено 0, без изменений 0.').waitFor();
    const bar = page.locator('.import-progress progress');
    assert.equal(await bar.getAttribute('value'), '2');
    assert.equal(await bar.getAttribute('max'), '2');
    await page.locator('.import-progress', { hasText: 'Импортировано 2 из 2' }).waitFor();
    await page.locator('table.items:not(.import-preview)', { hasText: `Орлов Олег Олегович ${run}` }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/import-done.png`, fullPage: true });

    // The same file with a changed position: the item is updated, not added again.
    await chooseFile(page, 'staff.csv', Buffer.from(csv('Ведущий консультант')));
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByRole('button', { name: 'Импортировать (2)' }).click();
    await page.getByText('Импорт завершён: добавлено 0, обновлено 1, без изменений 1.').waitFor();
    const imported = (await staff()).filter((i) => i.id.startsWith(`imp-${run}`));
    assert.deepEqual(imported.map((i) => i.id).sort(), [`imp-${run}-1`, `imp-${run}-2`]);
    assert.equal(imported.find((i) => i.id === `imp-${run}-1`).position, 'Ведущий консультант');

    // A damaged spreadsheet: a clear error, the earlier choices gone, nothing written.
    const before = await staff();
    await chooseFile(page, 'broken.xlsx', readFileSync(join(FIXTURES, 'broken.xlsx')));
    const error = page.locator('#import-file-error');
    await error.waitFor();
    assert.match(await error.innerText(), /Таблицу не удалось открыть: файл повреждён/);
    assert.equal(await page.getByLabel('Файл для загрузки').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('table.import-preview').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Проверить' }).count(), 0);
    assert.deepEqual(await staff(), before);

    // A real XLSX: dates and numbers become text, the keyboard drives the rest.
    await chooseFile(page, 'staff.xlsx', readFileSync(join(FIXTURES, 'staff.xlsx')));
    await page.locator('table.import-preview', { hasText: 'Сидоров Сидор Сидорович' }).waitFor();
    await page.getByRole('button', { name: 'Проверить' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Можно загрузить строк: 2 из 2.').waitFor();
    await page.getByRole('button', { name: 'Импортировать (2)' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Импорт завершён: добавлено \d, обновлено \d, без изменений \d\./).waitFor();
    const sidorov = (await staff()).find((i) => i.id === 'x-1');
    assert.equal(sidorov.name, 'Сидоров Сидор Сидорович');
    assert.equal(sidorov.phone, '84912510010');
  } finally {
    await context.close();
  }
});

test('the import endpoint takes a batch whole or not at all, counts a dry run, and refuses readers', async () => {
  const item = (n, extra = {}) => ({ id: `api-${run}-${n}`, name: `Сотрудник ${n}`, position: 'Специалист', ...extra });
  const path = `${STAFF}/import`;

  const dry = await editor.call(path, { method: 'POST', body: { items: [item(1), item(2)], dry_run: true } });
  assert.equal(dry.status, 200, await dry.clone().text());
  assert.deepEqual(await dry.json(), { dry_run: true, created: 2, updated: 0, unchanged: 0 });
  assert.equal((await staff()).filter((i) => i.id.startsWith(`api-${run}`)).length, 0, 'a dry run writes nothing');

  const bad = await editor.call(path, { method: 'POST', body: { items: [item(1), item(2, { email: 'не почта' }), item(3, { name: '' })] } });
  assert.equal(bad.status, 422);
  const { error } = await bad.json();
  assert.equal(error.code, 'invalid_item');
  assert.deepEqual(error.problems.map((p) => p.path), ['items[1].email', 'items[2].name']);
  assert.equal((await staff()).filter((i) => i.id.startsWith(`api-${run}`)).length, 0, 'one bad item stops the whole batch');

  const twice = await editor.call(path, { method: 'POST', body: { items: [item(1), item(1)] } });
  assert.equal(twice.status, 422);
  assert.equal((await twice.json()).error.problems[0].path, 'items[1].id');

  const many = await editor.call(path, { method: 'POST', body: { items: Array.from({ length: 501 }, (_, n) => item(n)) } });
  assert.equal(many.status, 400);

  const ok = await editor.call(path, { method: 'POST', body: { items: [item(1), item(2)] } });
  assert.deepEqual(await ok.json(), { dry_run: false, created: 2, updated: 0, unchanged: 0 });
  const again = await editor.call(path, { method: 'POST', body: { items: [item(1), item(2, { position: 'Начальник' })] } });
  assert.deepEqual(await again.json(), { dry_run: false, created: 0, updated: 1, unchanged: 1 });
  const { items } = await editor.json(STAFF);
  const stored = items.filter((i) => i.item.id.startsWith(`api-${run}`));
  assert.deepEqual(stored.map((i) => [i.item.id, i.revision]), [[`api-${run}-1`, 1], [`api-${run}-2`, 2]]);

  const admin = await signIn(ACCOUNTS.administrator);
  const { entries } = await admin.json('/api/audit?site=mincifra');
  const entry = entries.find((e) => e.action === 'staff.import');
  assert.equal(entry.login, 'editor.mincifra', 'the import is journalled');

  const operator = await signIn(ACCOUNTS.operator);
  assert.equal((await operator.call(path, { method: 'POST', body: { items: [item(9)] } })).status, 403);
  assert.equal((await fetch(`${BASE_URL}${path}`, { method: 'POST', body: '{}' })).status, 401, 'without a session nothing');
});
