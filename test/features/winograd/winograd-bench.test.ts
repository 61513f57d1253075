// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../../src/perf/cpu-bench';
import { verdict } from '../../../src/features/winograd/bench-verdict';
import { timingBars } from '../../../src/ui/viz/timing-bars';

const result = (speedup: number, betweenKernels = 1e-7): BenchResult => ({
  runtime: 'test',
  layer: 'layer',
  direct: { medianMs: 10 * speedup, minMs: 10 * speedup, runs: 3, multiplications: 36 },
  winograd: { medianMs: 10, minMs: 10, runs: 3, multiplications: 16 },
  speedup,
  theoretical: 2.25,
  agreement: { betweenKernels, directVsFloat64: 1e-7, winogradVsFloat64: 1e-7 },
  notes: [],
});

describe('benchmark verdict', () => {
  it('says plainly when Winograd is slower, partial, close or beyond the count', () => {
    expect(verdict(result(0.8))).toMatch(/Winograd is slower here \(0\.80×\)/);
    expect(verdict(result(1.5))).toMatch(/40% of the way to the counted 2\.25×: memory traffic/);
    expect(verdict(result(2.2))).toMatch(/close to the counted/);
    expect(verdict(result(3))).toMatch(/beats the counted/);
  });
  it('refuses to praise a speed-up when the outputs disagree', () => {
    expect(verdict(result(2, 0.1))).toMatch(/DISAGREE.*bug/);
  });
});

describe('timing bars', () => {
  it('draws each runtime relative to its own direct time, with the counted position marked', () => {
    const fig = timingBars(
      [
        { group: 'JS', kernel: 'direct', ms: 40 },
        { group: 'JS', kernel: 'Winograd', ms: 20 },
        { group: 'GPU', kernel: 'direct', ms: 800 },
        { group: 'GPU', kernel: 'Winograd', ms: 600 },
      ],
      [
        { group: 'JS', referenceMs: 40, ideal: 1 / 2.25 },
        { group: 'GPU', referenceMs: 800, ideal: 1 / 2.25 },
      ],
      { label: 't', width: 600, kernels: ['direct', 'Winograd'], document },
    );
    const widths = [...fig.querySelectorAll('g[aria-label="bar"] rect')].map((r) => Number(r.getAttribute('width')));
    expect(widths).toHaveLength(4);
    expect(widths[0]).toBeCloseTo(widths[2]!, 5); // both directs are "1"
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.5, 2);
    expect(fig.textContent).toContain('800.0 ms');
    expect(fig.querySelectorAll('g[aria-label="tick"] line')).toHaveLength(2);
  });
});
