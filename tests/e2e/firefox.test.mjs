// Firefox smoke test: officials use Chromium-based browsers and Firefox. Debian's firefox-esr,
// driven over WebDriver BiDi by puppeteer-core (nothing downloaded): first run, a bundle
// imported through its preview, the overview's figures, one activity entered, a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveDir, screenshot } from './harness.mjs';

const SMALL = resolve('tests/fixtures/bundles/small.json');
const small = JSON.parse(readFileSync(SMALL, 'utf8')).records;
const sum = (f) => small.activities.reduce((s, a) => s + (a[f] ?? 0), 0);

let server;
let browser;
before(async () => {
  server = await serveDir();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: { width: 1366, height: 768 },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const value = (page, testid) =>
  page.$eval(`[data-testid="${testid}"]`, (el) => Number(el.dataset.value));
const waitValue = (page, testid, n) =>
  page.waitForFunction(
    (id, want) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.value) === want,
    {},
    testid,
    n,
  );

test('Firefox: first run, import with preview, overview figures, one activity, reload', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="welcome"]');
  assert.match(await page.$eval('h1', (h) => h.textContent), /Tổng quan/);

  // Import: the file goes through the preview before anything is stored.
  await page.click('[data-testid="welcome-import"]');
  await page.waitForSelector('[data-testid="import-input"]');
  const input = await page.$('[data-testid="import-input"]');
  await input.uploadFile(SMALL);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('donghanh.data.'))), false);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');

  // The overview adds up to the bundle.
  await page.goto(server.url + '#/');
  await waitValue(page, 'kpi-activities', small.activities.length);
  assert.equal(await value(page, 'kpi-cash'), sum('cash_vnd'));
  assert.equal(await value(page, 'kpi-households'), sum('households'));
  await screenshot(page, 'firefox-overview');

  // One activity, typed the way officials type dates.
  await page.goto(server.url + '#/activities');
  await page.waitForSelector('[data-testid="act-add"]');
  await page.click('[data-testid="act-add"]');
  await page.waitForSelector('#act-unit', { visible: true });
  const unit = small.units[0].id;
  await page.select('#act-unit', unit);
  const place = await page.$eval('#act-location', (s) => [...s.options].find((o) => o.value)?.value);
  await page.select('#act-location', place);
  await page.locator('#act-date').fill('15/8/24');
  await page.select('#act-category', 'gifts');
  await page.locator('#act-title').fill('Tặng quà trung thu (Firefox)');
  await page.locator('#act-cash').fill('2.500.000');
  await page.click('[data-testid="act-save"]');
  await waitValue(page, 'activity-count', small.activities.length + 1);

  // A reload keeps it.
  await page.reload();
  await page.waitForSelector('[data-testid="activity-count"]');
  await waitValue(page, 'activity-count', small.activities.length + 1);
  assert.match(await page.$eval('[data-testid="activity-table"]', (t) => t.textContent), /Tặng quà trung thu \(Firefox\).*15\/08\/2024|15\/08\/2024.*Tặng quà trung thu \(Firefox\)/s);
  await page.goto(server.url + '#/');
  await waitValue(page, 'kpi-cash', sum('cash_vnd') + 2_500_000);
  assert.deepEqual(problems, []);
  await page.close();
});
