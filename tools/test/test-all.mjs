// The whole suite, as `npm test` and `.ci/run` run it: types, formatting and lint (biome.json), import rules (.dependency-cruiser.cjs),
// unit tests, build, end-to-end tests.
// Every part runs even when an earlier one fails (a type error should not hide a broken test), and
// the last line is a one-line summary; Playwright keeps the trace of each failed test in
// test-results/<test>/trace.zip, and both runners' JSON reports are in test-reports/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { summarize } from './test-summary.mjs';

const started = Date.now();
rmSync('test-reports', { recursive: true, force: true });
mkdirSync('test-reports', { recursive: true });

/** Runs one part; true when it exited 0. */
function part(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  return result.status === 0;
}

const parts = [];
parts.push({ name: 'types', ok: part('types', 'npx', ['astro', 'check']) });
parts.push({ name: 'lint', ok: part('lint', 'npx', ['biome', 'check', '.']) });
parts.push({ name: 'imports', ok: part('imports', 'npx', ['depcruise', 'src', 'tools', 'bin', '--config', '.dependency-cruiser.cjs']) });
parts.push({
  name: 'unit',
  ok: part('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-reports/unit.json']),
});
const built = part('build', 'npx', ['astro', 'build']);
parts.push({ name: 'build', ok: built });
if (built) parts.push({ name: 'e2e', ok: part('e2e', 'npx', ['playwright', 'test']) });
else parts.push({ name: 'e2e', ok: false, skipped: true });

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const line = summarize({
  parts,
  unit: read('test-reports/unit.json'),
  e2e: read('test-reports/e2e.json'),
  minutes: (Date.now() - started) / 60_000,
});
console.log(`\n${line}`);
process.exit(parts.every((p) => p.ok) ? 0 : 1);
