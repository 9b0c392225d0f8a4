// A real Chromium (Debian's) driven by playwright-core, one fresh profile per launch.
import { after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.CIVIC_BASE_URL ?? 'http://127.0.0.1:8787';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts Chromium with a fresh user-data-dir; `context` options go to every page. */
export async function launch(contextOptions = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'civic-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    locale: 'ru-RU',
    viewport: { width: 1366, height: 900 },
    ...contextOptions,
  });
  // What went wrong inside the pages, for `explain`: uncaught errors and console errors.
  context.problems = [];
  const watch = (page) => {
    page.on('pageerror', (error) => context.problems.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') context.problems.push(`${page.url()}: console: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return context;
}

/**
 * Waits for `locator`; if it never shows, fails with what the page showed instead (its
 * address, the start of its text) and the errors its scripts met, so a failure in CI says why.
 */
export async function waitOrExplain(page, locator, options) {
  try {
    await locator.waitFor(options);
  } catch (error) {
    const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(no body)');
    const problems = page.context().problems ?? [];
    error.message += `\n  page: ${page.url()}\n  text: ${text.slice(0, 1500).replace(/\s+/g, ' ')}` +
      `\n  script errors: ${problems.length ? problems.slice(-10).join('\n    ') : 'none'}`;
    throw error;
  }
}

/** What openConstructor looks for, per interface language. */
const SIGN_IN = {
  ru: { login: 'Логин', password: 'Пароль', submit: 'Войти', editor: 'Блоки страницы' },
  en: { login: 'Username', password: 'Password', submit: 'Sign in', editor: 'Page blocks' },
};

/**
 * Browser contexts of one test file: `open` launches one, `closeAll` closes every one open so
 * far (an editor left open would go on autosaving), and all are closed when the file ends.
 */
export function contextPool() {
  const contexts = [];
  const closeAll = async () => Promise.all(contexts.splice(0).map((c) => c.close()));
  after(closeAll);
  return {
    open: async (options) => {
      const context = await launch(options);
      contexts.push(context);
      return context;
    },
    closeAll,
  };
}

/**
 * Opens the constructor on a site, signing in through its form when the browser has no
 * session yet (by default as the site's demo editor), and waits until the draft is on screen.
 * `lang: 'en'` opens it in English (`?lang=en`, which the browser then remembers); without
 * it the constructor is in the language this profile chose, Russian in a fresh one.
 */
export async function openConstructor(context, site, account, { lang } = {}) {
  const { ACCOUNTS } = await import('./session.mjs');
  const { login, password } = account ?? ACCOUNTS.editors[site] ?? ACCOUNTS.administrator;
  const words = SIGN_IN[lang ?? 'ru'];
  const page = await context.newPage();
  // Not the page's `load`: it also waits for the canvas frame, which may be given its page
  // more than once while the draft and the site's data arrive; the editor's heading is the sign.
  await page.goto(`${BASE_URL}/admin/?site=${site}${lang ? `&lang=${lang}` : ''}`, { waitUntil: 'domcontentloaded' });
  const form = page.getByLabel(words.login, { exact: true });
  const editor = page.getByRole('heading', { name: words.editor });
  await form.or(editor).first().waitFor();
  if (await form.isVisible()) {
    await form.fill(login);
    await page.getByLabel(words.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: words.submit, exact: true }).click();
  }
  await waitOrExplain(page, editor);
  return page;
}
