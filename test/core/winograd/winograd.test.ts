import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  F2_3,
  F4_3,
  type WinogradAlgorithm,
  countModel,
  createRng,
  directConv3x3,
  directTile,
  formatBillions,
  kernelTransform,
  maxRelDiff,
  modelMuls,
  paperRowsFor,
  planModel,
  printedBillions,
  REPVGG_VARIANTS,
  tensor,
  tileMultiplications,
  tilingPlan,
  toomCook,
  winogradConv2d,
  winogradTile,
} from '../../../src/core/index.ts';
import { naiveConv2d, randomTensor } from '../helpers.ts';

const ALGORITHMS: readonly WinogradAlgorithm[] = [F2_3, F4_3];

/** y = Aᵀ[(G g) ⊙ (Bᵀ d)] in one dimension. */
function oneD(alg: Pick<WinogradAlgorithm, 'BT' | 'G' | 'AT'>, d: readonly number[], g: readonly number[]): number[] {
  const v = alg.BT.map((row) => row.reduce((s, c, k) => s + c * d[k]!, 0));
  const u = alg.G.map((row) => row.reduce((s, c, k) => s + c * g[k]!, 0));
  return alg.AT.map((row) => row.reduce((s, c, k) => s + c * u[k]! * v[k]!, 0));
}
const basis = (n: number, i: number) => Array.from({ length: n }, (_, k) => (k === i ? 1 : 0));

describe('the transform matrices', () => {
  it.each(ALGORITHMS.map((a) => [a.name, a] as const))('%s computes exactly the correlation y_i = Σ_j d_{i+j} g_j', (_, alg) => {
    // The algorithm is bilinear, so checking every pair of basis vectors checks all inputs.
    for (let i = 0; i < alg.alpha; i++)
      for (let j = 0; j < alg.r; j++) {
        const y = oneD(alg, basis(alg.alpha, i), basis(alg.r, j));
        y.forEach((value, k) => expect(value, `d=e${i}, g=e${j}, y${k}`).toBeCloseTo(i === k + j ? 1 : 0, 14));
      }
  });

  it.each(ALGORITHMS.map((a) => [a.name, a] as const))('%s equals the Toom–Cook derivation from its points, up to a scaling per point', (_, alg) => {
    const derived = toomCook(alg.m, alg.r, alg.points);
    for (let p = 0; p < alg.alpha; p++) {
      // Scale factors a (column p of Aᵀ) and g (row p of G) from the first non-zero entry...
      const ratio = (ours: readonly number[], theirs: readonly number[]) => {
        const k = theirs.findIndex((v) => Math.abs(v) > 1e-12);
        return ours[k]! / theirs[k]!;
      };
      const a = ratio(
        alg.AT.map((row) => row[p]!),
        derived.AT.map((row) => row[p]!),
      );
      const g = ratio(alg.G[p]!, derived.G[p]!);
      // ...then every entry must follow, and Bᵀ's row must carry 1/(a·g).
      alg.AT.forEach((row, i) => expect(row[p]).toBeCloseTo(a * derived.AT[i]![p]!, 12));
      alg.G[p]!.forEach((v, k) => expect(v).toBeCloseTo(g * derived.G[p]![k]!, 12));
      alg.BT[p]!.forEach((v, k) => expect(v).toBeCloseTo(derived.BT[p]![k]! / (a * g), 12));
    }
  });

  it('a derivation from other points is also a correct F(m, r) (F(3, 3) from 0, ±1, ½, ∞)', () => {
    const alg = toomCook(3, 3, [0, 1, -1, 0.5, Infinity]);
    const rng = createRng(5);
    const d = Array.from({ length: 5 }, () => rng.normal());
    const g = Array.from({ length: 3 }, () => rng.normal());
    oneD(alg, d, g).forEach((y, i) => expect(y).toBeCloseTo(d[i]! * g[0]! + d[i + 1]! * g[1]! + d[i + 2]! * g[2]!, 12));
  });

  it('counts 16 against 36 and 36 against 144 multiplications per tile', () => {
    expect(tileMultiplications(F2_3)).toEqual({ winograd: 16, direct: 36 });
    expect(tileMultiplications(F4_3)).toEqual({ winograd: 36, direct: 144 });
  });
});

describe('one tile, stage by stage', () => {
  it.each(ALGORITHMS.map((a) => [a.name, a] as const))('%s agrees with direct correlation on random tiles', (_, alg) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const rng = createRng(seed);
        const d = rng.fillNormal(new Float64Array(alg.alpha ** 2));
        const g = rng.fillNormal(new Float64Array(9));
        const wino = winogradTile(d, g, alg);
        const direct = directTile(d, g, alg.m, 3);
        expect(maxRelDiff(wino.Y, direct.Y)).toBeLessThan(1e-13);
        const wino32 = winogradTile(Float32Array.from(d), Float32Array.from(g), alg, 'float32');
        expect(maxRelDiff(wino32.Y, direct.Y)).toBeLessThan(alg.m === 2 ? 1e-5 : 1e-4);
        expect(wino.ops.product.multiplications).toBe(alg.alpha ** 2);
        expect(direct.ops.multiplications).toBe(alg.m ** 2 * 9);
      }),
      { numRuns: 50 },
    );
  });

  it('F(2×2, 3×3): the transforms are additions only except the kernel\u2019s halvings (32 and 24 additions, as Lavin and Gray count)', () => {
    const { ops } = winogradTile(new Float64Array(16), new Float64Array(9), F2_3);
    expect(ops.input).toEqual({ multiplications: 0, constantMultiplications: 0, additions: 32 });
    expect(ops.output).toEqual({ multiplications: 0, constantMultiplications: 0, additions: 24 });
    expect(ops.kernel.multiplications).toBe(0);
    expect(ops.kernel.constantMultiplications).toBeGreaterThan(0);
    expect(ops.product).toEqual({ multiplications: 16, constantMultiplications: 0, additions: 0 });
  });

  it('the kernel transform of F(2×2) on a kernel of ones matches the hand computation', () => {
    // G·1·Gᵀ: row sums of G are 1, 1.5, 0.5, 1, so U = s sᵀ with s = (1, 1.5, 0.5, 1).
    const s = [1, 1.5, 0.5, 1];
    expect([...kernelTransform(new Float64Array(9).fill(1), F2_3)]).toEqual(s.flatMap((a) => s.map((b) => a * b)));
  });
});

describe('a whole layer', () => {
  const layerArb = fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    size: fc.integer({ min: 1, max: 11 }),
    width: fc.integer({ min: 1, max: 11 }),
    groups: fc.constantFrom(1, 2),
    perGroupIn: fc.integer({ min: 1, max: 3 }),
    perGroupOut: fc.integer({ min: 1, max: 3 }),
    alg: fc.constantFrom(...ALGORITHMS),
  });

  it('F(2×2) and F(4×4) agree with direct convolution on feature maps of any size, odd ones included, with groups and bias', () => {
    fc.assert(
      fc.property(layerArb, ({ seed, size, width, groups, perGroupIn, perGroupOut, alg }) => {
        const rng = createRng(seed);
        const c = groups * perGroupIn;
        const o = groups * perGroupOut;
        const input = randomTensor(rng, [2, c, size, width]);
        const kernel = randomTensor(rng, [o, perGroupIn, 3, 3]);
        const bias = rng.fillNormal(new Float32Array(o));
        const reference = naiveConv2d(input, kernel, { padding: 1, groups, bias });
        const exact = winogradConv2d({ input, kernel, bias, groups }, alg, 'float64');
        expect(exact.shape).toEqual(reference.shape);
        expect(maxRelDiff(exact.data, Float64Array.from(reference.data))).toBeLessThan(1e-6); // the reference is float32
        const f32 = winogradConv2d({ input, kernel, bias, groups }, alg, 'float32');
        const f64 = directConv3x3({ input, kernel, bias, groups }, 'float64');
        expect(maxRelDiff(exact.data, f64.data)).toBeLessThan(1e-12);
        expect(maxRelDiff(f32.data, f64.data)).toBeLessThan(alg.m === 2 ? 2e-6 : 2e-5);
        // Counting: α² per tile per channel pair; the kernel transform once per pair, whatever the map.
        const tiles = tilingPlan(size, width, alg).tiles.length;
        expect(exact.ops.tiles).toBe(2 * tiles);
        expect(exact.ops.product.multiplications).toBe(2 * tiles * o * perGroupIn * alg.alpha ** 2);
        expect(f64.multiplications).toBe(2 * size * width * o * perGroupIn * 9);
      }),
      { numRuns: 60 },
    );
  });

  it('the kernel transform is done once per layer, not once per tile or image', () => {
    const rng = createRng(3);
    const kernel = randomTensor(rng, [4, 2, 3, 3]);
    const small = winogradConv2d({ input: randomTensor(rng, [1, 2, 4, 4]), kernel }, F2_3);
    const large = winogradConv2d({ input: randomTensor(rng, [3, 2, 13, 9]), kernel }, F2_3);
    expect(large.ops.kernel).toEqual(small.ops.kernel);
    expect(large.ops.tiles).toBe(3 * 7 * 5);
  });

  it('edge tiles on an odd map keep only the outputs inside it', () => {
    const plan = tilingPlan(7, 5, F4_3);
    expect([plan.tilesY, plan.tilesX]).toEqual([2, 2]);
    expect(plan.tiles.map((t) => [t.rows, t.cols])).toEqual([
      [4, 4],
      [4, 1],
      [3, 4],
      [3, 1],
    ]);
    expect(plan.wastedOutputs).toBe(4 * 16 - 35);
  });
});

describe('Wino MULs of every variant', () => {
  it.each(REPVGG_VARIANTS.map((s) => [s.name, s] as const))('%s: counted by tiling = countModel = the paper\u2019s digits', (_, spec) => {
    const counted = modelMuls(spec, F2_3);
    const model = countModel(spec);
    expect(counted.winograd).toBe(model.winoMuls);
    expect(counted.direct).toBe(model.flops);
    for (const row of paperRowsFor(spec.name)) expect(formatBillions(counted.winograd)).toBe(printedBillions(row.winoMulsB!));
    // F(4×4) saves more: 36/144 instead of 16/36 on every stride-1 layer.
    const f4 = modelMuls(spec, F4_3);
    expect(f4.winograd).toBeLessThan(counted.winograd);
    expect(f4.layers.filter((l) => l.usesWinograd)).toHaveLength(planModel(spec).filter((l) => l.stride === 1).length);
  });
});

describe('accuracy: F(4×4) pays for its savings in rounding error', () => {
  it('on the same float32 data, F(4×4)\u2019s error against float64 is larger than F(2×2)\u2019s, which is close to direct', () => {
    const rng = createRng(2021);
    const c = 16;
    const input = randomTensor(rng, [1, c, 14, 14]);
    const kernel = randomTensor(rng, [16, c, 3, 3], Math.sqrt(2 / (9 * c)));
    const layer = { input, kernel };
    const reference = directConv3x3(layer, 'float64').data;
    const error = (data: Float64Array) => maxRelDiff(data, reference);
    const direct = error(directConv3x3(layer, 'float32').data);
    const f2 = error(winogradConv2d(layer, F2_3, 'float32').data);
    const f4 = error(winogradConv2d(layer, F4_3, 'float32').data);
    expect(f2).toBeGreaterThan(0);
    expect(f4).toBeGreaterThan(2 * f2);
    expect(f2).toBeLessThan(10 * direct);
    expect(f4).toBeLessThan(1e-4); // still float32-level, far from useless
  });
});

it('tensor() round-trips the float32 values the layer functions read', () => {
  expect(tensor([1, 1, 1, 1], [0.1]).data[0]).toBe(Math.fround(0.1));
});

describe('measureErrors', () => {
  it('reports direct, F(2×2) and F(4×4) against float64, with F(4×4) the largest', async () => {
    const { measureErrors } = await import('../../../src/core/index.ts');
    const rng = createRng(11);
    const input = randomTensor(rng, [1, 3, 17, 13]);
    const kernel = randomTensor(rng, [4, 3, 3, 3], 0.3);
    const report = measureErrors({ input, kernel }, [F2_3, F4_3]);
    expect(report.methods.map((m) => [m.method, m.multiplicationsPerOutput])).toEqual([
      ['direct, float32', 9],
      ['F(2×2, 3×3), float32', 4],
      ['F(4×4, 3×3), float32', 2.25],
    ]);
    const [direct, f2, f4] = report.methods;
    expect(f4!.rmsRelative).toBeGreaterThan(f2!.rmsRelative);
    expect(f4!.maxRelative).toBeGreaterThan(f2!.maxRelative);
    expect(direct!.absError).toHaveLength(4 * 17 * 13);
    expect(Math.max(...f4!.absError) / Math.max(...Array.from(report.reference, Math.abs))).toBeCloseTo(f4!.maxRelative, 12);
  });
});

describe('errorByTilePosition', () => {
  it('averages |error| per position in the tile; F(4×4) errors grow toward the far corner', async () => {
    const { errorByTilePosition, measureErrors } = await import('../../../src/core/index.ts');
    expect([...errorByTilePosition([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3], 2)]).toEqual([(1 + 3 + 7 + 9) / 4, (2 + 8) / 2, (4 + 6) / 2, 5]);
    const rng = createRng(28);
    const input = randomTensor(rng, [1, 8, 24, 24]);
    const kernel = randomTensor(rng, [8, 8, 3, 3], 0.15);
    const report = measureErrors({ input, kernel }, [F4_3]);
    const byPosition = errorByTilePosition(report.methods[1]!.absError, report.shape, 4);
    expect(byPosition[15]!).toBeGreaterThan(2 * byPosition[0]!);
  });
});
