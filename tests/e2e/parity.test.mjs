// The renderer compiled to wasm32 (inside the constructor) must give the very bytes the
// native renderer gives: both are compared with the golden files that
// `cargo test -p civic-renderer --test golden` checks natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www/admin/pkg');
const { initSync, render_public_page } = await import(join(pkg, 'civic_constructor.js'));
initSync({ module: readFileSync(join(pkg, 'civic_constructor_bg.wasm')) });

// Every snapshot of a demo page, `<site>-<page id>.html` (site slugs have no hyphen).
const snapshots = readdirSync(join(root, 'tests/golden'))
  .filter((file) => file.endsWith('.html') && !file.startsWith('accessible-'))
  .map((file) => {
    const name = file.slice(0, -'.html'.length);
    const cut = name.indexOf('-');
    return { file, site: name.slice(0, cut), pageId: name.slice(cut + 1) };
  });

for (const { file, site, pageId } of snapshots) {
  test(`wasm renders demo page "${site}/${pageId}" byte-identical to the native golden file`, () => {
    const documentJson = readFileSync(join(root, `shared/demo/${site}.json`), 'utf8');
    const dataJson = readFileSync(join(root, `shared/demo/${site}-data.json`), 'utf8');
    const golden = readFileSync(join(root, 'tests/golden', file), 'utf8');
    // Base path and origin as in renderer/tests/golden.rs.
    const wasm = render_public_page(documentJson, dataJson, pageId, `/s/${site}`, 'http://127.0.0.1:8787');
    assert.equal(wasm.length, golden.length);
    assert.ok(wasm === golden, 'wasm output differs from the native golden file');
  });
}
