// One line from the two runners' JSON reports: what passed, failed and was skipped, and how long
// the whole suite took. Pure (no I/O), so it is unit-tested.

/** Counts from Vitest's JSON report (Jest-compatible fields). */
export function unitCounts(report) {
  if (!report) return undefined;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Counts from Playwright's JSON report: `expected` passed, `unexpected` failed, `flaky` passed on retry. */
export function e2eCounts(report) {
  if (!report?.stats) return undefined;
  const s = report.stats;
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

/** The e2e tests that failed, as "file:line title", from Playwright's JSON report. */
export function failedTests(report) {
  const out = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      if ((spec.tests ?? []).some((t) => t.status === 'unexpected')) out.push(`${spec.file}:${spec.line} ${[...path, spec.title].join(' › ')}`);
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return out;
}

export function summarize({ parts, unit, e2e, minutes }) {
  const fmt = (name, c) => (c ? `${name} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : `${name} no report`);
  const failedParts = parts.filter((p) => !p.ok).map((p) => (p.skipped ? `${p.name} (not run)` : p.name));
  const verdict = failedParts.length === 0 ? 'PASSED' : `FAILED (${failedParts.join(', ')})`;
  const failures = failedTests(e2e);
  const traces = failures.length > 0 ? `; failed: ${failures.join('; ')}; traces in test-results/<test>/trace.zip` : '';
  return `Summary: ${verdict}; ${fmt('unit', unitCounts(unit))}; ${fmt('e2e', e2eCounts(e2e))}; ${minutes.toFixed(1)} min${traces}`;
}
