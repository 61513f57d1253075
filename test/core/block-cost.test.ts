import { describe, expect, it } from 'vitest';
import { type LayerPlan, REPVGG_VARIANTS, type RepVGGSpec, planModel } from '../../src/core/family.ts';
import { countModel } from '../../src/core/count.ts';
import { countTrainingOverhead } from '../../src/core/count-train.ts';
import { type OpGraph, atInputSize, blockGraph, graphCost, modelGraph, peakByLayer } from '../../src/core/block-cost.ts';

/** 2 → 2 channels, 4×4, stride 1: all three branches. One feature map is 32 values. */
const square: LayerPlan = {
  index: 1,
  stage: 1,
  indexInStage: 1,
  key: 'stage1.1',
  inChannels: 2,
  outChannels: 2,
  stride: 1,
  groups: 1,
  inputSize: 4,
  outputSize: 4,
  hasIdentity: true,
};
/** 2 → 4 channels, 4×4 → 2×2, stride 2: no identity branch. Output map 16 values. */
const down: LayerPlan = { ...square, index: 0, key: 'stage1.0', outChannels: 4, stride: 2, outputSize: 2, hasIdentity: false };

describe('blockGraph + graphCost, counted by hand', () => {
  it('deploy block: conv (reads x + 36 weights + 2 biases), ReLU; peak = input + output', () => {
    const c = graphCost(blockGraph(square, 'deploy'), 1);
    expect(c.perOp.map((o) => o.op.kind)).toEqual(['conv', 'relu']);
    expect([c.operators, c.convOperators, c.macs]).toEqual([2, 1, 16 * 4 * 9]);
    expect(c.readBytes).toBe(32 + 38 + 32);
    expect(c.writeBytes).toBe(64);
    expect(c.weightBytes).toBe(38);
    expect(c.perOp.map((o) => o.liveBytes)).toEqual([64, 64]);
    expect([c.peakLiveBytes, c.peakAt]).toEqual([64, 'conv3x3']);
  });

  it('training-time block: 8 operators in export order; x stays live until the identity BN', () => {
    const c = graphCost(blockGraph(square, 'train'), 1);
    expect(c.perOp.map((o) => o.op.name)).toEqual(['conv3x3', 'bn3x3', 'conv1x1', 'bn1x1', 'bn_identity', 'add', 'add_identity', 'relu']);
    expect([c.operators, c.convOperators, c.macs]).toEqual([8, 2, 576 + 64]);
    // conv3 32+36, three BNs 32+8 each, conv1 32+4, two Adds 64 each, ReLU 32
    expect(c.readBytes).toBe(68 + 3 * 40 + 36 + 2 * 64 + 32);
    expect(c.writeBytes).toBe(8 * 32);
    // live maps: x,y3 | x,y3,z3 | x,z3,y1 | x,z3,y1,z1 | x,z3,z1,z0 | z3,z1,z0,s | z0,s,s2 | s2,out
    expect(c.perOp.map((o) => o.liveBytes / 32)).toEqual([2, 3, 3, 4, 4, 4, 3, 2]);
    expect([c.peakLiveBytes, c.peakAt]).toEqual([128, 'bn1x1']);
  });

  it('BN folded: 6 operators, biases in the convs, the identity a per-channel scale and shift', () => {
    const c = graphCost(blockGraph(square, 'train-folded'), 4);
    expect(c.perOp.map((o) => o.op.name)).toEqual(['conv3x3', 'conv1x1', 'identity', 'add', 'add_identity', 'relu']);
    expect(c.readBytes).toBe(4 * (32 + 38 + 32 + 6 + 32 + 4 + 64 + 64 + 32));
    expect(c.writeBytes).toBe(4 * 6 * 32);
    expect(c.perOp.map((o) => o.liveBytes / 128)).toEqual([2, 3, 4, 4, 3, 2]);
    expect(c.peakLiveBytes).toBe(4 * 128);
  });

  it('a stride-2 block has no identity branch and no second Add', () => {
    const train = graphCost(blockGraph(down, 'train'), 1);
    expect(train.perOp.map((o) => o.op.name)).toEqual(['conv3x3', 'bn3x3', 'conv1x1', 'bn1x1', 'add', 'relu']);
    expect(train.macs).toBe(4 * 8 * 9 + 4 * 8);
    // x (32) stays until conv1x1: x,y3 | x,y3,z3 → x,z3 | x,z3,y1 | z3,y1,z1 | z3,z1,s | s,out
    expect(train.perOp.map((o) => o.liveBytes)).toEqual([48, 64, 64, 48, 48, 32]);
    const deploy = graphCost(blockGraph(down, 'deploy'), 1);
    expect(deploy.perOp.map((o) => o.liveBytes)).toEqual([48, 32]);
  });

  it('rejects a graph that reads a tensor nothing writes', () => {
    const bad: OpGraph = {
      input: 'x',
      output: 'y',
      sizes: { x: 1, y: 1 },
      ops: [{ name: 'y', kind: 'relu', inputs: ['z'], output: 'y', macs: 0, weights: 0, layer: 0 }],
    };
    expect(() => graphCost(bad)).toThrow(/reads z/);
  });
});

describe('modelGraph', () => {
  const tiny: RepVGGSpec = { name: 't', depths: [1, 2, 1, 1, 1], widthMultiplier: [0.125, 0.125], groups: {}, numClasses: 10, inputSize: 16 };

  it('multiply-adds agree with countModel (deploy) and countTrainingOverhead (train), in both train forms', () => {
    for (const spec of [tiny, ...REPVGG_VARIANTS.slice(0, 2), REPVGG_VARIANTS.find((s) => s.name.endsWith('g4'))!]) {
      expect(graphCost(modelGraph(spec, 'deploy')).macs).toBe(countModel(spec).flops);
      expect(graphCost(modelGraph(spec, 'train')).macs).toBe(countTrainingOverhead(spec).trainFlops);
      expect(graphCost(modelGraph(spec, 'train-folded')).macs).toBe(countTrainingOverhead(spec).trainFlops);
    }
  });

  it('operators: deploy 2 per layer, training-time 8 per block with identity and 6 without, + pool and classifier', () => {
    const plan = planModel(tiny);
    const withId = plan.filter((l) => l.hasIdentity).length;
    expect(withId).toBe(1);
    expect(graphCost(modelGraph(tiny, 'deploy')).operators).toBe(2 * plan.length + 2);
    expect(graphCost(modelGraph(tiny, 'train')).operators).toBe(8 * withId + 6 * (plan.length - withId) + 2);
    expect(graphCost(modelGraph(tiny, 'deploy')).convOperators).toBe(plan.length + 1); // + the pooling
  });

  it("the deploy peak is the largest input + output of one operator: stage 0's ReLU, 48×112² in and out", () => {
    const spec = REPVGG_VARIANTS[0]!; // A0 at 224: the conv reads 3×224² and writes 48×112², its ReLU reads and writes 48×112²
    const c = graphCost(modelGraph(spec, 'deploy'));
    expect(c.perOp[0]!.liveBytes).toBe(4 * (3 * 224 * 224 + 48 * 112 * 112));
    expect(c.peakLiveBytes).toBe(4 * 2 * 48 * 112 * 112);
    expect(c.peakAt).toBe('stage0.relu');
    const train = graphCost(modelGraph(spec, 'train'));
    expect(train.peakLiveBytes).toBeGreaterThan(c.peakLiveBytes);
    expect(train.readBytes + train.writeBytes).toBeGreaterThan(c.readBytes + c.writeBytes);
  });

  it('peakByLayer has one entry per layer and one for the head, and its max is the peak; live memory scales with pixels', () => {
    const cost = graphCost(modelGraph(tiny, 'train'));
    const rows = peakByLayer(cost);
    expect(rows.map((r) => r.layer)).toEqual([...planModel(tiny).map((l) => l.index), -1]);
    expect(Math.max(...rows.map((r) => r.liveBytes))).toBe(cost.peakLiveBytes);
    const twice = graphCost(modelGraph(atInputSize(tiny, 32), 'train'));
    expect(twice.peakLiveBytes).toBe(4 * cost.peakLiveBytes);
  });
});
