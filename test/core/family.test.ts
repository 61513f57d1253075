import { describe, expect, it } from 'vitest';
import { REPVGG_VARIANTS, type RepVGGSpec, findVariant, getVariant, groupwiseLayers, planModel, stageWidths } from '../../src/core/family.ts';

const tiny: RepVGGSpec = { name: 'tiny', depths: [1, 2, 2, 2, 1], widthMultiplier: [1 / 16, 1 / 64], groups: { 2: 2 }, numClasses: 10, inputSize: 16 };

describe('RepVGG family', () => {
  it('has the 13 official variants', () => {
    expect(REPVGG_VARIANTS.map((s) => s.name.replace('RepVGG-', ''))).toEqual([
      'A0',
      'A1',
      'A2',
      'B0',
      'B1',
      'B1g2',
      'B1g4',
      'B2',
      'B2g2',
      'B2g4',
      'B3',
      'B3g2',
      'B3g4',
    ]);
  });

  it('computes the stage widths of the facts file from (a, b)', () => {
    const widths = (id: string) => stageWidths(getVariant(id));
    expect(widths('A0')).toEqual([48, 48, 96, 192, 1280]);
    expect(widths('A2')).toEqual([64, 96, 192, 384, 1408]);
    expect(widths('B1')).toEqual([64, 128, 256, 512, 2048]);
    expect(widths('B2')).toEqual([64, 160, 320, 640, 2560]);
    expect(widths('B3')).toEqual([64, 192, 384, 768, 2560]);
  });

  it('plans A0: 22 layers, feature maps 112, 56, 28, 14, 7, stride 2 first in each stage', () => {
    const plan = planModel(getVariant('RepVGG-A0'));
    expect(plan).toHaveLength(22);
    expect(plan.map((l) => l.stage)).toEqual([0, 1, 1, 2, 2, 2, 2, ...Array(14).fill(3), 4]);
    const firsts = plan.filter((l) => l.indexInStage === 0);
    expect(firsts.map((l) => l.outputSize)).toEqual([112, 56, 28, 14, 7]);
    expect(plan.every((l) => l.stride === (l.indexInStage === 0 ? 2 : 1))).toBe(true);
    expect(plan[0]).toMatchObject({ key: 'stage0', inChannels: 3, outChannels: 48, inputSize: 224, hasIdentity: false });
    expect(plan[2]).toMatchObject({ key: 'stage1.1', inChannels: 48, outChannels: 48, hasIdentity: true });
    expect(plan.filter((l) => l.hasIdentity)).toHaveLength(22 - 5);
    expect(plan.every((l, i) => i === 0 || l.inChannels === plan[i - 1]!.outChannels)).toBe(true);
  });

  it('groups exactly layers 2, 4, ..., 26 in the g2/g4 variants, all stride 1 with in == out', () => {
    for (const spec of REPVGG_VARIANTS) {
      const plan = planModel(spec);
      expect(plan).toHaveLength(spec.name.includes('-A') ? 22 : 28);
      const grouped = plan.filter((l) => l.groups > 1);
      const g = /g(\d)$/.exec(spec.name);
      if (!g) {
        expect(grouped).toHaveLength(0);
        continue;
      }
      expect(grouped.map((l) => l.index)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26]);
      expect(grouped.every((l) => l.groups === Number(g[1]) && l.stride === 1 && l.inChannels === l.outChannels && l.hasIdentity)).toBe(true);
    }
    expect(Object.keys(groupwiseLayers(4)).map(Number)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26]);
  });

  it('finds variants by any common spelling', () => {
    for (const name of ['A0', 'RepVGG-A0', 'repvgg_a0', ' repvgg-a0 ']) expect(findVariant(name)?.name).toBe('RepVGG-A0');
    expect(getVariant('b1G2').name).toBe('RepVGG-B1g2');
    expect(findVariant('C0')).toBeUndefined();
    expect(() => getVariant('C0')).toThrow(/unknown RepVGG variant "C0"; known: RepVGG-A0, /);
  });

  it('plans custom tiny models and odd input sizes', () => {
    const plan = planModel(tiny);
    expect(plan.map((l) => l.outChannels)).toEqual([4, 4, 4, 8, 8, 16, 16, 8]);
    expect(plan.map((l) => l.outputSize)).toEqual([8, 4, 4, 2, 2, 1, 1, 1]);
    expect(plan[2]).toMatchObject({ groups: 2, hasIdentity: true });
    expect(planModel({ ...tiny, inputSize: 15 }).map((l) => l.outputSize)).toEqual([8, 4, 4, 2, 2, 1, 1, 1]);
    expect(planModel({ ...tiny, inputSize: 21 }).map((l) => l.outputSize)).toEqual([11, 6, 6, 3, 3, 2, 2, 1]);
  });

  it('rejects specs that cannot be built', () => {
    expect(() => planModel({ ...tiny, groups: { 1: 3 } })).toThrow(/layer 1: groups = 3/);
    expect(() => planModel({ ...tiny, depths: [2, 2, 2, 2, 1] })).toThrow(/stage 0/);
    expect(() => planModel({ ...tiny, depths: [1, 0, 2, 2, 1] })).toThrow(/depths/);
    expect(() => planModel({ ...tiny, widthMultiplier: [0.01, 1] })).toThrow(/at least 1 channel/);
    expect(() => planModel({ ...tiny, inputSize: 0 })).toThrow(/inputSize/);
  });
});
