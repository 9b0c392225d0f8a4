// Polls as a visitor uses them, with JavaScript off: one vote per visitor, the results after it,
// a second vote from the same browser refused and not counted; polls editors keep, with dates
// and a staff-only option.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool } from '../support/browser.mjs';

const pool = contextPool();

/** The votes of each answer in the results table on the page. */
const results = (page) => page.locator('table.bars tbody tr').evaluateAll((rows) =>
  Object.fromEntries(rows.map((row) => [row.querySelector('th').textContent, Number(row.querySelector('td').textContent.trim().split(' ')[0])])));

test('a visitor votes once; a second vote from the same browser is not counted', async () => {
  const page = await (await pool.open({ javaScriptEnabled: false })).newPage();
  await page.goto(`${BASE_URL}/s/kasimov/`);
  const poll = page.locator('section.poll');
  const before = await results(poll);
  const answer = await poll.locator('input[name=option]').first().evaluate((input) => input.parentElement.textContent.trim());
  await poll.getByLabel(answer).check();
  await poll.getByRole('button', { name: 'Проголосовать' }).click();
  await page.getByRole('heading', { name: 'Спасибо, ваш голос учтен', level: 1 }).waitFor();
  const after = await results(page);
  assert.equal(after[answer], before[answer] + 1, 'the vote is counted');

  await page.getByRole('link', { name: 'Вернуться на страницу' }).click();
  await page.locator('section.poll').getByLabel(answer).check();
  await page.locator('section.poll').getByRole('button', { name: 'Проголосовать' }).click();
  await page.getByRole('heading', { name: 'Вы уже проголосовали в этом опросе', level: 1 }).waitFor();
  assert.deepEqual(await results(page), after, 'the second vote changes nothing');

  // The home page shows the new count to everyone.
  const other = await (await pool.open({ javaScriptEnabled: false })).newPage();
  await other.goto(`${BASE_URL}/s/kasimov/`);
  assert.deepEqual(await results(other.locator('section.poll')), after);
});

test('a vote for an answer the poll does not have, or from another site, is refused', async () => {
  const res = await fetch(`${BASE_URL}/s/kasimov/_opros/park-2027`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
    body: new URLSearchParams({ option: 'no-such-answer', back: 'home' }),
  });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /Такого ответа в опросе нет/);
  const foreign = await fetch(`${BASE_URL}/s/kasimov/_opros/park-2027`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    body: new URLSearchParams({ option: "x" }),
  });
  assert.equal(foreign.status, 403);
  assert.equal((await fetch(`${BASE_URL}/s/mincifra/_opros/no-such-poll`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL }, body: 'option=x',
  })).status, 404);
});

// Polls editors keep in «Данные сайта» → «Голосования» (school7's home shows the newest open one).
const { launch, openConstructor } = await import('../support/browser.mjs');
const { ACCOUNTS, signIn } = await import('../support/session.mjs');
const { axeViolations } = await import('../support/axe.mjs');
const run = Date.now().toString(36);
const school = await signIn(ACCOUNTS.editors.school7);
const pollsApi = '/api/sites/school7/collections/polls';
const created = [];
after(async () => {
  for (const id of created) await school.call(`${pollsApi}/${id}`, { method: 'DELETE' });
});
const storedPoll = async (question) => (await school.json(pollsApi)).items.find((i) => i.item.question === question);
const vote = (id, option, headers = {}) => fetch(`${BASE_URL}/s/school7/_opros/${id}`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL, ...headers },
  body: new URLSearchParams({ option, back: 'home' }),
});

test('an editor creates a poll in the form; a visitor without JavaScript votes; its answers cannot change afterwards', async () => {
  const context = await launch({ bypassCSP: true });
  const question = `Какой кружок открыть весной? ${run}`;
  try {
    const page = await openConstructor(context, 'school7');
    await page.getByRole('button', { name: 'Данные сайта' }).click();
    await page.getByRole('button', { name: 'Голосования', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Голосования' }).waitFor();
    await page.getByRole('button', { name: '+ Добавить запись' }).click();
    await page.getByLabel('Вопрос (обязательно)').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the poll form has no accessibility violations');
    await page.getByLabel('Вопрос (обязательно)').fill(question);
    await page.getByLabel('Ответы, каждый на отдельной строке (обязательно)').fill('Робототехника');
    await page.getByLabel('Дата начала').fill('2026-12-20');
    await page.getByLabel('Дата окончания').fill('2026-12-01');
    await page.getByRole('button', { name: 'Сохранить запись' }).click();
    await page.getByRole('alert').filter({ hasText: 'исправьте отмеченные поля' }).waitFor();
    await page.getByText('от 2 до 20 вариантов, каждый на отдельной строке').waitFor();
    await page.getByText('дата окончания раньше даты начала').waitFor();

    // Keyboard only from here: answers one per line, a checkbox, the results setting.
    await page.getByLabel('Ответы, каждый на отдельной строке (обязательно)').fill('');
    await page.getByLabel('Ответы, каждый на отдельной строке (обязательно)').focus();
    await page.keyboard.type('Робототехника');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Шахматы');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Хор');
    await page.keyboard.press('Tab');
    assert.ok(await page.getByLabel('Можно выбрать несколько ответов').evaluate((el) => el === document.activeElement));
    await page.keyboard.press('Space');
    await page.getByLabel('Дата начала').fill('');
    await page.getByLabel('Дата окончания').fill('2099-12-31');
    await page.getByLabel('Результаты показывать').selectOption({ label: 'во время голосования' });
    await page.getByRole('button', { name: 'Сохранить запись' }).click();
    await page.getByRole('status').filter({ hasText: 'Запись сохранена' }).waitFor();
    await page.locator('table.items', { hasText: question }).waitFor();
  } finally {
    await context.close();
  }
  const stored = await storedPoll(question);
  created.push(stored.item.id);
  assert.deepEqual(
    { options: stored.item.options, multiple: stored.item.multiple, opens: stored.item.opens, results: stored.item.results },
    { options: ['Робототехника', 'Шахматы', 'Хор'], multiple: true, opens: '', results: 'during' },
  );

  // The newest open poll is on the home page; a visitor with JavaScript off votes for two answers.
  const visitor = await (await pool.open({ javaScriptEnabled: false })).newPage();
  await visitor.goto(`${BASE_URL}/s/school7/`);
  const poll = visitor.locator('section.poll');
  await poll.getByRole('heading', { name: question }).waitFor();
  assert.equal(await poll.locator('p.meta').textContent(), 'Голосование до 31 декабря 2099 г.');
  await poll.getByLabel('Шахматы').check();
  await poll.getByLabel('Хор').check();
  await poll.getByRole('button', { name: 'Проголосовать' }).click();
  await visitor.getByRole('heading', { name: 'Спасибо, ваш голос учтен', level: 1 }).waitFor();
  assert.deepEqual(await results(visitor), { 'Робототехника': 0, 'Шахматы': 1, 'Хор': 1 });

  // With a vote in, the answers stay; the question and the dates may still change.
  const save = (item) => school.call(`${pollsApi}/${stored.item.id}`, { method: 'PUT', body: { revision: stored.revision, item } });
  const renamed = await save({ ...stored.item, options: ['Робототехника', 'Шахматы', 'Хоровое пение'] });
  assert.equal(renamed.status, 422);
  const { error } = await renamed.json();
  assert.equal(error.problems[0].path, 'options');
  assert.match(error.problems[0].message_ru, /^в голосовании уже есть голоса: ответы менять нельзя/);
  assert.deepEqual((await storedPoll(question)).item.options, ['Робототехника', 'Шахматы', 'Хор'], 'nothing changed');
  assert.equal((await storedPoll(question)).revision, stored.revision);
  const removed = await save({ ...stored.item, options: ['Шахматы', 'Хор'] });
  assert.equal(removed.status, 422);
  const later = await save({ ...stored.item, question: `${question} (уточнено)`, closes: '2099-12-30' });
  assert.equal(later.status, 200, await later.clone().text());
  await visitor.goto(`${BASE_URL}/s/school7/`);
  assert.deepEqual(await results(visitor.locator('section.poll')), { 'Робототехника': 0, 'Шахматы': 1, 'Хор': 1 }, 'the votes kept their answers');
});

test('a poll that has not opened yet takes no votes', async () => {
  const res = await school.call(pollsApi, {
    method: 'POST',
    body: { question: `Будущий опрос ${run}`, options: ['Да', 'Нет'], opens: '2099-01-01', results: 'after' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { item } = await res.json();
  created.push(item.id);
  const refused = await vote(item.id, '1');
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /Голосование еще не началось/);
});

test('a poll for staff only refuses an anonymous vote and takes one vote per signed-in account', async () => {
  const question = `Удобно ли новое расписание педсоветов? ${run}`;
  const res = await school.call(pollsApi, {
    method: 'POST',
    body: { question, options: ['Да', 'Нет'], results: 'during', login_required: true },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { item } = await res.json();
  created.push(item.id);

  const visitor = await (await pool.open({ javaScriptEnabled: false })).newPage();
  await visitor.goto(`${BASE_URL}/s/school7/`);
  const poll = visitor.locator('section.poll');
  await poll.getByRole('heading', { name: question }).waitFor();
  await poll.getByText('Голосовать могут только сотрудники, вошедшие в систему.').waitFor();
  assert.equal(await poll.getByRole('link', { name: 'Войти в систему' }).getAttribute('href'), '/admin/');
  await poll.getByLabel('Да').check();
  await poll.getByRole('button', { name: 'Проголосовать' }).click();
  await visitor.getByRole('heading', { name: 'Голос не учтен', level: 1 }).waitFor();
  await visitor.getByText('Голосовать могут только сотрудники, вошедшие в систему.').waitFor();
  assert.deepEqual(await results(visitor), { 'Да': 0, 'Нет': 0 }, 'the anonymous vote is not counted');

  // A teacher signed in to Civic votes from the public page of the same browser.
  const context = await launch({ bypassCSP: true });
  try {
    await openConstructor(context, 'school7');
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/s/school7/`);
    await page.locator('section.poll').getByLabel('Нет').check();
    await page.locator('section.poll').getByRole('button', { name: 'Проголосовать' }).click();
    await page.getByRole('heading', { name: 'Спасибо, ваш голос учтен', level: 1 }).waitFor();
    assert.deepEqual(await results(page), { 'Да': 0, 'Нет': 1 });
  } finally {
    await context.close();
  }
  // The same account from anywhere else: already voted.
  const again = await vote(item.id, '1', { Cookie: school.cookie });
  assert.equal(again.status, 409);
  assert.match(await again.text(), /Вы уже проголосовали в этом опросе/);

  // Deleted, its votes go with it: a new poll under the same id starts from nothing.
  assert.equal((await school.call(`${pollsApi}/${item.id}`, { method: 'DELETE' })).status, 200);
  const reused = await school.call(pollsApi, { method: 'POST', body: { id: item.id, question, options: ['Да', 'Нет', 'Не знаю'] } });
  assert.equal(reused.status, 201, await reused.clone().text());
  await visitor.goto(`${BASE_URL}/s/school7/`);
  assert.deepEqual(await results(visitor.locator('section.poll')), { 'Да': 0, 'Нет': 0, 'Не знаю': 0 });
});
