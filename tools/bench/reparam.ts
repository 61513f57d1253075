/**
 * npm run bench:reparam
 *
 * How fast is whole-model re-parameterization next to the floor for memory-bound work, copying
 * the same number of bytes? For A0, B1g2 and B3 (seeded random training-time weights):
 *
 *   copy floor      Float32Array.prototype.set of as many floats as the training-time model holds
 *                   (kernels, BN γ β μ σ², linear) into a preallocated, already-touched array.
 *   convert         convertModel(weights, { into }) writing into a preallocated deploy model:
 *                   the same memory situation as the copy floor. Ratio = convert / copy floor.
 *   fresh copy      the same floats copied into newly allocated memory (slice()), and
 *   fresh convert   convertModel(weights), which allocates its output: both pay the operating
 *                   system for first-touch pages, which on some machines costs far more than the
 *                   copy itself, so these two are compared with each other.
 *   peak extra      ArrayBuffer bytes beyond the input and the output made so far, sampled after
 *                   every layer of a conversion, next to the largest single layer (the budget).
 *                   The WebAssembly SIMD kernel's staging memory is allocated once, at the
 *                   warm-up, and is printed on its own line.
 *
 * Times are medians of RUNS runs after one warm-up, with a full GC before each run.
 * Generating the weights is not timed.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type TrainModelWeights, convertLayers, convertModel, createTrainWeights, getVariant } from '../../src/core/index.ts';
import { reparamChannels } from '../../src/core/simd/reparam-channel.ts';
import { median } from '../../src/core/stats.ts';

const RUNS = 5;
const VARIANTS = ['A0', 'B1g2', 'B3'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function timeRuns(run: () => unknown): number {
  run(); // warm-up: JIT, and first touch of preallocated memory
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Every float of the training-time model. */
function trainFloats(weights: TrainModelWeights): number {
  let n = weights.linear.weight.data.length + weights.linear.bias.length;
  for (const b of weights.blocks) {
    n += b.dense.kernel.data.length + b.oneByOne.kernel.data.length;
    for (const bn of [b.dense.bn, b.oneByOne.bn, ...(b.identity ? [b.identity] : [])]) n += 4 * bn.gamma.length;
  }
  return n;
}

/** Peak transient ArrayBuffer memory of a layer-by-layer conversion, and the largest layer. */
function peakExtraMemory(weights: TrainModelWeights): { peakExtra: number; largestLayer: number } {
  gc();
  const baseline = process.memoryUsage().arrayBuffers;
  const kept: unknown[] = []; // hold the output, as a caller would
  let made = 0;
  let peakExtra = 0;
  let largestLayer = 0;
  for (const block of convertLayers(weights)) {
    kept.push(block);
    const bytes = block.kernel.data.byteLength + block.bias.byteLength;
    made += bytes;
    largestLayer = Math.max(largestLayer, bytes);
    // No GC runs inside this loop, so temporaries allocated so far are still counted here.
    peakExtra = Math.max(peakExtra, process.memoryUsage().arrayBuffers - baseline - made);
  }
  return { peakExtra, largestLayer };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 1)} MiB`;
const ms = (t: number): string => `${t.toFixed(1)} ms`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** Temporaries by construction: folded scale and shift (float32) for up to 3 BN layers. */
function temporariesBound(weights: TrainModelWeights): number {
  return Math.max(...weights.blocks.map((b) => 3 * 2 * 4 * b.dense.bn.gamma.length));
}

const notes: string[] = [];
const table: string[][] = [
  ['variant', 'train floats', 'copy floor', 'convert', 'ratio', 'fresh copy', 'fresh convert', 'ratio', 'peak extra', 'largest layer'],
];
for (const name of VARIANTS) {
  const spec = getVariant(name);
  const generateStart = performance.now();
  const weights = createTrainWeights(spec, 2021);
  const floats = trainFloats(weights);
  const generated = (performance.now() - generateStart) / 1000;
  console.error(`${spec.name}: ${(floats / 1e6).toFixed(2)} M training-time floats generated in ${generated.toFixed(1)} s`);

  const source = new Float32Array(floats).fill(1);
  const target = new Float32Array(floats).fill(0);
  const copy = timeRuns(() => target.set(source));
  const freshCopy = timeRuns(() => source.slice());

  const into = convertModel(weights);
  const convert = timeRuns(() => convertModel(weights, { into }));
  const freshConvert = timeRuns(() => convertModel(weights));
  const { peakExtra, largestLayer } = peakExtraMemory(weights);
  notes.push(`${spec.name}: temporaries by construction at most ${mib(temporariesBound(weights))} per layer (folded scale and shift)`);

  table.push([
    spec.name,
    `${(floats / 1e6).toFixed(2)} M (${mib(4 * floats)})`,
    ms(copy),
    ms(convert),
    ratio(convert, copy),
    ms(freshCopy),
    ms(freshConvert),
    ratio(freshConvert, freshCopy),
    mib(Math.max(0, peakExtra)),
    mib(largestLayer),
  ]);
}

const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
for (const note of notes) console.log(note);
const simd = reparamChannels();
console.log(
  simd
    ? `3×3 and 1×1 branches on WebAssembly SIMD; its staging memory: ${mib(simd.memoryBytes)}, allocated once`
    : 'no WebAssembly SIMD here: the scalar JavaScript loop ran',
);
console.log(`median of ${RUNS} runs after a warm-up; Node ${process.version} ${process.arch}; target: convert within 3x of the copy floor`);
