// Durable localStorage: reload, full quota, two tabs, unreadable data set aside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDir, launchBrowser, newPage, openApp, screenshot, kpi, fillQuota } from './harness.mjs';
import { validateBundle, describeErrors } from './schema.mjs';

const SMALL = readFileSync('tests/fixtures/bundles/small.json', 'utf8');
// sums of tests/fixtures/bundles/small.json
const CASH = 62_000_000;
const IN_KIND = 13_000_000;

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

const waitKpi = (page, name, value) =>
  page.waitForFunction(
    ([n, v]) => document.querySelector(`[data-testid="kpi-${n}"]`)?.dataset.value === String(v),
    [name, value],
  );
const call = (page, fn, ...args) => page.evaluate(([f, a]) => window.wasmBindings[f](...a), [fn, args]);
// every key the app wrote, as one comparable value
const stored = (page) =>
  page.evaluate(() =>
    JSON.stringify(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('donghanh.'))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );

test('data survives a reload, compactly stored', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  assert.equal(await kpi(page, 'activities'), 0);
  assert.equal(await call(page, 'debug_load_bundle', SMALL), 13);
  await waitKpi(page, 'cash', CASH);
  const items = JSON.parse(await stored(page));
  assert.ok(items.some(([k, v]) => k === 'donghanh.data' && v.startsWith('DH2|')), 'an index');
  assert.ok(items.filter(([k]) => k.startsWith('donghanh.data.')).every(([, v]) => /^DC2\|[0-9a-f]{8}\|/.test(v)), 'packed chunks with their checksum');
  const chars = items.reduce((n, [k, v]) => n + k.length + v.length, 0);
  assert.ok(chars < SMALL.length, `stored ${chars} chars for a ${SMALL.length}-char bundle`);
  await page.reload();
  await page.waitForSelector('[data-testid="page-overview"]');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.equal(await kpi(page, 'in-kind'), IN_KIND);
  assert.equal(await kpi(page, 'activities'), 4);
  assert.equal(await kpi(page, 'households'), 121);
  assert.equal(await kpi(page, 'units'), 2);
  assert.equal(await kpi(page, 'communes'), 2);
  assert.match(await page.textContent('[data-testid="kpi-cash"]'), /62 triệu đồng/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a full quota keeps the last good state, shows the banner and loses nothing', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await call(page, 'debug_load_bundle', SMALL);
  await waitKpi(page, 'cash', CASH);
  const good = await stored(page);
  await fillQuota(page);
  await call(page, 'debug_edit', 'activity', 'a-1', 'cash_vnd', '11000000');
  await page.waitForSelector('[data-testid="storage-full"]');
  await waitKpi(page, 'cash', CASH + 1_000_000); // the edit is kept in this page
  assert.equal(await call(page, 'debug_unsaved'), true);
  assert.equal(await stored(page), good, 'stored copy untouched');
  await screenshot(page, 'storage-full');
  // "export a bundle now" saves the unsaved edit in a file
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-now"]')]);
  assert.match(download.suggestedFilename(), /^donghanh-toan-tinh-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const valid = validateBundle(text);
  assert.ok(valid.ok, describeErrors(valid.errors));
  const exported = JSON.parse(text);
  assert.equal(exported.format, 'donghanh-bundle');
  assert.equal(exported.records.activities.find((a) => a.id === 'a-1').cash_vnd, 11_000_000);
  // the last good state is what another page reads
  const other = await ctx.newPage();
  await openApp(other, server.url);
  assert.equal(await kpi(other, 'cash'), CASH);
  await other.close();
  // room again: "try again" writes everything
  await page.evaluate(() => localStorage.removeItem('filler'));
  await page.click('[data-testid="retry-save"]');
  await page.waitForSelector('[data-testid="storage-full"]', { state: 'detached' });
  assert.equal(await call(page, 'debug_unsaved'), false);
  await page.reload();
  await page.waitForSelector('[data-testid="page-overview"]');
  assert.equal(await kpi(page, 'cash'), CASH + 1_000_000);
  // only the quota error itself reached the console, if anything
  assert.deepEqual(problems.filter((p) => !/quota/i.test(p)), []);
  await ctx.close();
});

test('two pages editing different records both survive', async () => {
  const { ctx, page: a, problems } = await newPage(browser);
  await openApp(a, server.url);
  await call(a, 'debug_load_bundle', SMALL);
  await waitKpi(a, 'cash', CASH);
  const b = await ctx.newPage();
  await openApp(b, server.url);
  assert.equal(await kpi(b, 'cash'), CASH);
  await call(a, 'debug_edit', 'activity', 'a-1', 'cash_vnd', '10000001');
  await call(b, 'debug_edit', 'activity', 'a-4', 'cash_vnd', '2000002');
  // each page ends up with both edits, through the storage event
  await waitKpi(a, 'cash', CASH + 3);
  await waitKpi(b, 'cash', CASH + 3);
  const c = await ctx.newPage();
  await openApp(c, server.url);
  assert.equal(await kpi(c, 'cash'), CASH + 3);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the same record edited in two pages: the higher rev wins, both pages show it, the page whose edit lost says so', async () => {
  const { ctx, page: a, problems } = await newPage(browser);
  await openApp(a, server.url);
  await call(a, 'debug_load_bundle', SMALL);
  await waitKpi(a, 'cash', CASH);
  const b = await ctx.newPage();
  // let the test hold back b's storage events, as if b had not heard of a's edits yet
  await b.addInitScript(() => {
    const add = window.addEventListener.bind(window);
    window.__paused = false;
    window.addEventListener = (type, fn, opts) =>
      add(type, type === 'storage' ? (e) => { if (!window.__paused) fn(e); } : fn, opts);
  });
  await openApp(b, server.url);
  await b.evaluate(() => { window.__paused = true; });
  // a edits a-2 twice (rev 3); b edits it once (rev 2) without having seen a's edits
  assert.equal(await call(a, 'debug_edit', 'activity', 'a-2', 'cash_vnd', '40000000'), 2);
  assert.equal(await call(a, 'debug_edit', 'activity', 'a-2', 'cash_vnd', '45000000'), 3);
  assert.equal(await call(b, 'debug_edit', 'activity', 'a-2', 'cash_vnd', '99000000'), 2);
  // b's save found a newer copy stored and took it instead of overwriting it
  await waitKpi(b, 'cash', CASH - 5_000_000);
  await waitKpi(a, 'cash', CASH - 5_000_000);
  assert.equal(JSON.parse(await call(b, 'debug_get', 'activity', 'a-2')).rev, 3);
  // and b says so: its edit was built on a copy a had moved past, so it lost to a's
  const banner = b.getByTestId('storage-conflicts');
  await banner.waitFor();
  const items = await banner.getByTestId('storage-conflict').allInnerTexts();
  assert.equal(items.length, 1, items.join(' | '));
  assert.match(items[0], /Xây nhà Đại đoàn kết/);
  assert.match(items[0], /45\.000\.000 đ — giữ bản của tab khác/);
  await screenshot(b, 'storage-conflict-stale-edit');
  await b.setViewportSize({ width: 390, height: 844 });
  await screenshot(b, 'storage-conflict-stale-edit-390');
  // a, whose edits won, has nothing to be told
  assert.equal(await a.getByTestId('storage-conflicts').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('unreadable stored data is moved aside, downloadable, and deleted only on request', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await page.goto(server.url);
  await page.evaluate(() => localStorage.setItem('donghanh.data', 'DH1|x|this is not what the app wrote'));
  await page.reload();
  await page.waitForSelector('[data-testid="storage-unreadable"]');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  const aside = keys.find((k) => k.startsWith('donghanh.unreadable.'));
  assert.ok(aside, `moved aside: ${keys}`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside), 'DH1|x|this is not what the app wrote');
  assert.doesNotMatch(String(await page.evaluate(() => localStorage.getItem('donghanh.data'))), /not what/);
  await screenshot(page, 'storage-unreadable');
  assert.equal(await page.isDisabled('[data-testid="unreadable-delete"]'), true, 'delete only after download');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="unreadable-download"]')]);
  const path = await download.path();
  assert.equal(readFileSync(path, 'utf8'), 'DH1|x|this is not what the app wrote');
  // the app still works: new data is saved under the data key
  await call(page, 'debug_load_bundle', SMALL);
  await waitKpi(page, 'cash', CASH);
  await page.click('[data-testid="unreadable-delete"]');
  await page.waitForSelector('[data-testid="storage-unreadable"]', { state: 'detached' });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside), null);
  await page.reload();
  await page.waitForSelector('[data-testid="page-overview"]');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a browser that blocks storage gets a message in both languages, not a crash', async () => {
  const { ctx, page, problems } = await newPage(browser);
  // First a page with data, so that the blocked page can be shown to change nothing.
  await openApp(page, server.url);
  await call(page, 'debug_load_bundle', SMALL);
  await waitKpi(page, 'cash', CASH);
  const before = await stored(page);
  // What Chromium does when site data is blocked: reading `localStorage` throws.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await page.reload();
  await page.waitForSelector('[data-testid="storage-unavailable"]');
  const text = await page.textContent('[data-testid="storage-unavailable"]');
  assert.match(text, /Trình duyệt đang chặn bộ nhớ/);
  assert.match(text, /This browser blocks storage/);
  assert.match(text, /SecurityError|Access is denied/, text);
  assert.equal(await page.$('[data-testid="panic-banner"]'), null, 'no panic');
  await screenshot(page, 'storage-unavailable');
  assert.deepEqual(problems, []);
  // Allowed again: everything is still there.
  const other = await ctx.newPage();
  await openApp(other, server.url);
  assert.equal(await kpi(other, 'cash'), CASH);
  assert.equal(await stored(other), before);
  await ctx.close();
});

test('stored data that is gone is announced, kept in the index, and comes back with a bundle', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await call(page, 'debug_load_bundle', SMALL);
  await waitKpi(page, 'cash', CASH);
  // Another program removes the chunk of one unit's activities (not the directory).
  const removed = await page.evaluate(() => {
    const manifest = JSON.parse(localStorage.getItem('donghanh.data').split('|').slice(2).join('|'));
    const [group, chunk] = Object.entries(manifest.chunks).find(([g]) => g.startsWith('a'));
    localStorage.removeItem(chunk.key);
    return group;
  });
  await page.reload();
  await page.waitForSelector('[data-testid="storage-missing"]');
  assert.match(await page.textContent('[data-testid="storage-missing"]'), /Hoạt động của đơn vị: (Kho bạc|Công an)/);
  assert.ok((await kpi(page, 'cash')) < CASH, 'those records are not shown');
  await screenshot(page, 'storage-missing');
  // An edit elsewhere and a reload: still announced (the group is not forgotten).
  await page.reload();
  await page.waitForSelector('[data-testid="storage-missing"]');
  // The last exported bundle brings the records back and the notice goes.
  await page.click('[data-testid="missing-import"]');
  await page.waitForSelector('[data-testid="import-input"]');
  await page.setInputFiles('[data-testid="import-input"]', 'tests/fixtures/bundles/small.json');
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.waitForSelector('[data-testid="storage-missing"]', { state: 'detached' });
  await openApp(page, server.url);
  assert.equal(await kpi(page, 'cash'), CASH);
  await page.reload();
  await page.waitForSelector('[data-testid="page-overview"]');
  assert.equal(await page.$('[data-testid="storage-missing"]'), null, `group ${removed} restored`);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('one damaged character in a stored chunk is caught by its checksum and set aside', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await call(page, 'debug_load_bundle', SMALL);
  await waitKpi(page, 'cash', CASH);
  const damaged = await page.evaluate(() => {
    const manifest = JSON.parse(localStorage.getItem('donghanh.data').split('|').slice(2).join('|'));
    const key = manifest.chunks.dir.key;
    const text = localStorage.getItem(key);
    // flip one bit of a character in the middle of the packed data
    const i = Math.floor(text.length / 2);
    const damaged = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
    localStorage.setItem(key, damaged);
    return { key, damaged };
  });
  assert.match(damaged.damaged, /^DC2\|[0-9a-f]{8}\|/);
  await page.reload();
  await page.waitForSelector('[data-testid="storage-unreadable"]');
  assert.match(await page.textContent('[data-testid="storage-unreadable"]'), new RegExp(damaged.key.replace(/\./g, '\\.')));
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), damaged.key), damaged.damaged, 'kept as it is');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a backup is offered after 14 days without an export once data changed; dismissable; Settings shows storage', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  const backup = () => page.evaluate(() => JSON.parse(localStorage.getItem('donghanh.backup') ?? 'null'));
  const setBackup = (b) => page.evaluate((v) => localStorage.setItem('donghanh.backup', JSON.stringify(v)), b);
  const daysAgo = (d) => new Date(Date.now() - d * 86_400_000).toISOString();
  assert.equal(await backup(), null, 'nothing changed yet');
  assert.equal(await call(page, 'debug_load_bundle', SMALL), 13);
  await waitKpi(page, 'cash', CASH);
  const first = await backup();
  assert.ok(first.changed_since, 'the change is noted');
  assert.equal(await page.isVisible('[data-testid="backup-reminder"]'), false, 'not before 14 days');

  // Never exported, first change 15 days ago: offered.
  await setBackup({ changed_since: daysAgo(15) });
  await page.reload();
  await page.waitForSelector('[data-testid="backup-reminder"]');
  assert.match(await page.textContent('[data-testid="backup-reminder"]'), /chưa từng được xuất/);
  await screenshot(page, 'backup-reminder');
  // The page still works under it: not blocking.
  await page.click('nav a[href="#/activities"]');
  await page.waitForSelector('main [data-testid="page-activities"]');
  await page.click('[data-testid="backup-dismiss"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="backup-reminder"]'));
  await page.reload();
  await page.waitForSelector('main [data-testid="page-activities"]');
  assert.equal(await page.isVisible('[data-testid="backup-reminder"]'), false, 'dismissed for a day');

  // Exported 20 days ago, changed since: offered; "Sao lưu ngay" downloads the whole data.
  await setBackup({ last_export: daysAgo(20), changed_since: daysAgo(2) });
  await page.reload();
  await page.waitForSelector('[data-testid="backup-reminder"]');
  assert.match(await page.textContent('[data-testid="backup-reminder"]'), /cách đây 20 ngày/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="backup-now"]')]);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(validateBundle(text).ok);
  assert.equal(JSON.parse(text).records.activities.length, 4);
  await page.waitForFunction(() => !document.querySelector('[data-testid="backup-reminder"]'));
  const after = await backup();
  assert.equal(after.changed_since, null);
  assert.ok(Date.now() - Date.parse(after.last_export) < 60_000);
  await page.reload();
  await page.waitForSelector('main [data-testid="page-activities"]');
  assert.equal(await page.isVisible('[data-testid="backup-reminder"]'), false);

  // Settings: persistence asked and answered, the space used, the last export.
  await openApp(page, server.url, '#/settings');
  await page.waitForSelector('[data-testid="settings-storage"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="settings-persisted"]')?.dataset.value !== 'unknown');
  const persisted = await page.getAttribute('[data-testid="settings-persisted"]', 'data-value');
  const granted = await page.evaluate(() => navigator.storage.persisted());
  assert.equal(persisted, granted ? 'yes' : 'no', 'what the browser says');
  const used = Number(await page.getAttribute('[data-testid="settings-used"]', 'data-value'));
  const chars = await page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0));
  assert.equal(used, chars);
  assert.match(await page.textContent('[data-testid="settings-used"]'), /[KM]B trên khoảng 5 MB/);
  await page.waitForSelector('[data-testid="settings-quota"]');
  assert.match(await page.textContent('[data-testid="settings-last-export"]'), /\(0 ngày trước\)/);
  await screenshot(page, 'settings-storage', { fullPage: true });
  assert.deepEqual(problems, []);
  await ctx.close();
});
