import { type Tensor, zeros } from './tensor.ts';

/**
 * [N, C, H, W] → [N, C, H + 2p, W + 2p] with a border of p zeros: what a conv with padding p reads.
 * conv2d pads implicitly; this makes the padding visible (chapter 2 draws it).
 */
export function zeroPad2d(x: Tensor, padding: number): Tensor {
  if (x.shape.length !== 4) throw new RangeError(`zeroPad2d expects [N, C, H, W], got [${x.shape.join(', ')}]`);
  if (!Number.isInteger(padding) || padding < 0) throw new RangeError(`padding must be a non-negative integer, got ${padding}`);
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const hp = h + 2 * padding;
  const wp = w + 2 * padding;
  const out = zeros([n, c, hp, wp]);
  for (let plane = 0; plane < n * c; plane++) {
    for (let r = 0; r < h; r++) {
      const from = (plane * h + r) * w;
      out.data.set(x.data.subarray(from, from + w), (plane * hp + r + padding) * wp + padding);
    }
  }
  return out;
}
