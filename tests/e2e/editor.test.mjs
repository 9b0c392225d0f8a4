// The editor in a real Chromium against the real worker: a page built from nothing with the
// mouse and the keyboard, nesting rules with their reason, a reload that loses nothing, the
// canvas widths and the accessible version, and axe-core on the constructor itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, ARTIFACTS, contextPool, openConstructor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const editor = await signIn(ACCOUNTS.editors.kasimov);

const pool = contextPool();
const newContext = pool.open;

const preview = (page) => page.frameLocator('iframe.preview');
const announcer = (page) => page.getByTestId('announcer');
const saveState = (page) => page.getByTestId('save-state');
/** Ids of the blocks in one group of a container, as the outline lists them. */
const groupIds = (page, parent, group) =>
  page
    .locator(`.drop-end[data-drop-parent="${parent}"][data-drop-group="${group}"]`)
    .evaluate((end) => [...end.parentElement.children].map((li) => li.querySelector(':scope > button')?.dataset.blockId).filter(Boolean));

test('a new page built with the mouse and the keyboard reaches visitors', async () => {
  const page = await openConstructor(await newContext(), 'kasimov');

  // A page from nothing: its address is made from the title, and it opens empty.
  await page.getByLabel('Название новой страницы').fill('Поддержка бизнеса');
  await page.getByRole('button', { name: '+ Страница' }).click();
  await announcer(page).filter({ hasText: 'Добавлена страница «Поддержка бизнеса»' }).waitFor();
  await page.getByText('На странице пока нет блоков').waitFor();
  // (-2… when a previous run on the same storage took the address.)
  const slug = await page.getByLabel('Адрес страницы').inputValue();
  assert.match(slug, /^podderzhka-biznesa(-\d+)?$/);

  // Ctrl+K inserts any block without the mouse.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Быстрые команды' }).fill('колонки');
  await page.keyboard.press('Enter');
  await announcer(page).filter({ hasText: 'Добавлен блок «Колонки»' }).waitFor();
  await preview(page).locator('[data-block="columns-1"]').waitFor();

  // The mouse drags a heading from the palette into the second column.
  await page.locator('[data-block-type="heading"]').dragTo(page.locator('.drop-end[data-drop-parent="columns-1"][data-drop-group="1"]'));
  await announcer(page).filter({ hasText: 'внутри блока «Колонки»' }).waitFor();
  await preview(page).locator('[data-block="columns-1"] [data-block="heading-1"]').waitFor();
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['heading-1']);

  // The mouse can drop on the canvas too: a button right after the heading in the column.
  // (In the heading's lower half as the canvas shows it: the page may be scaled to fit.)
  const headingBox = await preview(page).locator('[data-block="heading-1"]').boundingBox();
  await page.locator('[data-block-type="button"]').dragTo(preview(page).locator('[data-block="heading-1"]'), { targetPosition: { x: 20, y: headingBox.height * 0.75 } });
  await announcer(page).filter({ hasText: 'Добавлен блок «Кнопка' }).waitFor();
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['heading-1', 'button-1']);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['heading-1']);

  // A banner may not go into a column: the drop is refused and the reason is said.
  await page.locator('[data-block-type="hero"]').dragTo(page.locator('.drop-end[data-drop-parent="columns-1"][data-drop-group="0"]'));
  await page.locator('.announcer.refused', { hasText: 'Баннер ставится только на верхний уровень' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'editor-drop-refused.png') });
  assert.deepEqual(await groupIds(page, 'columns-1', 0), [], 'no banner in the column');

  // The keyboard: a text after the heading, moved above it with Alt+↑, announced.
  await page.locator('[data-block-id="heading-1"]').click();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Быстрые команды' }).fill('текст');
  await page.keyboard.press('Enter');
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['heading-1', 'text-1']);
  await page.locator('[data-block-id="text-1"]').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await announcer(page).filter({ hasText: 'перемещён: позиция 1 из 2 внутри блока «Колонки»' }).waitFor();
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['text-1', 'heading-1']);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['heading-1', 'text-1'], 'undone');
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['text-1', 'heading-1'], 'redone');

  // Copy and paste, duplicate: fresh blocks right after the selection.
  await page.locator('[data-block-id="heading-1"]').focus();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Control+d');
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['text-1', 'heading-1', 'heading-2', 'heading-3']);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  assert.deepEqual(await groupIds(page, 'columns-1', 1), ['text-1', 'heading-1']);

  // Arrows walk the outline, Enter edits the selected block.
  await page.locator('[data-block-id="text-1"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Меры поддержки');
  await preview(page).locator('[data-block="heading-1"]', { hasText: 'Меры поддержки' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'editor-built-page.png') });

  // Publishing shows the summary first.
  await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
  const summary = page.getByRole('dialog', { name: 'Перед публикацией' });
  await summary.waitFor();
  await summary.locator('.diff-item.added', { hasText: 'Новая страница' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'editor-publish-summary.png') });
  await summary.getByRole('button', { name: /^Опубликовать/ }).click();
  await saveState(page).filter({ hasText: /Опубликовано, версия \d+/ }).waitFor();
  const res = await fetch(`${BASE_URL}/s/kasimov/${slug}`);
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.match(body, /<h2[^>]*>Меры поддержки<\/h2>/, 'the public page shows the heading');
  assert.ok(!body.includes('data-block="'), 'no editor markup reaches visitors');

  // The history shows what each publication changed, block by block.
  await page.getByRole('button', { name: 'История публикаций' }).click();
  await page.getByRole('button', { name: 'Что изменилось' }).first().click();
  const diff = page.locator('.diff');
  await diff.locator('.diff-item.added', { hasText: 'Новая страница' }).waitFor();
  assert.ok((await diff.textContent()).includes('Поддержка бизнеса'));
  await page.screenshot({ path: join(ARTIFACTS, 'editor-history-diff.png') });
});

test('mandatory sections cannot be deleted, and the server refuses a draft without one', async () => {
  const page = await openConstructor(await newContext(), 'kasimov');
  await page.locator('.page-item[data-page-id="news"]').click();
  const remove = page.getByRole('button', { name: 'Удалить страницу' });
  assert.ok(await remove.isDisabled(), 'the delete button is off for a mandatory page');
  await page.getByText('Это обязательный раздел по закону').first().waitFor();

  const { version, document } = await editor.json('/api/sites/kasimov/draft');
  delete document.pages.news;
  const res = await editor.call('/api/sites/kasimov/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(res.status, 422);
  const { error } = await res.json();
  assert.deepEqual(error.problems.map((p) => p.path), ['pages.news']);
  assert.match(error.problems[0].message_ru, /обязательный раздел/);
});

test('a reload (or a lost connection) loses no edit', async () => {
  const context = await newContext();
  const page = await openConstructor(context, 'kasimov');
  // The server cannot be reached for saving.
  await page.route('**/api/sites/kasimov/draft', (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue()));
  await page.locator('[data-block-id="p-intro"]').click();
  await page.locator('.outline-item[data-block-id="p-intro"]').focus();
  await page.keyboard.press('Control+d');
  await announcer(page).filter({ hasText: 'Создана копия' }).waitFor();
  await page.keyboard.press('Control+s');
  await saveState(page).filter({ hasText: /Не сохранено/ }).waitFor();
  await page.unroute('**/api/sites/kasimov/draft');
  await page.reload();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  await page.locator('.outline-item[data-block-id="text-1"]').waitFor();
  await page.getByText('восстановлены', { exact: false }).first().waitFor();
  // And the autosave sends them once the server can be reached.
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor({ timeout: 15_000 });
  const { document } = await editor.json('/api/sites/kasimov/draft');
  assert.ok(document.pages.home.blocks.some((b) => b.id === 'text-1'), 'the copy reached the server');
});

test('the canvas shows phone and tablet widths and the accessible version; axe finds nothing in the constructor', async () => {
  const page = await openConstructor(await newContext({ bypassCSP: true }), 'kasimov');
  const frameWidth = () => page.locator('iframe.preview').evaluate((f) => f.getBoundingClientRect().width);
  await page.getByRole('button', { name: 'Телефон 375' }).click();
  await page.waitForFunction(() => document.querySelector('iframe.preview').getBoundingClientRect().width <= 375);
  await page.screenshot({ path: join(ARTIFACTS, 'editor-phone-width.png') });
  await page.getByRole('button', { name: 'Планшет 768' }).click();
  await page.waitForFunction(() => document.querySelector('iframe.preview').getBoundingClientRect().width > 375);
  assert.ok((await frameWidth()) <= 768);
  await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
  await preview(page).locator('.a11y-panel').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'editor-accessible-preview.png') });
  await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
  await preview(page).locator('.a11y-panel').waitFor({ state: 'detached' });

  // A click on a block in the canvas selects it.
  await preview(page).locator('[data-block="p-intro"]').click();
  await page.locator('.outline-item.current[data-block-id="p-intro"]').waitFor();

  assert.deepEqual(await axeViolations(page), [], 'the editor');
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Быстрые команды' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the command palette');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, 'editor-on-phone.png'), fullPage: true });
});
