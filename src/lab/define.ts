/** Exercise definitions: each generator gets its own rng, seeded from (seed, identifier, id). */
import type { Rng } from '../core/random.ts';
import { exerciseRng } from './session.ts';
import type { ChapterSlug, NumericExercise, NumericInstance, PuzzleExercise, PuzzleInstance } from './types.ts';

export function numericExercise(id: string, chapter: ChapterSlug, title: string, draw: (rng: Rng) => Omit<NumericInstance, 'kind' | 'id'>): NumericExercise {
  return { id, chapter, title, kind: 'numeric', generate: (session) => ({ kind: 'numeric', id, ...draw(exerciseRng(session, id)) }) };
}

export function puzzleExercise(id: string, chapter: ChapterSlug, title: string, draw: (rng: Rng) => Omit<PuzzleInstance, 'kind' | 'id'>): PuzzleExercise {
  return { id, chapter, title, kind: 'kernel-puzzle', generate: (session) => ({ kind: 'kernel-puzzle', id, ...draw(exerciseRng(session, id)) }) };
}
