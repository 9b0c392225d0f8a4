// A password as the worker stores it (edge/src/accounts.rs): pbkdf2-sha256$<rounds>$<salt>$<hash>,
// salt and hash in unpadded Base64. Used by the demo seed and by the first administrator's script.
import { pbkdf2Sync, randomBytes } from 'node:crypto';

const b64 = (bytes) => bytes.toString('base64').replace(/=+$/, '');

export function passwordHash(password) {
  const salt = randomBytes(16);
  return `pbkdf2-sha256$100000$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 100000, 32, 'sha256'))}`;
}

/** A string as an SQL literal. */
export const sqlText = (value) => `'${String(value).replaceAll("'", "''")}'`;
