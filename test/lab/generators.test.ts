import { describe, expect, it } from 'vitest';
import {
  type Exercise,
  type LabSession,
  LAB_EXERCISES,
  type NumericInstance,
  PRACTICE_SEED,
  type PuzzleInstance,
  judgeNumeric,
  judgePuzzle,
  normalizeSeed,
  normalizeStudent,
  parseAnswer,
} from '../../src/lab';

const session = (seed: string, student: string): LabSession => ({ seed: normalizeSeed(seed)!, student: normalizeStudent(student)! });
const instanceOf = (e: Exercise, s: LabSession): unknown => (e.kind === 'code' ? e.cases(s) : e.generate(s));
const numeric = LAB_EXERCISES.filter((e) => e.kind === 'numeric');
const students = Array.from({ length: 30 }, (_, i) => `student-${i}`);

describe('sessions', () => {
  it('normalizes seeds and identifiers so the same person gets the same numbers', () => {
    expect(normalizeSeed(' Class-7 ')).toBe('class-7');
    expect(normalizeSeed('a b')).toBeNull();
    expect(normalizeSeed('')).toBeNull();
    expect(normalizeStudent('  Alice   Smith ')).toBe('alice smith');
    expect(normalizeStudent('ＡＬＩＣＥ')).toBe('alice'); // NFKC: full-width letters
    expect(normalizeStudent('a\u0007b')).toBeNull();
  });
});

describe('exercise generators', () => {
  it('are deterministic per (seed, identifier)', () => {
    for (const e of LAB_EXERCISES) {
      expect(JSON.stringify(instanceOf(e, session('class7', 'Alice')))).toBe(JSON.stringify(instanceOf(e, session('CLASS7', ' alice'))));
    }
  });

  it('give two identifiers different numbers, and two seeds too', () => {
    const all = (s: LabSession) => JSON.stringify(LAB_EXERCISES.map((e) => instanceOf(e, s)));
    const seen = new Set(students.map((id) => all(session('class7', id))));
    expect(seen.size).toBe(students.length);
    expect(all(session('class7', 'alice'))).not.toBe(all(session('class8', 'alice')));
    // Exercises with many variants almost never coincide for two students.
    for (const e of LAB_EXERCISES.filter((x) => ['bn-t', 'bn-bias', 'merged-bias', 'wino-v', 'code-fold', 'code-winograd'].includes(x.id))) {
      const variants = new Set(students.map((id) => JSON.stringify(instanceOf(e, session('class7', id)))));
      expect(variants.size, e.id).toBe(students.length);
    }
  });

  it('every numeric answer is accepted as computed, and rejected one tolerance step off', () => {
    for (const e of numeric) {
      for (const id of students.slice(0, 10)) {
        const instance = e.generate(session(PRACTICE_SEED, id)) as NumericInstance;
        expect(judgeNumeric(instance, String(instance.expected)).verdict, e.id).toBe('correct');
        const step = instance.integer ? 1 : instance.tolerance * 1.5;
        expect(judgeNumeric(instance, String(instance.expected + step)).verdict, e.id).toBe('incorrect');
        expect(judgeNumeric(instance, String(instance.expected - step)).verdict, e.id).toBe('incorrect');
        if (!instance.integer) expect(judgeNumeric(instance, String(instance.expected + instance.tolerance * 0.9)).verdict).toBe('correct');
        expect(judgeNumeric(instance, 'forty-two').verdict).toBe('invalid');
      }
    }
  });

  it('the kernel puzzle accepts exactly the identity kernel’s centres', () => {
    const puzzle = LAB_EXERCISES.find((e) => e.id === 'identity-puzzle')!;
    for (const id of students) {
      const instance = puzzle.kind === 'kernel-puzzle' ? (puzzle.generate(session('class7', id)) as PuzzleInstance) : undefined;
      const on = instance!.expected.flatMap((v, i) => (v ? [i] : []));
      expect(judgePuzzle(instance!, on).verdict).toBe('correct');
      expect(judgePuzzle(instance!, on.slice(1)).verdict).toBe('incorrect');
      expect(
        judgePuzzle(
          instance!,
          on.map((i) => i - (i % instance!.cols)),
        ).verdict,
      ).toBe('incorrect'); // the "diagonal of column 0" mistake
      expect(judgePuzzle(instance!, []).verdict).toBe('invalid');
      // One 1 per row, in column o mod (C/g).
      for (let o = 0; o < instance!.rows; o++) expect(on).toContain(o * instance!.cols + (o % instance!.cols));
    }
  });
});

/** The numbers of a prompt's "given" list, read back as a student would. */
function given(instance: NumericInstance, name: string): number {
  const entry = instance.prompt.given!.find(([n]) => n.startsWith(name))!;
  return parseAnswer(entry[1], false)!;
}

describe('answers agree with an independent float64 computation from the printed numbers', () => {
  const get = (id: string, student: string) =>
    LAB_EXERCISES.find((e) => e.id === id)!.kind === 'numeric' &&
    (LAB_EXERCISES.find((e) => e.id === id) as Extract<Exercise, { kind: 'numeric' }>).generate(session('class7', student));

  it('t and b′', () => {
    for (const student of students) {
      const t = get('bn-t', student) as NumericInstance;
      expect(t.expected).toBeCloseTo(given(t, 'γ') / Math.sqrt(given(t, 'σ²') + 1e-5), 5);
      const b = get('bn-bias', student) as NumericInstance;
      const [gamma, beta, mean, variance] = ['γ', 'β', 'μ', 'σ²'].map((n) => given(b, n)) as [number, number, number, number];
      expect(b.expected).toBeCloseTo(beta - (mean * gamma) / Math.sqrt(variance + 1e-5), 5);
    }
  });

  it('output size, Wino MULs and BN layers from the numbers in the text', () => {
    for (const student of students) {
      const o = get('out-size', student) as NumericInstance;
      const [, k, s, p, h] = /(\d)×\d convolution with stride (\d) and padding (\d) reads a (\d+)×/.exec(o.prompt.text)!.map(Number) as number[];
      expect(o.expected).toBe(Math.floor((h! + 2 * p! - k!) / s!) + 1);
      const w = get('wino-muls', student) as NumericInstance;
      const [, c, size] = /maps (\d+) channels to \d+ channels on a (\d+)×/.exec(w.prompt.text)!.map(Number) as number[];
      const groups = Number(/in (\d+) groups/.exec(w.prompt.text)?.[1] ?? 1);
      expect(w.expected).toBe(Math.ceil(size! / 2) ** 2 * 16 * c! * (c! / groups));
      const r = get('run-bn', student) as NumericInstance;
      const blocks = /stages of ([\d, ]+) blocks/
        .exec(r.prompt.text)![1]!
        .split(',')
        .reduce((a, d) => a + Number(d), 0);
      expect(r.expected).toBe(2 * blocks + (blocks - 5));
    }
  });
});

describe('parseAnswer', () => {
  it('reads the ways people write numbers', () => {
    expect(parseAnswer(' −0,125 ', false)).toBe(-0.125);
    expect(parseAnswer('1.5e-3', false)).toBe(0.0015);
    expect(parseAnswer('3 211 264', true)).toBe(3211264);
    expect(parseAnswer('3,211,264', true)).toBe(3211264);
    expect(parseAnswer('', false)).toBeNull();
    expect(parseAnswer('1/2', false)).toBeNull();
    expect(parseAnswer('Infinity', false)).toBeNull();
  });
});
