// Public discussion of a draft document, with JavaScript off for the visitor: a comment waits
// for moderation, the site's staff publish it in the constructor, and it appears under the
// draft as text, whatever it contains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const pool = contextPool();

test('a visitor\'s comment is published after moderation, as text', async () => {
  const page = await (await pool.open({ javaScriptEnabled: false })).newPage();
  await page.goto(`${BASE_URL}/s/kasimov/dokumenty`);
  const discussion = page.locator('section.discussion');
  assert.match(await discussion.innerText(), /Прием предложений[\s\S]*идет/);
  const before = await discussion.locator('ol.comments li').count();
  const text = `Предлагаю добавить требования к освещению дворов. <img src=x onerror="document.title='xss'"> ${Date.now()}`;
  await discussion.getByLabel('Ваше предложение или замечание').fill(text);
  await discussion.getByLabel('Фамилия, имя (будут опубликованы)').fill('Орлов Николай');
  await discussion.getByLabel(/Я согласен\(на\) на публикацию/).check();
  await discussion.getByRole('button', { name: 'Отправить предложение' }).click();
  await page.getByRole('heading', { name: 'Предложение отправлено', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Вернуться к обсуждению' }).click();
  assert.equal(await page.locator('section.discussion ol.comments li').count(), before, 'nothing is published before moderation');

  const staff = await pool.open();
  const editor = await openConstructor(staff, 'kasimov');
  await editor.getByRole('button', { name: 'Обращения', exact: true }).click();
  const queued = editor.locator('[data-comment]', { hasText: 'Орлов Николай' }).last();
  await queued.waitFor();
  assert.equal(await queued.locator('.appeal-text').innerText(), text);
  assert.equal(await queued.locator('img').count(), 0);
  await queued.getByRole('button', { name: 'Опубликовать' }).click();
  await editor.getByText('Предложение опубликовано.').waitFor();

  await page.reload();
  const published = page.locator('section.discussion ol.comments li').last();
  assert.match(await published.innerText(), /Орлов Николай/);
  assert.equal(await published.locator('p').last().innerText(), text);
  assert.equal(await page.locator('section.discussion img').count(), 0, 'no element came from the comment');
  assert.notEqual(await page.title(), 'xss');
});

test('refusals: an incomplete comment, a moderated one again, another site\'s editor', async () => {
  const res = await fetch(`${BASE_URL}/s/kasimov/_obsuzhdenie`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
    body: new URLSearchParams({ page: 'documents', discussion: 'discussion', text: 'Без согласия', name: 'Аноним' }),
  });
  assert.equal(res.status, 422);
  const editor = await signIn(ACCOUNTS.editors.kasimov);
  const { comments } = await editor.json('/api/sites/kasimov/comments?all');
  const done = comments.find((c) => c.status !== 'pending');
  if (done) {
    const again = await editor.call(`/api/sites/kasimov/comments/${done.id}`, { method: 'PATCH', body: { publish: false } });
    assert.equal(again.status, 400, 'a moderated comment is not moderated twice');
  }
  const stranger = await signIn(ACCOUNTS.editors.school7);
  assert.equal((await stranger.call('/api/sites/kasimov/comments')).status, 404);
});
