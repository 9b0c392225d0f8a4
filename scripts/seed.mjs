// Seeds the demo sites into local D1 and R2 through wrangler, the same tool that
// manages production storage. Idempotent: existing sites (and their edits) are kept.
//
//   node scripts/seed.mjs [--persist-to DIR]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const persistArgs = process.argv.includes('--persist-to')
  ? ['--persist-to', process.argv[process.argv.indexOf('--persist-to') + 1]]
  : [];

/** The demo sites, in the order of their ids (as `SITES` in shared/src/demo.rs). */
export const DEMO_SITES = [
  { id: 1, slug: 'mincifra', file: 'shared/demo/mincifra.json', data: 'shared/demo/mincifra-data.json' },
  { id: 2, slug: 'kasimov', file: 'shared/demo/kasimov.json', data: 'shared/demo/kasimov-data.json' },
  { id: 3, slug: 'school7', file: 'shared/demo/school7.json', data: 'shared/demo/school7-data.json' },
  { id: 4, slug: 'gb4', file: 'shared/demo/gb4.json', data: 'shared/demo/gb4-data.json' },
];

function wrangler(...args) {
  return execFileSync(join(root, 'node_modules/.bin/wrangler'), [...args, '--local', ...persistArgs], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
}

const sqlText = (value) => `'${String(value).replaceAll("'", "''")}'`;

const statements = [];
for (const site of DEMO_SITES) {
  const body = readFileSync(join(root, site.file));
  const document = JSON.parse(body);
  const key = `docs/${site.id}/${createHash('sha256').update(body).digest('hex')}.json`;
  wrangler('r2', 'object', 'put', `civic-docs/${key}`, '--file', join(root, site.file), '--content-type', 'application/json');
  wrangler('r2', 'object', 'put', `civic-docs/data/${site.id}.json`, '--file', join(root, site.data), '--content-type', 'application/json');
  statements.push(
    `INSERT OR IGNORE INTO sites (id, slug, name, kind, draft_version, draft_key, published_revision) VALUES ` +
      `(${site.id}, ${sqlText(site.slug)}, ${sqlText(document.site.name)}, ${sqlText(document.site.kind)}, 1, ${sqlText(key)}, 1);`,
    `INSERT OR IGNORE INTO revisions (site_id, revision, doc_key, draft_version) VALUES (${site.id}, 1, ${sqlText(key)}, 1);`,
  );
}
const sqlFile = join(mkdtempSync(join(tmpdir(), 'civic-seed-')), 'seed.sql');
writeFileSync(sqlFile, statements.join('\n'));
wrangler('d1', 'execute', 'DB', '--file', sqlFile);
console.log(`Демо-сайты готовы: ${DEMO_SITES.map((s) => s.slug).join(', ')}`);
