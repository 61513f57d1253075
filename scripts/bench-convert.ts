/**
 * npm run bench:convert [-- VARIANT]      (default B3, the largest: ≈ 0.5 GB training-time)
 *
 * How long does converting a real-sized checkpoint take from the command line, next to the copy
 * floor of bench:reparam? A seeded training-time checkpoint (createTrainWeights, seed 2021) is
 * written with the project's writer as an official-naming .pth and a timm-naming .safetensors in
 * a temporary folder; each is then converted the way `repvgg convert` does it, in a fresh child
 * process (so peak memory is the conversion's alone):
 *
 *   read        readCheckpointFile: sniff, zip directory / header, unpickle, every tensor sliced
 *               from the file (just written, so from the page cache: disk speed is not measured)
 *   convert     convertModel: the fused re-parameterization, allocating its output
 *   write       writeCheckpoint: deploy state dict, same format as the input
 *   CPU time    user + system time of the child for the three phases (steadier than wall time
 *               on a busy machine)
 *   peak RSS    the child's maximum resident memory (process.resourceUsage().maxRSS)
 *   CLI         wall time of `node bin/repvgg.mjs convert IN -o OUT`, tsx start-up included
 *
 *   copy floor  Float32Array.prototype.set of as many floats as the training-time model holds,
 *               into a preallocated array, and into fresh memory (slice), as in bench:reparam.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckpointFile, writeCheckpoint } from '../src/cli/checkpoint-files.ts';
import { convertModel } from '../src/math/convert-model.ts';
import { countModel } from '../src/math/count.ts';
import { getVariant } from '../src/math/family.ts';
import { createTrainWeights } from '../src/math/weights.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

interface ChildResult { readMs: number; convertMs: number; writeMs: number; cpuMs: number; maxRssBytes: number }

/** In the child: one conversion, timed phase by phase. */
async function child(input: string, output: string): Promise<void> {
  const cpu = process.cpuUsage();
  let start = performance.now();
  const loaded = await readCheckpointFile(input);
  const readMs = performance.now() - start;
  if (loaded.form !== 'train') throw new Error('expected a training-time checkpoint');
  start = performance.now();
  const deploy = convertModel(loaded.weights);
  const convertMs = performance.now() - start;
  start = performance.now();
  await writeCheckpoint(deploy, output, { form: 'deploy' });
  const writeMs = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const result: ChildResult = { readMs, convertMs, writeMs, cpuMs: (user + system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  console.log(JSON.stringify(result));
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function copyFloor(floats: number): { preallocated: number; fresh: number } {
  const source = new Float32Array(floats).fill(1);
  const target = new Float32Array(floats);
  target.set(source); // touch the pages once
  const time = (run: () => unknown) => median([0, 1, 2, 3, 4].map(() => { const t = performance.now(); run(); return performance.now() - t; }));
  return { preallocated: time(() => target.set(source)), fresh: time(() => source.slice()) };
}

async function parent(variant: string): Promise<void> {
  const spec = getVariant(variant);
  const dir = mkdtempSync(join(tmpdir(), 'repvgg-bench-convert-'));
  try {
    let start = performance.now();
    const weights = createTrainWeights(spec, 2021);
    const counts = countModel(spec);
    const trainFloats = counts.trainParams + counts.bnBuffers;
    console.error(`${spec.name}: ${(trainFloats / 1e6).toFixed(1)} M training-time floats generated in ${secs(performance.now() - start)}`);
    const inputs = [['pth', 'official'], ['safetensors', 'timm']] as const;
    for (const [format, naming] of inputs) {
      start = performance.now();
      await writeCheckpoint(weights, join(dir, `train.${format}`), { form: 'train', naming });
      console.error(`wrote train.${format} (${naming} naming, ${mib(statSync(join(dir, `train.${format}`)).size)}) in ${secs(performance.now() - start)}`);
    }
    const floor = copyFloor(trainFloats);

    const rows = [['input', 'size', 'read', 'convert', 'write', 'read+convert+write', '(CPU time)', 'peak RSS', 'CLI wall']];
    for (const [format] of inputs) {
      const input = join(dir, `train.${format}`);
      const runs: ChildResult[] = [];
      for (let i = 0; i < 3; i++) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-convert.ts', '--child', input, join(dir, `deploy.${format}`)], { cwd: root, encoding: 'utf8' });
        if (run.status !== 0) throw new Error(run.stderr);
        runs.push(JSON.parse(run.stdout) as ChildResult);
      }
      const pick = (f: (r: ChildResult) => number) => median(runs.map(f));
      start = performance.now();
      const cli = spawnSync(process.execPath, ['bin/repvgg.mjs', 'convert', input, '-o', join(dir, `cli.${format}`)], { cwd: root, encoding: 'utf8' });
      if (cli.status !== 0) throw new Error(cli.stderr);
      const cliMs = performance.now() - start;
      rows.push([`.${format}`, mib(statSync(input).size), secs(pick((r) => r.readMs)), secs(pick((r) => r.convertMs)), secs(pick((r) => r.writeMs)),
        secs(pick((r) => r.readMs + r.convertMs + r.writeMs)), secs(pick((r) => r.cpuMs)), mib(pick((r) => r.maxRssBytes)), secs(cliMs)]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    console.log(`copy floor (${(trainFloats / 1e6).toFixed(1)} M floats, ${mib(4 * trainFloats)}): ${floor.preallocated.toFixed(0)} ms into preallocated memory, ${floor.fresh.toFixed(0)} ms into fresh memory`);
    console.log(`medians of 3 child processes; Node ${process.version} ${process.arch}; files in the page cache`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]!, args[2]!);
else await parent(args[0] ?? 'B3');
