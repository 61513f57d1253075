/*
 * RepVGG Notebook service worker: cross-origin isolation for static hosts.
 *
 * WASM threads need SharedArrayBuffer, which browsers enable only on cross-origin isolated pages
 * (COOP: same-origin + COEP: require-corp). `astro dev` and `astro preview` send those headers;
 * many static hosts (GitHub Pages, for one) cannot. This worker re-serves the site's own responses
 * with the headers added. It is written here rather than taken from `coi-serviceworker` because
 * one scope has one service worker, and this one will also own the offline cache.
 * It only ever touches requests to the site's own origin.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function withIsolation(response) {
  // Opaque or error responses cannot be rewritten; pass them through untouched.
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(fetch(request).then(withIsolation));
});
