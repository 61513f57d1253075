import { describe, expect, it } from 'vitest';
import { countModel } from '../../src/core/count.ts';
import { countTrainingOverhead } from '../../src/core/count-train.ts';
import { REPVGG_VARIANTS, type RepVGGSpec, planModel } from '../../src/core/family.ts';

describe('countTrainingOverhead', () => {
  it('the 1×1 branches add exactly 1/9 of the 3×3 multiply-adds; the head is shared', () => {
    const spec: RepVGGSpec = { name: 't', depths: [1, 1, 1, 1, 1], widthMultiplier: [0.125, 0.125], groups: {}, numClasses: 10, inputSize: 16 };
    const plan = planModel(spec);
    const { trainFlops, deployFlops } = countTrainingOverhead(spec);
    const oneByOne = plan.reduce((s, l) => s + l.outputSize ** 2 * l.outChannels * (l.inChannels / l.groups), 0);
    expect(trainFlops - deployFlops).toBe(oneByOne);
    expect(9 * oneByOne).toBe(deployFlops - 10 * 64); // every 3×3 conv is 9× its 1×1; the head (64→10) is shared
  });

  it.each(REPVGG_VARIANTS.map((s) => [s.name, s] as const))('%s: deploy = countModel flops, ratio just under 10/9', (_, spec) => {
    const cost = countTrainingOverhead(spec);
    expect(cost.deployFlops).toBe(countModel(spec).flops);
    expect(cost.trainFlops / cost.deployFlops).toBeGreaterThan(1.1);
    expect(cost.trainFlops / cost.deployFlops).toBeLessThan(10 / 9);
    // Every BN layer normalizes one whole output map; Adds are one fewer per block than branches.
    const maps = planModel(spec).map((l) => l.outputSize ** 2 * l.outChannels);
    const layers = countModel(spec).layers;
    expect(cost.bnElements).toBe(maps.reduce((s, m, i) => s + m * layers[i]!.bnLayers, 0));
    expect(cost.addElements).toBe(maps.reduce((s, m, i) => s + m * (layers[i]!.bnLayers - 1), 0));
  });
});
