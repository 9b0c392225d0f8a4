// The editor's workspace as staff use it, in a real Chromium against the real worker: the
// canvas true to size at each width, a new image that shows, and nothing lost — a tab closed
// mid-edit, a paste past a limit, a draft the rules refuse, restored edits that can be dropped.
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const editor = await signIn(ACCOUNTS.editors.kasimov);
const pool = contextPool();
// An editor left open goes on autosaving: the next test's save would meet a newer version.
afterEach(() => pool.closeAll());

const preview = (page) => page.frameLocator('iframe.preview');
const announcer = (page) => page.getByTestId('announcer');
const saveState = (page) => page.getByTestId('save-state');
const draft = async () => (await editor.json('/api/sites/kasimov/draft')).document;

// The tests edit the demo's draft: it is put back as it was for the suites after this one.
const original = await draft();
after(async () => {
  await pool.closeAll();
  const { version } = await editor.json('/api/sites/kasimov/draft');
  const res = await editor.call('/api/sites/kasimov/draft', { method: 'PUT', body: { base_version: version, document: original } });
  assert.equal(res.status, 200, 'the draft is put back');
});

/** Inserts a block by the command palette (Ctrl+K), after the selection. */
async function insert(page, words) {
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Быстрые команды' }).fill(words);
  await page.keyboard.press('Enter');
}

test('the canvas lays the page out at the width chosen and fits it to the pane', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  const frame = page.locator('iframe.preview');
  for (const [name, width] of [['Телефон', 375], ['Планшет', 768], ['Компьютер', 1280]]) {
    await page.getByRole('button', { name: `${name} ${width}` }).click();
    await page.waitForFunction((w) => document.querySelector('iframe.preview').contentWindow.innerWidth === w, width);
    // The page's own media queries see the device's width, not the pane's.
    const phoneLayout = await frame.evaluate((f) => f.contentWindow.matchMedia('(max-width: 40rem)').matches);
    assert.equal(phoneLayout, width === 375, `the phone layout at ${width} px`);
    // Scaled down, never cut off: the whole width is in view.
    const [shown, pane] = await frame.evaluate((f) => [f.getBoundingClientRect().width, f.parentElement.getBoundingClientRect().width]);
    assert.ok(shown <= pane + 1, `${width} px shown in ${pane} px (was ${shown})`);
    await page.screenshot({ path: join(ARTIFACTS, `workspace-canvas-${width}.png`) });
  }
  // At 1280×720 the desktop page is scaled, and says by how much.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator('.frame-scale', { hasText: /1280 px · \d+ %/ }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'workspace-1280x720.png') });
});

test('a new image block shows its placeholder picture', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  await page.locator('.outline-item[data-block-id="p-intro"]').click();
  await insert(page, 'изображение');
  await announcer(page).filter({ hasText: 'Добавлен блок «Изображение' }).waitFor();
  const image = preview(page).locator('[data-block^="image-"] img');
  await image.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('iframe.preview').contentDocument.querySelector('[data-block^="image-"] img');
    return img?.complete;
  });
  assert.ok((await image.evaluate((img) => img.naturalWidth)) > 0, 'the placeholder loaded, not a broken image');
  await page.keyboard.press('Control+z');
});

test('a tab closed a moment after an edit loses nothing, and the browser asks first', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  const title = `Закрыто на полуслове ${Date.now()}`;
  await page.locator('.outline-item[data-block-id="hero"]').click();
  const field = page.locator('.properties input[type=text]').first();
  await field.fill(title);
  // Well within the autosave's wait: only the flush on leaving can have sent it.
  const asked = new Promise((resolve) => page.once('dialog', async (dialog) => {
    resolve(dialog.type());
    await dialog.accept();
  }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, 'beforeunload', 'the leave warning showed while the edit was unsaved');
  let saved = false;
  for (let i = 0; i < 50 && !saved; i++) {
    saved = JSON.stringify((await draft()).pages.home.blocks[0]).includes(title);
    if (!saved) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(saved, 'the edit reached the server after the tab closed');
});

test('a paste past a limit is refused at once, in words, and saving goes on', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  await page.locator('.outline-item[data-block-id="p-intro"]').click();
  const area = page.locator('.properties [contenteditable="true"]').first();
  await area.click();
  await area.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', Array.from({ length: 1200 }, (_, i) => `Строка ${i + 1}`).join('\n'));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const refusal = page.locator('.announcer.refused', { hasText: 'не больше 1000' });
  await refusal.waitFor();
  const said = await refusal.textContent();
  assert.ok(!/content|blocks\[/.test(said), `no JSON path in «${said}»`);
  assert.ok(!(await preview(page).locator('[data-block="p-intro"]').textContent()).includes('Строка 1200'), 'the canvas is unchanged');

  // The next edit saves as usual.
  await page.locator('.outline-item[data-block-id="hero"]').click();
  const title = `После отказа ${Date.now()}`;
  await page.locator('.properties input[type=text]').first().fill(title);
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor({ timeout: 15_000 });
  const home = (await draft()).pages.home;
  assert.ok(JSON.stringify(home.blocks[0]).includes(title));
  assert.ok(!JSON.stringify(home).includes('Строка 1200'), 'the refused paste never reached the draft');
});

test('a draft the rules refuse names the page, block and field, selects it, and saves once corrected', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  await page.locator('.outline-item[data-block-id="p-intro"]').click();
  await insert(page, 'заголовок');
  await announcer(page).filter({ hasText: 'Добавлен блок «Заголовок' }).waitFor();
  const field = page.getByLabel('Текст заголовка');
  await field.fill('');
  // Select another block: the refusal must bring the heading back.
  await page.locator('.outline-item[data-block-id="hero"]').click();
  const status = saveState(page).filter({ hasText: 'Не сохранено' });
  await status.waitFor({ timeout: 15_000 });
  const text = await status.textContent();
  assert.match(text, /на странице «[^»]+» в блоке «Заголовок/);
  assert.match(text, /«Текст заголовка»/);
  assert.ok(!/blocks\[|pages\./.test(text), `no JSON path in «${text}»`);
  await page.locator('.outline-item.current[data-block-id^="heading-"]').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'workspace-refused-draft.png') });
  await field.fill('Исправленный заголовок');
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor({ timeout: 15_000 });
  assert.ok(JSON.stringify((await draft()).pages.home).includes('Исправленный заголовок'));
  // Leave the demo as it was.
  await page.locator('.outline-item.current[data-block-id^="heading-"]').focus();
  await page.keyboard.press('Delete');
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor({ timeout: 15_000 });
});

test('edits restored after a reload are announced and can be discarded', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  await page.route('**/api/sites/kasimov/draft', (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue()));
  const blocks = () => page.locator('.outline-item').count();
  const before = await blocks();
  await page.locator('.outline-item[data-block-id="p-intro"]').click();
  await page.locator('.outline-item[data-block-id="p-intro"]').focus();
  await page.keyboard.press('Control+d');
  await announcer(page).filter({ hasText: 'Создана копия' }).waitFor();
  const copy = await page.locator('.outline-item.current').getAttribute('data-block-id');
  await page.keyboard.press('Control+s');
  await saveState(page).filter({ hasText: /Не сохранено/ }).waitFor();
  // Still no connection for saving after the reload: the restored edits wait on screen.
  await page.reload();
  await page.screenshot({ path: join(ARTIFACTS, 'workspace-restored.png') });
  await page.getByText('Восстановлены несохранённые правки', { exact: false }).waitFor();
  assert.equal(await blocks(), before + 1, 'the restored copy is shown');
  await page.getByRole('button', { name: 'Отбросить их' }).click();
  await announcer(page).filter({ hasText: 'отброшены' }).waitFor();
  assert.equal(await blocks(), before, 'the server draft is shown');
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor();
  await page.unroute('**/api/sites/kasimov/draft');
  assert.ok(!(await draft()).pages.home.blocks.some((b) => b.id === copy), 'nothing was saved');
  await page.reload();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  assert.equal(await page.getByText('Восстановлены несохранённые правки', { exact: false }).count(), 0, 'the local copy is gone');
});

test('headings and texts are edited in place on the canvas, with the same undo and no markup', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  await page.locator('.outline-item[data-block-id="p-intro"]').click();
  await insert(page, 'заголовок');
  await announcer(page).filter({ hasText: 'Добавлен блок «Заголовок' }).waitFor();
  const id = await page.locator('.outline-item.current').getAttribute('data-block-id');
  const heading = preview(page).locator(`[data-block="${id}"]`);
  await heading.dblclick();
  await preview(page).locator(`[data-block="${id}"][contenteditable]`).waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Заголовок на месте');
  // The same field in the properties panel follows, and so does the outline.
  await page.waitForFunction(() => document.querySelector('.properties input[type=text]')?.value === 'Заголовок на месте');
  await page.locator(`.outline-item[data-block-id="${id}"]`, { hasText: 'Заголовок на месте' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'workspace-in-place.png') });
  // Ctrl+Z while typing on the canvas undoes the typing as one step, as in the panel.
  await page.keyboard.press('Control+z');
  await heading.filter({ hasText: 'Новый заголовок' }).waitFor();
  assert.equal(await preview(page).locator('[contenteditable]').count(), 0, 'typing ended');

  // A text: what is typed becomes structured rich text, never markup.
  const text = preview(page).locator('[data-block="p-intro"]');
  await text.dblclick();
  await preview(page).locator('[data-block="p-intro"][contenteditable]').waitFor();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Дополнено на холсте.');
  await page.keyboard.press('Escape');
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor({ timeout: 15_000 });
  const intro = (await draft()).pages.home.blocks.find((b) => b.id === 'p-intro');
  const stored = JSON.stringify(intro.content);
  assert.ok(stored.includes('Дополнено на холсте.'), stored);
  assert.ok(!/<[a-z]/i.test(stored), 'no markup in the document');
  assert.ok(intro.content.every((block) => ['paragraph', 'heading', 'list', 'quote'].includes(block.kind)));
});

test('an administrator who opens no site lands on the overview; an operator gets a viewer', async () => {
  const context = await pool.open();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/admin/`, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Логин', { exact: true }).fill(ACCOUNTS.administrator.login);
  await page.getByLabel('Пароль', { exact: true }).fill(ACCOUNTS.administrator.password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { name: 'Сводка по сайтам' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Сводка по сайтам' }).getAttribute('aria-pressed'), 'true');

  // The operator may only look: what they cannot do is not offered at all.
  const viewer = await openConstructor(await pool.open(), 'kasimov', ACCOUNTS.operator);
  await viewer.getByTestId('save-state').filter({ hasText: 'Только просмотр' }).waitFor();
  for (const name of ['Опубликовать', 'Сохранить', 'Отменить']) {
    assert.equal(await viewer.getByRole('button', { name, exact: true }).count(), 0, `no «${name}»`);
  }
  assert.equal(await viewer.locator('.palette').count(), 0, 'no palette');
  const blocks = await viewer.locator('.outline-item').count();
  await viewer.locator('.outline-item[data-block-id="p-intro"]').click();
  // Shortcuts change nothing either (the reducer ignores edits for a read-only account).
  await viewer.keyboard.press('Control+d');
  await viewer.keyboard.press('Delete');
  assert.equal(await viewer.locator('.outline-item').count(), blocks, 'no copy made, nothing deleted');
  assert.notEqual(await viewer.locator('.properties fieldset.block-fields').first().getAttribute('disabled'), null, 'the fields are shown, disabled');
  assert.equal(await viewer.locator('.properties .rich-text-area').getAttribute('contenteditable'), 'false', 'the text is shown, not editable');
  await viewer.screenshot({ path: join(ARTIFACTS, 'workspace-operator-viewer.png') });
});
