import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  SHRUNK_CHANNEL,
  quantSetup,
  runQuant,
  sliderToVariance,
  varianceToSlider,
  withShrunkVariance,
} from '../../../src/features/quantization/model';
import { forwardDeployBlock, forwardTrainBlock } from '../../../src/core/block';
import { decodePpm, rgbToTensor } from '../../../src/io/image';
import { reparameterizeBlock } from '../../../src/core/reparameterize-block';
import { maxAbsDiff } from '../../../src/core/tensor';

const photo = rgbToTensor(decodePpm(new Uint8Array(readFileSync('public/models/samples/samoyed-32.ppm'))));
const setup = quantSetup(7, photo);

describe('quantization chapter: the block and its input', () => {
  it('a 3 → 8 float stem on the 32×32 photo feeds an 8 → 8 block with all three branches', () => {
    expect(setup.x.shape).toEqual([1, CHANNELS, 32, 32]);
    expect(setup.block.identity).not.toBeNull();
    expect(Math.min(...setup.x.data)).toBeGreaterThanOrEqual(0); // the stem ends in a ReLU
  });

  it('shrinking σ² touches one channel of one BN only, and the merged W′ still converts exactly', () => {
    const shrunk = withShrunkVariance(setup.block, 'identity', 1e-4);
    expect(shrunk.identity!.variance[SHRUNK_CHANNEL]).toBeCloseTo(1e-4, 10);
    expect([...shrunk.identity!.variance].slice(1)).toEqual([...setup.block.identity!.variance].slice(1));
    expect(shrunk.dense).toBe(setup.block.dense);
    expect(setup.block.identity!.variance[SHRUNK_CHANNEL]).not.toBeCloseTo(1e-4, 6); // the original is untouched
    const r = runQuant(setup, 'identity', 1e-4);
    const train = forwardTrainBlock(shrunk, setup.x);
    expect(maxAbsDiff(train, r.reference)).toBeLessThan(1e-4 * Math.max(...train.data));
    expect(maxAbsDiff(forwardDeployBlock(reparameterizeBlock(shrunk), setup.x), r.reference)).toBeLessThan(1e-5);
  });
});

describe('quantization chapter: ranges and errors', () => {
  it('t = γ/√(σ² + ε) of the shrunk channel, and it sets that channel of W′', () => {
    const r = runQuant(setup, 'identity', 1e-4);
    const gamma = setup.block.identity!.gamma[SHRUNK_CHANNEL]!;
    expect(r.shrunkScale).toBeCloseTo(gamma / Math.sqrt(1e-4 + 1e-5), 4);
    const big = r.ranges.merged[SHRUNK_CHANNEL]!.maxAbs;
    expect(big).toBeGreaterThan(0.9 * r.shrunkScale);
    for (let c = 1; c < CHANNELS; c++) expect(r.ranges.merged[c]!.maxAbs).toBeLessThan(big / 10);
    // The other branches do not change.
    const plain = runQuant(setup, 'identity', 1);
    expect(r.ranges.dense).toEqual(plain.ranges.dense);
  });

  it('with a blown-up channel, per-channel scales beat one per-tensor scale on weights and on the photo', () => {
    const r = runQuant(setup, 'identity', 1e-3);
    const pt = r.modes['per-tensor'];
    const pc = r.modes['per-channel'];
    expect(pc.levels).toBeGreaterThan(pt.levels);
    expect(pt.levels).toBeLessThan(40);
    expect(pc.meanChannelRelative * 3).toBeLessThan(pt.meanChannelRelative);
    expect(pc.outputError.relative).toBeLessThan(pt.outputError.relative);
    const meanW = (m: typeof pt) => m.weightErrorByChannel.reduce((a, e) => a + e.relative, 0) / CHANNELS;
    expect(meanW(pc)).toBeLessThan(meanW(pt));
    // Every entry is within half a step of its scale.
    const s = pt.quantized.scales[0]!;
    expect(pt.weightError.maxAbs).toBeLessThanOrEqual(s / 2 + 1e-7);
    // The code histograms count every entry once.
    expect(pt.codeHistogram.counts.reduce((a, b) => a + b, 0)).toBe(CHANNELS * CHANNELS * 9);
    expect(r.weightHistogram.counts.reduce((a, b) => a + b, 0)).toBe(CHANNELS * CHANNELS * 9);
  });

  it('float16 stays near its 2⁻¹¹ relative step whatever σ² does', () => {
    for (const v of [1, 1e-3, 1e-7]) {
      const r = runQuant(setup, 'identity', v);
      expect(r.half.weightErrorByChannel.every((e) => e.relative <= 2 ** -11)).toBe(true);
      expect(r.half.meanChannelRelative).toBeLessThan(r.modes['per-channel'].meanChannelRelative);
    }
  });

  it('the variance slider is log₁₀ with three significant digits', () => {
    expect(varianceToSlider(1e-3)).toBeCloseTo(-3, 12);
    expect(sliderToVariance(-3)).toBe(0.001);
    expect(sliderToVariance(Math.log10(0.0123456))).toBe(0.0123);
  });
});
