// Lighthouse on the four demo home pages, mobile and desktop presets (BENCHMARKS.md). Not a test:
// it prints the category scores and writes them into BENCHMARKS.md between the lighthouse
// markers; full reports go to tests/artifacts/lighthouse/. Debian's Chromium, never a download.
// Performance is the median of `runs` runs (it moves with the load of a shared machine); the
// other categories do not depend on timing and are taken from the same run.
//   CIVIC_BASE_URL=http://127.0.0.1:8787 node tests/bench/lighthouse.mjs [runs] [--no-write] [--smoke]
// --smoke (scripts/test.sh): one run of one site in both presets, reports in
// tests/artifacts/lighthouse-smoke/, BENCHMARKS.md left alone; the scores are not checked.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const BASE_URL = process.env.CIVIC_BASE_URL ?? 'http://127.0.0.1:8787';
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const SITES = SMOKE ? ['mincifra'] : ['mincifra', 'kasimov', 'school7', 'gb4'];
const PRESETS = { mobile: undefined, desktop: desktopConfig };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const GOALS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const RUNS = SMOKE ? 1 : Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = join(root, 'tests', 'artifacts', SMOKE ? 'lighthouse-smoke' : 'lighthouse');
mkdirSync(reports, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Audits that cost points in a category, as `id (score)`, for the notes under the table. */
function losses(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.score})`);
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const rows = [];
let version = '';
try {
  for (const site of SITES) {
    for (const [preset, config] of Object.entries(PRESETS)) {
      const url = `${BASE_URL}/s/${site}/`;
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: CATEGORIES }, config);
        runs.push(result.lhr);
        if (i === 0) writeFileSync(join(reports, `${site}-${preset}.html`), result.report);
      }
      const lhr = runs[0];
      version = `Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`;
      const score = (l, c) => Math.round(l.categories[c].score * 100);
      const row = { site, preset, performance: median(runs.map((l) => score(l, 'performance'))) };
      for (const c of CATEGORIES.slice(1)) row[c] = score(lhr, c);
      row.notes = CATEGORIES.filter((c) => row[c] < 100).map((c) => `${c}: ${losses(lhr, c).join(', ') || '—'}`).join('; ');
      row.lcp = median(runs.map((l) => l.audits['largest-contentful-paint'].numericValue));
      rows.push(row);
      console.error(`${site} ${preset}: ${CATEGORIES.map((c) => row[c]).join(' / ')}${row.notes ? `  (${row.notes})` : ''}`);
    }
  }
} finally {
  await chrome.kill();
}

const lines = [
  '| site | preset | performance | accessibility | best practices | SEO | LCP |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => {
    const cell = (c) => (r[c] >= GOALS[c] ? `${r[c]}` : `**${r[c]}**`);
    return `| ${r.site} | ${r.preset} | ${CATEGORIES.map(cell).join(' | ')} | ${(r.lcp / 1000).toFixed(1)} s |`;
  }),
];
const notes = rows.filter((r) => r.notes).map((r) => `- ${r.site}, ${r.preset}: ${r.notes}`);
const date = new Date().toISOString().slice(0, 10);
let chromium = '';
try {
  // Debian's wrapper script complains on stderr about its own checks; only stdout matters.
  chromium = execFileSync(CHROME_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  chromium = 'Chromium';
}
const section = [
  `Run of ${date}: ${version} (${chromium}), ${RUNS} run(s) per page and preset (performance: the median),`,
  `against \`${BASE_URL}\` (local \`wrangler dev\`, plain http). Scores under the goal are in bold.`,
  '',
  ...lines,
  '',
  ...(notes.length ? ['Audits that cost points (score below 1; in the first run of each):', '', ...notes] : ['Every audit that carries weight passed.']),
].join('\n');
console.log(`\n${section}\n`);

if (!SMOKE && !args.includes('--no-write')) {
  const file = join(root, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- lighthouse:start -->';
  const end = '<!-- lighthouse:end -->';
  const [before, rest] = text.split(start);
  if (rest === undefined || !rest.includes(end)) throw new Error(`BENCHMARKS.md lacks the ${start} … ${end} markers`);
  writeFileSync(file, `${before}${start}\n${section}\n${end}${rest.split(end)[1]}`);
  console.error('BENCHMARKS.md updated');
}
