// The constructor's browser benchmark (BENCHMARKS.md): pages of 50, 200, 500 and 1,000 blocks in
// a real Chromium against the real worker. For typing into a paragraph, moving a block and
// deleting a block it measures the time from the input event to the next paint after the
// preview shows the change (two requestAnimationFrame callbacks), p50 and p95; and the time
// from navigation to an editor with its preview on screen. Ratios are against the 50-block
// page measured in the same run (machines here are shared and noisy). Not a test: it asserts
// nothing about time.
//   CIVIC_BASE_URL=http://127.0.0.1:8787 node tests/bench/constructor.mjs [rounds] [--smoke]
// --smoke (scripts/test.sh): the 50-block page only, one round of each action and one fresh tab,
// so that a bench that no longer works against the product fails; its figures mean nothing.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const SIZES = SMOKE ? [50] : [50, 200, 500, 1000];
const ROUNDS = SMOKE ? 1 : Number(args.find((a) => /^\d+$/.test(a)) ?? 30);
const TABS = SMOKE ? 1 : 3;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `count` blocks in all: headings and paragraphs, every tenth a pair of columns with a paragraph each. */
function blocks(count) {
  const out = [];
  let made = 0;
  const text = (id) => ({ type: 'text', id, content: [{ kind: 'paragraph', runs: [{ text: `Абзац ${id}: порядок приёма граждан и сроки ответа.` }] }] });
  for (let i = 0; made < count; i++) {
    if (i % 10 === 9 && count - made >= 3) {
      out.push({ type: 'columns', id: `cols-${i}`, columns: [{ blocks: [text(`c${i}-a`)] }, { blocks: [text(`c${i}-b`)] }] });
      made += 3;
    } else if (i % 2 === 0) {
      out.push({ type: 'heading', id: `h-${i}`, level: 2, text: `Раздел ${i}` });
      made += 1;
    } else {
      out.push(text(`p-${i}`));
      made += 1;
    }
  }
  return out;
}

/** A site whose home page has `count` blocks (made once, reused by later runs). */
async function benchSite(admin, count) {
  const slug = `bench-${count}`;
  // `wrangler dev` answers 503 when its workerd restarts under a request (seen right after the
  // load runs); creating the site again is safe, since 409 means it is there.
  let made;
  for (let attempt = 0; attempt < 3; attempt++) {
    made = await admin.call('/api/sites', { method: 'POST', body: { slug, name: `Тестовый сайт на ${count} блоков`, kind: 'executive_body' } });
    if (made.status !== 503) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  if (![201, 409].includes(made.status)) throw new Error(`site ${slug}: ${made.status} ${await made.text()}`);
  const { version, document } = await admin.json(`/api/sites/${slug}/draft`);
  document.pages.home.blocks = blocks(count);
  const saved = await admin.call(`/api/sites/${slug}/draft`, { method: 'PUT', body: { base_version: version, document } });
  if (saved.status !== 200) throw new Error(`draft of ${slug}: ${saved.status} ${await saved.text()}`);
  return slug;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Runs `rounds` timed actions inside the page; each resolves once the preview shows the change and two frames passed. */
async function timed(page, kind, id, rounds) {
  return page.evaluate(
    async ({ kind, id, rounds }) => {
      const frame = () => document.querySelector('iframe.preview').contentDocument;
      const paint = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      // Resolves when the preview's page changes so that `check` holds (a MutationObserver
      // hears the patch as it happens), with the time it did.
      const until = (check) =>
        new Promise((done) => {
          if (check()) return done(performance.now());
          const observer = new MutationObserver(() => {
            if (check()) {
              observer.disconnect();
              done(performance.now());
            }
          });
          observer.observe(frame(), { subtree: true, childList: true, characterData: true, attributes: true });
        });
      const work = [];
      const key = (target, init) => target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      const times = [];
      for (let i = 0; i < rounds; i++) {
        if (kind === 'type') {
          const editor = document.querySelector('.properties [contenteditable=true]');
          const before = frame().querySelector(`[data-block="${id}"]`).textContent.length;
          const start = performance.now();
          document.execCommand('insertText', false, 'я');
          work.push((await until(() => (frame().querySelector(`[data-block="${id}"]`)?.textContent.length ?? 0) > before)) - start);
          await paint();
          times.push(performance.now() - start);
          editor.focus();
        } else if (kind === 'move') {
          const item = document.querySelector(`.outline-item[data-block-id="${id}"]`);
          item.focus();
          const down = i % 2 === 0;
          const next = () => frame().querySelector(`[data-block="${id}"]`)?.nextElementSibling?.dataset.block;
          const before = next();
          const start = performance.now();
          key(item, { key: down ? 'ArrowDown' : 'ArrowUp', altKey: true });
          work.push((await until(() => next() !== before)) - start);
          await paint();
          times.push(performance.now() - start);
        } else {
          document.querySelector(`.outline-item[data-block-id="${id}"]`).focus();
          const start = performance.now();
          key(document.activeElement, { key: 'Delete' });
          work.push((await until(() => !frame().querySelector(`[data-block="${id}"]`))) - start);
          await paint();
          times.push(performance.now() - start);
          key(document.body, { key: 'z', ctrlKey: true });
          await until(() => frame().querySelector(`[data-block="${id}"]`));
          await paint();
        }
      }
      return { times, work };
    },
    { kind, id, rounds },
  );
}

const admin = await signIn(ACCOUNTS.administrator);
const context = await launch({ viewport: { width: 1366, height: 900 } });
await (await openConstructor(context, 'mincifra', ACCOUNTS.administrator)).close();
const results = [];
for (const count of SIZES) {
  const slug = await benchSite(admin, count);
  // Time to interactive: from navigation to the outline and the preview on screen, in a
  // fresh tab each time (the session cookie is shared).
  const ttis = [];
  let page;
  for (let i = 0; i < TABS; i++) {
    await page?.close();
    page = await context.newPage();
    await page.goto(`${BASE_URL}/admin/?site=${slug}`);
    await page.waitForFunction(() => {
      const doc = document.querySelector('iframe.preview')?.contentDocument;
      return document.querySelector('.outline-item') && doc?.querySelector('[data-block]');
    });
    ttis.push(await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))));
  }
  const middle = Math.floor(count / 4) * 2 + 1;
  const paragraph = `p-${middle % 2 === 1 ? middle : middle + 1}`;
  await page.locator(`.outline-item[data-block-id="${paragraph}"]`).click();
  await page.locator('.properties [contenteditable=true]').click();
  const type = await timed(page, 'type', paragraph, ROUNDS);
  const move = await timed(page, 'move', `h-${middle - 1}`, ROUNDS);
  const del = await timed(page, 'delete', `h-${middle + 1}`, ROUNDS);
  results.push({ count, tti: percentile(ttis, 50), type: type.times, move: move.times, del: del.times, typeWork: type.work, moveWork: move.work, delWork: del.work });
  await page.close();
  console.error(`${count} blocks measured`);
}
await context.close();

const row = (label, values) => [label, ...values.map((v) => v.toFixed(1).padStart(8))].join('');
console.log(`\nConstructor, ${ROUNDS} rounds each, ms. "patched": input event → the preview's page changed;`);
console.log('"painted": the same → the next paint after it (two requestAnimationFrame callbacks, ≥ one frame).');
console.log('blocks'.padEnd(30) + SIZES.map((n) => String(n).padStart(8)).join(''));
for (const [name, key] of [['typing', 'type'], ['moving', 'move'], ['deleting', 'del']]) {
  for (const [what, field] of [['patched', `${key}Work`], ['painted', key]]) {
    console.log(row(`${name} ${what} p50`.padEnd(30), results.map((r) => percentile(r[field], 50))));
    console.log(row(`${name} ${what} p95`.padEnd(30), results.map((r) => percentile(r[field], 95))));
  }
  console.log(row(`${name} painted p95 ÷ 50 blocks`.padEnd(30), results.map((r) => percentile(r[key], 95) / percentile(results[0][key], 95))));
}
console.log(row('time to interactive'.padEnd(30), results.map((r) => r.tti)));
console.log(row('TTI ÷ 50-block TTI'.padEnd(30), results.map((r) => r.tti / results[0].tti)));

const brotli = (file) => brotliCompressSync(readFileSync(join(root, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const files = ['www/admin/pkg/civic_constructor_bg.wasm', 'www/admin/pkg/civic_constructor.js', 'www/admin/boot.js'];
const total = files.reduce((sum, file) => sum + brotli(file), 0);
console.log('\nConstructor download, brotli (quality 11)');
for (const file of files) console.log(`${file.padEnd(44)}${(brotli(file) / 1024).toFixed(1).padStart(8)} KB`);
console.log(`${'wasm + JS'.padEnd(44)}${(total / 1024).toFixed(1).padStart(8)} KB  (goal 250 KB; GrapesJS ≈ 243, Puck ≈ 309)`);
