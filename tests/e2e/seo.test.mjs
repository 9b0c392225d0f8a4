// What crawlers and feed readers get from the real worker: sitemap, robots.txt, RSS, and the
// canonical / Open Graph / JSON-LD head of pages, by path and on the site's own host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch } from '../support/browser.mjs';
import { get } from '../support/http.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const demo = JSON.parse(readFileSync(join(root, 'shared/demo/mincifra.json'), 'utf8'));
const ORIGIN = new URL(BASE_URL).origin;
const PORT = new URL(BASE_URL).port;
const SITE_HOST = `mincifra.civic.localhost:${PORT}`;

/** Every page's absolute address: the home page at the site's root, the others under their parents. */
function pageUrls(base) {
  const [homeId] = Object.keys(demo.pages);
  const path = (id) => {
    const page = demo.pages[id];
    return page.parent && page.parent !== homeId ? `${path(page.parent)}/${page.slug}` : page.slug;
  };
  return Object.keys(demo.pages).map((id) => (id === homeId ? `${base}/` : `${base}/${path(id)}`));
}

/** Parses XML in Chromium's DOMParser: null when well-formed, else the parser's complaint. */
async function xmlErrors(xmlTexts) {
  const context = await launch();
  try {
    const page = await context.newPage();
    return await page.evaluate((texts) => texts.map((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0];
      return error ? error.textContent : null;
    }), xmlTexts);
  } finally {
    await context.close();
  }
}

function jsonLd(html) {
  const found = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
  assert.ok(found, 'the page has JSON-LD');
  return JSON.parse(found[1]);
}

test('sitemap.xml lists every demo page with absolute URLs and a publication date', async () => {
  const res = await get('/s/mincifra/sitemap.xml');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
  const locs = [...res.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  assert.deepEqual(locs, pageUrls(`${ORIGIN}/s/mincifra`));
  assert.match(res.body, /<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/lastmod>/);
  const again = await get('/s/mincifra/sitemap.xml', { 'If-None-Match': res.headers.etag });
  assert.equal(again.status, 304);
});

test('robots.txt allows crawling and points to the sitemap', async () => {
  const res = await get('/s/mincifra/robots.txt');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
  assert.match(res.body, /^User-agent: \*\nAllow: \/\n/);
  assert.ok(res.body.includes(`Sitemap: ${ORIGIN}/s/mincifra/sitemap.xml\n`));
});

test('rss.xml is an RSS 2.0 channel served as such', async () => {
  const res = await get('/s/mincifra/rss.xml');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
  assert.match(res.body, /<rss version="2.0"/);
  assert.ok(res.body.includes(`<title>${demo.site.name}</title>`));
  assert.ok(res.body.includes(`<link>${ORIGIN}/s/mincifra/</link>`));
});

test('the feeds are well-formed XML', async () => {
  const bodies = await Promise.all(['/s/mincifra/sitemap.xml', '/s/mincifra/rss.xml', '/sitemap.xml']
    .map((path, i) => get(path, i === 2 ? { Host: SITE_HOST } : {}).then((r) => r.body)));
  assert.deepEqual(await xmlErrors(bodies), [null, null, null]);
});

test('unknown sites have no feeds', async () => {
  for (const file of ['sitemap.xml', 'robots.txt', 'rss.xml']) {
    assert.equal((await get(`/s/no-such-site/${file}`)).status, 404, file);
  }
});

test('the home page carries canonical, Open Graph and the organisation as JSON-LD', async () => {
  const res = await get('/s/mincifra/');
  assert.equal(res.status, 200);
  assert.ok(res.body.includes(`<link rel="canonical" href="${ORIGIN}/s/mincifra/">`));
  assert.ok(res.body.includes(`<meta property="og:url" content="${ORIGIN}/s/mincifra/">`));
  assert.ok(res.body.includes('<meta property="og:locale" content="ru_RU">'));
  assert.ok(res.body.includes(`<meta property="og:site_name" content="${demo.site.name}">`));
  assert.match(res.body, /<meta name="description" content="[^"]+">/);
  assert.match(res.body, new RegExp(`<meta property="og:image" content="${ORIGIN}/static/demo/[^"]+">`));
  const org = jsonLd(res.body);
  assert.equal(org['@context'], 'https://schema.org');
  assert.equal(org['@type'], 'GovernmentOrganization');
  assert.equal(org.name, demo.site.name);
  assert.equal(org.url, `${ORIGIN}/s/mincifra/`);
});

test('on the site host every address is at the host root', async () => {
  const hostOrigin = `http://${SITE_HOST}`;
  const page = await get('/kontakty', { Host: SITE_HOST });
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(`<link rel="canonical" href="${hostOrigin}/kontakty">`));
  assert.equal(jsonLd(page.body).url, `${hostOrigin}/`);
  const sitemap = await get('/sitemap.xml', { Host: SITE_HOST });
  assert.equal(sitemap.status, 200);
  assert.deepEqual([...sitemap.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]), pageUrls(hostOrigin));
  const robots = await get('/robots.txt', { Host: SITE_HOST });
  assert.ok(robots.body.includes(`Sitemap: ${hostOrigin}/sitemap.xml\n`));
  const rss = await get('/rss.xml', { Host: SITE_HOST });
  assert.equal(rss.headers['content-type'], 'application/rss+xml; charset=utf-8');
  assert.ok(rss.body.includes(`<link>${hostOrigin}/</link>`));
});

test('the platform host has its own robots.txt', async () => {
  const res = await get('/robots.txt');
  assert.equal(res.status, 200);
  assert.match(res.body, /Disallow: \/admin\//);
});

test('pages name the site emblem as their icon; /favicon.ico is served on every host', async () => {
  const home = await get('/s/mincifra/');
  assert.ok(home.body.includes(`<link rel="icon" href="${demo.theme.logo_src}">`));
  // Lighthouse reads robots.txt from inside the page: the CSP lets it (no script runs anyway).
  assert.match(home.headers['content-security-policy'], /; connect-src 'self';/);
  for (const headers of [{}, { Host: 'mincifra.civic.localhost' }]) {
    const icon = await get('/favicon.ico', headers);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers['content-type'], 'image/vnd.microsoft.icon');
  }
});
