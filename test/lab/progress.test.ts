import { describe, expect, it } from 'vitest';
import {
  type LabProgress,
  type NumericInstance,
  LAB_EXERCISES,
  PROGRESS_FORMAT,
  parseCodeRows,
  parseProgressFile,
  sanitizeProgress,
  progressFile,
  solvedIds,
} from '../../src/lab';
import { csvField, parseCsv } from '../../src/io/csv';

const session = { seed: 'class7', student: 'alice' };
const numericAnswer = (id: string) =>
  String((LAB_EXERCISES.find((e) => e.id === id) as { generate(s: typeof session): NumericInstance }).generate(session).expected);

describe('progress', () => {
  it('judges saved answers again: right answers count, wrong or revealed ones do not, code keeps its last run', () => {
    const progress: LabProgress = {
      'bn-t': { response: numericAnswer('bn-t') },
      'bn-bias': { response: '12345' },
      'out-size': { response: numericAnswer('out-size'), revealed: true },
      'code-pad': { code: '…', passed: true },
      'code-fold': { code: '…', passed: false },
    };
    expect(solvedIds(session, progress)).toEqual(['bn-t', 'code-pad']);
    // The same responses are someone else's wrong answers: the numbers differ per student.
    expect(solvedIds({ ...session, student: 'bob' }, progress)).toEqual(['code-pad']);
  });

  it('round-trips through the exported file', () => {
    const progress: LabProgress = {
      'bn-t': { response: '0.5' },
      'identity-puzzle': { cells: [0, 3] },
      'code-fold': { code: 'function foldBatchNorm() {}', passed: false },
    };
    const text = JSON.stringify(progressFile(session, progress, new Date('2025-01-02T03:04:05Z')));
    expect(parseProgressFile(text)).toEqual({ ok: true, session, progress });
  });

  it('refuses bad files with a clear reason', () => {
    const good = progressFile(session, { 'bn-t': { response: '1' } }, new Date(0));
    const bad = (patch: object) => parseProgressFile(JSON.stringify({ ...good, ...patch }));
    expect(parseProgressFile('{ not json')).toMatchObject({ ok: false, error: expect.stringMatching(/not a JSON file/) });
    expect(parseProgressFile('[1, 2]')).toMatchObject({ ok: false, error: expect.stringMatching(/not a RepVGG Notebook lab progress file/) });
    expect(bad({ format: 'other' })).toMatchObject({ ok: false });
    expect(bad({ version: 99 })).toMatchObject({ ok: false, error: expect.stringMatching(/version 99/) });
    expect(bad({ seed: 'no spaces allowed' })).toMatchObject({ ok: false, error: expect.stringMatching(/seed/) });
    expect(bad({ student: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/identifier/) });
    expect(bad({ exercises: { 'no-such': {} } })).toMatchObject({ ok: false, error: expect.stringMatching(/unknown exercise/) });
    expect(bad({ exercises: { 'bn-t': { response: 5 } } })).toMatchObject({ ok: false, error: expect.stringMatching(/invalid field “response”/) });
    expect(bad({ exercises: { 'bn-t': { code: 'x' } } })).toMatchObject({ ok: false });
    expect(bad({ exercises: { 'identity-puzzle': { cells: [-1] } } })).toMatchObject({ ok: false });
    expect(good.format).toBe(PROGRESS_FORMAT);
  });

  it('keeps only valid records from stored progress (an edited localStorage)', () => {
    expect(sanitizeProgress({ 'bn-t': { response: '1' }, 'no-such': {}, paths: { cells: [1] }, 'code-pad': { code: 'x', passed: true } })).toEqual({
      'bn-t': { response: '1' },
      'code-pad': { code: 'x', passed: true },
    });
    expect(sanitizeProgress('nonsense')).toEqual({});
  });
});

describe('CSV of codes', () => {
  it('reads plain rows, a header in any order, quotes, semicolons and CRLF', () => {
    expect(parseCodeRows('class7,alice,1000-1ABC-DEFG\r\nclass7,"smith, bob",X\n\n').rows).toEqual([
      { line: 1, seed: 'class7', student: 'alice', code: '1000-1ABC-DEFG' },
      { line: 2, seed: 'class7', student: 'smith, bob', code: 'X' },
    ]);
    expect(parseCodeRows('Code;Student;Seed\nC1;"say ""hi""";s').rows).toEqual([{ line: 2, seed: 's', student: 'say "hi"', code: 'C1' }]);
    expect(parseCodeRows('code,name\nx,y').error).toMatch(/seed/);
    expect(parseCsv('a,"b\nc"')).toEqual([['a', 'b\nc']]);
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('plain')).toBe('plain');
  });
});
