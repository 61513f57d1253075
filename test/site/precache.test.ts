import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_MARKER, buildManifest, injectManifest, normalizeBase, sha256Hex, shouldPrecache, urlForFile } from '../../src/site/precache';

const bytes = (text: string) => new TextEncoder().encode(text);
const site = (overrides: Record<string, string> = {}) =>
  Object.entries({
    'index.html': '<h1>Intro</h1>',
    'bn-folding/index.html': '<h1>BN</h1>',
    '_astro/index.abc123.js': 'export {}',
    'ort/ort-wasm-simd-threaded.asyncify.wasm': '\0asm',
    'models/imagenet-classes.txt': 'tench\n',
    'favicon.svg': '<svg/>',
    'sw.js': MANIFEST_MARKER,
    ...overrides,
  }).map(([path, text]) => ({ path, content: bytes(text) }));

describe('precache manifest', () => {
  it('maps built files to the URLs pages request, under the base', () => {
    expect(urlForFile('index.html', '/')).toBe('/');
    expect(urlForFile('bn-folding/index.html', '/')).toBe('/bn-folding/');
    expect(urlForFile('_astro/x.js', '/repvgg')).toBe('/repvgg/_astro/x.js');
    expect(urlForFile('index.html', '/repvgg/')).toBe('/repvgg/');
    expect(urlForFile('favicon.svg', '/repvgg')).toBe('/repvgg/favicon.svg');
    expect(normalizeBase('')).toBe('/');
    expect(normalizeBase('sub/path')).toBe('/sub/path/');
  });

  it('lists every file but the worker itself, source maps and dotfiles, sorted, with sizes and hashes', () => {
    expect([shouldPrecache('sw.js'), shouldPrecache('_astro/a.js.map'), shouldPrecache('.well-known/x'), shouldPrecache('ort/a.wasm')]).toEqual([
      false,
      false,
      false,
      true,
    ]);
    const manifest = buildManifest(site({ '_astro/a.js.map': '{}' }), '/');
    expect(manifest.files.map((f) => f.url)).toEqual([
      '/',
      '/_astro/index.abc123.js',
      '/bn-folding/',
      '/favicon.svg',
      '/models/imagenet-classes.txt',
      '/ort/ort-wasm-simd-threaded.asyncify.wasm',
    ]);
    const intro = manifest.files[0]!;
    expect(intro.size).toBe(bytes('<h1>Intro</h1>').byteLength);
    expect(intro.sha256).toBe(sha256Hex('<h1>Intro</h1>'));
    expect(intro.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.bytes).toBe(manifest.files.reduce((s, f) => s + f.size, 0));
  });

  it('the version changes when any file changes, is added or removed, and only then', () => {
    const v = buildManifest(site(), '/').version;
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(buildManifest([...site()].reverse(), '/').version).toBe(v); // order of listing does not matter
    expect(buildManifest(site({ 'sw.js': 'other worker text' }), '/').version).toBe(v); // the worker is not content
    expect(buildManifest(site({ 'bn-folding/index.html': '<h1>BN v2</h1>' }), '/').version).not.toBe(v);
    expect(buildManifest(site({ 'lab/index.html': '<h1>Lab</h1>' }), '/').version).not.toBe(v);
    expect(
      buildManifest(
        site().filter((f) => f.path !== 'favicon.svg'),
        '/',
      ).version,
    ).not.toBe(v);
    expect(buildManifest(site(), '/repvgg/').version).not.toBe(v); // the same files elsewhere are other URLs
  });

  it('refuses two files with one URL', () => {
    expect(() =>
      buildManifest(
        [
          { path: 'index.html', content: bytes('x') },
          { path: '/index.html', content: bytes('y') },
        ],
        '/',
      ),
    ).toThrow(/two built files/);
  });

  it('is written into the service worker in place of its one marker', () => {
    const source = readFileSync('public/sw.js', 'utf8');
    const manifest = buildManifest(site(), '/');
    const built = injectManifest(source, manifest);
    expect(built).not.toContain(MANIFEST_MARKER);
    expect(built).toContain(`const MANIFEST = ${JSON.stringify(manifest)};`);
    expect(() => injectManifest('const MANIFEST = null;', manifest)).toThrow(/no/);
    expect(() => injectManifest(`${MANIFEST_MARKER};${MANIFEST_MARKER}`, manifest)).toThrow(/more than once/);
  });
});
