/**
 * Every exercise of the lab, in a fixed order: the order of the bits of the completion code.
 * Appending is safe for old codes only if LAB_VERSION is bumped too (session.ts).
 */
import { CODE_EXERCISES, codeFold, codeIdentity, codePad, codeWinograd } from './code/exercises.ts';
import type { CodeExercise } from './code/types.ts';
import { bnBias, bnScale } from './exercises/bn-folding.ts';
import { batchNormCount } from './exercises/run.ts';
import { identityPuzzle } from './exercises/identity.ts';
import { layerParams, stageWidth } from './exercises/family.ts';
import { mergedBias, pathCount } from './exercises/merged-block.ts';
import { outputSize, paddedEntry } from './exercises/one-by-one.ts';
import { acbTap } from './exercises/training.ts';
import { int8Code, int8Levels } from './exercises/quantization.ts';
import { winogradInput, winogradMuls } from './exercises/winograd.ts';
import type { ChapterSlug, NumericExercise, PuzzleExercise } from './types.ts';

export type Exercise = NumericExercise | PuzzleExercise | CodeExercise;

export const LAB_EXERCISES: readonly Exercise[] = [
  bnScale,
  bnBias,
  codeFold,
  outputSize,
  paddedEntry,
  codePad,
  identityPuzzle,
  codeIdentity,
  mergedBias,
  pathCount,
  winogradInput,
  winogradMuls,
  codeWinograd,
  stageWidth,
  layerParams,
  batchNormCount,
  // Appended (bit 16): codes made before it keep their meaning; LAB_VERSION unchanged, so nobody's numbers move.
  acbTap,
  // Appended (bits 17, 18), the same way.
  int8Code,
  int8Levels,
];

export { CODE_EXERCISES };

export function exerciseById(id: string): Exercise | undefined {
  return LAB_EXERCISES.find((e) => e.id === id);
}

export function exercisesOf(chapter: ChapterSlug): Exercise[] {
  return LAB_EXERCISES.filter((e) => e.chapter === chapter);
}
