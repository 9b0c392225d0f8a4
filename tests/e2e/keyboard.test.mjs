// A demo site with the keyboard only (decree 102 item «а», GOST R 52872-2019 2.1.1, 2.1.2,
// 2.4.1, 2.4.3, 2.4.7): the first Tab reaches the skip link and Enter on it moves focus into
// main; Tab reaches the main menu and «Версия для слабовидящих»; the accessible version is
// turned on and its settings changed with Tab and Enter alone; every stop on the way shows
// a focus indicator; Tab leaves the page through the footer (no trap); at 375 px with
// JavaScript off the whole menu is on screen and reachable; pointing at things changes nothing;
// in the constructor, Tab goes round every control with a visible focus and never gets stuck.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openConstructor } from '../support/browser.mjs';

const HOME = `${BASE_URL}/s/mincifra/`;
const MENU = 'Основное меню';
const PANEL = 'Настройки версии для слабовидящих';
/** More stops than any demo page has: reaching it means focus is stuck somewhere. */
const MAX_STOPS = 400;

const context = await launch();
after(() => context.close());

/** The focused element as the checks see it: where it is and how its focus is drawn. */
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const nav = el.closest('nav');
  // An outline drawn outside the element lies over what is behind it; one drawn inside (a
  // negative offset, the skip link's) over the element's own background.
  let behind = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
  while (behind && ['transparent', 'rgba(0, 0, 0, 0)'].includes(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement;
  return {
    tag: el.tagName.toLowerCase(),
    text: el.textContent.trim().replace(/\s+/g, ' '),
    href: el.getAttribute('href'),
    region: el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : el.closest('header') ? 'header' : nav ? 'nav' : 'other',
    nav: nav?.getAttribute('aria-label') ?? null,
    outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor },
    boxShadow: style.boxShadow,
    behind: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
    onScreen: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.left < window.innerWidth,
  };
}

/** Presses Tab and returns the newly focused element (null: focus left the page). */
async function tab(page) {
  await page.keyboard.press('Tab');
  return page.evaluate(describeFocus);
}

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a, b) {
  const luminance = (color) => {
    const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * A focus indicator the eye can see (WCAG 2.4.7, and 1.4.11's 3:1 for what shows a state):
 * an outline at least 2px wide with a contrast of 3:1 against what is behind it.
 */
function assertVisibleFocus(stop) {
  const ratio = contrast(stop.outline.color, stop.behind);
  const outlined = stop.outline.style !== 'none' && stop.outline.width >= 2 && ratio >= 3;
  const shadowed = stop.boxShadow !== 'none';
  assert.ok(outlined || shadowed, `«${stop.text}» (${stop.tag}, ${stop.region}) shows its focus: ${JSON.stringify(stop.outline)} on ${stop.behind} (${ratio.toFixed(2)}:1), shadow ${stop.boxShadow}`);
  assert.ok(stop.onScreen, `«${stop.text}» is on screen when focused`);
}

/** Tabs until `wanted` matches a stop, checking every stop on the way; returns that stop. */
async function tabTo(page, wanted, what) {
  for (let i = 0; i < MAX_STOPS; i++) {
    const stop = await tab(page);
    if (!stop) continue;
    assertVisibleFocus(stop);
    if (wanted(stop)) return stop;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Presses Enter on the focused link and waits for the page it leads to. */
async function enter(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function freshPage(viewport = { width: 1280, height: 900 }) {
  await context.clearCookies();
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  return page;
}

test('the first Tab reaches the skip link, visibly; Enter on it moves focus into main', async () => {
  const page = await freshPage();
  await page.goto(HOME);
  const first = await tab(page);
  assert.equal(first?.text, 'Перейти к содержимому');
  assert.equal(first.href, '#content');
  assertVisibleFocus(first);

  await page.keyboard.press('Enter');
  await page.waitForURL(`${HOME}#content`);
  const focused = await page.evaluate(() => document.activeElement.closest('main') !== null);
  assert.ok(focused, 'focus is in main after the skip link');
  const next = await tab(page);
  assert.equal(next?.region, 'main', `the next Tab goes on inside main (went to «${next?.text}»)`);
  await page.close();
});

test('Tab walks the page: the menu, the accessible version, main and the footer, then leaves it', async () => {
  const page = await freshPage();
  await page.goto(HOME);
  const menu = await page.getByRole('navigation', { name: MENU }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const stops = [];
  let left = false;
  for (let i = 0; i < MAX_STOPS; i++) {
    const stop = await tab(page);
    if (!stop) {
      left = true;
      break;
    }
    assertVisibleFocus(stop);
    stops.push(stop);
    // Focus back on the skip link also means it went round.
    if (stops.length > 1 && stop.text === 'Перейти к содержимому') {
      left = true;
      break;
    }
  }
  assert.ok(left, `Tab leaves the page after at most ${MAX_STOPS} stops (no keyboard trap)`);
  const regions = stops.map((s) => s.region);
  assert.ok(stops.some((s) => s.text === 'Версия для слабовидящих'), 'the accessible version is reachable');
  assert.deepEqual(stops.filter((s) => s.nav === MENU).map((s) => s.href), menu, 'every menu link, in order');
  assert.ok(regions.includes('main') && regions.includes('footer'), 'main and the footer are reached');
  // Reading order: header, menu, content, footer (decree 102 item «а»: order follows meaning).
  const order = ['header', 'nav', 'main', 'footer'];
  const firstOf = order.map((r) => regions.indexOf(r));
  assert.deepEqual([...firstOf].sort((a, b) => a - b), firstOf, `regions in reading order: ${regions.join(' ')}`);
  await page.close();
});

test('with the keyboard only, a visitor turns on the accessible version and changes its settings', async () => {
  const page = await freshPage();
  await page.goto(`${HOME}kontakty`);
  await tabTo(page, (s) => s.text === 'Версия для слабовидящих', '«Версия для слабовидящих»');
  await enter(page);
  assert.equal(page.url(), `${HOME}kontakty`, 'back on the same page');
  const panel = page.getByRole('navigation', { name: PANEL });
  await panel.waitFor();

  // The panel comes right after the skip link, so its choices are a few Tabs away.
  await tabTo(page, (s) => s.nav === PANEL && s.text === 'Белый текст на чёрном фоне', 'the white-on-black scheme');
  await enter(page);
  const colors = await page.locator('body').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  assert.deepEqual(colors, ['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);

  await tabTo(page, (s) => s.nav === PANEL && s.text === '200%', 'the largest font');
  await enter(page);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '32px');

  await tabTo(page, (s) => s.nav === PANEL && s.text === 'С засечками', 'the serif font');
  await enter(page);
  assert.match(await page.locator('main').evaluate((el) => getComputedStyle(el).fontFamily), /serif/);

  // The focus indicator stays visible in the chosen scheme, all the way to the footer.
  await tabTo(page, (s) => s.region === 'footer', 'the footer');

  // Tab goes round to the top again, where the panel is.
  await tabTo(page, (s) => s.nav === PANEL && s.text === 'Обычная версия', '«Обычная версия»');
  await enter(page);
  assert.equal(await panel.count(), 0, 'the usual version is back');
  await page.close();
});

test('at 375 px with JavaScript off, the whole main menu is on screen and reachable by Tab', async () => {
  const phone = await launch({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
  try {
    const page = await phone.newPage();
    await page.goto(HOME);
    const links = page.getByRole('navigation', { name: MENU }).getByRole('link');
    const boxes = await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().toJSON()));
    assert.ok(boxes.length >= 5, `the menu has its links (${boxes.length})`);
    for (const box of boxes) {
      assert.ok(box.width > 0 && box.left >= 0 && box.right <= 375, `menu link within the screen: ${JSON.stringify(box)}`);
      // WCAG 2.5.8: targets of at least 24 × 24 CSS px.
      assert.ok(box.height >= 24, `menu link tall enough to tap: ${box.height}px`);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375, 'no horizontal scroll');
    const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    const reached = [];
    for (let i = 0; i < MAX_STOPS && reached.length < hrefs.length; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.closest('nav')?.getAttribute('aria-label') === 'Основное меню' ? el.getAttribute('href') : null;
      });
      if (stop) reached.push(stop);
    }
    assert.deepEqual(reached, hrefs);
  } finally {
    await phone.close();
  }
});

test('the pointer over links and menu items changes nothing but their look (decree 102 item «л»)', async () => {
  const page = await freshPage();
  await page.goto(HOME);
  const snapshot = () => page.evaluate(() => ({ url: location.href, html: document.body.innerHTML.length, focus: document.activeElement?.tagName }));
  const before = await snapshot();
  const targets = page.locator('header a, nav a, main a, main button, main summary, footer a');
  const count = await targets.count();
  assert.ok(count > 10, `enough things to point at (${count})`);
  for (let i = 0; i < count; i++) {
    await targets.nth(i).hover();
  }
  assert.deepEqual(await snapshot(), before, 'same address, same content, same focus');
  await page.close();
});

test('the constructor: Tab goes round the toolbar, pages, palette, outline, canvas and properties, every stop visibly focused', async () => {
  await context.clearCookies();
  const page = await openConstructor(context, 'mincifra');
  await page.setViewportSize({ width: 1366, height: 900 });
  const first = await tab(page);
  assert.ok(first, 'Tab reaches a control');
  const names = [first.text];
  let inCanvas = 0;
  let round = false;
  for (let i = 0; i < MAX_STOPS && !round; i++) {
    const stop = await tab(page);
    if (!stop) continue;
    // Inside the canvas frame the page's own document has the frame focused: its links are the
    // public page's, checked above.
    if (stop.tag === 'iframe') {
      inCanvas++;
      continue;
    }
    assertVisibleFocus(stop);
    round = stop.text === first.text && names.length > 1;
    names.push(stop.text);
  }
  assert.ok(round, `Tab comes back to «${first.text}» (no keyboard trap) after ${names.length} stops`);
  assert.ok(inCanvas > 0, 'the canvas is reachable');
  for (const wanted of ['Опубликовать', 'Главная', '+ Текст', 'Удалить блок']) {
    assert.ok(names.includes(wanted), `«${wanted}» is reachable`);
  }
  await page.close();
});
