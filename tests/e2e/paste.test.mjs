// Paste that keeps structure, in a real Chromium against the real worker: the HTML that Word,
// Google Docs, LibreOffice and a web page put on the clipboard (tests/fixtures/clipboard/) is
// pasted into the rich-text editor as a real `paste` event, and the draft the server then holds
// has its headings, list items, links and bold, as does the canvas. The subheading button of
// the toolbar makes a heading of a typed line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, launch, openConstructor } from '../support/browser.mjs';
import { ACCOUNTS, signIn } from '../support/session.mjs';

const editor = await signIn(ACCOUNTS.editors.mincifra);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name) => readFileSync(join(root, 'tests/fixtures/clipboard', name), 'utf8');
const SEED = JSON.parse(readFileSync(join(root, 'shared/demo/mincifra.json'), 'utf8'));
const seedIntro = SEED.pages.home.blocks.find((b) => b.id === 'p-intro');

const intro = (page) => page.frameLocator('iframe.preview').locator('[data-block="p-intro"]');
const area = (page) => page.getByRole('textbox', { name: 'Текст', exact: true });
const toolbar = (page) => page.getByRole('toolbar', { name: 'Оформление текста' });

/** Puts the seeded p-intro back into the stored draft. */
async function restoreIntro() {
  const { version, document } = await editor.json('/api/sites/mincifra/draft');
  const blocks = document.pages.home.blocks;
  blocks[blocks.findIndex((b) => b.id === 'p-intro')] = seedIntro;
  const res = await editor.call('/api/sites/mincifra/draft', { method: 'PUT', body: { base_version: version, document } });
  assert.equal(res.status, 200, await res.text());
}

/** The p-intro block of the stored draft. */
async function storedIntro() {
  const { document } = await editor.json('/api/sites/mincifra/draft');
  return document.pages.home.blocks.find((b) => b.id === 'p-intro');
}

const runsOf = (part) => (part.kind === 'list' ? part.items.flat() : part.runs);
const textOf = (runs) => runs.map((r) => r.text).join('');

/** A text block's outline: each part's kind with its heading level, list length or words. */
function outline(content) {
  return content.map((part) => {
    if (part.kind === 'heading') return `h${part.level} ${textOf(part.runs)}`;
    if (part.kind === 'list') return `${part.ordered ? 'ol' : 'ul'} ${part.items.length}`;
    return `${part.kind} ${textOf(part.runs).split(' ').slice(0, 3).join(' ')}`;
  });
}

const SOURCES = [
  {
    name: 'Word',
    file: 'word.html',
    outline: ['h2 Порядок приёма граждан', 'paragraph Приём ведёт министр', 'h2 Что взять с собой', 'ul 4', 'h2 Как проходит приём', 'ol 2', 'paragraph Ответ придёт в'],
    items: ['паспорт;', 'заявление (образец);', 'от имени организации — с доверенностью;', 'документы по существу вопроса.', 'Вы приходите к назначенному времени.', 'Сотрудник выслушивает вас и регистрирует обращение.'],
    links: { Госуслуги: 'https://www.gosuslugi.ru/', 'priem@mincifra.example.ru': 'mailto:priem@mincifra.example.ru', образец: 'https://mincifra.example.ru/files/zayavlenie.docx' },
    bold: ['министр', 'заявление', 'только'],
  },
  {
    name: 'Google Docs',
    file: 'google-docs.html',
    outline: ['h2 Цифровые сервисы для жителей', 'paragraph Через портал госуслуг', 'h2 Что доступно', 'ul 3', 'h3 Как подать заявление', 'ol 2', 'paragraph Вопросы — по'],
    items: ['Электронная приёмная', 'Запись на приём через Госуслуги', 'в том числе из мобильного приложения', 'Войдите в личный кабинет.', 'Выберите услугу и заполните форму.'],
    links: { 'портал госуслуг': 'https://www.gosuslugi.ru/', Госуслуги: 'https://www.gosuslugi.ru/600300/1', 'priem@mincifra.example.ru': 'mailto:priem@mincifra.example.ru' },
    bold: ['записаться на приём', 'мобильного приложения'],
  },
  {
    name: 'LibreOffice',
    file: 'libreoffice.html',
    outline: ['h2 График приёма', 'paragraph Приём ведётся по', 'h3 Порядок записи', 'ol 2', 'ul 1', 'paragraph Внимание: приём только'],
    items: ['Позвоните по телефону +7 (4912) 00-00-00.', 'Назовите тему обращения.', 'С собой возьмите паспорт.'],
    links: { '«Контакты»': 'https://mincifra.example.ru/kontakty', '+7 (4912) 00-00-00': 'tel:+74912000000' },
    bold: ['вторникам', 'тему', 'Внимание:'],
  },
  {
    name: 'a web page',
    file: 'web-page.html',
    outline: ['h2 О министерстве', 'ol 2', 'h2 Основные задачи', 'paragraph Министерство обеспечивает доступ', 'ul 3', 'paragraph Здание правительства области', 'ul 2', 'h2 Руководство', 'ul 2'],
    items: null,
    links: {
      Главная: 'https://mincifra.example.ru/s/mincifra/',
      Руководство: 'https://mincifra.example.ru/s/mincifra/o-ministerstve#tabs-structure-1',
      '+7 (4912) 00-00-01': 'tel:+74912000001',
      'minister@ryazan.example': 'mailto:minister@ryazan.example',
    },
    bold: ['регионального портала госуслуг'],
  },
];

let context;
let page;
const dialogs = [];

before(async () => {
  await restoreIntro();
  context = await launch();
  page = await openConstructor(context, 'mincifra');
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.locator('[data-block-id="p-intro"]').click();
  await intro(page).locator('strong', { hasText: 'развитие связи' }).waitFor();
});
after(async () => {
  await context?.close();
  await restoreIntro();
});

/** Replaces everything in the editor by a paste of `html`, as Ctrl+A, Ctrl+V would. */
async function pasteOver(html) {
  await area(page).click();
  await page.keyboard.press('Control+a');
  await area(page).evaluate((el, markup) => {
    const data = new DataTransfer();
    data.setData('text/html', markup);
    data.setData('text/plain', 'plain text fallback');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

async function save() {
  await page.keyboard.press('Control+s');
  await page.getByTestId('save-state').filter({ hasText: 'Все изменения сохранены' }).waitFor();
}

for (const source of SOURCES) {
  test(`a paste from ${source.name} keeps its headings, lists, links and bold`, async () => {
    await pasteOver(fixture(source.file));
    const firstHeading = source.outline[0].slice(3);
    await intro(page).locator('h2', { hasText: firstHeading }).waitFor();
    if (source.file === 'word.html') {
      await page.screenshot({ path: join(ARTIFACTS, 'paste-word.png'), fullPage: true });
    }
    await save();

    const { content } = await storedIntro();
    const json = JSON.stringify(content);
    assert.ok(!json.includes('<') && !json.includes('mso-') && !json.includes('style'), `no markup is stored: ${json}`);
    assert.deepEqual(outline(content), source.outline);
    if (source.items) {
      assert.deepEqual(content.filter((p) => p.kind === 'list').flatMap((p) => p.items.map(textOf)), source.items);
    }
    const runs = content.flatMap(runsOf);
    for (const [text, link] of Object.entries(source.links)) {
      assert.ok(runs.some((r) => r.text === text && r.link === link), `«${text}» links to ${link}: ${json}`);
    }
    assert.deepEqual(runs.filter((r) => r.bold).map((r) => r.text), source.bold);
    assert.ok(content.filter((p) => p.kind === 'heading').every((p) => p.runs.every((r) => !r.bold)), 'a heading is bold by itself');

    // The canvas shows the same structure: headings at their levels, the lists, the links.
    const canvas = intro(page);
    const headings = content.filter((p) => p.kind === 'heading');
    assert.deepEqual(
      await canvas.locator('h2, h3, h4').evaluateAll((els) => els.map((el) => `${el.localName} ${el.textContent}`)),
      headings.map((h) => `h${h.level} ${textOf(h.runs)}`),
    );
    assert.equal(await canvas.locator('li').count(), content.filter((p) => p.kind === 'list').reduce((n, p) => n + p.items.length, 0));
    for (const [text, link] of Object.entries(source.links)) {
      assert.ok((await canvas.locator(`a[href="${link}"]`, { hasText: text }).count()) > 0, `the canvas links «${text}»`);
    }
    assert.equal(await canvas.locator('img, script, style, font, span[style]').count(), 0, 'nothing of the source markup shows');
    assert.equal(await area(page).locator('img, script, style, font, o\\:p, h1, h5').count(), 0, 'the editor holds only its own markup');
    assert.deepEqual(dialogs, []);
  });
}

test('the subheading button makes a heading of the line, and again a paragraph', async () => {
  // Two paragraphs over the last paste (its first block was a heading: the paste is no heading).
  await pasteOver('<p>Первый абзац</p><p>Порядок</p>');
  await intro(page).locator('p', { hasText: /^Порядок$/ }).waitFor();
  await area(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' обжалования');
  const button = toolbar(page).getByRole('button', { name: 'Подзаголовок' });
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.click();
  await intro(page).locator('h2', { hasText: 'Порядок обжалования' }).waitFor();
  await button.and(page.locator('[aria-pressed="true"]')).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Жалобу подают в течение месяца.');
  await intro(page).locator('p', { hasText: 'Жалобу подают' }).waitFor();
  await save();
  assert.deepEqual((await storedIntro()).content, [
    { kind: 'paragraph', runs: [{ text: 'Первый абзац' }] },
    { kind: 'heading', level: 2, runs: [{ text: 'Порядок обжалования' }] },
    { kind: 'paragraph', runs: [{ text: 'Жалобу подают в течение месяца.' }] },
  ]);

  // Pressed again in the heading, it is a paragraph once more.
  await intro(page).locator('h2', { hasText: 'Порядок обжалования' }).waitFor();
  await area(page).getByText('Порядок обжалования').click();
  await button.and(page.locator('[aria-pressed="true"]')).waitFor();
  await button.click();
  await intro(page).locator('p', { hasText: /^Порядок обжалования$/ }).waitFor();
  await save();
  assert.deepEqual(outline((await storedIntro()).content), ['paragraph Первый абзац', 'paragraph Порядок обжалования', 'paragraph Жалобу подают в']);
});
