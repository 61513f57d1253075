import { describe, expect, it } from 'vitest';
import { createRng, maxRelDiff, tensor } from '../../../src/core/index.ts';
import { DENSITY_SHAPES, convMacs, densityCases, densityRows, fragmentCounts } from '../../../src/core/conv-density.ts';
import { densityModel, encodeModel } from '../../../src/io/onnx/index.ts';
import { runOnnx } from './run-onnx.ts';

describe('Table 1 graphs', () => {
  const shape = DENSITY_SHAPES.tiny;

  it('cases: the four kernel sizes, then the fragmented 3×3s, all fragments with the 3×3 multiply-adds', () => {
    const cases = densityCases(shape);
    expect(cases.map((c) => c.id)).toEqual(['k1', 'k3', 'k5', 'k7', 'frag4', 'frag16']);
    expect(convMacs({ channels: 2, side: 3 }, 3)).toBe(3 * 3 * 2 * 2 * 9);
    expect(cases.map((c) => c.macs / convMacs(shape, 1))).toEqual([1, 9, 25, 49, 9, 9]);
    expect(fragmentCounts({ channels: 12, side: 4 })).toEqual([4]);
  });

  it('each graph is one Conv, or n Convs and a Concat; the fragments compute the single 3×3 exactly', async () => {
    const cases = densityCases(shape);
    const x = tensor([1, shape.channels, shape.side, shape.side], createRng(3).fillNormal(new Float32Array(shape.channels * shape.side ** 2)));
    const outputs = new Map<string, Float32Array>();
    for (const c of cases) {
      const model = densityModel(shape, c);
      expect(model.graph.node.map((n) => n.op_type)).toEqual(c.fragments === 1 ? ['Conv'] : [...Array(c.fragments).fill('Conv'), 'Concat']);
      const out = await runOnnx(encodeModel(model), x);
      expect(out.dims).toEqual([1, shape.channels, shape.side, shape.side]);
      outputs.set(c.id, out.data);
    }
    // Same seed, weights drawn in the same order: fragment f holds output channels f·C/n … (f+1)·C/n − 1.
    expect(maxRelDiff(outputs.get('frag4')!, outputs.get('k3')!)).toBeLessThan(1e-5);
    expect(maxRelDiff(outputs.get('frag16')!, outputs.get('k3')!)).toBeLessThan(1e-5);
  });

  it('densityRows: median time, billions of multiply-adds per second, relative to the single 3×3', () => {
    const cases = densityCases({ channels: 4, side: 10 }).slice(0, 2); // k1: 1600 MACs, k3: 14400
    const rows = densityRows(cases, [
      [2, 1, 3],
      [4, 2, 6, 8],
    ]);
    expect(rows.map((r) => r.medianMs)).toEqual([2, 5]);
    expect(rows.map((r) => r.minMs)).toEqual([1, 2]);
    expect(rows[0]!.gmacs).toBeCloseTo(1600 / 0.002 / 1e9, 12);
    expect(rows[1]!.vs3x3).toBe(1);
    expect(rows[0]!.vs3x3).toBeCloseTo(1600 / 2 / (14400 / 5), 12);
    expect(() => densityRows(cases, [[1]])).toThrow(/no timings for k3/);
  });
});
