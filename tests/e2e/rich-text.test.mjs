// The rich-text editor in a real Chromium against the real worker: typing, bold, a list and a
// link reach the preview and are stored as structured runs; hostile HTML pasted in leaves text
// only, and nothing of it runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, launch, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';

const editor = await signIn(ACCOUNTS.editors.mincifra);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = JSON.parse(readFileSync(join(root, 'shared/demo/mincifra.json'), 'utf8'));
const seedIntro = SEED.pages.home.blocks.find((b) => b.id === 'p-intro');

const preview = (page) => page.frameLocator('iframe.preview');
const intro = (page) => preview(page).locator('[data-block="p-intro"]');
const saveState = (page) => page.getByTestId('save-state');

/** The p-intro block of the stored draft. */
async function storedIntro() {
  const { document } = await editor.json('/api/sites/mincifra/draft');
  return document.pages.home.blocks.find((b) => b.id === 'p-intro');
}

let context;
let page;
const dialogs = [];

before(async () => {
  // Start from the seeded text whatever earlier runs left in the draft.
  const { version, document } = await editor.json('/api/sites/mincifra/draft');
  const blocks = document.pages.home.blocks;
  blocks[blocks.findIndex((b) => b.id === 'p-intro')] = seedIntro;
  const res = await editor.call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(res.status, 200, await res.text());

  // axe is added to the page as a script: the constructor's CSP would refuse it.
  context = await launch({ bypassCSP: true });
  page = await openConstructor(context, 'mincifra');
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.locator('[data-block-id="p-intro"]').click();
});
after(async () => context?.close());

/** Waits until a toolbar button shows itself pressed. */
async function pressed(button) {
  await button.and(page.locator('[aria-pressed="true"]')).waitFor();
}

/** Selects the first occurrence of `text` inside the editor, as a user's drag would. */
async function select(area, text) {
  await area.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(wanted);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return;
      }
    }
    throw new Error(`no text ${wanted}`);
  }, text);
}

test('typing, Ctrl+B, a list and a link reach the preview and are stored as runs', async () => {
  const area = page.getByRole('textbox', { name: 'Текст', exact: true });
  const toolbar = page.getByRole('toolbar', { name: 'Оформление текста' });
  assert.equal(await area.getAttribute('aria-multiline'), 'true');
  assert.equal(await area.getAttribute('contenteditable'), 'true');
  await intro(page).locator('strong', { hasText: 'развитие связи' }).waitFor();
  assert.equal(await area.locator('strong', { hasText: 'развитие связи' }).count(), 1, 'the stored bold run is shown bold');

  // Type at the end: the preview follows, and the burst is one undo step.
  await area.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Приём ведётся ежедневно.');
  await intro(page).filter({ hasText: 'граждан. Приём ведётся ежедневно.' }).waitFor();
  await page.keyboard.press('Control+z');
  await intro(page).filter({ hasText: 'Приём' }).waitFor({ state: 'detached' });
  assert.ok(!(await area.innerText()).includes('Приём'), 'undo took the whole burst back, in the editor too');
  await page.keyboard.press('Control+Shift+z');
  await intro(page).filter({ hasText: 'граждан. Приём ведётся ежедневно.' }).waitFor();

  // Ctrl+B on the last word.
  await area.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+b');
  await intro(page).locator('strong', { hasText: /^ежедневно$/ }).waitFor();
  await pressed(toolbar.getByRole('button', { name: 'Жирный' }));

  // A bulleted list of two items after the paragraph.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Маркированный список' }).click();
  await page.keyboard.type('Госуслуги');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Связь в сёлах');
  await intro(page).locator('ul > li', { hasText: 'Связь в сёлах' }).waitFor();
  await pressed(toolbar.getByRole('button', { name: 'Маркированный список' }));

  // A link on «Госуслуги»: the inline field refuses a script address, takes an https one.
  await select(area, 'Госуслуги');
  await toolbar.getByRole('button', { name: 'Ссылка' }).click();
  const address = page.getByLabel('Адрес ссылки');
  await address.fill('javascript:alert(1)');
  await address.press('Enter');
  await page.locator('.rich-link-form .field-error').waitFor();
  assert.equal(await address.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), [], 'the editor with its link field is accessible');
  await page.locator('.properties').screenshot({ path: join(ARTIFACTS, 'rich-text-link.png') });
  await address.fill('https://www.gosuslugi.ru/');
  await address.press('Enter');
  await intro(page).locator('a[href="https://www.gosuslugi.ru/"]', { hasText: 'Госуслуги' }).waitFor();
  await address.waitFor({ state: 'detached' });

  await page.locator('.properties').screenshot({ path: join(ARTIFACTS, 'rich-text-editor.png') });

  await page.keyboard.press('Control+s');
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor();
  const block = await storedIntro();
  const json = JSON.stringify(block);
  assert.ok(!json.includes('<'), `no markup is stored: ${json}`);
  const [paragraph, list] = block.content;
  assert.equal(paragraph.kind, 'paragraph');
  assert.deepEqual(paragraph.runs.filter((r) => r.bold).map((r) => r.text.trim()), [
    'развитие связи, цифровых сервисов и информационную безопасность',
    'ежедневно',
  ]);
  assert.equal(paragraph.runs.map((r) => r.text).join(''), `${seedIntro.content[0].runs.map((r) => r.text).join('')} Приём ведётся ежедневно.`);
  assert.deepEqual(list, {
    kind: 'list',
    ordered: false,
    items: [[{ text: 'Госуслуги', link: 'https://www.gosuslugi.ru/' }], [{ text: 'Связь в сёлах' }]],
  });
});

test('hostile HTML pasted in gives its text only, and nothing of it runs', async () => {
  const area = page.getByRole('textbox', { name: 'Текст', exact: true });
  await area.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.getByRole('toolbar', { name: 'Оформление текста' }).getByRole('button', { name: 'Абзац' }).click();
  await area.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/html', '<img src=x onerror=alert(1)>hello<script>alert(2)</script>');
    data.setData('text/plain', 'hello');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await intro(page).locator('p', { hasText: /^hello$/ }).waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(dialogs, [], 'no script ran');
  assert.equal(await area.locator('img, script').count(), 0, 'the editor holds no foreign element');
  assert.equal(await intro(page).locator('img, script').count(), 0, 'the preview neither');

  // The paste is one undo step.
  await page.keyboard.press('Control+z');
  await intro(page).locator('p', { hasText: /^hello$/ }).waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Shift+z');
  await intro(page).locator('p', { hasText: /^hello$/ }).waitFor();

  await page.keyboard.press('Control+s');
  await saveState(page).filter({ hasText: 'Все изменения сохранены' }).waitFor();
  const block = await storedIntro();
  const json = JSON.stringify(block);
  assert.ok(!json.includes('<') && !json.includes('alert') && !json.includes('onerror'), json);
  assert.deepEqual(block.content.at(-1), { kind: 'paragraph', runs: [{ text: 'hello' }] });
  assert.deepEqual(dialogs, []);
});
