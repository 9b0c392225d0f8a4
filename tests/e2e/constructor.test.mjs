// The constructor in a real Chromium against the real worker: edit, preview, save, publish,
// and a stale save that must not overwrite anyone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, ARTIFACTS, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const editor = await signIn(ACCOUNTS.editors.mincifra);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Page ids of the demo ministry in their order, as seeded. */
const DEMO_PAGE_IDS = Object.keys(JSON.parse(readFileSync(join(root, 'shared/demo/mincifra.json'), 'utf8')).pages);

const pool = contextPool();
const newContext = pool.open;

const preview = (page) => page.frameLocator('iframe.preview');
const saveState = (page) => page.getByTestId('save-state');

async function publicHtml(path) {
  const res = await fetch(`${BASE_URL}${path}`);
  return { status: res.status, body: await res.text() };
}

test('edit a heading: the preview follows every keystroke, save and publish reach visitors', async () => {
  const context = await newContext();
  const page = await openConstructor(context, 'mincifra');
  await page.screenshot({ path: join(ARTIFACTS, 'constructor-loaded.png') });

  await page.locator('[data-block-id="h-welcome"]').click();
  const input = page.getByLabel('Текст заголовка');
  await input.fill('');
  await input.pressSequentially('Госуслуги рядом');
  await preview(page).locator('h2[data-block="h-welcome"]', { hasText: /^Госуслуги рядом$/ }).waitFor();
  await input.press('!');
  await preview(page).locator('h2[data-block="h-welcome"]', { hasText: /^Госуслуги рядом!$/ }).waitFor();
  await saveState(page).filter({ hasText: 'Есть несохранённые изменения' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'constructor-editing.png') });

  const before = await publicHtml('/s/mincifra/');
  assert.ok(!before.body.includes('Госуслуги рядом!'), 'an unpublished draft is not public');

  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor();
  await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
  await page.getByRole('dialog', { name: 'Перед публикацией' }).getByRole('button', { name: /^Опубликовать/ }).click();
  await saveState(page).filter({ hasText: /Опубликовано, версия \d+/ }).waitFor();

  const after = await publicHtml('/s/mincifra/');
  assert.equal(after.status, 200);
  assert.ok(after.body.includes('<h2>Госуслуги рядом!</h2>'), 'the public page shows the published heading');

  const visitor = await context.newPage();
  await visitor.goto(`${BASE_URL}/s/mincifra/`);
  assert.equal(await visitor.getByRole('heading', { level: 2, name: 'Госуслуги рядом!', exact: true }).count(), 1);
  await visitor.screenshot({ path: join(ARTIFACTS, 'public-home.png'), fullPage: true });
  await visitor.setViewportSize({ width: 360, height: 740 });
  await visitor.screenshot({ path: join(ARTIFACTS, 'public-home-phone.png'), fullPage: true });
});

test('undo and redo with the keyboard', async () => {
  const context = await newContext();
  const page = await openConstructor(context, 'mincifra');
  await page.getByRole('button', { name: 'Контакты', exact: true }).click();
  await page.locator('[data-block-id="p-address"]').click();
  const text = page.getByRole('textbox', { name: 'Текст', exact: true });
  const original = await text.innerText();
  await text.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('390000, г. Рязань, ул. Почтовая, д. 1.');
  await preview(page).locator('[data-block="p-address"]', { hasText: 'ул. Почтовая' }).waitFor();
  await page.keyboard.press('Control+z');
  await preview(page).locator('[data-block="p-address"]', { hasText: 'ул. Ленина' }).waitFor();
  assert.equal(await text.innerText(), original, 'the typing was one step');
  await page.keyboard.press('Control+Shift+z');
  await preview(page).locator('[data-block="p-address"]', { hasText: 'ул. Почтовая' }).waitFor();
  assert.equal(await text.innerText(), '390000, г. Рязань, ул. Почтовая, д. 1.');
});

test('two editors on one page: a stale save gets 409, the conflict view merges block by block, nothing is lost', async () => {
  // Editors of the earlier tests would autosave into this race: they leave first.
  await pool.closeAll();
  const first = await openConstructor(await newContext(), 'mincifra');
  const second = await openConstructor(await newContext(), 'mincifra');
  for (const page of [first, second]) {
    await page.getByRole('button', { name: 'О министерстве', exact: true }).click();
    await page.locator('[data-block-id="h-tasks"]').click();
  }
  await first.getByLabel('Текст заголовка').fill('Задачи (правка первого редактора)');
  await first.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await saveState(first).filter({ hasText: 'Все изменения сохранены' }).waitFor();

  // The second editor changed the same heading and another block.
  await second.getByLabel('Текст заголовка').fill('Задачи (правка второго редактора)');
  await second.locator('.outline-item[data-block-id="h-tasks"]').focus();
  await second.keyboard.press('Control+d');
  await second.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await saveState(second).filter({ hasText: 'сохранил кто-то другой' }).waitFor();

  const draft = await editor.json('/api/sites/mincifra/draft');
  const text = JSON.stringify(draft.document);
  assert.ok(text.includes('Задачи (правка первого редактора)'), 'the first save survives');
  assert.ok(!text.includes('второго'), 'the stale save changed nothing');
  assert.deepEqual(Object.keys(draft.document.pages), DEMO_PAGE_IDS, 'page order survives a save');

  // The conflict view: the heading both changed is asked, the copy only the second made is kept.
  const dialog = second.getByRole('dialog', { name: 'Страницу изменил другой сотрудник' });
  await dialog.waitFor();
  await dialog.getByText('изменено обоими').first().waitFor();
  await second.screenshot({ path: join(ARTIFACTS, 'constructor-conflict.png') });
  const asked = dialog.locator('.conflict-item.both');
  assert.equal(await asked.count(), 1);
  await asked.getByLabel(/Версия коллеги/).check();
  await dialog.getByRole('button', { name: 'Объединить выбранное' }).click();
  await saveState(second).filter({ hasText: 'Все изменения сохранены' }).waitFor({ timeout: 15_000 });

  const merged = await editor.json('/api/sites/mincifra/draft');
  const blocks = merged.document.pages.about.blocks;
  const headings = blocks.filter((b) => b.type === 'heading' && b.text.startsWith('Задачи'));
  assert.equal(headings.find((b) => b.id === 'h-tasks').text, 'Задачи (правка первого редактора)', 'their heading, as chosen');
  assert.equal(headings.length, 2, 'my copy of the heading is kept');
  assert.deepEqual(Object.keys(merged.document.pages), DEMO_PAGE_IDS);
});

test('the API refuses a stale version with 409 and a cross-site write with 403', async () => {
  const { version, document } = await editor.json('/api/sites/mincifra/draft');
  const put = (base, headers = {}) =>
    editor.call('/api/sites/mincifra/draft', { method: 'PUT', headers, body: { base_version: base, document } });
  const ok = await put(version);
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).version, version + 1);
  const stale = await put(version);
  assert.equal(stale.status, 409);
  assert.deepEqual(await stale.json(), { error: { code: 'stale_version', current_version: version + 1 } });
  const crossSite = await put(version + 1, { Origin: 'https://evil.example' });
  assert.equal(crossSite.status, 403);
  const after = await editor.json('/api/sites/mincifra/draft');
  assert.equal(after.version, version + 1, 'refused writes changed nothing');
});

test('an invalid document is refused with every problem and its JSON path', async () => {
  const { version, document } = await editor.json('/api/sites/mincifra/draft');
  const index = document.pages.about.blocks.findIndex((b) => b.id === 'img-building');
  document.pages.about.blocks[index].alt = '';
  document.pages.about.blocks[index].src = 'javascript:alert(1)';
  const res = await editor.call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(res.status, 422);
  const { error } = await res.json();
  assert.deepEqual(error.problems.map((p) => p.path).sort(), [`pages.about.blocks[${index}].alt`, `pages.about.blocks[${index}].src`]);
  assert.match(error.problems[0].message_ru, /[а-я]/);
});

test('blocks are added from the palette, moved and deleted with the keyboard, and undone', async () => {
  const page = await openConstructor(await newContext(), 'mincifra');
  await page.getByRole('button', { name: 'Документы', exact: true }).click();
  await page.locator('[data-block-id="docs"]').click();
  await page.getByLabel('Найти блок').fill('разделит');
  await page.locator('[data-block-type="divider"]').click();
  await preview(page).locator('hr[data-block="divider-1"]').waitFor();
  const order = () => page.locator('.block-tree > li > button').evaluateAll((items) => items.map((b) => b.dataset.blockId));
  assert.deepEqual((await order()).slice(0, 2), ['docs', 'divider-1'], 'inserted after the selected block');
  await page.locator('[data-block-id="divider-1"]').focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual((await order()).slice(0, 2), ['divider-1', 'docs']);
  await page.keyboard.press('Delete');
  await preview(page).locator('hr[data-block="divider-1"]').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+z');
  await preview(page).locator('hr[data-block="divider-1"]').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'constructor-palette.png') });
});
