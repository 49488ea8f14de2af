// Overview figures, filters and charts against a bundle's own sums; the unit report and the
// provincial summary agree with them; the narrative carries the figures; the XLSX opens in a
// spreadsheet library with the same sums; the summary prints on A4.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { serveDir, launchBrowser, newPage, openApp, screenshot, ARTIFACTS, kpi } from './harness.mjs';

const GEN = 'target/debug/examples/gen_bundle';
let bundleText;
let bundle;
let server;
let browser;
before(async () => {
  // a province-shaped directory with 400 activities
  bundleText = execFileSync(GEN, ['400'], { maxBuffer: 1 << 28 }).toString();
  bundle = JSON.parse(bundleText);
  server = await serveDir();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const sum = (list, f) => list.reduce((a, x) => a + f(x), 0);
const vn = (n) => n.toLocaleString('de-DE'); // 1.234.567
async function loaded(page) {
  await openApp(page, server.url);
  await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), bundleText);
}
async function importBundle(page) {
  const path = join(ARTIFACTS, 'reports-bundle.json');
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path, bundleText);
  await openApp(page, server.url, '#/import');
  await page.setInputFiles('[data-testid="import-input"]', path);
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-done"]');
}

test('after an import the overview figures equal the bundle sums, and the filters change them', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await importBundle(page);
  await openApp(page, server.url, '#/');
  const acts = bundle.records.activities;
  assert.equal(await kpi(page, 'cash'), sum(acts, (a) => a.cash_vnd));
  assert.equal(await kpi(page, 'in-kind'), sum(acts, (a) => a.in_kind_vnd));
  assert.equal(await kpi(page, 'activities'), acts.length);
  assert.equal(await kpi(page, 'households'), sum(acts, (a) => a.households));
  assert.equal(await kpi(page, 'units'), new Set(acts.map((a) => a.unit_id)).size);
  // year filter
  const y2023 = acts.filter((a) => a.date.startsWith('2023'));
  await openApp(page, server.url, '#/?year=2023');
  await page.waitForFunction((n) => document.querySelector('[data-testid="kpi-activities"]').dataset.value === String(n), y2023.length);
  assert.equal(await kpi(page, 'cash'), sum(y2023, (a) => a.cash_vnd));
  // unit filter, through the select
  const unit = acts[0].unit_id;
  const mine = y2023.filter((a) => a.unit_id === unit);
  await page.selectOption('[data-testid="overview-unit"]', unit);
  await page.waitForFunction((n) => document.querySelector('[data-testid="kpi-activities"]').dataset.value === String(n), mine.length);
  assert.equal(await kpi(page, 'cash'), sum(mine, (a) => a.cash_vnd));
  assert.equal(await kpi(page, 'units'), mine.length ? 1 : 0);
  assert.ok(new URL(page.url()).hash.includes(`unit=${unit}`));
  // charts are drawn
  await openApp(page, server.url, '#/');
  for (const id of ['chart-category', 'chart-year', 'chart-funding']) {
    assert.ok(await page.$(`svg[data-testid="${id}"]`), id);
  }
  assert.equal(await page.locator('svg[data-testid="chart-year"] rect').count(), 5);
  await screenshot(page, 'overview-1366', { fullPage: true });
  assert.deepEqual(problems, []);
  await ctx.close();
});

/** The totals row of a document table: [activities, cash, in kind, total, households, people]. */
async function totals(page, testid) {
  const cells = await page.$$eval(`[data-testid="${testid}"] tfoot td`, (tds) => tds.map((t) => t.textContent));
  return cells.slice(2).map((c) => Number(c.replace(/\./g, '')));
}

test('the provincial summary and the unit reports show the same totals; the narrative carries them', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  const acts = bundle.records.activities;
  const cash = sum(acts, (a) => a.cash_vnd);
  const inKind = sum(acts, (a) => a.in_kind_vnd);
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.waitForSelector('[data-testid="document"]');
  const whole = await totals(page, 'table-category');
  assert.deepEqual(whole.slice(0, 3), [acts.length, cash, inKind]);
  assert.deepEqual(await totals(page, 'table-unit'), whole);
  assert.deepEqual(await totals(page, 'table-commune'), whole);
  const narrative = await page.inputValue('#summary-narrative');
  assert.match(narrative, /^Sau 5 năm thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn giai đoạn 2021-2025 trên địa bàn tỉnh Hòa Bình/);
  assert.ok(narrative.includes(`triển khai ${vn(acts.length)} hoạt động`), narrative.slice(0, 300));
  const houses = sum(acts.filter((a) => a.category === 'housing'), (a) => a.qty);
  // New and repaired houses (as the titles say) add up to the houses recorded.
  const said = [...narrative.matchAll(/(?:xây mới|sửa chữa|xây, sửa) ([\d.]+) căn nhà/g)].reduce((s, m) => s + Number(m[1].replace(/\./g, '')), 0);
  assert.equal(said, houses, narrative);
  assert.match(narrative, /mô hình sinh kế như .*Nuôi vịt Bầu Bến/);
  // the officer's edit goes into the document
  await page.fill('#summary-narrative', `${narrative}\n\nĐoạn bổ sung của cán bộ tổng hợp.`);
  await page.waitForSelector('[data-testid="document"] >> text=Đoạn bổ sung của cán bộ tổng hợp.');

  // each unit's report adds up to the same whole
  let byUnit = [0, 0, 0];
  const units = [...new Set(acts.map((a) => a.unit_id))];
  await openApp(page, server.url, '#/reports?tab=unit');
  await page.selectOption('#report-period', '2021-2025');
  for (const u of units.slice(0, 4)) {
    await page.selectOption('#report-unit', u);
    const mine = acts.filter((a) => a.unit_id === u);
    await page.waitForFunction((n) => document.querySelector('[data-testid="table-category"] tfoot td:nth-child(3)')?.textContent.replace(/\./g, '') === String(n), mine.length);
    const t = await totals(page, 'table-category');
    assert.deepEqual(t.slice(0, 3), [mine.length, sum(mine, (a) => a.cash_vnd), sum(mine, (a) => a.in_kind_vnd)]);
    byUnit = byUnit.map((v, i) => v + t[i]);
  }
  assert.ok(byUnit[0] > 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a unit report is saved with its narrative and submitted; the summary stops listing the unit', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  // a unit whose 2025 report is still a draft in the bundle
  const draftReport = bundle.records.reports.find((r) => r.period === '2025' && r.status === 'draft');
  const unit = bundle.records.units.find((u) => u.id === draftReport.unit_id);
  const behind = async () => {
    await openApp(page, server.url, '#/reports?tab=summary');
    await page.selectOption('#summary-period', '2025');
    await page.waitForSelector('[data-testid="doc-behind"]');
    return page.textContent('[data-testid="doc-behind"]');
  };
  assert.ok((await behind()).includes(`${unit.name}: `), 'listed while its report is a draft');
  await openApp(page, server.url, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2025');
  await page.waitForFunction((t) => document.querySelector('#report-assessment')?.value === t, draftReport.assessment);
  await page.fill('#report-assessment', 'Đơn vị hoàn thành tốt kế hoạch năm 2025. <b>không in đậm</b>');
  await page.fill('#report-difficulties', 'Địa bàn rộng.');
  await page.fill('#report-proposals', 'Tiếp tục hỗ trợ mô hình sinh kế.');
  await page.click('[data-testid="report-save"]');
  await page.waitForSelector('[data-testid="report-status"]:has-text("Dự thảo — Đã lưu")');
  // "Gửi báo cáo" marks it submitted and hands the officer the unit's file, saying what to do.
  const [sentFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-submit"]')]);
  await page.waitForSelector('[data-testid="report-status"]:has-text("Đã gửi ngày")');
  assert.doesNotMatch(await page.textContent('[data-testid="report-status"]'), /Đã gửi.*Đã gửi/);
  const short = unit.short_name || unit.name;
  assert.match(sentFile.suggestedFilename(), new RegExp(`^donghanh-${short.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-')}-2025-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  assert.equal(await page.textContent('[data-testid="report-sent-file"]'), sentFile.suggestedFilename());
  assert.match(await page.textContent('[data-testid="report-sent"]'), /không tự gửi đi được.*Nhập dữ liệu/s);
  const sent = JSON.parse(readFileSync(await sentFile.path(), 'utf8'));
  assert.equal(sent.source.unit_id, unit.id);
  const sentReport = sent.records.reports.find((r) => r.id === draftReport.id);
  assert.equal(sentReport.status, 'submitted');
  const mine2025 = bundle.records.activities.filter((a) => a.unit_id === unit.id && a.date.startsWith('2025'));
  assert.equal(sent.records.activities.length, mine2025.length);
  assert.match(await page.textContent('[data-testid="report-sent"]'), new RegExp(`${mine2025.length} hoạt động`));
  assert.match(await page.textContent('[data-testid="document"]'), /<b>không in đậm<\/b>/);
  // At the province: the file goes in through Import, and the unit is no longer behind.
  {
    const { ctx: pctx, page: province } = await newPage(browser);
    await openApp(province, server.url);
    await province.evaluate((t) => window.wasmBindings.debug_load_bundle(t), bundleText);
    await openApp(province, server.url, '#/import');
    await province.setInputFiles('[data-testid="import-input"]', await sentFile.path());
    await province.waitForSelector('[data-testid="import-preview"]');
    await province.click('[data-testid="import-confirm"]');
    await province.waitForSelector('[data-testid="import-done"]');
    const got = JSON.parse(await province.evaluate((id) => window.wasmBindings.debug_get('report', id), draftReport.id));
    assert.equal(got.status, 'submitted');
    await pctx.close();
  }
  await page.reload();
  await page.waitForSelector('#report-unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2025');
  await page.waitForFunction(() => document.querySelector('#report-assessment')?.value.startsWith('Đơn vị hoàn thành'));
  const stored = JSON.parse(await page.evaluate((id) => window.wasmBindings.debug_get('report', id), draftReport.id));
  assert.equal(stored.status, 'submitted');
  assert.ok(stored.submitted_at);
  assert.ok(!(await behind()).includes(`${unit.name}: `), 'no longer listed');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the XLSX opens with its sheets and its sums match; the CSV carries a BOM', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.waitForSelector('[data-testid="document"]');
  const [xdl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-xlsx"]')]);
  assert.equal(xdl.suggestedFilename(), 'tong-hop-2021-2025.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xdl.path());
  const names = wb.worksheets.map((w) => w.name);
  assert.deepEqual(names, ['Hoạt động', 'Theo lĩnh vực', 'Theo đơn vị', 'Theo xã', 'Tiến độ kế hoạch', 'Kế hoạch theo đơn vị, xã', 'Theo nguồn kinh phí']);
  // The funding sheet's rows (the sources, then those that name none) add up to every activity.
  const funding = wb.getWorksheet('Theo nguồn kinh phí');
  let counted = 0;
  funding.eachRow((row, i) => {
    if (i > 1 && typeof row.getCell(1).value === 'number') counted += row.getCell(3).value;
  });
  assert.equal(counted, bundle.records.activities.length);
  const acts = bundle.records.activities;
  const sheet = wb.getWorksheet('Hoạt động');
  assert.equal(sheet.rowCount, acts.length + 1);
  let cash = 0;
  sheet.eachRow((row, i) => {
    if (i > 1) {
      assert.equal(typeof row.getCell(7).value, 'number', 'money stored as a number');
      cash += row.getCell(7).value;
    }
  });
  assert.equal(cash, sum(acts, (a) => a.cash_vnd));
  // Frozen header, money as #,##0, dates as real dates shown dd/mm/yyyy, columns wide enough.
  assert.equal(sheet.views[0].state, 'frozen');
  assert.equal(sheet.views[0].ySplit, 1);
  const first = sheet.getRow(2);
  assert.equal(first.getCell(7).numFmt, '#,##0');
  assert.ok(first.getCell(1).value instanceof Date, 'a date, not text');
  assert.equal(first.getCell(1).numFmt, 'dd/mm/yyyy');
  const day = first.getCell(1).value.toISOString().slice(0, 10);
  assert.ok(acts.some((a) => a.date === day), `a day of the data: ${day}`);
  assert.ok(sheet.getColumn(6).width > 20, 'the title column fits its titles');
  const byUnit = wb.getWorksheet('Theo đơn vị');
  const last = byUnit.getRow(byUnit.rowCount);
  assert.equal(last.getCell(2).value, 'Tổng cộng');
  assert.equal(last.getCell(4).value, cash);
  const [cdl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-csv"]')]);
  const csv = readFileSync(await cdl.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffNgày,Đơn vị,Xã'));
  assert.equal(csv.trim().split('\r\n').length, acts.length + 1);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('text from another unit cannot run as a formula or break the workbook', async () => {
  const { ctx, page, problems } = await newPage(browser);
  const hostile = JSON.parse(bundleText);
  const formula = '=HYPERLINK("http://evil.example","Bấm vào")';
  hostile.records.activities[0].title = formula;
  hostile.records.activities[1].title = 'Chuông\u0007 báo\u001b Tết';
  await openApp(page, server.url);
  await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), JSON.stringify(hostile));
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.waitForSelector('[data-testid="document"]');
  const [xdl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-xlsx"]')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xdl.path());
  const texts = [];
  wb.getWorksheet('Hoạt động').eachRow((row) => row.eachCell((cell) => texts.push(cell)));
  const cell = texts.find((c) => String(c.text).includes('HYPERLINK'));
  assert.ok(cell, 'the title is in the sheet');
  assert.equal(cell.value, formula, 'kept as the text it is, not a formula');
  assert.equal(cell.type, ExcelJS.ValueType.String);
  assert.ok(texts.some((c) => c.value === 'Chuông báo Tết'), 'control characters dropped');
  const [cdl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-csv"]')]);
  const csv = readFileSync(await cdl.path(), 'utf8');
  assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""Bấm vào"")"`), 'a leading quote in CSV');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the provincial summary prints on A4 in the administrative layout', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.waitForSelector('[data-testid="document"]');
  const doc = await page.textContent('[data-testid="document"]');
  for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: …/BC-SDTTG', 'BÁO CÁO', 'Nơi nhận:', 'GIÁM ĐỐC']) {
    assert.ok(doc.includes(text), text);
  }
  // A review report's sections, then the tables in the annex after the signature.
  assert.ok(doc.includes('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN'), 'limitations and causes');
  const annex = await page.textContent('[data-testid="doc-annex"]');
  assert.match(annex, /^PHỤ LỤC\(Kèm theo Báo cáo số …\/BC-SDTTG ngày .* của Sở Dân tộc và Tôn giáo\)/);
  assert.ok(await page.isVisible('[data-testid="doc-annex"] [data-testid="table-category"]'));
  assert.equal(await page.$$eval('.doc-sign ~ [data-testid="doc-annex"]', (x) => x.length), 1, 'the annex follows the signature');
  // Sections II–V are drafted in their own box and the officer's edit goes into the document.
  const sections = await page.inputValue('#summary-sections');
  assert.match(sections, /^II\. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n\n/);
  await page.fill('#summary-sections', `${sections}\n\nVI. Ý KIẾN CỦA CƠ QUAN TỔNG HỢP\n\nĐề nghị bổ sung kinh phí cho năm sau.`);
  await page.waitForSelector('[data-testid="document"] h2:has-text("VI. Ý KIẾN CỦA CƠ QUAN TỔNG HỢP")');
  await page.waitForSelector('[data-testid="document"] >> text=Đề nghị bổ sung kinh phí cho năm sau.');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.app-header'), false, 'the app around the document is not printed');
  assert.equal(await page.$eval('[data-testid="doc-annex"]', (a) => getComputedStyle(a).breakBefore), 'page');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const path = join(ARTIFACTS, 'summary.pdf');
  writeFileSync(path, pdf);
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  assert.ok(boxes.length >= 2, `pages: ${boxes.length}`);
  for (const [, w, h] of boxes) {
    // A4 is 595.28 × 841.89 points
    assert.ok(Math.abs(Number(w) - 595.3) < 2 && Math.abs(Number(h) - 841.9) < 2, `${w}×${h}`);
  }
  // Page numbers (Nghị định 30/2020): none on the first page, then 2, 3 … at the top of the body's
  // pages; the annex never continues the body's numbering (read back with poppler's pdftotext).
  const pages = execFileSync('pdftotext', ['-layout', path, '-']).toString().split('\f').filter((p) => p.trim())
    .map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean))
    .map(([first, ...rest]) => (/^\d+$/.test(first) ? { number: first, opens: rest[0] } : { number: null, opens: first }));
  const annexAt = pages.findIndex((p) => p.opens.startsWith('PHỤ LỤC'));
  assert.ok(annexAt >= 1, `the annex starts a page of its own: ${pages.map((p) => p.opens).join(' | ')}`);
  assert.deepEqual(pages.slice(0, annexAt).map((p) => p.number), pages.slice(0, annexAt).map((_, i) => (i ? String(i + 1) : null)), 'body pages');
  assert.deepEqual(pages.slice(annexAt).map((p) => p.number), pages.slice(annexAt).map(() => null), 'annex pages');
  assert.deepEqual(problems, []);
  await ctx.close();
});

/** What python-docx (Debian's, under /usr/bin/python3) reads in a downloaded Word file (tests/e2e/docx_read.py). */
function readDocx(path) {
  return JSON.parse(execFileSync('/usr/bin/python3', ['tests/e2e/docx_read.py', path]).toString());
}

test('the summary and a unit report download as Word files in the same layout, readable by python-docx', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.waitForSelector('[data-testid="document"]');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-docx"]')]);
  assert.equal(dl.suggestedFilename(), 'tong-hop-2021-2025.docx');
  const path = join(ARTIFACTS, 'summary.docx');
  await dl.saveAs(path);
  const d = readDocx(path);
  // A4, margins of Nghị định 30 (top/bottom 20 mm, left 30 mm, right 15 mm), Times New Roman.
  // The annex is a section of its own, its pages numbered from 1.
  const setup = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15, page_numbers: true, first_page_different: true };
  assert.deepEqual(d.sections, [{ ...setup, numbered_from: null }, { ...setup, numbered_from: 1 }]);
  assert.equal(d.default_font, 'Times New Roman');
  const [head] = d.tables;
  assert.match(head[0][0], /Số: …\/BC-SDTTG/);
  assert.match(head[0][1], /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.*Độc lập - Tự do - Hạnh phúc/s);
  const paras = d.paragraphs.filter((p) => p.trim());
  for (const text of ['BÁO CÁO', 'I. KẾT QUẢ THỰC HIỆN', 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', 'PHỤ LỤC', 'Biểu 1. Kết quả theo lĩnh vực']) {
    assert.ok(paras.includes(text), text);
    assert.ok(d.bold_runs.includes(text), `${text} is bold`);
  }
  // Every paragraph of the page's document is in the Word file, word for word.
  const onPage = await page.$$eval('[data-testid="document"] .doc-p', (ps) => ps.map((p) => p.textContent.trim()));
  for (const p of onPage) assert.ok(paras.includes(p) || paras.includes(`- ${p}`), `missing: ${p.slice(0, 60)}`);
  // The tables as on the page: header, rows and the totals row.
  const pageTable = await page.$$eval('[data-testid="document"] [data-testid="table-unit"] tr', (rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())),
  );
  assert.ok(d.tables.some((t) => JSON.stringify(t) === JSON.stringify(pageTable)), 'the units table, cell for cell');
  const sign = d.tables.find((t) => t[0][0].startsWith('Nơi nhận:'));
  assert.ok(sign, 'the signature block');
  assert.match(sign[0][0], /- Lưu: VT\./);
  assert.match(sign[0][1], /GIÁM ĐỐC/);
  // The unit's own report.
  await openApp(page, server.url, '#/reports');
  const unit = bundle.records.units[0];
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2025');
  await page.waitForSelector('[data-testid="document"]');
  const [udl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-docx"]')]);
  assert.match(udl.suggestedFilename(), /^bao-cao-.*-2025\.docx$/);
  const upath = join(ARTIFACTS, 'unit-report.docx');
  await udl.saveAs(upath);
  const u = readDocx(upath);
  for (const text of ['I. KẾT QUẢ THỰC HIỆN', '1. Kết quả theo lĩnh vực', 'IV. ĐỀ XUẤT, KIẾN NGHỊ']) {
    assert.ok(u.paragraphs.includes(text), text);
  }
  assert.ok(u.tables.length >= 5, 'letterhead, three tables, signature');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('any period: phases from the data and the calendar, quarters, and a span typed as dates (the three-year review)', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.waitForSelector('[data-testid="document"]');
  const options = await page.$$eval('#summary-period option', (os) => os.map((o) => o.value));
  const year = new Date().getFullYear();
  const start = year - ((year - 2021) % 5);
  assert.ok(options.includes(`${start}-${start + 4}`), `this phase is offered: ${options.slice(0, 3)}`);
  assert.ok(options.includes('2021-2025') && options.includes('2023-Q3') && options.includes('custom'));
  assert.equal(await page.inputValue('#summary-period'), '2021-2025', 'the phase with data first');

  // A quarter.
  const acts = bundle.records.activities;
  await page.selectOption('#summary-period', '2023-Q3');
  await page.waitForFunction(() => document.querySelector('#summary-narrative').value.startsWith('Trong quý III năm 2023'));
  const q3 = acts.filter((a) => a.date >= '2023-07-01' && a.date <= '2023-09-30');
  assert.deepEqual((await totals(page, 'table-category')).slice(0, 2), [q3.length, sum(q3, (a) => a.cash_vnd)]);

  // 2021–2023 as dates: the seed's review, "Sau 3 năm" only because the span is three years.
  await page.selectOption('#summary-period', 'custom');
  await page.fill('#summary-period-from', '01/01/2021');
  await page.fill('#summary-period-to', '31/12/2023');
  const span = acts.filter((a) => a.date >= '2021-01-01' && a.date <= '2023-12-31');
  await page.waitForFunction(() => document.querySelector("#summary-narrative").value.startsWith('Sau 3 năm (2021-2023) thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn'));
  assert.deepEqual((await totals(page, 'table-category')).slice(0, 2), [span.length, sum(span, (a) => a.cash_vnd)]);
  // The end before the start is named, and the figures stay as they were.
  await page.fill('#summary-period-to', '31/12/2020');
  await page.waitForSelector('#summary-period-from-error');
  assert.match(await page.textContent('#summary-period-from-error'), /trước hoặc trùng/);
  assert.deepEqual((await totals(page, 'table-category')).slice(0, 1), [span.length]);
  await screenshot(page, 'summary-custom-period');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("a unit's letterhead comes from the directory: its superior, its short name, a Party body's layout, a two-line signer", async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  const units = bundle.records.units;
  const head = async (u) => {
    await page.selectOption('#report-unit', u.id);
    await page.waitForFunction((n) => document.querySelector('[data-testid="document"] .doc-head')?.textContent.includes(n.toUpperCase()), u.name);
    return page.textContent('[data-testid="document"] .doc-head');
  };
  await openApp(page, server.url, '#/reports?tab=unit');
  const gov = units.find((u) => u.bloc === 'government' && u.level === 'province');
  let text = await head(gov);
  assert.ok(text.includes('UBND TỈNH HÒA BÌNH') && text.includes(`Số: …/BC-${gov.short_name}`), text);
  assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
  const armed = units.find((u) => u.bloc === 'armed');
  text = await head(armed);
  assert.ok(!text.includes('UBND'), `no People's Committee above ${armed.name}: ${text}`);
  const party = units.find((u) => u.bloc === 'party');
  text = await head(party);
  assert.ok(text.includes('ĐẢNG CỘNG SẢN VIỆT NAM') && text.includes('ĐẢNG BỘ TỈNH HÒA BÌNH'), text);
  assert.ok(text.includes(`Số …-BC/${party.short_name}`) && !text.includes('CỘNG HÒA XÃ HỘI'), text);
  // Two lines of signer title.
  await page.click('[data-testid="head-fields"] summary');
  await page.fill('#head-signer-title', 'T/M Ban Thường vụ\nPhó Trưởng ban');
  await page.waitForSelector('[data-testid="document"] .signer >> text=PHÓ TRƯỞNG BAN');
  const lines = await page.$$eval('[data-testid="document"] .signer .strong', (ds) => ds.map((d) => d.textContent));
  assert.deepEqual(lines.slice(0, 2), ['T/M BAN THƯỜNG VỤ', 'PHÓ TRƯỞNG BAN']);
  await page.evaluate(() => document.querySelector('[data-testid="document"] .doc-head').scrollIntoView());
  await screenshot(page, 'unit-report-party');
  await page.evaluate(() => document.querySelector('[data-testid="document"] .doc-sign').scrollIntoView());
  await screenshot(page, 'unit-report-party-signer');

  // A superior typed in the directory heads the documents.
  await openApp(page, server.url, '#/directory?tab=units');
  await page.locator('[data-testid="unit-row"]', { hasText: armed.name }).locator('[data-testid="unit-edit"]').click();
  await page.fill('#unit-superior', 'Bộ Công an');
  await page.click('[data-testid="unit-save"]');
  await openApp(page, server.url, '#/reports?tab=unit');
  text = await head(armed);
  assert.ok(text.includes('BỘ CÔNG AN'), text);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("a unit report offers only the periods its saved record may name", async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/reports?tab=unit');
  const options = await page.$$eval('#report-period option', (os) => os.map((o) => o.value));
  assert.ok(options.includes('2023') && options.includes('2023-H1') && options.includes('2021-2025'), options.join());
  assert.ok(!options.some((o) => o.includes('Q') || o === 'custom'), options.join());
  assert.deepEqual(problems, []);
  await ctx.close();
});
