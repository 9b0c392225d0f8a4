// Drag and drop in the outline with real mouse events, as a clerk does it: the place aimed at
// before the drag begins is where the indicator shows and where the block lands.
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const editor = await signIn(ACCOUNTS.editors.kasimov);
const pool = contextPool();
// An editor left open goes on autosaving: the next test's save would meet a newer version.
afterEach(() => pool.closeAll());
const original = (await editor.json('/api/sites/kasimov/draft')).document;
after(async () => {
  await pool.closeAll();
  const { version } = await editor.json('/api/sites/kasimov/draft');
  await editor.call('/api/sites/kasimov/draft', { method: 'PUT', body: { base_version: version, document: original } });
});

/** The ids of the page's top-level blocks as the outline lists them. */
const topLevel = (page) =>
  page.locator('.block-tree > li > .outline-item').evaluateAll((items) => items.map((b) => b.dataset.blockId));

/**
 * Presses on `source`, moves in small steps to a point of `target` measured before the drag
 * (the upper or lower quarter of its row), checks the indicator there, and releases.
 */
async function drag(page, source, target, half) {
  const box = await target.boundingBox();
  const point = { x: box.x + box.width / 2, y: box.y + box.height * (half === 'upper' ? 0.25 : 0.75) };
  const from = await source.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(point.x, point.y, { steps: 12 });
  await page.mouse.move(point.x, point.y + 1, { steps: 2 });
  const row = target.locator('xpath=..');
  const shown = await row.evaluate((li) => [...li.classList].find((c) => c === 'drop-before' || c === 'drop-after') ?? '(none)');
  await page.mouse.up();
  return shown;
}

test('a block from the palette lands where it was aimed: above «Текст» and below it', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  const text = page.locator('.outline-item[data-block-id="p-intro"]');
  const before = await topLevel(page);
  const at = before.indexOf('p-intro');

  const shown = await drag(page, page.locator('[data-block-type="button"]'), text, 'upper');
  assert.equal(shown, 'drop-before', 'the indicator showed above «Текст»');
  await page.locator('.outline-item[data-block-id="button-1"]').waitFor();
  let now = await topLevel(page);
  assert.deepEqual(now.slice(at, at + 2), ['button-1', 'p-intro'], `the button is right above the text: ${now}`);

  const below = await drag(page, page.locator('[data-block-type="image"]'), text, 'lower');
  assert.equal(below, 'drop-after', 'the indicator showed below «Текст»');
  await page.locator('.outline-item[data-block-id="image-1"]').waitFor();
  now = await topLevel(page);
  assert.deepEqual(now.slice(at, at + 3), ['button-1', 'p-intro', 'image-1'], `the image is right below the text: ${now}`);
});

test('a block of the page moves where it was aimed, into a section and out again', async () => {
  const page = await openConstructor(await pool.open(), 'kasimov');
  const item = (id) => page.locator(`.outline-item[data-block-id="${id}"]`);
  const before = await topLevel(page);
  const at = before.indexOf('p-intro');
  const moved = before[at + 1];
  // The block after the text, dragged onto the text's upper half, lands right above it.
  assert.equal(await drag(page, item(moved), item('p-intro'), 'upper'), 'drop-before');
  await page.waitForFunction(([id, i]) => [...document.querySelectorAll('.block-tree > li > .outline-item')].map((b) => b.dataset.blockId)[i] === id, [moved, at]);
  assert.deepEqual((await topLevel(page)).slice(at, at + 2), [moved, 'p-intro']);

  // Into a new section's empty place, then out again below the first block.
  await item('p-intro').click();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Быстрые команды' }).fill('раздел');
  await page.keyboard.press('Enter');
  const zone = page.locator('.drop-end[data-drop-parent="section-1"]');
  await zone.waitFor();
  const box = await zone.boundingBox();
  const from = await item('p-intro').boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  assert.match(await zone.getAttribute('class'), /drop-ok/, 'the section shows it takes the block');
  await page.mouse.up();
  await page.locator('.outline-group .outline-item[data-block-id="p-intro"]').waitFor();
  assert.ok(!(await topLevel(page)).includes('p-intro'), 'no longer at the top level');

  assert.equal(await drag(page, item('p-intro'), item(before[0]), 'lower'), 'drop-after');
  await page.waitForFunction(() => [...document.querySelectorAll('.block-tree > li > .outline-item')].map((b) => b.dataset.blockId)[1] === 'p-intro');
  assert.equal((await topLevel(page))[1], 'p-intro', 'out of the section, right after the first block');
});
