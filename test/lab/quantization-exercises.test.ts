import { describe, expect, it } from 'vitest';
import { type LabSession, type NumericInstance, exerciseById, normalizeSeed, normalizeStudent } from '../../src/lab';

const session = (student: string): LabSession => ({ seed: normalizeSeed('class7')!, student: normalizeStudent(student)! });
const given = (i: NumericInstance, name: string) => Number(i.prompt.given!.find(([n]) => n.startsWith(name))![1].replace('−', '-'));

describe('quantization exercises', () => {
  it('the INT8 code is round(127 · w / M), from the printed numbers, for many students', () => {
    const e = exerciseById('q8-code')!;
    expect(e.chapter).toBe('quantization');
    for (let k = 0; k < 40; k++) {
      const i = (e.kind === 'numeric' ? e.generate(session(`s${k}`)) : null)!;
      const q = Math.round((127 * given(i, 'w')) / given(i, 'M'));
      expect(i.expected + 0, `student s${k}`).toBe(q + 0);
      expect(Math.abs(i.expected)).toBeLessThanOrEqual(127);
    }
  });

  it('a per-tensor scale leaves the small channel 2·round(127 · m / max) + 1 codes', () => {
    const e = exerciseById('q8-levels')!;
    for (let k = 0; k < 40; k++) {
      const i = (e.kind === 'numeric' ? e.generate(session(`s${k}`)) : null)!;
      const reach = Math.round((127 * given(i, 'm (')) / given(i, 'max'));
      expect(i.expected, `student s${k}`).toBe(2 * reach + 1);
      expect(i.expected).toBeLessThan(255);
    }
  });
});
