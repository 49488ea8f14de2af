// Bundle exchange through the Import and Export screens: preview, confirm, cancel, refusals,
// conflicts, undo, the log, round trips, URL import and drag-and-drop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDir, launchBrowser, newPage, openApp, screenshot, kpi, fillQuota } from './harness.mjs';
import { validateBundle, describeErrors, canonicalDigest } from './schema.mjs';

const FIX = 'tests/fixtures/bundles';
const SMALL = readFileSync(`${FIX}/small.json`, 'utf8');
const BAD = `${FIX}/bad`;
const CASH = 62_000_000;
const tmp = mkdtempSync(join(tmpdir(), 'donghanh-'));

let server;
let browser;
before(async () => {
  server = await serveDir(undefined, '/', { '/fixtures/': FIX, '/shared/': tmp });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const storage = (page) =>
  page.evaluate(() => JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
const dataOnly = (page) =>
  page.evaluate(() =>
    JSON.stringify(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('donghanh.data') && !k.includes(':'))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );
const count = async (page, name) => Number(await page.textContent(`[data-testid="preview-${name}"]`));
const counts = async (page) => ({
  new: await count(page, 'new'),
  updated: await count(page, 'updated'),
  unchanged: await count(page, 'unchanged'),
  conflicts: await count(page, 'conflicts'),
  invalid: await count(page, 'invalid'),
});

async function pick(page, path) {
  await page.setInputFiles('[data-testid="import-input"]', path);
}
async function pickText(page, name, text) {
  const path = join(tmp, name);
  writeFileSync(path, text);
  await pick(page, path);
}
/** Drop `[name, text]` files on the page at once, as from the file manager. */
const dropFiles = (page, files) =>
  page.evaluate((fs) => {
    const dt = new DataTransfer();
    for (const [name, text] of fs) dt.items.add(new File([text], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, files);
async function importFile(page, path) {
  await openApp(page, server.url, '#/import');
  await pick(page, path);
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
}
const waitKpi = (page, name, value) =>
  page.waitForFunction(
    ([n, v]) => document.querySelector(`[data-testid="kpi-${n}"]`)?.dataset.value === String(v),
    [name, value],
  );
async function exportAll(page) {
  await openApp(page, server.url, '#/export');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-all"]')]);
  const path = join(tmp, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  // Every export is a valid bundle by the published schema (docs/bundle.schema.json).
  const { ok, errors } = validateBundle(text);
  assert.ok(ok, describeErrors(errors));
  return { path, name: download.suggestedFilename(), json: JSON.parse(text) };
}

test('a bundle is previewed, imported on confirm, and counted on the overview', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import');
  const empty = await storage(page);
  await pick(page, `${FIX}/small.json`);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.deepEqual(await counts(page), { new: 13, updated: 0, unchanged: 0, conflicts: 0, invalid: 0 });
  assert.match(await page.textContent('[data-testid="preview-source"]'), /Ban Dân tộc tỉnh Hòa Bình \(tổng hợp\)/);
  assert.equal(await storage(page), empty, 'nothing written before confirming');
  await screenshot(page, 'import-preview');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  assert.equal(await page.locator('[data-testid="import-log-entry"]').count(), 1);
  await page.click('[data-testid="nav-overview"]');
  await page.waitForSelector('[data-testid="page-overview"]');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.equal(await kpi(page, 'activities'), 4);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('cancel changes nothing; importing the same bundle twice changes nothing', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  const once = await dataOnly(page);
  await pick(page, `${FIX}/small.json`);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.deepEqual(await counts(page), { new: 0, updated: 0, unchanged: 13, conflicts: 0, invalid: 0 });
  await page.waitForSelector('[data-testid="preview-nothing"]');
  const before = await storage(page);
  await page.click('[data-testid="import-cancel"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  assert.equal(await storage(page), before, 'cancel: storage byte-identical');
  await pick(page, `${FIX}/small.json`);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  assert.equal(await dataOnly(page), once, 'the second import changed no record');
  assert.deepEqual(problems, []);
  await ctx.close();
});

for (const [file, message] of [
  ['01-not-json.json', /không phải JSON hợp lệ \(lỗi ở dòng 1/],
  ['02-empty.json', /Tệp rỗng/],
  ['03-truncated.json', /bị cắt cụt/],
  ['05-wrong-format.json', /"format" là "excel-export"/],
  ['07-future-schema.json', /phiên bản Đồng Hành mới hơn.*cập nhật ứng dụng/],
  ['09-records-not-object.json', /"records" phải là một đối tượng/],
  ['23-deep-nesting.json', /lồng nhau quá sâu/],
]) {
  test(`a refused file (${file}) shows its message and leaves storage byte-identical`, async () => {
    const { ctx, page, problems } = await newPage(browser);
    await importFile(page, `${FIX}/small.json`);
    const before = await storage(page);
    await pick(page, `${BAD}/${file}`);
    await page.waitForSelector('[data-testid="import-error"]');
    assert.match(await page.textContent('[data-testid="import-error"]'), message);
    assert.equal(await page.$('[data-testid="import-preview"]'), null);
    assert.equal(await storage(page), before);
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

test('a file over 64 MB is refused before it is read', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import');
  const before = await storage(page);
  await pickText(page, 'huge.json', `{"format":"donghanh-bundle","schema":1,"pad":"${'x'.repeat(65 * 1024 * 1024)}"}`);
  await page.waitForSelector('[data-testid="import-error"]');
  assert.match(await page.textContent('[data-testid="import-error"]'), /Tệp quá lớn \(65,0 MB; tối đa 64,0 MB\)/);
  assert.equal(await storage(page), before);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('invalid records are listed with their reasons and skipped; cancel writes nothing', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  const before = await storage(page);
  await pick(page, `${BAD}/17-negative-money.json`);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'invalid'), 1);
  assert.match(await page.textContent('[data-testid="preview-problems"]'), /hoạt động "a-2", trường cash_vnd: không được âm/);
  await page.click('[data-testid="import-cancel"]');
  assert.equal(await storage(page), before);
  // in English too
  await page.click('[data-testid="lang-en"]');
  await pick(page, `${BAD}/20-unknown-category.json`);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.textContent('[data-testid="preview-problems"]'), /activity "a-4", field category: code not in the catalog: "fireworks"/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('HTML and <script> in every text field stay inert text', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import');
  await pick(page, `${BAD}/24-html-everywhere.json`);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.textContent('[data-testid="preview-source"]'), /<script>window.__pwned=1<\/script>/);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.click('[data-testid="nav-overview"]');
  await page.waitForSelector('[data-testid="page-overview"]');
  const options = await page.$$eval('[data-testid="overview-unit"] option', (os) => os.map((o) => o.textContent));
  assert.ok(options.some((o) => o.includes('<img src=x onerror=')), options.join('|'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$('main script, main img, main b'), null);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('round trip: data → export → empty browser → import → identical, unknown fields kept', async () => {
  const { ctx, page, problems } = await newPage(browser);
  const future = JSON.parse(SMALL);
  future.records.activities[3].gps = { lat: 20.66, lon: 104.98 };
  future.records.units[0].website = 'https://kbnn.example.vn';
  await openApp(page, server.url, '#/import');
  await pickText(page, 'future.json', JSON.stringify(future));
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  // make it this browser's own: an edit and a deletion
  await page.evaluate(() => window.wasmBindings.debug_edit('activity', 'a-1', 'cash_vnd', '12345678'));
  await page.evaluate(() => window.wasmBindings.debug_edit('unit', 'u-kbnn', 'name', '"Kho bạc Nhà nước tỉnh Hòa Bình"'));
  const first = await exportAll(page);
  assert.match(first.name, /^donghanh-toan-tinh-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(first.json.records.activities.find((a) => a.id === 'a-1').cash_vnd, 12_345_678);
  assert.deepEqual(first.json.records.activities.find((a) => a.id === 'a-4').gps, { lat: 20.66, lon: 104.98 });
  assert.equal(first.json.records.units.find((u) => u.id === 'u-kbnn').website, 'https://kbnn.example.vn');
  await ctx.close();

  const other = await newPage(browser);
  await importFile(other.page, first.path);
  const second = await exportAll(other.page);
  assert.deepEqual(second.json.records, first.json.records);
  assert.deepEqual(second.json.tombstones, first.json.tombstones);
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.ctx.close();
});

/** Each unit's file of the small sample, exported from a browser that holds it all. */
async function unitFiles() {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  await openApp(page, server.url, '#/export');
  const files = [];
  for (const unit of ['u-kbnn', 'u-police']) {
    await page.selectOption('[data-testid="export-unit"]', unit);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-selected"]')]);
    const path = join(tmp, `${unit}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const { ok, errors } = validateBundle(readFileSync(path, 'utf8'));
    assert.ok(ok, describeErrors(errors));
    files.push({ path, name: download.suggestedFilename() });
  }
  assert.deepEqual(problems, []);
  await ctx.close();
  return files;
}

test('two unit bundles that share the directory merge into the whole', async () => {
  const files = await unitFiles();
  assert.match(files[0].name, /^donghanh-KBNN-/);
  assert.match(files[1].name, /^donghanh-CA-/);
  const other = await newPage(browser);
  await importFile(other.page, files[0].path);
  await importFile(other.page, files[1].path);
  await openApp(other.page, server.url, '#/');
  assert.equal(await kpi(other.page, 'cash'), CASH);
  assert.equal(await kpi(other.page, 'units'), 2);
  assert.deepEqual(other.problems, []);
  await other.ctx.close();
});

test('several files picked at once are previewed together, imported as one and undone as one', async () => {
  const files = await unitFiles();
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import');
  assert.equal(await page.getAttribute('[data-testid="import-input"]', 'multiple'), '');
  await page.setInputFiles('[data-testid="import-input"]', files.map((f) => f.path));
  await page.waitForSelector('[data-testid="import-preview"]');
  const rows = await page.$$eval('[data-testid="preview-file-row"]', (rs) => rs.map((r) => r.innerText));
  assert.equal(rows.length, 2);
  assert.match(rows[0], /KBNN/);
  assert.match(rows[0], /Kho bạc Nhà nước tỉnh/);
  assert.match(rows[1], /Công an tỉnh/);
  assert.match(rows[1], /✓ khớp/);
  assert.match(await page.textContent('[data-testid="preview-file"]'), /KBNN.*, .*CA/);
  // The shared directory travels in both files: it counts once.
  assert.equal(await count(page, 'new'), 13);
  assert.equal(await count(page, 'conflicts'), 0);
  assert.equal(await page.$('[data-testid="preview-foreign"][data-value]:not([data-value="0"])'), null);
  await screenshot(page, 'import-several-files');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  const log = await page.$$eval('[data-testid="import-log-entry"]', (rs) => rs.map((r) => r.innerText));
  assert.equal(log.length, 1, 'one import, one log entry');
  assert.match(log[0], /KBNN.*CA/s);
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.equal(await kpi(page, 'units'), 2);
  await openApp(page, server.url, '#/import');
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'activities'), 0, 'both files undone together');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('dropped files that disagree on a record: the rest imports, only that record is asked about', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import');
  const before = await dataOnly(page);
  const other = JSON.parse(SMALL);
  other.records.activities[0].cash_vnd += 1_000_000;
  delete other.digest;
  await dropFiles(page, [['ban-1.json', SMALL], ['ban-2.json', JSON.stringify(other)]]);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await page.$('[data-testid="import-error"]'), null, 'the batch is not refused whole');
  assert.equal(await page.textContent('[data-testid="preview-clashes"]'), '1');
  const card = await page.textContent('[data-testid="clash"]');
  assert.match(card, /ban-1\.json/);
  assert.match(card, /ban-2\.json/);
  assert.match(card, /Hỗ trợ bằng tiền/);
  const all = await count(page, 'new');
  const records = Object.values(JSON.parse(SMALL).records).reduce((n, list) => n + list.length, 0);
  assert.equal(all, records, 'every record comes, the disputed one with the copy picked');
  // Same edit time: the first file's copy is proposed; the person picks the second's.
  const checked = () => page.$eval('[data-testid="clash"] input:checked', (i) => i.value);
  assert.equal(await checked(), '0');
  await screenshot(page, 'import-clash-1366', { fullPage: true });
  await page.check('[data-testid="clash-pick"][value="1"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="clash"] input:checked')?.value === '1');
  assert.equal(await count(page, 'new'), all);
  await page.waitForFunction(() => document.activeElement?.dataset.clash === '0', null, { timeout: 2000 });
  assert.equal(await dataOnly(page), before, 'nothing stored before confirming');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH + 1_000_000, "the second file's copy was taken");
  // Taking neither leaves the record out and the rest in.
  const fresh = await newPage(browser);
  await openApp(fresh.page, server.url, '#/import');
  await dropFiles(fresh.page, [['ban-1.json', SMALL], ['ban-2.json', JSON.stringify(other)]]);
  await fresh.page.waitForSelector('[data-testid="clash"]');
  await fresh.page.check('[data-testid="clash-none"]');
  await fresh.page.waitForFunction(() => document.querySelector('[data-testid="clash"] input:checked')?.value === 'none');
  assert.equal(await count(fresh.page, 'new'), records - 1);
  await fresh.page.click('[data-testid="import-confirm"]');
  await fresh.page.waitForSelector('[data-testid="import-done"]');
  await openApp(fresh.page, server.url, '#/');
  const first = JSON.parse(SMALL).records.activities[0];
  assert.equal(await kpi(fresh.page, 'cash'), CASH - first.cash_vnd);
  assert.deepEqual(fresh.problems, []);
  await fresh.ctx.close();
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a conflicting pair is shown side by side and resolves both ways', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  const theirs = JSON.parse(SMALL);
  const a1 = theirs.records.activities.find((a) => a.id === 'a-1');
  a1.cash_vnd = 12_000_000;
  a1.updated_at = '2026-03-01T00:00:00Z';
  const conflicting = JSON.stringify(theirs);
  for (const [choice, cash] of [['conflict-local', CASH], ['conflict-incoming', CASH + 2_000_000]]) {
    await openApp(page, server.url, '#/import');
    await pickText(page, 'conflict.json', conflicting);
    await page.waitForSelector('[data-testid="conflict"]');
    assert.equal(await count(page, 'conflicts'), choice === 'conflict-local' ? 1 : 1);
    // In the interface's words: labels, formatted money and dates, the record by what it is.
    const card = await page.textContent('[data-testid="conflict"]');
    assert.match(card, /Hỗ trợ bằng tiền|Tiền mặt/);
    assert.match(card, /10\.000\.000 đ/);
    assert.match(card, /12\.000\.000 đ/);
    assert.match(card, /Sửa lần cuối lúc/);
    assert.match(card, /01\/03\/2026 00:00/);
    assert.match(card, new RegExp(a1.title.replace(/[()]/g, '.')));
    assert.doesNotMatch(card, /cash_vnd|updated_at|_id\b/, 'no raw field name');
    assert.doesNotMatch(card, /\d{4}-\d{2}-\d{2}T/, 'no ISO timestamp');
    assert.doesNotMatch(card, /\ba-1\b/, 'no record id');
    const sender = await page.textContent('[data-testid="preview-source"]');
    assert.doesNotMatch(sender, /\(u-|U-/);
    if (choice === 'conflict-local') {
      for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844]]) {
        await page.setViewportSize({ width, height });
        await page.locator('[data-testid="conflict"]').scrollIntoViewIfNeeded();
        await screenshot(page, `import-conflict-${width}x${height}`);
        // The decision stays in reach: the confirm bar is on screen beside the conflict.
        const bar = await page.locator('[data-testid="import-confirm"]').boundingBox();
        assert.ok(bar && bar.y + bar.height <= height && bar.x + bar.width <= width, `confirm in view at ${width}`);
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    // the later edit (the bundle's) is proposed; "all" buttons set every choice
    assert.equal(await page.isChecked('[data-testid="conflict-incoming"]'), true);
    await page.click('[data-testid="conflicts-all-local"]');
    assert.equal(await page.isChecked('[data-testid="conflict-local"]'), true);
    await page.click('[data-testid="conflicts-all-incoming"]');
    assert.equal(await page.isChecked('[data-testid="conflict-incoming"]'), true);
    await page.check(`[data-testid="${choice}"]`);
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-done"]');
    await openApp(page, server.url, '#/');
    assert.equal(await kpi(page, 'cash'), cash, choice);
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('undo brings back the state before the last import, and the log says so', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  const theirs = JSON.parse(SMALL);
  theirs.records.activities = theirs.records.activities.map((a) => ({ ...a, rev: 2, cash_vnd: a.cash_vnd + 1 }));
  theirs.records.activities.push({ ...theirs.records.activities[0], id: 'a-5', rev: 1, cash_vnd: 1_000_000 });
  await openApp(page, server.url, '#/import');
  await pickText(page, 'update.json', JSON.stringify(theirs));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.deepEqual(await counts(page), { new: 1, updated: 4, unchanged: 9, conflicts: 0, invalid: 0 });
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH + 4 + 1_000_000);
  await openApp(page, server.url, '#/import');
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  assert.match(await page.textContent('[data-testid="import-undone"]'), /5$/);
  const states = await page.$$eval('[data-testid="import-log-entry"]', (rows) => rows.map((r) => r.dataset.undone));
  assert.deepEqual(states, ['true', 'false']);
  assert.equal(await page.$('[data-testid="import-undo"]'), null, 'nothing more to undo');
  await page.reload();
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.equal(await kpi(page, 'activities'), 4);
  // After the reload (same tab) the import can be redone ("Làm lại"), then undone again.
  await openApp(page, server.url, '#/import');
  await page.click('[data-testid="import-redo"]');
  await page.waitForSelector('[data-testid="import-redone"]');
  assert.equal(await page.getAttribute('[data-testid="import-log-entry"]', 'data-undone'), 'false');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH + 4 + 1_000_000);
  // Another tab of the same browser did not import: it offers no undo.
  const other = await ctx.newPage();
  await openApp(other, server.url, '#/import');
  await other.waitForSelector('[data-testid="import-log"]');
  assert.equal(await other.$('[data-testid="import-undo"]'), null, 'only the importing tab undoes');
  await other.close();
  await openApp(page, server.url, '#/import');
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("an undo and a failed import leave another tab's edit in place", async () => {
  const { ctx, page, problems } = await newPage(browser);
  const cashOf = async (p, id) => JSON.parse(await p.evaluate((i) => window.wasmBindings.debug_get('activity', i), id)).cash_vnd;
  await importFile(page, `${FIX}/small.json`);
  const theirs = JSON.parse(SMALL);
  theirs.records.activities = theirs.records.activities.map((a) => ({ ...a, rev: 2, cash_vnd: a.cash_vnd + 1 }));
  await openApp(page, server.url, '#/import');
  await pickText(page, 'two-tabs.json', JSON.stringify(theirs));
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');

  // Another tab edits one of the imported records; this tab undoes the import.
  const other = await ctx.newPage();
  await openApp(other, server.url, '#/');
  await other.evaluate(() => window.wasmBindings.debug_edit('activity', 'a-1', 'cash_vnd', '77000000'));
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.debug_get('activity', 'a-1')).cash_vnd === 77_000_000);
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  assert.match(await page.textContent('[data-testid="import-undone"]'), /3$/, 'the three records still as the import left them');
  for (const p of [page, other]) {
    await p.waitForFunction(() => JSON.parse(window.wasmBindings.debug_get('activity', 'a-2')).cash_vnd % 2 === 0);
    assert.equal(await cashOf(p, 'a-1'), 77_000_000, "the other tab's edit stays");
  }

  // The other tab edits again; this tab's next import fails on a full quota.
  await other.evaluate(() => window.wasmBindings.debug_edit('activity', 'a-2', 'cash_vnd', '55000000'));
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.debug_get('activity', 'a-2')).cash_vnd === 55_000_000);
  const later = JSON.parse(SMALL);
  later.records.activities = later.records.activities.map((a) => ({ ...a, rev: 9, cash_vnd: 1 }));
  // More new text than dropping the undone import's copies frees (text that does not compress).
  let seed = 7;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed.toString(36);
  };
  for (let i = 0; i < 30; i += 1) {
    const description = Array.from({ length: 600 }, word).join(' ');
    later.records.activities.push({ ...later.records.activities[0], id: `big-${i}`, rev: 1, description });
  }
  await openApp(page, server.url, '#/import');
  await pickText(page, 'later.json', JSON.stringify(later));
  await page.waitForSelector('[data-testid="import-preview"]');
  // The stored state: the index and the chunks it names (an earlier import's undo copies may
  // go when a new import takes its own snapshot).
  const named = () =>
    page.evaluate(() => {
      const index = localStorage.getItem('donghanh.data');
      const keys = [...index.matchAll(/"key":"([^"]+)"/g)].map((m) => m[1]);
      return JSON.stringify([index, ...keys.map((k) => localStorage.getItem(k))]);
    });
  const before = await named();
  await fillQuota(page);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-failed"]');
  assert.equal(await named(), before, 'storage as it was');
  assert.equal(await cashOf(page, 'a-2'), 55_000_000, 'this tab shows the stored state, not the failed import');
  // Room again: this tab's next save (an edit of its own) does not carry the failed import.
  await page.evaluate(() => localStorage.removeItem('filler'));
  await page.evaluate(() => window.wasmBindings.debug_edit('activity', 'a-3', 'cash_vnd', '33000000'));
  const third = await ctx.newPage();
  await openApp(third, server.url, '#/');
  assert.equal(await cashOf(third, 'a-2'), 55_000_000);
  assert.equal(await cashOf(third, 'a-1'), 77_000_000);
  assert.equal(await cashOf(third, 'a-3'), 33_000_000);
  assert.equal(await cashOf(third, 'a-4') > 1, true);
  assert.deepEqual(problems.filter((p) => !/quota/i.test(p)), []);
  await ctx.close();
});

test('#/import?url= loads a bundle hosted beside the app; other origins are refused', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import?url=fixtures/small.json');
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'new'), 13);
  assert.equal(await page.textContent('[data-testid="preview-file"]'), 'fixtures/small.json');
  await page.goto(`${server.url}#/import?url=https://example.com/x.json`);
  await page.waitForSelector('[data-testid="import-error"]');
  assert.match(await page.textContent('[data-testid="import-error"]'), /cùng chỗ với ứng dụng/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('#/import?url= followed again fetches the corrected file; a tab before // is refused', async () => {
  const { ctx, page, problems } = await newPage(browser);
  const theirs = JSON.parse(SMALL);
  writeFileSync(join(tmp, 'unit.json'), JSON.stringify(theirs));
  await openApp(page, server.url, '#/import?url=shared/unit.json');
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'new'), 13);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  // The unit corrects its file at the same address and the link is followed again.
  theirs.records.activities[0].cash_vnd += 1;
  theirs.records.activities[0].rev += 1;
  writeFileSync(join(tmp, 'unit.json'), JSON.stringify(theirs));
  await page.evaluate(() => (location.hash = '#/'));
  await page.waitForSelector('[data-testid="page-overview"]');
  await page.evaluate(() => (location.hash = '#/import?url=shared/unit.json'));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'updated'), 1);
  // A switch of language draws the page again without fetching again: the preview stays.
  await page.click('[data-testid="lang-en"]');
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'updated'), 1);
  await page.click('[data-testid="lang-vi"]');
  // A tab before // would leave the site once the browser trims it: refused.
  await page.evaluate(() => (location.hash = '#/import?url=%09//example.com/x.json'));
  await page.waitForSelector('[data-testid="import-error"]');
  assert.match(await page.textContent('[data-testid="import-error"]'), /cùng chỗ với ứng dụng/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a file dropped on the page is imported; switching language keeps the preview', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/import');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'keo-tha.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, SMALL);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await page.textContent('[data-testid="preview-file"]'), 'keo-tha.json');
  await page.click('[data-testid="lang-en"]');
  await page.waitForSelector('[data-testid="import-preview"] h2:has-text("Preview")');
  assert.equal(await count(page, 'new'), 13);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  assert.match(await page.textContent('[data-testid="import-done"]'), /Imported/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('an activity whose plan item is not here is imported with its money, and flagged', async () => {
  const { ctx, page, problems } = await newPage(browser);
  const theirs = JSON.parse(SMALL);
  const a1 = theirs.records.activities.find((a) => a.id === 'a-1');
  a1.plan_item_id = 'i-comes-later';
  theirs.records.plans = [];
  await openApp(page, server.url, '#/import');
  await pickText(page, 'links.json', JSON.stringify(theirs));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'invalid'), 0);
  assert.match(await page.textContent('[data-testid="preview-broken-links"]'), /"a-1".*i-comes-later/);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH, 'every activity and its money counted');
  await openApp(page, server.url, '#/activities');
  const flagged = page.locator('[data-testid="activity-row"][data-id="a-1"] [data-testid="act-link-broken"]');
  assert.equal(await flagged.count(), 1);
  assert.equal(await page.locator('[data-testid="act-link-broken"]').count(), 1, 'only the broken one');
  assert.deepEqual(problems, []);
  await ctx.close();
});


test('an export carries its digest; a file changed after export is flagged and needs a tick', async () => {
  const { ctx, page, problems } = await newPage(browser);
  // A file without a digest (the fixture) is accepted and said so.
  await openApp(page, server.url, '#/import');
  await pick(page, `${FIX}/small.json`);
  await page.waitForSelector('[data-testid="import-digest-none"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  const exported = await exportAll(page);
  assert.equal(exported.json.digest, canonicalDigest(readFileSync(exported.path, 'utf8')), 'the documented canonical form');

  const other = await newPage(browser);
  await openApp(other.page, server.url, '#/import');
  await pick(other.page, exported.path);
  await other.page.waitForSelector('[data-testid="import-digest-ok"]');
  await other.page.click('[data-testid="import-cancel"]');
  // One amount changed by hand: warned, and the confirm waits for the tick.
  const text = readFileSync(exported.path, 'utf8');
  const changed = text.replace('"cash_vnd":50000000', '"cash_vnd":500000000');
  assert.notEqual(changed, text);
  await pickText(other.page, 'changed.json', changed);
  await other.page.waitForSelector('[data-testid="import-digest-warning"]');
  assert.match(await other.page.textContent('[data-testid="import-digest-warning"]'), /Tệp đã bị thay đổi sau khi xuất/);
  assert.equal(await other.page.isDisabled('[data-testid="import-confirm"]'), true);
  await other.page.check('[data-testid="import-digest-accept"]');
  await other.page.waitForSelector('[data-testid="import-confirm"]:not([disabled])');
  await other.page.click('[data-testid="import-confirm"]');
  await other.page.waitForSelector('[data-testid="import-done"]');
  assert.match(await other.page.textContent('[data-testid="import-log-entry"]'), /tệp đã bị thay đổi sau khi xuất/);
  await openApp(other.page, server.url, '#/');
  assert.equal(await kpi(other.page, 'cash'), CASH + 450_000_000);
  // A digest written by Python over the documented form is accepted as matching.
  const bundle = JSON.parse(SMALL);
  const py = spawnSync('python3', ['-c', [
    'import json, hashlib, sys',
    'b = json.load(open(sys.argv[1], encoding="utf-8"))',
    'part = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))',
    'c = "[" + part(b.get("source")) + "," + part(b["records"]) + "," + part(b.get("tombstones", [])) + "]"',
    'b["digest"] = hashlib.sha256(c.encode("utf-8")).hexdigest()',
    'json.dump(b, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)',
  ].join('\n'), `${FIX}/small.json`, join(tmp, 'python.json')], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  assert.ok(bundle.records);
  await openApp(other.page, server.url, '#/import');
  await pick(other.page, join(tmp, 'python.json'));
  await other.page.waitForSelector('[data-testid="import-digest-ok"]');
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.ctx.close();
  await ctx.close();
});

test("the digest is hashed by the browser's SHA-256, and in wasm where the browser offers none: the same words either way", async () => {
  const bundle = JSON.parse(SMALL);
  bundle.source = { unit_id: 'u-police', label: 'Công an tỉnh' };
  delete bundle.digest;
  bundle.digest = canonicalDigest(JSON.stringify(bundle, null, 2));
  const signed = JSON.stringify(bundle, null, 2);
  const changed = signed.replace('"Công an tỉnh"', '"Kho bạc"');
  assert.notEqual(changed, signed);
  // One page counts the browser's digests; the other has no SubtleCrypto (as a page served
  // over plain http from another machine).
  const counted = await newPage(browser);
  await counted.page.addInitScript(() => {
    const digest = SubtleCrypto.prototype.digest;
    window.__digests = 0;
    SubtleCrypto.prototype.digest = function (...args) {
      window.__digests += 1;
      return digest.apply(this, args);
    };
  });
  const bare = await newPage(browser);
  await bare.page.addInitScript(() => {
    Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });
  });
  for (const { page } of [counted, bare]) {
    await openApp(page, server.url, '#/import');
    await pickText(page, 'police.json', signed);
    await page.waitForSelector('[data-testid="import-digest-ok"]');
    await page.click('[data-testid="import-cancel"]');
    await pickText(page, 'relabelled.json', changed);
    await page.waitForSelector('[data-testid="import-digest-warning"]');
    assert.equal(await page.isDisabled('[data-testid="import-confirm"]'), true);
    await page.click('[data-testid="import-cancel"]');
  }
  assert.equal(await counted.page.evaluate(() => window.__digests), 2, 'one browser digest per file');
  assert.equal(await bare.page.evaluate(() => typeof crypto.subtle), 'undefined');
  assert.deepEqual(counted.problems, []);
  assert.deepEqual(bare.problems, []);
  await counted.ctx.close();
  await bare.ctx.close();
});

test("a unit's file that changes another unit's records shows them apart; they apply only when ticked", async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  // The police's file: its own activity changed, the treasury's a-1 deleted and a-2 changed.
  const theirs = JSON.parse(SMALL);
  theirs.source = { unit_id: 'u-police', label: 'Công an tỉnh' };
  const acts = theirs.records.activities;
  const police = acts.find((a) => a.unit_id === 'u-police');
  const a2 = acts.find((a) => a.id === 'a-2');
  theirs.records.activities = [
    { ...police, rev: 2, cash_vnd: police.cash_vnd + 7 },
    { ...a2, rev: 2, cash_vnd: 1 },
  ];
  theirs.tombstones = [{ kind: 'activity', id: 'a-1', rev: 2, updated_at: '2026-11-29T00:00:00Z' }];
  const text = JSON.stringify(theirs);
  for (const accept of [false, true]) {
    await openApp(page, server.url, '#/import');
    await pickText(page, `police-${accept}.json`, text);
    await page.waitForSelector('[data-testid="import-preview"]');
    assert.equal(await page.getAttribute('[data-testid="preview-foreign"]', 'data-value'), '2');
    assert.equal(await count(page, 'deleted'), 1);
    // The second time the police's own change is here already.
    assert.equal(await count(page, 'updated'), accept ? 1 : 2);
    const byUnit = await page.textContent('[data-testid="preview-by-unit"]');
    assert.match(byUnit, /Kho bạc Nhà nước tỉnh/);
    if (!accept) assert.match(byUnit, /Công an tỉnh/);
    if (accept) {
      await page.check('[data-testid="import-accept-foreign"]');
      await screenshot(page, 'import-foreign', { fullPage: true });
    }
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-done"]');
    const refused = await page.getAttribute('[data-testid="import-log-entry"]', 'data-refused');
    assert.equal(refused, accept ? '0' : '2');
    await openApp(page, server.url, '#/');
    // Refused: only the police's own +7. Accepted: a-1 (10,000,000) gone and a-2 at 1 đồng.
    const expected = accept ? CASH + 7 - 10_000_000 - 50_000_000 + 1 : CASH + 7;
    assert.equal(await kpi(page, 'cash'), expected, `accepted: ${accept}`);
    assert.equal(await kpi(page, 'activities'), accept ? 3 : 4);
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a file imported again after its import was undone: all older, nothing to import unless asked, then everything back and counted', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  await openApp(page, server.url, '#/import');
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  // "Làm lại" survives a reload.
  await page.reload();
  await page.waitForSelector('[data-testid="import-redo"]');
  await pick(page, `${FIX}/small.json`);
  await page.waitForSelector('[data-testid="import-preview"]');
  const total = JSON.parse(SMALL);
  const records = Object.values(total.records).reduce((n, list) => n + list.length, 0);
  assert.equal(await count(page, 'older'), records, 'every record of the file, none left out');
  assert.equal(await count(page, 'invalid'), 0);
  assert.match(await page.textContent('[data-testid="preview-older-only"]'), /nhập sẽ không thay đổi gì/);
  assert.equal(await page.isDisabled('[data-testid="import-confirm"]'), true, 'nothing to import unless asked');
  await screenshot(page, 'import-again-after-undo');
  await page.check('[data-testid="import-reapply"]');
  assert.equal(await page.isDisabled('[data-testid="import-confirm"]'), false);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  assert.match(await page.textContent('[data-testid="import-done"]'), new RegExp(`${records} bản cũ hơn được áp dụng lại`));
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('after an undo, the same file says its copies are older, and can be applied again on purpose', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  const theirs = JSON.parse(SMALL);
  theirs.records.activities = theirs.records.activities.map((a) => ({ ...a, rev: 2, cash_vnd: a.cash_vnd + 1 }));
  const text = JSON.stringify(theirs);
  await openApp(page, server.url, '#/import');
  await pickText(page, 'again.json', text);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  await pickText(page, 'again.json', text);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'older'), 4);
  assert.equal(await count(page, 'unchanged'), 9);
  assert.equal(await page.$('[data-testid="preview-nothing"]'), null, 'not "changes nothing"');
  assert.match(await page.textContent('[data-testid="preview-older-note"]'), /^4 bản ghi trong tệp cũ hơn/);
  await page.check('[data-testid="import-reapply"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH + 4);
  assert.deepEqual(problems, []);
  await ctx.close();
});

/** An officer's own file, made before she had the province's directory: her own copy of the
 * treasury and of xã Pà Cò (typed without its district), and one activity on them. */
function officerFile() {
  const small = JSON.parse(SMALL);
  const unit = { ...small.records.units[0], id: 'u-kbnn-lan', name: 'KHO BẠC NHÀ NƯỚC TỈNH', short_name: '' };
  const commune = { ...small.records.locations[2], id: 'c-paco-lan', name: 'Xã Pà Cò', parent_id: 'p-hb' };
  const activity = { ...small.records.activities[0], id: 'a-lan-1', unit_id: 'u-kbnn-lan', location_id: 'c-paco-lan', title: 'Tặng áo ấm', cash_vnd: 3_000_000, in_kind_vnd: 0 };
  return JSON.stringify({
    format: 'donghanh-bundle',
    schema: small.schema,
    exported_at: '2026-11-20T08:00:00Z',
    source: { unit_id: 'u-kbnn-lan', label: 'Kho bạc (máy chị Lan)' },
    records: { locations: [small.records.locations[0], commune], units: [unit], activities: [activity] },
    tombstones: [],
  });
}

test('duplicates: flagged on import and on entry, merged with "Gộp", and the merge travels through export → import', async () => {
  const officer = officerFile();
  // A browser without a directory is advised to take the province's first.
  const fresh = await newPage(browser);
  await openApp(fresh.page, server.url, '#/import');
  await pickText(fresh.page, 'lan.json', officer);
  await fresh.page.waitForSelector('[data-testid="preview-directory-hint"]');
  await fresh.ctx.close();

  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  await openApp(page, server.url, '#/import');
  await pickText(page, 'lan.json', officer);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await page.getAttribute('[data-testid="preview-duplicates"]', 'data-value'), '2');
  const warned = await page.textContent('[data-testid="preview-duplicates"]');
  assert.match(warned, /“KHO BẠC NHÀ NƯỚC TỈNH” trùng tên với “Kho bạc Nhà nước tỉnh”/);
  assert.match(warned, /“Xã Pà Cò” trùng tên với “Pà Cò”/);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'units'), 3);

  await openApp(page, server.url, '#/directory?tab=units');
  await page.waitForSelector('[data-testid="dup-list"]');
  assert.deepEqual(await page.$$eval('[data-testid="dup-pair"]', (rs) => rs.map((r) => r.dataset.kind)), ['unit', 'location']);
  await screenshot(page, 'directory-duplicates');
  // On entry: typing a name already in the directory says so.
  await page.fill('#unit-name', 'kho bac nha nuoc tinh');
  await page.waitForSelector('[data-testid="dup-warning"]');
  assert.match(await page.textContent('[data-testid="dup-warning"]'), /Kho bạc Nhà nước tỉnh/);
  await page.fill('#unit-name', '');
  // "Gộp" asks first; "Huỷ" changes nothing.
  await page.click('[data-testid="dup-merge"] >> nth=0');
  assert.match(await page.textContent('[data-testid="dup-ask"]'), /“KHO BẠC NHÀ NƯỚC TỈNH” sẽ được tính cho “Kho bạc Nhà nước tỉnh”/);
  await page.click('[data-testid="dup-cancel"]');
  assert.equal(await page.locator('[data-testid="dup-pair"]').count(), 2);
  await page.click('[data-testid="dup-merge"] >> nth=0');
  await page.click('[data-testid="dup-confirm"]');
  await page.waitForSelector('[data-testid="dup-merged"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="dup-pair"]').length === 1);
  // Undone like an import, and made again.
  await page.click('[data-testid="dup-undo"]');
  await page.waitForSelector('[data-testid="dup-undone"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="dup-pair"]').length === 2);
  await page.click('[data-testid="dup-merge"] >> nth=0');
  await page.click('[data-testid="dup-confirm"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="dup-pair"]').length === 1);
  // The commune proposed as kept is the one the directory places under its district.
  assert.match(await page.textContent('[data-testid="dup-merge"]'), /Gộp vào “Pà Cò \(Mai Châu\)”|Gộp vào “xã Pà Cò \(huyện Mai Châu\)”/i);
  await page.click('[data-testid="dup-merge"]');
  await page.click('[data-testid="dup-confirm"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="dup-list"]'));
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'units'), 2);
  assert.equal(await kpi(page, 'cash'), CASH + 3_000_000);
  await openApp(page, server.url, '#/activities');
  const row = page.locator('[data-testid="activity-row"]', { hasText: 'Tặng áo ấm' });
  assert.match(await row.textContent(), /Xã Pà CòKBNN/, 'on the kept commune and unit');
  // Export everything; another browser that took the officer's file too gets the merge.
  const { path: merged } = await exportAll(page);

  const other = await newPage(browser);
  await importFile(other.page, `${FIX}/small.json`);
  await openApp(other.page, server.url, '#/import');
  await pickText(other.page, 'lan.json', officer);
  await other.page.waitForSelector('[data-testid="import-preview"]');
  await other.page.click('[data-testid="import-confirm"]');
  await other.page.waitForSelector('[data-testid="import-done"]');
  await importFile(other.page, merged);
  await openApp(other.page, server.url, '#/');
  assert.equal(await kpi(other.page, 'units'), 2);
  assert.equal(await kpi(other.page, 'cash'), CASH + 3_000_000);
  await openApp(other.page, server.url, '#/directory?tab=units');
  await other.page.waitForSelector('[data-testid="unit-table"]');
  assert.equal(await other.page.$('[data-testid="dup-list"]'), null, 'the merge came with the file');
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.ctx.close();
  await ctx.close();
});

test('the second round: after the province matched a unit\'s own unit and commune, its corrected file lands as an update', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  await openApp(page, server.url, '#/import');
  await pickText(page, 'lan.json', officerFile());
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  // The province says once that her treasury and her Pà Cò are its own.
  await openApp(page, server.url, '#/directory?tab=units');
  await page.waitForSelector('[data-testid="dup-list"]');
  for (let i = 0; i < 2; i += 1) {
    await page.click('[data-testid="dup-merge"] >> nth=0');
    // The question takes the focus: Enter answers it, from the keyboard.
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'dup-confirm');
    if (i === 0) await screenshot(page, 'directory-duplicate-ask');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dup-merged"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="dup-pair"]').length === n, 1 - i);
  }
  // Her unit is listed once, under the province's name, with hers beside it.
  const units = await page.textContent('[data-testid="unit-table"]');
  assert.match(units, /Kho bạc Nhà nước tỉnh \(cũng là “KHO BẠC NHÀ NƯỚC TỈNH”\)/);
  await screenshot(page, 'directory-units-alias');
  await openApp(page, server.url, '#/');
  await waitKpi(page, 'cash', CASH + 3_000_000);

  // Her next file: the same records, one amount corrected (3.000.000 → 3.500.000).
  const next = JSON.parse(officerFile());
  next.exported_at = '2026-12-01T08:00:00Z';
  next.records.activities[0] = { ...next.records.activities[0], rev: 2, updated_at: '2026-12-01T07:00:00Z', cash_vnd: 3_500_000 };
  await openApp(page, server.url, '#/import');
  await pickText(page, 'lan-2.json', JSON.stringify(next));
  await page.waitForSelector('[data-testid="import-preview"]');
  const tile = async (name) => Number(await page.textContent(`[data-testid="preview-${name}"]`));
  assert.equal(await tile('updated'), 1);
  assert.equal(await tile('older'), 0);
  assert.equal(await tile('conflicts'), 0);
  assert.equal(await tile('new'), 0);
  assert.equal(await page.locator('[data-testid="preview-foreign"]:not([data-value="0"])').count(), 0, 'nothing outside her scope');
  assert.equal(await page.locator('[data-testid="preview-duplicates"]').count(), 0, 'no duplicate warning again');
  await screenshot(page, 'second-round-preview');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await openApp(page, server.url, '#/');
  await waitKpi(page, 'cash', CASH + 3_500_000);
  // Her record keeps her revision: nobody rewrote it.
  const mine = JSON.parse(await page.evaluate(() => window.wasmBindings.debug_get('activity', 'a-lan-1')));
  assert.equal(mine.rev, 2);
  assert.equal(mine.unit_id, 'u-kbnn');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a merge made before aliases is recorded as an alias when the unit\'s file meets it, and travels in the export', async () => {
  const { ctx, page, problems } = await newPage(browser);
  // The province as an older version left it: the officer's own "Kho bạc" merged away (deleted,
  // its activity moved to the kept unit).
  const province = JSON.parse(SMALL);
  delete province.digest;
  province.tombstones = [{ kind: 'unit', id: 'u-kbnn-lan', rev: 2, updated_at: '2026-03-01T00:00:00Z' }];
  await openApp(page, server.url, '#/import');
  await pickText(page, 'tinh.json', JSON.stringify(province));
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  // The officer's next file still holds his own unit and an activity naming it.
  const unit = JSON.parse(SMALL);
  delete unit.digest;
  unit.source = { unit_id: 'u-kbnn-lan', label: 'Kho bạc (máy anh Lân)' };
  unit.records.units.push({ ...unit.records.units[0], id: 'u-kbnn-lan', rev: 1 });
  unit.records.activities.push({ ...unit.records.activities[0], id: 'a-lan', unit_id: 'u-kbnn-lan', cash_vnd: 3_000_000 });
  await pickText(page, 'lan.json', JSON.stringify(unit));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.textContent('[data-testid="import-preview"]'), /ghi nhớ “Kho bạc Nhà nước tỉnh” là tên khác/);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  const { json } = await exportAll(page);
  const kept = json.records.units.find((u) => u.id === 'u-kbnn');
  assert.deepEqual(kept.aliases, ['u-kbnn-lan'], 'the old merge travels as an alias');
  const lan = json.records.activities.find((a) => a.id === 'a-lan');
  assert.equal(lan.unit_id, 'u-kbnn', 'its activity counts for the kept unit');
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'units'), 2);
  // Undone with the import that taught it.
  await openApp(page, server.url, '#/import');
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  const after = await exportAll(page);
  assert.equal(after.json.records.units.find((u) => u.id === 'u-kbnn').aliases?.length ?? 0, 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a save cut off midway is taken back in at opening, and a lost undo point is said, not offered', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importFile(page, `${FIX}/small.json`);
  const theirs = JSON.parse(SMALL);
  theirs.records.activities = theirs.records.activities.map((a) => ({ ...a, rev: 2, cash_vnd: a.cash_vnd + 1 }));
  await openApp(page, server.url, '#/import');
  await pickText(page, 'update.json', JSON.stringify(theirs));
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.waitForSelector('[data-testid="import-undo"]');
  // A killed save left a chunk no index names (an old copy of a group: nothing newer moves),
  // and a chunk only the undo point names is lost on disk.
  const lost = await page.evaluate(() => {
    const body = (v) => JSON.parse(v.split('|').slice(2).join('|'));
    const manifest = body(localStorage.getItem('donghanh.data'));
    const snapshot = JSON.parse(localStorage.getItem('donghanh.data:snapshot'));
    const current = new Set(Object.values(manifest.chunks).map((c) => c.key));
    const pinned = Object.values(snapshot.manifest.chunks).map((c) => c.key).find((k) => !current.has(k));
    const [group, chunk] = Object.entries(manifest.chunks)[0];
    localStorage.setItem(`donghanh.data.${group}.20200101000000-killed`, localStorage.getItem(chunk.key));
    localStorage.removeItem(pinned);
    return pinned;
  });
  assert.ok(lost, 'the undo point named a chunk of its own');
  await page.reload();
  await page.waitForSelector('[data-testid="storage-recovered"]');
  await page.waitForSelector('[data-testid="storage-undo-lost"]');
  assert.match(await page.textContent('[data-testid="storage-recovered"]'), /gián đoạn/);
  assert.match(await page.textContent('[data-testid="storage-undo-lost"]'), /hoàn tác/);
  await openApp(page, server.url, '#/');
  assert.equal(await kpi(page, 'cash'), CASH + 4, 'the data after the import, nothing moved back');
  await screenshot(page, 'storage-recovered-undo-lost');
  await openApp(page, server.url, '#/import');
  await page.waitForSelector('[data-testid="import-log-entry"]');
  assert.equal(await page.$('[data-testid="import-undo"]'), null, 'no undo is offered that could not be done');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a conflict card names the unit and village that arrive with the file, quantities as typed, times on the reader\'s clock', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Ho_Chi_Minh' });
  const { ctx, page, problems } = await newPage(browser, { context });
  await importFile(page, `${FIX}/small.json`);
  const theirs = JSON.parse(SMALL);
  theirs.records.units.push({ id: 'u-bdt', rev: 1, updated_at: '2026-02-01T00:00:00Z', name: 'Ban Dân tộc tỉnh', level: 'province' });
  theirs.records.locations.push({ id: 'v-nalech', rev: 1, updated_at: '2026-02-01T00:00:00Z', name: 'Nà Lếch', level: 'village', label: 'bản', parent_id: 'c-paco' });
  const a2 = theirs.records.activities.find((a) => a.id === 'a-2');
  Object.assign(a2, { unit_id: 'u-bdt', location_id: 'v-nalech', qty: 120.5, updated_at: '2026-03-01T00:00:00Z' });
  await openApp(page, server.url, '#/import');
  await pickText(page, 'arriving.json', JSON.stringify(theirs));
  await page.waitForSelector('[data-testid="conflict"]');
  const card = await page.textContent('[data-testid="conflict"]');
  assert.match(card, /Ban Dân tộc tỉnh/);
  assert.match(card, /Bản Nà Lếch/);
  assert.match(card, /120,5/);
  assert.doesNotMatch(card, /120\.0|\bu-bdt\b|\bv-nalech\b/, 'no raw id, no "120.0"');
  // 00:00 UTC is 07:00 in Việt Nam, as the import log shows times.
  assert.match(card, /01\/03\/2026 07:00/);
  await page.locator('[data-testid="conflict"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-conflict-arriving-names');
  assert.deepEqual(problems, []);
  await ctx.close();
});
