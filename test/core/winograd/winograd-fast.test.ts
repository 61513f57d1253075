import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCpuBench } from '../../../src/perf/cpu-bench.ts';
import { benchLayer } from '../../../src/perf/winograd-layer.ts';
import { createRng, directConv3x3, maxRelDiff, tensor } from '../../../src/core/index.ts';
import { planDirect, runDirect } from '../../../src/core/winograd/fast-direct.ts';
import { planWinograd, runWinograd } from '../../../src/core/winograd/fast-f2x2.ts';

describe('the benchmark kernels', () => {
  it('fast direct and fast F(2×2) agree with the float64 reference on any shape (odd maps, channel counts not multiples of 4)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          c: fc.integer({ min: 1, max: 9 }),
          o: fc.integer({ min: 1, max: 9 }),
          h: fc.integer({ min: 1, max: 9 }),
          w: fc.integer({ min: 1, max: 9 }),
        }),
        ({ seed, c, o, h, w }) => {
          const rng = createRng(seed);
          const x = rng.fillNormal(new Float32Array(c * h * w));
          const k = rng.fillNormal(new Float32Array(o * c * 9));
          const bias = rng.fillNormal(new Float32Array(o));
          const reference = directConv3x3({ input: tensor([1, c, h, w], x), kernel: tensor([o, c, 3, 3], k), bias }, 'float64').data;
          const direct = new Float32Array(o * h * w).fill(NaN);
          runDirect(planDirect({ c, o, h, w }, k, bias), x, direct);
          const wino = new Float32Array(o * h * w).fill(NaN);
          const plan = planWinograd({ c, o, h, w }, k, bias);
          runWinograd(plan, x, wino);
          runWinograd(plan, x, wino); // reusing a plan's buffers gives the same result
          expect(maxRelDiff(Float64Array.from(direct), reference)).toBeLessThan(1e-5);
          expect(maxRelDiff(Float64Array.from(wino), reference)).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('the bench layer is RepVGG-A0 stage 3 from planModel, and a short bench run reports agreeing outputs', () => {
    const layer = benchLayer();
    expect(layer.plan).toMatchObject({ stage: 3, stride: 1, inChannels: 192, outChannels: 192, outputSize: 14 });
    const result = runCpuBench(layer, { warmup: 1, runs: 1 });
    expect(result.theoretical).toBe(2.25);
    expect(result.direct.multiplications / result.winograd.multiplications).toBe(2.25);
    expect(result.agreement.betweenKernels).toBeLessThan(1e-5);
    expect(result.agreement.winogradVsFloat64).toBeLessThan(1e-5);
    expect(result.speedup).toBeGreaterThan(0);
  });
});
