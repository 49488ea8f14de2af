// `make bench`: measures the release app in headless Chromium and prints one table.
// Each figure is the median of RUNS runs (min–max beside it), next to a floor measured in the
// same page where one makes sense. Writes the table to bench/results.md as well.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, statSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { serveDir, launchBrowser } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = (process.env.SIZES ?? '30000,100000').split(',').map(Number);
const DATA = 'bench/data';
const QUOTA = 5 * 1024 * 1024;

mkdirSync(DATA, { recursive: true });
for (const n of SIZES) {
  const file = `${DATA}/province-${n}.json`;
  if (!existsSync(file) || statSync(file).size === 0) {
    console.error(`generating ${file}…`);
    const out = execFileSync('cargo', ['run', '--quiet', '-p', 'donghanh-core', '--release', '--example', 'gen_bundle', '--', String(n)], {
      maxBuffer: 1 << 30,
    });
    writeFileSync(file, out);
  }
}

// The floor for size and load: a minimal Leptos counter built the same way (src/bin/counter.rs).
console.error('building the counter floor…');
execFileSync('trunk', ['build', '--release', '--offline'], { cwd: 'bench/counter', stdio: ['ignore', 'ignore', 'inherit'] });
const transfer = (dir, only) =>
  readdirSync(dir)
    .filter((f) => /\.(wasm|js|css)$/.test(f) && f !== 'sw.js' && (!only || only.includes(f)))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs, unit = 'ms') => {
  const s = [...xs].sort((a, b) => a - b);
  const d = unit === 'ms' ? 0 : 1;
  return `${median(xs).toFixed(d)} ${unit} (${s[0].toFixed(d)}–${s[s.length - 1].toFixed(d)})`;
};

const rows = [];
const row = (figure, size, value, floor = '', note = '') => rows.push({ figure, size, value, floor, note });

const server = await serveDir(undefined, '/', { '/__bench/': DATA });
const counter = await serveDir(resolve('bench/counter/dist'));
const browser = await launchBrowser();
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
try {
  // first load to interactive, empty storage: a fresh browser profile each run. Also which
  // wasm, JS and CSS files the page fetched by then (the screens' own wasm parts come later).
  const firstLoad = async (url) => {
    const out = [];
    const fetched = new Set();
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await ctx.newPage();
      page.on('request', (r) => fetched.add(new URL(r.url()).pathname.split('/').pop()));
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('app-interactive').length > 0);
      out.push(await page.evaluate(() => performance.getEntriesByName('app-interactive')[0].startTime));
      await ctx.close();
    }
    return { times: out, fetched: [...fetched] };
  };
  const counterLoad = await firstLoad(counter.url);
  const appLoad = await firstLoad(server.url);
  const app = transfer('dist', appLoad.fetched);
  const floor = transfer('bench/counter/dist');
  row('transfer size at first load (gzip -9: wasm + JS + CSS fetched)', 0, kb(app), `counter ${kb(floor)}`, `${(app / floor).toFixed(1)}× the floor; target ≤ 350 KB`);
  const all = transfer('dist');
  const parts = readdirSync('dist').filter((f) => f.endsWith('.wasm') && !appLoad.fetched.includes(f)).length;
  const importPart = transfer('dist', readdirSync('dist').filter((f) => f.startsWith('split_import')));
  row('transfer size, the Import screen\'s own wasm part', 0, kb(importPart), '', 'fetched when Import first opens; holds the bundle checks and the XLSX/CSV reader');
  row('transfer size, every screen (all files)', 0, kb(all), '', `${parts} wasm parts fetched when their screen first opens`);
  row('first load → interactive, empty storage', 0, fmt(appLoad.times), `counter ${fmt(counterLoad.times)}`, 'navigation start to first render done');

  // A screen's first opening fetches its wasm parts (here from this machine's server; the
  // service worker keeps them after the first visit); opening it again is the floor.
  const opens = { first: [], again: [] };
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="page-overview"]');
    const open = (hash) =>
      page.evaluate(async (h) => {
        const t0 = performance.now();
        location.hash = h;
        while (!document.querySelector('[data-testid="page-reports"]')) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, hash);
    opens.first.push(await open('#/reports'));
    await page.evaluate(() => { location.hash = '#/'; });
    await page.waitForSelector('[data-testid="page-overview"]');
    opens.again.push(await open('#/reports'));
    await ctx.close();
  }
  row('open a screen the first time (Reports) → painted', 0, fmt(opens.first), `opened again ${fmt(opens.again)}`, 'its wasm parts fetched from the local server and instantiated');

  for (const n of SIZES) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="page-overview"]');
    // replace the (empty) workspace with the bundle: parse + first full save, from a clean slate
    const fulls = [];
    let loaded;
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.waitForSelector('[data-testid="page-overview"]');
      loaded = await page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const t0 = performance.now();
        const records = window.wasmBindings.debug_load_bundle(text);
        return { records, ms: performance.now() - t0, bytes: text.length };
      }, `/__bench/province-${n}.json`);
      fulls.push(loaded.ms);
    }
    const stored = await page.evaluate(() => {
      let units = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        units += k.length + localStorage.getItem(k).length;
      }
      return { units, keys: localStorage.length };
    });
    const unsaved = await page.evaluate(() => window.wasmBindings.debug_unsaved());
    row('stored size (UTF-16 code units)', n, `${stored.units.toLocaleString('en')} (${((stored.units * 100) / QUOTA).toFixed(1)}% of quota)`,
      `bundle ${(loaded.bytes / 1e6).toFixed(1)} MB`, unsaved ? 'DID NOT FIT' : `fits, ${stored.keys} keys`);
    if (unsaved) {
      await ctx.close();
      continue;
    }
    // the floor for parsing: JSON.parse of the same bundle text, in the same page
    const parses = await page.evaluate(async ({ url, runs }) => {
      const text = await (await fetch(url)).text();
      const out = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        JSON.parse(text);
        out.push(performance.now() - t0);
      }
      return out;
    }, { url: `/__bench/province-${n}.json`, runs: RUNS });
    row('bundle → workspace (parse + full save)', n, fmt(fulls), `JSON.parse ${fmt(parses)}`, 'test hook, no preview');
    // one edit: what an officer waits for after each entry
    const activityId = await page.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      return JSON.parse(text).records.activities[0].id;
    }, `/__bench/province-${n}.json`);
    const edits = [];
    for (let i = 0; i < RUNS; i++) {
      edits.push(await page.evaluate(([id, v]) => {
        const t0 = performance.now();
        window.wasmBindings.debug_edit('activity', id, 'cash_vnd', String(v));
        return performance.now() - t0;
      }, [activityId, 1_000_000 + i]));
    }
    row('edit one activity → saved', n, fmt(edits), '', 'rewrites one unit\'s chunk');
    // load: reload until the overview shows the stored activities
    const loads = [];
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      await page.waitForFunction((want) => document.querySelector('[data-testid="kpi-activities"]')?.dataset.value === String(want), n, { timeout: 120_000 });
      loads.push(await page.evaluate(() => performance.getEntriesByName('app-interactive')[0].startTime));
    }
    row('load → interactive, data stored', n, fmt(loads), `counter ${fmt(counterLoad.times)}`, 'navigation start to overview with figures rendered');
    // overview: switching the year recomputes every figure and chart; floor: a plain JS reduce
    // grouping the same activities by category and year, in the same page
    const overview = await page.evaluate(async ({ url, runs, base }) => {
      const text = await (await fetch(url)).text();
      const acts = JSON.parse(text).records.activities;
      const years = ['2021', '2022', '2023', '2024', '2025'];
      const want = Object.fromEntries(years.map((y) => [y, acts.filter((a) => a.date.startsWith(y)).length]));
      const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      location.hash = '#/';
      while (!document.querySelector('[data-testid="kpi-activities"]')) await new Promise((ok) => setTimeout(ok, 10));
      const app = [];
      const work = [];
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
      for (let i = 0; i < runs; i++) {
        const y = years[i % years.length];
        performance.clearMarks();
        const t0 = performance.now();
        location.hash = `#/?year=${y}`;
        while (document.querySelector('[data-testid="kpi-activities"]')?.dataset.value !== String(want[y])) {
          await new Promise((ok) => setTimeout(ok, 0));
        }
        await painted();
        app.push(performance.now() - t0);
        // the app's own work: from the route change to the overview's figures on the page
        work.push(mark('overview-updated') - mark('route-change'));
      }
      const floor = [];
      for (let i = 0; i < runs; i++) {
        const y = years[i % years.length];
        const t0 = performance.now();
        const by = {};
        let cash = 0, kind = 0, hh = 0;
        for (const a of acts) {
          if (!a.date.startsWith(y)) continue;
          const c = (by[a.category] ??= { n: 0, cash: 0, kind: 0 });
          c.n++; c.cash += a.cash_vnd; c.kind += a.in_kind_vnd;
          cash += a.cash_vnd; kind += a.in_kind_vnd; hh += a.households;
        }
        floor.push(performance.now() - t0);
        if (cash < 0 || kind < 0 || hh < 0 || !by) throw new Error('unreachable');
      }
      return { app, work, floor };
    }, { url: `/__bench/province-${n}.json`, runs: Math.max(RUNS, 5), base: server.url });
    row('overview recompute (route change → figures on the page)', n, fmt(overview.work), `JS reduce ${fmt(overview.floor)}`, 'figures, 3 charts, standing; target ≤ 16 ms');
    row('overview: set year → painted', n, fmt(overview.app), '', 'includes the hashchange and the browser\'s layout and paint of the charts');

    // activity filter: each keystroke of a search, until the list is painted
    await page.goto(`${server.url}#/activities`);
    await page.waitForFunction((want) => document.querySelector('[data-testid="activity-count"]')?.dataset.value === String(want), n, { timeout: 120_000 });
    const keys = [];
    for (let r = 0; r < Math.max(1, Math.ceil(RUNS / 5)); r++) {
      keys.push(...(await page.evaluate(async () => {
        const input = document.querySelector('#activity-search');
        const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        const out = [];
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await painted();
        for (const text of ['t', 'ta', 'tan', 'tang', 'tang ', 'tang q', 'tang qu', 'tang qua', 'tang qua ', 'tang qua t', 'tang qua te', 'tang qua tet']) {
          const t0 = performance.now();
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // wait until the list reflects the new text, then a paint
          const shown = () => document.querySelector('[data-testid="activity-count"]').dataset.query === text;
          while (!shown()) await new Promise((ok) => setTimeout(ok, 0));
          await painted();
          out.push(performance.now() - t0);
        }
        return out;
      })));
    }
    row('activity filter: keystroke → painted', n, fmt(keys), '', `${keys.length} keystrokes of "tang qua tet"`);

    // export of the whole dataset through the screen; floor: JSON.stringify of the same records
    await page.goto(`${server.url}#/export`);
    await page.waitForSelector('[data-testid="export-all"]');
    const exports = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => performance.clearMarks());
      const download = page.waitForEvent('download');
      await page.click('[data-testid="export-all"]');
      await (await download).cancel();
      await page.waitForFunction(() => performance.getEntriesByName('export-done').length > 0);
      exports.push(await page.evaluate(() => performance.getEntriesByName('export-done')[0].startTime - performance.getEntriesByName('export-start')[0].startTime));
    }
    const stringify = await page.evaluate(async ({ url, runs }) => {
      const value = JSON.parse(await (await fetch(url)).text());
      const out = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        JSON.stringify(value, null, 1);
        out.push(performance.now() - t0);
      }
      return out;
    }, { url: `/__bench/province-${n}.json`, runs: RUNS });
    row('export: everything → file', n, fmt(exports), `JSON.stringify ${fmt(stringify)}`, `${(median(exports) / median(stringify)).toFixed(1)}× the floor`);

    // import through the screen: file → preview, then confirm → saved (into an empty workspace)
    // the app refuses files over 64 MiB (bundle::format::MAX_BYTES)
    if (statSync(`${DATA}/province-${n}.json`).size <= 64 * 1024 * 1024) {
      const toPreview = [];
      const fromText = [];
      const toSaved = [];
      for (let i = 0; i < RUNS; i++) {
        await page.evaluate(() => localStorage.clear());
        await page.goto(`${server.url}#/import`);
        await page.reload();
        await page.waitForSelector('[data-testid="page-import"]');
        await page.setInputFiles('[data-testid="import-input"]', `${DATA}/province-${n}.json`);
        await page.waitForSelector('[data-testid="import-preview"]', { timeout: 120_000 });
        // A build whose digest differs from the one that wrote the file (an A/B run against an
        // older commit) asks before a changed file is taken: say yes, as a person would.
        const accept = await page.$('[data-testid="import-digest-accept"]');
        if (accept) await accept.check();
        await page.click('[data-testid="import-confirm"]');
        await page.waitForSelector('[data-testid="import-done"]', { timeout: 120_000 });
        const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
        toPreview.push(marks['import-preview'] - marks['import-start']);
        fromText.push(marks['import-preview'] - marks['import-read']);
        toSaved.push(marks['import-saved'] - marks['import-preview']);
      }
      // the floor reads the same file the same way: picked through a file input (from disk),
      // its text, then JSON.parse
      const jsFloor = [];
      for (let i = 0; i < RUNS; i++) {
        await page.evaluate(() => {
          const input = document.createElement('input');
          input.type = 'file';
          input.id = 'bench-floor-input';
          document.body.append(input);
        });
        await page.setInputFiles('#bench-floor-input', `${DATA}/province-${n}.json`);
        jsFloor.push(await page.evaluate(async () => {
          const input = document.getElementById('bench-floor-input');
          const t0 = performance.now();
          JSON.parse(await input.files[0].text());
          const ms = performance.now() - t0;
          input.remove();
          return ms;
        }));
      }
      row('import: file → preview', n, fmt(toPreview), `file.text() + JSON.parse ${fmt(jsFloor)}`,
        `${(median(toPreview) / median(jsFloor)).toFixed(1)}× the floor (the same picked file); ${(median(toPreview) / median(parses)).toFixed(1)}× JSON.parse alone`);
      row('import: text → preview', n, fmt(fromText), `JSON.parse ${fmt(parses)}`,
        `${(median(fromText) / median(parses)).toFixed(1)}× the floor; the file's bytes in wasm memory → parsed, checked, compared, preview on screen; target ≤ 3×`);
      row('import: confirm → saved', n, fmt(toSaved), '', 'snapshot + merge + save');
    } else {
      row('import: file → preview', n, '—', '', 'bundle over the 64 MB file limit: refused with a message');
    }
    await ctx.close();
  }
  // A spreadsheet of 20,000 activities (tests/fixtures/sheets/20000-dong.xlsx, made by make.py)
  // through the Import screen: file → sheet step on screen (unzip, XML, every row read against
  // the directory), "Xem trước" → preview; next to the same rows exported as a bundle, file →
  // preview. Both into a workspace holding small.json's directory.
  {
    const SHEET = 'tests/fixtures/sheets/20000-dong.xlsx';
    if (!existsSync(SHEET)) execFileSync('/usr/bin/python3', ['tests/fixtures/sheets/make.py'], { stdio: 'inherit' });
    const small = readFileSync('tests/fixtures/bundles/small.json', 'utf8');
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const fresh = async () => {
      await page.goto(`${server.url}#/import`);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.waitForSelector('[data-testid="page-import"]');
      await page.evaluate((t) => window.wasmBindings.debug_load_bundle(t), small);
      await page.reload();
      await page.waitForSelector('[data-testid="page-import"]');
    };
    const toStep = [];
    const fileRead = [];
    const stepToPreview = [];
    const total = [];
    for (let i = 0; i < RUNS; i++) {
      await fresh();
      await page.setInputFiles('[data-testid="import-input"]', SHEET);
      await page.waitForFunction(() => document.querySelector('[data-testid="sheet-summary"]')?.dataset.ready === '20000', null, { timeout: 120_000, polling: 'raf' });
      const shown = await page.evaluate(() => performance.now() - performance.getEntriesByName('import-start').pop().startTime);
      fileRead.push(await page.evaluate(() => performance.getEntriesByName('sheet-read').pop().startTime - performance.getEntriesByName('import-start').pop().startTime));
      const started = await page.evaluate(() => {
        const t = performance.now();
        document.querySelector('[data-testid="sheet-preview"]').click();
        return t;
      });
      await page.waitForSelector('[data-testid="import-preview"]', { timeout: 120_000 });
      const previewed = await page.evaluate(() => performance.getEntriesByName('import-preview').pop().startTime);
      toStep.push(shown);
      stepToPreview.push(previewed - started);
      total.push(shown + previewed - started);
    }
    // The same rows as a bundle: imported once, exported whole, then picked as a file.
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 120_000 });
    await page.goto(`${server.url}#/export`);
    await page.waitForSelector('[data-testid="export-all"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-all"]')]);
    const bundlePath = join(DATA, 'sheet-20000.json');
    await download.saveAs(bundlePath);
    const asBundle = [];
    for (let i = 0; i < RUNS; i++) {
      await fresh();
      await page.setInputFiles('[data-testid="import-input"]', bundlePath);
      await page.waitForSelector('[data-testid="import-preview"]', { timeout: 120_000 });
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      asBundle.push(marks['import-preview'] - marks['import-start']);
    }
    row('spreadsheet: 20,000-row XLSX → columns step on screen', 20000, fmt(toStep), `file → sheets ${fmt(fileRead)}`, 'the file read, unzipped and its XML parsed (floor column); then every row read against the directory and the grid drawn');
    row('spreadsheet: "Xem trước" → preview', 20000, fmt(stepToPreview), '', 'rows → records → the bundle preview');
    row('spreadsheet: XLSX → preview (both steps)', 20000, fmt(total), `same rows as a bundle ${fmt(asBundle)}`,
      `${(median(total) / median(asBundle)).toFixed(1)}× the bundle (${(statSync(SHEET).size / 1024).toFixed(0)} KB XLSX, ${(statSync(bundlePath).size / 1024).toFixed(0)} KB JSON)`);
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.close();
  await counter.close();
}

// The run before (bench/results.md as committed) stays beside today's: one column each, so a
// change reads at a glance and the file keeps last week's figures next to this week's.
const when = new Date().toISOString().slice(0, 10);
const before = new Map();
let beforeWhen = 'before';
if (existsSync('bench/results.md')) {
  const old = readFileSync('bench/results.md', 'utf8');
  beforeWhen = old.match(/`make bench`, (\d{4}-\d{2}-\d{2})/)?.[1] ?? 'before';
  const lines = old.split('\n').filter((l) => l.startsWith('| '));
  // The median column: the third of five, or the fourth of six (a run's column before it).
  const at = (lines[0] ?? '').split(' | ').length >= 6 ? 3 : 2;
  for (const l of lines.slice(1)) {
    const cells = l.slice(2, -2).split(' | ');
    before.set(`${cells[0]}\u0000${cells[1]}`, cells[at] ?? '');
  }
}
const head = `| figure | activities | ${beforeWhen} | ${when}: median (min–max) | floor, same page | note |\n|---|---:|---|---|---|---|`;
const size = (r) => (r.size ? r.size.toLocaleString('en') : '—');
const table = [head, ...rows.map((r) => `| ${r.figure} | ${size(r)} | ${before.get(`${r.figure}\u0000${size(r)}`) ?? ''} | ${r.value} | ${r.floor} | ${r.note} |`)].join('\n');
console.log(table);
writeFileSync('bench/results.md', `# Benchmarks\n\n\`make bench\`, ${when}, headless Chromium, ${RUNS} runs each. The column before today's is the previous run (${beforeWhen}), as committed.\n\n${table}\n`);
