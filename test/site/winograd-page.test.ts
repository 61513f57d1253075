import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { F2_3, F4_3, type Matrix } from '../../src/core/winograd/matrices.ts';

/**
 * Chapter 5 typesets the transform matrices in KaTeX by hand; this reads them back from the MDX
 * (the display blocks after each "winograd-matrices" marker: Bᵀ, G, Aᵀ in that order) and checks
 * every entry against the matrices the notebook computes with.
 */
const page = readFileSync('src/pages/winograd.mdx', 'utf8');

function entry(tex: string): number {
  const t = tex.trim().replace(/\s+/g, '');
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^-/, '');
  const frac = body.match(/^\\tfrac(?:\{(\d+)\}|(\d))(?:\{(\d+)\}|(\d+))$/);
  if (frac) return (sign * Number(frac[1] ?? frac[2])) / Number(frac[3] ?? frac[4]);
  if (/^\d+$/.test(body)) return sign * Number(body);
  throw new Error(`cannot read matrix entry "${tex}"`);
}

function matricesAfter(marker: string): number[][][] {
  const at = page.indexOf(`winograd-matrices: ${marker}`);
  expect(at, `marker for ${marker}`).toBeGreaterThan(-1);
  // Bᵀ, G and Aᵀ, in one display block or spread over consecutive ones (wide ones are split).
  let block = '';
  let from = at;
  while ((block.match(/\\begin\{pmatrix\}/g) ?? []).length < 3) {
    const start = page.indexOf('$$', from);
    const end = page.indexOf('$$', start + 2);
    expect(start, `display blocks after ${marker}`).toBeGreaterThan(-1);
    block += page.slice(start + 2, end);
    from = end + 2;
  }
  return [...block.matchAll(/\\begin\{pmatrix\}([\s\S]*?)\\end\{pmatrix\}/g)].map((m) =>
    m[1]!
      .split('\\\\')
      .filter((row) => row.trim())
      .map((row) => row.split('&').map(entry)),
  );
}

const asNumbers = (m: Matrix) => m.map((row) => [...row]);

describe('chapter 5 prints the matrices the code uses', () => {
  it.each([
    ['F2', F2_3],
    ['F4', F4_3],
  ] as const)('%s: Bᵀ, G and Aᵀ on the page equal src/core/winograd', (marker, alg) => {
    const [bt, g, at] = matricesAfter(marker);
    expect(bt).toEqual(asNumbers(alg.BT));
    expect(g!.length).toBe(alg.G.length);
    g!.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(alg.G[i]![j]!, 15)));
    expect(at).toEqual(asNumbers(alg.AT));
  });

  it('reads fractions and signs as KaTeX writes them', () => {
    expect([entry('\\tfrac12'), entry('-\\tfrac16'), entry('\\tfrac1{24}'), entry('-5'), entry(' 0 ')]).toEqual([0.5, -1 / 6, 1 / 24, -5, 0]);
  });
});
