// Screenshots of the four demo home pages for the documentation (docs/screenshots/): at 1280 px,
// at 375 px (a phone) and in the accessible version at 1280 px, the whole page down to at most
// 3,000 px. Not a test; re-run after a visible change and look at the pictures.
//   CIVIC_BASE_URL=http://127.0.0.1:8787 node tests/bench/screenshots.mjs [--smoke]
// --smoke (scripts/test.sh): one site's three shots into a temporary directory, removed after;
// docs/screenshots/ is left alone.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch } from '../support/browser.mjs';

const SMOKE = process.argv.includes('--smoke');
const SITES = SMOKE ? ['mincifra'] : ['mincifra', 'kasimov', 'school7', 'gb4'];
const MAX_HEIGHT = 3000;
const SHOTS = [
  { suffix: '1280', viewport: { width: 1280, height: 800 } },
  { suffix: '375', viewport: { width: 375, height: 740 } },
  { suffix: 'accessible-1280', viewport: { width: 1280, height: 800 }, accessible: true },
];
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = SMOKE ? mkdtempSync(join(tmpdir(), 'civic-screenshots-')) : join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const context = await launch();
try {
  const page = await context.newPage();
  for (const site of SITES) {
    for (const shot of SHOTS) {
      await context.clearCookies();
      await page.setViewportSize(shot.viewport);
      const home = `${BASE_URL}/s/${site}/`;
      // The accessible version the way a visitor turns it on: its link, which sets the cookie.
      await page.goto(shot.accessible ? `${home}_a11y?set=on&back=/s/${site}/` : home);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const file = join(out, `${site}-${shot.suffix}.png`);
      await page.screenshot({
        path: file,
        fullPage: true,
        clip: { x: 0, y: 0, width: shot.viewport.width, height: Math.min(height, MAX_HEIGHT) },
      });
      console.log(`${SMOKE ? file : relative(root, file)}  ${shot.viewport.width}×${Math.min(height, MAX_HEIGHT)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
    }
  }
} finally {
  await context.close();
  if (SMOKE) rmSync(out, { recursive: true, force: true });
}
