import { describe, expect, it } from 'vitest';
import { convertModel } from '../../src/core/convert-model.ts';
import type { RepVGGSpec } from '../../src/core/family.ts';
import { forwardDeploy } from '../../src/core/model.ts';
import { INT8_MAX, fakeQuantize } from '../../src/core/quantize.ts';
import { quantizeDeployModel, worstLayer } from '../../src/core/quantize-model.ts';
import { createRng } from '../../src/core/random.ts';
import { maxAbsDiff } from '../../src/core/tensor.ts';
import { createTrainWeights } from '../../src/core/weights.ts';
import { randomTensor } from './helpers.ts';

const spec: RepVGGSpec = { name: 'tiny-g2', depths: [1, 2, 3, 2, 1], widthMultiplier: [1 / 16, 1 / 64], groups: { 2: 2 }, numClasses: 10, inputSize: 16 };

describe('quantizeDeployModel: a whole deploy network with INT8 kernels', () => {
  const deploy = convertModel(createTrainWeights(spec, 5));

  it('quantizes every kernel as fakeQuantize does, and leaves biases, strides, groups and the classifier alone', () => {
    for (const mode of ['per-tensor', 'per-channel'] as const) {
      const q = quantizeDeployModel(deploy, mode);
      expect(q.mode).toBe(mode);
      expect(q.layers).toHaveLength(deploy.blocks.length);
      q.weights.blocks.forEach((b, i) => {
        const original = deploy.blocks[i]!;
        expect(Array.from(b.kernel.data)).toEqual(Array.from(fakeQuantize(original.kernel, mode).data));
        expect(b.bias).toBe(original.bias);
        expect([b.stride, b.groups]).toEqual([original.stride, original.groups]);
        expect(maxAbsDiff(b.kernel, original.kernel)).toBeGreaterThan(0); // rounded, not copied
      });
      expect(q.weights.linear).toBe(deploy.linear);
      expect(deploy.blocks[0]!.kernel.data).not.toBe(q.weights.blocks[0]!.kernel.data); // the float model is untouched
    }
  });

  it('per-channel error is never above per-tensor error, layer by layer; both bounded by half a step', () => {
    const t = quantizeDeployModel(deploy, 'per-tensor');
    const c = quantizeDeployModel(deploy, 'per-channel');
    deploy.blocks.forEach((b, i) => {
      let maxAbs = 0;
      for (const v of b.kernel.data) maxAbs = Math.max(maxAbs, Math.abs(v));
      expect(t.layers[i]!.maxAbs).toBeLessThanOrEqual(maxAbs / INT8_MAX / 2 + 1e-9);
      expect(c.layers[i]!.maxAbs).toBeLessThanOrEqual(t.layers[i]!.maxAbs + 1e-9);
    });
  });

  it('one channel blown up (a tiny BN variance) ruins per-tensor scales for the rest of its layer, not per-channel ones', () => {
    const blocks = deploy.blocks.map((b, i) => {
      if (i !== 2) return b;
      const data = Float32Array.from(b.kernel.data);
      const per = data.length / b.kernel.shape[0]!;
      for (let k = 0; k < per; k++) data[k]! *= 300; // channel 0 only
      return { ...b, kernel: { ...b.kernel, data } };
    });
    const blown = { ...deploy, blocks };
    const t = quantizeDeployModel(blown, 'per-tensor');
    const c = quantizeDeployModel(blown, 'per-channel');
    expect(worstLayer(t.layers).layer).toBe(2);
    expect(t.layers[2]!.worstChannel).toBeGreaterThan(0.5); // a channel rounded to (nearly) nothing
    expect(c.layers[2]!.worstChannel).toBeLessThan(0.1);
    // And the output moves further from the float network's with per-tensor scales.
    const x = randomTensor(createRng(9), [2, 3, 16, 16]);
    const float = forwardDeploy(blown, x);
    expect(maxAbsDiff(forwardDeploy(t.weights, x), float)).toBeGreaterThan(maxAbsDiff(forwardDeploy(c.weights, x), float));
  });

  it('worstLayer names the layer with the worst channel', () => {
    const e = (worstChannel: number) => ({ maxAbs: 0, relative: 0, sqnrDb: 0, worstChannel });
    expect(worstLayer([e(0.1), e(0.3), e(0.2)])).toEqual({ layer: 1, worstChannel: 0.3 });
  });
});
