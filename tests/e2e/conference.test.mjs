// Conference-ready: the first-run welcome and the demo workspace, presentation mode, offline
// after one visit (service worker) with an update notice, the one-file edition from file://,
// and the Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync, cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveDir, launchBrowser, newPage, openApp, screenshot, DIST, kpi } from './harness.mjs';

const SMALL = 'tests/fixtures/bundles/small.json';
const SINGLE = resolve('dist-single/donghanh.html');
const demo = JSON.parse(readFileSync('public/demo.json', 'utf8')).records;
const sum = (field) => demo.activities.reduce((s, a) => s + (a[field] ?? 0), 0);

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

const realData = (page) =>
  page.evaluate(() =>
    JSON.stringify(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('donghanh.data'))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );
const demoKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('donghanh.demo')));

async function importFile(page, path) {
  await page.goto(page.url().replace(/#.*$/, '') + '#/import');
  await page.waitForSelector('[data-testid="import-input"]', { state: 'attached' });
  await page.setInputFiles('[data-testid="import-input"]', path);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
}

async function demoFigures(page) {
  await page.waitForSelector('[data-testid="demo-banner"]');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="kpi-activities"]')?.dataset.value) === n,
    demo.activities.length,
    { timeout: 20000 },
  );
  assert.equal(await kpi(page, 'cash'), sum('cash_vnd'));
  assert.equal(await kpi(page, 'in-kind'), sum('in_kind_vnd'));
  assert.equal(await kpi(page, 'households'), sum('households'));
  assert.equal(await kpi(page, 'units'), new Set(demo.activities.map((a) => a.unit_id)).size);
}

test('first run welcomes; the demo fills the overview with the demo bundle; leaving it returns', async () => {
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openApp(page, server.url);
  await page.waitForSelector('[data-testid="welcome"]');
  for (const choice of ['welcome-empty', 'welcome-demo', 'welcome-demo-2023', 'welcome-import']) {
    assert.ok(await page.isVisible(`[data-testid="${choice}"]`), choice);
  }
  await screenshot(page, 'welcome-1920x1080');
  await page.click('[data-testid="welcome-demo"]');
  await demoFigures(page);
  assert.match(await page.textContent('[data-testid="demo-banner"]'), /DỮ LIỆU MẪU/);
  assert.ok((await demoKeys(page)).length > 0);
  assert.equal(await realData(page), '[]', 'the demo is not written into the real workspace');
  await screenshot(page, 'demo-overview-1920x1080');

  await page.click('[data-testid="demo-exit"]');
  await page.waitForSelector('main [data-testid="page-overview"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="demo-banner"]'));
  assert.equal(await kpi(page, 'activities'), 0);
  assert.deepEqual(await demoKeys(page), []);
  assert.equal(await page.isVisible('[data-testid="welcome"]'), false, 'the welcome was answered');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the welcome offers to start empty or to import, and does not come back', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await page.click('[data-testid="welcome-empty"]');
  await page.waitForSelector('main [data-testid="page-directory"]');
  await page.goto(server.url + '#/');
  await page.waitForSelector('main [data-testid="page-overview"]');
  assert.equal(await page.isVisible('[data-testid="welcome"]'), false);
  const { ctx: ctx2, page: page2 } = await newPage(browser);
  await openApp(page2, server.url);
  await page2.click('[data-testid="welcome-import"]');
  await page2.waitForSelector('main [data-testid="page-import"]');
  await ctx2.close();
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('real data stays untouched while the demo is open and edited', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await importFile(page, SMALL);
  await page.goto(server.url + '#/');
  const activities = await kpi(page, 'activities');
  const before = await realData(page);
  assert.ok(activities > 0);

  await page.goto(server.url + '#/settings');
  await page.selectOption('#settings-unit-id', { index: 1 });
  await page.click('[data-testid="settings-save"]');
  const settingsBefore = JSON.parse(await page.evaluate(() => localStorage.getItem('donghanh.settings')));
  assert.ok(settingsBefore.unit_id);
  await page.click('[data-testid="settings-demo"]');
  await demoFigures(page);
  // Settings chosen in the demo stay in the demo.
  await page.goto(server.url + '#/settings');
  await page.selectOption('#settings-unit-id', { index: 1 });
  await page.click('[data-testid="settings-save"]');
  await page.goto(server.url + '#/');
  await page.waitForSelector('[data-testid="working-for"]');
  // An edit in the demo, through the app's own save path, stays in the demo.
  const first = demo.activities[0];
  await page.evaluate((id) => window.wasmBindings.debug_edit('activity', id, 'cash_vnd', '1'), first.id);
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="kpi-cash"]')?.dataset.value) === n,
    sum('cash_vnd') - first.cash_vnd + 1,
  );
  await page.click('[data-testid="demo-exit"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="demo-banner"]'));
  await page.waitForSelector('[data-testid="kpi-activities"]');
  assert.equal(await kpi(page, 'activities'), activities);
  assert.equal(await realData(page), before);
  assert.deepEqual(await demoKeys(page), []);
  const settingsAfter = JSON.parse(await page.evaluate(() => localStorage.getItem('donghanh.settings')));
  assert.deepEqual(settingsAfter, { ...settingsBefore, welcomed: true });
  assert.equal(await page.evaluate(() => localStorage.getItem('donghanh.settings.real')), null);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the 2023 sample: Hòa Bình before the reform; switching samples and leaving brings back the real data and settings', async () => {
  const seed = JSON.parse(readFileSync('public/demo-2023.json', 'utf8')).records;
  const seedSum = (field) => seed.activities.reduce((s, a) => s + (a[field] ?? 0), 0);
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 1366, height: 768 } });
  await openApp(page, server.url);
  await page.waitForSelector('[data-testid="welcome-demo-2023"]');
  await page.click('[data-testid="welcome-demo-2023"]');
  await page.waitForSelector('[data-testid="demo-banner"]');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="kpi-activities"]')?.dataset.value) === n,
    seed.activities.length,
  );
  assert.equal(await kpi(page, 'cash'), seedSum('cash_vnd'));
  assert.match(await page.textContent('[data-testid="demo-banner"]'), /Hòa Bình 2021–2023/);
  assert.ok(seed.activities.every((a) => a.date < '2024'));
  await screenshot(page, 'demo-2023-overview-1366x768');
  // The summary of this sample has no map choice: nothing in it was reformed.
  await page.goto(server.url + '#/reports?tab=summary');
  await page.waitForSelector('#summary-narrative');
  assert.equal(await page.$('[data-testid="summary-map"]'), null);
  assert.match(await page.textContent('main'), /Hòa Bình/);

  // To today's sample and out: neither sample is left behind, the welcome stays answered.
  await page.click('[data-testid="demo-switch"]');
  await demoFigures(page);
  assert.match(await page.textContent('[data-testid="demo-banner"]'), /Phú Thọ/);
  assert.deepEqual(
    (await demoKeys(page)).filter((k) => k.startsWith('donghanh.demo-2023')),
    [],
    'the sample left is dropped',
  );
  await page.click('[data-testid="demo-switch"]');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="kpi-activities"]')?.dataset.value) === n,
    seed.activities.length,
  );
  await page.click('[data-testid="demo-exit"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="demo-banner"]'));
  assert.equal(await kpi(page, 'activities'), 0);
  assert.deepEqual(await demoKeys(page), []);
  assert.equal(await page.evaluate(() => localStorage.getItem('donghanh.settings.real')), null);
  const settings = JSON.parse(await page.evaluate(() => localStorage.getItem('donghanh.settings')));
  assert.equal(settings.workspace, '');
  assert.equal(settings.welcomed, true);
  assert.equal(await page.isVisible('[data-testid="welcome"]'), false);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('presentation mode: keys and clicks move, A auto-advances, Esc exits (1920×1080)', async () => {
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openApp(page, server.url, '#/present');
  await page.waitForSelector('[data-testid="present-empty"]');
  await page.goto(server.url + '#/settings');
  await page.click('[data-testid="settings-demo"]');
  await demoFigures(page);
  await page.click('[data-testid="nav-present"]');
  const slide = async () => Number(await page.getAttribute('[data-testid="present-slide"]', 'data-index'));
  const at = (i) => page.waitForSelector(`[data-testid="present-slide"][data-index="${i}"]`);
  await at(0);
  assert.equal(await page.textContent('[data-testid="present-counter"]'), '1 / 6');
  assert.equal(Number(await page.getAttribute('[data-testid="present-total"]', 'data-value')), sum('cash_vnd') + sum('in_kind_vnd'));
  const names = [];
  for (let i = 0; i < 6; i++) {
    await at(i);
    names.push(await page.getAttribute('[data-testid="present-slide"]', 'data-slide'));
    await screenshot(page, `present-${i + 1}-${names[i]}-1920x1080`);
    await page.keyboard.press(i % 2 ? ' ' : 'ArrowRight');
  }
  assert.deepEqual(names, ['headline', 'by-year', 'by-category', 'models', 'map', 'units']);
  await at(5); // the last slide stays
  await page.keyboard.press('ArrowLeft');
  await at(4);
  await page.keyboard.press('Home');
  await at(0);
  await page.click('[data-testid="present-slide"]');
  await at(1);
  await page.click('[data-testid="present-prev"]');
  await at(0);
  assert.equal(await page.locator('[data-testid="present-commune"]').count(), 0);
  await page.keyboard.press('End');
  await at(5);
  assert.ok((await page.locator('[data-testid="present-unit"]').count()) > 0);
  await page.keyboard.press('a');
  assert.equal(await page.getAttribute('[data-testid="present-auto"]', 'aria-pressed'), 'true');
  await page.keyboard.press('a');
  assert.equal(await page.getAttribute('[data-testid="present-auto"]', 'aria-pressed'), 'false');
  assert.equal(await slide(), 5);
  await page.keyboard.press('Escape');
  await page.waitForSelector('main [data-testid="page-overview"]');

  // Auto-advance every 2 s, looping past the last slide.
  await page.goto(server.url + '#/present?every=2');
  await at(0);
  assert.equal(await page.getAttribute('[data-testid="present-auto"]', 'aria-pressed'), 'true');
  await page.waitForSelector('[data-testid="present-slide"][data-index="1"]', { timeout: 5000 });
  await page.keyboard.press('End');
  await page.waitForSelector('[data-testid="present-slide"][data-index="0"]', { timeout: 5000 });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('slides take a period, a scope and a map like the reports; labels never cut; the headline fills its slide (1366×768, 1920×1080)', async () => {
  const parent = new Map(demo.locations.map((l) => [l.id, l.parent_id]));
  const within = (id, area) => {
    for (let at = id; at; at = parent.get(at)) if (at === area) return true;
    return false;
  };
  const total = (list) => list.reduce((s, a) => s + a.cash_vnd + a.in_kind_vnd, 0);
  const phase = demo.activities.filter((a) => a.date >= '2021' && a.date < '2026');
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    const { ctx, page, problems } = await newPage(browser, { viewport: { width, height } });
    await openApp(page, server.url, '#/settings');
    await page.click('[data-testid="settings-demo"]');
    await demoFigures(page);
    await page.goto(server.url + '#/present');
    const at = (i) => page.waitForSelector(`[data-testid="present-slide"][data-index="${i}"]`);
    const shown = () => page.getAttribute('[data-testid="present-total"]', 'data-value').then(Number);
    await at(0);
    assert.equal(await shown(), sum('cash_vnd') + sum('in_kind_vnd'));
    await page.selectOption('[data-testid="present-period"]', '2021-2025');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="present-total"]')?.dataset.value) === n, total(phase));
    assert.match(await page.textContent('[data-testid="present-period-label"]'), /Giai đoạn 2021-2025 · Toàn tỉnh/);
    // The headline uses its slide: its figures span most of the height between title and bar.
    const fill = await page.evaluate(() => {
      const body = document.querySelector('.slide-body').getBoundingClientRect();
      const kids = [...document.querySelector('.slide-body').children].map((c) => c.getBoundingClientRect());
      return (kids[kids.length - 1].bottom - kids[0].top) / body.height;
    });
    assert.ok(fill > 0.7, `the headline covers ${(fill * 100).toFixed(0)} % of its slide`);
    await screenshot(page, `present-period-headline-${width}x${height}`);
    // Categories: every label whole, inside the chart.
    await page.click('[data-testid="present-next"]');
    await page.click('[data-testid="present-next"]');
    await at(2);
    const labels = await page.$$eval('[data-testid="present-chart-category"] text.chart-label', (ts) =>
      ts.map((t) => ({ text: [...t.querySelectorAll('tspan')].map((l) => l.textContent).join(' '), x: t.getBBox().x })),
    );
    assert.ok(labels.length > 5);
    for (const l of labels) {
      assert.ok(!l.text.includes('…'), l.text);
      assert.ok(l.x >= 0, `${l.text} starts at ${l.x}`);
    }
    assert.ok(labels.some((l) => l.text.includes('tảo hôn, bạo lực gia đình')), 'the longest category whole');
    await screenshot(page, `present-categories-${width}x${height}`);
    // Today's map: merged communes under their successor, no dissolved district.
    await page.click('[data-testid="present-next"]');
    await page.click('[data-testid="present-next"]');
    await at(4);
    const tiles = () => page.$$eval('[data-testid="present-commune"] strong', (s) => s.map((x) => x.textContent));
    assert.ok(!(await tiles()).includes('Hang Kia'));
    assert.match(await page.textContent('[data-testid="present-commune"]:has-text("Pà Cò")'), /gồm Cun Pheo, Hang Kia, Pà Cò/);
    assert.equal(await page.$('.slide-map h3'), null);
    await screenshot(page, `present-map-today-${width}x${height}`);
    await page.selectOption('[data-testid="present-map"]', 'period');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="present-commune"] strong')].some((s) => s.textContent === 'Hang Kia'));
    // A scope: the old district of Mai Châu in 2023, on the map of the time.
    const maiChau = demo.locations.find((l) => l.level === 'district' && l.name === 'Mai Châu');
    await page.selectOption('[data-testid="present-period"]', '2023');
    await page.selectOption('[data-testid="present-scope"]', maiChau.id);
    const mine = demo.activities.filter((a) => a.date.startsWith('2023') && within(a.location_id, maiChau.id));
    await at(0);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="present-total"]')?.dataset.value) === n, total(mine));
    assert.match(await page.textContent('[data-testid="present-period-label"]'), /Mai Châu/);
    assert.deepEqual(problems, []);
    await ctx.close();
  }
});

test('a phone (390×844): no screen is wider than the phone, and every list button is on screen', async () => {
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await openApp(page, server.url, '#/settings');
  await page.click('[data-testid="settings-demo"]');
  await demoFigures(page);
  for (const hash of ['#/', '#/directory', '#/directory?tab=units', '#/directory?tab=assignments', '#/plans', '#/activities', '#/models', '#/reports?tab=summary', '#/reports?tab=unit', '#/import', '#/export', '#/settings']) {
    await page.goto(server.url + hash);
    await page.waitForSelector('main [data-testid^="page-"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="screen-loading"]'));
    const seen = await page.evaluate(() => ({
      width: document.scrollingElement.scrollWidth,
      off: [...document.querySelectorAll('main tbody button, main .row-actions button, main .card button')]
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && (r.left < 0 || r.right > innerWidth);
        })
        .map((b) => b.dataset.testid ?? b.textContent),
      // A finger's target (issue 29.9): every visible control at least 44 px tall.
      small: [...document.querySelectorAll('main button, main select, main .button-link')]
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && r.height < 43.5;
        })
        .map((b) => `${b.dataset.testid ?? b.textContent.trim().slice(0, 30)} (${Math.round(b.getBoundingClientRect().height)} px)`),
    }));
    assert.ok(seen.width <= 390, `${hash} is ${seen.width} px wide`);
    assert.deepEqual(seen.small, [], `${hash}: controls under 44 px`);
    assert.deepEqual(seen.off, [], `${hash}: buttons off screen`);
  }
  await page.goto(server.url + '#/activities');
  await page.waitForSelector('[data-testid="activity-row"]');
  await page.locator('[data-testid="activity-table"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-activities-390x844');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('after one visit the app opens with no network, with its data', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'donghanh-offline-'));
  cpSync(DIST, copy, { recursive: true });
  const own = await serveDir(copy);
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, own.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await importFile(page, SMALL);
  await page.goto(own.url + '#/');
  const activities = await kpi(page, 'activities');
  assert.ok(activities > 0);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await own.close();
  await ctx.setOffline(true);
  await page.reload();
  await page.waitForSelector('main [data-testid="page-overview"]');
  assert.equal(await kpi(page, 'activities'), activities);
  await page.goto(own.url + '#/activities');
  await page.waitForSelector('main [data-testid="page-activities"]');
  // Screens never opened online come from the worker's copy of their wasm parts.
  await page.goto(own.url + '#/reports');
  await page.waitForSelector('main [data-testid="page-reports"]');
  await page.goto(own.url + '#/present');
  await page.waitForSelector('[data-testid="present-slide"]');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a new deploy shows an update notice; updating reloads into it', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'donghanh-update-'));
  cpSync(DIST, copy, { recursive: true });
  const own = await serveDir(copy);
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, own.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.equal(await page.isVisible('[data-testid="update-ready"]'), false);

  // "Deploy": the build id changes, in the service worker and in the page.
  deploy(copy);
  await page.reload();
  await page.waitForSelector('[data-testid="update-ready"]', { timeout: 15000 });
  await page.click('[data-testid="update-reload"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="update-ready"]'), null, { timeout: 15000 });
  await page.waitForSelector('main [data-testid="page-overview"]');
  assert.deepEqual(problems, []);
  await ctx.close();
  await own.close();
});

/** A new build in `dir`: the service worker's build id and the page's, both changed. */
function deploy(dir, suffix = 'next') {
  const sw = join(dir, 'sw.js');
  const build = readFileSync(sw, 'utf8').match(/const BUILD = "([0-9a-f]+)"/)[1];
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(`const BUILD = "${build}"`, `const BUILD = "${build}-${suffix}"`));
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace(`content="${build}"`, `content="${build}-${suffix}"`));
  return `${build}-${suffix}`;
}

/** A server for `dir` that can be made to fail: `mode.now` is 'ok', '500', '404' or 'portal'. */
async function failingServer(dir) {
  const mode = { now: 'ok' };
  const files = await serveDir(dir);
  const server = http.createServer((req, res) => {
    if (mode.now === '500') return res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Internal Server Error</h1>');
    if (mode.now === '404') return res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Not Found</h1>');
    if (mode.now === 'portal') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Wi-Fi khách: đăng nhập</h1>');
    // Pass the request on to the plain file server.
    const upstream = http.request(files.url.replace(/\/$/, '') + req.url, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    mode,
    close: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await files.close();
    },
  };
}

test('the offline copy is only ever a working copy of this build: not a 404, a 500 or a portal page', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'donghanh-sw-'));
  cpSync(DIST, copy, { recursive: true });
  const own = await failingServer(copy);
  const { ctx, page } = await newPage(browser);
  await openApp(page, own.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await importFile(page, SMALL);
  await page.goto(own.url + '#/');
  const activities = await kpi(page, 'activities');
  // The server fails or a captive portal answers: the app still opens, with its data.
  for (const failure of ['500', '404']) {
    own.mode.now = failure;
    await page.reload();
    await page.waitForSelector('main [data-testid="page-overview"]');
    assert.equal(await kpi(page, 'activities'), activities, failure);
  }
  own.mode.now = 'portal';
  await page.reload();
  await page.waitForSelector('text=Wi-Fi khách');
  // None of them replaced the kept copy: offline, the app opens.
  await ctx.setOffline(true);
  await page.reload();
  await page.waitForSelector('main [data-testid="page-overview"]');
  assert.equal(await kpi(page, 'activities'), activities);
  await ctx.setOffline(false);

  // A deploy with a file missing: its worker fails to install, the version in use stays.
  own.mode.now = 'ok';
  deploy(copy, 'broken');
  const part = readdirSync(copy).find((f) => f.startsWith('split_reporting-'));
  rmSync(join(copy, part));
  await page.reload();
  await page.waitForSelector('main [data-testid="page-overview"]');
  await page.waitForTimeout(1500);
  assert.equal(await page.isVisible('[data-testid="update-ready"]'), false, 'no update offered');
  await ctx.setOffline(true);
  await page.goto(own.url + '#/reports');
  await page.waitForSelector('main [data-testid="page-reports"]', { timeout: 15000 });
  await ctx.close();
  await own.close();
});

test('the one-file edition works from file://: import a bundle, reload, the data is there', async () => {
  assert.ok(existsSync(SINGLE), 'run make single');
  const { ctx, page, problems } = await newPage(browser);
  const url = 'file://' + SINGLE;
  await page.goto(url + '#/import');
  await page.waitForSelector('[data-testid="import-input"]', { state: 'attached', timeout: 20000 });
  await page.setInputFiles('[data-testid="import-input"]', SMALL);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.goto(url + '#/');
  await page.reload();
  await page.waitForSelector('[data-testid="kpi-activities"]');
  const small = JSON.parse(readFileSync(SMALL, 'utf8')).records.activities;
  assert.equal(await kpi(page, 'activities'), small.length);
  // Both demos are inside the file too.
  await page.goto(url + '#/settings');
  await page.click('[data-testid="settings-demo"]');
  await demoFigures(page);
  await page.click('[data-testid="demo-switch"]');
  const seed = JSON.parse(readFileSync('public/demo-2023.json', 'utf8')).records;
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="kpi-activities"]')?.dataset.value) === n,
    seed.activities.length,
  );
  await page.click('[data-testid="demo-exit"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="demo-banner"]'));
  await page.waitForSelector('[data-testid="kpi-activities"]');
  assert.equal(await kpi(page, 'activities'), small.length);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /https?:|unsafe-inline/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the Content-Security-Policy is in force: no remote origin, no inline script but the loader', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /https?:|unsafe-inline|\*/);
  const result = await page.evaluate(
    () =>
      new Promise((done) => {
        document.addEventListener('securitypolicyviolation', (e) => done({ blocked: e.violatedDirective, ran: window.__injected === 1 }), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1';
        document.head.appendChild(s);
      }),
  );
  assert.equal(result.ran, false);
  assert.match(result.blocked, /script-src/);
  // The refusal is the one console error expected here.
  assert.equal(problems.length, 1);
  assert.match(problems[0], /Content Security Policy/);
  await ctx.close();
});
