// Accessibility: axe-core on every screen, on a laptop and a phone, with the demo and with an
// empty workspace. Any serious or critical violation fails, named with its screen and element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDir, launchBrowser, newPage, openApp } from './harness.mjs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

// Every screen a person reaches from the menu, with the views inside a screen.
const SCREENS = [
  '#/',
  '#/directory?tab=places',
  '#/directory?tab=units',
  '#/directory?tab=assignments',
  '#/directory?tab=coverage',
  '#/plans',
  '#/activities',
  '#/models',
  '#/reports',
  '#/reports?tab=summary',
  '#/present',
  '#/import',
  '#/export',
  '#/settings',
  '#/no-such-page',
];

const VARIANTS = [
  { name: 'desktop, demo', viewport: { width: 1366, height: 768 }, start: 'welcome-demo' },
  { name: 'phone, demo', viewport: { width: 390, height: 844 }, start: 'welcome-demo' },
  { name: 'desktop, empty', viewport: { width: 1366, height: 768 }, start: 'welcome-empty' },
  { name: 'phone, empty', viewport: { width: 390, height: 844 }, start: 'welcome-empty' },
];

let server;
let browser;
before(async () => {
  server = await serveDir();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The serious and critical violations on the page as it is, one line each. */
async function violations(page) {
  // (Again after a reload: the demo opens its own workspace.)
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  });
  return found;
}

for (const variant of VARIANTS) {
  test(`axe-core finds no serious or critical violation: ${variant.name}`, async () => {
    // The page's Content-Security-Policy forbids inline scripts: only the test's axe is let in.
    const context = await browser.newContext({ viewport: variant.viewport, bypassCSP: true });
    const { ctx, page, problems } = await newPage(browser, { context });
    await openApp(page, server.url);
    // The first-run screen itself, then the workspace it leads to.
    await page.waitForSelector('[data-testid="welcome"]');
    const found = (await violations(page)).map((v) => `welcome: ${v}`);
    await page.click(`[data-testid="${variant.start}"]`);
    if (variant.start === 'welcome-demo') await page.waitForSelector('[data-testid="demo-banner"]');
    for (const hash of SCREENS) {
      await page.evaluate((h) => { window.location.hash = h; }, hash);
      await page.waitForSelector('main [data-testid^="page-"]');
      // Screens in a part of the module load it first; let the page settle.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(150);
      found.push(...(await violations(page)).map((v) => `${hash}: ${v}`));
    }
    assert.deepEqual(found, [], found.join('\n'));
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}
