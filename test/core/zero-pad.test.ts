import { describe, expect, it } from 'vitest';
import { conv2d } from '../../src/core/conv2d.ts';
import { createRng } from '../../src/core/random.ts';
import { at, maxAbsDiff } from '../../src/core/tensor.ts';
import { zeroPad2d } from '../../src/core/zero-pad.ts';
import { randomTensor } from './helpers.ts';

describe('zeroPad2d', () => {
  it('surrounds every plane with p zeros and keeps the values inside', () => {
    const x = randomTensor(createRng(5), [2, 3, 4, 5]);
    const p = zeroPad2d(x, 2);
    expect(p.shape).toEqual([2, 3, 8, 9]);
    expect(at(p, 1, 2, 2, 2)).toBe(at(x, 1, 2, 0, 0));
    expect(at(p, 1, 2, 5, 6)).toBe(at(x, 1, 2, 3, 4));
    let border = 0;
    for (let r = 0; r < 8; r++) for (let c = 0; c < 9; c++) if (r < 2 || r >= 6 || c < 2 || c >= 7) border += Math.abs(at(p, 0, 1, r, c));
    expect(border).toBe(0);
  });
  it('a conv with padding p reads exactly the zero-padded input', () => {
    const rng = createRng(6);
    const x = randomTensor(rng, [1, 2, 6, 7]);
    const k = randomTensor(rng, [3, 2, 3, 3]);
    for (const stride of [1, 2]) {
      expect(maxAbsDiff(conv2d(zeroPad2d(x, 1), k, { stride }), conv2d(x, k, { stride, padding: 1 }))).toBe(0);
    }
  });
  it('checks its arguments', () => {
    const x = randomTensor(createRng(7), [1, 1, 2, 2]);
    expect(zeroPad2d(x, 0).data).toEqual(x.data);
    expect(() => zeroPad2d(x, -1)).toThrow(RangeError);
    expect(() => zeroPad2d({ shape: [4], data: new Float32Array(4) }, 1)).toThrow(RangeError);
  });
});
