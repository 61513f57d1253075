/**
 * Exercises as plain data: a generator turns (seed, identifier) into an instance, the numbers in
 * its prompt and its answer computed by src/core; a checker judges a response. The page, the
 * teacher's check page and the tests all call the same functions. Prompts are plain text with
 * Unicode symbols (γ, σ², ε), so they print, read aloud and compare in tests as they are.
 */
import type { LabSession } from './session.ts';

/** Chapter slugs, as in src/site/chapters.ts. */
export type ChapterSlug = 'bn-folding' | '1x1-to-3x3' | 'identity' | 'merged-block' | 'training' | 'winograd' | 'family' | 'run' | 'quantization';

export interface PromptTable {
  readonly caption: string;
  /** Column headers; the first names the row-header column. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface Prompt {
  /** The situation, with the student's numbers. */
  readonly text: string;
  /** Named values ("γ", "1.3"), shown as a list. */
  readonly given?: readonly (readonly [name: string, value: string])[];
  readonly table?: PromptTable;
  /** The question; also the accessible label of the answer field. */
  readonly ask: string;
}

export interface NumericInstance {
  readonly kind: 'numeric';
  readonly id: string;
  readonly prompt: Prompt;
  readonly expected: number;
  /** Largest accepted |answer − expected|; 0 for whole numbers, which must be exact. */
  readonly tolerance: number;
  readonly integer: boolean;
  /** Told to the student before they answer: "within ±0.001", "a whole number, exactly". */
  readonly toleranceText: string;
  readonly hint: string;
  /** The answer as "Show the answer" prints it. */
  readonly answerText: string;
}

export interface PuzzleInstance {
  readonly kind: 'kernel-puzzle';
  readonly id: string;
  readonly prompt: Prompt;
  readonly rows: number;
  readonly cols: number;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** Row-major: true where the cell belongs to the answer. */
  readonly expected: readonly boolean[];
  readonly hint: string;
  readonly answerText: string;
}

export type Verdict = 'correct' | 'incorrect' | 'invalid';

export interface Judgement {
  readonly verdict: Verdict;
  readonly message: string;
}

export interface ExerciseBase {
  readonly id: string;
  readonly chapter: ChapterSlug;
  /** Short title, also used in the teacher's list of solved exercises. */
  readonly title: string;
}

export interface NumericExercise extends ExerciseBase {
  readonly kind: 'numeric';
  generate(session: LabSession): NumericInstance;
}

export interface PuzzleExercise extends ExerciseBase {
  readonly kind: 'kernel-puzzle';
  generate(session: LabSession): PuzzleInstance;
}
