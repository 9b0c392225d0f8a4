// Signed-in API clients for the tests, using the demo accounts the seed creates.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { BASE_URL } from './browser.mjs';
import { finished } from './jobs.mjs';

export const ACCOUNTS = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'demo-accounts.json'), 'utf8'),
);

/** POST /api/login; returns the raw response. */
export function postLogin(login, password, headers = {}) {
  return fetch(`${BASE_URL}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE_URL, ...headers },
    body: JSON.stringify({ login, password }),
  });
}

/** Bytes and streams go as they are (file uploads); anything else is sent as JSON. */
const isRaw = (body) => body instanceof Uint8Array || body instanceof Blob || body instanceof ReadableStream;

/**
 * Signs in and returns a client whose calls carry the session cookie, and on state changes
 * this origin and the CSRF token, as the constructor sends them.
 */
export async function signIn({ login, password }) {
  const res = await postLogin(login, password);
  if (res.status !== 200) throw new Error(`sign-in of ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { user, csrf } = await res.json();
  const call = (path, { method = 'GET', body, headers = {} } = {}) =>
    fetch(`${BASE_URL}${path}`, {
      method,
      headers: {
        Cookie: cookie,
        ...(method === 'GET' ? {} : { 'Content-Type': 'application/json', Origin: BASE_URL, 'X-CSRF-Token': csrf }),
        ...headers,
      },
      body: body === undefined || typeof body === 'string' || isRaw(body) ? body : JSON.stringify(body),
    });
  // A call that queues a job: 202, then the job followed to its end (done or failed).
  const job = async (path, options) => {
    const res = await call(path, options);
    assert.equal(res.status, 202, `${path}: ${await res.clone().text()}`);
    return finished((id) => call(`/api/jobs/${id}`), (await res.json()).job);
  };
  return { user, csrf, cookie, call, job, json: async (path, options) => (await call(path, options)).json() };
}
