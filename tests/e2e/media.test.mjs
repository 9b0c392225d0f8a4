// The media library against the real worker: uploads read by their bytes, limits refused
// early (even when the body lies about its length), descriptions required for images, who may
// do what, public addresses with immutable caching, and the constructor's «Медиатека» in Chromium.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { join } from 'node:path';
import { BASE_URL, ARTIFACTS, launch, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { get } from '../support/http.mjs';
import { axeViolations } from '../support/axe.mjs';
import { png } from '../support/files.mjs';

const MB = 1024 * 1024;
const run = Date.now().toString(36);
const editor = await signIn(ACCOUNTS.editors.mincifra);
const admin = await signIn(ACCOUNTS.administrator);
const operator = await signIn(ACCOUNTS.operator);

const contexts = [];
after(async () => Promise.all(contexts.map((c) => c.close())));

const shade = (salt) => (parseInt(run.slice(-4), 36) + salt) % 256;

function upload(client, body, { name, alt, title, headers = {} } = {}) {
  return client.call('/api/sites/mincifra/media', {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(name === undefined ? {} : { 'X-File-Name': encodeURIComponent(name) }),
      ...(alt === undefined ? {} : { 'X-Alt-Text': encodeURIComponent(alt) }),
      ...(title === undefined ? {} : { 'X-Title': encodeURIComponent(title) }),
      ...headers,
    },
  });
}

/**
 * A raw upload through node:http, for what fetch refuses to send: a Content-Length the body
 * does not have, or a chunked body with no length at all. `send` writes the body; resolves with
 * the answer (or 'no answer' after `waitMs`), then drops the connection.
 */
function rawUpload(client, headers, send, waitMs = 10000) {
  const url = new URL('/api/sites/mincifra/media', BASE_URL);
  return new Promise((resolve) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: 'POST', path: url.pathname, headers: { Cookie: client.cookie, Origin: BASE_URL, 'X-CSRF-Token': client.csrf, 'X-Alt-Text': 'x', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode, body });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: 'no answer' });
    }, waitMs);
    req.on('error', () => {});
    send(req);
  });
}

async function problem(res) {
  const { error } = await res.json();
  return { code: error.code, message: error.problems?.[0]?.message_ru ?? '' };
}

test('an uploaded PNG is listed with its pixel size and served publicly with immutable caching', async () => {
  const bytes = png(5, 3, shade(1));
  const res = await upload(editor, bytes, { name: `Фасад здания ${run}.png`, alt: 'Фасад здания министерства', title: 'Здание' });
  assert.equal(res.status, 201, await res.clone().text());
  const { item, created } = await res.json();
  assert.equal(created, true);
  assert.deepEqual([item.kind, item.format, item.width, item.height, item.bytes], ['image', 'PNG', 5, 3, bytes.length]);
  assert.equal(item.name, `Фасад здания ${run}.png`, 'the Cyrillic name is kept for display');
  assert.match(item.url, /^\/media\/mincifra\/[0-9a-f]{64}\.png$/, 'the address is content-addressed');

  const list = await editor.json('/api/sites/mincifra/media?kind=image');
  assert.deepEqual(list.items[0], item, 'newest first');
  const found = await editor.json(`/api/sites/mincifra/media?q=${encodeURIComponent('ФАСАД ЗДАНИЯ МИНИСТЕРСТВА')}`);
  assert.ok(found.items.some((i) => i.id === item.id), 'search is case-insensitive in Cyrillic');
  const documents = await editor.json('/api/sites/mincifra/media?kind=document');
  assert.ok(!documents.items.some((i) => i.id === item.id));

  const served = await fetch(`${BASE_URL}${item.url}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
  assert.match(served.headers.get('content-security-policy'), /sandbox/);
  const etag = served.headers.get('etag');
  assert.equal(etag, `"${item.url.split('/').pop().split('.')[0]}"`);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
  assert.equal((await fetch(`${BASE_URL}${item.url}`, { headers: { 'If-None-Match': etag } })).status, 304);

  const file = item.url.split('/').pop();
  const byHost = await get(`/media/${file}`, { Host: 'mincifra.civic.localhost' });
  assert.equal(byHost.status, 200, 'the site host serves it at /media/<file>');
  assert.equal((await get(item.url, { Host: 'mincifra.civic.localhost' })).status, 200, 'and at the address written into documents');
  assert.equal((await fetch(`${BASE_URL}/media/no-such-site/${file}`)).status, 404, 'only media of a site that exists');

  const again = await upload(editor, bytes, { name: 'копия.png', alt: 'Другое описание' });
  assert.equal(again.status, 200, 'the same bytes again are not stored twice');
  const repeat = await again.json();
  assert.equal(repeat.created, false);
  assert.equal(repeat.item.id, item.id);
  assert.equal(repeat.item.alt, 'Фасад здания министерства');
});

test('documents are read by their bytes and offered under their original name', async () => {
  const pdf = Buffer.from(`%PDF-1.4\n% ${run}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`, 'latin1');
  const res = await upload(editor, pdf, { name: 'Положение о конкурсе.doc' });
  assert.equal(res.status, 201, await res.clone().text());
  const { item } = await res.json();
  assert.deepEqual([item.kind, item.format, item.name, item.width], ['document', 'PDF', 'Положение о конкурсе.pdf', null]);
  const served = await fetch(`${BASE_URL}${item.url}`);
  assert.equal(served.headers.get('content-type'), 'application/pdf');
  assert.equal(
    served.headers.get('content-disposition'),
    `inline; filename="_________ _ ________.pdf"; filename*=UTF-8''${encodeURIComponent('Положение о конкурсе.pdf')}`,
  );
});

test('the type comes from the bytes: a text named photo.png and an SVG are refused with 415', async () => {
  const text = await upload(editor, Buffer.from('Это не картинка, а текст.'), { name: 'photo.png', alt: 'Фото' });
  assert.equal(text.status, 415);
  const refused = await problem(text);
  assert.equal(refused.code, 'unsupported_file_type');
  assert.match(refused.message, /Принимаются изображения PNG, JPEG, GIF, WEBP и документы PDF/);

  const svg = await upload(editor, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { name: 'герб.svg', alt: 'Герб' });
  assert.equal(svg.status, 415);
  assert.match((await problem(svg)).message, /SVG не принимаются/);

  const empty = await upload(editor, Buffer.alloc(0), { name: 'пусто.pdf' });
  assert.equal(empty.status, 422);
  assert.equal((await problem(empty)).code, 'empty_file');
});

test('an image without a description is refused with 422 and a Russian message', async () => {
  for (const alt of [undefined, '   ']) {
    const res = await upload(editor, png(2, 2, shade(2)), { name: 'без описания.png', alt });
    assert.equal(res.status, 422);
    const refused = await problem(res);
    assert.equal(refused.code, 'alt_required');
    assert.match(refused.message, /нужно описание/);
  }
});

test('over-size bodies get 413 naming the limit; a body without a length is cut off at the limit', async () => {
  const declared = await rawUpload(editor, { 'Content-Length': String(31 * MB) }, (req) => req.write(Buffer.alloc(1024, 65)));
  assert.equal(declared.status, 413, 'refused on the declared length alone, the rest never sent');
  assert.match(JSON.parse(declared.body).error.problems[0].message_ru, /до 10 МБ, документы — до 30 МБ/);

  // An image over its limit but under the documents': refused by its kind, and never held whole.
  const head = Buffer.concat([png(2, 2, shade(3)), Buffer.alloc(2048)]);
  const bigImage = await rawUpload(editor, { 'Content-Length': String(11 * MB) }, async (req) => {
    req.write(head);
    let left = 11 * MB - head.length;
    while (left > 0 && !req.destroyed) {
      const size = Math.min(left, MB);
      left -= size;
      if (!req.write(Buffer.alloc(size))) await new Promise((resolve) => req.once('drain', resolve));
    }
  }, 30000);
  assert.equal(bigImage.status, 413, 'an image over 10 MB is refused');
  assert.match(JSON.parse(bigImage.body).error.problems[0].message_ru, /Изображение больше 10 МБ/);

  // A Content-Length smaller than the body cannot smuggle more: HTTP framing ends the body there.
  // What a lying client can do is send no length at all; the body is then counted as it
  // arrives and refused past the image limit, never held whole.
  const chunked = await rawUpload(editor, { 'Transfer-Encoding': 'chunked' }, async (req) => {
    req.write(head);
    const piece = Buffer.alloc(MB);
    for (let i = 0; i < 12 && !req.destroyed; i++) {
      if (!req.write(piece)) await new Promise((resolve) => req.once('drain', resolve));
    }
    req.end();
  }, 30000);
  assert.equal(chunked.status, 413);
  assert.equal(JSON.parse(chunked.body).error.code, 'file_too_large');
});

test('descriptions can be changed but not removed from an image; deleting ends the public address', async () => {
  const { item } = await (await upload(editor, png(4, 4, shade(4)), { name: 'удалить.png', alt: 'Временное' })).json();
  const path = `/api/sites/mincifra/media/${item.id}`;
  const cleared = await editor.call(path, { method: 'PATCH', body: { alt: ' ' } });
  assert.equal(cleared.status, 422);
  const changed = await editor.call(path, { method: 'PATCH', body: { alt: 'Новое описание', title: 'Снимок' } });
  assert.equal(changed.status, 200);
  assert.deepEqual([(await changed.json()).item.alt], ['Новое описание']);

  assert.equal((await fetch(`${BASE_URL}${item.url}`)).status, 200);
  const deleted = await editor.call(path, { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.equal((await fetch(`${BASE_URL}${item.url}`)).status, 404, "a deleted item's address answers 404");
  assert.equal((await editor.call(path, { method: 'DELETE' })).status, 404);
  const list = await editor.json('/api/sites/mincifra/media');
  assert.ok(!list.items.some((i) => i.id === item.id));

  const audit = await admin.json('/api/audit?site=mincifra');
  const actions = audit.entries.filter((e) => e.detail.includes(item.url.split('/').pop())).map((e) => e.action);
  assert.deepEqual(actions, ['media.delete', 'media.change', 'media.upload'], 'every change is in the audit log');
});

test("who may: another site's editor sees nothing, the operator reads but cannot upload, no CSRF token no change", async () => {
  const { item } = await (await upload(editor, png(3, 3, shade(5)), { name: 'чужое.png', alt: 'Чужое' })).json();
  const stranger = await signIn(ACCOUNTS.editors.kasimov);
  for (const res of [
    await stranger.call('/api/sites/mincifra/media'),
    await upload(stranger, png(2, 2, shade(6)), { name: 'x.png', alt: 'x' }),
    await stranger.call(`/api/sites/mincifra/media/${item.id}`, { method: 'DELETE' }),
    await stranger.call(`/api/sites/mincifra/media/${item.id}`, { method: 'PATCH', body: { alt: 'взлом' } }),
  ]) {
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'site_not_found');
  }

  assert.equal((await operator.call('/api/sites/mincifra/media')).status, 200, 'the operator reads every site');
  const byOperator = await upload(operator, png(2, 2, shade(7)), { name: 'x.png', alt: 'x' });
  assert.equal(byOperator.status, 403);
  assert.equal((await byOperator.json()).error.code, 'forbidden');
  assert.equal((await operator.call(`/api/sites/mincifra/media/${item.id}`, { method: 'DELETE' })).status, 403);

  const noToken = await upload(editor, png(2, 2, shade(8)), { name: 'x.png', alt: 'x', headers: { 'X-CSRF-Token': '' } });
  assert.equal(noToken.status, 403);
  assert.equal((await noToken.json()).error.code, 'csrf_token_missing');
  assert.equal((await fetch(`${BASE_URL}${item.url}`)).status, 200, 'nothing of that touched the item');
});

test('the constructor: upload with a description, choose it for an image block, see it in the preview', async () => {
  const context = await launch({ bypassCSP: true });
  contexts.push(context);
  const page = await openConstructor(context, 'mincifra');
  await page.locator('[data-block-type="image"]').click();
  await page.getByRole('button', { name: 'Выбрать из медиатеки' }).click();
  const dialog = page.getByRole('dialog', { name: 'Медиатека' });
  await dialog.waitFor();

  const name = `Герб области ${run}.png`;
  await dialog.getByLabel('Файл', { exact: true }).setInputFiles({ name, mimeType: 'image/png', buffer: png(24, 16, shade(9)) });
  await dialog.getByRole('button', { name: 'Загрузить' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'нужно описание' }).waitFor();
  assert.equal(await dialog.getByLabel('Описание изображения (alt)').getAttribute('aria-invalid'), 'true', 'the empty description is marked');

  await dialog.getByLabel('Описание изображения (alt)').fill('Герб Рязанской области');
  await dialog.getByRole('button', { name: 'Загрузить' }).click();
  await dialog.getByRole('status').filter({ hasText: `Файл «${name}» загружен.` }).waitFor();
  const item = dialog.locator('.media-item', { hasText: name });
  await item.filter({ hasText: 'PNG' }).filter({ hasText: '24 × 16 пикс.' }).waitFor();
  assert.ok(await item.locator('img.media-thumb').evaluate((img) => img.complete && img.naturalWidth === 24), 'the thumbnail loads');

  assert.deepEqual(await axeViolations(page), [], 'no accessibility violations with the library open');
  await page.screenshot({ path: join(ARTIFACTS, 'media-library.png') });

  await dialog.getByLabel('Найти по названию или описанию').fill(`нет такого ${run}`);
  await dialog.getByText('Ничего не найдено').waitFor();
  await dialog.getByLabel('Найти по названию или описанию').fill('');
  await item.getByRole('button', { name: 'Выбрать' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const src = await page.getByLabel('Адрес изображения').inputValue();
  assert.match(src, /^\/media\/mincifra\/[0-9a-f]{64}\.png$/);
  assert.equal(await page.getByLabel('Описание изображения (alt)', { exact: true }).inputValue(), 'Герб Рязанской области', 'the starter description is replaced');
  const shown = page.frameLocator('iframe.preview').locator(`img[src="${src}"]`);
  await shown.waitFor();
  assert.equal(await shown.getAttribute('alt'), 'Герб Рязанской области');
  await shown.evaluate((img) => (img.complete ? null : new Promise((resolve) => img.addEventListener('load', resolve))));
  assert.equal(await shown.evaluate((img) => img.naturalWidth), 24, 'the preview shows the uploaded picture');
  await page.screenshot({ path: join(ARTIFACTS, 'media-chosen.png') });

  await page.keyboard.press('Control+z');
  assert.notEqual(await page.getByLabel('Адрес изображения').inputValue(), src, 'choosing is one undoable step');
});

test('an empty library says so and how to fill it; a read-only operator gets no upload form', async () => {
  const context = await launch();
  contexts.push(context);
  const page = await openConstructor(context, 'kasimov');
  await page.getByRole('button', { name: 'Медиатека' }).click();
  const dialog = page.getByRole('dialog', { name: 'Медиатека' });
  await dialog.getByText('В медиатеке пока нет файлов').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  const operatorContext = await launch();
  contexts.push(operatorContext);
  const operatorPage = await openConstructor(operatorContext, 'mincifra', ACCOUNTS.operator);
  await operatorPage.getByRole('button', { name: 'Медиатека' }).click();
  const library = operatorPage.getByRole('dialog', { name: 'Медиатека' });
  await library.locator('.media-item').first().waitFor();
  assert.equal(await library.getByRole('button', { name: 'Загрузить' }).count(), 0);
  assert.equal(await library.getByRole('button', { name: 'Удалить' }).count(), 0);
});
