// The bulk import benchmark (BENCHMARKS.md, issue 9): 10,000 rows through the real import
// endpoint of the real worker, in batches of 500 as the constructor sends them. A collection
// holds at most 5,000 items, so the rows go to two collections of a new site: 5,000 staff
// and 5,000 phone lines. Timed: the first import (all new), the same rows again (all
// unchanged) and again with every row changed (all updated). The baseline, measured in the
// same run: single-item creates (POST /collections/<c>) of a sample, scaled to 10,000.
// Not a test: it asserts nothing about time, only that every row arrived.
//   CIVIC_BASE_URL=http://127.0.0.1:8787 node tests/bench/import.mjs [rows, default 10000] [--smoke]
// --smoke (scripts/test.sh): 1,100 rows (two batches per collection, the last one short) and
// 5 single creates, the same checks; its figures mean nothing.
import { ACCOUNTS, signIn } from '../support/session.mjs';

const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const ROWS = SMOKE ? 1100 : Number(args.find((a) => /^\d+$/.test(a)) ?? 10000);
const BATCH = 500;
const SAMPLE = SMOKE ? 5 : 200;
const run = Date.now().toString(36);
const admin = await signIn(ACCOUNTS.administrator);

const slug = `bench-import-${run}`;
const created = await admin.call('/api/sites', { method: 'POST', body: { slug, name: 'ГБУ РО «Замер импорта»', kind: 'executive_body' } });
if (created.status !== 201) throw new Error(`site: ${created.status} ${await created.text()}`);

const half = Math.ceil(ROWS / 2);
const rows = (tag) => ({
  staff: Array.from({ length: half }, (_, n) => ({
    id: `s-${n}`, name: `Сотрудник ${n} ${tag}`, position: 'Главный специалист', department: 'Отдел цифрового развития',
    phone: `+7 (4912) 51-${String(n % 100).padStart(2, '0')}-00`, email: `s${n}@ryazan.gov.ru`,
  })),
  phones: Array.from({ length: ROWS - half }, (_, n) => ({
    id: `p-${n}`, department: `Отдел ${n} ${tag}`, name: 'Иванов Иван Иванович', position: 'Начальник отдела', phone: `51-${String(n % 100).padStart(2, '0')}-01`,
  })),
});

async function importAll(data) {
  const sum = { created: 0, updated: 0, unchanged: 0 };
  const start = performance.now();
  for (const [collection, items] of Object.entries(data)) {
    for (let i = 0; i < items.length; i += BATCH) {
      const res = await admin.call(`/api/sites/${slug}/collections/${collection}/import`, { method: 'POST', body: { items: items.slice(i, i + BATCH) } });
      if (res.status !== 200) throw new Error(`${collection} batch ${i / BATCH}: ${res.status} ${await res.text()}`);
      const counts = await res.json();
      for (const key of Object.keys(sum)) sum[key] += counts[key];
    }
  }
  return { seconds: (performance.now() - start) / 1000, ...sum };
}

const first = await importAll(rows('a'));
const same = await importAll(rows('a'));
const changed = await importAll(rows('b'));
for (const collection of ['staff', 'phones']) {
  const { items } = await admin.json(`/api/sites/${slug}/collections/${collection}`);
  if (items.length !== (collection === 'staff' ? half : ROWS - half)) throw new Error(`${collection}: ${items.length} items`);
}

// Baseline: the same kind of rows created one request each, on a second new site.
const baseSlug = `bench-single-${run}`;
await admin.call('/api/sites', { method: 'POST', body: { slug: baseSlug, name: 'ГБУ РО «Замер по одной»', kind: 'executive_body' } });
const sample = rows('c').staff.slice(0, SAMPLE);
const t0 = performance.now();
for (const item of sample) {
  const res = await admin.call(`/api/sites/${baseSlug}/collections/staff`, { method: 'POST', body: item });
  if (res.status !== 201) throw new Error(`single create: ${res.status} ${await res.text()}`);
}
const singleSeconds = ((performance.now() - t0) / 1000) * (ROWS / SAMPLE);

const line = (label, r) =>
  console.log(`${label.padEnd(38)} ${r.seconds.toFixed(2).padStart(7)} s  ${(ROWS / r.seconds).toFixed(0).padStart(6)} rows/s  ` +
    `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}`);
console.log(`${ROWS} rows, batches of ${BATCH}, sites ${slug} and ${baseSlug}`);
line('import, all new', first);
line('import again, all unchanged', same);
line('import again, every row changed', changed);
console.log(`${'baseline: single creates (scaled)'.padEnd(38)} ${singleSeconds.toFixed(2).padStart(7)} s  (${SAMPLE} measured)`);
console.log(`ratio single creates / import (all new): ${(singleSeconds / first.seconds).toFixed(1)}×`);
