import { describe, expect, it } from 'vitest';
import { blockCosts, bytesByKind, densityVerdict, modelCosts } from '../../../src/features/why-fast/model.ts';
import { type DensityRow, densityCases, densityRows } from '../../../src/core/conv-density.ts';
import { formatBytes } from '../../../src/io/bytes.ts';

describe('why-fast: block costs', () => {
  it('activation traffic is (10 + 8) M, (8 + 6) M and (2 + 2) M as the chapter derives, plus the weights', () => {
    const c = 64;
    const side = 56;
    const m = 4 * c * side * side;
    const [train, folded, deploy] = blockCosts(c, side);
    expect([train!.cost.operators, folded!.cost.operators, deploy!.cost.operators]).toEqual([8, 6, 2]);
    expect(train!.mac - train!.cost.weightBytes).toBe(18 * m);
    expect(folded!.mac - folded!.cost.weightBytes).toBe(14 * m);
    expect(deploy!.mac - deploy!.cost.weightBytes).toBe(4 * m);
    expect(deploy!.cost.weightBytes).toBe(4 * (9 * c * c + c));
    expect(train!.cost.weightBytes).toBe(4 * (9 * c * c + 4 * c + c * c + 4 * c + 4 * c));
    expect([train!.cost.peakLiveBytes, deploy!.cost.peakLiveBytes]).toEqual([4 * m, 2 * m]);
  });

  it("bytesByKind sums to each form's traffic", () => {
    const costs = blockCosts(32, 14);
    const bars = bytesByKind(costs);
    for (const f of costs) expect(bars.filter((b) => b.form === f.name).reduce((s, b) => s + b.bytes, 0)).toBe(f.mac);
    expect(bars.filter((b) => b.form === costs[2]!.name).map((b) => b.kind)).toEqual(['convolutions', 'ReLU']);
  });

  it('model costs: three forms, two series of one point per layer plus the head', () => {
    const view = modelCosts(0, 224); // A0
    expect(view.layers).toBe(22);
    expect(view.forms.map((f) => f.cost.operators)).toEqual([22 * 8 - 5 * 2 + 2, 22 * 6 - 5 * 2 + 2, 22 * 2 + 2]);
    expect(view.series.length).toBe(2 * 24);
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(999)).toBe('999 bytes');
  });
});

describe('why-fast: Table 1 verdict', () => {
  const cases = densityCases({ channels: 16, side: 14 });
  const rows = (ms: number[]): DensityRow[] =>
    densityRows(
      cases,
      ms.map((t) => [t]),
    );
  // k1 k3 k5 k7 frag4 frag16; MACs 1 : 9 : 25 : 49 : 9 : 9
  it('3×3 densest: says so, and names the ratios', () => {
    const lines = densityVerdict(rows([1, 2, 10, 20, 3, 4]), 'webgpu');
    expect(lines[0]).toMatch(/^Here too the 3×3 convolution is the densest/);
    expect(lines.some((l) => /CPU/.test(l))).toBe(false);
    expect(lines.slice(-2)).toEqual([
      'The same multiply-adds as 4 small convolutions took 1.50× the time of one 3×3 convolution.',
      'The same multiply-adds as 16 small convolutions took 2.00× the time of one 3×3 convolution.',
    ]);
  });

  it("on WebAssembly with another size densest: says plainly it is not the paper's ratio, and that a CPU is not the paper's device", () => {
    const lines = densityVerdict(rows([0.1, 2, 5, 10, 1, 2]), 'wasm');
    expect(lines[0]).toMatch(/not the densest: the 1×1 conv reaches 2\.22× of its density\. This is not the paper's ratio/);
    expect(lines[1]).toMatch(/A CPU .* is not the device of the paper's Table 1/);
    expect(lines[2]).toMatch(/0\.50× the time of one: no fragmentation penalty/);
  });
});
