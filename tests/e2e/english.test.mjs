// The constructor in English: chosen on the sign-in form, remembered by the browser, every
// panel in English (labels from the block schema too), and back to Russian. Screenshots of
// each view in English go to tests/artifacts/english-*.png. Statuses are the interface's texts too,
// not a label the server made in Russian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, ARTIFACTS, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS } from '../support/session.mjs';

const pool = contextPool();
const newContext = pool.open;

const CYRILLIC = /[А-Яа-яЁё]/;
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

/** The texts of every element `selector` matches, none of which may be Russian. */
async function assertEnglish(page, selector, what) {
  const texts = (await page.locator(selector).allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  assert.ok(texts.length > 0, `${what}: something to read`);
  const russian = texts.filter((t) => CYRILLIC.test(t));
  assert.deepEqual(russian, [], `${what} in English`);
}

test('switch to English on the sign-in form, work in English, reload, switch back', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/admin/?site=mincifra`);

  // A fresh browser gets Russian, with the way to English in English.
  await page.getByRole('heading', { name: 'Вход в конструктор сайтов' }).waitFor();
  assert.equal(await htmlLang(page), 'ru');
  const switchRu = page.getByRole('group', { name: 'Язык интерфейса' });
  assert.equal(await switchRu.getByRole('button', { name: 'Русский' }).getAttribute('aria-pressed'), 'true');
  const english = switchRu.getByRole('button', { name: 'English' });
  assert.equal(await english.getAttribute('lang'), 'en');
  assert.equal(await english.getAttribute('aria-pressed'), 'false');
  await english.click();

  await page.getByRole('heading', { name: 'Sign in to the site builder' }).waitFor();
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.title(), 'Civic site builder');
  const switchEn = page.getByRole('group', { name: 'Interface language' });
  assert.equal(await switchEn.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await switchEn.getByRole('button', { name: 'Русский' }).getAttribute('lang'), 'ru');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Enter your username and password.' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'english-sign-in.png') });

  const { login, password } = ACCOUNTS.editors.mincifra;
  await page.getByLabel('Username', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Page blocks' }).waitFor();

  // The top bar.
  for (const name of ['Undo', 'Redo', 'Save', 'Publish', 'Media library', 'Sign out', 'Pages', 'Site data', 'Publication history']) {
    await page.getByRole('button', { name, exact: true }).waitFor();
  }
  await page.getByRole('link', { name: 'Open site ↗' }).waitFor();
  assert.match(await page.getByTestId('signed-in-user').innerText(), /· editor$/);
  assert.equal(await page.getByRole('group', { name: 'Interface language' }).getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');

  // The palette and the outline: the block schema's English labels.
  await page.getByRole('heading', { name: 'Add a block' }).waitFor();
  assert.equal(await page.locator('#palette-search').getAttribute('placeholder'), 'Find a block');
  await assertEnglish(page, '.palette-item', 'palette entries');
  await page.locator('.palette-item[data-block-type="heading"]', { hasText: '+ Heading' }).waitFor();
  await page.locator('#palette-search').fill('gallery');
  assert.deepEqual(await page.locator('.palette-item').allInnerTexts(), ['+ Gallery']);
  await page.locator('#palette-search').fill('');
  await assertEnglish(page, '.outline-kind', 'block kinds in the outline');

  // The properties panel: field and choice labels, buttons and inline validation.
  await page.getByRole('heading', { name: 'Block properties' }).waitFor();
  await page.getByText('Choose a block in the list on the left to change it.').waitFor();
  await page.locator('[data-block-id="h-welcome"]').click();
  assert.equal(await page.locator('.properties .block-kind').innerText(), 'Heading');
  const heading = page.getByLabel('Heading text', { exact: true });
  await heading.waitFor();
  assert.deepEqual(await page.getByLabel('Level', { exact: true }).locator('option').allInnerTexts(), ['Heading 2', 'Heading 3', 'Heading 4']);
  for (const name of ['↑ Move up', '↓ Move down', 'Delete block']) await page.getByRole('button', { name, exact: true }).waitFor();
  await heading.fill('');
  await page.locator('.properties .field-error', { hasText: 'required field is empty' }).waitFor();
  await page.getByTestId('save-state').filter({ hasText: 'Unsaved changes' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('.properties .field-error').waitFor({ state: 'detached' });
  assert.notEqual(await heading.inputValue(), '');
  await assertEnglish(page, '.properties :is(h2, label, legend, button, option, .block-kind)', 'the properties panel');
  await page.screenshot({ path: join(ARTIFACTS, 'english-constructor.png') });

  // A richer form: a card with an image from the media library.
  await page.locator('[data-block-id="card-internet"]').click();
  await page.getByRole('button', { name: 'Choose from the media library' }).first().waitFor();
  await assertEnglish(page, '.properties :is(h2, label, legend, button, option, .block-kind)', 'the properties of a card');
  await page.screenshot({ path: join(ARTIFACTS, 'english-constructor-card.png') });

  // The browser remembers the choice.
  await page.reload();
  await page.getByRole('heading', { name: 'Page blocks' }).waitFor();
  assert.equal(await htmlLang(page), 'en');
  await page.getByRole('button', { name: 'Publish', exact: true }).waitFor();

  // The site's data: collection titles, column labels and dates as English writes them.
  await page.getByRole('button', { name: 'Site data', exact: true }).click();
  await page.getByRole('heading', { name: 'News', level: 2 }).waitFor();
  await page.getByRole('button', { name: '+ Add item' }).waitFor();
  await page.getByRole('columnheader', { name: /Date/ }).waitFor();
  await page.getByRole('cell', { name: /^\d{4}-\d{2}-\d{2}$/ }).first().waitFor();
  await page.getByRole('button', { name: /^Edit “.+”$/ }).first().waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'english-data.png') });

  // Back to Russian from the top bar, and that is remembered too.
  await page.getByRole('group', { name: 'Interface language' }).getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  assert.equal(await htmlLang(page), 'ru');
  assert.equal(await page.title(), 'Конструктор сайтов Civic');
  await page.getByRole('button', { name: 'Опубликовать', exact: true }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'english-back-to-russian.png') });
  await page.reload();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  assert.equal(await htmlLang(page), 'ru');
});

test('?lang=en opens the constructor in English and is remembered, not repeated in the address', async () => {
  const context = await newContext();
  const page = await openConstructor(context, 'mincifra', undefined, { lang: 'en' });
  assert.equal(await htmlLang(page), 'en');
  assert.ok(!page.url().includes('lang='), `the address forgets ?lang= once it is remembered: ${page.url()}`);
  assert.match(page.url(), /\?site=mincifra$/);
  await page.getByRole('button', { name: 'Save', exact: true }).waitFor();

  // Another page of the same browser, without ?lang=, keeps English.
  const again = await context.newPage();
  await again.goto(`${BASE_URL}/admin/?site=mincifra`);
  await again.getByRole('heading', { name: 'Page blocks' }).waitFor();
  assert.equal(await htmlLang(again), 'en');

  // The media library, with sizes as English writes them.
  await again.getByRole('button', { name: 'Media library', exact: true }).click();
  const dialog = again.getByRole('dialog', { name: 'Media library' });
  await dialog.getByRole('heading', { name: 'Upload a file' }).waitFor();
  await dialog.getByLabel('Image description (alt)').waitFor();
  await assertEnglish(again, '.media-dialog :is(h2, h3, label, legend, button, option)', 'the media library');
  await again.screenshot({ path: join(ARTIFACTS, 'english-media.png') });
});

test('an administrator\'s views in English: sites, users, the activity log, API tokens', async () => {
  const page = await openConstructor(await newContext(), 'mincifra', ACCOUNTS.administrator, { lang: 'en' });
  const views = [
    ['Sites', 'english-sites.png'],
    ['Users', 'english-users.png'],
    ['Activity log', 'english-audit.png'],
    ['API tokens', 'english-tokens.png'],
  ];
  for (const [name, shot] of views) {
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.locator('main table th').or(page.getByText('No tokens yet.')).first().waitFor();
    // Site names (in labels of site pickers) are content, not interface.
    await assertEnglish(page, 'main :is(h2, h3, th, legend, button, label:not(:has(select)))', `the ${name} view`);
    await page.screenshot({ path: join(ARTIFACTS, shot) });
  }
  // The log names actions in English (this sign-in is one of them).
  await page.getByRole('button', { name: 'Activity log', exact: true }).click();
  await page.getByRole('cell', { name: 'Sign-in', exact: true }).first().waitFor();
});

test('statuses in English: the appeals inbox, the support desk, the migration overview, the operator\'s overdue lists', async () => {
  // The operator sees every one of these views; the texts of statuses are the interface's, not the server's.
  const page = await openConstructor(await newContext(), 'school7', ACCOUNTS.operator, { lang: 'en' });

  await page.getByRole('button', { name: 'Appeals', exact: true }).click();
  await page.getByRole('heading', { name: 'Appeals', level: 2 }).waitFor();
  await page.locator('.appeal-status-label').first().waitFor();
  // The operator's «Appeals» are the figures: the overdue appeals by number and status, no text.
  await assertEnglish(page, '.appeal-status-label', 'statuses of the site\'s overdue appeals');

  await page.getByRole('button', { name: 'Support', exact: true }).click();
  await page.getByRole('heading', { name: 'Support', level: 2 }).waitFor();
  await page.locator('td.support-status').first().waitFor();
  await assertEnglish(page, 'td.support-status', 'statuses of support requests');

  await page.getByRole('button', { name: 'Site migration', exact: true }).click();
  await page.locator('table.migration-sites tbody tr').first().waitFor();
  await assertEnglish(page, '.migration-status', 'statuses of the sites\' move');
  await page.locator('tr[data-site="gb4"]').getByRole('button', { name: /^Open: / }).click();
  const title = page.locator('#site-move-title');
  await title.waitFor();
  // The site's name is content; what follows the dash is the status.
  assert.match(await title.innerText(), / — [a-z ]+$/, 'the status of one site\'s move in English');
  const missing = 'section.site-move .missing li';
  if (await page.locator(missing).count()) await assertEnglish(page, missing, 'what keeps the site from «checked»');

  await page.getByRole('button', { name: 'Sites overview', exact: true }).click();
  await page.locator('table.overdue-appeals tbody tr').first().waitFor();
  await assertEnglish(page, 'table.overdue-appeals td[data-label="Status"]', 'statuses of overdue appeals');
  await page.locator('table.overdue-tickets tbody tr').first().waitFor();
  await assertEnglish(page, 'table.overdue-tickets td[data-label="Status"]', 'statuses of overdue support requests');
  await page.screenshot({ path: join(ARTIFACTS, 'english-statuses.png') });
});
