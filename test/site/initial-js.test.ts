import { describe, expect, it } from 'vitest';
import { staticImports } from '../../src/site/initial-js';

/** The parser behind e2e/initial-js.spec.ts, which measures the built pages. */

describe('static imports in Vite output', () => {
  it('counts import … from, export … from and bare imports; never import()', () => {
    const code = 'import{a as b}from"./x.js";export{c}from"./y.js";import"./z.js";const l=()=>import("./lazy.js");__vitePreload(()=>import("./p.js"),[])';
    expect(staticImports(code).sort()).toEqual(['./x.js', './y.js', './z.js']);
  });
});
