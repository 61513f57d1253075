import { describe, expect, it } from 'vitest';
import { e2eCounts, failedTests, summarize, unitCounts } from '../../tools/test/test-summary.mjs';

const e2e = {
  stats: { expected: 110, unexpected: 1, flaky: 2, skipped: 3 },
  suites: [
    {
      title: 'run.spec.ts',
      specs: [{ title: 'top level', file: 'run.spec.ts', line: 5, tests: [{ status: 'expected' }] }],
      suites: [
        {
          title: 'without a WebGPU adapter',
          specs: [{ title: 'Cancel stops a big run', file: 'run.spec.ts', line: 129, tests: [{ status: 'unexpected' }] }],
        },
      ],
    },
  ],
};

describe('test summary line', () => {
  it('counts unit and e2e outcomes; flaky counts as passed', () => {
    expect(unitCounts({ numPassedTests: 469, numFailedTests: 0, numPendingTests: 1, numTodoTests: 1 })).toEqual({ passed: 469, failed: 0, skipped: 2 });
    expect(e2eCounts(e2e)).toEqual({ passed: 112, failed: 1, skipped: 3 });
    expect(unitCounts(undefined)).toBeUndefined();
    expect(e2eCounts({})).toBeUndefined();
  });

  it('names failed tests with their file, line and describe path', () => {
    expect(failedTests(e2e)).toEqual(['run.spec.ts:129 without a WebGPU adapter › Cancel stops a big run']);
  });

  it('says PASSED only when every part passed, and where the traces are when a test failed', () => {
    const ok = summarize({
      parts: [
        { name: 'types', ok: true },
        { name: 'e2e', ok: true },
      ],
      unit: { numPassedTests: 3 },
      e2e: { stats: { expected: 2 } },
      minutes: 12.345,
    });
    expect(ok).toBe('Summary: PASSED; unit 3 passed, 0 failed, 0 skipped; e2e 2 passed, 0 failed, 0 skipped; 12.3 min');
    const bad = summarize({
      parts: [
        { name: 'types', ok: true },
        { name: 'e2e', ok: false },
      ],
      unit: undefined,
      e2e,
      minutes: 15,
    });
    expect(bad).toBe(
      'Summary: FAILED (e2e); unit no report; e2e 112 passed, 1 failed, 3 skipped; 15.0 min; failed: run.spec.ts:129 without a WebGPU adapter › Cancel stops a big run; traces in test-results/<test>/trace.zip',
    );
    expect(
      summarize({
        parts: [
          { name: 'build', ok: false },
          { name: 'e2e', ok: false, skipped: true },
        ],
        unit: undefined,
        e2e: undefined,
        minutes: 1,
      }),
    ).toMatch(/^Summary: FAILED \(build, e2e \(not run\)\)/);
  });
});
