import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { ROOT, expectCheckpointError, fixtureBlob } from './helpers.ts';

describe('progress and cancellation', () => {
  it('reports bytes read after each tensor, rising to the total of the weights', async () => {
    const seen: [number, number][] = [];
    const loaded = await readCheckpoint(fixtureBlob('tiny-timm-train.safetensors'), { onProgress: (read, total) => seen.push([read, total]) });
    expect(seen.length).toBeGreaterThan(100); // one per float tensor
    expect(seen.every(([, total]) => total === loaded.weightBytes)).toBe(true);
    expect(seen.every(([read], i) => i === 0 || read > seen[i - 1]![0])).toBe(true);
    expect(seen.at(-1)![0]).toBe(loaded.weightBytes);
  });

  it('stops with a "cancelled" CheckpointError when the signal fires, before or during the read', async () => {
    const before = new AbortController();
    before.abort();
    await expectCheckpointError(readCheckpoint(fixtureBlob('tiny-official-train.pth'), { signal: before.signal }), 'cancelled', /cancelled/);

    const during = new AbortController();
    let calls = 0;
    const reading = readCheckpoint(fixtureBlob('tiny-official-train.pth'), {
      signal: during.signal,
      onProgress: () => {
        if (++calls === 10) during.abort();
      },
    });
    await expectCheckpointError(reading, 'cancelled', /cancelled/);
    expect(calls).toBe(10);
  });
});

describe('portability', () => {
  it('src/io/checkpoint imports nothing from Node and touches no Node globals (it runs in browsers and workers)', () => {
    const dir = `${ROOT}src/io/checkpoint/`;
    for (const file of readdirSync(dir)) {
      const source = readFileSync(dir + file, 'utf8');
      expect(source, file).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b/);
    }
  });
});
