import { describe, expect, it } from 'vitest';
import { LAB_EXERCISES, type LabSession, type NumericInstance, judgeNumeric, normalizeSeed, normalizeStudent } from '../../src/lab';
import { acbTap } from '../../src/lab/exercises/training';

const session = (student: string): LabSession => ({ seed: normalizeSeed('class7')!, student: normalizeStudent(student)! });

describe('lab: one entry of an ACB’s merged kernel', () => {
  it('is appended to the lab (bit 16), after the exercises whose bits old codes use', () => {
    expect(LAB_EXERCISES.indexOf(acbTap)).toBe(16);
    expect(acbTap.chapter).toBe('training');
  });

  it('equals the sum of t·w over the branches that reach the tap, worked by hand', () => {
    const kinds = new Set<string>();
    for (let k = 0; k < 40; k++) {
      const inst = acbTap.generate(session(`s${k}`)) as NumericInstance;
      const [, u, v] = /W′\[(\d)\]\[(\d)\]/.exec(inst.prompt.ask)!.map(Number);
      kinds.add(`${u}${v}`);
      const rows = inst.prompt.table!.rows.map((r) => r.slice(2).map((s) => Number(s.replace('−', '-'))));
      const t = (gamma: number, variance: number) => gamma / Math.sqrt(variance + 1e-5);
      let want = rows[0]![0]! * t(rows[0]![1]!, rows[0]![2]!);
      if (u === 1) want += rows[1]![0]! * t(rows[1]![1]!, rows[1]![2]!);
      if (v === 1) want += rows[2]![0]! * t(rows[2]![1]!, rows[2]![2]!);
      expect(inst.expected).toBeCloseTo(want, 4);
      expect(judgeNumeric(inst, want.toFixed(4)).verdict).toBe('correct');
      expect(judgeNumeric(inst, (want + 0.01).toFixed(4)).verdict).toBe('incorrect');
    }
    // A corner, the middle row, the middle column and the centre all come up.
    expect(kinds).toEqual(new Set(['02', '10', '21', '11']));
  });
});
