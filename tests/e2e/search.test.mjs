// Site search against the real worker: Russian word forms meet, results stay within the
// site, new news is findable at once, hostile queries are just text. No JavaScript needed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';
import { get } from '../support/http.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const search = async (site, q) => {
  const res = await fetch(`${BASE_URL}/s/${site}/poisk?q=${encodeURIComponent(q)}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
};

test('another form of a word finds the news: «интернету» finds «интернет»', async () => {
  const { status, html, headers } = await search('mincifra', 'скоростного интернету');
  assert.equal(status, 200);
  assert.match(html, /Найдено результатов: [1-9]/);
  assert.ok(html.includes('скоростному интернету'), 'the news about connected villages is found');
  assert.ok(headers.get('content-security-policy').includes("default-src 'none'"));
  assert.ok(!html.includes('<script'), 'no script on the results page');
});

test('results belong to the site searched', async () => {
  const ministry = await search('mincifra', 'приём');
  const hospital = await search('gb4', 'приём');
  assert.equal(ministry.status, 200);
  assert.equal(hospital.status, 200);
  const links = (html) => [...html.matchAll(/<ol class="search-results">([\s\S]*?)<\/ol>/g)].join('');
  assert.ok(!links(ministry.html).includes('/s/gb4/'));
  assert.ok(!links(hospital.html).includes('/s/mincifra/'));
});

test('a news item added by an editor is found right away; deleted, it is gone', async () => {
  const editor = await signIn(ACCOUNTS.editors.mincifra);
  const word = `Квантовыйпроект${Date.now().toString(36)}`;
  const res = await editor.call('/api/sites/mincifra/collections/news', {
    method: 'POST',
    body: { title: `${word} стартовал в Рязани`, date: '2026-11-23', summary: 'Новый проект министерства.' },
  });
  assert.equal(res.status, 201);
  const { item } = await res.json();
  assert.ok((await search('mincifra', word)).html.includes(`${word} стартовал`));
  await editor.call(`/api/sites/mincifra/collections/news/${item.id}`, { method: 'DELETE' });
  assert.match((await search('mincifra', word)).html, /Ничего не найдено/);
});

test('hostile and empty queries get a page, never an error', async () => {
  for (const q of ['" OR * NEAR(', 'AND', '<script>alert(1)</script>', '?!', 'ж'.repeat(5000)]) {
    const { status, html } = await search('mincifra', q);
    assert.equal(status, 200, q.slice(0, 20));
    assert.ok(!html.includes('<script>alert(1)'));
  }
  const empty = await search('mincifra', '');
  assert.match(empty.html, /Введите одно или несколько слов/);
  assert.equal((await search('no-such-site', 'интернет')).status, 404);
});

test('search works on the site\'s own host and from the search box without JavaScript', async () => {
  const res = await get(`/poisk?q=${encodeURIComponent('документы')}`, { Host: 'mincifra.civic.localhost' });
  assert.equal(res.status, 200);
  assert.match(res.body, /Найдено результатов/);
  assert.ok(!res.body.includes('/s/mincifra/'), 'links stay on the host');

  const context = await launch({ javaScriptEnabled: false, bypassCSP: true });
  after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/s/mincifra/poisk`);
  await page.getByLabel('Поиск по сайту').fill('интернет');
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('status').filter({ hasText: 'Найдено результатов' }).waitFor();
  assert.ok(page.url().includes('poisk?q='));
  await page.close();
});

test('the results page has no accessibility violations, at desktop and phone widths', async () => {
  const context = await launch({ bypassCSP: true });
  after(() => context.close());
  const page = await context.newPage();
  for (const viewport of [{ width: 1366, height: 900 }, { width: 320, height: 640 }]) {
    await page.setViewportSize(viewport);
    await page.goto(`${BASE_URL}/s/mincifra/poisk?q=${encodeURIComponent('интернет')}`);
    assert.deepEqual(await axeViolations(page), []);
  }
});
