import { describe, expect, it } from 'vitest';
import { SEED_CASE_NOTE, STUDENT_CASE_NOTE, normalizeSeed, normalizeStudent, normalizedNotice } from '../../src/lab/session';

describe('lab: seeds and identifiers are lower-cased, and the page says so', () => {
  it('the notes state the rule with the issue’s own examples, which the normalizers follow', () => {
    expect(SEED_CASE_NOTE).toContain('“SEED123” is the seed “seed123”');
    expect(normalizeSeed('SEED123')).toBe('seed123');
    expect(STUDENT_CASE_NOTE).toContain('“Alice-42” and “alice-42” are the same student');
    expect(normalizeStudent('Alice-42')).toBe(normalizeStudent('alice-42'));
  });

  it('after a value is used: a notice only when it was changed', () => {
    expect(normalizedNotice('seed', 'SEED123', 'seed123')).toBe('Your seed is used as “seed123” (lower case).');
    expect(normalizedNotice('seed', ' seed123 ', 'seed123')).toBe('');
    expect(normalizedNotice('identifier', 'Alice  Smith', normalizeStudent('Alice  Smith')!)).toBe(
      'Your identifier is used as “alice smith” (lower case, single spaces).',
    );
    expect(normalizedNotice('identifier', 'bob', 'bob')).toBe('');
  });
});
