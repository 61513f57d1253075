/**
 * npm run bench:winograd
 *
 * One real RepVGG stride-1 layer (A0 stage 3: 192 → 192 channels, 14×14, from planModel) by a
 * direct kernel and by Winograd F(2×2, 3×3), both in JavaScript typed arrays in this Node
 * process (src/perf/cpu-bench.ts, the code the page's worker runs). Prints medians, the
 * measured speed-up next to the 2.25× that counting multiplications promises, and how far each
 * output is from a float64 reference.
 *
 *   --runs N      timed runs per kernel (default 25)
 *   --browser     also run the page's benchmark in headless Chromium (needs `npm run build`)
 */
import { parseArgs } from 'node:util';
import { runCpuBench } from '../../src/perf/cpu-bench.ts';
import { benchLayer } from '../../src/perf/winograd-layer.ts';
import { printResult } from './winograd-print.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '25' }, browser: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a positive integer, got ${values.runs}`);

const layer = benchLayer();
console.log(`Node ${process.version}, ${process.arch}`);
printResult(runCpuBench(layer, { runs, warmup: 5 }));

if (values.browser) {
  const { browserBench } = await import('./winograd-browser.ts');
  for (const result of await browserBench(runs)) printResult(result);
}
