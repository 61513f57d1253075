import { describe, expect, it } from 'vitest';
import { FakeServer, MemoryCacheStorage, ORIGIN, loadWorker, manifestOf, request } from './sw-harness';

/** The service worker's own logic (public/sw.js with a manifest written in), in a Node vm. */

const V1 = {
  'index.html': '<h1>Intro v1</h1>',
  'bn-folding/index.html': '<h1>BN v1</h1>',
  '_astro/page.v1hash.js': 'console.log(1)',
  'ort/ort-wasm-simd-threaded.asyncify.wasm': 'wasm v1',
  'models/imagenet-classes.txt': 'tench',
};
/** The next build: a changed page, a new hashed chunk instead of the old one, a new ORT binary. */
const V2 = {
  'index.html': '<h1>Intro v2</h1>',
  'bn-folding/index.html': '<h1>BN v2</h1>',
  '_astro/page.v2hash.js': 'console.log(2)',
  'ort/ort-wasm-simd-threaded.asyncify.wasm': 'wasm v2',
  'models/imagenet-classes.txt': 'tench',
};

const text = async (r: Response | undefined) => (r ? await r.text() : undefined);

/** A site with a worker that installed on the first visit and filled its cache. */
async function visitedOnce() {
  const caches = new MemoryCacheStorage();
  const server = new FakeServer({ ...V1 });
  const manifest = manifestOf(V1);
  const worker = loadWorker(manifest, { caches, server });
  await worker.install();
  await worker.activate();
  await worker.message({ type: 'precache' });
  return { caches, server, manifest, worker };
}

describe('service worker: first visit', () => {
  it('waits with the precache while a page runs a job, and fills the cache once no job runs', async () => {
    const caches = new MemoryCacheStorage();
    const server = new FakeServer({ ...V1 });
    const manifest = manifestOf(V1);
    const worker = loadWorker(manifest, { caches, server });
    await worker.install();
    await worker.activate();
    await worker.message({ type: 'jobs', running: true }, { id: 'page-1' });
    await worker.message({ type: 'jobs', running: true }, { id: 'page-2' });
    let filled = false;
    const fill = worker.message({ type: 'precache' }).then(() => {
      filled = true;
    });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.requests).toEqual([]); // nothing downloaded while jobs run
    await worker.message({ type: 'jobs', running: false }, { id: 'page-1' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.requests).toEqual([]); // page-2 still runs one
    expect(filled).toBe(false);
    await worker.message({ type: 'jobs', running: false }, { id: 'page-2' });
    await fill;
    const cache = (await caches.open(`repvgg-notebook-${manifest.version}`))!;
    expect(cache.entries.size).toBe(manifest.files.length);
  });

  it('takes over at once (isolation needs it), then fills the whole version when a page asks, and says so', async () => {
    const caches = new MemoryCacheStorage();
    const server = new FakeServer({ ...V1 });
    const manifest = manifestOf(V1);
    const worker = loadWorker(manifest, { caches, server });
    await worker.install();
    expect(worker.skipWaiting.calls).toBe(1);
    expect(server.requests).toEqual([]); // nothing downloaded before the page asks
    await worker.activate();
    await worker.message({ type: 'precache' });
    expect(await caches.keys()).toEqual([`repvgg-notebook-${manifest.version}`]);
    const cache = (await caches.open(`repvgg-notebook-${manifest.version}`))!;
    expect([...cache.entries.keys()].sort()).toEqual(manifest.files.map((f) => ORIGIN + f.url).sort());
    const last = worker.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'offline', state: 'ready', version: manifest.version, done: 5, total: 5, totalBytes: manifest.bytes });
    // A second request only checks: nothing is downloaded again.
    const before = server.requests.length;
    await worker.message({ type: 'precache' });
    expect(server.requests.length).toBe(before);
  });

  it('resumes an interrupted fill with the files still missing', async () => {
    const caches = new MemoryCacheStorage();
    const server = new FakeServer({ ...V1 });
    const worker = loadWorker(manifestOf(V1), { caches, server });
    await worker.install();
    await worker.activate();
    delete server.files['models/imagenet-classes.txt']; // a 404 stops the fill
    await worker.message({ type: 'precache' });
    expect(worker.messages.at(-1)).toMatchObject({ state: 'error', message: expect.stringContaining('/models/imagenet-classes.txt: HTTP 404') });
    server.files['models/imagenet-classes.txt'] = 'tench';
    server.requests.length = 0;
    await worker.message({ type: 'precache' });
    expect(worker.messages.at(-1)).toMatchObject({ state: 'ready' });
    expect(server.requests.length).toBeLessThan(5);
    expect(server.requests).toContain('/models/imagenet-classes.txt');
  });
});

describe('service worker: offline', () => {
  it('serves every page and file from the cache with the isolation headers, with the network gone', async () => {
    const { server, worker } = await visitedOnce();
    server.online = false;
    const page = await worker.fetch(request('/bn-folding/?present&step=3', 'navigate'));
    expect(await text(page)).toBe('<h1>BN v1</h1>');
    expect(page!.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(page!.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(await text(await worker.fetch(request('/bn-folding/index.html', 'navigate')))).toBe('<h1>BN v1</h1>');
    const wasm = await worker.fetch(request('/ort/ort-wasm-simd-threaded.asyncify.wasm'));
    expect(wasm!.headers.get('content-type')).toBe('application/wasm'); // streaming compilation needs it
    expect(await text(wasm)).toBe('wasm v1');
    // '/bn-folding' is redirected to the page's own URL, query kept.
    const redirect = await worker.fetch(request('/bn-folding?bn.gamma0=2', 'navigate'));
    expect(redirect!.status).toBe(301);
    expect(redirect!.headers.get('location')).toBe(`${ORIGIN}/bn-folding/?bn.gamma0=2`);
    // Other origins are never touched.
    expect(await worker.fetch(request('https://elsewhere.test/x.js'))).toBeUndefined();
  });

  it('a request outside the manifest goes to the network, isolated', async () => {
    const { server, worker } = await visitedOnce();
    server.files['extra.txt'] = 'extra';
    const response = await worker.fetch(request('/extra.txt'));
    expect(await text(response)).toBe('extra');
    expect(response!.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('service worker: a new build', () => {
  it('fills its own cache completely while installing, waits, and on activation deletes the old version', async () => {
    const { caches, server, manifest: m1, worker: old } = await visitedOnce();
    server.files = { ...V2 }; // the site is redeployed
    const m2 = manifestOf(V2);
    expect(m2.version).not.toBe(m1.version);
    const next = loadWorker(m2, { caches, server, active: true });
    await next.install();
    expect(next.skipWaiting.calls).toBe(0); // waits for the pages of the old version
    expect((await caches.keys()).sort()).toEqual([`repvgg-notebook-${m1.version}`, `repvgg-notebook-${m2.version}`].sort());
    expect(next.messages.every((m) => m['update'] === true)).toBe(true);
    // Meanwhile the old version still answers with its own files, never the new ones.
    server.online = false;
    expect(await text(await old.fetch(request('/', 'navigate')))).toBe('<h1>Intro v1</h1>');
    expect(await text(await old.fetch(request('/_astro/page.v1hash.js')))).toBe('console.log(1)');
    expect(await text(await old.fetch(request('/ort/ort-wasm-simd-threaded.asyncify.wasm')))).toBe('wasm v1');
    // A page asks it to take over: activation leaves only the new cache.
    await next.message({ type: 'skip-waiting' });
    expect(next.skipWaiting.calls).toBe(1);
    await next.activate();
    expect(await caches.keys()).toEqual([`repvgg-notebook-${m2.version}`]);
    expect(await text(await next.fetch(request('/', 'navigate')))).toBe('<h1>Intro v2</h1>');
    expect(await text(await next.fetch(request('/ort/ort-wasm-simd-threaded.asyncify.wasm')))).toBe('wasm v2');
  });

  it('never caches a file that is not its version: the install fails and the old version stays', async () => {
    const { caches, server, manifest: m1 } = await visitedOnce();
    server.files = { ...V2 };
    // The worker of a build whose page differs from what the server now has (a deploy half done).
    const m3 = manifestOf({ ...V2, 'bn-folding/index.html': '<h1>BN v3</h1>' });
    const next = loadWorker(m3, { caches, server, active: true });
    await expect(next.install()).rejects.toThrow(/bn-folding\/ on the server is not the file of version/);
    expect(next.messages.at(-1)).toMatchObject({ state: 'error', update: true });
    const v3 = await caches.open(`repvgg-notebook-${m3.version}`);
    expect(await v3.match(`${ORIGIN}/bn-folding/`)).toBeUndefined();
    expect((await (await caches.open(`repvgg-notebook-${m1.version}`)).keys()).length).toBe(m1.files.length);
  });
});

describe('service worker: development (no manifest)', () => {
  it('caches nothing, passes requests on with the isolation headers, and clears old caches', async () => {
    const { caches, server } = await visitedOnce();
    const dev = loadWorker(null, { caches, server, active: true });
    await dev.install();
    expect(dev.skipWaiting.calls).toBe(1);
    await dev.activate();
    expect(await caches.keys()).toEqual([]);
    server.files['index.html'] = '<h1>edited</h1>';
    const page = await dev.fetch(request('/', 'navigate'));
    expect(await text(page)).toBe('<h1>edited</h1>');
    expect(page!.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    await dev.message({ type: 'precache' });
    expect(await caches.keys()).toEqual([]);
  });
});
