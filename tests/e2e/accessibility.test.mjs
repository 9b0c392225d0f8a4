// Zero axe-core violations on pages of all four demo sites (the ministry's main pages, the home
// page and typical pages of the other three), the 404 page and the constructor,
// at desktop and phone widths.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openConstructor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';

const context = await launch({ bypassCSP: true });
after(() => context.close());

const PAGES = [
  '/s/mincifra/', '/s/mincifra/o-ministerstve', '/s/mincifra/obrashcheniya', '/s/mincifra/obrashcheniya/analiz-obrashcheniy',
  '/s/mincifra/dokumenty', '/s/mincifra/kontakty', '/s/mincifra/no-such-page',
  '/s/kasimov/', '/s/kasimov/administratsiya/struktura',
  '/s/school7/', '/s/school7/sveden/common', '/s/school7/sveden/vacant',
  '/s/gb4/', '/s/gb4/svedeniya/programma-gosgarantiy',
];
const WIDTHS = [{ width: 1366, height: 900 }, { width: 320, height: 640 }];

for (const path of PAGES) {
  for (const viewport of WIDTHS) {
    test(`${path} at ${viewport.width}px has no accessibility violations`, async () => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${BASE_URL}${path}`);
      assert.deepEqual(await axeViolations(page), []);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= viewport.width, `no horizontal scroll (${scrollWidth}px)`);
      await page.close();
    });
  }
}

test('the constructor has no accessibility violations', async () => {
  const page = await openConstructor(context, 'mincifra');
  await page.locator('[data-block-id="hero"]').click();
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('the sign-in form has no accessibility violations, at desktop and phone widths', async () => {
  const fresh = await launch({ bypassCSP: true });
  try {
    const page = await fresh.newPage();
    for (const viewport of WIDTHS) {
      await page.setViewportSize(viewport);
      await page.goto(`${BASE_URL}/admin/`);
      await page.getByRole('heading', { name: 'Вход в конструктор сайтов' }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
    }
  } finally {
    await fresh.close();
  }
});
