// Accounts against the real worker: sign-in and sign-out, the cookie's protection, CSRF,
// rate limits, restriction and ban, the audit log, revisions and rollback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, ARTIFACTS, launch } from '../support/browser.mjs';
import { ACCOUNTS, postLogin, signIn } from '../support/session.mjs';

const admin = await signIn(ACCOUNTS.administrator);
const run = Date.now().toString(36);

/** A new editor of `sites`, created by the administrator, with a known password. */
async function newEditor(name, sites = ['mincifra']) {
  const account = { login: `t.${name}.${run}`, password: `Проверка-${name}-${run}` };
  const res = await admin.call('/api/users', {
    method: 'POST',
    body: { ...account, name: `Тестовый ${name}`, role: 'editor', sites },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { ...account, id: (await res.json()).user.id };
}

test('sign-in sets a locked-down session cookie; sign-out ends the session on the server', async () => {
  const res = await postLogin(ACCOUNTS.editors.mincifra.login, ACCOUNTS.editors.mincifra.password);
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie');
  for (const part of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) assert.ok(cookie.includes(part), cookie);
  const body = await res.json();
  assert.equal(body.user.login, 'editor.mincifra');
  assert.deepEqual(body.user.sites, ['mincifra']);
  assert.ok(!JSON.stringify(body).includes('pbkdf2'), 'the hash never leaves the server');

  const editor = await signIn(ACCOUNTS.editors.mincifra);
  assert.equal((await editor.call('/api/session')).status, 200);
  assert.equal((await editor.call('/api/logout', { method: 'POST', body: {} })).status, 200);
  const after = await editor.call('/api/session');
  assert.equal(after.status, 401, 'the old cookie opens nothing after sign-out');
  assert.equal((await fetch(`${BASE_URL}/api/sites`)).status, 401, 'no session, no API');
});

test('a wrong password and an unknown login get the same answer', async () => {
  const user = await newEditor('wrong');
  const wrong = await postLogin(user.login, 'Неверный-пароль-1');
  const unknown = await postLogin('nobody.here', 'Неверный-пароль-1');
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.deepEqual(await wrong.json(), await unknown.json());
});

test('after five wrong passwords the login waits, even for the right one', async () => {
  const user = await newEditor('limit');
  for (let i = 0; i < 5; i++) assert.equal((await postLogin(user.login, 'Неверный-пароль-1')).status, 401);
  const blocked = await postLogin(user.login, user.password);
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  assert.equal((await blocked.json()).error.code, 'too_many_attempts');
  assert.equal((await postLogin(ACCOUNTS.editors.mincifra.login, ACCOUNTS.editors.mincifra.password)).status, 200, 'other accounts are not blocked');
});

test('state changes need this origin and the session CSRF token', async () => {
  const editor = await signIn(ACCOUNTS.editors.mincifra);
  const { version } = await editor.json('/api/sites/mincifra/draft');
  const publish = (headers) => editor.call('/api/sites/mincifra/publish', { method: 'POST', headers, body: { version } });
  const noToken = await publish({ 'X-CSRF-Token': '' });
  assert.equal(noToken.status, 403);
  assert.equal((await noToken.json()).error.code, 'csrf_token_missing');
  const crossSite = await publish({ Origin: 'https://evil.example' });
  assert.equal(crossSite.status, 403);
  assert.equal((await crossSite.json()).error.code, 'cross_site_request');
  const crossLogin = await postLogin(ACCOUNTS.administrator.login, ACCOUNTS.administrator.password, { Origin: 'https://evil.example' });
  assert.equal(crossLogin.status, 403, 'no login CSRF either');
  const revisions = await editor.json('/api/sites/mincifra/revisions');
  assert.ok(revisions.revisions.every((r) => r.draft_version !== version || r.published_by !== 'editor.mincifra'), 'refused publishes left no revision');
});

test('passwords: short, common and login-like ones are refused with a clear message', async () => {
  for (const [password, code] of [['коротко', 'слишком короткий'], ['qwerty123', 'простой'], ['t.weak.login', 'логином']]) {
    const res = await admin.call('/api/users', { method: 'POST', body: { login: 't.weak.login', name: 'Слабый пароль', role: 'editor', password } });
    assert.equal(res.status, 422);
    const { error } = await res.json();
    assert.equal(error.code, 'weak_password');
    assert.match(error.problems[0].message_ru, new RegExp(code));
  }
});

test('a restricted user may read but not change; a banned user is out at once', async () => {
  const user = await newEditor('ban');
  const session = await signIn(user);
  const { version, document } = await session.json('/api/sites/mincifra/draft');

  assert.equal((await admin.call(`/api/users/${user.id}`, { method: 'PATCH', body: { status: 'restricted' } })).status, 200);
  assert.equal((await session.call('/api/session')).status, 401, 'restriction ends the open session');
  const restricted = await signIn(user);
  assert.equal((await restricted.call('/api/sites/mincifra/draft')).status, 200, 'still reads');
  const save = await restricted.call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(save.status, 403);
  assert.equal((await save.json()).error.code, 'account_restricted');

  assert.equal((await admin.call(`/api/users/${user.id}`, { method: 'PATCH', body: { status: 'banned' } })).status, 200);
  assert.equal((await restricted.call('/api/sites/mincifra/draft')).status, 401, 'the ban ends the session');
  const banned = await postLogin(user.login, user.password);
  assert.equal(banned.status, 403);
  assert.equal((await banned.json()).error.code, 'account_banned');
});

test('only administrators manage users and read the audit log, which records who did what', async () => {
  const editor = await signIn(ACCOUNTS.editors.mincifra);
  const operator = await signIn(ACCOUNTS.operator);
  for (const client of [editor, operator]) {
    assert.equal((await client.call('/api/users')).status, 403);
    assert.equal((await client.call('/api/audit')).status, 403);
    const create = await client.call('/api/users', { method: 'POST', body: { login: 'x.sneaky', name: 'x', role: 'administrator', password: 'Длинный-пароль-9' } });
    assert.equal(create.status, 403);
  }
  const self = await admin.call(`/api/users/${admin.user.id}`, { method: 'PATCH', body: { status: 'banned' } });
  assert.equal(self.status, 403, 'an administrator cannot ban themselves');

  const { version } = await editor.json('/api/sites/mincifra/draft');
  assert.equal((await editor.call('/api/sites/mincifra/publish', { method: 'POST', body: { version } })).status, 200);
  const { entries } = await admin.json('/api/audit?site=mincifra');
  const entry = entries.find((e) => e.action === 'site.publish');
  assert.equal(entry.login, 'editor.mincifra');
  assert.equal(entry.site, 'mincifra');
  assert.equal(entry.ip, '127.0.0.1');
  assert.match(entry.at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
});

test('an operator sees every site but changes none', async () => {
  const operator = await signIn(ACCOUNTS.operator);
  const { sites } = await operator.json('/api/sites');
  assert.ok(sites.some((s) => s.slug === 'mincifra'));
  const { version, document } = await operator.json('/api/sites/mincifra/draft');
  const save = await operator.call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(save.status, 403);
  assert.equal((await operator.call('/api/sites/mincifra/publish', { method: 'POST', body: { version } })).status, 403);
});

test('rollback publishes an earlier revision again; visitors see it at once', async () => {
  const editor = await signIn(ACCOUNTS.editors.mincifra);
  const marker = async (text) => {
    const { version, document } = await editor.json('/api/sites/mincifra/draft');
    document.site.tagline = text;
    const saved = await editor.call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } });
    assert.equal(saved.status, 200);
    const published = await editor.call('/api/sites/mincifra/publish', { method: 'POST', body: { version: (await saved.json()).version } });
    return (await published.json()).revision;
  };
  const first = await marker(`Первая редакция ${run}`);
  const second = await marker(`Вторая редакция ${run}`);
  assert.ok((await (await fetch(`${BASE_URL}/s/mincifra/`)).text()).includes(`Вторая редакция ${run}`));

  const res = await editor.call('/api/sites/mincifra/rollback', { method: 'POST', body: { revision: first } });
  assert.equal(res.status, 200);
  const { revision } = await res.json();
  assert.equal(revision, second + 1);
  const page = await (await fetch(`${BASE_URL}/s/mincifra/`)).text();
  assert.ok(page.includes(`Первая редакция ${run}`) && !page.includes(`Вторая редакция ${run}`));
  const history = await editor.json('/api/sites/mincifra/revisions');
  assert.equal(history.published_revision, revision);
  assert.equal(history.revisions[0].restored_from, first);
  assert.equal(history.revisions[0].published_by, 'editor.mincifra');
  const missing = await editor.call('/api/sites/mincifra/rollback', { method: 'POST', body: { revision: 99999 } });
  assert.equal(missing.status, 400);
});

test('changing one\'s own password needs the current one and ends other sessions', async () => {
  const user = await newEditor('pass');
  const other = await signIn(user);
  const me = await signIn(user);
  const wrong = await me.call('/api/session/password', { method: 'POST', body: { current_password: 'Неверный-пароль-1', new_password: 'Новый-пароль-2026' } });
  assert.equal(wrong.status, 401);
  const ok = await me.call('/api/session/password', { method: 'POST', body: { current_password: user.password, new_password: 'Новый-пароль-2026' } });
  assert.equal(ok.status, 200);
  assert.equal((await other.call('/api/session')).status, 401, 'the other browser is signed out');
  assert.equal((await postLogin(user.login, user.password)).status, 401, 'the old password no longer works');
  assert.equal((await postLogin(user.login, 'Новый-пароль-2026')).status, 200);
});

test('the constructor asks to sign in, explains a wrong password, and signs out', async () => {
  const user = await newEditor('ui');
  const context = await launch();
  try {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/admin/`);
    await page.getByRole('heading', { name: 'Вход в конструктор сайтов' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'constructor-login.png') });
    await page.getByLabel('Логин', { exact: true }).fill(user.login);
    await page.getByLabel('Пароль', { exact: true }).fill('Неверный-пароль-1');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль' }).waitFor();
    await page.getByLabel('Пароль', { exact: true }).fill(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
    assert.match(await page.getByTestId('signed-in-user').innerText(), /Тестовый ui/);
    const cookies = await context.cookies();
    assert.ok(cookies.find((c) => c.name === 'civic_session')?.httpOnly, 'the page script cannot read the session');
    await page.reload();
    await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход в конструктор сайтов' }).waitFor();
    await page.setViewportSize({ width: 375, height: 700 });
    await page.screenshot({ path: join(ARTIFACTS, 'constructor-login-phone.png') });
  } finally {
    await context.close();
  }
});

test('an administrator registers, bans and finds it all in the journal, in the constructor', async () => {
  const { axeViolations } = await import('../support/axe.mjs');
  const { openConstructor } = await import('../support/browser.mjs');
  const context = await launch({ bypassCSP: true });
  try {
    const page = await openConstructor(context, 'mincifra', ACCOUNTS.administrator);
    await page.getByRole('button', { name: 'Пользователи' }).click();
    await page.getByRole('heading', { level: 2, name: 'Пользователи' }).waitFor();
    await page.locator('table.items tbody tr').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);

    const login = `t.clerk.${run}`;
    await page.getByRole('button', { name: '+ Новый пользователь' }).click();
    await page.getByLabel('ФИО (обязательно)').fill('Смирнова Анна Павловна');
    await page.getByLabel('Логин (обязательно)').fill(login);
    await page.getByRole('checkbox', { name: /^Министерство цифрового развития/ }).check();
    await page.getByLabel('Пароль', { exact: true }).fill('12345678');
    await page.getByRole('button', { name: 'Зарегистрировать' }).click();
    await page.locator('#user-password-error', { hasText: 'простой' }).waitFor();
    await page.getByLabel('Пароль', { exact: true }).fill('Смирнова-2026-МЦ');
    await page.getByRole('button', { name: 'Зарегистрировать' }).click();
    await page.getByRole('status').filter({ hasText: 'Пользователь зарегистрирован' }).waitFor();
    assert.equal((await postLogin(login, 'Смирнова-2026-МЦ')).status, 200, 'the new clerk can sign in');

    await page.getByRole('button', { name: 'Изменить Смирнова Анна Павловна' }).click();
    await page.getByLabel('Статус').selectOption('banned');
    await page.getByRole('button', { name: 'Сохранить запись' }).click();
    await page.getByRole('status').filter({ hasText: 'Изменения сохранены' }).waitFor();
    await page.getByRole('row', { name: /Смирнова Анна Павловна/ }).getByText('заблокирован').waitFor();
    assert.equal((await postLogin(login, 'Смирнова-2026-МЦ')).status, 403, 'banned at once');
    await page.screenshot({ path: join(ARTIFACTS, 'constructor-users.png') });

    await page.getByRole('button', { name: 'Журнал действий' }).click();
    await page.getByRole('cell', { name: 'Регистрация пользователя' }).first().waitFor();
    assert.ok(await page.getByRole('cell', { name: `${login} (editor)` }).count() >= 1);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'constructor-audit.png') });
  } finally {
    await context.close();
  }
});

test('editors see neither users nor the journal in the constructor', async () => {
  const { openConstructor } = await import('../support/browser.mjs');
  const context = await launch();
  try {
    const page = await openConstructor(context, 'mincifra');
    await page.getByRole('button', { name: 'Данные сайта' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Пользователи' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Журнал действий' }).count(), 0);
  } finally {
    await context.close();
  }
});
