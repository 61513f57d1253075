/**
 * public/sw.js run in a Node vm with a fake origin: an in-memory Cache Storage, a server whose
 * files the test changes (a new build) or takes away (offline), and window clients that collect
 * the worker's messages. Enough of the Service Worker API for the worker's own logic, no browser.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { type PrecacheManifest, buildManifest, injectManifest } from '../../src/site/precache';

export const ORIGIN = 'https://notebook.test';

class MemoryCache {
  readonly entries = new Map<string, Response>();
  async put(key: string | Request, response: Response): Promise<void> {
    this.entries.set(typeof key === 'string' ? key : key.url, response);
  }
  async match(key: string | Request): Promise<Response | undefined> {
    return this.entries.get(typeof key === 'string' ? key : key.url)?.clone();
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

export class MemoryCacheStorage {
  readonly stores = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    if (!this.stores.has(name)) this.stores.set(name, new MemoryCache());
    return this.stores.get(name)!;
  }
  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }
}

/** A static host: path → body; `online = false` makes every fetch fail as a network error. */
export class FakeServer {
  online = true;
  readonly requests: string[] = [];
  constructor(public files: Record<string, string>) {}
  readonly fetch = async (input: string | { url: string }): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input.url, ORIGIN);
    this.requests.push(url.pathname);
    if (!this.online) throw new TypeError('Failed to fetch');
    let path = url.pathname.replace(/^\//, '');
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const body = this.files[path];
    if (body === undefined) return new Response('not found', { status: 404 });
    const type = path.endsWith('.html') ? 'text/html; charset=utf-8' : path.endsWith('.wasm') ? 'application/wasm' : 'text/plain';
    return new Response(body, { headers: { 'content-type': type, 'content-length': String(new TextEncoder().encode(body).byteLength) } });
  };
}

export function manifestOf(files: Record<string, string>): PrecacheManifest {
  return buildManifest(
    Object.entries(files).map(([path, text]) => ({ path, content: new TextEncoder().encode(text) })),
    '/',
  );
}

export interface FakeRequest {
  readonly url: string;
  readonly method: string;
  readonly mode: string;
  readonly cache: string;
}

export function request(path: string, mode = 'same-origin'): FakeRequest {
  return { url: new URL(path, ORIGIN).href, method: 'GET', mode, cache: 'default' };
}

type Listener = (event: Record<string, unknown>) => void;

export interface LoadedWorker {
  readonly messages: Record<string, unknown>[];
  readonly skipWaiting: { calls: number };
  install(): Promise<void>;
  activate(): Promise<void>;
  /** `source`: the client (page) that sent it, by id. */
  message(data: unknown, source?: { id: string }): Promise<void>;
  /** Ids of the pages the worker finds open (clients.get); a closed page is removed. */
  readonly openClients: Set<string>;
  /** The response the worker gives, or undefined when it lets the browser handle the request. */
  fetch(req: FakeRequest): Promise<Response | undefined>;
}

/** Evaluates the worker with `manifest` written in (null: the dev server's copy). */
export function loadWorker(manifest: PrecacheManifest | null, env: { caches: MemoryCacheStorage; server: FakeServer; active?: boolean }): LoadedWorker {
  const source = readFileSync('public/sw.js', 'utf8');
  const code = manifest ? injectManifest(source, manifest) : source;
  const listeners = new Map<string, Listener[]>();
  const messages: Record<string, unknown>[] = [];
  const skipWaiting = { calls: 0 };
  const openClients = new Set<string>(['page-1', 'page-2']);
  const client = { postMessage: (m: Record<string, unknown>) => messages.push(m) };
  const self = {
    location: new URL('/sw.js', ORIGIN),
    registration: { active: env.active ? {} : null },
    skipWaiting: async () => {
      skipWaiting.calls += 1;
    },
    clients: { claim: async () => undefined, matchAll: async () => [client], get: async (id: string) => (openClients.has(id) ? client : undefined) },
    addEventListener: (type: string, fn: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
  };
  const context = vm.createContext({
    self,
    caches: env.caches,
    fetch: env.server.fetch,
    crypto: globalThis.crypto,
    Response,
    Headers,
    Request,
    URL,
    setTimeout,
    clearTimeout,
  });
  vm.runInContext(code, context, { filename: 'sw.js' });

  const dispatch = async (type: string, init: Record<string, unknown>): Promise<Response | undefined> => {
    const waits: Promise<unknown>[] = [];
    let response: Promise<Response> | undefined;
    const event = { ...init, waitUntil: (p: Promise<unknown>) => waits.push(p), respondWith: (p: Promise<Response>) => (response = Promise.resolve(p)) };
    for (const fn of listeners.get(type) ?? []) fn(event);
    await Promise.all(waits);
    return response ? await response : undefined;
  };
  return {
    messages,
    skipWaiting,
    install: async () => void (await dispatch('install', {})),
    activate: async () => void (await dispatch('activate', {})),
    openClients,
    message: async (data, source) => void (await dispatch('message', { data, source })),
    fetch: (req) => dispatch('fetch', { request: req }),
  };
}
