import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BlobSink } from '../../../src/io/checkpoint/byte-sink.ts';
import { CheckpointError } from '../../../src/io/checkpoint/errors.ts';
import type { ByteSource } from '../../../src/io/checkpoint/file.ts';
import { openCheckpoint, readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { type WriteFormat, writeCheckpointTo } from '../../../src/io/checkpoint/write-checkpoint.ts';

/**
 * The CLI's convert in one pass: the headers read and checked first, then the weights read block
 * by block as the writer asks for them (openCheckpoint). The output must be the very bytes the
 * two-step path writes, and a read that fails midway must reach the writer's caller as a
 * CheckpointError, with no read left behind unreported.
 */
const FIXTURES = new URL('../../fixtures/checkpoints/', import.meta.url);

/** The file in memory as a ByteSource whose reads can be made to fail, and that counts them. */
function source(name: string): ByteSource & { fail: boolean; reads: number } {
  const bytes = readFileSync(new URL(name, FIXTURES));
  const s = {
    size: bytes.length,
    fail: false,
    reads: 0,
    slice: (start: number, end: number) => ({
      arrayBuffer: async () => {
        s.reads++;
        if (s.fail) throw new Error('the disk went away');
        return Uint8Array.from(bytes.subarray(start, end)).buffer;
      },
    }),
  };
  return s;
}

async function write(weights: Parameters<typeof writeCheckpointTo>[0], format: WriteFormat): Promise<Uint8Array> {
  const sink = new BlobSink();
  await writeCheckpointTo(weights, sink, format, { form: 'deploy', naming: 'official' });
  return new Uint8Array(await sink.blob().arrayBuffer());
}

describe('convert in one pass (openCheckpoint + the deploy writer)', () => {
  it.each([
    ['tiny-official-train.pth', 'pth'],
    ['tiny-timm-train.safetensors', 'safetensors'],
    ['tiny-official-deploy.pth', 'pth'],
    ['tiny-official-train-legacy.pth', 'safetensors'],
  ] as const)('%s → %s: the same bytes as reading everything first', async (name, format) => {
    const whole = await readCheckpoint(source(name));
    const { info, weights } = await openCheckpoint(source(name));
    expect(info.form).toBe(whole.form);
    expect(Buffer.compare(await write(weights, format), await write(whole.weights, format))).toBe(0);
  });

  it('reads nothing of the weights until the writer asks', async () => {
    const s = source('tiny-official-train.pth');
    await openCheckpoint(s);
    const afterHeaders = s.reads;
    const whole = source('tiny-official-train.pth');
    await readCheckpoint(whole);
    expect(afterHeaders).toBeLessThan(whole.reads / 4);
  });

  it('a read that fails midway is a CheckpointError for the caller, and the write stops', async () => {
    const s = source('tiny-official-train.pth');
    const { weights } = await openCheckpoint(s);
    s.fail = true;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const error = await write(weights, 'pth').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CheckpointError);
      expect(String(error)).toContain('the disk went away');
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve)); // any read-ahead that failed has settled
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
