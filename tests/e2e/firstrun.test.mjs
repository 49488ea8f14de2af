// The first run as a unit's officer meets it (issue 29.6): the province's directory is offered
// first; starting from scratch leads through four numbered steps that tick themselves off as the
// records appear; the assignment form starts with this browser's unit and the activity form
// with the unit's only commune.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDir, launchBrowser, newPage, openApp, screenshot } from './harness.mjs';

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

/** The steps as the page shows them: [state, link or null] each. */
const steps = (page) =>
  page.$$eval('[data-testid="first-step"]', (items) =>
    items.map((li) => [li.dataset.state, li.querySelector('a')?.getAttribute('href') ?? null]),
  );

test('first run: the province directory first, then four steps that tick themselves off', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await page.waitForSelector('[data-testid="welcome"]');
  const order = await page.$$eval('.welcome-choices button', (b) => b.map((x) => x.dataset.testid));
  assert.equal(order[0], 'welcome-import', 'importing the province directory comes first');
  assert.match(await page.textContent('[data-testid="welcome-import"]'), /Nhập danh mục của tỉnh/);
  assert.equal(await page.$('[data-testid="first-steps"]'), null, 'the welcome asks first');

  await page.click('[data-testid="welcome-empty"]');
  await page.waitForSelector('main [data-testid="page-directory"] [data-testid="first-steps"]');
  // Straight to the units, with a word on the empty list and the way to the province's file.
  assert.equal(await page.getAttribute('[data-testid="tab-units"]', 'aria-current'), 'page');
  assert.match(await page.textContent('[data-testid="unit-table-empty"]'), /nhập danh mục do tỉnh gửi/);
  assert.deepEqual(await steps(page), [
    ['current', '#/directory?tab=units'],
    ['todo', '#/directory?tab=places'],
    ['todo', '#/plans'],
    ['todo', '#/activities'],
  ]);
  await screenshot(page, 'first-run-steps-1366', { fullPage: true });

  await page.fill('#unit-name', 'Kho bạc Nhà nước tỉnh');
  await page.fill('#unit-short-name', 'KBNN');
  await page.click('[data-testid="unit-save"]');
  await page.waitForSelector('[data-testid="unit-row"]');
  // A unit exists, none is chosen: the step now leads to the settings.
  await page.waitForSelector('[data-testid="first-step-next"][href="#/settings"]');
  await page.click('[data-testid="first-step-next"]');
  await page.selectOption('#settings-unit-id', { label: 'Kho bạc Nhà nước tỉnh' });
  await page.click('[data-testid="settings-save"]');

  await page.goto(server.url + '#/directory?tab=places');
  await page.waitForSelector('[data-testid="place-tree-empty"]');
  assert.deepEqual((await steps(page)).map((s) => s[0]), ['done', 'current', 'todo', 'todo']);
  await page.selectOption('#loc-level', 'commune');
  await page.fill('#loc-name', 'Pà Cò');
  await page.fill('#loc-label', 'xã');
  await page.click('[data-testid="loc-save"]');
  await page.waitForSelector('[data-testid="place-node"]:has-text("Pà Cò")');
  await page.waitForSelector('[data-testid="first-step-next"][href="#/directory?tab=assignments"]');
  await page.click('[data-testid="first-step-next"]');
  await page.waitForSelector('[data-testid="assignment-form"]');
  // The assignment starts with this browser's unit: only the commune is chosen.
  const unit = await page.$eval('#asg-unit', (s) => s.selectedOptions[0].textContent);
  assert.equal(unit, 'Kho bạc Nhà nước tỉnh');
  await page.selectOption('#asg-location', { label: 'Xã Pà Cò' });
  await page.click('[data-testid="asg-save"]');
  await page.waitForSelector('[data-testid="assignment-row"]');
  await page.waitForSelector('[data-testid="first-step-next"][href="#/plans"]');
  assert.deepEqual((await steps(page)).map((s) => s[0]), ['done', 'done', 'current', 'todo']);

  // An activity before the plan: its step ticks off, the plan stays the next one.
  await page.goto(server.url + '#/activities');
  await page.click('[data-testid="act-add"]');
  await page.waitForSelector('#act-location');
  const place = await page.$eval('#act-location', (s) => s.selectedOptions[0]?.textContent ?? '');
  assert.equal(place, 'Xã Pà Cò', 'the unit helps one commune: the form starts there');
  await page.fill('#act-date', '05/03/2026');
  await page.selectOption('#act-category', 'gifts');
  await page.fill('#act-title', 'Tặng quà');
  await page.fill('#act-cash', '1.000.000');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="activity-row"]');
  assert.deepEqual((await steps(page)).map((s) => s[0]), ['done', 'done', 'current', 'done']);
  await page.goto(server.url + '#/');
  await page.waitForSelector('[data-testid="first-steps"]');
  await screenshot(page, 'first-run-overview-1366', { fullPage: true });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('first run on a phone: the steps read and their links are 44 px targets', async () => {
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await openApp(page, server.url);
  await page.click('[data-testid="welcome-empty"]');
  await page.waitForSelector('[data-testid="first-step-next"]');
  const box = await page.$eval('[data-testid="first-step-next"]', (a) => a.getBoundingClientRect().height);
  assert.ok(box >= 44, `the next step's link is ${box} px tall`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide} px wide on a 390 px phone`);
  await screenshot(page, 'first-run-steps-390', { fullPage: true });
  assert.deepEqual(problems, []);
  await ctx.close();
});
