// Backups (regional rules 002: the administrator backs sites up and restores them after
// failures): the administrator backs up a demo site in «Резервные копии», the site is broken
// (a wrong name published, a news item and a picture deleted), and a restore from the list
// brings every part back; backing up again gives the same bytes. A damaged or foreign archive
// changes nothing; a backup restores into a new site too; the cron trigger makes daily
// backups. Backing up and restoring are jobs of the jobs worker (its own worker, fed by the
// queue): the screen shows their progress, the API answers 202 and the job's row says the rest.
// Runs on gb4, which is left as it was found.
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';
import { png, zip } from '../support/files.mjs';
import { JOB_LINE, jobLines, messages, recordJobLines } from '../support/jobs.mjs';

const pool = contextPool();
const run = Date.now().toString(36);
const SITE = 'gb4';

async function upload(client, bytes, name, alt) {
  const res = await client.call(`/api/sites/${SITE}/media`, {
    method: 'POST',
    body: bytes,
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name), 'X-Alt-Text': encodeURIComponent(alt) },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).item;
}

const publicHome = async (slug = SITE) => {
  const res = await fetch(`${BASE_URL}/s/${slug}/`);
  return { status: res.status, html: await res.text() };
};

async function bytesOf(client, path) {
  const res = await client.call(path);
  assert.equal(res.status, 200, path);
  return Buffer.from(await res.arrayBuffer());
}

test('the administrator backs a site up, it is broken, and a restore brings it back byte for byte', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const picture = png(6, 4, 77);
  const item = await upload(admin, picture, `корпус-${run}.png`, 'Главный корпус больницы');
  const { items: news } = await admin.json(`/api/sites/${SITE}/collections/news`);
  const story = news[0].item;
  const before = await admin.json(`/api/sites/${SITE}/draft`);
  const name = before.document.site.name;
  assert.ok((await publicHome()).html.includes(story.title));

  // «Резервные копии» → «Создать копию сейчас».
  const page = await openConstructor(await pool.open({ bypassCSP: true }), SITE, ACCOUNTS.administrator);
  await page.getByRole('button', { name: 'Резервные копии', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Резервные копии' }).waitFor();
  await page.getByText('Копия содержит черновик, все опубликованные версии').waitFor();
  await recordJobLines(page);
  await page.getByRole('button', { name: 'Создать копию сейчас' }).click();
  await page.getByText(/^Копия создана: \d/).waitFor();
  const lines = await jobLines(page);
  assert.ok(lines.length > 0, 'the job showed a progress bar');
  assert.ok(lines.every((l) => JOB_LINE.test(l)), lines.join('\n'));
  assert.equal(await page.locator('.job-status').count(), 0, 'and took it away when done');
  const { backups } = await admin.json(`/api/sites/${SITE}/backups`);
  const made = backups[0];
  assert.equal(made.kind, 'manual');
  const row = page.locator('table.backups tbody tr').first();
  assert.match(await row.innerText(), /вручную[^]*admin/);
  assert.deepEqual(await axeViolations(page), []);
  // The link downloads the archive itself: a ZIP whose files any archiver lists.
  const href = await row.getByRole('link', { name: /^Скачать копию от / }).getAttribute('href');
  const archive = await bytesOf(admin, href);
  assert.equal(archive.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  assert.ok(archive.includes(Buffer.from(`media/${item.url.split('/').pop()}`)), 'the picture is in the archive');
  assert.ok(archive.includes(picture), 'with its bytes');

  // Broken: a wrong name published, a news item and the picture deleted.
  const broken = structuredClone(before.document);
  broken.site.name = `СЛОМАНО ${run}`;
  const saved = await admin.json(`/api/sites/${SITE}/draft`, { method: 'PUT', body: { base_version: before.version, document: broken } });
  assert.equal((await admin.call(`/api/sites/${SITE}/publish`, { method: 'POST', body: { version: saved.version } })).status, 200);
  assert.equal((await admin.call(`/api/sites/${SITE}/collections/news/${story.id}`, { method: 'DELETE' })).status, 200);
  assert.equal((await admin.call(`/api/sites/${SITE}/media/${item.id}`, { method: 'DELETE' })).status, 200);
  const wreck = await publicHome();
  assert.ok(wreck.html.includes(`СЛОМАНО ${run}`) && !wreck.html.includes(story.title), 'visitors see the broken site');
  assert.equal((await fetch(`${BASE_URL}${item.url}`)).status, 404);

  // «Восстановить…» on the copy, into this site.
  await page.reload();
  await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
  await page.getByRole('button', { name: 'Резервные копии', exact: true }).click();
  const day = made.created_at.slice(0, 16);
  await page.getByRole('button', { name: `Восстановить из копии от ${day}` }).first().click();
  const confirm = page.locator('form.restore-confirm');
  await confirm.getByRole('heading', { name: `Восстановление из копии от ${day}` }).waitFor();
  assert.ok(await confirm.getByRole('radio', { name: /^В этот сайт/ }).isChecked());
  assert.deepEqual(await axeViolations(page), []);
  await confirm.getByRole('button', { name: 'Восстановить', exact: true }).click();
  await page.getByText(/^Сайт «gb4» восстановлен: версий \d+, записей \d+, файлов \d+\.$/).waitFor();
  // The state the restore replaced was kept, so the restore itself can be undone.
  await page.locator('table.backups tbody tr', { hasText: 'перед восстановлением' }).first().waitFor();

  const restored = await publicHome();
  assert.ok(restored.html.includes(story.title), 'the news item is back');
  assert.ok(!restored.html.includes('СЛОМАНО'), 'the wrong name is gone');
  const file = await fetch(`${BASE_URL}${item.url}`);
  assert.equal(file.status, 200);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), picture, 'the picture, byte for byte');
  const draft = await admin.json(`/api/sites/${SITE}/draft`);
  assert.equal(draft.document.site.name, name);
  assert.ok(draft.version > saved.version, 'the draft moved on: an editor with the old one open gets a conflict');

  // Backing up again gives the very same archive.
  const again = (await admin.job(`/api/sites/${SITE}/backups`, { method: 'POST' })).result.backup;
  assert.equal(again.sha256, made.sha256);
  assert.deepEqual(await bytesOf(admin, `/api/sites/${SITE}/backups/${again.id}`), archive, 'byte for byte');

  const library = await admin.json(`/api/sites/${SITE}/media`);
  const back = library.items.find((m) => m.url === item.url);
  assert.equal((await admin.call(`/api/sites/${SITE}/media/${back.id}`, { method: 'DELETE' })).status, 200, 'left as found');
});

test('a damaged, foreign or over-size archive is refused in plain words and changes nothing', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const backupJob = await admin.job(`/api/sites/${SITE}/backups`, { method: 'POST' });
  const made = backupJob.result.backup;
  const archive = await bytesOf(admin, `/api/sites/${SITE}/backups/${made.id}`);
  const draft = await admin.json(`/api/sites/${SITE}/draft`);
  const count = (await admin.json(`/api/sites/${SITE}/backups`)).backups.length;

  // One byte of a document changed after the backup was made.
  const damaged = Buffer.from(archive);
  const at = damaged.indexOf(Buffer.from('"pages"', 'latin1'), damaged.indexOf('documents/'));
  damaged[at + 2] ^= 0x20;
  // A file that is no ZIP at all is refused at once; the others when the jobs worker reads them.
  const notZip = await admin.call(`/api/sites/${SITE}/restore`, { method: 'POST', body: Buffer.from('это не архив'), headers: { 'Content-Type': 'application/zip' } });
  assert.equal(notZip.status, 422);
  assert.match((await notZip.json()).error.problems[0].message_ru, /^Файл не открывается как резервная копия: это не ZIP-архив\.$/);
  const cases = [
    [damaged, /^Копия повреждена: файл documents\/[0-9a-f]{64}\.json изменён после создания копии\.$/],
    [zip({ 'index.html': '<p>старый сайт</p>' }), /^Это не резервная копия Civic/],
    [archive.subarray(0, archive.length - 30), /^Файл не открывается как резервная копия/],
  ];
  for (const [body, message] of cases) {
    const job = await admin.job(`/api/sites/${SITE}/restore`, { method: 'POST', body, headers: { 'Content-Type': 'application/zip' } });
    assert.equal(job.state, 'failed');
    assert.equal(job.error.status, 422);
    assert.match(messages(job)[0], message);
    const problem = job.error.body.error.problems[0];
    assert.ok(problem.message_en.length > 0 && !/[а-я]/i.test(problem.message_en));
  }
  const tooBig = await admin.call(`/api/sites/${SITE}/restore`, { method: 'POST', body: new Uint8Array(41 * 1024 * 1024), headers: { 'Content-Type': 'application/zip' } });
  assert.equal(tooBig.status, 413);
  assert.match((await tooBig.json()).error.problems[0].message_ru, /больше 40 МБ/);
  assert.equal((await admin.json(`/api/sites/${SITE}/draft`)).version, draft.version, 'the draft is untouched');
  assert.equal((await admin.json(`/api/sites/${SITE}/backups`)).backups.length, count, 'not even a backup of the current state was needed');

  // The constructor says it in the same words.
  const page = await openConstructor(await pool.open({ bypassCSP: true }), SITE, ACCOUNTS.administrator);
  await page.getByRole('button', { name: 'Резервные копии', exact: true }).click();
  await page.getByLabel('Файл копии (.zip)').setInputFiles({ name: 'kopiya.zip', mimeType: 'application/zip', buffer: damaged });
  await page.getByRole('button', { name: 'Восстановить из файла копии' }).click();
  await page.getByText(/^Копия повреждена: файл documents\/.* изменён после создания копии\.$/).waitFor();

  // Only administrators see backups; state changes need this origin and the CSRF token.
  for (const account of [ACCOUNTS.editors.gb4, ACCOUNTS.operator]) {
    const client = await signIn(account);
    assert.equal((await client.call(`/api/sites/${SITE}/backups`)).status, 403);
    assert.equal((await client.call(`/api/sites/${SITE}/backups/${made.id}`)).status, 403);
    assert.equal((await client.call(`/api/sites/${SITE}/restore?backup=${made.id}`, { method: 'POST' })).status, 403);
    assert.equal((await client.call(`/api/jobs/${backupJob.id}`)).status, 404, 'a backup job is the administrators’');
  }
  const other = await signIn(ACCOUNTS.editors.mincifra);
  assert.equal((await other.call(`/api/sites/${SITE}/backups`)).status, 404, 'another site’s editor learns nothing');
  const forged = await fetch(`${BASE_URL}/api/sites/${SITE}/restore?backup=${made.id}`, { method: 'POST', headers: { Cookie: admin.cookie } });
  assert.equal(forged.status, 403);
  assert.equal((await admin.json(`/api/sites/${SITE}/draft`)).version, draft.version);
  assert.equal((await admin.call(`/api/sites/mincifra/backups/${made.id}`)).status, 404, 'a backup of another site is not this one’s');
});

test('a backup restores into a new site, and the cron trigger backs every site up daily', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const item = await upload(admin, png(3, 3, 200), `план-${run}.png`, 'План этажа');
  const made = (await admin.job(`/api/sites/${SITE}/backups`, { method: 'POST' })).result.backup;
  const slug = `gb4-copy-${run}`;
  const job = await admin.job(`/api/backups/restore?from=${SITE}&backup=${made.id}&slug=${slug}&name=${encodeURIComponent('Копия больницы № 4')}`, { method: 'POST' });
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.kind, 'restore');
  const { restored } = job.result;
  assert.equal(restored.slug, slug);
  assert.equal(restored.before_restore, null);
  const home = await publicHome(slug);
  assert.equal(home.status, 200, 'the copy is published as the original was');
  assert.equal((await admin.json(`/api/sites/${slug}/draft`)).document.site.name, (await admin.json(`/api/sites/${SITE}/draft`)).document.site.name);
  const copied = `/media/${slug}/${item.url.split('/').pop()}`;
  assert.equal((await fetch(`${BASE_URL}${copied}`)).status, 200, 'its own copy of each file');
  const taken = await admin.call(`/api/backups/restore?from=${SITE}&backup=${made.id}&slug=${slug}`, { method: 'POST' });
  assert.equal(taken.status, 409);
  const badSlug = await admin.call(`/api/backups/restore?from=${SITE}&backup=${made.id}&slug=${encodeURIComponent('Копия!')}`, { method: 'POST' });
  assert.equal(badSlug.status, 400);
  assert.equal((await admin.call(`/api/sites/${SITE}/media/${item.id}`, { method: 'DELETE' })).status, 200);

  // The cron trigger (wrangler dev --test-scheduled runs it at /__scheduled).
  const sites = ['mincifra', 'kasimov', 'school7', SITE, slug];
  const daily = async () => Promise.all(sites.map(async (s) => (await admin.json(`/api/sites/${s}/backups`)).backups.filter((b) => b.kind === 'daily').length));
  const before = await daily();
  const cron = () => fetch(`${BASE_URL}/__scheduled?cron=${encodeURIComponent('17 * * * *')}`);
  assert.equal((await cron()).status, 200);
  // The cron run only queues the backups; the jobs worker makes them one by one.
  const expected = before.map((n) => Math.max(n, 1));
  let after = await daily();
  for (const until = Date.now() + 60_000; JSON.stringify(after) !== JSON.stringify(expected) && Date.now() < until; after = await daily()) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.deepEqual(after, expected, 'every site has its daily backup');
  await cron();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.deepEqual(await daily(), after, 'one a day, not one a run');
});

test('a site whose daily backup failed is told why and waits six hours, while the other sites get theirs', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const [ok, failing] = [`daily-ok-${run}`, `daily-failing-${run}`];
  for (const slug of [ok, failing]) {
    const res = await admin.call('/api/sites', { method: 'POST', body: { slug, name: `Школа ${slug}`, kind: 'school' } });
    assert.equal(res.status, 201, await res.clone().text());
  }
  // The failing site's daily backup failed an hour ago (as an over-size site's does), in the
  // job row the jobs worker writes.
  const problem = { path: '.', message_ru: 'Страницы и файлы сайта вместе больше 40 МБ: одним архивом такую копию не сделать.', message_en: 'Too big.' };
  const error = JSON.stringify({ status: 413, body: { error: { code: 'too_large', problems: [problem] } } }).replaceAll("'", "''");
  execFileSync('node_modules/.bin/wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', process.env.CIVIC_PERSIST_DIR, '--command',
    `INSERT INTO jobs (site_id, kind, input, state, error, created_by, updated_at) SELECT id, 'backup', '{"kind":"daily"}', 'failed', '${error}', 'cron', datetime('now', '-1 hours') FROM sites WHERE slug = '${failing}'`],
  { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: 'pipe' });

  assert.equal((await fetch(`${BASE_URL}/__scheduled?cron=${encodeURIComponent('17 * * * *')}`)).status, 200);
  const daily = async (slug) => (await admin.json(`/api/sites/${slug}/backups`)).backups.filter((b) => b.kind === 'daily').length;
  for (const until = Date.now() + 60_000; (await daily(ok)) === 0; ) {
    assert.ok(Date.now() < until, 'the other site got its daily backup');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.equal(await daily(failing), 0, 'the failing site waits instead of failing again every hour');
  const { failed_daily } = await admin.json(`/api/sites/${failing}/backups`);
  assert.equal(failed_daily.message_ru, problem.message_ru);

  // Its administrators read why in «Резервные копии».
  const page = await openConstructor(await pool.open({ bypassCSP: true }), failing, ACCOUNTS.administrator);
  await page.getByRole('button', { name: 'Резервные копии', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: /^Ежедневная копия от \d{4}-\d\d-\d\d \d\d:\d\d не создана: Страницы и файлы сайта вместе больше 40 МБ/ }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.equal((await admin.json(`/api/sites/${ok}/backups`)).failed_daily, null, 'a site whose backups work shows nothing');
});
