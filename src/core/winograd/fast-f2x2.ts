/**
 * Winograd F(2×2, 3×3), stride 1, padding 1, float32 storage: the benchmark's fast path, written
 * with the same care as fast-direct.ts. Layout as in Lavin and Gray:
 *   U[16][O][C]  transformed kernels, computed once per layer (planWinograd, not timed)
 *   V[16][C][T]  transformed input tiles, T = ⌈H/2⌉·⌈W/2⌉ tiles
 *   M[16][O][T]  sixteen independent matrix products M_k = U_k · V_k: all the multiplications
 * then one output transform per output tile. The products are register-blocked over four output
 * and four input channels (see fourChannelProducts).
 */
import type { FastLayer } from './fast-direct.ts';
import { F2_3 } from './matrices.ts';
import { kernelTransform } from './tile.ts';

export interface WinogradPlan extends FastLayer {
  readonly tilesY: number;
  readonly tilesX: number;
  readonly U: Float32Array;
  readonly bias: Float32Array;
  /** Zero-bordered input: 1 pixel on top/left, enough on bottom/right for whole tiles. */
  readonly padded: Float32Array;
  readonly V: Float32Array;
  readonly M: Float32Array;
}

export function planWinograd(layer: FastLayer, kernel: Float32Array, bias: Float32Array): WinogradPlan {
  const { c, o, h, w } = layer;
  if (kernel.length !== o * c * 9) throw new RangeError(`kernel must be [${o}, ${c}, 3, 3]`);
  const tilesY = Math.ceil(h / 2);
  const tilesX = Math.ceil(w / 2);
  const t = tilesY * tilesX;
  const U = new Float32Array(16 * o * c);
  for (let oc = 0; oc < o; oc++)
    for (let ci = 0; ci < c; ci++) {
      const u = kernelTransform(kernel.subarray((oc * c + ci) * 9, (oc * c + ci + 1) * 9), F2_3, 'float32');
      for (let k = 0; k < 16; k++) U[(k * o + oc) * c + ci] = u[k]!;
    }
  return {
    ...layer,
    tilesY,
    tilesX,
    U,
    bias,
    padded: new Float32Array(c * (2 * tilesY + 2) * (2 * tilesX + 2)),
    V: new Float32Array(16 * c * t),
    M: new Float32Array(16 * o * t),
  };
}

export function runWinograd(plan: WinogradPlan, x: Float32Array, out: Float32Array): void {
  const { c, o, h, w, tilesY, tilesX, V, M, bias, padded: xp } = plan;
  const t = tilesY * tilesX;
  const pw = 2 * tilesX + 2;
  const pp = (2 * tilesY + 2) * pw;
  for (let ci = 0; ci < c; ci++) for (let y = 0; y < h; y++) xp.set(x.subarray((ci * h + y) * w, (ci * h + y + 1) * w), ci * pp + (y + 1) * pw + 1);

  // Input transform V = Bᵀ d B: additions only.
  const ct = c * t;
  for (let ci = 0; ci < c; ci++)
    for (let ty = 0; ty < tilesY; ty++)
      for (let tx = 0; tx < tilesX; tx++) {
        const r0 = ci * pp + 2 * ty * pw + 2 * tx;
        const r1 = r0 + pw,
          r2 = r1 + pw,
          r3 = r2 + pw;
        // biome-ignore format: the tile's rows, one per line
        const d00 = xp[r0]!, d01 = xp[r0 + 1]!, d02 = xp[r0 + 2]!, d03 = xp[r0 + 3]!;
        // biome-ignore format: the tile's rows, one per line
        const d10 = xp[r1]!, d11 = xp[r1 + 1]!, d12 = xp[r1 + 2]!, d13 = xp[r1 + 3]!;
        // biome-ignore format: the tile's rows, one per line
        const d20 = xp[r2]!, d21 = xp[r2 + 1]!, d22 = xp[r2 + 2]!, d23 = xp[r2 + 3]!;
        // biome-ignore format: the tile's rows, one per line
        const d30 = xp[r3]!, d31 = xp[r3 + 1]!, d32 = xp[r3 + 2]!, d33 = xp[r3 + 3]!;
        // Bᵀ d: rows (d0 − d2, d1 + d2, d2 − d1, d1 − d3).
        // biome-ignore format: the rows of Bᵀ d, one per line
        const s00 = d00 - d20, s01 = d01 - d21, s02 = d02 - d22, s03 = d03 - d23;
        // biome-ignore format: the rows of Bᵀ d, one per line
        const s10 = d10 + d20, s11 = d11 + d21, s12 = d12 + d22, s13 = d13 + d23;
        // biome-ignore format: the rows of Bᵀ d, one per line
        const s20 = d20 - d10, s21 = d21 - d11, s22 = d22 - d12, s23 = d23 - d13;
        // biome-ignore format: the rows of Bᵀ d, one per line
        const s30 = d10 - d30, s31 = d11 - d31, s32 = d12 - d32, s33 = d13 - d33;
        const at = ci * t + ty * tilesX + tx;
        // (Bᵀ d) B: the same combination along each row.
        V[at] = s00 - s02;
        V[at + ct] = s01 + s02;
        V[at + 2 * ct] = s02 - s01;
        V[at + 3 * ct] = s01 - s03;
        V[at + 4 * ct] = s10 - s12;
        V[at + 5 * ct] = s11 + s12;
        V[at + 6 * ct] = s12 - s11;
        V[at + 7 * ct] = s11 - s13;
        V[at + 8 * ct] = s20 - s22;
        V[at + 9 * ct] = s21 + s22;
        V[at + 10 * ct] = s22 - s21;
        V[at + 11 * ct] = s21 - s23;
        V[at + 12 * ct] = s30 - s32;
        V[at + 13 * ct] = s31 + s32;
        V[at + 14 * ct] = s32 - s31;
        V[at + 15 * ct] = s31 - s33;
      }

  // Sixteen products M_k[O][T] = U_k[O][C] · V_k[C][T]: the 16 multiplications per tile and pair.
  for (let k = 0; k < 16; k++) {
    let oc = 0;
    for (; oc + 4 <= o; oc += 4) fourChannelProducts(plan, k, oc);
    for (; oc < o; oc++) oneChannelProducts(plan, k, oc);
  }

  // Output transform Y = Aᵀ M A, plus bias; edge tiles of an odd map keep what fits.
  const ot = o * t;
  for (let oc = 0; oc < o; oc++) {
    const b = bias[oc]!;
    for (let ty = 0; ty < tilesY; ty++)
      for (let tx = 0; tx < tilesX; tx++) {
        const at = oc * t + ty * tilesX + tx;
        const m = (k: number) => M[at + k * ot]!;
        // Aᵀ M: rows (m0 + m1 + m2, m1 − m2 − m3) of each column.
        // biome-ignore format: the rows of Aᵀ M, one per line
        const a0 = m(0) + m(4) + m(8), a1 = m(1) + m(5) + m(9), a2 = m(2) + m(6) + m(10), a3 = m(3) + m(7) + m(11);
        // biome-ignore format: the rows of Aᵀ M, one per line
        const b0 = m(4) - m(8) - m(12), b1 = m(5) - m(9) - m(13), b2 = m(6) - m(10) - m(14), b3 = m(7) - m(11) - m(15);
        const y = 2 * ty;
        const xx = 2 * tx;
        const row = oc * h * w + y * w + xx;
        out[row] = a0 + a1 + a2 + b;
        if (xx + 1 < w) out[row + 1] = a1 - a2 - a3 + b;
        if (y + 1 < h) {
          out[row + w] = b0 + b1 + b2 + b;
          if (xx + 1 < w) out[row + w + 1] = b1 - b2 - b3 + b;
        }
      }
  }
}

/**
 * M_k rows oc..oc+3: each pass over four input channels loads four V values per tile and serves
 * sixteen multiply-adds (four output channels), the blocking the direct kernel also uses.
 */
function fourChannelProducts(plan: WinogradPlan, k: number, oc: number): void {
  const { c, o, U, V, M } = plan;
  const t = plan.tilesY * plan.tilesX;
  const vk = k * c * t;
  const m0 = (k * o + oc) * t,
    m1 = m0 + t,
    m2 = m1 + t,
    m3 = m2 + t;
  const u0 = (k * o + oc) * c,
    u1 = u0 + c,
    u2 = u1 + c,
    u3 = u2 + c;
  M.fill(0, m0, m0 + 4 * t);
  let ci = 0;
  for (; ci + 4 <= c; ci += 4) {
    // biome-ignore format: one output channel's four weights per line
    const a0 = U[u0 + ci]!, a1 = U[u0 + ci + 1]!, a2 = U[u0 + ci + 2]!, a3 = U[u0 + ci + 3]!;
    // biome-ignore format: one output channel's four weights per line
    const b0 = U[u1 + ci]!, b1 = U[u1 + ci + 1]!, b2 = U[u1 + ci + 2]!, b3 = U[u1 + ci + 3]!;
    // biome-ignore format: one output channel's four weights per line
    const c0 = U[u2 + ci]!, c1 = U[u2 + ci + 1]!, c2 = U[u2 + ci + 2]!, c3 = U[u2 + ci + 3]!;
    // biome-ignore format: one output channel's four weights per line
    const d0 = U[u3 + ci]!, d1 = U[u3 + ci + 1]!, d2 = U[u3 + ci + 2]!, d3 = U[u3 + ci + 3]!;
    const v0 = vk + ci * t;
    for (let j = 0; j < t; j++) {
      const q = v0 + j;
      const p0 = V[q]!,
        p1 = V[q + t]!,
        p2 = V[q + 2 * t]!,
        p3 = V[q + 3 * t]!;
      M[m0 + j] = M[m0 + j]! + (a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3);
      M[m1 + j] = M[m1 + j]! + (b0 * p0 + b1 * p1 + b2 * p2 + b3 * p3);
      M[m2 + j] = M[m2 + j]! + (c0 * p0 + c1 * p1 + c2 * p2 + c3 * p3);
      M[m3 + j] = M[m3 + j]! + (d0 * p0 + d1 * p1 + d2 * p2 + d3 * p3);
    }
  }
  for (; ci < c; ci++) {
    const a = U[u0 + ci]!,
      b = U[u1 + ci]!,
      cc = U[u2 + ci]!,
      d = U[u3 + ci]!;
    const v0 = vk + ci * t;
    for (let j = 0; j < t; j++) {
      const p = V[v0 + j]!;
      M[m0 + j] = M[m0 + j]! + a * p;
      M[m1 + j] = M[m1 + j]! + b * p;
      M[m2 + j] = M[m2 + j]! + cc * p;
      M[m3 + j] = M[m3 + j]! + d * p;
    }
  }
}

/** The same for one output channel (when O is not a multiple of 4). */
function oneChannelProducts(plan: WinogradPlan, k: number, oc: number): void {
  const { c, o, U, V, M } = plan;
  const t = plan.tilesY * plan.tilesX;
  const m0 = (k * o + oc) * t;
  const u0 = (k * o + oc) * c;
  M.fill(0, m0, m0 + t);
  for (let ci = 0; ci < c; ci++) {
    const a = U[u0 + ci]!;
    const v0 = (k * c + ci) * t;
    for (let j = 0; j < t; j++) M[m0 + j] = M[m0 + j]! + a * V[v0 + j]!;
  }
}
