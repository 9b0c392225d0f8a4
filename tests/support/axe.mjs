// Runs axe-core inside a page and returns its violations (WCAG 2.1 A/AA rules and best practices).
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The page's context must be created with `bypassCSP: true`: public pages forbid scripts. Frames of
 * other sites (the feedback platform's widget) do not answer axe: it waits for them 2 s, not 60. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'], frameWaitTime: 2000 }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
