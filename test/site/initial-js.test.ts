import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialJs, staticImports } from '../../src/site/initial-js';

/**
 * Text pages stay light (issue 15): each chapter's initial JavaScript, gzipped, read from the
 * built site (dist/, `npm run build` first; skipped without it). A figure's code loads when the
 * figure scrolls near and is not counted.
 */
const LIMIT = 30 * 1024;
const CHAPTERS = ['bn-folding/', '1x1-to-3x3/', 'identity/', 'merged-block/', 'winograd/', 'family/'];

describe('static imports in Vite output', () => {
  it('counts import … from, export … from and bare imports; never import()', () => {
    const code = 'import{a as b}from"./x.js";export{c}from"./y.js";import"./z.js";const l=()=>import("./lazy.js");__vitePreload(()=>import("./p.js"),[])';
    expect(staticImports(code).sort()).toEqual(['./x.js', './y.js', './z.js']);
  });
});

describe.skipIf(!existsSync('dist/index.html'))('initial JavaScript of the built chapter pages', () => {
  for (const page of CHAPTERS) {
    it(`${page}: at most 30 KB gzipped before the reader scrolls`, () => {
      const js = initialJs('dist', page);
      const list = js.files.map((f) => `${f.name} ${(f.gzipBytes / 1024).toFixed(1)} KB`).join(', ');
      expect(js.gzipBytes, `${page}: ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped: ${list}`).toBeLessThanOrEqual(LIMIT);
    });
  }
});
