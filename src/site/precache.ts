/**
 * The offline precache manifest: every file of the built site as the URL the service worker
 * caches it under, its size and a content hash, plus a version that changes whenever any file
 * does. Pure functions (no file system), shared by the build integration (offline-integration.ts)
 * and the tests; public/sw.js reads the result.
 */
import { createHash } from 'node:crypto';

export interface PrecacheEntry {
  /** Absolute path on the site, base included: '/', '/bn-folding/', '/_astro/index.abc.js'. */
  readonly url: string;
  readonly size: number;
  /** SHA-256 of the file, hex: the service worker checks what it caches against it. */
  readonly sha256: string;
}

export interface PrecacheManifest {
  /** Short hash of every (url, sha256) pair: a new build with any changed file gets a new version. */
  readonly version: string;
  readonly files: readonly PrecacheEntry[];
  readonly bytes: number;
}

/** The literal in public/sw.js that the build replaces with the manifest (dev keeps `null`: no caching). */
export const MANIFEST_MARKER = '/* PRECACHE_MANIFEST */ null';

/** '/repvgg' or '/repvgg/' → '/repvgg/'; '' → '/'. */
export function normalizeBase(base: string): string {
  const withLead = base.startsWith('/') ? base : `/${base}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

/**
 * Files that are not part of the site's content: the service worker itself (the browser fetches
 * it apart from any cache), source maps, and dotfiles.
 */
export function shouldPrecache(relPath: string): boolean {
  const parts = relPath.split('/');
  if (parts.some((p) => p.startsWith('.'))) return false;
  if (relPath === 'sw.js' || relPath.endsWith('.map')) return false;
  return true;
}

/**
 * The URL a built file is requested by: a page's index.html by its directory (how links and
 * astro preview address it), everything else by its path. Always under the base.
 */
export function urlForFile(relPath: string, base: string): string {
  const root = normalizeBase(base);
  const path = relPath.split('\\').join('/').replace(/^\/+/, '');
  if (path === 'index.html') return root;
  if (path.endsWith('/index.html')) return `${root}${path.slice(0, -'index.html'.length)}`;
  return `${root}${path}`;
}

export function sha256Hex(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The manifest of the given files (path relative to the output folder, and their bytes). */
export function buildManifest(files: readonly { path: string; content: Uint8Array }[], base: string): PrecacheManifest {
  const entries = files
    .filter((f) => shouldPrecache(f.path))
    .map((f) => ({ url: urlForFile(f.path, base), size: f.content.byteLength, sha256: sha256Hex(f.content) }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.url === entries[i - 1]!.url) throw new Error(`two built files map to the URL ${entries[i]!.url}`);
  }
  const version = sha256Hex(entries.map((e) => `${e.url} ${e.sha256}\n`).join('')).slice(0, 16);
  return { version, files: entries, bytes: entries.reduce((sum, e) => sum + e.size, 0) };
}

/** public/sw.js with the manifest written in place of its marker; refuses a source without exactly one. */
export function injectManifest(swSource: string, manifest: PrecacheManifest): string {
  const at = swSource.indexOf(MANIFEST_MARKER);
  if (at < 0) throw new Error(`the service worker has no "${MANIFEST_MARKER}" to replace`);
  if (swSource.indexOf(MANIFEST_MARKER, at + 1) >= 0) throw new Error(`the service worker has "${MANIFEST_MARKER}" more than once`);
  return swSource.slice(0, at) + JSON.stringify(manifest) + swSource.slice(at + MANIFEST_MARKER.length);
}
