import { describe, expect, it } from 'vitest';
import { LAB_EXERCISES, completionCode, normalizeCode, verifyCode } from '../../src/lab';

const alice = { seed: 'class7', student: 'alice' };
const bob = { seed: 'class7', student: 'bob' };
const some = ['bn-t', 'out-size', 'code-winograd', 'run-bn'];

describe('completion codes', () => {
  it('verify for the same seed and identifier and give back the solved exercises', () => {
    const code = completionCode(alice, some);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const check = verifyCode(alice, code);
    expect(check).toEqual({ valid: true, solved: LAB_EXERCISES.map((e) => e.id).filter((id) => some.includes(id)), total: LAB_EXERCISES.length });
    expect(verifyCode(alice, completionCode(alice, []))).toMatchObject({ valid: true, solved: [] });
    expect(
      verifyCode(
        alice,
        completionCode(
          alice,
          LAB_EXERCISES.map((e) => e.id),
        ),
      ),
    ).toMatchObject({ valid: true, solved: LAB_EXERCISES.map((e) => e.id) });
  });

  it('change with the answers, the identifier and the seed, and do not verify for someone else', () => {
    const code = completionCode(alice, some);
    expect(completionCode(alice, some.slice(1))).not.toBe(code);
    expect(completionCode(bob, some)).not.toBe(code);
    expect(completionCode({ ...alice, seed: 'class8' }, some)).not.toBe(code);
    expect(verifyCode(bob, code)).toEqual({ valid: false, reason: 'does not match this lab seed and identifier' });
    expect(verifyCode({ ...alice, seed: 'class8' }, code).valid).toBe(false);
  });

  it('catch an edited mask: claiming one more exercise breaks the seal', () => {
    const code = completionCode(alice, ['bn-t']); // mask 1: its last digit is the 6th character
    expect(code.slice(0, 6)).toBe('1000-1');
    const forged = `${code.slice(0, 5)}3${code.slice(6)}`; // mask 3: bn-t and bn-bias
    expect(verifyCode(alice, forged).valid).toBe(false);
  });

  it('are read leniently (case, spaces, dashes, O for 0) and strictly otherwise', () => {
    const code = completionCode(alice, some);
    expect(verifyCode(alice, ` ${code.toLowerCase().replace(/-/g, ' ')} `).valid).toBe(true);
    expect(normalizeCode('1o0i-l')).toBe('10011');
    expect(verifyCode(alice, 'hello').valid).toBe(false);
    expect(verifyCode(alice, code.slice(0, -1)).valid).toBe(false);
    const otherVersion = `2${code.slice(1)}`;
    expect(verifyCode(alice, otherVersion)).toEqual({ valid: false, reason: 'made by version 2 of the lab; this page checks version 1' });
  });
});
