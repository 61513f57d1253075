/** Code exercises: the student writes one function; randomized cases check it against src/core. */
import type { LabSession } from '../session.ts';
import type { ExerciseBase } from '../types.ts';
import type { Mismatch } from './compare.ts';

export interface CodeCase {
  /** The arguments, as structured-cloneable data (crosses postMessage into the sandbox). */
  readonly args: readonly unknown[];
  /** What the reference implementation returns. */
  readonly expected: unknown;
  /** The input in a few words, for the report ("O = 2, I = 3, one σ² = 0"). */
  readonly label: string;
}

export interface CodeExercise extends ExerciseBase {
  readonly kind: 'code';
  /** The function the student's code must define. */
  readonly fnName: string;
  /** "foldBatchNorm(weight, gamma, beta, mean, variance, eps)" */
  readonly signature: string;
  /** What the arguments are and what to return (plain text, one paragraph per entry). */
  readonly statement: readonly string[];
  /** The editor's starting text: the signature and a body that runs but is not yet right. */
  readonly starter: string;
  cases(session: LabSession): CodeCase[];
  /** The first difference between a returned value and the case's expected one, or null. */
  compare(testCase: CodeCase, got: unknown): Mismatch | null;
}

/** What one case of the student's function did, as the sandbox reports it. */
export type CaseOutcome =
  | { readonly index: number; readonly ok: true; readonly value: unknown }
  | { readonly index: number; readonly ok: false; readonly error: string; readonly line?: number };
