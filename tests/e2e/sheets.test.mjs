// Spreadsheets through the Import page: the corpus of tests/fixtures/sheets (made by make.py
// with openpyxl) read, mapped, previewed, imported and imported again; the refusals; names
// added from the preview; the template. Sums are checked against what make.py wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { serveDir, launchBrowser, newPage, openApp, screenshot, kpi } from './harness.mjs';

const SHEETS = 'tests/fixtures/sheets';
const SMALL = 'tests/fixtures/bundles/small.json';
// small.json's own activities.
const SMALL_CASH = 62_000_000;
const expected = JSON.parse(readFileSync(`${SHEETS}/expected.json`, 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'donghanh-sheets-'));

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

const storage = (page) =>
  page.evaluate(() => JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
const dataOnly = (page) =>
  page.evaluate(() =>
    JSON.stringify(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('donghanh.data'))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );
const count = async (page, name) => Number(await page.textContent(`[data-testid="preview-${name}"]`));
const summary = (page) =>
  page.$eval('[data-testid="sheet-summary"]', (e) => ({
    ready: Number(e.dataset.ready),
    problems: Number(e.dataset.problems),
    skipped: Number(e.dataset.skipped),
    cash: Number(e.dataset.cash),
    in_kind: Number(e.dataset.inKind),
  }));

/** A fresh browser holding small.json's directory (and its four activities). */
async function withDirectory() {
  const opened = await newPage(browser);
  await openApp(opened.page, server.url, '#/import');
  await opened.page.setInputFiles('[data-testid="import-input"]', SMALL);
  await opened.page.waitForSelector('[data-testid="import-preview"]');
  await opened.page.click('[data-testid="import-confirm"]');
  await opened.page.waitForSelector('[data-testid="import-done"]');
  return opened;
}

/** Rows without a unit column are the unit this browser works for: choose it in Settings. */
async function workFor(page, unit) {
  await openApp(page, server.url, '#/settings');
  await page.selectOption('#settings-unit-id', { label: unit });
  await page.click('[data-testid="settings-save"]');
  await page.waitForSelector('[data-testid="settings-status"]');
}

async function pickSheet(page, path) {
  await openApp(page, server.url, '#/import');
  await page.setInputFiles('[data-testid="import-input"]', path);
  await page.waitForSelector('[data-testid="sheet-step"]');
}

async function previewAndConfirm(page) {
  await page.click('[data-testid="sheet-preview"]');
  await page.waitForSelector('[data-testid="import-preview"]');
  const n = { new: await count(page, 'new'), updated: await count(page, 'updated'), unchanged: await count(page, 'unchanged') };
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
  return n;
}

async function overview(page) {
  await openApp(page, server.url, '#/');
  await page.waitForSelector('[data-testid="kpi-cash"]');
  return { cash: await kpi(page, 'cash'), inKind: await kpi(page, 'in-kind'), activities: await kpi(page, 'activities') };
}

test('an office workbook: title rows, merged communes, subtotals, three money notations and three date forms; re-import duplicates nothing; the overview equals the sheet', async () => {
  const { ctx, page, problems } = await withDirectory();
  const before = await overview(page);
  const want = expected['hoat-dong-2021-2025.xlsx'];
  await pickSheet(page, `${SHEETS}/hoat-dong-2021-2025.xlsx`);
  // The note sheet comes first; the sheet with the table is chosen, its header found on row 4.
  assert.equal(await page.inputValue('[data-testid="sheet-choose"]'), '1');
  assert.equal(await page.inputValue('[data-testid="sheet-header-row"]'), '3');
  assert.equal(await page.inputValue('[data-testid="sheet-col-0"]'), 'skip', 'STT');
  assert.equal(await page.inputValue('[data-testid="sheet-col-1"]'), 'date');
  assert.equal(await page.inputValue('[data-testid="sheet-col-6"]'), 'cash');
  assert.equal(await page.inputValue('[data-testid="sheet-col-7"]'), 'in_kind');
  assert.deepEqual(await summary(page), { ready: want.ready, problems: 0, skipped: want.skipped, cash: want.cash, in_kind: want.in_kind });
  assert.equal(await page.locator('[data-testid="sheet-missing-item"]').count(), 0);
  const grid = await page.textContent('[data-testid="sheet-grid"]');
  assert.match(grid, /dòng cộng \(“Cộng năm 2021”\)/);
  assert.equal(await page.locator('[data-testid="sheet-row"][data-state="ready"]').count(), want.ready);
  await screenshot(page, 'import-sheet-step', { fullPage: false });
  const stored = await storage(page);
  assert.deepEqual(await previewAndConfirm(page), { new: want.ready, updated: 0, unchanged: 0 });
  assert.notEqual(await storage(page), stored);
  const after = await overview(page);
  assert.equal(after.cash - before.cash, want.cash, 'the overview adds exactly the sheet’s cash');
  assert.equal(after.inKind - before.inKind, want.in_kind);
  assert.equal(after.activities - before.activities, want.ready);
  // The same workbook again: every row recognised, nothing added.
  await pickSheet(page, `${SHEETS}/hoat-dong-2021-2025.xlsx`);
  await page.click('[data-testid="sheet-preview"]');
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'new'), 0);
  assert.equal(await count(page, 'unchanged'), want.ready);
  await page.click('[data-testid="import-cancel"]');
  // Cancelling the preview goes back to the columns; cancelling those, to nothing.
  await page.waitForSelector('[data-testid="sheet-step"]');
  await page.click('[data-testid="sheet-cancel"]');
  await page.waitForSelector('[data-testid="sheet-step"]', { state: 'detached' });
  assert.deepEqual(await overview(page), after);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a corrected sheet updates its rows; a column mapped otherwise is remembered for the same layout', async () => {
  const { ctx, page, problems } = await withDirectory();
  const before = await overview(page);
  const text = [
    'Ngày;Đơn vị;Xã;Nội dung;Số tiền;Ghi chú',
    '01/03/2024;KBNN;Pà Cò;Tặng quà;1.000.000;x',
    '02/03/2024;CA;Hang Kia;Khám bệnh;2 triệu;y',
  ].join('\r\n');
  const path = join(tmp, 'sua.csv');
  writeFileSync(path, '\ufeff' + text);
  await pickSheet(page, path);
  assert.equal(await page.inputValue('[data-testid="sheet-col-4"]'), 'cash');
  assert.equal((await summary(page)).cash, 3_000_000);
  // "Số tiền" here is in kind: mapped by hand, the sums follow.
  await page.selectOption('[data-testid="sheet-col-4"]', 'in_kind');
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-summary"]').dataset.inKind === '3000000');
  assert.deepEqual(await previewAndConfirm(page), { new: 2, updated: 0, unchanged: 0 });
  // The corrected file (one amount changed), same layout: the choice is remembered and the
  // row updated in place.
  writeFileSync(path, '\ufeff' + text.replace('2 triệu', '2,5 triệu'));
  await pickSheet(page, path);
  await page.waitForSelector('[data-testid="sheet-remembered"]');
  assert.equal(await page.inputValue('[data-testid="sheet-col-4"]'), 'in_kind');
  assert.deepEqual(await previewAndConfirm(page), { new: 0, updated: 1, unchanged: 1 });
  const o = await overview(page);
  assert.equal(o.inKind - before.inKind, 3_500_000);
  assert.equal(o.cash, before.cash);
  assert.equal(o.activities - before.activities, 2);
  assert.deepEqual(problems, []);
  await ctx.close();
});

for (const file of ['hoat-dong-utf8-bom.csv', 'hoat-dong-utf16.csv']) {
  test(`a CSV file (${file}) is read with its encoding and separator, and adds its sums`, async () => {
    const { ctx, page, problems } = await withDirectory();
    const want = expected[file];
    await pickSheet(page, `${SHEETS}/${file}`);
    assert.deepEqual(await summary(page), { ready: want.ready, problems: 0, skipped: 0, cash: want.cash, in_kind: want.in_kind });
    assert.match(await page.textContent('[data-testid="sheet-grid"]'), /Pà Cò/);
    assert.deepEqual(await previewAndConfirm(page), { new: want.ready, updated: 0, unchanged: 0 });
    const o = await overview(page);
    assert.equal(o.cash, SMALL_CASH + want.cash);
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

test('a CSV in Windows-1258, an old .xls and a damaged workbook are refused with what to do; nothing stored changes', async () => {
  const { ctx, page, problems } = await withDirectory();
  const stored = await dataOnly(page);
  await openApp(page, server.url, '#/import');
  await page.setInputFiles('[data-testid="import-input"]', `${SHEETS}/hoat-dong-windows-1258.csv`);
  await page.waitForSelector('[data-testid="import-error"]');
  const text = await page.textContent('[data-testid="import-error"]');
  assert.match(text, /hoat-dong-windows-1258\.csv/);
  assert.match(text, /không dùng mã UTF-8 \(dòng 1 /, 'the header line already holds “Ngày”');
  assert.match(text, /CSV UTF-8/);
  await screenshot(page, 'import-sheet-1258');
  const xls = join(tmp, 'cu.xls');
  writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  await page.setInputFiles('[data-testid="import-input"]', xls);
  await page.waitForSelector('[data-testid="import-error"]:has-text("97–2003")');
  const broken = join(tmp, 'hong.xlsx');
  writeFileSync(broken, readFileSync(`${SHEETS}/hoat-dong-2021-2025.xlsx`).subarray(0, 4000));
  await page.setInputFiles('[data-testid="import-input"]', broken);
  await page.waitForSelector('[data-testid="import-error"]:has-text("hong.xlsx")');
  assert.match(await page.textContent('[data-testid="import-error"]'), /không phải một sổ làm việc Excel/);
  // A spreadsheet picked with a bundle is refused too.
  await page.setInputFiles('[data-testid="import-input"]', [SMALL, `${SHEETS}/hoat-dong-utf8-bom.csv`]);
  await page.waitForSelector('[data-testid="import-error"]:has-text("riêng từng bảng tính")');
  // In English.
  await page.click('[data-testid="lang-en"]');
  await page.setInputFiles('[data-testid="import-input"]', `${SHEETS}/hoat-dong-windows-1258.csv`);
  await page.waitForSelector('[data-testid="import-error"]:has-text("is not UTF-8")');
  await page.click('[data-testid="lang-vi"]');
  assert.equal(await dataOnly(page), stored);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('names the directory lacks are listed with their rows and added from the sheet step', async () => {
  const { ctx, page, problems } = await withDirectory();
  const path = join(tmp, 'moi.csv');
  writeFileSync(path, [
    'Ngày,Xã,Thôn/bản,Nội dung,Tiền mặt',
    '01/03/2024,Pà Cò,Bản Mới,Tặng quà,1.000.000',
    '02/03/2024,pa co,ban moi,Tặng quà,1.000.000',
    '03/03/2024,Xã Sơn Thủy,,Khám bệnh,"2,5 triệu"',
    '04/03/2024,Pà Co,,Thăm hỏi,500.000',
  ].join('\n'));
  // Rows without a unit column are the unit this browser works for.
  await workFor(page, 'Kho bạc Nhà nước tỉnh');
  await pickSheet(page, path);
  const listedFirst = await page.locator('[data-testid="sheet-problem"]').allTextContents();
  assert.equal((await summary(page)).ready, 1, listedFirst.join('\n'));
  const items = await page.locator('[data-testid="sheet-missing-item"]').allTextContents();
  assert.equal(items.length, 2, items.join(' | '));
  assert.match(items[0], /Thôn\/bản: “Bản Mới” \(2 dòng\)/);
  assert.match(items[1], /Xã: “Xã Sơn Thủy” \(1 dòng\)/);
  const listed = await page.locator('[data-testid="sheet-problem"]').allTextContents();
  assert.match(listed[0], /Trang tính “moi”, dòng 2: .*Bản Mới/);
  await screenshot(page, 'import-sheet-missing');
  await page.locator('[data-testid="sheet-add"]').first().click();
  await page.waitForSelector('[data-testid="sheet-added"]:has-text("bản Mới")');
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-summary"]').dataset.ready === '3');
  await page.locator('[data-testid="sheet-add"]').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-summary"]').dataset.ready === '4');
  assert.equal(await page.locator('[data-testid="sheet-missing-item"]').count(), 0);
  assert.deepEqual(await previewAndConfirm(page), { new: 4, updated: 0, unchanged: 0 });
  await openApp(page, server.url, '#/directory');
  assert.match(await page.textContent('main'), /Xã Sơn Thủy/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a name spelt otherwise is offered as the record it is close to, with its commune; "Dùng" reads the rows as it and adds nothing', async () => {
  const { ctx, page, problems } = await withDirectory();
  const path = join(tmp, 'sang.csv');
  writeFileSync(path, [
    'Ngày,Xã,Thôn/bản,Nội dung,Tiền mặt',
    '01/03/2024,Pà Cò,Ban Pa Co Moi,Tặng quà,1.000.000',
    '02/03/2024,Pà Cò,Ban Pa Co Moi,Tặng quà,2.000.000',
  ].join('\n'));
  await workFor(page, 'Kho bạc Nhà nước tỉnh');
  await pickSheet(page, path);
  assert.equal((await summary(page)).ready, 0);
  const use = page.locator('[data-testid="sheet-missing-item"] [data-testid="sheet-use"]');
  assert.equal(await use.count(), 1);
  assert.equal(await use.first().textContent(), 'Dùng “Bản Pà Cò” (xã Pà Cò)');
  await use.first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-summary"]').dataset.ready === '2');
  assert.equal(await page.locator('[data-testid="sheet-missing-item"]').count(), 0, 'nothing left to add');
  assert.deepEqual(await previewAndConfirm(page), { new: 2, updated: 0, unchanged: 0 });
  await openApp(page, server.url, '#/directory');
  await page.waitForSelector('[data-testid="place-tree"]');
  assert.doesNotMatch(await page.textContent('main'), /Pa Co Moi/, 'the sheet\'s spelling was not added');
  await openApp(page, server.url, '#/activities');
  const rows = await page.locator('[data-testid="activity-row"]:has-text("Bản Pà Cò")').count();
  assert.ok(rows >= 2, `${rows} rows at Bản Pà Cò`);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('20,000 rows from one workbook are read, previewed and imported; the overview equals the sheet', async () => {
  const { ctx, page, problems } = await withDirectory();
  const want = expected['20000-dong.xlsx'];
  await pickSheet(page, `${SHEETS}/20000-dong.xlsx`);
  assert.deepEqual(await summary(page), { ready: 20000, problems: 0, skipped: 0, cash: want.cash, in_kind: want.in_kind });
  assert.deepEqual(await previewAndConfirm(page), { new: 20000, updated: 0, unchanged: 0 });
  const o = await overview(page);
  assert.equal(o.cash, SMALL_CASH + want.cash);
  assert.equal(o.activities, 4 + 20000);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the directory and plans, each from its own sheet: places, units, assignments, plans with their items; a second reading adds nothing', async () => {
  const { ctx, page, problems } = await withDirectory();
  const file = `${SHEETS}/danh-muc-va-ke-hoach.xlsx`;
  const want = expected['danh-muc-va-ke-hoach.xlsx'];
  const steps = [
    ['0', 'Địa bàn', 'places'],
    ['1', 'Đơn vị', 'units'],
    ['2', 'Phân công', 'assignments'],
    ['3', 'Kế hoạch 2027', 'plans'],
  ];
  for (const [index, sheet, kind] of steps) {
    await pickSheet(page, file);
    await page.selectOption('[data-testid="sheet-choose"]', index);
    await page.waitForFunction((k) => document.querySelector('[data-testid="sheet-kind"]').value === k, kind);
    const s = await summary(page);
    const listed = await page.locator('[data-testid="sheet-problem"]').allTextContents();
    assert.equal(s.ready, want[sheet].ready, `${sheet}: ${listed.join(' | ')}`);
    assert.equal(s.problems, 0);
    if (kind === 'places') {
      assert.equal(await page.inputValue('[data-testid="sheet-header-row"]'), '2', 'the header below the title');
      await screenshot(page, 'import-sheet-places');
    }
    if (kind === 'plans') assert.equal(s.skipped, 1, 'the subtotal row');
    assert.deepEqual(await previewAndConfirm(page), { new: want[sheet].new, updated: 0, unchanged: want[sheet].unchanged });
  }
  // The plans sheet again: the same two plans, unchanged.
  await pickSheet(page, file);
  await page.selectOption('[data-testid="sheet-choose"]', '3');
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-kind"]').value === 'plans');
  await page.click('[data-testid="sheet-preview"]');
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await count(page, 'new'), 0);
  assert.equal(await count(page, 'unchanged'), 2);
  await page.click('[data-testid="import-cancel"]');
  await page.click('[data-testid="sheet-cancel"]');
  await openApp(page, server.url, '#/plans');
  const plans = await page.textContent('main');
  assert.match(plans, /12\/KH-KBNN/);
  assert.match(plans, /Tân Sơn/);
  await openApp(page, server.url, '#/directory?tab=units');
  assert.match(await page.textContent('main'), /Sở Y tế/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the blank template opens in a spreadsheet reader with Vietnamese headers and an example, and imports nothing by itself', async () => {
  const { ctx, page, problems } = await withDirectory();
  await openApp(page, server.url, '#/import');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="import-template"]')]);
  assert.equal(download.suggestedFilename(), 'mau-nhap-hoat-dong.xlsx');
  const path = join(tmp, download.suggestedFilename());
  await download.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  assert.deepEqual(wb.worksheets.map((w) => w.name), ['Hoạt động', 'Ví dụ', 'Địa bàn', 'Đơn vị', 'Phân công', 'Kế hoạch']);
  const head = wb.worksheets[0].getRow(1).values.slice(1);
  assert.deepEqual(head.slice(0, 5), ['Ngày', 'Đơn vị', 'Xã', 'Thôn/bản', 'Nội dung']);
  assert.ok(head.includes('Tiền mặt') && head.includes('Hiện vật (quy ra tiền)') && head.includes('Nguồn kinh phí'));
  assert.equal(wb.worksheets[0].rowCount, 1);
  const example = wb.worksheets[1].getRow(2);
  assert.ok(example.getCell(1).value instanceof Date, 'the example date is a real date');
  assert.equal(example.getCell(7).value, 15_000_000);
  // Picked back unchanged: the sheet with the example is offered, never the blank one alone.
  await page.setInputFiles('[data-testid="import-input"]', path);
  await page.waitForSelector('[data-testid="sheet-step"]');
  await page.selectOption('[data-testid="sheet-choose"]', '0');
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-summary"]').dataset.ready === '0');
  assert.equal(await page.isDisabled('[data-testid="sheet-preview"]'), true);
  assert.deepEqual(problems, []);
  await ctx.close();
});
