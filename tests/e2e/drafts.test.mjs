// Nothing typed is lost: report narratives, letterheads and the activity form are kept as drafts
// while typed (another tab of the reports, another period, a reload), say when what is saved
// changed under them, and leaving with unsaved edits asks first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serveDir, launchBrowser, newPage, openApp, screenshot } from './harness.mjs';

const GEN = 'target/debug/examples/gen_bundle';
let bundleText;
let bundle;
let server;
let browser;
before(async () => {
  bundleText = execFileSync(GEN, ['120'], { maxBuffer: 1 << 26 }).toString();
  bundle = JSON.parse(bundleText);
  server = await serveDir();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function loaded(page) {
  await openApp(page, server.url);
  await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), bundleText);
}
const note = (page) => page.getAttribute('[data-testid="draft-note"]', 'data-state');
async function noteIs(page, state, scope = '') {
  await page.waitForFunction(
    ([s, sel]) => document.querySelector(`${sel} [data-testid="draft-note"]`)?.dataset.state === s,
    [state, scope],
  );
}
/** Reload without the leave question (as after the person answered "Leave"). */
async function reload(page, hash) {
  page.once('dialog', (d) => d.accept());
  await page.goto('about:blank');
  await openApp(page, server.url, hash);
}

test('an edited summary narrative survives another period, the unit tab and a reload; new figures mark it; redraft ends it', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/reports?tab=summary');
  await page.selectOption('#summary-period', '2023');
  const drafted2023 = await page.inputValue('#summary-narrative');
  const mine = `${drafted2023}\n\nĐoạn bổ sung của cán bộ tổng hợp năm 2023.`;
  await page.fill('#summary-narrative', mine);
  await noteIs(page, 'kept');

  // Another period has its own text; back to 2023, the edit is there.
  await page.selectOption('#summary-period', '2024');
  await page.waitForFunction((t) => document.querySelector('#summary-narrative').value !== t, mine);
  assert.ok(!(await page.inputValue('#summary-narrative')).includes('Đoạn bổ sung'));
  await page.selectOption('#summary-period', '2023');
  await page.waitForFunction((t) => document.querySelector('#summary-narrative').value === t, mine);

  // The unit tab and back; then a reload.
  await page.click('[data-testid="tab-unit"]');
  await page.waitForSelector('#report-unit');
  await page.click('[data-testid="tab-summary"]');
  await page.selectOption('#summary-period', '2023');
  await page.waitForFunction((t) => document.querySelector('#summary-narrative').value === t, mine);
  await reload(page, '#/reports?tab=summary');
  await page.selectOption('#summary-period', '2023');
  await page.waitForFunction((t) => document.querySelector('#summary-narrative').value === t, mine);
  await noteIs(page, 'restored');
  assert.ok(await page.isVisible('[data-testid="document"] >> text=Đoạn bổ sung của cán bộ tổng hợp năm 2023.'));
  // A narrative is only ever kept, never "unsaved": leaving does not ask.
  assert.equal(await page.evaluate(() => window.wasmBindings.debug_unsaved_edits()), false);

  // New figures for 2023 (another activity): the edit stays, marked as written over older ones.
  const act = bundle.records.activities.find((a) => a.date.startsWith('2023'));
  await page.evaluate(([id]) => window.wasmBindings.debug_edit('activity', id, 'cash_vnd', '987654321'), [act.id]);
  await noteIs(page, 'stale');
  assert.equal(await page.inputValue('#summary-narrative'), mine);
  await screenshot(page, 'draft-summary-stale');

  // "Soạn lại" drafts from the new figures; the draft is gone after a reload too.
  await page.click('[data-testid="summary-redraft"]');
  await page.waitForFunction(() => !document.querySelector('#summary-narrative').value.includes('Đoạn bổ sung'));
  await noteIs(page, 'none');
  await reload(page, '#/reports?tab=summary');
  await page.selectOption('#summary-period', '2023');
  assert.ok(!(await page.inputValue('#summary-narrative')).includes('Đoạn bổ sung'));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the letterhead typed once stays after a save and a reload, per issuer; it can go back to the defaults', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  const unit = bundle.records.units[0];
  await openApp(page, server.url, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.click('[data-testid="head-fields"] summary');
  assert.equal(await page.inputValue('#head-issuer'), unit.name);
  await page.fill('#head-number', '27/BC-CAT');
  await page.fill('#head-signer-title', 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
  await page.fill('#head-signer-name', 'Nguyễn Văn Bình');
  await page.fill('#report-assessment', 'Hoàn thành kế hoạch năm.');
  await page.click('[data-testid="report-save"]');
  await page.waitForSelector('[data-testid="report-status"] >> text=Đã lưu');
  await reload(page, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.click('[data-testid="head-fields"] summary');
  assert.equal(await page.inputValue('#head-number'), '27/BC-CAT');
  assert.equal(await page.inputValue('#head-signer-name'), 'Nguyễn Văn Bình');
  assert.equal(await page.inputValue('#report-assessment'), 'Hoàn thành kế hoạch năm.');
  assert.ok(await page.isVisible('[data-testid="document"] >> text=Nguyễn Văn Bình'));

  // Another unit has its own letterhead, named after it.
  const other = bundle.records.units[1];
  await page.selectOption('#report-unit', other.id);
  await page.waitForFunction((n) => document.querySelector('#head-issuer').value === n, other.name);
  assert.equal(await page.inputValue('#head-signer-name'), '');
  // The summary's letterhead is its own too.
  await page.click('[data-testid="tab-summary"]');
  await page.click('[data-testid="head-fields"] summary');
  await page.fill('#head-signer-name', 'Trần Thị Hoa');
  await reload(page, '#/reports?tab=summary');
  await page.click('[data-testid="head-fields"] summary');
  assert.equal(await page.inputValue('#head-signer-name'), 'Trần Thị Hoa');
  await noteIs(page, 'restored', '[data-testid="head-fields"]');
  await page.click('[data-testid="head-fields"] [data-testid="draft-discard"]');
  await page.click('[data-testid="head-fields"] [data-testid="draft-discard-confirm"]');
  await page.waitForFunction(() => document.querySelector('#head-signer-name').value === '');
  await reload(page, '#/reports?tab=summary');
  await page.click('[data-testid="head-fields"] summary');
  assert.equal(await page.inputValue('#head-signer-name'), '');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a unit report typed and not saved: kept per period, restored after a reload, leaving asks; saved, it does not', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  const unit = bundle.records.units[2];
  await openApp(page, server.url, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2024');
  await page.fill('#report-assessment', 'Đánh giá năm 2024 đang soạn.');
  await page.fill('#report-proposals', 'Đề nghị bổ sung vốn.');
  await noteIs(page, 'kept');
  assert.equal(await page.evaluate(() => window.wasmBindings.debug_unsaved_edits()), true);

  // Another period, then back.
  await page.selectOption('#report-period', '2023');
  await page.waitForFunction(() => document.querySelector('#report-assessment').value !== 'Đánh giá năm 2024 đang soạn.');
  await page.selectOption('#report-period', '2024');
  await page.waitForFunction(() => document.querySelector('#report-assessment').value === 'Đánh giá năm 2024 đang soạn.');

  // Leaving asks (the browser's own question); staying keeps the page as it is.
  const asked = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.dismiss(); }));
  await page.goto('about:blank').catch(() => {});
  assert.equal(await asked, 'beforeunload');
  assert.equal(await page.inputValue('#report-assessment'), 'Đánh giá năm 2024 đang soạn.');

  // Left anyway: the draft comes back, with its note.
  await reload(page, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2024');
  await page.waitForFunction(() => document.querySelector('#report-assessment').value === 'Đánh giá năm 2024 đang soạn.');
  assert.equal(await page.inputValue('#report-proposals'), 'Đề nghị bổ sung vốn.');
  await noteIs(page, 'restored');
  await page.locator('[data-testid="report-save"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'draft-report-restored');

  // Saved: nothing unsaved, no question, no note; the saved text after a reload.
  await page.click('[data-testid="report-save"]');
  await page.waitForSelector('[data-testid="report-status"] >> text=Đã lưu');
  await noteIs(page, 'none');
  assert.equal(await page.evaluate(() => window.wasmBindings.debug_unsaved_edits()), false);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await page.goto('about:blank');
  assert.equal(dialogs, 0);
  await openApp(page, server.url, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2024');
  await page.waitForFunction(() => document.querySelector('#report-assessment').value === 'Đánh giá năm 2024 đang soạn.');
  assert.equal(await note(page), 'none');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a draft over a report another tab saved since says so and keeps the typed text; discarding shows the saved one', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  const unit = bundle.records.units[3];
  await openApp(page, server.url, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2024');
  await page.fill('#report-assessment', 'Bản đầu.');
  await page.click('[data-testid="report-save"]');
  await page.waitForSelector('[data-testid="report-status"] >> text=Đã lưu');
  await page.fill('#report-assessment', 'Bản đầu, sửa tiếp ở tab này.');
  await noteIs(page, 'kept');

  // A second tab opens the same report (the draft is the browser's: it shows there too), and
  // saves its own text.
  const other = await ctx.newPage();
  await openApp(other, server.url, '#/reports?tab=unit');
  await other.selectOption('#report-unit', unit.id);
  await other.selectOption('#report-period', '2024');
  await other.waitForFunction(() => document.querySelector('#report-assessment').value === 'Bản đầu, sửa tiếp ở tab này.');
  await other.fill('#report-assessment', 'Bản của tab kia.');
  await other.click('[data-testid="report-save"]');
  await other.waitForSelector('[data-testid="report-status"] >> text=Đã lưu');
  await other.close();

  // This tab: the typed text stays, marked.
  await noteIs(page, 'stale');
  assert.equal(await page.inputValue('#report-assessment'), 'Bản đầu, sửa tiếp ở tab này.');
  // After a reload too.
  await reload(page, '#/reports?tab=unit');
  await page.selectOption('#report-unit', unit.id);
  await page.selectOption('#report-period', '2024');
  await page.waitForFunction(() => document.querySelector('#report-assessment').value === 'Bản đầu, sửa tiếp ở tab này.');
  await noteIs(page, 'stale');
  await page.click('[data-testid="draft-discard"]');
  await page.click('[data-testid="draft-discard-confirm"]');
  await page.waitForFunction(() => document.querySelector('#report-assessment').value === 'Bản của tab kia.');
  await noteIs(page, 'none');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the activity form keeps a new entry and an edit through other screens and a reload; Esc throws it away', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await loaded(page);
  await openApp(page, server.url, '#/activities');
  await page.click('[data-testid="act-add"]');
  await page.fill('#act-title', 'Tặng quà cho hộ nghèo bản Sưng');
  await page.fill('#act-description', 'Mô tả dài: 30 suất quà, mỗi suất 500.000 đồng.');
  await page.fill('#act-cash', '15.000.000');
  await noteIs(page, 'kept');
  await page.click('a[href="#/reports"]');
  await page.waitForSelector('[data-testid="page-reports"]');
  await page.click('a[href="#/activities"]');
  await page.waitForFunction(() => document.querySelector('#act-title')?.value === 'Tặng quà cho hộ nghèo bản Sưng');
  await reload(page, '#/activities');
  await page.waitForFunction(() => document.querySelector('#act-title')?.value === 'Tặng quà cho hộ nghèo bản Sưng');
  assert.equal(await page.inputValue('#act-description'), 'Mô tả dài: 30 suất quà, mỗi suất 500.000 đồng.');
  assert.equal(await page.inputValue('#act-cash'), '15.000.000');
  await noteIs(page, 'restored');

  // An edit of a listed activity, left unsaved: the reload comes back to that record.
  const row = page.locator('[data-testid="activity-row"]').first();
  await row.locator('[data-testid="act-edit"]').click();
  const original = await page.inputValue('#act-title');
  await page.fill('#act-title', `${original} (đã sửa)`);
  await noteIs(page, 'kept');
  await reload(page, '#/activities');
  await page.waitForFunction((t) => document.querySelector('#act-title')?.value === t, `${original} (đã sửa)`);
  assert.ok(await page.isVisible('text=Sửa hoạt động'));
  // Esc throws the edit away; the new entry typed before comes back.
  await page.press('#act-title', 'Escape');
  await page.waitForFunction(() => document.querySelector('#act-title')?.value === 'Tặng quà cho hộ nghèo bản Sưng');
  // Esc again throws the new entry away; after a reload the form is empty.
  await page.press('#act-title', 'Escape');
  await page.waitForFunction(() => document.querySelector('#act-title')?.value === '');
  await reload(page, '#/activities');
  assert.equal(await page.inputValue('#act-title'), '');
  assert.equal(await note(page), 'none');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a plan with its items and a model are kept through a reload; saved, their drafts go', async () => {
  const { ctx, page, problems } = await newPage(browser);
  // A small directory: this test is about the forms, not about hundreds of plan cards.
  const small = readFileSync('tests/fixtures/bundles/small.json', 'utf8');
  await openApp(page, server.url);
  await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), small);
  const unit = JSON.parse(small).records.units[0];
  await openApp(page, server.url, '#/plans');
  await page.selectOption('#plan-unit', unit.id);
  await page.fill('#plan-number', '45/KH-DRAFT');
  await page.selectOption('#item-0-category', 'gifts');
  await page.fill('#item-0-title', 'Quà Tết cho hộ nghèo');
  await page.click('[data-testid="item-add"]');
  await page.selectOption('#item-1-category', 'housing');
  await page.fill('#item-1-title', 'Sửa chữa nhà ở');
  await page.fill('#item-1-qty', '3');
  await noteIs(page, 'kept');
  await reload(page, '#/plans');
  await page.waitForFunction(() => document.querySelector('#plan-number')?.value === '45/KH-DRAFT');
  assert.equal(await page.locator('[data-testid="plan-item"]').count(), 2);
  assert.equal(await page.inputValue('#item-0-title'), 'Quà Tết cho hộ nghèo');
  assert.equal(await page.inputValue('#item-1-title'), 'Sửa chữa nhà ở');
  assert.equal(await page.inputValue('#item-1-qty'), '3');
  assert.equal(await page.inputValue('#item-1-category'), 'housing');
  await noteIs(page, 'restored');

  await openApp(page, server.url, '#/models');
  await page.fill('#model-name', 'Nuôi ong lấy mật bản Sưng');
  await page.fill('#model-outcome', 'Kết quả ban đầu: 12 hộ có thu nhập thêm.');
  await reload(page, '#/models');
  await page.waitForFunction(() => document.querySelector('#model-name')?.value === 'Nuôi ong lấy mật bản Sưng');
  assert.equal(await page.inputValue('#model-outcome'), 'Kết quả ban đầu: 12 hộ có thu nhập thêm.');
  // Cancel throws it away, for good.
  await page.press('#model-name', 'Escape');
  await page.waitForFunction(() => document.querySelector('#model-name')?.value === '');
  await reload(page, '#/models');
  assert.equal(await page.inputValue('#model-name'), '');

  // The plan saved: no draft, nothing unsaved.
  await openApp(page, server.url, '#/plans');
  await page.waitForFunction(() => document.querySelector('#plan-number')?.value === '45/KH-DRAFT');
  await page.selectOption('#plan-location', { index: 1 });
  await page.click('[data-testid="plan-save"]');
  await page.waitForFunction(() => document.querySelector('#plan-number')?.value === '');
  assert.equal(await page.evaluate(() => window.wasmBindings.debug_unsaved_edits()), false);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':draft.plan')).length), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});
