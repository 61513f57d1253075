/**
 * The walkthrough of one Winograd tile as a list of steps, computed from src/core: what each step
 * shows, what it costs (counted by the tile functions, not typed in) and the running count of
 * multiplications. Pure data, so the widget and the tests read the same steps.
 */
import type { WinogradAlgorithm } from '../../core/winograd/matrices';
import { tileMultiplications } from '../../core/winograd/matrices';
import { type OpCount, type TileStages, directTile, winogradTile } from '../../core/winograd/tile';

export type StageName = 'V' | 'U' | 'M' | 'Y' | 'direct';

export interface TileStep {
  readonly title: string;
  readonly text: string;
  /** Multiplications of data by data (the Wino MULs) done up to and including this step. */
  readonly multiplications: number;
  /** Rows of M = U ⊙ V computed so far. */
  readonly productRows: number;
  /** Stages on screen at this step, and the one this step computes. */
  readonly shown: readonly StageName[];
  readonly current: StageName | null;
}

export interface TileWalkthrough {
  readonly stages: TileStages;
  readonly direct: { readonly Y: Float64Array; readonly ops: OpCount };
  readonly steps: readonly TileStep[];
  /** max |Y − Y_direct|. */
  readonly maxDifference: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function costs(ops: OpCount): string {
  const parts = [plural(ops.additions, 'addition')];
  parts.push(ops.constantMultiplications ? `${plural(ops.constantMultiplications, 'multiplication')} by constants of the transform` : 'no multiplications');
  return parts.join(' and ');
}

export function tileWalkthrough(d: ArrayLike<number>, g: ArrayLike<number>, alg: WinogradAlgorithm): TileWalkthrough {
  const stages = winogradTile(d, g, alg, 'float64');
  const direct = directTile(d, g, alg.m, alg.r, 'float64');
  const { winograd, direct: directMuls } = tileMultiplications(alg);
  const { m, alpha, r } = alg;
  const out = `${m}×${m}`;
  let maxDifference = 0;
  for (let i = 0; i < stages.Y.length; i++) maxDifference = Math.max(maxDifference, Math.abs(stages.Y[i]! - direct.Y[i]!));

  const steps: TileStep[] = [
    {
      title: 'The tile and the kernel',
      text: `An ${alpha}×${alpha} input tile d and a ${r}×${r} kernel g give ${out} outputs. Done directly, each output needs ${r * r} multiplications: ${directMuls} in all.`,
      multiplications: 0,
      productRows: 0,
      shown: [],
      current: null,
    },
    {
      title: 'Input transform V = Bᵀ d B',
      text: `Bᵀ's entries are ${alg.m === 2 ? '0 and ±1' : 'small integers'}, so the input transform costs ${costs(stages.ops.input)}: no multiplication of two data values.`,
      multiplications: 0,
      productRows: 0,
      shown: ['V'],
      current: 'V',
    },
    {
      title: 'Kernel transform U = G g Gᵀ',
      text: `${costs(stages.ops.kernel)}, but done once per kernel: every tile of the layer reuses U, so per tile it is free.`,
      multiplications: 0,
      productRows: 0,
      shown: ['V', 'U'],
      current: 'U',
    },
  ];
  for (let row = 1; row <= alpha; row++) {
    steps.push({
      title: `Element-wise product M = U ⊙ V, row ${row} of ${alpha}`,
      text: `${alpha} multiplications, each of a transformed input by a transformed kernel value: ${row * alpha} of ${winograd} so far.`,
      multiplications: row * alpha,
      productRows: row,
      shown: ['V', 'U', 'M'],
      current: 'M',
    });
  }
  steps.push(
    {
      title: 'Output transform Y = Aᵀ M A',
      text: `${costs(stages.ops.output)} turn the ${alpha}×${alpha} products into the ${out} outputs.`,
      multiplications: winograd,
      productRows: alpha,
      shown: ['V', 'U', 'M', 'Y'],
      current: 'Y',
    },
    {
      title: 'Compare with direct convolution',
      text: `Direct convolution of the same tile: ${directMuls} multiplications. Winograd: ${winograd}, ${(directMuls / winograd).toFixed(2)}× fewer, for the same outputs.`,
      multiplications: winograd,
      productRows: alpha,
      shown: ['V', 'U', 'M', 'Y', 'direct'],
      current: 'direct',
    },
  );
  return { stages, direct, steps, maxDifference };
}
