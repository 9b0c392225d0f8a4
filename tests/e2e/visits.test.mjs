// Visit statistics (issue 10): the worker counts views of a site's public pages by itself —
// no cookie, no script, no request to anyone else —, one visitor a day per browser, robots,
// HEAD requests, prefetches and missing pages not at all. The administrator and the site's
// editor see the figures in «Посещаемость» (chart, its data table, the most viewed pages);
// another site's editor learns nothing. Counts are compared with what the API said before
// this test's visits, so the test holds on a fresh seed and on one used before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';

const pool = contextPool();
const run = Date.now().toString(36);
// Two people's browsers: the same address (127.0.0.1), different browsers. Headless Chromium
// names itself «HeadlessChrome» and would not be counted, as robots are not.
const PERSON_A = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 civic-${run}-a`;
const PERSON_B = `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0 civic-${run}-b`;
const ROBOT = 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)';

const today = new Date().toISOString().slice(0, 10);
const ru = (day) => day.split('-').reverse().join('.');

/** The figures the API gives for school7, with views per page. */
async function figures(client) {
  const res = await client.call('/api/sites/school7/visits');
  assert.equal(res.status, 200);
  const report = await res.json();
  const day = report.days.find((d) => d.day === today) ?? { views: 0, visitors: 0 };
  return { report, views: report.views, visitors: report.visitors, today: day, pages: Object.fromEntries(report.top_pages.map((p) => [p.path, p.views])) };
}

/** A person's browser that records every response's `Set-Cookie` and every request to another origin. */
async function person(userAgent) {
  const context = await pool.open({ userAgent });
  const page = await context.newPage();
  const seen = { cookies: [], elsewhere: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:')) seen.elsewhere.push(url);
  });
  page.on('response', async (response) => {
    // The accessible version's switch sets its own cookie, at the visitor's request; pages never do.
    if (response.url().includes('/_a11y')) return;
    const cookie = await response.headerValue('set-cookie');
    if (cookie) seen.cookies.push(`${response.url()}: ${cookie}`);
  });
  const open = async (path, status = 200) => {
    const response = await page.goto(`${BASE_URL}${path}`);
    assert.ok([status, 304].includes(response.status()), `${path}: ${response.status()}`);
    await page.locator('h1').first().waitFor();
  };
  return { page, seen, open };
}

test('views of public pages are counted without cookies and shown in «Посещаемость»', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const before = await figures(admin);

  // What is no view: a robot, a HEAD request, a prefetch, a missing page.
  const get = (path, headers) => fetch(`${BASE_URL}${path}`, { headers });
  assert.equal((await get('/s/school7/', { 'User-Agent': ROBOT })).status, 200);
  assert.equal((await fetch(`${BASE_URL}/s/school7/`, { method: 'HEAD', headers: { 'User-Agent': PERSON_A } })).status, 200);
  assert.equal((await get('/s/school7/kontakty', { 'User-Agent': PERSON_A, 'Sec-Purpose': 'prefetch' })).status, 200);
  const robotPage = await (await pool.open({ userAgent: ROBOT })).newPage();
  await robotPage.goto(`${BASE_URL}/s/school7/sveden`);

  // Person A: the home page three times (once from a link with a query string) and contacts.
  const a = await person(PERSON_A);
  await a.open('/s/school7/');
  await a.open('/s/school7/');
  await a.open('/s/school7/?utm_source=vk');
  await a.open('/s/school7/kontakty');
  await a.open('/s/school7/net-takoy-stranicy', 404);
  // Person B: the home page, then contacts in the accessible version (the same page).
  const b = await person(PERSON_B);
  await b.open('/s/school7/');
  await b.page.goto(`${BASE_URL}/s/school7/_a11y?set=on&back=/s/school7/kontakty`);
  assert.match(b.page.url(), /\/s\/school7\/kontakty$/);
  assert.ok((await b.page.context().cookies()).length > 0, 'the accessible version is on');
  for (const { seen } of [a, b]) {
    assert.deepEqual(seen.cookies, [], 'no page sets a cookie');
    assert.deepEqual(seen.elsewhere, [], 'no request leaves the platform');
  }
  assert.deepEqual((await a.page.context().cookies()), [], 'person A carries no cookie at all');

  // The counts land after the responses (wait_until): wait for them, then expect exactly these.
  const want = { views: before.views + 6, visitors: before.visitors + 2 };
  let after = before;
  for (let tries = 0; tries < 120 && after.views < want.views; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    after = await figures(admin);
  }
  // One more read: a view counted wrongly (the robot's, the prefetch) would have landed by now.
  after = await figures(admin);
  assert.equal(after.views, want.views, 'six views: four of the home page, two of contacts');
  assert.equal(after.visitors, want.visitors, 'two visitors: the same address, two browsers');
  assert.equal(after.today.views, before.today.views + 6);
  assert.equal(after.pages['/'], (before.pages['/'] ?? 0) + 4, 'the query string is no other page');
  assert.equal(after.pages['/kontakty'], (before.pages['/kontakty'] ?? 0) + 2, 'the accessible version is the same page');
  assert.equal(after.pages['/sveden'], before.pages['/sveden'], 'the robot’s page is not counted');
  assert.equal(after.pages['/net-takoy-stranicy'], undefined);
  assert.equal(after.report.days.length, 30);

  // Only day-bound hashes are stored: no address, no browser name.
  const dir = process.env.CIVIC_PERSIST_DIR;
  assert.ok(dir, 'CIVIC_PERSIST_DIR names the local storage the worker runs on (scripts/test.sh sets it)');
  // Asynchronously: a blocked event loop would miss the worker closing idle keep-alive sockets.
  const d1 = async (sql) => JSON.parse((await promisify(execFile)('node_modules/.bin/wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql],
    { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } })).stdout)[0].results;
  assert.deepEqual((await d1("SELECT name FROM pragma_table_info('visitors')")).map((c) => c.name), ['site_id', 'day', 'hash']);
  const stored = await d1('SELECT hash FROM visitors');
  assert.ok(stored.length >= 2);
  for (const { hash } of stored) assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal((await d1(`SELECT count(*) AS n FROM visitors WHERE hash LIKE '%127.0.0.1%' OR hash LIKE '%${run}%'`))[0].n, 0);
  // The hourly cron run forgets the hashes of days that are over, and keeps today's.
  const past = `${run}`.padEnd(64, '0').replace(/[^0-9a-f]/g, 'f');
  await d1(`INSERT INTO visitors (site_id, day, hash) SELECT id, '2020-01-01', '${past}' FROM sites WHERE slug = 'school7'`);
  const todays = async () => (await d1(`SELECT count(*) AS n FROM visitors WHERE day = '${today}'`))[0].n;
  const kept = await todays();
  assert.equal((await fetch(`${BASE_URL}/__scheduled?cron=${encodeURIComponent('17 * * * *')}`)).status, 200);
  assert.equal((await d1(`SELECT count(*) AS n FROM visitors WHERE hash = '${past}'`))[0].n, 0, 'a past day\'s hash is gone');
  assert.equal(await todays(), kept, 'today\'s hashes stay');

  // Who may read: the site's editors, administrators and the operator; not another site's editor.
  const stranger = await signIn(ACCOUNTS.editors.mincifra);
  assert.equal((await stranger.call('/api/sites/school7/visits')).status, 404);
  assert.equal((await stranger.call('/api/visits')).status, 403);
  const operator = await signIn(ACCOUNTS.operator);
  const everySite = (await operator.json('/api/visits')).sites;
  assert.deepEqual(everySite.find((s) => s.slug === 'school7'), { slug: 'school7', name: everySite.find((s) => s.slug === 'school7').name, views: want.views, visitors: want.visitors });
  assert.equal((await operator.call('/api/visits', { method: 'POST', body: {} })).status, 405);

  // The administrator sees it in the constructor.
  const top = Object.entries(after.pages).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
  const adminPage = await openConstructor(await pool.open({ bypassCSP: true }), 'school7', ACCOUNTS.administrator);
  await adminPage.getByRole('button', { name: 'Посещаемость', exact: true }).click();
  await adminPage.getByRole('heading', { level: 2, name: 'Посещаемость' }).waitFor();
  await adminPage.getByText('без cookie и сторонних счётчиков').waitFor();
  assert.equal(await adminPage.getByTestId('visits-views').innerText(), String(want.views));
  assert.equal(await adminPage.getByTestId('visits-visitors').innerText(), String(want.visitors));
  const chart = adminPage.locator('figure.visits-chart');
  assert.match(await chart.locator('figcaption').innerText(), new RegExp(`по дням, ${ru(after.report.from)} — ${ru(today)}`));
  const svg = chart.getByRole('img');
  assert.match(await svg.getAttribute('aria-label'), new RegExp(`^Просмотров за 30 дней: ${want.views}, посетителей: ${want.visitors};`));
  assert.equal(await chart.locator('g.visits-bar').count(), 30);
  assert.equal(await chart.locator(`g.visits-bar[data-day="${today}"] title`).textContent(),
    `${ru(today)}: просмотров ${after.today.views}, посетителей ${after.today.visitors}`);
  await adminPage.getByText('Таблица данных').click();
  const todayRow = adminPage.locator(`table.visits-days tr[data-day="${today}"]`);
  assert.deepEqual((await todayRow.locator('th, td').allInnerTexts()).map((s) => s.trim()), [ru(today), String(after.today.views), String(after.today.visitors)]);
  assert.equal(await adminPage.locator('table.visits-days tbody tr').count(), 30);
  const firstPage = adminPage.locator('table.visits-pages tbody tr').first();
  assert.equal(await firstPage.getAttribute('data-path'), top[0]);
  assert.equal((await firstPage.locator('td').innerText()).trim(), String(top[1]));
  const siteRow = adminPage.locator('table.visits-sites tr[data-site="school7"]');
  assert.match(await siteRow.innerText(), new RegExp(`${want.views}\\s+${want.visitors}$`));
  assert.deepEqual(await axeViolations(adminPage), []);

  // The site's editor sees the same figures, and no other site's.
  const editorPage = await openConstructor(await pool.open({ bypassCSP: true }), 'school7', ACCOUNTS.editors.school7);
  await editorPage.getByRole('button', { name: 'Посещаемость', exact: true }).click();
  await editorPage.getByTestId('visits-views').waitFor();
  assert.equal(await editorPage.getByTestId('visits-views').innerText(), String(want.views));
  assert.equal(await editorPage.getByTestId('visits-visitors').innerText(), String(want.visitors));
  assert.equal(await editorPage.locator('table.visits-sites').count(), 0);
});

test('a site nobody has visited shows the empty state', async () => {
  // Only this file visits as a person (other tests' headless Chromium counts as a robot), and
  // only school7: gb4 has had no views.
  const admin = await signIn(ACCOUNTS.administrator);
  const report = await admin.json('/api/sites/gb4/visits');
  assert.equal(report.days.length, 30);
  assert.ok(report.days.every((d) => d.views === 0 && d.visitors === 0));
  assert.deepEqual([report.views, report.visitors, report.top_pages], [0, 0, []]);
  const page = await openConstructor(await pool.open({ bypassCSP: true }), 'gb4', ACCOUNTS.editors.gb4);
  await page.getByRole('button', { name: 'Посещаемость', exact: true }).click();
  await page.getByTestId('visits-empty').waitFor();
  assert.match(await page.getByTestId('visits-empty').innerText(), /^Посещений пока нет/);
  assert.equal(await page.getByTestId('visits-views').innerText(), '0');
  assert.equal(await page.locator('figure.visits-chart').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
});
