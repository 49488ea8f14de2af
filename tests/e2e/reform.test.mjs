// The 2025 reform (issue 16): communes merged into a new one, a district and a province gone,
// an agency renamed. The summary drawn by today's boundaries rolls the history into the
// successors ("(nay là …)"), by the period's boundaries keeps it apart, with equal totals; a
// scope on the new commune takes in the old ones; the activity form offers the places and units
// of the activity's day and refuses one that no longer existed; the directory shows what a
// place became. Fixture: tests/fixtures/bundles/reform.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDir, launchBrowser, newPage, openApp, screenshot } from './harness.mjs';

const bundleText = readFileSync(new URL('../fixtures/bundles/reform.json', import.meta.url), 'utf8');
const bundle = JSON.parse(bundleText);
const total = bundle.records.activities.reduce((a, x) => a + x.cash_vnd, 0);
const vn = (n) => n.toLocaleString('de-DE');
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

async function loaded(page, hash) {
  await openApp(page, server.url);
  await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), bundleText);
  await openApp(page, server.url, hash);
}

/** Rows of a document table as text cells, and its footer. */
async function tableRows(page, testid) {
  return page.$$eval(`[data-testid="${testid}"] tbody tr`, (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
}
const headers = (page, testid) =>
  page.$$eval(`[data-testid="${testid}"] thead th`, (th) => th.map((h) => h.textContent.trim()));
const footTotal = (page, testid) =>
  page.$eval(`[data-testid="${testid}"] tfoot`, (f) => f.textContent);

async function wholeSpan(page) {
  await page.selectOption('[data-testid="summary-period"]', 'custom');
  await page.fill('#summary-period-from', '01/01/2021');
  await page.fill('#summary-period-to', '31/12/2026');
  await page.locator('#summary-period-to').blur();
}

test('the summary by today\'s map rolls the merged communes and the renamed agency into their successors; by the period\'s map keeps them apart; totals equal', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page, '#/reports?tab=summary');
  await wholeSpan(page);
  await page.waitForSelector('[data-testid="summary-map"]');
  assert.equal(await page.inputValue('[data-testid="summary-map"]'), 'today');
  await page.waitForFunction(() => document.querySelector('[data-testid="table-commune"]')?.textContent.includes('nay là'));
  const today = await tableRows(page, 'table-commune');
  assert.deepEqual(today.map((r) => r[1]), ['Xã Hang Kia, xã Pà Cò (nay là xã Tân Mai)']);
  assert.equal((await headers(page, 'table-commune'))[1], 'Xã, phường, đặc khu');
  assert.ok((await footTotal(page, 'table-commune')).includes(vn(total)));
  const units = await tableRows(page, 'table-unit');
  assert.deepEqual(units.map((r) => r[1]), ['Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)']);
  // The letterhead and date line name the province that exists today.
  assert.match(await page.textContent('[data-testid="document"]'), /Phú Thọ/);
  await screenshot(page, 'reform-summary-today', { fullPage: true });

  await page.selectOption('[data-testid="summary-map"]', 'period');
  await page.waitForFunction(() => document.querySelector('[data-testid="table-commune"]')?.textContent.includes('huyện Mai Châu'));
  const then = (await tableRows(page, 'table-commune')).map((r) => r[1]);
  assert.deepEqual(then, ['Xã Hang Kia (huyện Mai Châu)', 'Xã Pà Cò (huyện Mai Châu)', 'Xã Pà Cò (nay là xã Tân Mai)']);
  assert.equal((await headers(page, 'table-commune'))[1], 'Xã, phường, thị trấn');
  assert.ok((await footTotal(page, 'table-commune')).includes(vn(total)));
  const unitsThen = (await tableRows(page, 'table-unit')).map((r) => r[1]);
  assert.deepEqual(unitsThen.sort(), ['Ban Dân tộc', 'Sở Dân tộc và Tôn giáo']);

  // Scoped to the new commune on today's map: the old communes' history comes with it.
  await page.selectOption('[data-testid="summary-map"]', 'today');
  const scopes = await page.$$eval('[data-testid="summary-scope"] option', (o) => o.map((x) => x.textContent));
  assert.ok(scopes.includes('Huyện Mai Châu (đến 30/06/2025)'), scopes.join(' | '));
  assert.ok(scopes.includes('Xã Tân Mai'), scopes.join(' | '));
  await page.selectOption('[data-testid="summary-scope"]', 'c-tanmai');
  await page.waitForFunction(() => document.querySelector('[data-testid="document"]')?.textContent.includes('xã Tân Mai'));
  assert.ok((await footTotal(page, 'table-commune')).includes(vn(total)));
  // A group of communes chosen together, on the period's map: the two old communes.
  await page.selectOption('[data-testid="summary-map"]', 'period');
  await page.selectOption('[data-testid="summary-scope"]', 'group');
  const boxes = await page.$$eval('[data-testid="summary-group"] input', (i) => i.map((x) => x.value));
  assert.deepEqual(boxes, ['c-tanmai'], 'only communes that exist today are offered for a group');
  await page.check('[data-testid="summary-group"] input[value="c-tanmai"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="document"]')?.textContent.includes('trên địa bàn xã Tân Mai'));
  await screenshot(page, 'reform-summary-group');
  const grouped = (await tableRows(page, 'table-commune')).map((r) => r[1]);
  assert.deepEqual(grouped, ['Xã Pà Cò (nay là xã Tân Mai)'], 'on the period\'s map a group of today\'s commune keeps what happened after the merger');
  await page.selectOption('[data-testid="summary-map"]', 'today');
  await page.waitForFunction((t) => document.querySelector('[data-testid="table-commune"] tfoot')?.textContent.includes(t), vn(total));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the activity form offers the places and units of the activity\'s day and refuses one that no longer existed', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page, '#/activities');
  await page.click('[data-testid="act-add"]');
  const options = (sel) => page.$$eval(`${sel} option`, (o) => o.map((x) => x.value).filter(Boolean));
  await page.fill('#act-date', '10/05/2023');
  await page.waitForFunction(() => [...document.querySelectorAll('#act-unit option')].some((o) => o.value === 'u-bdt'));
  assert.deepEqual(await options('#act-unit'), ['u-bdt']);
  await page.selectOption('#act-unit', 'u-bdt');
  assert.deepEqual(await options('#act-location'), ['c-hangkia', 'c-paco', 'v-sang']);
  await page.fill('#act-date', '01/02/2026');
  await page.waitForFunction(() => [...document.querySelectorAll('#act-unit option')].some((o) => o.value === 'u-sdttg'));
  assert.deepEqual(await options('#act-unit'), ['u-sdttg']);
  // A late entry for 2023 lands in the old commune, under the old agency.
  await page.fill('#act-date', '12/06/2023');
  await page.waitForFunction(() => [...document.querySelectorAll('#act-unit option')].some((o) => o.value === 'u-bdt'));
  await page.selectOption('#act-unit', 'u-bdt');
  await page.selectOption('#act-location', 'c-paco');
  // A loan is its own figure, asked for credit activities only.
  assert.equal(await page.isVisible('#act-loan'), false);
  await page.selectOption('#act-category', 'credit');
  await page.waitForSelector('#act-loan');
  await page.selectOption('#act-category', 'gifts');
  await page.waitForSelector('#act-loan', { state: 'detached' });
  await page.fill('#act-title', 'Tặng quà nhập muộn');
  await page.fill('#act-cash', '2.000.000');
  // …but the same place on a day after the merger is refused, saying what it became.
  await page.fill('#act-date', '12/06/2026');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-location-error"]');
  assert.match(await page.textContent('[data-testid="act-location-error"]'), /Không còn từ 01\/07\/2025, nay là xã Tân Mai/);
  assert.match(await page.textContent('[data-testid="act-unit-error"]'), /nay là Sở Dân tộc và Tôn giáo/);
  assert.equal(await page.locator('[data-testid="activity-row"]:has-text("Tặng quà nhập muộn")').count(), 0, 'nothing saved');
  await page.fill('#act-date', '12/06/2023');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="activity-row"]:has-text("Tặng quà nhập muộn")');
  const row = page.locator('[data-testid="activity-row"]:has-text("Tặng quà nhập muộn")');
  assert.match(await row.textContent(), /Pà Cò/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the directory shows what a merged place became, and a merger is entered with its successor', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page, '#/directory?tab=places');
  await page.waitForSelector('[data-testid="place-successor"]');
  const paco = page.locator('[data-testid="place-node"][data-id="c-paco"]');
  assert.match(await paco.textContent(), /nay là xã Tân Mai/);
  // Merge xã Tân Mai's neighbour: a new commune, then retire it into Tân Mai.
  await page.selectOption('#loc-level', 'commune');
  await page.selectOption('#loc-parent', 'p-pt');
  await page.fill('#loc-name', 'Noong Luông');
  await page.click('[data-testid="loc-save"]');
  await page.waitForSelector('[data-testid="place-node"]:has-text("Noong Luông")');
  await page.locator('[data-testid="place-node"]:has-text("Noong Luông")').locator('[data-testid="loc-edit"]').click();
  await page.selectOption('#loc-successor', 'c-tanmai');
  await page.click('[data-testid="loc-save"]');
  // A successor without the last day is refused, naming the field.
  await page.waitForSelector('[data-testid="loc-successor-error"]');
  assert.match(await page.textContent('[data-testid="loc-successor-error"]'), /ngày ngừng/);
  await page.fill('#loc-valid-to', '30/06/2025');
  await page.click('[data-testid="loc-save"]');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="place-node"]')].some((n) => n.textContent.includes('Noong Luông') && n.textContent.includes('nay là xã Tân Mai')),
  );
  await screenshot(page, 'reform-directory');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('plan and model forms offer what existed in their year or on their day', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page, '#/plans');
  const options = (sel) => page.$$eval(`${sel} option`, (o) => o.map((x) => x.value).filter(Boolean));
  // The phase running now: today's communes and units.
  await page.waitForFunction(() => [...document.querySelectorAll('#plan-location option')].some((o) => o.value === 'c-tanmai'));
  assert.deepEqual(await options('#plan-unit'), ['u-sdttg']);
  // A yearly plan for 2024, entered late: the communes and the agency of 2024.
  await page.fill('#plan-phase', '2021-2025');
  await page.fill('#plan-year', '2024');
  await page.waitForFunction(() => [...document.querySelectorAll('#plan-location option')].some((o) => o.value === 'c-paco'));
  assert.deepEqual((await options('#plan-location')).sort(), ['c-hangkia', 'c-paco', 'v-sang']);
  assert.deepEqual(await options('#plan-unit'), ['u-bdt']);
  await openApp(page, server.url, '#/models');
  await page.fill('#model-started-on', '15/04/2023');
  await page.waitForFunction(() => [...document.querySelectorAll('#model-location option')].some((o) => o.value === 'c-paco'));
  assert.ok(!(await options('#model-location')).includes('c-tanmai'));
  assert.deepEqual(problems, []);
  await ctx.close();
});
