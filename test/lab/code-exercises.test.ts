import { describe, expect, it } from 'vitest';
import { compile, importUse, probeLine, runCases, stripTypes, toPlain } from '../../src/features/lab/sandbox/core';
import { removeGlobals } from '../../src/features/lab/sandbox/lockdown';
import type { BatchNormParams } from '../../src/core/batch-norm';
import { foldBatchNorm } from '../../src/core/fold-batch-norm';
import { CODE_EXERCISES, type CaseOutcome, type CodeExercise, type CodeReport, judgeRun } from '../../src/lab/index';
import type { Tensor } from '../../src/core/tensor';
import { buggy, correct, typescript } from './solutions';

const session = { seed: 'class7', student: 'alice' };

/** What the sandbox worker does, minus the lock-down: compile, run every case, keep the outcomes. */
async function run(exercise: CodeExercise, source: string): Promise<CodeReport> {
  const cases = exercise.cases(session);
  const fn = compile(source, exercise.fnName, Function)() as (...args: unknown[]) => unknown;
  const outcomes: CaseOutcome[] = [];
  await runCases(
    fn,
    cases.map((c) => c.args),
    (o) => outcomes.push(o),
    probeLine(Function),
  );
  return judgeRun(exercise, cases, outcomes);
}

describe('code exercises', () => {
  for (const exercise of CODE_EXERCISES) {
    it(`${exercise.id}: a correct solution passes every case`, async () => {
      const report = await run(exercise, correct[exercise.id]!);
      expect(report.firstFailure).toBeNull();
      expect(report.passed).toBe(report.total);
      expect(report.total).toBeGreaterThanOrEqual(6);
    });

    it(`${exercise.id}: a typical mistake fails, with the right first mismatch`, async () => {
      const [source, index, where] = buggy[exercise.id]!;
      const report = await run(exercise, source);
      expect(report.passed).toBeLessThan(report.total);
      expect(report.firstFailure?.index).toBe(index);
      expect(report.firstFailure?.where?.startsWith(where), report.firstFailure?.where).toBe(true);
      expect(report.firstFailure?.expected).toBeTruthy();
      expect(report.firstFailure?.got).toBeTruthy();
      expect(report.cases.slice(0, index).every((c) => c.status === 'pass')).toBe(true);
    });

    it(`${exercise.id}: the starter code runs and fails honestly`, async () => {
      const report = await run(exercise, exercise.starter);
      expect(report.passed).toBeLessThan(report.total);
      expect(report.firstFailure?.error).toBeUndefined();
    });
  }

  it('the cases’ expected values are the project’s reference implementation', () => {
    const fold = CODE_EXERCISES.find((e) => e.id === 'code-fold')!;
    for (const c of fold.cases(session)) {
      const [weight, gamma, beta, mean, variance, eps] = c.args as [Tensor, Float32Array, Float32Array, Float32Array, Float32Array, number];
      const bn: BatchNormParams = { gamma, beta, mean, variance, eps };
      const ref = foldBatchNorm(weight, bn);
      expect(c.expected).toEqual(ref);
    }
    // The edge cases are there: a dead channel and an ε other than 10⁻⁵.
    const labels = fold.cases(session).map((c) => c.label);
    expect(labels.some((l) => l.includes('σ² = 0'))).toBe(true);
    expect(labels.some((l) => l.includes('ε = 0.001'))).toBe(true);
  });

  it('a thrown error is reported with its line in the student’s code; a wrong shape names the shape', async () => {
    const fold = CODE_EXERCISES.find((e) => e.id === 'code-fold')!;
    const throwing = 'function foldBatchNorm(weight) {\n  const x = 1;\n  return weight.nope.deeper;\n}';
    const report = await run(fold, throwing);
    expect(report.passed).toBe(0);
    expect(report.cases.every((c) => c.status === 'error')).toBe(true);
    expect(report.firstFailure?.error).toMatch(/^TypeError: .* \(line 3 of your code\)$/);
    const wrongShape = await run(fold, 'function foldBatchNorm(w) { return { weight: { shape: [1], data: [] }, bias: [] }; }');
    expect(wrongShape.firstFailure).toMatchObject({ where: 'weight.shape', expected: '[1, 1, 3, 3]', got: '[1]' });
    expect(wrongShape.firstFailure?.input).toContain('weight = { shape: [1, 1, 3, 3]');
  });

  it('cases the run did not reach count as failures, with the reason', () => {
    const pad = CODE_EXERCISES.find((e) => e.id === 'code-pad')!;
    const cases = pad.cases(session);
    const report = judgeRun(pad, cases, [], 'stopped after 2 s');
    expect(report.passed).toBe(0);
    expect(report.cases.every((c) => c.status === 'not run')).toBe(true);
    expect(report.firstFailure).toMatchObject({ index: 0, error: 'stopped after 2 s' });
  });
});

describe('sandbox core', () => {
  it('refuses import, static or dynamic, naming the line', () => {
    expect(importUse('const a = 1;\nconst m = await import("/x.js");')).toMatch(/line 2/);
    expect(importUse('import x from "y";')).toMatch(/line 1/);
    expect(importUse('const important = 1; // imports nothing')).toBeNull();
  });

  it('runs TypeScript: types removed, every line where the student wrote it, JavaScript untouched', async () => {
    const exercise = CODE_EXERCISES.find((e) => e.id === 'code-identity')!;
    const report = await run(exercise, typescript['code-identity']!);
    expect(report.firstFailure).toBeNull();
    expect(report.passed).toBe(report.total);
    const source = 'function f(x: number): number {\n  const y = x as number;\n  return y;\n}';
    expect(stripTypes(source).split('\n')).toHaveLength(source.split('\n').length);
    expect(stripTypes(source)).not.toMatch(/number/);
    const plain = 'function f(x) {\n  return x < 2 ? [x] : { x };\n}';
    expect(stripTypes(plain)).toBe(plain);
  });

  it('reports a thrown error on the TypeScript line it came from', async () => {
    const source = 'type T = number;\nfunction f(x: T): T {\n  if (x > 1) throw new Error("big");\n  return x;\n}';
    const outcomes: CaseOutcome[] = [];
    await runCases(compile(source, 'f', Function)() as (...args: unknown[]) => unknown, [[2]], (o) => outcomes.push(o), probeLine(Function));
    expect(outcomes[0]).toMatchObject({ ok: false, error: 'Error: big', line: 3 });
  });

  it('a syntax error is a SyntaxError that names the line', () => {
    expect(() => compile('function f(x: number {\n}', 'f', Function)).toThrow(SyntaxError);
    expect(() => compile('function f(x: number {\n}', 'f', Function)).toThrow(/\(1:\d+\)/);
  });

  it('turns any result into plain, bounded data', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(toPlain({ data: Float32Array.of(1.5, 2), f: () => 1, n: 5n, cyclic })).toEqual({
      data: [1.5, 2],
      f: '[function]',
      n: '5n',
      cyclic: { a: 1, self: '[nested too deep]' },
    });
    expect(toPlain(new Float64Array(300_000))).toBe('[too large]');
  });

  it('removes network globals along the prototype chain and pins them to undefined', () => {
    const proto = { fetch: () => 'network', importScripts: () => 'code' };
    const scope = Object.create(proto) as Record<string, unknown>;
    scope['XMLHttpRequest'] = class {};
    removeGlobals(scope);
    for (const name of ['fetch', 'importScripts', 'XMLHttpRequest', 'WebSocket', 'EventSource']) expect(scope[name], name).toBeUndefined();
    expect(() => {
      scope['fetch'] = () => 'again';
    }).toThrow(TypeError);
  });
});
