// Creates the first administrator of a deployed environment (DEPLOY.md, step 6): the one
// account that then registers everyone else in the constructor's «Пользователи».
//
//   CIVIC_ADMIN_PASSWORD='…' node scripts/first-admin.mjs --env production <login> "<full name>"
//
// The password comes from the environment, not the command line, so it stays out of the
// shell's history; only its PBKDF2 hash reaches D1 (wrangler d1 execute --remote).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { passwordHash, sqlText } from './password-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const envAt = args.indexOf('--env');
const env = envAt >= 0 ? args.splice(envAt, 2)[1] : undefined;
const [login, name] = args;
const password = process.env.CIVIC_ADMIN_PASSWORD ?? '';
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
if (!env) fail('Укажите окружение: --env staging или --env production.');
if (!/^[a-z0-9._-]{3,64}$/.test(login ?? '')) fail('Логин: латинские буквы, цифры, «.», «_» или «-», от 3 до 64 знаков.');
if (!name?.trim()) fail('Укажите ФИО администратора в кавычках.');
// The worker's own rule (edge/src/accounts.rs) is checked again at the first change of password.
if (password.length < 12 || password.toLowerCase().includes(login)) fail('CIVIC_ADMIN_PASSWORD: не короче 12 знаков и без логина.');

const sql = `INSERT INTO users (login, name, role, password_hash) VALUES (${sqlText(login)}, ${sqlText(name.trim())}, 'administrator', ${sqlText(passwordHash(password))});`;
execFileSync(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--remote', '--env', env, '--command', sql], { cwd: root, stdio: 'inherit' });
console.log(`Администратор ${login} создан в окружении ${env}.`);
