// Jobs of the jobs worker (a backup, a restore, an import): an endpoint answers 202 with the
// job at once, and the test follows it as the constructor does, until it is done or failed.
import assert from 'node:assert/strict';

/** How long a test waits for one job; the local jobs worker takes well under a second. */
const LIMIT_MS = 60_000;

/**
 * Follows `job` (from a 202 answer) by reading it with `read(id)` (a Response) until it
 * ends; returns the final job: `state` done with `result`, or failed with `error`.
 */
export async function finished(read, job) {
  const until = Date.now() + LIMIT_MS;
  while (job.state === 'queued' || job.state === 'running') {
    assert.ok(Date.now() < until, `job ${job.id} (${job.kind}) still ${job.state} after ${LIMIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await read(job.id);
    assert.equal(res.status, 200, `job ${job.id}: ${await res.clone().text()}`);
    job = (await res.json()).job;
  }
  return job;
}

/** The Russian messages of a failed job's error, as the constructor shows them. */
export const messages = (job) => (job.error?.body?.error?.problems ?? []).map((p) => p.message_ru);

/**
 * Starts recording every status line (`.job-status`: its text and its progress bar) the page
 * shows while jobs run, however briefly; `jobLines(page)` returns them.
 */
export async function recordJobLines(page) {
  await page.evaluate(() => {
    window.jobLines = [];
    new MutationObserver(() => {
      for (const line of document.querySelectorAll('.job-status')) {
        const bar = line.querySelector('progress');
        window.jobLines.push(`${line.innerText.trim()} | ${bar?.getAttribute('value')}/${bar?.getAttribute('max')}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** What a job's status line may say, with its bar's value: `Копируем файлы: 2 из 3 | 67/100`. */
export const JOB_LINE = /^(В очереди|Идёт работа|Проверяем файл|Копируем страницы|Копируем файлы|Сохраняем)[^|]* \| \d+\/100$/;

export const jobLines = (page) => page.evaluate(() => window.jobLines);
