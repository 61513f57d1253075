import { type Tensor, zeros } from './tensor.ts';

export interface Conv2dOptions {
  /** Same stride along height and width (RepVGG uses 1 or 2). Default 1. */
  readonly stride?: number;
  /**
   * Zero padding on every side (a number), or [rows, columns] for asymmetric kernels such as
   * ACB's 1×3 (padding [0, 1]) and 3×1 (padding [1, 0]). Default 0.
   */
  readonly padding?: number | readonly [number, number];
  /** Input and output channels are split into this many independent groups. Default 1. */
  readonly groups?: number;
  /** One value per output channel, added after the sum. */
  readonly bias?: Float32Array | null;
}

/** Output length along one axis: ⌊(size + 2·padding − kernel) / stride⌋ + 1, as in PyTorch. */
export function conv2dOutputSize(size: number, kernel: number, stride = 1, padding = 0): number {
  return Math.floor((size + 2 * padding - kernel) / stride) + 1;
}

/**
 * Reference 2-D convolution (cross-correlation, as in PyTorch): input [N, C, H, W],
 * kernel [O, C/groups, kh, kw] → output [N, O, Ho, Wo].
 *
 * Written tap by tap: for each kernel entry it adds w · (shifted input) to a whole output plane,
 * over the range of output positions whose input lies inside the image. That keeps the inner
 * loop free of padding checks and allocations. Sums are kept in float64 (one plane buffer per
 * call), so this is a reference to compare float32 results against, not a float32 imitation.
 */
export function conv2d(input: Tensor, kernel: Tensor, options: Conv2dOptions = {}): Tensor {
  const { stride = 1, padding = 0, groups = 1, bias = null } = options;
  const [padH, padW] = typeof padding === 'number' ? [padding, padding] : padding;
  const [n, c, h, w] = dims4(input.shape, 'conv2d input');
  const [o, cPerGroup, kh, kw] = dims4(kernel.shape, 'conv2d kernel');
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0 || o % groups !== 0) {
    throw new RangeError(`groups = ${groups} must divide input channels ${c} and output channels ${o}`);
  }
  if (cPerGroup !== c / groups) {
    throw new RangeError(`kernel expects ${cPerGroup} input channels per group, input gives ${c / groups}`);
  }
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive integer, got ${stride}`);
  for (const p of [padH, padW]) {
    if (!Number.isInteger(p) || p < 0) throw new RangeError(`padding must be a non-negative integer, got ${String(padding)}`);
  }
  if (bias && bias.length !== o) throw new RangeError(`bias has ${bias.length} values for ${o} output channels`);
  const ho = conv2dOutputSize(h, kh, stride, padH);
  const wo = conv2dOutputSize(w, kw, stride, padW);
  if (ho < 1 || wo < 1) throw new RangeError(`a ${kh}×${kw} kernel does not fit a ${h}×${w} input with padding ${String(padding)}`);

  const out = zeros([n, o, ho, wo]);
  const x = input.data;
  const k = kernel.data;
  const y = out.data;
  const plane = new Float64Array(ho * wo);
  const outPerGroup = o / groups;

  for (let b = 0; b < n; b++) {
    for (let oc = 0; oc < o; oc++) {
      plane.fill(bias ? bias[oc]! : 0);
      const firstIn = Math.floor(oc / outPerGroup) * cPerGroup;
      for (let ic = 0; ic < cPerGroup; ic++) {
        const xBase = (b * c + firstIn + ic) * h * w;
        const kBase = (oc * cPerGroup + ic) * kh * kw;
        for (let dy = 0; dy < kh; dy++) {
          // Output rows oy whose input row iy = oy·stride − padH + dy lies in [0, h).
          const oyStart = Math.max(0, Math.ceil((padH - dy) / stride));
          const oyEnd = Math.min(ho, Math.floor((h - 1 + padH - dy) / stride) + 1);
          for (let dx = 0; dx < kw; dx++) {
            const weight = k[kBase + dy * kw + dx]!;
            const oxStart = Math.max(0, Math.ceil((padW - dx) / stride));
            const oxEnd = Math.min(wo, Math.floor((w - 1 + padW - dx) / stride) + 1);
            for (let oy = oyStart; oy < oyEnd; oy++) {
              const rowIn = xBase + (oy * stride - padH + dy) * w - padW + dx;
              const rowOut = oy * wo;
              for (let ox = oxStart; ox < oxEnd; ox++) {
                plane[rowOut + ox] = plane[rowOut + ox]! + weight * x[rowIn + ox * stride]!;
              }
            }
          }
        }
      }
      y.set(plane, (b * o + oc) * ho * wo);
    }
  }
  return out;
}

function dims4(shape: readonly number[], what: string): [number, number, number, number] {
  if (shape.length !== 4) throw new RangeError(`${what} must have 4 axes, got [${shape.join(', ')}]`);
  return shape as [number, number, number, number];
}
