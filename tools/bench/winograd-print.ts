/** Prints one benchmark result (Node or browser) as a few aligned lines. */
import type { BenchResult } from '../../src/perf/cpu-bench.ts';

export function printResult(r: BenchResult): void {
  const ms = (t: number) => `${t.toFixed(2)} ms`;
  const gmacs = (muls: number, t: number) => `${(muls / (t * 1e6)).toFixed(2)} G multiplications/s`;
  console.log(`\n${r.runtime} — ${r.layer}`);
  console.log(
    `  direct            median ${ms(r.direct.medianMs).padStart(10)}  (min ${ms(r.direct.minMs)}, ${r.direct.runs} runs)  ${gmacs(r.direct.multiplications, r.direct.medianMs)}`,
  );
  console.log(
    `  Winograd F(2x2)   median ${ms(r.winograd.medianMs).padStart(10)}  (min ${ms(r.winograd.minMs)}, ${r.winograd.runs} runs)  ${gmacs(r.winograd.multiplications, r.winograd.medianMs)}`,
  );
  console.log(
    `  speed-up          ${r.speedup.toFixed(2)}x measured (medians; ${(r.direct.minMs / r.winograd.minMs).toFixed(2)}x best-of), ${r.theoretical.toFixed(2)}x by counting multiplications`,
  );
  console.log(
    `  agreement         max rel diff direct vs Winograd ${r.agreement.betweenKernels.toExponential(1)}; vs float64: direct ${r.agreement.directVsFloat64.toExponential(1)}, Winograd ${r.agreement.winogradVsFloat64.toExponential(1)}`,
  );
  for (const note of r.notes) console.log(`  note: ${note}`);
}
