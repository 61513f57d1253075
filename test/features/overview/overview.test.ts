import { describe, expect, it } from 'vitest';
import { REPVGG_VARIANTS, getVariant, planModel } from '../../../src/core/family.ts';
import { overviewLayout } from '../../../src/features/overview/overview-layout.ts';

describe('the overview figure is drawn from the architecture description', () => {
  it.each(REPVGG_VARIANTS.map((s) => [s.name, s] as const))('%s: one small rectangle per layer, the stride-2 ones first in each stage', (_, spec) => {
    const layout = overviewLayout(spec);
    const layers = layout.boxes.filter((b) => b.kind.startsWith('layer-'));
    const plan = planModel(spec);
    // + the two legend swatches
    expect(layers.length).toBe(plan.length + 2);
    expect(layers.slice(0, -2).map((b) => b.kind === 'layer-s2')).toEqual(plan.map((l) => l.stride === 2));
    expect(layout.boxes.every((b) => b.x >= 0 && b.x + b.w <= layout.width && b.y + b.h <= layout.height)).toBe(true);
  });

  it('the training-time block shows the three branches of blockOps and the deploy block its two operators', () => {
    const layout = overviewLayout(getVariant('A0'));
    const labels = layout.boxes.filter((b) => b.y < 260).map((b) => b.label);
    expect(labels).toEqual(['x', '3×3 conv', 'BN', '1×1 conv', 'BN', 'BN (identity)', '+', 'ReLU', 'y', 'x', '3×3 conv + bias', 'ReLU', 'y']);
    expect(layout.description).toMatch(/1, 2, 4, 14, 1 layers, 48, 48, 96, 192, 1280 channels and output maps of 112, 56, 28, 14, 7 pixels/);
    expect(overviewLayout(getVariant('B0')).description).toMatch(/1, 4, 6, 16, 1 layers/);
  });
});
