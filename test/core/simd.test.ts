import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUT, WAT, compileWat, moduleSource } from '../../tools/build/build-wasm.mjs';
import { convertBlock, reparameterizeBlockInto } from '../../src/core/convert-model.ts';
import { createRng } from '../../src/core/random.ts';
import { reparameterizeBlock } from '../../src/core/reparameterize-block.ts';
import { reparamChannels } from '../../src/core/simd/reparam-channel.ts';
import { randomTrainBlock } from '../../src/core/weights.ts';

/** Index of the first float whose bits differ (-1: none); a deep toEqual of large arrays is slow. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('WebAssembly SIMD re-parameterization', () => {
  it('the committed bytes are what reparam-channel.wat compiles to (run `npm run build:wasm` after editing it)', async () => {
    expect(readFileSync(OUT, 'utf8')).toBe(moduleSource(await compileWat(WAT)));
  });

  it('is available in this Node', () => {
    expect(reparamChannels()).not.toBeNull();
  });

  // Odd channel counts leave a 1-3 float tail after the four-wide loop; 2000 inputs per group
  // stage 21 channels at a time, so the 50 outputs take three staging rounds.
  it.each([
    { inChannels: 3, outChannels: 5, stride: 2, groups: 1 },
    { inChannels: 7, outChannels: 7, stride: 1, groups: 1 },
    { inChannels: 12, outChannels: 12, stride: 1, groups: 4 },
    { inChannels: 2000, outChannels: 50, stride: 2, groups: 1 },
    { inChannels: 64, outChannels: 64, stride: 1, groups: 2 },
  ])('gives the same bits as the scalar loop and as reparameterizeBlock: %o', (shape) => {
    const block = randomTrainBlock(createRng(shape.inChannels * 31 + shape.outChannels), shape);
    const kernelSimd = new Float32Array(block.dense.kernel.data.length);
    const biasSimd = new Float32Array(shape.outChannels);
    const kernelScalar = new Float32Array(kernelSimd.length).fill(Number.NaN);
    const biasScalar = new Float32Array(shape.outChannels);
    reparameterizeBlockInto(block, kernelSimd, biasSimd);
    reparameterizeBlockInto(block, kernelScalar, biasScalar, { simd: false });
    expect(firstDifference(kernelSimd, kernelScalar)).toBe(-1);
    expect(firstDifference(biasSimd, biasScalar)).toBe(-1);
    const reference = reparameterizeBlock(block);
    expect(firstDifference(convertBlock(block).kernel.data, reference.kernel.data)).toBe(-1);
    expect(firstDifference(biasSimd, reference.bias)).toBe(-1);
  });
});
