// Public pages as a visitor gets them from the real worker: by path, by host, 404s, caching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from '../support/browser.mjs';
import { get } from '../support/http.mjs';

const SITE_NAME = 'Министерство цифрового развития, информационных технологий и связи Рязанской области';

test('the demo home page answers 200 in Russian with the site title', async () => {
  const res = await get('/s/mincifra/');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /text\/html; charset=utf-8/);
  assert.match(res.body, /<html lang="ru">/);
  assert.ok(res.body.includes(`<title>Главная — ${SITE_NAME}</title>`));
  assert.ok(res.body.includes('<a href="/s/mincifra/kontakty">Контакты</a>'), 'menu links to the pages');
});

test('each demo site answers on its home page with its own name', async () => {
  const demos = {
    mincifra: SITE_NAME,
    kasimov: 'Администрация муниципального образования — Касимовский муниципальный округ Рязанской области',
    school7: 'МБОУ «Средняя школа №\u00a07» г. Рязани',
    gb4: 'ГБУ РО «Городская клиническая больница №\u00a04»',
  };
  for (const [slug, name] of Object.entries(demos)) {
    const res = await get(`/s/${slug}/`);
    assert.equal(res.status, 200, slug);
    assert.ok(res.body.includes(`<title>Главная — ${name}</title>`), slug);
  }
});

test('the school answers at the addresses Rosobrnadzor prescribes, nested under /sveden/', async () => {
  for (const [path, title] of [
    ['/s/school7/sveden/common', 'Основные сведения'],
    ['/s/school7/sveden/eduStandarts', 'Образовательные стандарты и требования'],
    ['/s/school7/sveden/paid_edu', 'Платные образовательные услуги'],
  ]) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.ok(res.body.includes(`<h1>${title}</h1>`), path);
  }
  const byHost = await get('/sveden/common', { Host: 'school7.civic.localhost:8787' });
  assert.equal(byHost.status, 200);
  assert.ok(byHost.body.includes('<a href="/sveden">Сведения об образовательной организации</a>'), 'breadcrumbs lead to the section');
  // Only the full address: the subsection is not at the top level, and letter case counts.
  assert.equal((await get('/s/school7/common')).status, 404);
  assert.equal((await get('/s/school7/sveden/edustandarts')).status, 404);
});

test('a site is served on its own host at the root', async () => {
  const res = await get('/kontakty', { Host: 'mincifra.civic.localhost:8787' });
  assert.equal(res.status, 200);
  assert.match(res.body, /<h1>Контакты<\/h1>/);
  assert.ok(res.body.includes('<a href="/kontakty" aria-current="page">'), 'links are relative to the host');
});

test('unknown sites and pages get a real 404 page', async () => {
  const noSite = await get('/s/no-such-site/');
  assert.equal(noSite.status, 404);
  assert.match(noSite.body, /Страница не найдена/);
  const noPage = await get('/s/mincifra/no-such-page');
  assert.equal(noPage.status, 404);
  assert.match(noPage.body, /Страница не найдена/);
  assert.ok(noPage.body.includes(SITE_NAME), 'the 404 of a site is in the site\'s own frame');
});

test('public pages carry a strict CSP without scripts, and revalidate with ETag', async () => {
  const res = await get('/s/mincifra/o-ministerstve');
  const csp = res.headers['content-security-policy'];
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /script-src|unsafe/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  // The one script element is JSON-LD: data that browsers never execute.
  assert.deepEqual(res.body.match(/<script[^>]*>/g), ['<script type="application/ld+json">']);
  const again = await get('/s/mincifra/o-ministerstve', { 'If-None-Match': res.headers.etag });
  assert.equal(again.status, 304);
});

test('the JSON Schema of the site document is public, typed and open to other origins', async () => {
  const res = await fetch(`${BASE_URL}/schema/site-document.v2.json`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/schema\+json/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const schema = await res.json();
  assert.equal(schema.title, 'Civic site document');
  assert.equal(schema.$id, '/schema/site-document.v2.json');
  assert.equal(schema.properties.schema_version.const, 2);
});
