import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileSource, withFileSource } from '../../src/cli/file-source.ts';
import { readRange } from '../../src/io/checkpoint/file.ts';
import { CheckpointError } from '../../src/io/checkpoint/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI reads checkpoints with pread (openFileSource)', () => {
  const path = join(dir, 'bytes.bin');
  const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) % 256);
  writeFileSync(path, bytes);

  it('cuts the same byte ranges as a Blob of the file', async () => {
    const blob = new Blob([bytes]);
    await withFileSource(path, async (source) => {
      expect(source.size).toBe(bytes.length);
      for (const [offset, length] of [
        [0, 0],
        [0, 10_000],
        [123, 4567],
        [9_999, 1],
      ] as const) {
        expect(await readRange(source, offset, length, 'a range')).toEqual(await readRange(blob, offset, length, 'a range'));
      }
    });
  });

  it('checks every range against the file: past the end is a CheckpointError, never a read', async () => {
    await withFileSource(path, async (source) => {
      await expect(readRange(source, 9_000, 2_000, 'storage 0')).rejects.toThrow(CheckpointError);
      await expect(readRange(source, -1, 10, 'storage 0')).rejects.toThrow(/impossible byte range/);
    });
  });

  it('a file that shrinks while it is read gives a short read, reported as a change, not garbage', async () => {
    const shrinking = join(dir, 'shrinking.bin');
    writeFileSync(shrinking, bytes);
    const source = openFileSource(shrinking);
    try {
      truncateSync(shrinking, 5_000);
      await expect(readRange(source, 4_000, 2_000, 'storage 1')).rejects.toThrow(/changed or ended while it was being read/);
    } finally {
      source.close();
    }
  });

  it('a missing file says so, with its path', () => {
    expect(() => openFileSource(join(dir, 'missing.pth'))).toThrow(/^cannot open .*missing\.pth: ENOENT/);
  });
});
