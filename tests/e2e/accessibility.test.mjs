// Zero axe-core violations in the constructor and on its sign-in form, at desktop and phone
// widths. Public pages (every page of every demo site, both versions) are checked by
// every-page.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openConstructor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';

const context = await launch({ bypassCSP: true });
after(() => context.close());

const WIDTHS = [{ width: 1366, height: 900 }, { width: 320, height: 640 }];

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
