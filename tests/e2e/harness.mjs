// Shared e2e plumbing: a static server for dist/ on a free local port, headless Debian Chromium,
// and pages that record every console error, page error and failed request.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, extname, join, sep } from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const DIST = resolve(process.env.DIST_DIR ?? 'dist');
export const ARTIFACTS = resolve('tests/artifacts');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serve `root` under `prefix` (e.g. "/" or "/sub/path/") on 127.0.0.1 and a free port.
 * `mounts` serves other folders too, e.g. { '/__bench/': 'bench/data' }.
 */
export async function serveDir(root = DIST, prefix = '/', mounts = {}) {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const mount = Object.keys(mounts).find((m) => path.startsWith(m));
    const base = mount ? resolve(mounts[mount]) : root;
    const at = mount ?? prefix;
    if (!path.startsWith(at)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = path.slice(at.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = resolve(join(base, rel));
    if (!file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    // Open keep-alive connections (a service worker holds some) would keep close() waiting.
    close: () => {
      const closed = new Promise((ok) => server.close(ok));
      server.closeAllConnections();
      return closed;
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context (its own localStorage) and page. `problems` collects console errors, uncaught
 * page errors, failed requests and HTTP errors, so a test can assert the page stayed clean.
 */
export async function newPage(browser, { viewport = { width: 1366, height: 768 }, context } = {}) {
  const ctx = context ?? (await browser.newContext({ viewport }));
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A request cut short by navigating away (a reload) is not a failure of the app.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`);
  });
  return { ctx, page, problems };
}

/** Open `hash` (e.g. "#/settings") and wait until the app has mounted. */
export async function openApp(page, baseUrl, hash = '') {
  await page.goto(baseUrl + hash);
  await page.waitForSelector('main [data-testid^="page-"]');
}

export async function screenshot(page, name, { fullPage = false } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Fill what is left of the page's localStorage quota with a key of its own (`filler`). */
export async function fillQuota(page) {
  await page.evaluate(() => {
    let size = 1 << 22;
    while (size >= 1) {
      try {
        localStorage.setItem('filler', (localStorage.getItem('filler') ?? '') + 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
}

/** The raw value of an overview figure (`kpi-activities`, `kpi-cash`…). */
export const kpi = async (page, name) => Number(await page.getAttribute(`[data-testid="kpi-${name}"]`, 'data-value'));
