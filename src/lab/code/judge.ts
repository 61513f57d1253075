/**
 * Judging a code run: each case's returned value against the reference, in order. A case that
 * threw, or that never ran (the run was stopped), fails. The report names the first failure with
 * its input, what was expected and what came back.
 */
import { describeValue } from './compare.ts';
import type { CaseOutcome, CodeCase, CodeExercise } from './types.ts';

export interface CaseResult {
  readonly index: number;
  readonly label: string;
  readonly status: 'pass' | 'fail' | 'error' | 'not run';
}

export interface FirstFailure {
  readonly index: number;
  readonly label: string;
  /** The arguments, shortened. */
  readonly input: string;
  /** A wrong value: where, expected and got. */
  readonly where?: string;
  readonly expected?: string;
  readonly got?: string;
  /** A thrown error (with its line in the student's code when known), or why the case did not run. */
  readonly error?: string;
}

export interface CodeReport {
  readonly passed: number;
  readonly total: number;
  readonly cases: readonly CaseResult[];
  readonly firstFailure: FirstFailure | null;
}

const argNames = (exercise: CodeExercise): string[] =>
  exercise.signature
    .slice(exercise.signature.indexOf('(') + 1, -1)
    .split(',')
    .map((s) => s.trim());

export function describeInput(exercise: CodeExercise, testCase: CodeCase): string {
  const names = argNames(exercise);
  return testCase.args.map((arg, i) => `${names[i] ?? `arg${i}`} = ${describeValue(arg, 16)}`).join('\n');
}

/** `notRunReason` says why cases without an outcome did not run (e.g. the time limit). */
export function judgeRun(exercise: CodeExercise, cases: readonly CodeCase[], outcomes: readonly CaseOutcome[], notRunReason = 'did not run'): CodeReport {
  const byIndex = new Map(outcomes.map((o) => [o.index, o]));
  let firstFailure: FirstFailure | null = null;
  const results = cases.map((testCase, index): CaseResult => {
    const outcome = byIndex.get(index);
    const base = { index, label: testCase.label, input: describeInput(exercise, testCase) };
    if (!outcome) {
      firstFailure ??= { ...base, error: notRunReason };
      return { index, label: testCase.label, status: 'not run' };
    }
    if (!outcome.ok) {
      firstFailure ??= { ...base, error: outcome.line !== undefined ? `${outcome.error} (line ${outcome.line} of your code)` : outcome.error };
      return { index, label: testCase.label, status: 'error' };
    }
    const mismatch = exercise.compare(testCase, outcome.value);
    if (mismatch) {
      firstFailure ??= { ...base, ...mismatch };
      return { index, label: testCase.label, status: 'fail' };
    }
    return { index, label: testCase.label, status: 'pass' };
  });
  return { passed: results.filter((r) => r.status === 'pass').length, total: cases.length, cases: results, firstFailure };
}
