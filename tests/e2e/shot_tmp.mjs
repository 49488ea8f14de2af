import { serveDir, launchBrowser, newPage, openApp, screenshot } from './harness.mjs';
const server = await serveDir();
const browser = await launchBrowser();
const { ctx, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
await openApp(page, server.url, '#/settings');
await page.click('[data-testid="settings-demo"]');
await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-activities"]')?.dataset.value) > 100);
for (const hash of ['#/', '#/directory?tab=units', '#/directory?tab=assignments', '#/activities']) {
  await page.goto(server.url + hash);
  await page.waitForSelector('main [data-testid^="page-"]');
  await page.waitForTimeout(400);
  console.log(hash, await page.evaluate(() => {
    const w = innerWidth;
    const wide = [...document.querySelectorAll('main *, .banners *, .banner *')].filter((e) => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed');
    const leafs = wide.filter((e) => !wide.some((o) => o !== e && e.contains(o)));
    return document.scrollingElement.scrollWidth + ' ' + leafs.slice(0, 6).map((e) => e.tagName + '.' + e.className + '#' + (e.dataset.testid || '') + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ');
  }));
}
await page.goto(server.url + '#/directory?tab=units');
await page.waitForTimeout(400);
await page.locator('[data-testid="unit-table"]').scrollIntoViewIfNeeded();
await screenshot(page, 'units-390x844');
await ctx.close();
await browser.close();
await server.close();
