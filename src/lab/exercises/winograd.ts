/** Chapter 5: one entry of a Winograd input transform, and the Wino MULs of one layer. */
import type { LayerPlan } from '../../core/family.ts';
import { F2_3, type Matrix } from '../../core/winograd/matrices.ts';
import { layerMuls } from '../../core/winograd/model-muls.ts';
import { inputTransform } from '../../core/winograd/tile.ts';
import { formatInteger, formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { intBetween, pick } from '../session.ts';

/** A small matrix on one line: "(1 0 −1 0; 0 1 1 0; …)", from the project's own matrices. */
export function matrixText(m: Matrix, decimals = 0): string {
  return `(${m.map((row) => row.map((x) => formatNumber(x, Number.isInteger(x) ? 0 : decimals)).join(' ')).join('; ')})`;
}

export const winogradInput = numericExercise('wino-v', 'winograd', 'An entry of Bᵀ d B', (rng) => {
  const d = Array.from({ length: 16 }, () => intBetween(rng, -5, 5));
  const V = inputTransform(d, F2_3);
  const r = intBetween(rng, 0, 3);
  const c = intBetween(rng, 0, 3);
  const entry = V[r * 4 + c]!;
  return {
    prompt: {
      text: `Winograd F(2×2, 3×3) transforms a 4×4 input tile d into V = Bᵀ d B, with Bᵀ = ${matrixText(F2_3.BT)} (rows separated by “;”). Rows and columns count from 0.`,
      table: {
        caption: 'The input tile d',
        columns: ['', 'col 0', 'col 1', 'col 2', 'col 3'],
        rows: [0, 1, 2, 3].map((row) => [`row ${row}`, ...d.slice(row * 4, row * 4 + 4).map((x) => formatNumber(x, 0))]),
      },
      ask: `What is V[${r}, ${c}]?`,
    },
    expected: entry,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: `V[${r}, ${c}] = Σ Bᵀ[${r}, k] · d[k, l] · Bᵀ[${c}, l]: row ${r} of Bᵀ picks the rows of d, row ${c} of Bᵀ the columns.`,
    answerText: `V[${r}, ${c}] = ${formatNumber(entry, 0)}`,
  };
});

export const winogradMuls = numericExercise('wino-muls', 'winograd', 'Wino MULs of a layer', (rng) => {
  const channels = pick(rng, [16, 32, 48, 64, 96, 128]);
  const groups = pick(rng, [1, 1, 2, 4]);
  const size = pick(rng, [7, 9, 14, 15, 28, 56]);
  const layer: LayerPlan = {
    index: 0,
    stage: 0,
    indexInStage: 1,
    key: 'exercise',
    inChannels: channels,
    outChannels: channels,
    stride: 1,
    groups,
    inputSize: size,
    outputSize: size,
    hasIdentity: true,
  };
  const muls = layerMuls(layer, F2_3).winograd;
  const tiles = Math.ceil(size / 2) ** 2;
  return {
    prompt: {
      text: `A stride-1 3×3 convolution (padding 1) maps ${channels} channels to ${channels} channels on a ${size}×${size} feature map${groups > 1 ? `, in ${groups} groups` : ''}. Count with the notebook's rule, the one that reproduces the paper's Wino MULs: Winograd F(2×2, 3×3), 16 multiplications per 2×2 output tile per (input channel of the group, output channel) pair; a tile on the edge of an odd-sized map counts in full.`,
      ask: 'How many multiplications (Wino MULs) does the layer take?',
    },
    expected: muls,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'Tiles = ⌈H/2⌉², channel pairs = C_out · C_in / g, and 16 multiplications for each tile and pair.',
    answerText: `${formatInteger(tiles)} tiles × ${formatInteger((channels * channels) / groups)} pairs × 16 = ${formatInteger(muls)}`,
  };
});
