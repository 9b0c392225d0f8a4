// Plain HTTP requests to the local worker, for what fetch cannot do (set the Host header).
import http from 'node:http';
import { BASE_URL } from './browser.mjs';

/** GET `path` with extra headers, e.g. `{ Host: 'mincifra.civic.localhost:8788' }`. */
export function get(path, headers = {}) {
  const url = new URL(path, BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}
