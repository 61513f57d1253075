import { BlobReader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/io/checkpoint/errors.ts';
import { openPth } from '../../../src/io/checkpoint/pth-reader.ts';
import { readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { openSafetensors } from '../../../src/io/checkpoint/safetensors-reader.ts';
import { unpickleTorch } from '../../../src/io/checkpoint/torch-pickle.ts';
import { makeSeeds, mutate, mutation, pickleProgram, randomFile, safetensorsFile, text } from './fuzz-generators.ts';
import { HOSTILE_FAMILIES, type HostileCase } from './hostile-arbitraries.ts';

/**
 * Thousands of damaged and hostile checkpoints: every one must end in a CheckpointError with a
 * readable message that names real numbers, or in a valid result; never another exception (nor
 * one wrapped as a CheckpointError's cause), a read larger than the file, or memory far beyond
 * the file's worth. No case is timed here (the readers' own budgets — nesting, opcodes, header
 * bytes, inflated bytes — bound the work deterministically); `npm run fuzz` runs 100,000 cases
 * and prints the worst time and memory. FUZZ_RUNS (default 2000) scales every property:
 *   FUZZ_RUNS=100000 npx vitest run test/io/checkpoint/fuzz.test.ts
 * A failure prints fast-check's seed and shrunk counterexample; replay it with FUZZ_SEED.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
/** Vitest's per-test limit, scaled for long runs (the default 60 s suits the default runs). */
const LIMIT = Math.max(60_000, RUNS * 40);
const runs = (share: number) => ({ numRuns: Math.max(10, Math.round(RUNS * share)), ...(SEED === undefined ? {} : { seed: SEED }) });

/** Text no message may hold: each means a computation went wrong (a lookup, an overflow, a stringified object). */
const GARBLED = /undefined|NaN|Infinity|\[object |native code/;
/**
 * Memory a read may add while its result is alive: the fuzz files are at most a few MB and
 * inflate to at most a few MB more; the bugs this catches cost gigabytes (every tensor's copy of
 * a shared deflated storage, a JSON bomb's parse).
 */
const MEMORY_CEILING = 256 * 2 ** 20;
const memoryInUse = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

/** Counts what the readers slice out of the file: never more than the file per read, never many times the file in all. */
class CountingBlob extends Blob {
  bytesRead = 0;
  largestRead = 0;
  override slice(start?: number, end?: number, type?: string): Blob {
    const part = super.slice(start, end, type);
    this.bytesRead += part.size;
    this.largestRead = Math.max(this.largestRead, part.size);
    return part;
  }
}

const stats = { ok: 0, errors: new Map<string, number>() };

/** Run a read; it must succeed or throw a CheckpointError whose message reads as a sentence. */
async function cleanOutcome(read: () => Promise<unknown> | unknown): Promise<void> {
  const before = memoryInUse();
  try {
    const result = await read();
    expect(memoryInUse() - before, 'memory added by one read, its result alive').toBeLessThan(MEMORY_CEILING);
    if (result === undefined)
      stats.ok++; // keeps `result` alive up to the measurement
    else stats.ok++;
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    if (error.cause !== undefined) throw error.cause; // a reader bug, caught at an entry point
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.message.length).toBeLessThan(2000);
    expect(error.message).not.toMatch(GARBLED);
    stats.errors.set(error.code, (stats.errors.get(error.code) ?? 0) + 1);
  }
}

let seeds = new Map<string, Uint8Array<ArrayBuffer>>();
beforeAll(async () => {
  seeds = await makeSeeds();
});

async function readBytes(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const blob = new CountingBlob([bytes]);
  await cleanOutcome(async () => {
    const loaded = await readCheckpoint(blob);
    expect(loaded.weights.blocks.length).toBe(loaded.spec.depths.reduce((a, b) => a + b, 0));
    return loaded;
  });
  expect(blob.largestRead).toBeLessThanOrEqual(bytes.length);
  expect(blob.bytesRead).toBeLessThanOrEqual(4 * bytes.length + 256 * 1024);
}

describe('fuzz: damaged checkpoint files', () => {
  it.each([
    ['deploy.pth', 0.08],
    ['train.pth', 0.02],
    ['deploy.safetensors', 0.25],
    ['train.safetensors', 0.1],
    ['small-protocol4.pth', 0.05],
    ['views.pth', 0.05],
    ['unsafe-global.pth', 0.03],
    ['legacy-format.pth', 0.05],
    ['tiny-timm-deploy.safetensors', 0.05],
  ])(
    '%s: bit flips, truncations, overwritten bytes, a damaged zip directory, huge numbers',
    async (name, share) => {
      await fc.assert(
        fc.asyncProperty(mutation, (m) => readBytes(mutate(seeds.get(name)!, m))),
        runs(share),
      );
    },
    LIMIT,
  );

  it(
    'random bytes, with and without the first bytes of each format',
    async () => {
      await fc.assert(
        fc.asyncProperty(randomFile, (bytes) => readBytes(bytes)),
        runs(0.25),
      );
    },
    LIMIT,
  );
});

describe('fuzz: the pickle inside a well-formed zip', () => {
  it(
    'mutated data.pkl repacked into a valid archive (past the zip and CRC checks)',
    async () => {
      const original = seeds.get('deploy.pth')!;
      const entries = await new ZipReader(new BlobReader(new Blob([original])), { useWebWorkers: false }).getEntries();
      const files = await Promise.all(entries.filter((e) => !e.directory).map(async (e) => [e.filename, await e.getData(new Uint8ArrayWriter())] as const));
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
          const blob = new Response(readable).blob();
          const zip = new ZipWriter(writable, { useWebWorkers: false, level: 0 });
          for (const [name, data] of files) await zip.add(name, new Uint8ArrayReader(name.endsWith('data.pkl') ? mutate(data.slice(), m) : data));
          await zip.close();
          await readBytes(new Uint8Array(await (await blob).arrayBuffer()));
        }),
        runs(0.02),
      );
    },
    LIMIT,
  );
});

describe('fuzz: the restricted unpickler', () => {
  it(
    'random programs of allowed and forbidden opcodes, globals and arguments',
    async () => {
      await fc.assert(
        fc.asyncProperty(pickleProgram, (program) => cleanOutcome(() => unpickleTorch(program))),
        runs(1),
      );
    },
    LIMIT,
  );

  it(
    'any global outside the allowlist is refused by name',
    async () => {
      const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,20}$/);
      await fc.assert(
        fc.asyncProperty(identifier, identifier, async (module, global) => {
          const allowed =
            /^(collections\.OrderedDict|torch\._utils\._rebuild_(tensor|tensor_v2|parameter|parameter_with_state)|torch\._tensor\.(_rebuild_from_type_v2|Tensor)|torch\.Tensor|torch\.nn\.parameter\.Parameter|torch\.(Float|Half|BFloat16|Double|Long|Int|Short|Char|Byte|Bool)Storage)$/;
          const run = () => unpickleTorch(Uint8Array.from([0x80, 2, 0x63, ...text(`${module}\n${global}\n`), 0x2e]));
          if (allowed.test(`${module}.${global}`)) return;
          expect(run).toThrow(CheckpointError);
          expect(run).toThrow(`${module}.${global}`);
        }),
        runs(0.25),
      );
    },
    LIMIT,
  );
});

describe('fuzz: safetensors headers', () => {
  it(
    'random dtypes, shapes and offsets (negative, fractional, enormous) give a clean result',
    async () => {
      await fc.assert(
        fc.asyncProperty(safetensorsFile, async (bytes) => {
          await cleanOutcome(async () => {
            const file = await openSafetensors(new Blob([bytes]));
            for (const record of file.tensors.values()) await record.read();
          });
        }),
        runs(0.25),
      );
    },
    LIMIT,
  );
});

/**
 * The classes of hostile file issue 13 found (fuzzing with 23,192 files), each from its own
 * generator: deep nesting (10,000-level rebuilds, lists, dicts, cycles), Object.prototype's names
 * where allowlists look names up, keys of `module.` ×40,000, safetensors headers nested or wide
 * past any checkpoint's, one deflated storage shared by many tensors, shapes that overflow doubles.
 */
describe('fuzz: hostile files, class by class', () => {
  const shares: Record<string, number> = {
    'deep nesting': 0.04,
    'prototype names': 0.04,
    'long keys': 0.02,
    'large headers': 0.02,
    'shared deflated storages': 0.015,
    'huge shapes': 0.04,
  };
  it.each(HOSTILE_FAMILIES.map(([name, arbitrary]) => [name, arbitrary] as const))(
    '%s',
    async (name, arbitrary) => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (hostile: HostileCase) => {
          const bytes = await hostile.make();
          if (hostile.target === 'pickle') await cleanOutcome(() => unpickleTorch(bytes));
          else await readBytes(bytes);
        }),
        runs(shares[name] ?? 0.02),
      );
    },
    LIMIT,
  );
});

describe('fuzz summary', () => {
  it('saw both valid results and every kind of clean error', async () => {
    // A quick pth pass, so the summary has something even when run alone.
    await cleanOutcome(() => openPth(new Blob([seeds.get('deploy.pth')!])));
    console.info(`fuzz (FUZZ_RUNS=${RUNS}): ${stats.ok} valid results; errors by code: ${[...stats.errors].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    expect(stats.ok).toBeGreaterThan(0);
    for (const code of ['truncated', 'corrupt', 'forbidden', 'not-a-checkpoint']) expect(stats.errors.get(code) ?? 0, code).toBeGreaterThan(0);
  });
});
