// Đồng Hành service worker: after one visit the app opens with no network. The build id and
// the asset list are written in by scripts/post-build.mjs; a new deploy is a new worker, and the
// page offers to switch to it.
//
// Only a working copy of this build is ever kept: the page must be a successful response that
// carries this build's id (not a 404 or 500 page, a captive portal's login page, or a page of
// another deploy), and every file must arrive, or the install fails and the version in use
// stays in place.
const BUILD = '__BUILD__';
const ASSETS = ['__ASSETS__'];
const CACHE = `donghanh-${BUILD}`;
const MARK = `<meta name="donghanh-build" content="${BUILD}">`;

/** A successful response holding this build's page. */
async function isThisBuild(response) {
  return response.ok && response.type === 'basic' && (await response.clone().text()).includes(MARK);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'no-store' });
      if (!(await isThisBuild(page))) throw new Error(`the page is not build ${BUILD}`);
      // addAll fails on any response that is not a success: then so does the install.
      await cache.addAll(ASSETS.filter((a) => a !== './'));
      await cache.put('./', page);
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('donghanh-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page: from the network when there is one (a new deploy is seen), else the kept copy.
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        let response;
        try {
          response = await fetch(request);
        } catch {
          return (await cache.match('./')) ?? Response.error();
        }
        if (await isThisBuild(response)) {
          await cache.put('./', response.clone());
          return response;
        }
        // A server error or a missing page: the working copy, if there is one.
        if (!response.ok) return (await cache.match('./')) ?? response;
        // Another deploy's page (its own worker takes over) or a captive portal: shown, not kept.
        return response;
      })(),
    );
    return;
  }
  // Everything else has a hashed name or is part of this build: cache first.
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
