/**
 * A whole stride-1, padding-1 3×3 convolution layer by Winograd F(m×m, 3×3), and the direct
 * convolution it is compared with, both in a chosen precision. The kernel transform is done once
 * per layer (U for every output/input channel pair), then every tile of every input channel is
 * transformed once and reused by every output channel; the products are summed over input
 * channels in the transformed domain, so each output tile needs one output transform.
 *
 * Written for clarity and for exact operation counts, not speed (fast-*.ts are the fast ones).
 * Outputs are Float64Arrays so a float64 run is a true double-precision reference.
 */
import type { Tensor } from '../tensor.ts';
import type { WinogradAlgorithm } from './matrices.ts';
import { type OpCount, type Precision, elementwiseProduct, inputTransform, kernelTransform, noOps, outputTransform, rounding } from './tile.ts';
import { tilingPlan } from './tiling.ts';

export interface LayerInput {
  /** NCHW input, float32 (the values are what they are; precision decides the arithmetic). */
  readonly input: Tensor;
  /** [O, C/groups, 3, 3]. */
  readonly kernel: Tensor;
  readonly bias?: Float32Array | null;
  readonly groups?: number;
}

export interface LayerOutput {
  readonly shape: readonly [number, number, number, number];
  readonly data: Float64Array;
  readonly ops: {
    readonly input: OpCount;
    readonly kernel: OpCount;
    /** The element-wise products and their sums over input channels. */
    readonly product: OpCount;
    readonly output: OpCount;
    readonly tiles: number;
  };
}

function dims(layer: LayerInput) {
  const [n, c, h, w] = layer.input.shape as [number, number, number, number];
  const [o, cg, kh, kw] = layer.kernel.shape as [number, number, number, number];
  const groups = layer.groups ?? 1;
  if (kh !== 3 || kw !== 3) throw new RangeError(`Winograd F(m×m, 3×3) needs 3×3 kernels, got ${kh}×${kw}`);
  if (c % groups !== 0 || o % groups !== 0 || cg !== c / groups) {
    throw new RangeError(`kernel [${layer.kernel.shape.join(', ')}] does not fit ${c} input channels in ${groups} groups`);
  }
  return { n, c, h, w, o, cg, og: o / groups, groups };
}

export function winogradConv2d(layer: LayerInput, alg: WinogradAlgorithm, precision: Precision = 'float32'): LayerOutput {
  const { n, c, h, w, o, cg, og } = dims(layer);
  const { alpha, m } = alg;
  const a2 = alpha * alpha;
  const round = rounding(precision);
  const ops = { input: noOps(), kernel: noOps(), product: noOps(), output: noOps(), tiles: 0 };

  // Once per layer: U[o][ci] = G g Gᵀ.
  const k = layer.kernel.data;
  const U: Float64Array[] = [];
  for (let oc = 0; oc < o; oc++)
    for (let ci = 0; ci < cg; ci++) U.push(kernelTransform(k.subarray((oc * cg + ci) * 9, (oc * cg + ci + 1) * 9), alg, precision, ops.kernel));

  const plan = tilingPlan(h, w, alg);
  const out = new Float64Array(n * o * h * w);
  const x = layer.input.data;
  const d = new Float64Array(a2);
  const V: Float64Array[] = new Array(cg);
  const sum = new Float64Array(a2);
  for (let b = 0; b < n; b++) {
    for (const tile of plan.tiles) {
      ops.tiles++;
      for (let group = 0; group < o / og; group++) {
        // Transform this tile of every input channel of the group once; all output channels reuse it.
        for (let ci = 0; ci < cg; ci++) {
          const plane = (b * c + group * cg + ci) * h * w;
          for (let u = 0; u < alpha; u++)
            for (let v = 0; v < alpha; v++) {
              const iy = tile.y - 1 + u;
              const ix = tile.x - 1 + v;
              d[u * alpha + v] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[plane + iy * w + ix]! : 0;
            }
          V[ci] = inputTransform(d, alg, precision, ops.input);
        }
        for (let oo = 0; oo < og; oo++) {
          const oc = group * og + oo;
          for (let ci = 0; ci < cg; ci++) {
            const product = elementwiseProduct(U[oc * cg + ci]!, V[ci]!, precision, ops.product);
            if (ci === 0) sum.set(product);
            else {
              for (let i = 0; i < a2; i++) sum[i] = round(sum[i]! + product[i]!);
              ops.product.additions += a2;
            }
          }
          const y = outputTransform(sum, alg, precision, ops.output);
          const bias = layer.bias ? layer.bias[oc]! : 0;
          const plane = (b * o + oc) * h * w;
          for (let i = 0; i < tile.rows; i++) for (let j = 0; j < tile.cols; j++) out[plane + (tile.y + i) * w + tile.x + j] = round(y[i * m + j]! + bias);
        }
      }
    }
  }
  return { shape: [n, o, h, w], data: out, ops };
}

/** Direct 3×3 correlation, stride 1, padding 1, summed tap by tap in the chosen precision. */
export function directConv3x3(
  layer: LayerInput,
  precision: Precision = 'float64',
): { shape: readonly [number, number, number, number]; data: Float64Array; multiplications: number } {
  const { n, c, h, w, o, cg, og } = dims(layer);
  const round = rounding(precision);
  const x = layer.input.data;
  const k = layer.kernel.data;
  const out = new Float64Array(n * o * h * w);
  let multiplications = 0;
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++) {
      const first = Math.floor(oc / og) * cg;
      const plane = (b * o + oc) * h * w;
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++) {
          let sum = 0;
          for (let ci = 0; ci < cg; ci++) {
            const inPlane = (b * c + first + ci) * h * w;
            const kBase = (oc * cg + ci) * 9;
            for (let u = 0; u < 3; u++) {
              const iy = y - 1 + u;
              for (let v = 0; v < 3; v++) {
                const ix = xx - 1 + v;
                // The paper counts all 9 taps, padding included; so does this counter.
                multiplications++;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                sum = round(sum + round(x[inPlane + iy * w + ix]! * k[kBase + u * 3 + v]!));
              }
            }
          }
          out[plane + y * w + xx] = round(sum + (layer.bias ? layer.bias[oc]! : 0));
        }
    }
  return { shape: [n, o, h, w], data: out, multiplications };
}
