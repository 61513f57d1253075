/**
 * The introduction's overview figure, as plain data (no DOM): one block in both forms and the five
 * stages of a variant, laid out from src/core's own description — the block's operators come from
 * blockOps (the same list the cost figures count), the stages from planModel. Overview.astro
 * renders the result as SVG at build time, so the figure costs the page no JavaScript.
 */
import { blockOps } from '../../core/block-cost';
import { type LayerPlan, type RepVGGSpec, planModel, stageWidths } from '../../core/family';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly label: string;
  /** conv, bn, add, relu, io, layer-s2, layer-s1 */
  readonly kind: string;
}
export interface Edge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}
export interface Text {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly kind: string;
}
export interface OverviewLayout {
  readonly width: number;
  readonly height: number;
  readonly boxes: Box[];
  readonly edges: Edge[];
  readonly texts: Text[];
  /** The figure in words, for its text alternative. */
  readonly description: string;
}

const OP_LABEL: Record<string, string> = { conv3x3: '3×3 conv', conv1x1: '1×1 conv', bn3x3: 'BN', bn1x1: 'BN', bn_identity: 'BN (identity)', relu: 'ReLU' };

/** A stride-1 block with in = out channels: the one that has all three branches. */
function fullBlock(spec: RepVGGSpec): LayerPlan {
  const layer = planModel(spec).find((l) => l.hasIdentity);
  if (!layer) throw new RangeError(`${spec.name} has no block with an identity branch`);
  return layer;
}

export function overviewLayout(spec: RepVGGSpec): OverviewLayout {
  const boxes: Box[] = [];
  const edges: Edge[] = [];
  const texts: Text[] = [];
  const bw = 104;
  const bh = 26;
  const layer = fullBlock(spec);
  const train = blockOps(layer, 'train').ops;
  const deploy = blockOps(layer, 'deploy').ops;

  // Training-time block: one column per branch (the conv and its BN, or the identity's BN alone).
  const columns = [
    train.filter((o) => o.name === 'conv3x3' || o.name === 'bn3x3'),
    train.filter((o) => o.name === 'conv1x1' || o.name === 'bn1x1'),
    train.filter((o) => o.name === 'bn_identity'),
  ];
  const colX = [20, 140, 260];
  texts.push({ x: 192, y: 14, text: 'Training time: three branches', anchor: 'middle', kind: 'heading' });
  boxes.push({ x: 162, y: 24, w: 60, h: bh, label: 'x', kind: 'io' });
  const sumY = 132;
  columns.forEach((ops, c) => {
    const x = colX[c]!;
    // Branches end at the same height; a lone BN sits level with the others' BN.
    ops.forEach((op, i) => {
      const y = 64 + (ops.length === 1 ? 1 : i) * 34;
      boxes.push({ x, y, w: bw, h: bh, label: OP_LABEL[op.name] ?? op.name, kind: op.kind });
      if (i === 0) edges.push({ x1: 192, y1: 24 + bh, x2: x + bw / 2, y2: y });
      else edges.push({ x1: x + bw / 2, y1: y - 34 + bh, x2: x + bw / 2, y2: y });
    });
    edges.push({ x1: x + bw / 2, y1: 98 + bh, x2: 192, y2: sumY });
  });
  const adds = train.filter((o) => o.kind === 'add').length;
  boxes.push({ x: 177, y: sumY, w: 30, h: 24, label: '+', kind: 'add' });
  const relu = train.find((o) => o.kind === 'relu')!;
  boxes.push({ x: 140, y: 170, w: bw, h: bh, label: OP_LABEL[relu.name]!, kind: 'relu' });
  edges.push({ x1: 192, y1: sumY + 24, x2: 192, y2: 170 });
  boxes.push({ x: 162, y: 212, w: 60, h: bh, label: 'y', kind: 'io' });
  edges.push({ x1: 192, y1: 170 + bh, x2: 192, y2: 212 });

  // The arrow between the forms.
  edges.push({ x1: 392, y1: 125, x2: 452, y2: 125 });
  texts.push({ x: 422, y: 112, text: 'convert', anchor: 'middle', kind: 'note' });

  // Deploy block.
  texts.push({ x: 580, y: 14, text: 'Deployed: one path', anchor: 'middle', kind: 'heading' });
  boxes.push({ x: 550, y: 24, w: 60, h: bh, label: 'x', kind: 'io' });
  let y = 80;
  let prev = 24 + bh;
  for (const op of deploy) {
    const label = op.kind === 'conv' ? '3×3 conv + bias' : (OP_LABEL[op.name] ?? op.name);
    boxes.push({ x: 516, y, w: 128, h: bh, label, kind: op.kind });
    edges.push({ x1: 580, y1: prev, x2: 580, y2: y });
    prev = y + bh;
    y += 52;
  }
  boxes.push({ x: 550, y: 212, w: 60, h: bh, label: 'y', kind: 'io' });
  edges.push({ x1: 580, y1: prev, x2: 580, y2: 212 });

  // The five stages, one small rectangle per layer; the first of each stage has stride 2.
  const plan = planModel(spec);
  const widths = stageWidths(spec);
  const top = 300;
  texts.push({ x: 20, y: top - 26, text: `${spec.name}: five stages, ${plan.length} layers, then pooling and a classifier`, anchor: 'start', kind: 'heading' });
  let x = 20;
  const cell = 18;
  for (let stage = 0; stage < 5; stage++) {
    const layers = plan.filter((l) => l.stage === stage);
    const span = Math.max(layers.length * cell, 66);
    const start = x + (span - layers.length * cell) / 2;
    layers.forEach((l, i) => boxes.push({ x: start + i * cell, y: top, w: cell - 4, h: 30, label: '', kind: l.stride === 2 ? 'layer-s2' : 'layer-s1' }));
    const mid = x + span / 2;
    const out = layers.at(-1)!.outputSize;
    texts.push({ x: mid, y: top + 48, text: `stage ${stage}`, anchor: 'middle', kind: 'label' });
    texts.push({ x: mid, y: top + 63, text: `${layers.length} × ${widths[stage]} ch`, anchor: 'middle', kind: 'small' });
    texts.push({ x: mid, y: top + 78, text: `${out}×${out}`, anchor: 'middle', kind: 'small' });
    x += span + 12;
  }
  boxes.push({ x, y: top, w: 92, h: 30, label: 'pool + linear', kind: 'head' });
  texts.push({ x: x + 46, y: top + 48, text: `${spec.numClasses} classes`, anchor: 'middle', kind: 'small' });
  const legendY = top + 100;
  boxes.push({ x: 20, y: legendY - 10, w: 12, h: 12, label: '', kind: 'layer-s2' });
  texts.push({ x: 38, y: legendY, text: 'stride 2: no identity branch (two branches)', anchor: 'start', kind: 'small' });
  boxes.push({ x: 330, y: legendY - 10, w: 12, h: 12, label: '', kind: 'layer-s1' });
  texts.push({ x: 348, y: legendY, text: 'stride 1, in = out channels: all three branches', anchor: 'start', kind: 'small' });

  const perStage = [0, 1, 2, 3, 4].map((s) => plan.filter((l) => l.stage === s).length);
  const description =
    `Left: a training-time block. The input x feeds three branches — a 3×3 convolution followed by batch norm, a 1×1 convolution followed by batch norm, and batch norm alone (the identity) — ` +
    `which are added (${adds} additions) and passed through a ReLU. Right: the same block after conversion, one 3×3 convolution with a bias followed by a ReLU. ` +
    `Below: ${spec.name}'s five stages with ${perStage.join(', ')} layers, ${widths.join(', ')} channels and output maps of ` +
    `${[0, 1, 2, 3, 4].map((s) => plan.filter((l) => l.stage === s).at(-1)!.outputSize).join(', ')} pixels at ${spec.inputSize}-pixel input; ` +
    `the first layer of every stage has stride 2 and no identity branch; then global average pooling and a linear classifier to ${spec.numClasses} classes.`;
  return { width: Math.max(x + 100, 700), height: legendY + 14, boxes, edges, texts, description };
}
