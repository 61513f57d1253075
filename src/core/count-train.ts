import { countHead, countLayer } from './count.ts';
import { type RepVGGSpec, planModel } from './family.ts';

/**
 * What the training-time network costs per image beyond the deploy network, in the paper's
 * convention (multiply-adds of convs and the linear layer; BN, Add and ReLU not counted as FLOPs).
 *
 * - trainFlops: the 3×3 branch (= the deploy conv, all 9 taps) plus the 1×1 branch, C_in/g·C_out
 *   multiply-adds per output pixel, plus the linear layer.
 * - deployFlops: countModel's flops.
 * - bnElements / addElements: values that pass through a BatchNormalization / an Add in the
 *   training-time graph. Each is a read and a write of a whole feature map: memory traffic,
 *   which is what the merge really saves on a GPU.
 */
export interface TrainingOverhead {
  readonly trainFlops: number;
  readonly deployFlops: number;
  readonly bnElements: number;
  readonly addElements: number;
}

export function countTrainingOverhead(spec: RepVGGSpec): TrainingOverhead {
  let trainFlops = countHead(spec).flops;
  let deployFlops = trainFlops;
  let bnElements = 0;
  let addElements = 0;
  for (const layer of planModel(spec)) {
    const counts = countLayer(layer);
    const pixels = layer.outputSize * layer.outputSize;
    const oneByOne = pixels * layer.outChannels * (layer.inChannels / layer.groups);
    deployFlops += counts.flops;
    trainFlops += counts.flops + oneByOne;
    const map = pixels * layer.outChannels;
    bnElements += counts.bnLayers * map;
    addElements += (counts.bnLayers - 1) * map;
  }
  return { trainFlops, deployFlops, bnElements, addElements };
}
