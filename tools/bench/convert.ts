/**
 * npm run bench:convert [-- VARIANT] [--runs N]      (default B3, the largest: ≈ 0.5 GB training-time; 3 runs)
 *
 * `repvgg convert` end to end against the PyTorch path, on the same files, in the same run.
 * A seeded training-time checkpoint (createTrainWeights, seed 2021) is written once as an
 * official-naming .pth and a timm-naming .safetensors under .tmp/bench-convert/ (kept between
 * runs, git-ignored). Then, for each file, alternately:
 *
 *   CLI      `node bin/repvgg.mjs convert IN -o OUT --force`, a fresh process as a user runs it
 *            (Node and tsx start-up included). It works in one pass (openCheckpoint: the headers,
 *            then each block read as the writer asks for it), and its report gives the split:
 *              read     the headers only (sniff, directory / header, unpickle, checks)
 *              convert  the re-parameterization arithmetic, done while reading and writing
 *              write    the rest of the pass: reading the weights, CRC-32, zip records, the file
 *   PyTorch  Debian's python3-torch running tools/bench/torch_convert.py: import torch, torch.load
 *            (weights_only), the official get_equivalent_kernel_bias on every block, torch.save
 *            (for .safetensors: the same arithmetic, the file read and written as safetensors does).
 *
 * Each run writes a new output file (the previous run's is deleted first, outside the timing).
 * Wall, CPU (user + system) and peak RSS of each process come from the kernel (wait4 rusage, via
 * tools/bench/measure_process.py). One more child per file runs the CLI's two steps in-process
 * (readCheckpointFile, then writeCheckpoint converting as it writes) to split the CPU time
 * between reading and converting + writing, which a busy machine's wall times cannot. The files are in the page cache: disk speed is not measured. This
 * machine is shared: CPU time is the steadier figure when others are busy; medians are printed.
 * Finally the CLI's and PyTorch's deploy files are compared tensor by tensor (largest difference).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCheckpointFile, writeCheckpoint } from '../../src/cli/checkpoint-files.ts';
import { modelOption } from '../../src/cli/command.ts';
import { maxAbsDiff } from '../../src/core/tensor.ts';
import { median } from '../../src/core/stats.ts';
import { createTrainWeights } from '../../src/core/weights.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' }, phases: { type: 'boolean' } }, allowPositionals: true });
if (values.phases) {
  // The child of cpuPhases(): the CLI's steps, CPU time of each (all threads of this process).
  const [input, output] = positionals as [string, string];
  let cpu = process.cpuUsage();
  const loaded = await readCheckpointFile(input);
  const readCpu = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  await writeCheckpoint(loaded.weights, output, { form: 'deploy', force: true });
  const writeCpu = process.cpuUsage(cpu);
  const s = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
  console.log(JSON.stringify({ readCpuS: s(readCpu), writeCpuS: s(writeCpu) }));
  process.exit(0);
}
const runs = Math.max(1, Number(values.runs));
const spec = modelOption(positionals[0] ?? 'B3');
const dir = join(root, '.tmp', 'bench-convert');
mkdirSync(dir, { recursive: true });

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const secs = (s: number): string => `${s.toFixed(2)} s`;

interface Measured {
  wallS: number;
  userS: number;
  sysS: number;
  maxRssBytes: number;
}
interface CliRun extends Measured {
  readS: number;
  convertS: number;
  writeS: number;
}
interface TorchRun extends Measured {
  importS: number;
  loadS: number;
  convertS: number;
  saveS: number;
}

/** Runs a command under measure_process.py: its stdout, and the kernel's figures for it. */
function measured(command: string[]): { stdout: string; usage: Measured } {
  const run = spawnSync('python3', ['tools/bench/measure_process.py', ...command], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const lines = run.stderr.trim().split('\n');
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return { stdout: run.stdout, usage: JSON.parse(lines.at(-1)!) as Measured };
}

function cliRun(input: string, output: string): CliRun {
  const { stdout, usage } = measured([process.execPath, 'bin/repvgg.mjs', 'convert', input, '-o', output, '--force']);
  const figure = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? NaN);
  const readS = figure(/^read .*\(headers ([\d.]+) s;/m);
  const convertS = figure(/^converted .* while reading and writing \(([\d.]+) s of arithmetic\)$/m);
  const writeS = figure(/^wrote .*\(([\d.]+) s reading, converting and writing in one pass\)$/m) - convertS;
  if (![readS, convertS, writeS].every(Number.isFinite)) throw new Error(`unexpected CLI output:\n${stdout}`);
  return { ...usage, readS, convertS, writeS };
}

function cpuPhases(input: string, output: string): { readCpuS: number; writeCpuS: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/bench/convert.ts', '--phases', input, output], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { readCpuS: number; writeCpuS: number };
}

function torchPython(): string | null {
  return ['/usr/bin/python3', 'python3'].find((exe) => spawnSync(exe, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) ?? null;
}

function torchRun(python: string, input: string, output: string): TorchRun {
  const { stdout, usage } = measured([python, 'tools/bench/torch_convert.py', input, output]);
  return { ...usage, ...(JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<TorchRun, keyof Measured>) };
}

async function ensureInputs(): Promise<{ format: 'pth' | 'safetensors'; path: string }[]> {
  const inputs = [
    ['pth', 'official'],
    ['safetensors', 'timm'],
  ] as const;
  let weights: ReturnType<typeof createTrainWeights> | null = null;
  const files = [];
  for (const [format, naming] of inputs) {
    const path = join(dir, `${spec.name}-seed2021-${naming}-train.${format}`);
    if (!existsSync(path)) {
      const start = performance.now();
      weights ??= createTrainWeights(spec, 2021);
      await writeCheckpoint(weights, path, { form: 'train', naming, force: true });
      console.error(`wrote ${path} (${mib(statSync(path).size)}) in ${secs((performance.now() - start) / 1000)}`);
    }
    files.push({ format, path });
  }
  return files;
}

/** Largest absolute difference between two deploy checkpoints' tensors (same architecture). */
async function compareDeploy(a: string, b: string): Promise<number> {
  const [x, y] = [await readCheckpointFile(a), await readCheckpointFile(b)];
  if (x.form !== 'deploy' || y.form !== 'deploy') throw new Error('expected two deploy checkpoints');
  let worst = maxAbsDiff(x.weights.linear.weight, y.weights.linear.weight);
  x.weights.blocks.forEach((block, i) => {
    const other = y.weights.blocks[i]!;
    worst = Math.max(worst, maxAbsDiff(block.kernel, other.kernel));
    block.bias.forEach((v, c) => void (worst = Math.max(worst, Math.abs(v - other.bias[c]!))));
  });
  return worst;
}

const python = torchPython();
if (!python) console.error('PyTorch is not installed (apt-get install -y python3-torch): only the CLI is measured');
const inputs = await ensureInputs();
const rows = [['', 'input', 'size', 'wall', 'read/load', 'convert', 'write/save', 'import', 'CPU', 'peak RSS', 'RSS/file']];
const note = 'CLI: read/load is the headers; the weights are read during write/save, block by block, as they are converted and written (one pass).';
const summary: string[] = [];
for (const { format, path } of inputs) {
  const size = statSync(path).size;
  const cliOut = join(dir, `cli-deploy.${format}`);
  const torchOut = join(dir, `torch-deploy.${format}`);
  const cli: CliRun[] = [];
  const torch: TorchRun[] = [];
  for (let i = 0; i < runs; i++) {
    // Each run writes a new file, as a user's conversion does: replacing last run's output would
    // add the kernel's freeing of its 0.4 GB of page cache (in rename for the CLI, in open('wb')'s
    // truncation for torch.save) to whichever tool happened to replace it.
    rmSync(cliOut, { force: true });
    cli.push(cliRun(path, cliOut));
    if (python) {
      rmSync(torchOut, { force: true });
      torch.push(torchRun(python, path, torchOut));
    }
  }
  const m = <T>(xs: T[], f: (x: T) => number) => median(xs.map(f));
  const cpu = (r: Measured) => r.userS + r.sysS;
  const phases = cpuPhases(path, cliOut);
  summary.push(`.${format}: CPU time in-process: read ${secs(phases.readCpuS)}, convert + write ${secs(phases.writeCpuS)}`);
  const cliWall = m(cli, (r) => r.wallS);
  const cliRss = m(cli, (r) => r.maxRssBytes);
  rows.push([
    'CLI',
    `.${format}`,
    mib(size),
    secs(cliWall),
    secs(m(cli, (r) => r.readS)),
    secs(m(cli, (r) => r.convertS)),
    secs(m(cli, (r) => r.writeS)),
    '-',
    secs(m(cli, cpu)),
    mib(cliRss),
    `${(cliRss / size).toFixed(2)}×`,
  ]);
  summary.push(
    `.${format}: CLI ${secs(cliWall)} end to end (target ≤ 1.5 s: ${cliWall <= 1.5 ? 'met' : 'not met'}); peak RSS ${(cliRss / size).toFixed(2)}× the file (target ≤ 2×: ${cliRss <= 2 * size ? 'met' : 'not met'})`,
  );
  if (torch.length) {
    const torchWall = m(torch, (r) => r.wallS);
    const torchRss = m(torch, (r) => r.maxRssBytes);
    rows.push([
      'PyTorch',
      `.${format}`,
      mib(size),
      secs(torchWall),
      secs(m(torch, (r) => r.loadS)),
      secs(m(torch, (r) => r.convertS)),
      secs(m(torch, (r) => r.saveS)),
      secs(m(torch, (r) => r.importS)),
      secs(m(torch, cpu)),
      mib(torchRss),
      `${(torchRss / size).toFixed(2)}×`,
    ]);
    const diff = await compareDeploy(cliOut, torchOut);
    summary.push(
      `.${format}: PyTorch / CLI: wall ${(torchWall / cliWall).toFixed(2)}× (target ≥ 3×: ${torchWall >= 3 * cliWall ? 'met' : 'not met'}), CPU ${(m(torch, cpu) / m(cli, cpu)).toFixed(2)}×, without import torch ${((torchWall - m(torch, (r) => r.importS)) / cliWall).toFixed(2)}×; largest difference between the two deploy files ${diff.toExponential(2)}`,
    );
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
console.log(note);
console.log('');
for (const line of summary) console.log(line);
console.log(
  `${spec.name}, medians of ${runs} runs each, alternating; Node ${process.version} ${process.arch}${python ? `; PyTorch by ${python}` : ''}; files in the page cache (${dir})`,
);
