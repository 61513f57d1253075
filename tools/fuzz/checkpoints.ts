/**
 * npm run fuzz [-- CASES [SEED]]: the checkpoint readers against 100,000 generated files (by
 * default) and the hand-made hostile files of issue 13, printing what became of each:
 *   accepted, CheckpointError (by code and by message class), other exceptions (including reader
 *   bugs that an entry point wrapped as a CheckpointError's cause), garbled messages (undefined,
 *   NaN, Infinity, [object …], native code), and per case the worst wall time, CPU time and peak
 *   RSS (the kernel's high-water mark, reset before each read), overall and per family.
 * Targets (issue 13): 0 other exceptions, no case over 2 s, none over 512 MB RSS, 0 garbled.
 * The exit status is 1 when a target is missed. Times are wall times on whatever else the machine
 * runs; the CPU time beside them is steadier.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BlobReader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import fc from 'fast-check';
import { openFileSource } from '../../src/cli/file-source.ts';
import { CheckpointError } from '../../src/io/checkpoint/errors.ts';
import type { ByteSource } from '../../src/io/checkpoint/file.ts';
import { readCheckpoint } from '../../src/io/checkpoint/read-checkpoint.ts';
import { unpickleTorch } from '../../src/io/checkpoint/torch-pickle.ts';
import { type Mutation, makeSeeds, mutate, mutation, pickleProgram, randomFile, safetensorsFile, text } from '../../test/io/checkpoint/fuzz-generators.ts';
import { HOSTILE_FAMILIES } from '../../test/io/checkpoint/hostile-arbitraries.ts';
import { HAND_MADE } from '../../test/io/checkpoint/hostile-files.ts';

const TOTAL = Number(process.argv[2] ?? process.env['FUZZ_CASES'] ?? 100_000);
const SEED = Number(process.argv[3] ?? process.env['FUZZ_SEED'] ?? 13);
const TIME_LIMIT_MS = 2_000;
const RSS_LIMIT = 512 * 2 ** 20;
const GARBLED = /undefined|NaN|Infinity|\[object |native code/;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Peak RSS since the last reset, in bytes (Linux: VmHWM; reset by writing 5 to clear_refs). */
let canReset = true;
function resetPeak(): void {
  if (!canReset) return;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    canReset = false;
  }
}
function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: the RSS now is the best there is
  }
  return process.memoryUsage.rss();
}

type Target = { kind: 'file' | 'pickle'; bytes: Uint8Array<ArrayBuffer> };

/**
 * The file as the reader gets it, made before the clock starts: a Blob in memory, or for a file
 * of more than 16 MB (the JSON bomb) the file on disk read as the CLI reads it (openFileSource),
 * so that neither the copy into the Blob nor the file's own bytes count as the reader's time or memory.
 */
const LARGE = 16 * 2 ** 20;
const largeDir = new URL('../../.tmp/fuzz/', import.meta.url);
function asSource(bytes: Uint8Array<ArrayBuffer>): ByteSource & { close?: () => void } {
  if (bytes.length <= LARGE) return new Blob([bytes]);
  mkdirSync(largeDir, { recursive: true });
  const path = fileURLToPath(new URL('large.bin', largeDir));
  writeFileSync(path, bytes);
  return openFileSource(path);
}
interface Family {
  readonly name: string;
  readonly share: number;
  /** Draws `n` cases (built when run), each with a description for the report. */
  draw(n: number, seed: number): { what: string; make: () => Promise<Target> | Target }[];
}

const seeds = await makeSeeds();
const seedShares: [string, number][] = [
  ['deploy.pth', 0.08],
  ['train.pth', 0.02],
  ['deploy.safetensors', 0.25],
  ['train.safetensors', 0.1],
  ['small-protocol4.pth', 0.05],
  ['views.pth', 0.05],
  ['unsafe-global.pth', 0.03],
  ['legacy-format.pth', 0.05],
  ['tiny-timm-deploy.safetensors', 0.05],
];
const seedTotal = seedShares.reduce((a, [, s]) => a + s, 0);

/** The deploy seed's zip entries, for mutating data.pkl inside an archive that is otherwise valid. */
const repackFiles = await (async () => {
  const entries = await new ZipReader(new BlobReader(new Blob([seeds.get('deploy.pth')!])), { useWebWorkers: false }).getEntries();
  return Promise.all(entries.filter((e) => !e.directory).map(async (e) => [e.filename, await e.getData!(new Uint8ArrayWriter())] as const));
})();
async function repack(m: Mutation): Promise<Uint8Array<ArrayBuffer>> {
  const writer = new Uint8ArrayWriter();
  const zip = new ZipWriter(writer, { useWebWorkers: false, level: 0 });
  for (const [name, data] of repackFiles) await zip.add(name, new Uint8ArrayReader(name.endsWith('data.pkl') ? mutate(data.slice(), m) : data));
  await zip.close();
  return (await writer.getData()) as Uint8Array<ArrayBuffer>;
}

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,20}$/);
const families: Family[] = [
  ...seedShares.map(
    ([name, share]): Family => ({
      name: `damaged ${name}`,
      share: (0.55 * share) / seedTotal,
      draw: (n, seed) =>
        fc.sample(mutation, { numRuns: n, seed }).map((m) => ({ what: JSON.stringify(m), make: () => ({ kind: 'file', bytes: mutate(seeds.get(name)!, m) }) })),
    }),
  ),
  {
    name: 'data.pkl damaged inside a valid zip',
    share: 0.01,
    draw: (n, seed) =>
      fc.sample(mutation, { numRuns: n, seed }).map((m) => ({ what: JSON.stringify(m), make: async () => ({ kind: 'file', bytes: await repack(m) }) })),
  },
  {
    name: 'random bytes',
    share: 0.08,
    draw: (n, seed) =>
      fc.sample(randomFile, { numRuns: n, seed }).map((bytes) => ({ what: `${bytes.length} random bytes`, make: () => ({ kind: 'file', bytes }) })),
  },
  {
    name: 'random pickle programs',
    share: 0.15,
    draw: (n, seed) =>
      fc
        .sample(pickleProgram, { numRuns: n, seed })
        .map((bytes) => ({ what: `program ${Buffer.from(bytes).toString('hex').slice(0, 120)}`, make: () => ({ kind: 'pickle', bytes }) })),
  },
  {
    name: 'random GLOBAL names',
    share: 0.03,
    draw: (n, seed) =>
      fc.sample(fc.tuple(identifier, identifier), { numRuns: n, seed }).map(([m, g]) => ({
        what: `GLOBAL ${m} ${g}`,
        make: () => ({ kind: 'pickle', bytes: Uint8Array.from([0x80, 2, 0x63, ...text(`${m}\n${g}\n`), 0x2e]) }),
      })),
  },
  {
    name: 'random safetensors headers',
    share: 0.06,
    draw: (n, seed) =>
      fc
        .sample(safetensorsFile, { numRuns: n, seed })
        .map((bytes) => ({ what: new TextDecoder().decode(bytes.subarray(8, 160)), make: () => ({ kind: 'file', bytes }) })),
  },
  ...HOSTILE_FAMILIES.map(
    ([name, arbitrary]): Family => ({
      name: `hostile: ${name}`,
      share: 0.12 / HOSTILE_FAMILIES.length,
      draw: (n, seed) =>
        fc.sample(arbitrary, { numRuns: n, seed }).map((c) => ({ what: String(c), make: async () => ({ kind: c.target, bytes: await c.make() }) })),
    }),
  ),
];

interface Stats {
  cases: number;
  accepted: number;
  codes: Map<string, number>;
  classes: Map<string, number>;
  others: Map<string, number>;
  garbled: string[];
  worstMs: number;
  worstCpuMs: number;
  totalCpuMs: number;
  worstRss: number;
  worstRssGrowth: number;
  overTime: number;
  overRss: number;
  slowest: { ms: number; what: string }[];
}
const newStats = (): Stats => ({
  cases: 0,
  accepted: 0,
  codes: new Map(),
  classes: new Map(),
  others: new Map(),
  garbled: [],
  worstMs: 0,
  worstCpuMs: 0,
  totalCpuMs: 0,
  worstRss: 0,
  worstRssGrowth: 0,
  overTime: 0,
  overRss: 0,
  slowest: [],
});
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** A message as a class: numbers, quoted names and byte positions replaced, so messages that differ only in them count together. */
function messageClass(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d(?:[\d,.]*\d)?(?: × 10\^\d+)?/g, 'N')
    .replace(/\b(?:tensor|storage) \S+/g, (m) => `${m.split(' ')[0]} X`)
    .replace(/\s+/g, ' ')
    .slice(0, 110);
}

const overall = newStats();
const perFamily = new Map<string, Stats>();

async function runOne(family: string, what: string, made: Target): Promise<string> {
  const stats = perFamily.get(family) ?? newStats();
  perFamily.set(family, stats);
  const kind = made.kind;
  const bytes = kind === 'pickle' ? made.bytes : null;
  const blob = kind === 'file' ? asSource(made.bytes) : null;
  if (made.bytes.length > LARGE) gc();
  const rssBefore = process.memoryUsage.rss();
  resetPeak();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let outcome: { ok: true } | { ok: false; error: unknown };
  try {
    if (bytes) unpickleTorch(bytes);
    else await readCheckpoint(blob!);
    outcome = { ok: true };
  } catch (error) {
    outcome = { ok: false, error };
  }
  blob?.close?.();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const rss = peakRss();
  for (const s of [overall, stats]) {
    s.cases++;
    s.worstMs = Math.max(s.worstMs, ms);
    s.worstCpuMs = Math.max(s.worstCpuMs, cpuMs);
    s.totalCpuMs += cpuMs;
    s.worstRss = Math.max(s.worstRss, rss);
    s.worstRssGrowth = Math.max(s.worstRssGrowth, rss - rssBefore);
    if (ms > TIME_LIMIT_MS) s.overTime++;
    if (rss > RSS_LIMIT) s.overRss++;
    if (outcome.ok) {
      s.accepted++;
    } else if (outcome.error instanceof CheckpointError && outcome.error.cause === undefined) {
      bump(s.codes, outcome.error.code);
      bump(s.classes, `${outcome.error.code}: ${messageClass(outcome.error.message)}`);
      if (GARBLED.test(outcome.error.message)) s.garbled.push(`${what}: ${outcome.error.message.slice(0, 300)}`);
    } else {
      const e = outcome.error instanceof CheckpointError ? outcome.error.cause : outcome.error;
      const name = e instanceof Error ? `${outcome.error instanceof CheckpointError ? 'wrapped ' : ''}${e.name}: ${e.message.slice(0, 120)}` : String(e);
      bump(s.others, name);
      if (s === overall && s.others.get(name) === 1) console.log(`  ! ${name}\n    in ${what.slice(0, 300)}`);
    }
  }
  const result = outcome.ok
    ? 'accepted'
    : outcome.error instanceof CheckpointError && outcome.error.cause === undefined
      ? `CheckpointError ${outcome.error.code}: ${outcome.error.message.slice(0, 160)}`
      : `OTHER ${String(outcome.error).slice(0, 160)}`;
  const line = `${ms.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms CPU, peak RSS ${(rss / 2 ** 20).toFixed(0)} MB: ${result}`;
  if (overall.slowest.length < 8 || ms > overall.slowest[overall.slowest.length - 1]!.ms) {
    overall.slowest.push({ ms, what: `${family}: ${what.slice(0, 200)}` });
    overall.slowest.sort((a, b) => b.ms - a.ms);
    overall.slowest.length = Math.min(overall.slowest.length, 8);
  }
  return line;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const began = performance.now();
const handMade: string[] = [];

/** Run shard `shard` of `shards`: the hand-made files in shard 0, and 1/shards of every family's cases. */
async function runShard(shard: number, shards: number): Promise<void> {
  if (shard === 0) {
    // The hand-made files first: each read three times (the worst counts).
    for (const [name, build] of HAND_MADE) {
      const size = (await build()).length;
      let line = '';
      for (let i = 0; i < 3; i++) line = await runOne('hand-made', name, { kind: 'file', bytes: await build() });
      handMade.push(`  ${name} (${size.toLocaleString('en-US')} bytes), last of 3: ${line}`);
      gc();
    }
    rmSync(new URL('large.bin', largeDir), { force: true });
  }
  gc();

  let done = 0;
  const counts = families.map((f) => Math.round(TOTAL * f.share));
  counts[0]! += TOTAL - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < counts.length; i++) counts[i] = Math.floor(counts[i]! / shards) + (shard < counts[i]! % shards ? 1 : 0);
  const total = counts.reduce((a, b) => a + b, 0);
  for (const [i, family] of families.entries()) {
    const n = counts[i]!;
    const BATCH = 500;
    for (let first = 0; first < n; first += BATCH) {
      const cases = family.draw(Math.min(BATCH, n - first), SEED * 1_000_003 + shard * 100_003 + i * 997 + first);
      for (const { what, make } of cases) {
        const target = await make();
        await runOne(family.name, `${what} (${target.bytes.length} bytes)`, target);
      }
      done += cases.length;
      gc();
      if (done % 5_000 < BATCH)
        console.log(
          `  shard ${shard + 1}/${shards}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases, ${((performance.now() - began) / 1000).toFixed(0)} s`,
        );
    }
  }
}

/** Stats as JSON (Maps as entry lists), to pass from a shard to the parent, and back. */
const toJson = (s: Stats) => ({ ...s, codes: [...s.codes], classes: [...s.classes], others: [...s.others] });
type StatsJson = ReturnType<typeof toJson>;
const fromJson = (j: StatsJson): Stats => ({ ...j, codes: new Map(j.codes), classes: new Map(j.classes), others: new Map(j.others) });
function merge(into: Stats, from: Stats): void {
  into.cases += from.cases;
  into.accepted += from.accepted;
  for (const key of ['codes', 'classes', 'others'] as const) for (const [k, v] of from[key]) into[key].set(k, (into[key].get(k) ?? 0) + v);
  into.garbled.push(...from.garbled);
  into.worstMs = Math.max(into.worstMs, from.worstMs);
  into.worstCpuMs = Math.max(into.worstCpuMs, from.worstCpuMs);
  into.totalCpuMs += from.totalCpuMs;
  into.worstRss = Math.max(into.worstRss, from.worstRss);
  into.worstRssGrowth = Math.max(into.worstRssGrowth, from.worstRssGrowth);
  into.overTime += from.overTime;
  into.overRss += from.overRss;
  into.slowest = [...into.slowest, ...from.slowest].sort((a, b) => b.ms - a.ms).slice(0, 8);
}

const SHARD = process.env['FUZZ_SHARD'];
const SHARDS = Math.max(1, Number(process.env['FUZZ_SHARDS'] ?? availableParallelism()));
if (SHARD !== undefined) {
  // A child: run its share, hand the stats back on stdout's last line.
  await runShard(Number(SHARD), SHARDS);
  // To a file, synchronously: a long line on a pipe may be cut short by process.exit.
  mkdirSync(largeDir, { recursive: true });
  writeFileSync(
    new URL(`shard-${SHARD}.json`, largeDir),
    JSON.stringify({ overall: toJson(overall), perFamily: [...perFamily].map(([k, v]) => [k, toJson(v)]), handMade }),
  );
  process.exit(0);
}

console.log(
  `fuzz-checkpoints: ${TOTAL.toLocaleString('en-US')} generated cases (seed ${SEED}) + ${HAND_MADE.length} hand-made files, in ${SHARDS} processes; node ${process.version}, ${process.platform}`,
);
if (SHARDS === 1) {
  await runShard(0, 1);
} else {
  // Shards in child processes (the same node flags, so tsx's loader too), merged here.
  const results = await Promise.all(
    Array.from(
      { length: SHARDS },
      (_, shard) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(TOTAL), String(SEED)], {
            env: { ...process.env, FUZZ_SHARD: String(shard), FUZZ_SHARDS: String(SHARDS) },
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            out += chunk;
            process.stdout.write(chunk);
          });
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`shard ${shard} exited with ${code}`))));
        }),
    ),
  );
  for (const [shard] of results.entries()) {
    const result = JSON.parse(readFileSync(new URL(`shard-${shard}.json`, largeDir), 'utf8')) as {
      overall: StatsJson;
      perFamily: [string, StatsJson][];
      handMade: string[];
    };
    merge(overall, fromJson(result.overall));
    for (const [name, stats] of result.perFamily) {
      const into = perFamily.get(name) ?? newStats();
      perFamily.set(name, into);
      merge(into, fromJson(stats));
    }
    handMade.push(...result.handMade);
  }
  rmSync(new URL('large.bin', largeDir), { force: true });
}

const seconds = (performance.now() - began) / 1000;
const other = [...overall.others.values()].reduce((a, b) => a + b, 0);
const rejected = [...overall.codes.values()].reduce((a, b) => a + b, 0);
console.log(
  `\n${overall.cases.toLocaleString('en-US')} reads in ${seconds.toFixed(0)} s (${TOTAL.toLocaleString('en-US')} generated + ${HAND_MADE.length} hand-made files ×3; wall clock ${seconds.toFixed(0)} s in ${SHARDS} processes)`,
);
console.log(`  accepted:                 ${overall.accepted.toLocaleString('en-US')}`);
console.log(
  `  CheckpointError:          ${rejected.toLocaleString('en-US')}  (${[...overall.codes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join(', ')})`,
);
console.log(`  other exceptions:         ${other}${other ? `  (${[...overall.others].map(([k, v]) => `${v}× ${k}`).join('; ')})` : ''}`);
console.log(`  garbled messages:         ${overall.garbled.length}${overall.garbled.length ? `\n    ${overall.garbled.slice(0, 5).join('\n    ')}` : ''}`);
console.log(
  `  worst time per case:      ${overall.worstMs.toFixed(0)} ms wall, ${overall.worstCpuMs.toFixed(0)} ms CPU; cases over ${TIME_LIMIT_MS / 1000} s: ${overall.overTime}`,
);
console.log(
  `  worst peak RSS in a case: ${mb(overall.worstRss)} (largest growth during one case: ${mb(overall.worstRssGrowth)}); cases over ${mb(RSS_LIMIT)}: ${overall.overRss}${canReset ? '' : ' (peak not resettable here: RSS high-water mark of the whole run)'}`,
);
console.log('\nper family: cases, accepted, CheckpointError, other, worst wall ms, worst CPU ms, mean CPU ms, worst peak RSS');
for (const [name, s] of perFamily) {
  const errors = [...s.codes.values()].reduce((a, b) => a + b, 0);
  const others = [...s.others.values()].reduce((a, b) => a + b, 0);
  console.log(
    `  ${name.padEnd(44)} ${String(s.cases).padStart(6)} ${String(s.accepted).padStart(6)} ${String(errors).padStart(6)} ${String(others).padStart(4)} ${s.worstMs.toFixed(0).padStart(6)} ${s.worstCpuMs.toFixed(0).padStart(6)} ${(s.totalCpuMs / s.cases).toFixed(1).padStart(6)} ${mb(s.worstRss).padStart(7)}`,
  );
}
console.log('\nhand-made files:');
for (const line of handMade) console.log(line);
console.log('\nslowest cases:');
for (const { ms, what } of overall.slowest) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${what}`);
console.log('\nCheckpointError by message class (top 40 of', overall.classes.size, '):');
for (const [cls, n] of [...overall.classes].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${String(n).padStart(6)}  ${cls}`);

const missed = other > 0 || overall.overTime > 0 || overall.overRss > 0 || overall.garbled.length > 0;
console.log(
  `\n${missed ? 'MISSED a target' : 'all targets met'}: ${other} other exceptions, ${overall.overTime} cases over 2 s, ${overall.overRss} over 512 MB, ${overall.garbled.length} garbled messages`,
);
process.exit(missed ? 1 : 0);
