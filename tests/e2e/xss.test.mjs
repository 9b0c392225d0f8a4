// The XSS suite (issue 12): hostile strings through every input a person can fill: the
// document's fields and rich text, collection items (one by one and imported in a batch),
// a file's name and description, a citizen's appeal, and URL fields. Each is then shown where
// people see it: every public page of the site (usual and accessible version), the
// constructor's preview and page tree, its tables, the media library and the appeals inbox.
// A page fails if any script ran (a marker, dialogs, console errors), if any element carries an
// event-handler attribute or a script URL, or if an injected element exists. Every browser
// context bypasses CSP, so what is checked is the escaping, not the policy behind it.
// Runs last (school7 keeps the hostile content).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { png } from '../support/files.mjs';

const pool = contextPool();
const SITE = 'school7';
const mark = (n) => `window.__xss=${n}`;
/** One hostile string per input, each trying something else; `n` tells which one fired. */
const hostile = (n) =>
  [
    `<script>${mark(n)}</script>`,
    `"><img src=x onerror="${mark(n)}">`,
    `'><svg onload=${mark(n)}>`,
    `<iframe src="javascript:${mark(n)}"></iframe>`,
    `<math><mtext><table><mglyph><style><img src=x onerror=${mark(n)}>`,
    `<a href="data:text/html,<script>${mark(n)}</script>">ссылка</a>`,
    `\u202e<b onmouseover=${mark(n)}>справа налево</b>\u200b`,
    `</textarea></title><script>${mark(n)}</script>`,
    `{{constructor.constructor('${mark(n)}')()}} \${${mark(n)}}`,
  ][n % 9] + ` Поле ${n}`;

/** Hooks a page for anything that runs: dialogs and script errors are collected. */
function watch(page, seen) {
  page.on('dialog', (dialog) => {
    seen.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => seen.push(`error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /xss|onerror|javascript:/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
}

/** Every frame of the page: no marker, no handler attributes, no script URLs, nothing injected. */
async function assertInert(page, where, seen) {
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      const scriptUrl = /^\s*(javascript|vbscript|data:text\/html)/i;
      return {
        marker: window.__xss,
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.localName} ${a.name}>`)),
        urls: all.filter((el) => ['href', 'src', 'action', 'formaction', 'xlink:href'].some((name) => scriptUrl.test(el.getAttribute(name) ?? ''))).map((el) => el.outerHTML.slice(0, 80)),
        injected: document.querySelectorAll('img[src="x"], mglyph, b[onmouseover], iframe[src^="javascript" i]').length,
        // Structured data may carry the text, as JSON with `<` escaped; any other script may not.
        scripts: [...document.scripts].filter((s) =>
          s.type === 'application/ld+json' ? s.textContent.includes('<') : s.textContent.includes('__xss')).length,
      };
    });
    assert.equal(found.marker, undefined, `${where}: a script ran`);
    assert.deepEqual(found.handlers, [], `${where}: event-handler attributes`);
    assert.deepEqual(found.urls, [], `${where}: script URLs`);
    assert.equal(found.injected, 0, `${where}: injected elements`);
    assert.equal(found.scripts, 0, `${where}: injected scripts`);
  }
  assert.deepEqual(seen, [], `${where}: dialogs or errors`);
}

test('hostile strings in every input stay text on the public site, in the preview and in the staff screens', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const editor = await signIn(ACCOUNTS.editors[SITE]);

  // The document: plain fields and rich text accept any text, which is escaped when shown.
  const { version, document } = await editor.json(`/api/sites/${SITE}/draft`);
  const home = document.pages.home;
  const [hero, text, , , menu] = home.blocks;
  document.site.name = hostile(0);
  document.site.tagline = hostile(1);
  home.title = hostile(2);
  home.description = hostile(3);
  hero.title = hostile(4);
  hero.text = hostile(5);
  hero.image_alt = hostile(6);
  text.content[0].runs[0].text = hostile(7);
  menu.links[0].label = hostile(8);
  // URL fields refuse script and data URLs outright, however they are spelled.
  for (const [field, set] of [
    ['hero.button_href', (d) => (d.pages.home.blocks[0].button_href = 'javascript:window.__xss=100')],
    ['hero.button_href', (d) => (d.pages.home.blocks[0].button_href = ' JaVaScRiPt:window.__xss=101')],
    ['hero.image_src', (d) => (d.pages.home.blocks[0].image_src = 'data:text/html,<script>window.__xss=102</script>')],
    ['menu.href', (d) => (d.pages.home.blocks[4].links[0].href = 'vbscript:msgbox(1)')],
    ['menu.href', (d) => (d.pages.home.blocks[4].links[0].href = 'java\tscript:window.__xss=103')],
  ]) {
    const bad = structuredClone(document);
    set(bad);
    const res = await editor.call(`/api/sites/${SITE}/draft`, { method: 'PUT', body: { base_version: version, document: bad } });
    assert.equal(res.status, 422, `${field} is refused`);
  }
  const saved = await editor.json(`/api/sites/${SITE}/draft`, { method: 'PUT', body: { base_version: version, document } });
  assert.ok(saved.version > version, JSON.stringify(saved));

  // Collections: one item from the form's API, a batch as the spreadsheet import sends it.
  const news = { title: hostile(9), date: '2026-12-01', summary: hostile(10), body: [hostile(11), hostile(12)] };
  assert.equal((await editor.call(`/api/sites/${SITE}/collections/news`, { method: 'POST', body: news })).status, 201);
  const staff = [0, 1, 2].map((i) => ({ name: hostile(13 + i), position: hostile(16 + i), department: hostile(19 + i) }));
  const imported = await editor.call(`/api/sites/${SITE}/collections/staff/import`, { method: 'POST', body: { items: staff } });
  assert.equal(imported.status, 200, await imported.clone().text());
  const badUrl = await editor.call(`/api/sites/${SITE}/collections/documents`, {
    method: 'POST',
    body: { title: 'Приказ', kind: 'Приказ', date: '2026-12-01', status: 'in_force', file_url: 'javascript:window.__xss=104' },
  });
  assert.equal(badUrl.status, 422, 'a document link must be an address');

  // A file whose name and description are hostile.
  const upload = await editor.call(`/api/sites/${SITE}/media`, {
    method: 'POST',
    body: png(5, 5, 31),
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(`${hostile(22)}.png`), 'X-Alt-Text': encodeURIComponent(hostile(23)) },
  });
  assert.ok([200, 201].includes(upload.status), 'stored (200: the same bytes were already there)');

  assert.equal((await editor.call(`/api/sites/${SITE}/publish`, { method: 'POST', body: { version: saved.version } })).status, 200);

  // A citizen's appeal, through the public form.
  const seen = [];
  const visitor = await (await pool.open({ bypassCSP: true })).newPage();
  watch(visitor, seen);
  await visitor.goto(`${BASE_URL}/s/${SITE}/obrashcheniya`);
  await visitor.getByLabel('Тема обращения').selectOption({ index: 1 });
  await visitor.getByLabel('Текст обращения').fill(hostile(24));
  await visitor.getByLabel('Фамилия, имя, отчество').fill(hostile(25).slice(0, 150));
  await visitor.getByLabel('Электронная почта или почтовый адрес для ответа').fill('visitor@example.ru');
  await visitor.getByLabel(/Я согласен\(на\) на обработку/).check();
  await visitor.getByRole('button', { name: 'Отправить обращение' }).click();
  await visitor.getByRole('heading', { name: 'Обращение принято', level: 1 }).or(visitor.getByRole('alert')).first().waitFor();
  assert.equal(await visitor.getByRole('heading', { name: 'Обращение принято', level: 1 }).count(), 1, await visitor.locator('main').innerText());
  await assertInert(visitor, 'the appeal receipt', seen);

  // A comment in a public discussion, published by the editor.
  await visitor.goto(`${BASE_URL}/s/${SITE}/obrashcheniya`);
  const discussion = visitor.locator('section.discussion').first();
  await discussion.getByLabel('Ваше предложение или замечание').fill(hostile(26));
  await discussion.getByLabel('Фамилия, имя (будут опубликованы)').fill(hostile(27).slice(0, 100));
  await discussion.getByLabel(/Я согласен\(на\) на публикацию/).check();
  await discussion.getByRole('button', { name: 'Отправить предложение' }).click();
  await visitor.getByRole('heading', { name: 'Предложение отправлено', level: 1 }).waitFor();
  await assertInert(visitor, 'the comment receipt', seen);
  const { comments } = await editor.json(`/api/sites/${SITE}/comments`);
  const comment = comments.find((c) => c.text?.includes('Поле 26') || JSON.stringify(c).includes('Поле 26'));
  assert.ok(comment, 'the comment waits for moderation');
  assert.equal((await editor.call(`/api/sites/${SITE}/comments/${comment.id}`, { method: 'PATCH', body: { publish: true } })).status, 200);

  // Every public page, the usual and the accessible version.
  const sitemap = await (await fetch(`${BASE_URL}/s/${SITE}/sitemap.xml`)).text();
  const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(pages.length > 10, 'the sitemap lists the site');
  for (const path of pages) {
    await visitor.goto(`${BASE_URL}${path}`);
    await assertInert(visitor, path, seen);
  }
  await visitor.goto(`${BASE_URL}/s/${SITE}/`);
  assert.ok((await visitor.locator('body').innerText()).includes('Поле 0'), 'the hostile name is shown as text');
  await visitor.goto(`${BASE_URL}/s/${SITE}/_a11y?set=on&back=/s/${SITE}/`);
  for (const path of pages.slice(0, 12)) {
    await visitor.goto(`${BASE_URL}${path}`);
    await assertInert(visitor, `${path} (accessible version)`, seen);
  }

  // The staff screens: the editor's preview and page tree, the tables, the library, the inbox.
  const page = await openConstructor(await pool.open({ bypassCSP: true }), SITE, ACCOUNTS.editors[SITE]);
  const staffSeen = [];
  watch(page, staffSeen);
  await page.frameLocator('iframe').first().getByText('Поле 4').first().waitFor();
  await assertInert(page, 'the editor and its preview', staffSeen);
  await page.getByRole('button', { name: 'Медиатека' }).click();
  await page.getByRole('dialog', { name: 'Медиатека' }).getByText('Поле 23').first().waitFor();
  await assertInert(page, 'the media library', staffSeen);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Данные сайта', exact: true }).click();
  await page.getByText('Поле 9').first().waitFor();
  await assertInert(page, 'the news table', staffSeen);
  await page.getByRole('button', { name: 'Обращения', exact: true }).click();
  await page.getByText('Поле 24').first().waitFor({ state: 'attached' });
  await assertInert(page, 'the appeals inbox', staffSeen);
  const adminPage = await openConstructor(await pool.open({ bypassCSP: true }), SITE, ACCOUNTS.administrator);
  watch(adminPage, staffSeen);
  await adminPage.getByRole('button', { name: 'Журнал действий', exact: true }).click();
  await adminPage.getByRole('cell').first().waitFor();
  await assertInert(adminPage, 'the audit log', staffSeen);
  assert.ok(admin.user);
});

test('the checks catch what they look for (the suite can fail)', async () => {
  const context = await pool.open({ bypassCSP: true });
  for (const [html, what] of [
    [`<p>${hostile(1)}</p>`, /a script ran|event-handler|injected/],
    [`<a href="javascript:void(0)">x</a>`, /script URLs/],
    [`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, /script URLs/],
    [`<script>${mark(7)}</script>`, /a script ran|injected scripts/],
  ]) {
    const page = await context.newPage();
    const seen = [];
    watch(page, seen);
    await page.setContent(html);
    await assert.rejects(assertInert(page, 'a planted page', seen), what);
    await page.close();
  }
});
