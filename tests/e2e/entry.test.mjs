// The entry screens as a new user meets them: build a commune with two villages, a unit, an
// assignment, a yearly plan with two items, three activities (one typed as "1,5 triệu"), a
// model; see the plan's progress; find by unaccented text; edit, delete, undo; reload. Then the
// refusals, keyboard use, the unit pre-filter, and 30,000 activities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

const count = async (page) => Number(await page.getAttribute('[data-testid="activity-count"]', 'data-value'));
/** Every stored key but the drafts (what a form keeps while it is typed is not data). */
const storage = (page) =>
  page.evaluate(() =>
    JSON.stringify(
      Object.keys(localStorage)
        .filter((k) => !k.includes(':draft.'))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );

async function addPlace(page, { level, parent, name, label }) {
  await page.selectOption('#loc-level', level);
  if (parent) await page.selectOption('#loc-parent', { label: parent });
  await page.fill('#loc-name', name);
  if (label) await page.fill('#loc-label', label);
  await page.click('[data-testid="loc-save"]');
  await page.waitForSelector(`[data-testid="place-node"]:has-text("${name}")`);
}

async function addActivity(page, f) {
  await page.selectOption('#act-unit', { label: f.unit });
  await page.selectOption('#act-location', { label: f.place });
  await page.fill('#act-date', f.date);
  await page.selectOption('#act-category', f.category);
  await page.fill('#act-title', f.title);
  if (f.cash) await page.fill('#act-cash', f.cash);
  if (f.qty) await page.fill('#act-qty', f.qty);
  if (f.measure) await page.selectOption('#act-measure', f.measure);
  if (f.households) await page.fill('#act-households', f.households);
  if (f.item) await page.selectOption('#act-plan-item', { label: f.item });
  await page.press('#act-title', 'Enter'); // Enter saves
}

/** Build the small world of the acceptance story; returns the page on #/activities. */
async function buildWorld(page) {
  await openApp(page, server.url, '#/directory');
  await addPlace(page, { level: 'commune', name: 'Pà Cò', label: 'xã' });
  await addPlace(page, { level: 'village', parent: 'Xã Pà Cò', name: 'Sáng', label: 'bản' });
  await addPlace(page, { level: 'village', parent: 'Xã Pà Cò', name: 'Pà Cò Con', label: 'bản' });
  await page.click('[data-testid="tab-units"]');
  await page.fill('#unit-name', 'Kho bạc Nhà nước tỉnh');
  await page.fill('#unit-short-name', 'KBNN');
  await page.click('[data-testid="unit-save"]');
  await page.waitForSelector('[data-testid="unit-row"]:has-text("Kho bạc")');
  await page.click('[data-testid="tab-assignments"]');
  await page.selectOption('#asg-unit', { label: 'Kho bạc Nhà nước tỉnh' });
  await page.selectOption('#asg-location', { label: 'Xã Pà Cò' });
  await page.fill('#asg-decision', '718-QĐ/TU ngày 14/12/2022');
  await page.click('[data-testid="asg-save"]');
  await page.waitForSelector('[data-testid="assignment-row"]:has-text("718-QĐ/TU")');

  await page.click('[data-testid="nav-plans"]');
  await page.selectOption('#plan-unit', { label: 'Kho bạc Nhà nước tỉnh' });
  await page.selectOption('#plan-location', { label: 'Xã Pà Cò' });
  await page.fill('#plan-year', '2023');
  await page.fill('#plan-number', '12/KH-KBNN');
  await page.selectOption('#item-0-category', 'housing');
  await page.fill('#item-0-title', 'Xây nhà Đại đoàn kết');
  await page.selectOption('#item-0-measure', 'house');
  await page.fill('#item-0-qty', '2');
  await page.fill('#item-0-vnd', '100 triệu');
  await page.click('[data-testid="item-add"]');
  await page.selectOption('#item-1-category', 'gifts');
  await page.fill('#item-1-title', 'Quà Tết cho hộ nghèo');
  await page.selectOption('#item-1-measure', 'gift');
  await page.fill('#item-1-qty', '100');
  await page.click('[data-testid="plan-save"]');
  await page.waitForSelector('[data-testid="plan-card"]');

  await page.click('[data-testid="nav-activities"]');
  await addActivity(page, {
    unit: 'Kho bạc Nhà nước tỉnh', place: 'Bản Sáng — xã Pà Cò', date: '15/03/2023', category: 'housing',
    title: 'Hỗ trợ xây nhà cho hộ nghèo bản Sáng', cash: '1,5 triệu', qty: '1', measure: 'house', households: '1',
    item: '12/KH-KBNN (2023) — Xây nhà Đại đoàn kết',
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '1');
  await addActivity(page, {
    unit: 'Kho bạc Nhà nước tỉnh', place: 'Xã Pà Cò', date: '20/01/2023', category: 'gifts',
    title: 'Tặng quà Tết', cash: '10.000.000', qty: '60', measure: 'gift', households: '60',
    item: '12/KH-KBNN (2023) — Quà Tết cho hộ nghèo',
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '2');
  await addActivity(page, {
    unit: 'Kho bạc Nhà nước tỉnh', place: 'Bản Pà Cò Con — xã Pà Cò', date: '02/06/2023', category: 'health',
    title: 'Khám bệnh, cấp thuốc miễn phí', cash: '500000',
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '3');
}

test('a new user builds the directory, a plan, activities and a model; progress, search, edit, delete, undo, reload', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  // the form remembered the unit and place of the last entry
  assert.equal(await page.$eval('#act-location', (s) => s.selectedOptions[0].textContent), 'Bản Pà Cò Con — xã Pà Cò');
  assert.equal(await page.inputValue('#act-date'), '02/06/2023');
  await screenshot(page, 'entry-activities');

  // "1,5 triệu" was read as 1.500.000 đ
  const row = page.locator('[data-testid="activity-row"]:has-text("bản Sáng")');
  assert.match(await row.textContent(), /1\.500\.000 đ/);

  // plan progress follows the linked activities
  await page.click('[data-testid="nav-plans"]');
  const houses = page.locator('[data-testid="plan-item-progress"]').nth(0);
  assert.equal(await houses.getAttribute('data-light'), 'light-track');
  assert.match(await houses.textContent(), /Đang thực hiện/);
  assert.match(await houses.textContent(), /1 \/ 2 căn/);
  const gifts = page.locator('[data-testid="plan-item-progress"]').nth(1);
  assert.equal(await gifts.getAttribute('data-light'), 'light-track');
  await screenshot(page, 'entry-plans', { fullPage: true });
  // "edit" on a card puts the plan back in the form, its items included
  await page.click('[data-testid="plan-card"] [data-testid="plan-edit"]');
  assert.equal(await page.inputValue('#plan-number'), '12/KH-KBNN');
  assert.equal(await page.inputValue('#item-1-title'), 'Quà Tết cho hộ nghèo');

  // a model
  await page.click('[data-testid="nav-models"]');
  await page.selectOption('#model-unit', { label: 'Kho bạc Nhà nước tỉnh' });
  await page.selectOption('#model-location', { label: 'Bản Sáng — xã Pà Cò' });
  await page.fill('#model-name', 'Nuôi vịt Bầu Bến bản Sáng');
  await page.selectOption('#model-kind', 'duck');
  await page.fill('#model-started-on', '01/04/2023');
  await page.fill('#model-households', '12');
  await page.fill('#model-capital', '60 triệu');
  await page.click('[data-testid="model-save"]');
  await page.waitForSelector('[data-testid="model-card"]:has-text("Bầu Bến")');
  await screenshot(page, 'entry-models', { fullPage: true });
  assert.match(await page.textContent('[data-testid="model-card"]'), /60\.000\.000 đ/);
  await page.click('[data-testid="model-card"] [data-testid="model-edit"]');
  assert.equal(await page.inputValue('#model-households'), '12');
  assert.equal(await page.inputValue('#model-started-on'), '01/04/2023');

  // find by unaccented text
  await page.click('[data-testid="nav-activities"]');
  await page.fill('#activity-search', 'ban sang');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '1');
  await page.fill('#activity-search', 'KHAM BENH');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '1');
  await page.fill('#activity-search', '');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '3');

  // edit: load into the form, change, save
  await page.locator('[data-testid="activity-row"]:has-text("Tặng quà Tết")').locator('[data-testid="act-edit"]').click();
  await page.waitForFunction(() => document.querySelector('#act-title')?.value === 'Tặng quà Tết');
  assert.equal(await page.inputValue('#act-cash'), '10.000.000');
  await page.fill('#act-title', 'Tặng quà Tết Nguyên đán');
  await page.press('#act-title', 'Enter');
  await page.waitForSelector('[data-testid="activity-row"]:has-text("Tết Nguyên đán")');
  assert.equal(await count(page), 3);
  // undo the edit
  await page.click('[data-testid="act-undo"]');
  await page.waitForSelector('[data-testid="activity-row"]:has-text("Tặng quà Tết")');
  assert.equal(await page.locator('[data-testid="activity-row"]:has-text("Nguyên đán")').count(), 0);

  // delete, then undo
  await page.locator('[data-testid="activity-row"]:has-text("Khám bệnh")').locator('[data-testid="act-delete"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '2');
  await page.click('[data-testid="act-undo"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '3');

  // everything is still there after a reload
  await page.reload();
  await page.waitForSelector('[data-testid="page-activities"]');
  assert.equal(await count(page), 3);
  await openApp(page, server.url, '#/');
  assert.equal(Number(await page.getAttribute('[data-testid="kpi-cash"]', 'data-value')), 1_500_000 + 10_000_000 + 500_000);
  await openApp(page, server.url, '#/directory?tab=coverage');
  assert.equal(Number(await page.textContent('[data-testid="coverage-missing"]')), 0);
  await openApp(page, server.url, '#/models');
  assert.equal(await page.locator('[data-testid="model-card"]').count(), 1);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('invalid entries show a message at the field and save nothing', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  const before = await storage(page);
  // empty title
  await page.selectOption('#act-category', 'gifts');
  await page.fill('#act-title', '');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-title-error"]');
  assert.match(await page.textContent('[data-testid="act-title-error"]'), /không được để trống/);
  // negative money
  await page.fill('#act-title', 'Hỗ trợ');
  await page.fill('#act-cash', '-500.000');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-cash-error"]');
  assert.match(await page.textContent('[data-testid="act-cash-error"]'), /không được âm/);
  assert.equal(await page.getAttribute('#act-cash', 'aria-invalid'), 'true');
  // a date outside the plan's year
  await page.fill('#act-cash', '1.000.000');
  await page.selectOption('#act-location', { label: 'Xã Pà Cò' });
  await page.fill('#act-date', '20/01/2023');
  await page.selectOption('#act-plan-item', { label: '12/KH-KBNN (2023) — Quà Tết cho hộ nghèo' });
  await page.fill('#act-date', '05/02/2024');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-date-error"]');
  assert.match(await page.textContent('[data-testid="act-date-error"]'), /không thuộc năm 2023/);
  // a date that is not a date
  await page.fill('#act-date', '31/02/2023');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-date-error"]:has-text("không có ngày 31")');
  assert.match(await page.textContent('[data-testid="act-date-error"]'), /dd\/mm\/yyyy/);
  assert.equal(await count(page), 3);
  // a village without a commune
  await openApp(page, server.url, '#/directory');
  await page.selectOption('#loc-level', 'village');
  await page.selectOption('#loc-parent', '');
  await page.fill('#loc-name', 'Bản Lạc');
  await page.click('[data-testid="loc-save"]');
  await page.waitForSelector('[data-testid="loc-parent-error"]');
  assert.match(await page.textContent('[data-testid="loc-parent-error"]'), /thiếu trường bắt buộc/);
  assert.equal(await page.locator('[data-testid="place-node"]:has-text("Bản Lạc")').count(), 0);
  assert.equal(await storage(page), before, 'nothing was saved');
  // The refused entry is kept as typed, as a draft, until it is saved or thrown away.
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('donghanh.data:draft.activity.new')));
  assert.equal(kept.fields.title, 'Hỗ trợ');
  assert.equal(kept.fields.date, '31/02/2023');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('dates typed as officials type them; a refusal says dd/mm/yyyy, takes the focus and clears the old "saved"', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  const base = await count(page);
  const typed = [
    ['15/8/24', '15/08/2024'],
    ['5/3/2023', '05/03/2023'],
    ['16.08.2024', '16/08/2024'],
    ['17/08/2024', '17/08/2024'],
  ];
  for (const [i, [text, shown]] of typed.entries()) {
    await addActivity(page, { unit: 'Kho bạc Nhà nước tỉnh', place: 'Xã Pà Cò', date: text, category: 'gifts', title: `Ngày gõ ${i}` });
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="activity-count"]')?.dataset.value) === n, base + i + 1);
    const row = page.locator('[data-testid="activity-table"] tr', { hasText: `Ngày gõ ${i}` });
    assert.match(await row.textContent(), new RegExp(shown.replace(/\//g, '\\/')), text);
  }
  assert.ok(await page.isVisible('[data-testid="act-flash"]'), 'the last save says so');
  // A day the calendar lacks: the message says how to type it, the focus goes to the date and
  // the green "saved" of the previous entry goes away.
  await page.fill('#act-title', 'Sai ngày');
  await page.fill('#act-date', '31/02/2024');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-date-error"]');
  const message = await page.textContent('[data-testid="act-date-error"]');
  assert.match(message, /không có ngày 31/);
  assert.match(message, /dd\/mm\/yyyy, ví dụ 15\/08\/2024/);
  assert.doesNotMatch(message, /YYYY-MM-DD/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'act-date');
  assert.equal(await page.isVisible('[data-testid="act-flash"]'), false);
  await page.fill('#act-date', 'hôm qua');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-date-error"]:has-text("Không đọc được ngày “hôm qua”")');
  // An empty choice is named, and the first field in error takes the focus.
  await page.fill('#act-date', '18/8/24');
  await page.selectOption('#act-unit', '');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-unit-error"]');
  assert.match(await page.textContent('[data-testid="act-unit-error"]'), /Chưa chọn đơn vị/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'act-unit');
  assert.equal(await count(page), base + typed.length);
  // In English too.
  await page.click('[data-testid="lang-en"]');
  await page.waitForSelector('#act-date');
  await page.fill('#act-date', '31/4/25');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-date-error"]:has-text("has no day 31")');
  assert.match(await page.textContent('[data-testid="act-date-error"]'), /dd\/mm\/yyyy/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('typing slips: poor households above households and people below them are refused; a huge amount asks once; the matching plan item is suggested', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  const before = await storage(page);
  await page.selectOption('#act-unit', { label: 'Kho bạc Nhà nước tỉnh' });
  await page.selectOption('#act-location', { label: 'Bản Sáng — xã Pà Cò' });
  await page.fill('#act-date', '25/01/2023');
  await page.selectOption('#act-category', 'gifts');
  // The gift plan item of the Kho bạc's 2023 plan is offered: one click links it.
  await page.waitForSelector('[data-testid="act-plan-suggestion"]:has-text("Quà Tết cho hộ nghèo")');
  await page.click('[data-testid="act-plan-suggest"]');
  assert.equal(await page.$eval('#act-plan-item', (s) => s.selectedOptions[0].textContent), '12/KH-KBNN (2023) — Quà Tết cho hộ nghèo');
  assert.equal(await page.isVisible('[data-testid="act-plan-suggestion"]'), false);
  await page.fill('#act-title', 'Tặng quà Tết bản Sáng');
  await page.fill('#act-households', '10');
  await page.fill('#act-poor', '15');
  await page.fill('#act-people', '5');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-poor-error"]');
  assert.match(await page.textContent('[data-testid="act-poor-error"]'), /Số hộ nghèo \(15\) lớn hơn số hộ được hỗ trợ \(10\)/);
  assert.match(await page.textContent('[data-testid="act-people-error"]'), /Số người \(5\) ít hơn số hộ \(10\)/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'act-poor');
  assert.equal(await storage(page), before);
  // A stray zero: 25 tỷ for one gift round is asked about, not saved.
  await page.fill('#act-poor', '6');
  await page.fill('#act-people', '38');
  await page.fill('#act-cash', '25.000.000.000');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-unusual"]');
  assert.match(await page.textContent('[data-testid="act-unusual"]'), /Tiền mặt 25\.000\.000\.000 đ: trên 2\.000\.000\.000 đ/);
  assert.equal(await storage(page), before, 'nothing saved before the officer confirms');
  await page.locator('[data-testid="act-unusual"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'entry-unusual-amount');
  // Corrected: saved at once, no question.
  await page.fill('#act-cash', '2.500.000');
  await page.click('[data-testid="act-save"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '4');
  assert.equal(await page.isVisible('[data-testid="act-unusual"]'), false);
  // Really that much: confirmed once, saved.
  await page.fill('#act-title', 'Hỗ trợ vốn lớn');
  await page.selectOption('#act-category', 'infrastructure');
  await page.fill('#act-cash', '3 tỷ');
  await page.click('[data-testid="act-save"]');
  await page.waitForSelector('[data-testid="act-unusual"]');
  assert.equal(await count(page), 4);
  await page.click('[data-testid="act-confirm-unusual"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '5');
  const row = page.locator('[data-testid="activity-table"] tr', { hasText: 'Hỗ trợ vốn lớn' });
  assert.match(await row.textContent(), /3\.000\.000\.000/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the list as in a spreadsheet: a totals row, sorting by a column header, a row duplicated into the form; on a phone rows are cards', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  const totals = () => page.getAttribute('[data-testid="activity-totals-vnd"]', 'data-value').then(Number);
  assert.equal(await totals(), 12_000_000);
  assert.match(await page.textContent('[data-testid="activity-totals"]'), /12\.000\.000 đ/);
  await page.fill('#activity-search', 'tet');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '1');
  assert.equal(await totals(), 10_000_000, 'the totals follow the filter');
  await page.fill('#activity-search', '');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '3');
  const column = (n) => page.$$eval('[data-testid="activity-row"]', (rows, k) => rows.map((r) => r.children[k].textContent), n);
  await page.click('[data-testid="sort-money"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-row"] td.num')?.textContent === '10.000.000 đ');
  assert.equal(await page.getAttribute('th:has([data-testid="sort-money"])', 'aria-sort'), 'descending');
  await page.click('[data-testid="sort-date"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-row"] td')?.textContent === '02/06/2023');
  await page.click('[data-testid="sort-date"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-row"] td')?.textContent === '20/01/2023');
  assert.equal(await page.getAttribute('th:has([data-testid="sort-date"])', 'aria-sort'), 'ascending');
  await page.click('[data-testid="sort-place"]');
  await page.waitForFunction(() => document.querySelector('#act-sort')?.value === 'place');
  const places = await column(2);
  assert.deepEqual(places, [...places].sort((a, b) => a.localeCompare(b, 'vi')));
  // "Nhân bản": the row's values become a new entry; the original stays.
  const gift = page.locator('[data-testid="activity-row"]', { hasText: 'Tặng quà Tết' });
  await gift.scrollIntoViewIfNeeded();
  await gift.locator('[data-testid="act-duplicate"]').click();
  await page.waitForSelector('[data-testid="act-copied"]');
  assert.equal(await page.inputValue('#act-title'), 'Tặng quà Tết');
  assert.equal(await page.inputValue('#act-cash'), '10.000.000');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'act-date');
  await page.fill('#act-date', '21/1/23');
  await page.click('[data-testid="act-save"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '4');
  assert.equal(await page.isVisible('[data-testid="act-copied"]'), false);
  assert.equal(await page.locator('[data-testid="activity-row"]', { hasText: 'Tặng quà Tết' }).count(), 2);
  assert.equal(await totals(), 22_000_000);
  // A phone: every row a card, its buttons on the screen, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('[data-testid="activity-table"]').scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => ({
    page: document.scrollingElement.scrollWidth,
    buttons: [...document.querySelectorAll('[data-testid="activity-row"] button')].map((b) => b.getBoundingClientRect().right),
  }));
  assert.ok(overflow.page <= 390, `the page is ${overflow.page} px wide`);
  assert.ok(overflow.buttons.length >= 12);
  assert.ok(overflow.buttons.every((r) => r <= 390), `buttons end at ${Math.max(...overflow.buttons)} px`);
  await screenshot(page, 'activity-list-390x844');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the list comes first; "Thêm hoạt động" or Alt+N opens the form, which stays open for the next entry', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  await page.reload();
  await page.waitForSelector('[data-testid="activity-row"]');
  assert.equal(await page.isVisible('[data-testid="activity-form"]'), false, 'the list first');
  await page.keyboard.press('Alt+N');
  await page.waitForSelector('[data-testid="activity-form"]', { state: 'visible' });
  // The first field still to fill takes the focus: unit, place and date carry over from the
  // last entry, so the category.
  await page.waitForFunction(() => document.activeElement?.id === 'act-category');
  assert.equal(await page.inputValue('#act-date'), '02/06/2023');
  await page.selectOption('#act-category', 'health');
  await page.fill('#act-title', 'Khám bệnh lần hai');
  await page.press('#act-title', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '4');
  assert.ok(await page.isVisible('[data-testid="activity-form"]'), 'still open for the next entry');
  await page.click('[data-testid="act-close"]');
  assert.equal(await page.isVisible('[data-testid="activity-form"]'), false);
  await page.click('[data-testid="act-add"]');
  assert.ok(await page.isVisible('[data-testid="activity-form"]'));
  // Editing a row opens it too.
  await page.click('[data-testid="act-close"]');
  await page.locator('[data-testid="act-edit"]').first().click();
  await page.waitForSelector('[data-testid="activity-form"]', { state: 'visible' });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the place tree opens and closes a commune, adds a place below one and edits one', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/directory');
  await addPlace(page, { level: 'commune', name: 'Hang Kia', label: 'xã' });
  await addPlace(page, { level: 'village', parent: 'Xã Hang Kia', name: 'Hang Kia Con', label: 'bản' });
  const node = (name) => page.locator(`[data-testid="place-node"]:has-text("${name}")`);
  // saving a village opened its commune; the twisty closes and opens it again
  assert.equal(await node('Xã Hang Kia').getAttribute('aria-expanded'), 'true');
  await node('Xã Hang Kia').locator('.twisty').click();
  await node('Hang Kia Con').waitFor({ state: 'detached' });
  assert.equal(await node('Xã Hang Kia').getAttribute('aria-expanded'), 'false');
  await node('Xã Hang Kia').locator('.twisty').click();
  await node('Hang Kia Con').waitFor();
  // "add below": the level below, the parent chosen, the cursor in the name
  await node('Xã Hang Kia').locator('[data-testid="loc-add-child"]').click();
  assert.equal(await page.inputValue('#loc-level'), 'village');
  assert.equal(await page.inputValue('#loc-parent'), await node('Xã Hang Kia').getAttribute('data-id'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'loc-name');
  await page.fill('#loc-name', 'Pà Khôm');
  await page.click('[data-testid="loc-save"]');
  await node('Bản Pà Khôm').waitFor();
  // "edit": the form takes the place; saving renames it in the tree
  await node('Hang Kia Con').locator('[data-testid="loc-edit"]').click();
  assert.equal(await page.inputValue('#loc-name'), 'Hang Kia Con');
  await page.fill('#loc-name', 'Hang Kia Lớn');
  await page.click('[data-testid="loc-save"]');
  await node('Hang Kia Lớn').waitFor();
  assert.equal(await node('Hang Kia Con').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a unit and an assignment are edited from their rows; coverage follows', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/directory');
  await addPlace(page, { level: 'commune', name: 'Mai Hịch', label: 'xã' });
  await page.click('[data-testid="tab-coverage"]');
  await page.waitForSelector('[data-testid="coverage-row"].uncovered:has-text("Xã Mai Hịch")');
  await page.click('[data-testid="tab-units"]');
  await page.fill('#unit-name', 'Sở Y tế');
  await page.click('[data-testid="unit-save"]');
  await page.click('[data-testid="unit-row"]:has-text("Sở Y tế") [data-testid="unit-edit"]');
  assert.equal(await page.inputValue('#unit-name'), 'Sở Y tế');
  await page.fill('#unit-name', 'Sở Y tế tỉnh');
  await page.click('[data-testid="unit-save"]');
  await page.waitForSelector('[data-testid="unit-row"]:has-text("Sở Y tế tỉnh")');
  assert.equal(await page.locator('[data-testid="unit-row"]').count(), 1, 'edited, not added');
  await page.click('[data-testid="tab-assignments"]');
  await page.selectOption('#asg-unit', { label: 'Sở Y tế tỉnh' });
  await page.selectOption('#asg-location', { label: 'Xã Mai Hịch' });
  await page.fill('#asg-decision', '12/QĐ-UBND');
  await page.click('[data-testid="asg-save"]');
  await page.click('[data-testid="assignment-row"]:has-text("12/QĐ-UBND") [data-testid="asg-edit"]');
  assert.equal(await page.inputValue('#asg-decision'), '12/QĐ-UBND');
  assert.equal(await page.inputValue('#asg-location'), await page.getAttribute('#asg-location option:checked', 'value'));
  await page.fill('#asg-decision', '13/QĐ-UBND');
  await page.click('[data-testid="asg-save"]');
  await page.waitForSelector('[data-testid="assignment-row"]:has-text("13/QĐ-UBND")');
  assert.equal(await page.locator('[data-testid="assignment-row"]').count(), 1, 'edited, not added');
  await page.click('[data-testid="tab-coverage"]');
  await page.waitForSelector('[data-testid="coverage-row"]:not(.uncovered):has-text("Sở Y tế tỉnh")');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('keyboard only: tab order follows the form, Esc cancels an edit', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  await page.focus('#act-unit');
  const order = [];
  for (let i = 0; i < 5; i++) {
    order.push(await page.evaluate(() => document.activeElement.id));
    await page.keyboard.press('Tab');
  }
  assert.deepEqual(order, ['act-unit', 'act-location', 'act-date', 'act-category', 'act-title']);
  // labels are tied to their inputs
  assert.equal(await page.getAttribute('label[for="act-cash"]', 'for'), 'act-cash');
  assert.equal(await page.$eval('#act-cash', (el) => el.labels[0].textContent.trim()), 'Hỗ trợ bằng tiền (đồng)');
  // Esc leaves an edit without saving
  await page.locator('[data-testid="act-edit"]').first().click();
  await page.waitForFunction(() => document.querySelector('#act-title')?.value !== '');
  const title = await page.inputValue('#act-title');
  await page.fill('#act-title', 'changed');
  await page.press('#act-title', 'Escape');
  await page.waitForFunction(() => document.querySelector('#act-title')?.value === '');
  assert.equal(await page.locator(`[data-testid="activity-row"]:has-text("${title}")`).count(), 1);
  assert.equal(await page.locator('[data-testid="activity-row"]:has-text("changed")').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('keyboard: after "Sửa" the title has the focus; Enter on a list saves; throwing a draft away asks first and clears every choice', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.testid || document.activeElement?.tagName);
  // "Sửa": the form's first field to change, not the page body.
  await page.locator('[data-testid="act-edit"]').first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'act-title');
  await page.press('#act-title', 'Escape');
  // A new entry typed: a draft.
  const before = await count(page);
  await page.fill('#act-title', 'Tặng quà Tết');
  await page.selectOption('#act-category', 'gifts');
  await page.selectOption('#act-measure', { index: 1 });
  await page.waitForSelector('[data-testid="draft-note"][data-state="kept"]');
  // Tab from the last field reaches "Lưu" first; throwing the draft away comes after.
  await page.focus('#act-description');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'act-save');
  // Enter on "Bỏ bản nháp" asks; the safe answer has the focus and keeps the entry.
  await page.focus('[data-testid="draft-discard"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="draft-discard-ask"]');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'draft-discard-keep');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#act-title'), 'Tặng quà Tết');
  // Thrown away on purpose: no category or measure left chosen.
  await page.click('[data-testid="draft-discard"]');
  await page.click('[data-testid="draft-discard-confirm"]');
  await page.waitForFunction(() => document.querySelector('#act-title').value === '');
  assert.equal(await page.inputValue('#act-category'), '');
  assert.equal(await page.inputValue('#act-measure'), '');
  // "Enter để lưu" on a list too.
  await page.fill('#act-title', 'Khám bệnh');
  await page.selectOption('#act-category', 'health');
  await page.focus('#act-category');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="activity-count"]')?.dataset.value) === n + 1, before);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('"this browser works for unit X" pre-filters the entry screens', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  await openApp(page, server.url, '#/directory?tab=units');
  await page.fill('#unit-name', 'Công an tỉnh');
  await page.click('[data-testid="unit-save"]');
  await page.waitForSelector('[data-testid="unit-row"]:has-text("Công an tỉnh")');
  await openApp(page, server.url, '#/settings');
  await page.selectOption('#settings-unit-id', { label: 'Công an tỉnh' });
  await page.click('[data-testid="settings-save"]');
  await page.waitForSelector('[data-testid="settings-status"]:has-text("Đã lưu")');
  await openApp(page, server.url, '#/activities');
  assert.equal(await count(page), 0, 'Công an tỉnh has no activity yet');
  assert.match(await page.textContent('[data-testid="page-activities"]'), /Công an tỉnh/);
  await page.click('[data-testid="act-all-units"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '3');
  await openApp(page, server.url, '#/plans');
  assert.equal(await page.locator('[data-testid="plan-card"]').count(), 0);
  assert.equal(await page.$eval('#plan-unit', (s) => s.selectedOptions[0].textContent), 'Công an tỉnh');
  await openApp(page, server.url, '#/');
  assert.equal(await page.textContent('[data-testid="working-for"]'), 'Công an tỉnh');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('working for a unit of the directory: shown in the header, pre-filled in reports and export; files carry its short name and the period', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await buildWorld(page);
  await openApp(page, server.url, '#/settings');
  const options = await page.$$eval('#settings-unit-id option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(options.slice(0, 3), ['— Không —', 'Toàn tỉnh (cơ quan tổng hợp của tỉnh)', 'Kho bạc Nhà nước tỉnh']);
  await page.selectOption('#settings-unit-id', { label: 'Kho bạc Nhà nước tỉnh' });
  await page.click('[data-testid="settings-save"]');
  await page.waitForSelector('[data-testid="shell-working-for"]:has-text("KBNN")');
  const kbnn = await page.inputValue('#settings-unit-id');
  await openApp(page, server.url, '#/reports?tab=unit');
  assert.equal(await page.inputValue('#report-unit'), kbnn);
  await openApp(page, server.url, '#/export');
  assert.equal(await page.inputValue('#export-unit'), kbnn);
  await page.selectOption('#export-period', '2023');
  const download = async (button) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${button}"]`)]);
    const text = await (await import('node:fs/promises')).readFile(await d.path(), 'utf8');
    return { name: d.suggestedFilename(), bundle: JSON.parse(text) };
  };
  const year = await download('export-selected');
  assert.match(year.name, /^donghanh-KBNN-2023-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(year.bundle.source.unit_id, kbnn);
  // "Xuất toàn bộ" from this browser is still the Kho bạc's file.
  const all = await download('export-all');
  assert.match(all.name, /^donghanh-KBNN-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(all.bundle.source.label, 'Kho bạc Nhà nước tỉnh');
  // The provincial coordinator works for the whole province.
  await openApp(page, server.url, '#/settings');
  await page.selectOption('#settings-unit-id', '*');
  await page.click('[data-testid="settings-save"]');
  await page.waitForSelector('[data-testid="shell-working-for"]:has-text("Toàn tỉnh")');
  await openApp(page, server.url, '#/export');
  assert.equal(await page.inputValue('#export-unit'), '');
  assert.match((await download('export-all')).name, /^donghanh-toan-tinh-\d{4}-\d{2}-\d{2}\.json$/);
  await openApp(page, server.url, '#/');
  assert.equal(await page.textContent('[data-testid="working-for"]'), 'Toàn tỉnh (cơ quan tổng hợp của tỉnh)');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('with 30,000 activities the filter box still updates the list, a page at a time', async () => {
  const gen = 'target/debug/examples/gen_bundle';
  assert.ok(existsSync(gen), 'make test builds the example before the e2e tests');
  const bundle = execFileSync(gen, ['30000'], { maxBuffer: 1 << 30 }).toString();
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  await page.evaluate((text) => window.wasmBindings.debug_load_bundle(text), bundle);
  await openApp(page, server.url, '#/activities');
  assert.equal(await count(page), 30_000);
  assert.equal(await page.locator('[data-testid="activity-row"]').count(), 50, 'one page of rows');
  await page.fill('#activity-search', 'tang qua tet');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="activity-count"]')?.dataset.value) < 30000);
  const found = await count(page);
  assert.ok(found > 100, `found ${found}`);
  const titles = await page.$$eval('[data-testid="activity-row"] td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.ok(titles.every((t) => /tặng quà tết/i.test(t)), titles.slice(0, 3).join(' | '));
  await page.click('[data-testid="page-next"]');
  assert.match(await page.textContent('.pager'), /Trang 2/);
  await screenshot(page, 'entry-activities-30k');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('rows pasted from Excel: a grid maps the columns, three rows go in as one import, pasting again duplicates nothing, undo takes them out', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/activities');
  const small = readFileSync('tests/fixtures/bundles/small.json', 'utf8');
  await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), small);
  await openApp(page, server.url, '#/activities');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '4');
  const totals = () => page.getAttribute('[data-testid="activity-totals-vnd"]', 'data-value').then(Number);
  const before = await totals();
  const sheet = [
    'Ngày\tĐơn vị\tXã\tThôn/bản\tNội dung\tTiền mặt\tSố hộ\tHộ nghèo',
    '15/8/24\tKBNN\tXã Pà Cò\tBản Pà Cò\tTặng quà Trung thu\t1.000.000\t5\t2',
    '16.08.2024\tcong an tinh\tHang Kia\t\tKhám bệnh, cấp thuốc\t2,5 triệu\t12\t',
    '45524\tKho bạc Nhà nước tỉnh\tPà Cò\t\tXây nhà đại đoàn kết\t60 triệu\t1\t1',
    '\tCộng\t\t\t\t63.500.000\t18\t3',
  ].join('\r\n');
  await page.click('[data-testid="act-paste"]');
  await page.fill('[data-testid="paste-text"]', sheet);
  await page.waitForSelector('[data-testid="paste-grid"]');
  const states = () => page.$$eval('[data-testid="paste-row"]', (rs) => rs.map((r) => r.dataset.state));
  assert.deepEqual(await states(), ['header', 'ready', 'ready', 'ready', 'skipped']);
  assert.equal(await page.inputValue('[data-testid="paste-col-0"]'), 'date');
  assert.equal(await page.inputValue('[data-testid="paste-col-5"]'), 'cash');
  assert.equal(await page.isChecked('[data-testid="paste-header"]'), true);
  const grid = await page.textContent('[data-testid="paste-grid"]');
  assert.match(grid, /20\/08\/2024/, 'the Excel serial date read');
  assert.match(grid, /Khám chữa bệnh/, 'the kind of activity from the title');
  assert.match(await page.textContent('[data-testid="paste-summary"]'), /3 dòng sẵn sàng · 0 dòng có lỗi · 1 dòng bỏ qua.*3 mới/);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(() => document.querySelector('[data-testid="paste-panel"]').scrollIntoView());
  await screenshot(page, 'paste-excel-rows');
  await page.click('[data-testid="paste-confirm"]');
  await page.waitForSelector('[data-testid="paste-done"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '7');
  assert.equal(await totals(), before + 63_500_000);
  // The same rows again: recognised, nothing added.
  await page.fill('[data-testid="paste-text"]', sheet);
  await page.waitForSelector('[data-testid="paste-grid"]');
  assert.match(await page.textContent('[data-testid="paste-summary"]'), /0 mới · 0 cập nhật · 3 đã có/);
  await page.click('[data-testid="paste-confirm"]');
  await page.waitForSelector('[data-testid="paste-done"]:has-text("không có gì mới")');
  assert.equal(await count(page), 7);
  // A column mapped otherwise: the title read as a note leaves the rows without a title.
  await page.fill('[data-testid="paste-text"]', '17/08/2024\tPà Cò\tThăm hỏi\t500.000');
  await page.waitForSelector('[data-testid="paste-grid"]');
  assert.equal(await page.isChecked('[data-testid="paste-header"]'), false);
  assert.deepEqual(await states(), ['problem'], 'no unit column and no "working for" unit');
  assert.match(await page.textContent('[data-testid="paste-grid"]'), /Làm việc cho/);
  await page.selectOption('[data-testid="paste-col-2"]', 'note');
  await page.waitForFunction(() => document.querySelector('[data-testid="paste-grid"]').textContent.includes('thiếu nội dung'));
  // Rows pasted into a field of the form come to the grid instead.
  await page.click('[data-testid="paste-close"]');
  await page.click('[data-testid="act-add"]');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '18/08/2024\tPà Cò\tTặng quà\t1.000.000');
    document.querySelector('#act-title').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('[data-testid="paste-panel"]:not([hidden])');
  assert.equal(await page.inputValue('[data-testid="paste-text"]'), '18/08/2024\tPà Cò\tTặng quà\t1.000.000');
  assert.equal(await page.inputValue('#act-title'), '');
  // One undo on the Import page takes the pasted rows out.
  await openApp(page, server.url, '#/import');
  const log = await page.textContent('[data-testid="import-log"]');
  assert.match(log, /Dán từ Excel/);
  await page.click('[data-testid="import-undo"]');
  await page.waitForSelector('[data-testid="import-undone"]');
  await openApp(page, server.url, '#/activities');
  await page.waitForFunction(() => document.querySelector('[data-testid="activity-count"]')?.dataset.value === '4');
  assert.deepEqual(problems, []);
  await ctx.close();
});
