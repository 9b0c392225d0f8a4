// Appeals as a visitor sends them, with JavaScript off: the form on the site, the receipt with
// its number and code, the status page; a form with problems comes back filled in; a robot is
// turned away; a hostile text stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';

const pool = contextPool();
const visitor = async () => (await pool.open({ javaScriptEnabled: false })).newPage();

async function fill(page, { text, name = 'Петрова Анна Сергеевна', contact = 'petrova@example.ru', consent = true }) {
  await page.getByLabel('Текст обращения').fill(text);
  await page.getByLabel('Фамилия, имя, отчество').fill(name);
  await page.getByLabel('Электронная почта или почтовый адрес для ответа').fill(contact);
  if (consent) await page.getByLabel(/Я согласен\(на\) на обработку/).check();
}

test('a visitor sends an appeal and finds it on the status page by its number and code', async () => {
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/mincifra/priemnaya`);
  await page.getByLabel('Тема обращения').selectOption({ index: 1 });
  await fill(page, { text: 'Прошу сообщить сроки подключения села Ижевское к интернету.' });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByRole('heading', { name: 'Обращение принято', level: 1 }).waitFor();
  const receipt = await page.locator('.appeal-receipt').innerText();
  const number = receipt.match(/Номер обращения\s+(\d{4}-\d{5})/)[1];
  const code = receipt.match(/Код для проверки статуса\s+([A-Z0-9]{10})/)[1];

  await page.getByRole('link', { name: 'Проверить статус обращения' }).click();
  await page.getByLabel('Номер обращения', { exact: true }).fill(number);
  await page.getByLabel('Код для проверки статуса').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Показать' }).click();
  const status = page.locator('.appeal-status');
  await status.waitFor();
  assert.match(await status.innerText(), /поступило, ожидает регистрации/);

  await page.getByLabel('Номер обращения', { exact: true }).fill(number);
  await page.getByLabel('Код для проверки статуса').fill('WRONGCODE2');
  await page.getByRole('button', { name: 'Показать' }).click();
  await page.getByText('Обращение с таким номером и кодом не найдено').waitFor();
  assert.equal(await page.locator('.appeal-status').count(), 0, 'a wrong code shows nothing of the appeal');
});

test('a form with problems comes back filled in, each problem named and linked to its field', async () => {
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/mincifra/priemnaya`);
  // The browser's own checks would stop an empty form; a visitor with an old browser gets the server's.
  await page.locator('form.appeal-form').evaluate((form) => form.setAttribute('novalidate', ''));
  await fill(page, { text: 'Текст, который нельзя терять.', contact: 'позвоните мне', consent: false });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  const problems = await summary.innerText();
  assert.match(problems, /Электронная почта или почтовый адрес для ответа: укажите адрес электронной почты/);
  assert.match(problems, /Согласие на обработку персональных данных: без согласия/);
  assert.equal(await page.getByLabel('Текст обращения').inputValue(), 'Текст, который нельзя терять.');
  assert.equal(await page.getByLabel('Электронная почта или почтовый адрес для ответа').getAttribute('aria-invalid'), 'true');
  await fill(page, { text: 'Текст, который нельзя терять.', contact: '390000, г. Рязань, ул. Почтовая, 1' });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByRole('heading', { name: 'Обращение принято', level: 1 }).waitFor();
});

test('a hostile text is stored and shown as text; a robot filling the hidden field stores nothing', async () => {
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/kasimov/priemnaya`);
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  await page.locator('form.appeal-form').evaluate((form) => form.setAttribute('novalidate', ''));
  await fill(page, { text: hostile, name: '<b>Бот</b>', consent: false });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Текст обращения').inputValue(), hostile);
  assert.equal(await page.locator('form.appeal-form img, form.appeal-form script, form.appeal-form b').count(), 0);

  const before = await fetch(`${BASE_URL}/s/kasimov/priemnaya`).then((r) => r.text());
  const form = before.match(/name="page" value="([^"]+)"><input type="hidden" name="form" value="([^"]+)"/);
  const res = await fetch(`${BASE_URL}/s/kasimov/_obrashcheniya`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
    body: new URLSearchParams({ page: form[1], form: form[2], text: 'Купите', name: 'Бот', contact: 'bot@example.ru', consent: 'yes', website: 'http://spam.example' }),
  });
  assert.equal(res.status, 200);
  assert.doesNotMatch(await res.text(), /Номер обращения\s*<\/dt><dd>\d/, 'no number for a robot');

  const foreign = await fetch(`${BASE_URL}/s/kasimov/_obrashcheniya`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    body: new URLSearchParams({ page: form[1], form: form[2], text: 'x', name: 'x', contact: 'x@example.ru', consent: 'yes' }),
  });
  assert.equal(foreign.status, 403, 'another site cannot send appeals in a visitor\'s name');
});

test('staff register and answer an appeal in the inbox; the author reads the answer on the status page', async () => {
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/school7/obrashcheniya`);
  await page.getByLabel('Тема обращения').selectOption('Питание');
  const hostile = 'Почему в меню нет супа? <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>';
  await fill(page, { text: hostile, name: 'Смирнова Ольга' });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const receipt = await page.locator('.appeal-receipt').innerText();
  const number = receipt.match(/Номер обращения\s+(\d{4}-\d{5})/)[1];
  const code = receipt.match(/Код для проверки статуса\s+([A-Z0-9]{10})/)[1];

  const staff = await pool.open();
  const inbox = await openConstructor(staff, 'school7');
  await inbox.getByRole('button', { name: 'Обращения', exact: true }).click();
  const card = inbox.locator(`[data-appeal="${number}"]`);
  await card.locator('summary').click();
  assert.match(await card.locator('summary').innerText(), /поступило, ожидает регистрации[\s\S]*Осталось 3 дн\./);
  assert.equal(await card.locator('.appeal-text').first().innerText(), hostile, 'the text is shown as it was written');
  assert.equal(await card.locator('.appeal-text img, .appeal-text script').count(), 0);
  assert.equal(await inbox.evaluate(() => window.__xss), undefined, 'nothing of it ran');

  await card.getByRole('button', { name: 'Зарегистрировать' }).click();
  await inbox.getByText(`Обращение № ${number} сохранено.`).waitFor();
  assert.match(await card.locator('summary').innerText(), /зарегистрировано, рассматривается[\s\S]*В срок, осталось 30 дн\./);
  await card.getByLabel('Текст ответа (его увидит заявитель)').fill('Суп включен в меню с понедельника.\nСпасибо за обращение.');
  await card.getByRole('button', { name: 'Отправить ответ' }).click();
  await card.locator('summary', { hasText: 'дан ответ' }).waitFor();

  await page.goto(`${BASE_URL}/s/school7/_obrashcheniya/status?number=${number}&code=${code}`);
  const status = await page.locator('.appeal-status').innerText();
  assert.match(status, /дан ответ/);
  assert.match(status, /Суп включен в меню с понедельника\.\s+Спасибо за обращение\./);
});

test('the law\'s rules hold in the inbox: one extension with a reason, no answer before registration', async () => {
  const editor = await signIn(ACCOUNTS.editors.gb4);
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/gb4/obrashcheniya`);
  await page.getByLabel('Тема обращения').selectOption({ index: 0 });
  await fill(page, { text: 'Прошу разъяснить порядок записи к кардиологу.' });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const number = (await page.locator('.appeal-receipt').innerText()).match(/(\d{4}-\d{5})/)[1];
  const act = (body) => editor.call(`/api/sites/gb4/appeals/${number}`, { method: 'PATCH', body });

  const early = await act({ action: 'answer', answer: 'Ответ' });
  assert.equal(early.status, 400);
  assert.match((await early.json()).error.problems[0].message_ru, /сначала зарегистрируйте/);
  assert.equal((await act({ action: 'register' })).status, 200);
  const noReason = await act({ action: 'extend', days: 30, reason: ' ' });
  assert.match((await noReason.json()).error.problems[0].message_ru, /укажите причину/);
  const extended = await act({ action: 'extend', days: 30, reason: 'Запрошены сведения в Минздраве' });
  const { appeal } = await extended.json();
  assert.equal(appeal.extension_days, 30);
  assert.equal(appeal.standing.days_left, 60, 'thirty days and thirty more');
  const twice = await act({ action: 'extend', days: 5, reason: 'ещё' });
  assert.match((await twice.json()).error.problems[0].message_ru, /один раз/);

  const { appeals } = await editor.json('/api/sites/gb4/appeals');
  assert.ok(appeals.some((a) => a.number === number && a.status === 'registered'));
  const foreign = await signIn(ACCOUNTS.editors.school7);
  assert.equal((await foreign.call('/api/sites/gb4/appeals')).status, 404, 'another site\'s editor sees nothing');
});

test('«Анализ обращений» shows the counts of the database, and its CSV holds the same figures', async () => {
  const dir = process.env.CIVIC_PERSIST_DIR;
  assert.ok(dir, 'CIVIC_PERSIST_DIR names the local storage the worker runs on (scripts/test.sh sets it)');
  const d1 = (sql) => JSON.parse(execFileSync('node_modules/.bin/wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql],
    { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString())[0].results;
  const year = new Date().toISOString().slice(0, 4);
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/mincifra/obrashcheniya/analiz-obrashcheniy`);
  const [{ n: total }] = d1(`SELECT count(*) AS n FROM appeals WHERE site_id = 1 AND year = ${year}`);
  assert.ok(total > 50, 'the demo has appeals this year');
  assert.equal(Number(await page.locator('.figures dd').first().innerText()), total);
  const topics = d1(`SELECT topic, count(*) AS n FROM appeals WHERE site_id = 1 AND year = ${year} GROUP BY topic`);
  const shown = await page.locator('table.bars').first().locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('th').textContent, Number(row.querySelector('td').textContent.trim().split(' ')[0])]));
  assert.deepEqual(Object.fromEntries(shown), Object.fromEntries(topics.map((t) => [t.topic, t.n])));
  const [{ n: answered }] = d1(`SELECT count(*) AS n FROM appeals WHERE site_id = 1 AND year = ${year} AND status = 'answered'`);

  const csv = await fetch(`${BASE_URL}/s/mincifra/_obrashcheniya/analiz.csv`);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.ok(lines.includes(`Всего обращений,${year} год,${total}`), lines.slice(0, 3).join(' | '));
  assert.ok(lines.includes(`По результатам,Дан ответ,${answered}`));
  for (const { topic, n } of topics) assert.ok(lines.some((line) => line.endsWith(`,${n}`) && line.includes(topic)), topic);
});

test('the pages of feedback have no accessibility violations at 640 px, and the inbox neither', async () => {
  const context = await pool.open({ bypassCSP: true, viewport: { width: 640, height: 900 } });
  const page = await context.newPage();
  const check = async (what) => {
    assert.deepEqual(await axeViolations(page), [], what);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 640), `${what}: no horizontal scroll`);
  };
  await page.goto(`${BASE_URL}/s/gb4/obrashcheniya`);
  await page.locator('form.appeal-form').first().evaluate((form) => form.setAttribute('novalidate', ''));
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByRole('alert').waitFor();
  await check('a form sent back with problems');
  await fill(page, { text: 'Прошу продлить часы работы регистратуры.' });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByRole('heading', { name: 'Обращение принято' }).waitFor();
  await check('the receipt');
  await page.goto(`${BASE_URL}/s/gb4/_obrashcheniya/status?number=2026-99999&code=NOPE`);
  await check('the status page');
  await page.goto(`${BASE_URL}/s/gb4/`);
  await page.locator('section.poll input[name=option]').first().check();
  await page.locator('section.poll').getByRole('button', { name: 'Проголосовать' }).click();
  await page.locator('h1').waitFor();
  await check('the page after a vote');

  const staff = await pool.open({ bypassCSP: true });
  const inbox = await openConstructor(staff, 'gb4');
  await inbox.getByRole('button', { name: 'Обращения', exact: true }).click();
  await inbox.locator('.appeal summary').first().click();
  assert.deepEqual(await axeViolations(inbox), [], 'the inbox');
});

const PDF = Buffer.from('%PDF-1.4\n% справка о составе семьи\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

test('a visitor attaches a scan; staff download exactly it; a program dressed as a PDF is refused and nothing is stored', async () => {
  const editor = await signIn(ACCOUNTS.editors.kasimov);
  const count = async () => (await editor.json('/api/sites/kasimov/appeals?all')).appeals.length;
  const before = await count();
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/kasimov/priemnaya`);
  await page.getByLabel('Тема обращения').selectOption('ЖКХ');
  await fill(page, { text: 'Течёт крыша над третьим подъездом, прикладываю акт осмотра.' });
  await page.getByLabel('Файлы (по желанию)').setInputFiles({ name: 'program.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Файлы: файл «program\.pdf» не подходит: приложите PDF, JPEG, PNG, DOC, DOCX или ODT/);
  assert.equal(await page.getByLabel('Текст обращения').inputValue(), 'Течёт крыша над третьим подъездом, прикладываю акт осмотра.', 'the text is kept');
  assert.match(await page.locator('#appeal-form-files-hint').innerText(), /выберите их снова/);
  assert.equal(await count(), before, 'a refused form stores nothing');

  await page.getByLabel('Файлы (по желанию)').setInputFiles({ name: 'акт осмотра.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel(/Я согласен\(на\) на обработку/).check();
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const number = (await page.locator('.appeal-receipt').innerText()).match(/Номер обращения\s+(\d{4}-\d{5})/)[1];
  assert.equal(await count(), before + 1);

  const staff = await pool.open();
  const inbox = await openConstructor(staff, 'kasimov');
  await inbox.getByRole('button', { name: 'Обращения', exact: true }).click();
  const card = inbox.locator(`[data-appeal="${number}"]`);
  await card.waitFor();
  await inbox.getByLabel('Поиск по номеру, теме, тексту или имени').fill(number);
  assert.equal(await inbox.locator('li.appeal[data-appeal]').count(), 1, 'the search finds the one appeal');
  await card.locator('summary').click();
  const [download] = await Promise.all([inbox.waitForEvent('download'), card.getByRole('link', { name: 'акт осмотра.pdf' }).click()]);
  assert.deepEqual(await readFile(await download.path()), PDF, 'the file staff get is the file the visitor sent');
  const direct = await editor.call(`/api/sites/kasimov/appeals/${number}/files/1`);
  assert.match(direct.headers.get('content-disposition'), /^attachment;/);
  assert.match(direct.headers.get('content-security-policy'), /sandbox/);
  const other = await signIn(ACCOUNTS.editors.school7);
  assert.equal((await other.call(`/api/sites/kasimov/appeals/${number}/files/1`)).status, 404, 'another site\'s editor gets nothing');
  assert.equal((await fetch(`${BASE_URL}/api/sites/kasimov/appeals/${number}/files/1`)).status, 401, 'nor does a visitor');

  const huge = new FormData();
  for (const [key, value] of Object.entries({ page: 'reception', form: 'appeal-form', topic: 'ЖКХ', text: 'x', name: 'x', contact: 'x@example.ru', consent: 'yes' })) huge.append(key, value);
  huge.append('files', new Blob([Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(6 * 1024 * 1024)])]), 'big.pdf');
  const refused = await fetch(`${BASE_URL}/s/kasimov/_obrashcheniya`, { method: 'POST', headers: { Origin: BASE_URL }, body: huge });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /файл «big\.pdf» больше 5 МБ/);
  assert.equal(await count(), before + 1, 'a file too large stores nothing');
});

test('staff publish an answer without personal data; the site shows it to visitors with no script', async () => {
  const editor = await signIn(ACCOUNTS.editors.school7);
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/school7/obrashcheniya`);
  await page.getByLabel('Тема обращения').selectOption('Обучение и расписание');
  await fill(page, { text: 'Почему уроки физкультуры у 5 «Б» стоят последними?', name: 'Кравцова Ирина Олеговна', contact: 'kravtsova@example.ru' });
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const number = (await page.locator('.appeal-receipt').innerText()).match(/Номер обращения\s+(\d{4}-\d{5})/)[1];
  const act = (body) => editor.call(`/api/sites/school7/appeals/${number}`, { method: 'PATCH', body });
  assert.equal((await act({ action: 'register' })).status, 200);
  assert.equal((await act({ action: 'answer', answer: 'Расписание изменено: физкультура стоит вторым уроком.' })).status, 200);

  const staff = await pool.open();
  const inbox = await openConstructor(staff, 'school7');
  await inbox.getByRole('button', { name: 'Обращения', exact: true }).click();
  await inbox.getByRole('button', { name: 'Все', exact: true }).click();
  await inbox.getByLabel('Поиск по номеру, теме, тексту или имени').fill(number);
  const card = inbox.locator(`[data-appeal="${number}"]`);
  await card.locator('summary').click();
  await card.getByLabel('Вопрос своими словами').fill('Кравцова просит перенести физкультуру');
  await card.getByRole('button', { name: 'Опубликовать', exact: true }).click();
  await inbox.getByText(/персональные данные \(фамилия заявителя/).waitFor();
  assert.equal(await card.getByText('Опубликовано на сайте').count(), 0, 'nothing with the surname is published');

  await card.getByLabel('Вопрос своими словами').fill('Почему физкультура у пятого класса стоит последним уроком?');
  assert.equal(await card.getByLabel('Ответ для сайта').inputValue(), 'Расписание изменено: физкультура стоит вторым уроком.', 'the answer given is offered');
  await card.getByRole('button', { name: 'Опубликовать', exact: true }).click();
  await inbox.getByText(`Ответ на обращение № ${number} опубликован на сайте.`).waitFor();
  await card.getByText('Опубликовано на сайте').waitFor();

  const answers = page.locator('section.published-answers');
  await expectSoon(async () => {
    await page.goto(`${BASE_URL}/s/school7/obrashcheniya`);
    return /Почему физкультура у пятого класса стоит последним уроком\?/.test(await answers.innerText());
  }, 'the published answer reaches the site');
  const shown = await answers.locator('article', { hasText: number }).innerText();
  assert.match(shown, /Расписание изменено: физкультура стоит вторым уроком\./);
  assert.doesNotMatch(shown, /Кравцова|kravtsova/, 'no personal data on the site');

  await card.getByRole('button', { name: 'Снять с публикации' }).click();
  await inbox.getByText(`Ответ на обращение № ${number} снят с публикации.`).waitFor();
  await expectSoon(async () => {
    await page.goto(`${BASE_URL}/s/school7/obrashcheniya`);
    return !(await answers.innerText()).includes(number);
  }, 'the answer taken down leaves the site');
});

test('the federal feedback widget sits beside the native form in a sandboxed frame of its own host only', async () => {
  const res = await fetch(`${BASE_URL}/s/kasimov/`);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /frame-src [^;]*https:\/\/pos\.gosuslugi\.ru/);
  assert.match(csp, /default-src 'none'/);
  const page = await visitor();
  await page.goto(`${BASE_URL}/s/kasimov/`);
  const frame = page.locator('nav.social-links iframe.pos-widget');
  assert.equal(await frame.getAttribute('title'), 'Платформа обратной связи Госуслуг');
  assert.match(await frame.getAttribute('src'), /^https:\/\/pos\.gosuslugi\.ru\//);
  assert.equal(await frame.getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms allow-popups');

  const editor = await signIn(ACCOUNTS.editors.kasimov);
  const { document, version } = await editor.json('/api/sites/kasimov/draft');
  const social = document.pages.home.blocks.find((b) => b.type === 'social_links');
  social.pos_widget = 'https://evil.example/form';
  const saved = await editor.call('/api/sites/kasimov/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(saved.status, 422);
  assert.match(JSON.stringify(await saved.json()), /pos\.gosuslugi\.ru/);
});

test('the operator sees every site\'s overdue appeals by number and topic, with no personal data', async () => {
  const operator = await signIn(ACCOUNTS.operator);
  const { sites } = await operator.json('/api/dashboard');
  for (const site of sites) {
    assert.ok(site.overdue.length >= 1, `${site.slug}: the demo has an appeal past its registration deadline`);
    assert.equal(site.overdue_appeals, site.overdue.length);
    for (const appeal of site.overdue) {
      assert.deepEqual(Object.keys(appeal).sort(), ['days_over', 'due', 'number', 'status', 'topic']);
      assert.ok(appeal.days_over > 0);
    }
  }
  const context = await pool.open({ bypassCSP: true });
  const page = await openConstructor(context, 'mincifra', ACCOUNTS.operator);
  await page.getByRole('button', { name: 'Сводка по сайтам' }).click();
  const rows = page.locator('table.overdue-appeals tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), sites.reduce((n, s) => n + s.overdue.length, 0));
  const first = sites.flatMap((s) => s.overdue).sort((a, b) => b.days_over - a.days_over)[0];
  assert.equal(Number(await rows.first().locator('td.overdue').innerText()), first.days_over, 'most overdue first');
  assert.deepEqual(await axeViolations(page), []);
});

/** Retries `check` (which reloads what it looks at) for a few seconds: the site's pages are cached briefly. */
async function expectSoon(check, what) {
  for (let i = 0; i < 20; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(what);
}
