// Every public page of every demo site, in the usual and the accessible version, at 640 px
// (a 1280 px screen zoomed to 200 %, decree 102 item «б»): zero axe-core violations, no
// horizontal scroll (also at 320 px), a skip link as the first thing Tab reaches that leads to
// the one `main`, a banner and a contentinfo landmark; also a title that names the page, no
// link that says only «подробнее», nothing that moves or reloads by itself. Pages come from each site's own
// sitemap.xml, so a page added to a demo site is checked without touching this file; the
// 404 page of each site is checked as well.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';

const SITES = ['mincifra', 'kasimov', 'school7', 'gb4'];
const ZOOMED = { width: 640, height: 800 };
const PHONE = 320;

// The accessible version at its largest font, one colour scheme per site so that the four
// non-default schemes are all covered (`edge/src/accessible.rs` reads this cookie).
const A11Y_COOKIES = { mincifra: 'z4c1', kasimov: 'z4c2', school7: 'z4c3', gb4: 'z4c4i2' };

/** The page paths a site's sitemap lists (its `<loc>`s are absolute: keep the path only). */
async function sitemapPaths(site) {
  const res = await fetch(`${BASE_URL}/s/${site}/sitemap.xml`);
  assert.equal(res.status, 200, `sitemap of ${site}`);
  const xml = await res.text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(paths.length > 0, `the sitemap of ${site} lists pages`);
  return paths;
}

const PAGES = Object.fromEntries(await Promise.all(SITES.map(async (site) => [site, await sitemapPaths(site)])));

// bypassCSP only so that axe can be injected; the pages themselves carry no script.
// One context and one tab for the whole file: a navigation is far cheaper than a new tab.
const context = await launch({ bypassCSP: true, viewport: ZOOMED });
const page = await context.newPage();
after(() => context.close());

/** What the checks below read from the page in one round trip. */
function landmarks() {
  const byRole = (tag, role) =>
    [...document.querySelectorAll(`${tag},[role=${role}]`)].filter((el) => {
      // `header` / `footer` are banner / contentinfo only outside sectioning content.
      if (el.getAttribute('role') === role) return true;
      if (el.hasAttribute('role')) return false;
      return tag === 'main' || !el.parentElement.closest('article,aside,main,nav,section');
    }).length;
  const active = document.activeElement;
  const href = active?.getAttribute('href') ?? '';
  const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
  const main = document.querySelector('main');
  // Link texts that say nothing out of context (decree 102 item «ж»).
  const vague = /^(здесь|тут|сюда|ссылка|подробнее|далее|ещё|читать( далее| полностью)?|перейти|скачать|click here|more)\.?$/i;
  const h1 = document.querySelector('h1')?.textContent.trim() ?? '';
  return {
    mains: byRole('main', 'main'),
    titled: h1 !== '' && document.title.startsWith(`${h1} — `),
    vagueLinks: [...document.querySelectorAll('a[href]')]
      .filter((a) => !a.hasAttribute('aria-label') && !a.hasAttribute('aria-describedby') && vague.test(a.textContent.trim()))
      .map((a) => a.textContent.trim()),
    // Moving, blinking or self-updating content (item «к»): none on public pages.
    moving: [
      ...document.getAnimations().map((a) => `animation ${a.animationName ?? a.constructor.name}`),
      ...[...document.querySelectorAll('marquee,blink,[autoplay],meta[http-equiv=refresh i]')].map((el) => el.tagName.toLowerCase()),
    ],
    banners: byRole('header', 'banner'),
    contentinfos: byRole('footer', 'contentinfo'),
    firstFocused: active && active !== document.body ? `${active.tagName.toLowerCase()} «${active.textContent.trim()}»` : 'nothing',
    targetsMain: Boolean(target && main && (target === main || main.contains(target))),
    scrollWidth: document.documentElement.scrollWidth,
  };
}

async function checkPage(path, status) {
  await page.setViewportSize(ZOOMED);
  const response = await page.goto(`${BASE_URL}${path}`);
  assert.equal(response.status(), status);
  // Focus starts at the document: the first Tab must land on the skip link.
  await page.keyboard.press('Tab');
  const found = await page.evaluate(landmarks);
  assert.match(found.firstFocused, /^a «Перейти к содержимому»$/, 'the skip link is the first thing Tab reaches');
  assert.ok(found.targetsMain, 'the skip link leads into main');
  assert.equal(found.mains, 1, 'exactly one main landmark');
  assert.equal(found.banners, 1, 'one banner (the site header)');
  assert.equal(found.contentinfos, 1, 'one contentinfo (the site footer)');
  assert.ok(found.titled, 'the title names the page: «<h1> — <site>»');
  assert.deepEqual(found.vagueLinks, [], 'every link says where it leads');
  assert.deepEqual(found.moving, [], 'nothing moves, blinks or reloads by itself');
  assert.ok(found.scrollWidth <= ZOOMED.width, `no horizontal scroll at ${ZOOMED.width}px (${found.scrollWidth}px)`);
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: PHONE, height: 640 });
  const phoneWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(phoneWidth <= PHONE, `no horizontal scroll at ${PHONE}px (${phoneWidth}px)`);
}

for (const site of SITES) {
  for (const version of ['usual', 'accessible']) {
    describe(`${site}, ${version} version`, () => {
      before(async () => {
        await context.clearCookies();
        if (version === 'accessible') {
          const url = new URL(BASE_URL);
          await context.addCookies([{ name: 'civic_a11y', value: A11Y_COOKIES[site], domain: url.hostname, path: `/s/${site}/` }]);
        }
      });

      test('is the version asked for', async () => {
        await page.goto(`${BASE_URL}/s/${site}/`);
        const panel = page.getByRole('navigation', { name: 'Настройки версии для слабовидящих' });
        assert.equal(await panel.count(), version === 'accessible' ? 1 : 0);
      });

      for (const path of PAGES[site]) {
        test(path, () => checkPage(path, 200));
      }
      test(`${`/s/${site}/`}no-such-page (404)`, () => checkPage(`/s/${site}/no-such-page`, 404));
    });
  }
}
