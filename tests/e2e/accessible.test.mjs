// The accessible version («Версия для слабовидящих») as a visitor uses it, with no script:
// turn it on from the header, choose colours, font size and pictures, keep the choice on
// other pages (cookie), switch back; zero axe-core violations in two colour schemes at desktop
// and phone widths, and no horizontal scroll at the largest font on a phone.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, launch } from '../support/browser.mjs';
import { get } from '../support/http.mjs';
import { axeViolations } from '../support/axe.mjs';

const HOME = `${BASE_URL}/s/mincifra/`;
const PANEL = 'Настройки версии для слабовидящих';

// bypassCSP only so that axe can be injected; the pages themselves carry no script.
const context = await launch({ bypassCSP: true });
after(() => context.close());

/** A fresh visitor: no cookies from earlier tests. */
async function freshPage(viewport = { width: 1280, height: 900 }) {
  await context.clearCookies();
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  return page;
}

function panel(page) {
  return page.getByRole('navigation', { name: PANEL });
}

/** Follows a panel link the way a visitor does and waits for the page to come back. */
async function choose(page, group, name) {
  const link = panel(page).getByRole('group', { name: group }).getByRole('link', { name, exact: true });
  await Promise.all([page.waitForNavigation(), link.click()]);
  await panel(page).waitFor();
}

const colors = (page, selector) =>
  page.locator(selector).first().evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, background: style.backgroundColor };
  });

test('a visitor turns on the accessible version, chooses white on black and the largest font', async () => {
  const page = await freshPage();
  await page.goto(`${HOME}kontakty`);
  assert.equal(await panel(page).count(), 0, 'the usual version has no panel');

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Версия для слабовидящих' }).click()]);
  assert.equal(page.url(), `${HOME}kontakty`, 'comes back to the same page');
  await panel(page).waitFor();

  await choose(page, 'Цвета', 'Белый текст на чёрном фоне');
  await choose(page, 'Размер шрифта', '200%');
  assert.equal(page.url(), `${HOME}kontakty`);

  assert.deepEqual(await colors(page, 'body'), { color: 'rgb(255, 255, 255)', background: 'rgb(0, 0, 0)' });
  assert.deepEqual(await colors(page, '.site-header'), { color: 'rgb(255, 255, 255)', background: 'rgb(0, 0, 0)' });
  const rootSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(rootSize, '32px', 'the root font is at 200 %');
  const current = panel(page).getByRole('link', { name: 'Белый текст на чёрном фоне' });
  assert.equal(await current.getAttribute('aria-current'), 'true', 'the choice is marked');
  await page.screenshot({ path: join(ARTIFACTS, 'a11y-white-on-black-1280.png'), fullPage: true });

  // The choice is remembered on another page.
  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'О министерстве' }).click();
  await page.waitForURL(`${HOME}o-ministerstve`);
  assert.deepEqual(await colors(page, 'main'), { color: 'rgb(255, 255, 255)', background: 'rgb(0, 0, 0)' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '32px');
  assert.deepEqual(await axeViolations(page), []);

  // Back to the usual version.
  await Promise.all([page.waitForNavigation(), panel(page).getByRole('link', { name: 'Обычная версия' }).click()]);
  assert.equal(page.url(), `${HOME}o-ministerstve`);
  assert.equal(await panel(page).count(), 0);
  assert.equal((await colors(page, 'body')).background, 'rgb(244, 246, 249)', 'the site colours are back');
  assert.equal(await page.getByRole('link', { name: 'Версия для слабовидящих' }).count(), 1);
  await page.close();
});

test('pictures can be switched off (alt text shown) and made greyscale', async () => {
  const page = await freshPage();
  await page.goto(HOME);
  assert.equal(await page.locator('main img').count(), 1);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Версия для слабовидящих' }).click()]);

  await choose(page, 'Изображения', 'Не показывать');
  assert.equal(await page.locator('img').count(), 0, 'no picture is loaded');
  const standIn = page.locator('main .img-alt');
  assert.equal(await standIn.isVisible(), true);
  assert.match(await standIn.innerText(), /Изображение:\s*Здание правительства Рязанской области, вид с площади/);

  await choose(page, 'Изображения', 'Чёрно-белые');
  assert.equal(await page.locator('main img').evaluate((img) => getComputedStyle(img).filter), 'grayscale(1)');
  await page.close();
});

test('other settings reach the page: serif font, letter and line spacing', async () => {
  const page = await freshPage();
  await page.goto(`${HOME}_a11y?set=on&back=/s/mincifra/`);
  await choose(page, 'Шрифт', 'С засечками');
  await choose(page, 'Интервал между буквами', 'Большой');
  await choose(page, 'Межстрочный интервал', 'Двойной');
  const style = await page.locator('main p').first().evaluate((el) => {
    const s = getComputedStyle(el);
    return { font: s.fontFamily, letters: parseFloat(s.letterSpacing) / parseFloat(s.fontSize), lines: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
  });
  assert.match(style.font, /serif/);
  assert.ok(Math.abs(style.letters - 0.2) < 0.01, `letter spacing 0.2em (${style.letters})`);
  assert.ok(Math.abs(style.lines - 3.2) < 0.01, `double line spacing (${style.lines})`);
  await page.close();
});

// Two schemes, two widths: zero violations, no horizontal scroll even at the largest font.
const SCHEMES = [
  { name: 'Белый текст на чёрном фоне', set: 'c1', file: 'white-on-black' },
  { name: 'Тёмно-синий текст на голубом фоне', set: 'c2', file: 'blue' },
  { name: 'Зелёный текст на тёмно-коричневом фоне', set: 'c4', file: 'green-on-brown' },
];
const WIDTHS = [{ width: 1280, height: 900 }, { width: 375, height: 740 }];

for (const scheme of SCHEMES) {
  for (const viewport of WIDTHS) {
    test(`«${scheme.name}» at ${viewport.width}px, largest font: no violations, no horizontal scroll`, async () => {
      const page = await freshPage(viewport);
      await page.goto(`${HOME}_a11y?set=${scheme.set}z4&back=/s/mincifra/`);
      assert.equal(page.url(), HOME);
      await panel(page).waitFor();
      assert.deepEqual(await axeViolations(page), []);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= viewport.width, `no horizontal scroll (${scrollWidth}px)`);
      await page.screenshot({ path: join(ARTIFACTS, `a11y-${scheme.file}-${viewport.width}.png`), fullPage: viewport.width > 400 });
      await page.goto(`${HOME}no-such-page`);
      assert.deepEqual(await axeViolations(page), [], 'the 404 page too');
      await page.close();
    });
  }
}

test('the settings route sets a scoped cookie, redirects 303 and never leaves the site', async () => {
  const ok = await get('/s/mincifra/_a11y?set=c1&back=/s/mincifra/kontakty');
  assert.equal(ok.status, 303);
  assert.equal(new URL(ok.headers.location).pathname, '/s/mincifra/kontakty');
  assert.match(ok.headers['set-cookie'][0], /^civic_a11y=z1f0l0h0c1i0; Path=\/s\/mincifra\/; Max-Age=31536000; SameSite=Lax; HttpOnly$/);

  for (const back of ['https://evil.example/', '//evil.example/', '/s/other/', '/\\evil.example']) {
    const res = await get(`/s/mincifra/_a11y?set=c1&back=${encodeURIComponent(back)}`);
    const location = new URL(res.headers.location);
    assert.equal(location.host, new URL(BASE_URL).host, `stays on this host for ${back}`);
    assert.equal(location.pathname, '/s/mincifra/');
  }

  const byHost = await get('/_a11y?set=off&back=/kontakty', { Host: 'mincifra.civic.localhost' });
  assert.equal(byHost.status, 303);
  assert.equal(new URL(byHost.headers.location).pathname, '/kontakty');
  assert.match(byHost.headers['set-cookie'][0], /^civic_a11y=; Path=\/; Max-Age=0;/);
});

test('both versions of a page are cached apart and say Vary: Cookie', async () => {
  const usual = await fetch(`${HOME}kontakty`);
  const accessible = await fetch(`${HOME}kontakty`, { headers: { Cookie: 'civic_a11y=c3' } });
  assert.equal(usual.headers.get('vary'), 'Cookie');
  assert.equal(accessible.headers.get('vary'), 'Cookie');
  assert.notEqual(usual.headers.get('etag'), accessible.headers.get('etag'));
  const [usualHtml, accessibleHtml] = [await usual.text(), await accessible.text()];
  assert.ok(!usualHtml.includes('a11y-panel"'));
  assert.ok(accessibleHtml.includes('<nav class="a11y-panel"'));
  // Each variant's CSP pins its own stylesheet.
  assert.notEqual(usual.headers.get('content-security-policy'), accessible.headers.get('content-security-policy'));
  const again = await fetch(`${HOME}kontakty`);
  assert.equal(await again.text(), usualHtml, 'the usual version is not polluted by the cached accessible one');
});
