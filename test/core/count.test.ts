import { describe, expect, it } from 'vitest';
import { countLayer, countModel, formatBillions, formatParamsM } from '../../src/core/count.ts';
import { REPVGG_VARIANTS, type RepVGGSpec, getVariant, planModel } from '../../src/core/family.ts';
import { PAPER_BASELINES, PAPER_REPVGG, paperRowsFor, printedBillions, printedParamsM } from '../../src/core/paper.ts';
import { type StateDictEntry, deployStateDict, trainStateDict } from '../../src/core/state-dict.ts';

const elements = (entries: StateDictEntry[], keep: (e: StateDictEntry) => boolean) =>
  entries.filter(keep).reduce((sum, e) => sum + e.shape.reduce((p, d) => p * d, 1), 0);

describe('counts reproduce the paper (Table 4 and 5) digit for digit', () => {
  it.each(PAPER_REPVGG.map((row) => [`${row.model} (${row.epochs} epochs)`, row] as const))('%s', (_, row) => {
    const counts = countModel(getVariant(row.model));
    expect(formatParamsM(counts.deployParams)).toBe(printedParamsM(row));
    expect(formatBillions(counts.flops)).toBe(printedBillions(row.flopsB));
    expect(formatBillions(counts.winoMuls)).toBe(printedBillions(row.winoMulsB!));
  });

  it('covers the 11 reported variants; B2g2 and B3g2 are not in the paper', () => {
    const reported = new Set(PAPER_REPVGG.map((r) => r.model));
    expect(reported.size).toBe(11);
    expect(REPVGG_VARIANTS.filter((s) => paperRowsFor(s.name).length === 0).map((s) => s.name)).toEqual(['RepVGG-B2g2', 'RepVGG-B3g2']);
    expect(PAPER_BASELINES.find((r) => r.model === 'EfficientNet-B0')?.winoMulsB).toBeNull();
  });
});

describe('counts for all 13 variants', () => {
  it.each(REPVGG_VARIANTS.map((s) => [s.name, s] as const))('%s: counts agree with the checkpoint tensor listing', (_, spec) => {
    const counts = countModel(spec);
    const train = trainStateDict(spec);
    const isBnStat = (e: StateDictEntry) => /running_(mean|var)$/.test(e.key);
    expect(counts.trainParams).toBe(elements(train, (e) => e.kind === 'parameter'));
    expect(counts.bnBuffers).toBe(elements(train, isBnStat));
    expect(counts.bnLayers).toBe(train.filter((e) => e.key.endsWith('num_batches_tracked')).length);
    expect(counts.deployParams).toBe(elements(deployStateDict(spec), () => true));
    for (const key of ['deployParams', 'trainParams', 'bnBuffers', 'flops', 'winoMuls'] as const) {
      expect(Number.isSafeInteger(counts[key]), key).toBe(true);
    }
    // Winograd saves 5/9 of the stride-1 work, so MULs sit between 4/9 and 1 of the FLOPs.
    expect(counts.winoMuls).toBeGreaterThan((4 / 9) * counts.flops);
    expect(counts.winoMuls).toBeLessThan(counts.flops);
  });

  it('grouping the 13 even layers removes exactly their share of weights', () => {
    for (const base of ['B1', 'B2', 'B3']) {
      const dense = countModel(getVariant(base));
      const plan = planModel(getVariant(`${base}g4`));
      const grouped = plan.filter((l) => l.groups === 4);
      const saved = grouped.reduce((s, l) => s + (l.outChannels * l.inChannels * 9 * 3) / 4, 0); // 3/4 of each 3×3 kernel
      expect(dense.deployParams - countModel(getVariant(`${base}g4`)).deployParams).toBe(saved);
    }
  });
});

describe('per-layer formulas', () => {
  const tiny: RepVGGSpec = { name: 'tiny', depths: [1, 1, 2, 1, 1], widthMultiplier: [0.125, 0.125], groups: { 3: 2 }, numClasses: 10, inputSize: 20 };
  // Layers: 3→8 (10×10), 8→8 (5×5), 8→16 (3×3), 16→16 in 2 groups (3×3), 16→32 (2×2), 32→64 (1×1).
  const plan = planModel(tiny);

  it('counts a stride-1 grouped layer on an odd feature map with ⌈H/2⌉·⌈W/2⌉ Winograd tiles', () => {
    const layer = plan[3]!;
    expect(layer).toMatchObject({ inChannels: 16, outChannels: 16, groups: 2, stride: 1, outputSize: 3, hasIdentity: true });
    const c = countLayer(layer);
    expect(c.deployParams).toBe(16 * 8 * 9 + 16);
    expect(c.trainParams).toBe(16 * 8 * 9 + 16 * 8 + 3 * 2 * 16);
    expect(c.bnBuffers).toBe(3 * 2 * 16);
    expect(c.flops).toBe(3 * 3 * 16 * 8 * 9);
    expect(c.winoMuls).toBe(2 * 2 * 16 * 16 * 8);
  });

  it('counts stride-2 layers and the classifier at direct cost', () => {
    const first = countLayer(plan[0]!);
    expect(first.winoMuls).toBe(first.flops);
    expect(first.flops).toBe(10 * 10 * 8 * 3 * 9);
    const model = countModel(tiny);
    expect(model.head).toMatchObject({ deployParams: 64 * 10 + 10, flops: 64 * 10, winoMuls: 64 * 10, bnBuffers: 0 });
    expect(model.flops).toBe(model.layers.reduce((s, l) => s + l.flops, 0) + 640);
  });
});

describe('paper-style formatting', () => {
  it('truncates params to 0.01 M', () => {
    expect(formatParamsM(51_829_480)).toBe('51.82'); // rounding would print 51.83
    expect(formatParamsM(8_309_384)).toBe('8.30');
    expect(formatParamsM(110_960_872)).toBe('110.96');
    expect(formatParamsM(999_999)).toBe('0.99');
    expect(formatParamsM(5_000)).toBe('0.00');
  });

  it('rounds FLOPs and MULs half up to 0.1 B', () => {
    expect(formatBillions(1_361_451_008)).toBe('1.4');
    expect(formatBillions(6_013_243_392)).toBe('6.0');
    expect(formatBillions(1_349_999_999)).toBe('1.3');
    expect(formatBillions(1_350_000_000)).toBe('1.4');
    expect(formatBillions(26_208_882_688)).toBe('26.2');
    expect(formatBillions(40_000_000)).toBe('0.0');
  });
});
