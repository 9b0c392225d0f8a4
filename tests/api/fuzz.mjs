// schemathesis against /api/v1 of a running worker, with every check on (exceptions and
// their reasons: tests/api/schemathesis.toml). A token for one site is created through the
// administrator's cookie API for the run and revoked after it. The run changes that site's
// data, so scripts/test.sh runs it after the end-to-end tests.
//
//   CIVIC_BASE_URL=http://127.0.0.1:8788 node tests/api/fuzz.mjs [site]   (default: school7)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCOUNTS, signIn } from '../support/session.mjs';
import { BASE_URL } from '../support/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = process.argv[2] ?? 'school7';
const admin = await signIn(ACCOUNTS.administrator);
const created = await admin.call('/api/tokens', {
  method: 'POST',
  body: { name: `schemathesis ${new Date().toISOString()}`, scopes: ['read', 'write', 'publish'], sites: [site] },
});
if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`);
const { secret, token } = await created.json();

const args = [
  '--config-file', join(root, 'tests/api/schemathesis.toml'),
  'run', join(root, 'edge/openapi.v1.json'),
  '--checks', 'all',
  // One worker: wrangler dev answers one request at a time anyway, and order keeps runs comparable.
  '--workers', '1',
  '--request-timeout', '10',
  '--no-color',
];
const child = spawn(join(root, '.venv/bin/schemathesis'), args, {
  cwd: root,
  env: {
    ...process.env,
    CIVIC_BASE_URL: BASE_URL,
    CIVIC_API_TOKEN: secret,
    CIVIC_API_SITE: site,
    SCHEMATHESIS_HOOKS: join(root, 'tests/api/hooks.py'),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const code = await new Promise((resolve) => child.on('close', resolve));
await admin.call(`/api/tokens/${token.id}`, { method: 'DELETE' });

// One plain closing line, whatever schemathesis prints: cases passed and failures found.
const cases = output.match(/(\d+) generated, (?:(\d+) passed)?/);
const failures = output.match(/(\d+) failures?\b/);
const passed = cases ? Number(cases[2] ?? 0) : 0;
const failed = code === 0 ? 0 : Math.max(1, failures ? Number(failures[1]) : 1);
console.log(`schemathesis: ${passed} passed, ${failed} failed`);
process.exit(code === 0 && passed > 0 ? 0 : 1);
