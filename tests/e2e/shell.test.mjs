// The app shell: loading cleanly, navigation, hash routes, language switch, settings, panics.
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

const visiblePage = (page) => page.getAttribute('main [data-testid^="page-"]', 'data-testid');

test('loads with no console errors and no failed requests', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  assert.equal(await visiblePage(page), 'page-overview');
  assert.equal(await page.textContent('.brand-name'), 'Đồng Hành');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await screenshot(page, 'shell-overview-1366x768');
  await ctx.close();
});

test('every nav link reaches its screen, and the current one is marked', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url);
  const links = await page.$$eval('[data-testid="nav"] a', (as) =>
    as.map((a) => ({ testid: a.dataset.testid, href: a.getAttribute('href') })),
  );
  assert.ok(links.length >= 2, `expected nav links, got ${JSON.stringify(links)}`);
  for (const { testid, href } of links) {
    const slug = testid.replace(/^nav-/, '');
    await page.click(`[data-testid="${testid}"]`);
    await page.waitForSelector(`main [data-testid="page-${slug}"]`);
    assert.equal(new URL(page.url()).hash, href);
    assert.equal(await page.getAttribute(`[data-testid="${testid}"]`, 'aria-current'), 'page');
    // Presentation mode covers the screen; Esc leaves it.
    if (slug === 'present') await page.keyboard.press('Escape');
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('reloading on #/settings stays on settings', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/settings');
  assert.equal(await visiblePage(page), 'page-settings');
  await page.reload();
  await page.waitForSelector('main [data-testid="page-settings"]');
  assert.ok(page.url().endsWith('#/settings'));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('English switch changes visible labels and survives reload', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/settings');
  assert.equal(await page.textContent('[data-testid="nav-settings"]'), 'Cài đặt');
  assert.equal(await page.textContent('main h1'), 'Cài đặt');
  await page.click('[data-testid="lang-en"]');
  assert.equal(await page.textContent('[data-testid="nav-settings"]'), 'Settings');
  assert.equal(await page.textContent('[data-testid="nav-overview"]'), 'Overview');
  assert.equal(await page.textContent('main h1'), 'Settings');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('[data-testid="lang-en"]', 'aria-pressed'), 'true');
  await page.reload();
  await page.waitForSelector('main [data-testid="page-settings"]');
  assert.equal(await page.textContent('[data-testid="nav-settings"]'), 'Settings');
  assert.equal(await page.inputValue('[data-testid="settings-lang"]'), 'en');
  // and back, through the Settings select this time
  await page.selectOption('[data-testid="settings-lang"]', 'vi');
  assert.equal(await page.textContent('[data-testid="nav-settings"]'), 'Cài đặt');
  await page.reload();
  await page.waitForSelector('main [data-testid="page-settings"]');
  assert.equal(await page.textContent('main h1'), 'Cài đặt');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('an unknown route shows the not-found page with a way back', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/kh%C3%B4ng-c%C3%B3');
  assert.equal(await visiblePage(page), 'page-not-found');
  assert.equal(await page.textContent('[data-testid="not-found-path"]'), '/không-có');
  assert.equal(await page.textContent('main h1'), 'Không tìm thấy trang');
  await page.click('main .link-list a[href="#/"]');
  await page.waitForSelector('main [data-testid="page-overview"]');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('"this browser works for unit": a unit not in the directory is added there and chosen, kept after reload', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/settings');
  // Nothing typed: the name is asked for, nothing is stored.
  await page.click('[data-testid="settings-unit-add"]');
  await page.waitForSelector('[data-testid="settings-unit-error"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-unit');
  await page.fill('[data-testid="settings-unit"]', '  Kho bạc Nhà nước tỉnh  ');
  await page.fill('[data-testid="settings-unit-short"]', 'KBNN');
  await page.press('[data-testid="settings-unit"]', 'Enter');
  await page.waitForSelector('[data-testid="settings-status"]:has-text("Đã lưu")');
  await page.reload();
  await page.waitForSelector('main [data-testid="page-settings"]');
  assert.equal(await page.$eval('#settings-unit-id', (s) => s.selectedOptions[0].textContent), 'Kho bạc Nhà nước tỉnh');
  assert.match(await page.textContent('[data-testid="shell-working-for"]'), /KBNN/);
  await page.click('[data-testid="nav-overview"]');
  assert.equal(await page.textContent('[data-testid="working-for"]'), 'Kho bạc Nhà nước tỉnh');
  await page.click('[data-testid="nav-directory"]');
  await page.click('[data-testid="tab-units"]');
  await page.waitForSelector('[data-testid="unit-row"]:has-text("Kho bạc Nhà nước tỉnh")');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('text typed as HTML stays inert text', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/settings');
  await page.fill('[data-testid="settings-unit"]', '<img src=x onerror="window.__pwned=1">');
  await page.click('[data-testid="settings-unit-add"]');
  await page.waitForSelector('[data-testid="settings-status"]:has-text("Đã lưu")');
  await page.click('[data-testid="nav-overview"]');
  assert.equal(
    await page.textContent('[data-testid="working-for"]'),
    '<img src=x onerror="window.__pwned=1">',
  );
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$('main img'), null);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a panic shows the "your data is safe, reload" banner', async () => {
  const { ctx, page, problems } = await newPage(browser);
  await openApp(page, server.url, '#/settings');
  await page.click('[data-testid="lang-en"]');
  await page.evaluate(() => { location.hash = '#/__panic'; });
  const banner = await page.waitForSelector('[data-testid="panic-banner"]');
  assert.match(await banner.textContent(), /Your data is safe/);
  assert.equal(await banner.getAttribute('role'), 'alert');
  // the readable panic message reached the console
  assert.ok(problems.some((p) => p.includes('deliberate panic')), problems.join('\n'));
  // the banner's button reloads; after reload the app works again
  await page.evaluate(() => { history.replaceState(null, '', '#/'); });
  await Promise.all([page.waitForEvent('load'), page.click('[data-testid="panic-banner"] button')]);
  await page.waitForSelector('main [data-testid="page-overview"]');
  assert.equal(await page.$('[data-testid="panic-banner"]'), null);
  await ctx.close();
});

test('the app works from a sub-path of a static host', async () => {
  const sub = await serveDir(undefined, '/so-noi-vu/donghanh/');
  try {
    const { ctx, page, problems } = await newPage(browser);
    await openApp(page, sub.url, '#/settings');
    assert.equal(await visiblePage(page), 'page-settings');
    assert.deepEqual(problems, []);
    await ctx.close();
  } finally {
    await sub.close();
  }
});

test('a phone-width screen keeps navigation usable', async () => {
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 390, height: 800 } });
  await openApp(page, server.url);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await page.click('[data-testid="nav-settings"]');
  await page.waitForSelector('main [data-testid="page-settings"]');
  await screenshot(page, 'shell-settings-390x800');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('on a phone: every control a finger can hit, no keyboard shortcut shown, money typed in words, year figures within their columns', async () => {
  const { ctx, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await openApp(page, server.url);
  await page.click('[data-testid="welcome-demo"]');
  await page.waitForSelector('[data-testid="demo-banner"]');
  // The year chart: no two figures overlap (each stays within its column).
  const boxes = await page.$$eval('[data-testid="chart-year"] text.chart-value', (ts) =>
    ts.map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }));
  assert.ok(boxes.length >= 4, `year figures: ${boxes.length}`);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a[0] < b[1] - 0.5 && b[0] < a[1] - 0.5 && a[2] < b[3] - 0.5 && b[2] < a[3] - 0.5;
      assert.ok(!overlap, `figures ${i} and ${j} overlap: ${JSON.stringify([a, b])}`);
    }
  }
  await page.locator('[data-testid="chart-year"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-overview-year-chart');
  await page.click('[data-testid="nav-activities"]');
  await page.waitForSelector('[data-testid="act-add"]');
  assert.equal(await page.isVisible('[data-testid="act-add"] kbd'), false, 'no Alt+N on a phone');
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main select, main input, main a.button-link')]
    .filter((b) => b.offsetParent && b.type !== 'checkbox' && b.type !== 'radio' && b.type !== 'file' && !b.closest('thead'))
    .filter((b) => b.getBoundingClientRect().height < 44)
    .map((b) => `${b.tagName} ${b.textContent.trim().slice(0, 20)} ${Math.round(b.getBoundingClientRect().height)}px`));
  assert.deepEqual(small, [], 'controls under 44 px');
  await page.click('[data-testid="act-add"]');
  await page.waitForSelector('#act-cash');
  // "1,5 triệu" is what the hint says to type: no digits-only keypad.
  assert.equal(await page.getAttribute('#act-cash', 'inputmode'), null);
  await page.fill('#act-cash', '1,5 triệu');
  assert.equal(await page.inputValue('#act-cash'), '1,5 triệu');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a screen whose code cannot be fetched says so, changes nothing, and opens on retry', async () => {
  // No service worker: its copy of the parts would answer instead of the network cut below.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const { ctx, page, problems } = await newPage(browser, { context });
  await openApp(page, server.url);
  // The first load brings the shell and the overview only: no screen's own wasm part yet.
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  let down = true;
  await page.route(/\/split_reporting-[0-9a-f]+\.wasm$/, (route) =>
    down ? route.fulfill({ status: 503, body: 'down' }) : route.continue(),
  );
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  await page.click('[data-testid="nav-reports"]');
  const failed = page.locator('[data-testid="screen-load-failed"]');
  await failed.waitFor();
  assert.match(await failed.textContent(), /Không tải được màn hình này/);
  assert.match(await failed.getAttribute('class'), /page/);
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), stored);
  // The failure is what the page reported, and nothing else.
  assert.ok(problems.length > 0 && problems.every((p) => /split_reporting|Failed to load|TypeError|WebAssembly/.test(p)), problems.join('\n'));
  problems.length = 0;
  down = false;
  await page.click('[data-testid="screen-load-retry"]');
  await page.waitForSelector('[data-testid="page-reports"]');
  assert.ok(fetched.some((p) => /\/split_reporting-[0-9a-f]+\.wasm$/.test(p)), fetched.join('\n'));
  assert.deepEqual(problems, []);
  await ctx.close();
});
