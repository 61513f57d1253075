/*
 * RepVGG Notebook service worker: cross-origin isolation for static hosts, and the offline cache.
 *
 * Isolation. WASM threads need SharedArrayBuffer, which browsers enable only on cross-origin
 * isolated pages (COOP: same-origin + COEP: require-corp). `astro dev` and `astro preview` send
 * those headers; many static hosts (GitHub Pages, for one) cannot. This worker re-serves the
 * site's own responses, from the network or from its cache, with the headers added. It is written
 * here rather than taken from `coi-serviceworker` because one scope has one service worker.
 *
 * Offline. `astro build` writes the manifest below (src/site/offline-integration.ts): every file
 * of the built site with its SHA-256, and a version derived from them. One cache per version;
 * a file of the manifest is served from this version's cache only, never an older one's, and
 * from the network while it is not cached yet. Every file is checked against its hash before it
 * is cached, so a cache never mixes two builds.
 *   - First install (no other version cached): active at once, as isolation needs; each page
 *     then asks it ('precache') to fill the cache in the background, resuming where it stopped.
 *   - A new build: the new worker fills its own cache completely while installing, then waits
 *     until no page uses the old version, or a page asks it to take over ('skip-waiting'). On
 *     activation it deletes every other version's cache.
 * In development the manifest stays null: nothing is cached, old caches are deleted.
 * It only ever touches requests to the site's own origin.
 */
const MANIFEST = /* PRECACHE_MANIFEST */ null;
const CACHE_PREFIX = 'repvgg-notebook-';
const CACHE = MANIFEST ? CACHE_PREFIX + MANIFEST.version : null;
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
/** Absolute URL → manifest entry. */
const FILES = new Map((MANIFEST ? MANIFEST.files : []).map((f) => [new URL(f.url, self.location.origin).href, f]));
/** Parallel downloads while filling the cache: enough to hide latency, few enough for a phone. */
const PARALLEL = 4;

function withIsolation(response) {
  // Opaque or error responses cannot be rewritten; pass them through untouched.
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The manifest URL a request means (query ignored: pages keep widget state there), or null. */
function cacheKey(url) {
  const bare = url.origin + url.pathname;
  if (FILES.has(bare)) return { key: bare };
  if (bare.endsWith('/index.html') && FILES.has(bare.slice(0, -'index.html'.length))) return { key: bare.slice(0, -'index.html'.length) };
  // '/bn-folding' is the page '/bn-folding/': redirect, as a static host would, so relative URLs resolve alike.
  if (!bare.endsWith('/') && FILES.has(`${bare}/`)) return { key: `${bare}/`, redirect: `${bare}/${url.search}` };
  return null;
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One file from the network, checked against the manifest, as a response fit for the cache. */
async function fetchChecked(href, entry) {
  const response = await fetch(href, { cache: 'no-cache', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if ((await sha256(body)) !== entry.sha256) {
    throw new Error(`${entry.url} on the server is not the file of version ${MANIFEST.version} (a newer build is being published, or the host rewrites files)`);
  }
  // The body is stored decoded: its transfer headers no longer describe it.
  const headers = new Headers(response.headers);
  for (const name of ['content-encoding', 'content-length', 'transfer-encoding']) headers.delete(name);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

async function broadcast(message) {
  const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage({ type: 'offline', version: MANIFEST.version, ...message });
}

/**
 * Pages with a job running (chapter 7's runner, the checkpoint page, the benchmark) say so
 * ('jobs' messages): filling the cache waits between files until none is running, so its
 * downloads and hashing never compete with a run for the cores. A page that closes mid-job is
 * forgotten when it no longer exists.
 */
const busyClients = new Set();
let wakeFilling = [];
function setBusy(clientId, running) {
  if (running) busyClients.add(clientId);
  else busyClients.delete(clientId);
  if (busyClients.size === 0) {
    const wake = wakeFilling;
    wakeFilling = [];
    for (const resolve of wake) resolve();
  }
}
async function jobsDone() {
  while (busyClients.size > 0) {
    for (const id of [...busyClients]) if (!(await self.clients.get(id))) busyClients.delete(id);
    if (busyClients.size === 0) break;
    // Woken by the page's 'jobs' message, or after a while to look for closed pages again.
    await new Promise((resolve) => {
      wakeFilling.push(resolve);
      setTimeout(resolve, 5000);
    });
  }
}

let filling = null;
/** Downloads the manifest's files missing from this version's cache; resolves when all are in. */
function fillCache(update) {
  filling ??= (async () => {
    const cache = await caches.open(CACHE);
    const cached = new Set((await cache.keys()).map((r) => r.url));
    const queue = [...FILES].filter(([href]) => !cached.has(href));
    const total = FILES.size;
    const totalBytes = MANIFEST.bytes;
    let done = total - queue.length;
    let bytes = totalBytes - queue.reduce((sum, [, f]) => sum + f.size, 0);
    let last = 0;
    const progress = (force) => {
      if (!force && Date.now() - last < 200) return;
      last = Date.now();
      void broadcast({ state: 'saving', update, done, total, bytes, totalBytes });
    };
    if (queue.length > 0) progress(true);
    const downloader = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await jobsDone();
        const [href, entry] = next;
        try {
          await cache.put(href, await fetchChecked(href, entry));
        } catch (error) {
          queue.length = 0; // stop the other downloads too
          throw error;
        }
        done += 1;
        bytes += entry.size;
        progress(false);
      }
    };
    // Settle every download before reporting, so a retry sees all that was cached.
    const failed = (await Promise.allSettled(Array.from({ length: PARALLEL }, downloader))).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (!update) await broadcast({ state: 'ready', done, total, bytes, totalBytes });
  })().finally(() => {
    filling = null;
  });
  return filling;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const others = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
      if (!MANIFEST || others.length === 0) return self.skipWaiting();
      // An earlier version works offline here: replace it only by a complete new one.
      try {
        await fillCache(true);
      } catch (error) {
        void broadcast({ state: 'error', update: true, message: error instanceof Error ? error.message : String(error) });
        throw error; // install fails; the browser tries again at the next visit
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
      await Promise.all(stale.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'jobs') {
    if (event.source && event.source.id) setBusy(event.source.id, Boolean(event.data.running));
  } else if (type === 'skip-waiting') {
    self.skipWaiting();
  } else if (type === 'precache' && MANIFEST) {
    event.waitUntil(
      fillCache(false).catch((error) => broadcast({ state: 'error', message: error instanceof Error ? error.message : String(error) })),
    );
  }
});

async function fromCache(key, request) {
  const cached = await (await caches.open(CACHE)).match(key);
  // Not cached yet (the first visit, while the cache fills): the network, as without a worker.
  return withIsolation(cached ?? (await fetch(request)));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const hit = CACHE && request.method === 'GET' ? cacheKey(url) : null;
  if (!hit) {
    event.respondWith(fetch(request).then(withIsolation));
  } else if (hit.redirect && request.mode === 'navigate') {
    event.respondWith(Response.redirect(hit.redirect, 301));
  } else {
    event.respondWith(fromCache(hit.key, request));
  }
});
