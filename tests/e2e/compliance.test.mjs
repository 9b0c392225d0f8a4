// The law's requirements: the checker in the constructor and on the server, the operator's
// overview of every site, the administrator's rule that gaps block publishing, and the
// school's «Сведения об образовательной организации» with Rosobrnadzor's microdata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, contextPool, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { axeViolations } from '../support/axe.mjs';

const pool = contextPool();

/** What a tagged element shows: its link (relative links are taken from the site's root) or its text. */
async function shown(element) {
  const href = await element.getAttribute('href');
  return href === null ? (await element.innerText()).trim() : href.replace(/^\/s\/school7\//, '');
}
const SUBSECTIONS = [
  'common', 'struct', 'document', 'education', 'eduStandarts', 'managers', 'employees', 'objects', 'grants', 'paid_edu',
  'budget', 'vacant', 'inter', 'catering',
];

test('every demo site meets its rule set, and the operator sees it on the overview', async () => {
  const operator = await signIn(ACCOUNTS.operator);
  const { sites } = await operator.json('/api/dashboard');
  assert.deepEqual(sites.map((s) => s.slug).sort(), ['gb4', 'kasimov', 'mincifra', 'school7']);
  for (const site of sites) {
    assert.equal(site.compliance.score, 100, `${site.slug}: ${JSON.stringify(site.compliance)}`);
    assert.equal(site.compliance.missing + site.compliance.incomplete, 0);
  }
  // The school's rule set is the longest: every subsection's fields.
  assert.ok(sites.find((s) => s.slug === 'school7').compliance.present > 80);

  const context = await pool.open({ bypassCSP: true });
  const page = await openConstructor(context, 'mincifra', ACCOUNTS.operator);
  await page.getByRole('button', { name: 'Сводка по сайтам' }).click();
  const rows = page.locator('table.dashboard tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 4);
  for (const text of await rows.locator('.score-bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-label')))) {
    assert.match(text, /Соответствие: 100 %/);
  }
  assert.match(await page.locator('.dashboard-average').innerText(), /100 %/);
  assert.deepEqual(await axeViolations(page), []);
  // The operator reads the rule; only an administrator may change it.
  assert.equal(await page.locator('table.dashboard input[type=checkbox]').count(), 0);
});

test('an empty field is named with its itemprop, and «Исправить» opens the block to fill it', async () => {
  const context = await pool.open({ bypassCSP: true });
  const page = await openConstructor(context, 'school7');
  await page.getByRole('button', { name: 'Требования закона' }).click();
  await page.getByText('Все обязательные сведения на месте.').waitFor();

  await page.getByRole('button', { name: 'Страницы', exact: true }).click();
  await page.getByRole('button', { name: 'Основные сведения', exact: true }).click();
  await page.locator('.outline-item[data-block-id="sveden"]').click();
  const fullName = page.getByLabel('Полное наименование образовательной организации', { exact: true });
  const value = await fullName.inputValue();
  assert.deepEqual(await axeViolations(page), [], 'the «Сведения» form has no accessibility violations');
  assert.ok(value.length > 10, 'the demo school has its full name');
  await fullName.fill('');

  await page.getByRole('button', { name: 'Требования закона' }).click();
  const finding = page.locator('[data-finding="sveden:common:fullName"]');
  await finding.waitFor();
  assert.match(await finding.innerText(), /Нет[\s\S]*itemprop="fullName"[\s\S]*не заполнено/);
  assert.match(await page.locator('.score-words').innerText(), /Нет 1/);
  assert.deepEqual(await axeViolations(page), [], 'the report has no accessibility violations');
  await finding.getByRole('button', { name: 'Исправить' }).click();

  // Back in the editor on that page, with the block's form open.
  await fullName.waitFor();
  await fullName.fill(value);
  await page.getByRole('button', { name: 'Требования закона' }).click();
  await page.getByText('Все обязательные сведения на месте.').waitFor();
  await page.getByRole('button', { name: 'Страницы', exact: true }).click();
  await page.getByText('Все изменения сохранены').waitFor();
});

test('gaps warn before publishing; when the administrator makes them blocking, publishing is refused', async () => {
  const admin = await signIn(ACCOUNTS.administrator);
  const editor = await signIn(ACCOUNTS.editors.kasimov);
  const draft = await editor.json('/api/sites/kasimov/draft');
  const original = structuredClone(draft.document);
  // The phone directory page loses its directory.
  draft.document.pages.phones.blocks = draft.document.pages.phones.blocks.filter((b) => b.type !== 'phone_directory');
  const saved = await editor.json('/api/sites/kasimov/draft', { method: 'PUT', body: { base_version: draft.version, document: draft.document } });
  let version = saved.version;
  try {
    const report = await editor.json('/api/sites/kasimov/compliance');
    assert.equal(report.blocking, false);
    assert.deepEqual(report.report.findings.filter((f) => f.status !== 'present').map((f) => f.id), ['data:phones:phone_directory']);

    const context = await pool.open();
    const page = await openConstructor(context, 'kasimov');
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    const notice = page.getByTestId('publish-compliance');
    // The site's collections load beside the draft; the count follows once they are in.
    await notice.filter({ hasText: /Не выполнено требований закона: 1\. Можно опубликовать/ }).waitFor();
    const dialog = page.locator('.publish-dialog');
    assert.equal(await dialog.locator('.btn.primary').isDisabled(), false, 'a warning only');
    await dialog.getByRole('button', { name: 'Отменить', exact: true }).click();

    const rule = await admin.call('/api/sites/kasimov/compliance', { method: 'PUT', body: { blocking: true } });
    assert.equal(rule.status, 200);
    const refused = await editor.call('/api/sites/kasimov/publish', { method: 'POST', body: { version } });
    assert.equal(refused.status, 422);
    const body = await refused.json();
    assert.equal(body.error.code, 'not_compliant');
    assert.equal(body.error.problems[0].path, 'data:phones:phone_directory');
    assert.match(body.error.problems[0].message_ru, /нет блока/);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: 'Блоки страницы' }).waitFor();
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Администратор запретил публикацию этого сайта').waitFor();
    assert.ok(await dialog.locator('.btn.primary').isDisabled());
    await dialog.getByRole('button', { name: 'Отменить', exact: true }).click();
    await context.close();
  } finally {
    await admin.call('/api/sites/kasimov/compliance', { method: 'PUT', body: { blocking: false } });
    const current = await editor.json('/api/sites/kasimov/draft');
    await editor.call('/api/sites/kasimov/draft', { method: 'PUT', body: { base_version: current.version, document: original } });
  }
});

test('the administrator switches the rule on the overview, and the journal records it', async () => {
  const context = await pool.open();
  const page = await openConstructor(context, 'gb4', ACCOUNTS.administrator);
  await page.getByRole('button', { name: 'Сводка по сайтам' }).click();
  const rule = page.locator('tr[data-site="gb4"] input[type=checkbox]');
  await rule.check();
  await page.getByText('Правило публикации сохранено.').waitFor();
  const admin = await signIn(ACCOUNTS.administrator);
  assert.equal((await admin.json('/api/sites/gb4/compliance')).blocking, true);
  await rule.uncheck();
  await page.getByText('Правило публикации сохранено.').waitFor();
  assert.equal((await admin.json('/api/sites/gb4/compliance')).blocking, false);
  const { entries } = await admin.json('/api/audit?site=gb4');
  assert.ok(entries.some((e) => e.action === 'site.compliance'), 'the change is in the journal');
});

test('every /sveden/ subsection carries the school\'s values in Rosobrnadzor\'s tags', async () => {
  const editor = await signIn(ACCOUNTS.editors.school7);
  const { document } = await editor.json('/api/sites/school7/draft');
  const context = await pool.open({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const slug of SUBSECTIONS) {
    const response = await page.goto(`${BASE_URL}/s/school7/sveden/${slug}`);
    assert.equal(response.status(), 200, slug);
    const block = document.pages[`sveden-${slug}`].blocks.find((b) => b.type === 'sveden');
    assert.ok(block, `${slug} has its «Сведения» block`);
    for (const [itemprop, value] of Object.entries(block.values ?? {})) {
      assert.equal(await shown(page.locator(`[itemprop="${itemprop}"]`).first()), value.trim(), `${slug}: ${itemprop}`);
    }
    for (const [group, rows] of Object.entries(block.groups ?? {})) {
      const tagged = page.locator(`[itemprop="${group}"]`);
      assert.equal(await tagged.count(), rows.length, `${slug}: ${group} rows`);
      for (const [itemprop, value] of Object.entries(rows[0])) {
        if (!value.trim()) continue;
        // The field sits inside its main tag, as the checker's algorithm requires.
        const nested = tagged.first().locator(`[itemprop="${itemprop}"]`);
        assert.equal(await shown(nested), value.trim(), `${slug}: ${group} › ${itemprop}`);
      }
    }
  }
});
