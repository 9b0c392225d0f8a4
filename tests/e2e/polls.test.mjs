// Polls as a visitor uses them, with JavaScript off: one vote per visitor, the results after it,
// a second vote from the same browser refused and not counted.
import { test } from 'node:test';
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
