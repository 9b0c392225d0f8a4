// An organisation's whole move, as the decrees describe it: the administrator imports the old
// school site (an archive of HTML pages with a picture, a PDF and hostile markup) into the
// demo school, checks first (nothing changes), imports, brings the staff list from a
// spreadsheet, publishes; visitors see the old pages with working links and the picture, and
// nothing of the hostile markup; the administrator marks the site checked, the operator signs
// the act and the dashboard counts it. The same import through the API v1, and bad uploads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';
import { png, zip } from '../support/files.mjs';
import { JOB_LINE, finished, jobLines, recordJobLines } from '../support/jobs.mjs';

const pool = contextPool();
const run = Date.now().toString(36);
const SCHOOL = 'school7';
const admin = await signIn(ACCOUNTS.administrator);

const oldSite = () =>
  zip({
    'old-site/index.html': `<!doctype html><html><head><meta charset="utf-8"><title>Школа № 7 (старый сайт)</title>
      <script>alert('старый скрипт')</script></head>
      <body><div id="menu"><a href="index.html">Главная</a> <a href="about/history.html">История</a></div>
      <div id="content"><h1>Старый сайт школы ${run}</h1>
        <p>Добро пожаловать на <b>старый</b> сайт. Читайте <a href="about/history.html">историю школы</a>.</p>
        <p><img src="img/gerb.png" alt="Герб школы" onerror="alert('onerror')"></p>
        <p><a href="docs/ustav.pdf">Устав школы</a></p>
        <p><a href="javascript:alert('ссылка')">Опасная ссылка</a></p>
        <table><caption>Звонки</caption><tr><th>Урок</th><th>Время</th></tr><tr><td>1</td><td>8:30–9:15</td></tr></table>
        <form action="/send"><input name="q"></form>
      </div><div id="footer">© Школа</div></body></html>`,
    'old-site/about/history.html': `<html><body><h1>История школы ${run}</h1><h3>Основание</h3>
      <ul><li>1975 — открытие</li><li>2000 — новое здание</li></ul>
      <p><a href="../index.html">На главную</a></p><svg onload="alert('svg')"><circle r="1"/></svg></body></html>`,
    'old-site/img/gerb.png': png(24, 24, 90),
    'old-site/docs/ustav.pdf': '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n',
  });

const draft = () => admin.json(`/api/sites/${SCHOOL}/draft`);

test('the administrator moves the old school site and a spreadsheet onto the platform, and the operator signs the act', async () => {
  const before = await draft();
  const context = await pool.open({ bypassCSP: true });
  const page = await openConstructor(context, SCHOOL, ACCOUNTS.administrator);
  await page.getByRole('button', { name: 'Импорт сайта' }).click();
  await page.getByRole('heading', { level: 2, name: 'Импорт сайта' }).waitFor();
  await page.getByLabel('Архив сайта (ZIP) или страница (HTML)').setInputFiles({ name: 'old-site.zip', mimeType: 'application/zip', buffer: oldSite() });
  await page.getByLabel('Адрес старого сайта (необязательно)').fill('school7-old.ru');

  // The check lists what would happen and changes nothing.
  await page.getByRole('button', { name: 'Проверить' }).click();
  const result = page.locator('.site-import-summary');
  await result.getByText(/Проверка: будет создано страниц — 2, скопировано файлов — 2, переписано ссылок — 2/).waitFor();
  const notes = await page.locator('.site-import-notes').innerText();
  assert.match(notes, /Не перенесены скрипты \(1\)/);
  assert.match(notes, /Не перенесены формы/);
  assert.match(notes, /Не перенесены рисунки SVG/);
  assert.match(notes, /Ссылка «javascript:alert\('ссылка'\)» удалена/);
  assert.equal((await draft()).version, before.version, 'a check changes nothing');
  assert.deepEqual(await axeViolations(page), []);

  await recordJobLines(page);
  await page.getByRole('button', { name: 'Импортировать в черновик' }).click();
  await result.getByText(/Импорт завершён: создано страниц — 2, скопировано файлов — 2, переписано ссылок — 2/).waitFor();
  // The jobs worker did it, and the screen showed how far it got.
  const lines = await jobLines(page);
  assert.ok(lines.length > 0 && lines.every((l) => JOB_LINE.test(l)), lines.join('\n'));
  const rows = await page.locator('.site-import-report tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], new RegExp(`index\\.html\\s+Старый сайт школы ${run}`));
  const after = await draft();
  assert.equal(after.version, before.version + 1, 'one new draft version');
  const imported = Object.entries(after.document.pages).filter(([, p]) => p.title.includes(run));
  assert.equal(imported.length, 2);
  const [homeId, home] = imported.find(([, p]) => p.title.startsWith('Старый'));
  const [, history] = imported.find(([, p]) => p.title.startsWith('История'));
  assert.equal(history.parent, undefined, 'both pages at the top level');
  assert.equal(home.in_menu, false, 'imported pages wait outside the menu');
  const json = JSON.stringify(home.blocks);
  for (const bad of ['script', 'onerror', 'javascript', '<form']) assert.ok(!json.includes(bad), `${bad} in ${json}`);

  // The page tree shows the imported pages at once.
  await page.getByRole('button', { name: 'Страницы', exact: true }).click();
  await page.locator('.page-tree').getByText(`Старый сайт школы ${run}`).waitFor();

  // The staff list from the office's spreadsheet (the import screen is tested on its own).
  const staff = [1, 2].map((n) => ({ id: `old-${run}-${n}`, name: `Учитель ${n} ${run}`, position: 'Учитель', phone: '', email: '' }));
  const imported_staff = await admin.call(`/api/sites/${SCHOOL}/collections/staff/import`, { method: 'POST', body: { items: staff } });
  assert.equal(imported_staff.status, 200, await imported_staff.clone().text());

  const published = await admin.call(`/api/sites/${SCHOOL}/publish`, { method: 'POST', body: { version: after.version } });
  assert.equal(published.status, 200, await published.clone().text());

  // Visitors: the old page, its picture from the media library, working links, nothing hostile.
  // CSP off: if anything hostile had survived, it would run here and be caught.
  const visitor = await pool.open({ bypassCSP: true });
  const dialogs = [];
  visitor.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  const pub = await visitor.newPage();
  const homePath = `/s/${SCHOOL}/${home.slug}`;
  for (let tries = 0; ; tries++) {
    const res = await pub.goto(`${BASE_URL}${homePath}`);
    if (res.status() === 200 || tries > 10) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  await pub.getByRole('heading', { level: 1, name: `Старый сайт школы ${run}` }).waitFor();
  const picture = pub.getByRole('img', { name: 'Герб школы' });
  await pub.waitForFunction(() => [...document.images].some((img) => img.alt === 'Герб школы' && img.naturalWidth === 24));
  assert.match(await picture.getAttribute('src'), /^\/media\/school7\/[0-9a-f]{64}\.png$/);
  assert.match(await pub.getByRole('link', { name: /Устав школы/ }).getAttribute('href'), /^\/media\/school7\/[0-9a-f]{64}\.pdf$/);
  assert.equal(await pub.getByRole('table', { name: 'Звонки' }).count(), 1);
  assert.equal(await pub.locator('form[action="/send"], script:not([type="application/ld+json"]), [onerror]').count(), 0);
  assert.equal(await pub.getByRole('link', { name: 'Опасная ссылка' }).count(), 0, 'the text stays, the link is gone');
  await pub.getByRole('link', { name: 'историю школы' }).click();
  await pub.getByRole('heading', { level: 1, name: `История школы ${run}` }).waitFor();
  assert.equal(await pub.getByRole('heading', { level: 2, name: 'Основание' }).count(), 1);
  assert.deepEqual(await axeViolations(pub), []);
  assert.deepEqual(dialogs, [], 'no script of the old site ran');

  // The move: checked by the administrator, the act signed by the operator.
  const move = await admin.json(`/api/sites/${SCHOOL}/migration`);
  if (!move.migration?.responsible && !move.responsible) {
    await admin.call(`/api/sites/${SCHOOL}/migration`, { method: 'PATCH', body: { responsible: 'Иванова И. И., заместитель директора' } });
  }
  const checked = await admin.call(`/api/sites/${SCHOOL}/migration`, { method: 'PATCH', body: { status: 'checked' } });
  assert.equal(checked.status, 200, await checked.clone().text());
  const operator = await openConstructor(await pool.open({ bypassCSP: true }), SCHOOL, ACCOUNTS.operator);
  await operator.getByRole('button', { name: 'Переезд сайтов' }).click();
  await operator.locator(`tr[data-site="${SCHOOL}"] .migration-status`, { hasText: 'проверен' }).waitFor();
  await operator.locator(`tr[data-site="${SCHOOL}"]`).getByRole('button', { name: /^Открыть: / }).click();
  await operator.locator('section.site-move').getByRole('button', { name: 'Подписать акт' }).click();
  await operator.getByText('Акт подписан: сайт стал официальным.').waitFor();
  await operator.locator(`tr[data-site="${SCHOOL}"] .migration-status`, { hasText: 'официальный' }).waitFor();
  await operator.locator('table.migration-targets tbody tr', { hasText: /Перенос контента сайтов школ/ }).waitFor();
  const act = await admin.call(`/api/sites/${SCHOOL}/migration/act`);
  assert.match(await act.text(), new RegExp(`Сотрудники[^]*?\\d`), 'the act counts the staff');
});

test('the API v1 imports one page of HTML; bad uploads change nothing', async () => {
  const created = await admin.call('/api/tokens', {
    method: 'POST',
    body: { name: `import ${run}`, sites: [SCHOOL], scopes: ['read', 'write'] },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { secret } = await created.json();
  const v1 = (body) =>
    fetch(`${BASE_URL}/api/v1/sites/${SCHOOL}/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  // The import is a job: 202 with it, then its row at /sites/{slug}/jobs/{job} until it ends.
  const readJob = (id) => fetch(`${BASE_URL}/api/v1/sites/${SCHOOL}/jobs/${id}`, { headers: { Authorization: `Bearer ${secret}` } });
  const v1Job = async (body) => {
    const res = await v1(body);
    assert.equal(res.status, 202, await res.clone().text());
    return finished(readJob, (await res.json()).job);
  };
  const before = await draft();
  const html = `<h1>Приказ ${run}</h1><p onclick="x()">Текст <a href="javascript:x()">приказа</a></p><img src="https://example.invalid/a.png" alt="a">`;
  const dry = await v1Job({ html, dry_run: true });
  assert.equal(dry.state, 'done', JSON.stringify(dry.error));
  const checked = dry.result;
  assert.equal(checked.version, null);
  assert.equal(checked.report.pages[0].title, `Приказ ${run}`);
  assert.ok(checked.report.notes.some((n) => n.code === 'unsafe_link' && /удалена/.test(n.message)));
  assert.equal((await draft()).version, before.version, 'a dry run changes nothing');

  const done = await v1Job({ html });
  assert.equal(done.state, 'done', JSON.stringify(done.error));
  assert.equal(done.kind, 'site_import');
  const answer = done.result;
  assert.equal(answer.version, before.version + 1);
  assert.ok(answer.report.notes.some((n) => n.code === 'asset_failed'), 'the unreachable picture is reported');
  const page = (await draft()).document.pages[answer.report.pages[0].id];
  assert.equal(page.title, `Приказ ${run}`);
  assert.ok(!JSON.stringify(page).includes('javascript'));

  const version = (await draft()).version;
  const broken = await v1Job({ archive: Buffer.from('PK\u0005\u0006 broken').toString('base64') });
  assert.equal(broken.state, 'failed');
  assert.equal(broken.error.status, 422);
  assert.match(broken.error.problem.detail ?? '', /ничего не изменено/);
  // Another site's token learns nothing of this site's jobs.
  const foreign = await admin.call('/api/tokens', { method: 'POST', body: { name: `other ${run}`, sites: ['mincifra'], scopes: ['read', 'write'] } });
  const foreignSecret = (await foreign.json()).secret;
  const peek = (slug) => fetch(`${BASE_URL}/api/v1/sites/${slug}/jobs/${done.id}`, { headers: { Authorization: `Bearer ${foreignSecret}` } });
  assert.equal((await peek(SCHOOL)).status, 404);
  assert.equal((await peek('mincifra')).status, 404, 'nor through its own site');
  assert.equal((await v1({ html, base_version: 1 })).status, 409, 'a stale version is refused');
  assert.equal((await v1({ html, archive: 'x' })).status, 400);
  // Refused before any job is queued (schemathesis found both once the import became a job).
  const empty = await v1({ archive: '' });
  assert.equal(empty.status, 422, 'an empty archive is no ZIP archive');
  assert.match((await empty.json()).errors[0].message, /не ZIP-архив/);
  assert.equal((await v1({ html, base_version: null })).status, 400, 'null is not a version');
  assert.equal((await v1({ html: ' ' })).status, 400, 'an empty page is refused, not imported empty');
  const readOnly = await admin.call('/api/tokens', { method: 'POST', body: { name: `ro ${run}`, sites: [SCHOOL], scopes: ['read'] } });
  const roSecret = (await readOnly.json()).secret;
  const denied = await fetch(`${BASE_URL}/api/v1/sites/${SCHOOL}/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${roSecret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ html }),
  });
  assert.equal(denied.status, 403);
  // The constructor's endpoint: something that is neither an archive nor HTML.
  const editor = await signIn(ACCOUNTS.editors.school7);
  const junk = await editor.call(`/api/sites/${SCHOOL}/import`, { method: 'POST', body: new Uint8Array([0, 1, 2, 3]), headers: { 'Content-Type': 'application/octet-stream' } });
  assert.equal(junk.status, 415);
  assert.match(JSON.stringify(await junk.json()), /ZIP-архив/);
  const other = await signIn(ACCOUNTS.editors.mincifra);
  assert.equal((await other.call(`/api/sites/${SCHOOL}/import`, { method: 'POST', body: html, headers: { 'Content-Type': 'text/html' } })).status, 404, 'another site\'s editor');
  assert.equal((await draft()).version, version, 'nothing changed');
});
