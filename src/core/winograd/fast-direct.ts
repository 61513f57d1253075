/**
 * Direct 3×3 convolution, stride 1, padding 1, float32 storage: the benchmark's baseline, written
 * with the same care as fast-f2x2.ts. The input is copied once into a zero-bordered buffer so the
 * inner loop has no bounds checks, and each pass updates FOUR output channels from every input
 * value it loads (register blocking), the same blocking the Winograd products use. Both kernels'
 * blockings were the fastest of the few tried for each on V8.
 */

export interface FastLayer {
  /** Input channels, output channels, map height and width. */
  readonly c: number;
  readonly o: number;
  readonly h: number;
  readonly w: number;
}

export interface DirectPlan extends FastLayer {
  /** [O′, C, 3, 3] float32, O′ = O rounded up to a multiple of 4, the extra kernels zero. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  /** Zero-bordered copy of the input, (H+2)×(W+2) per channel. */
  readonly padded: Float32Array;
  /** Four maps for the last block of output channels when O is not a multiple of 4. */
  readonly tail: Float32Array;
}

export function planDirect(layer: FastLayer, kernel: Float32Array, bias: Float32Array): DirectPlan {
  const { c, o, h, w } = layer;
  if (kernel.length !== o * c * 9) throw new RangeError(`kernel must be [${o}, ${c}, 3, 3]`);
  // Padding O to whole blocks of four keeps one kernel for every block: the zero kernels cost at
  // most three channels' work, and only when O is not a multiple of 4 (no RepVGG width).
  const o4 = Math.ceil(o / 4) * 4;
  const padded4 = o4 === o ? kernel : new Float32Array(o4 * c * 9);
  if (padded4 !== kernel) padded4.set(kernel);
  return {
    ...layer,
    kernel: padded4,
    bias,
    padded: new Float32Array(c * (h + 2) * (w + 2)),
    tail: new Float32Array(o4 === o ? 0 : 4 * h * w),
  };
}

/** out[O, H, W] = conv(x[C, H, W]). */
export function runDirect(plan: DirectPlan, x: Float32Array, out: Float32Array): void {
  const { c, o, h, w, bias, padded: xp, tail } = plan;
  const pw = w + 2;
  const pp = (h + 2) * pw;
  for (let ci = 0; ci < c; ci++) for (let y = 0; y < h; y++) xp.set(x.subarray((ci * h + y) * w, (ci * h + y + 1) * w), ci * pp + (y + 1) * pw + 1);
  const hw = h * w;
  for (let oc = 0; oc < o; oc++) out.fill(bias[oc]!, oc * hw, (oc + 1) * hw);
  let oc = 0;
  for (; oc + 4 <= o; oc += 4) fourChannels(plan, oc, out, oc * hw);
  if (oc < o) {
    tail.set(out.subarray(oc * hw, o * hw));
    tail.fill(0, (o - oc) * hw);
    fourChannels(plan, oc, tail, 0);
    out.set(tail.subarray(0, (o - oc) * hw), oc * hw);
  }
}

/**
 * Output channels oc..oc+3 (written from `at` in `out`), all input channels. The 3×3 window slides
 * along a row keeping six of its nine values in locals, so each step loads three new inputs for 36
 * multiply-adds.
 */
function fourChannels(plan: DirectPlan, oc: number, out: Float32Array, at: number): void {
  const { c, h, w, kernel: k, padded: xp } = plan;
  const pw = w + 2;
  const pp = (h + 2) * pw;
  const hw = h * w;
  const oA = at,
    oB = oA + hw,
    oC = oB + hw,
    oD = oC + hw;
  for (let ci = 0; ci < c; ci++) {
    const ka = (oc * c + ci) * 9,
      kb = ka + c * 9,
      kc = kb + c * 9,
      kd = kc + c * 9;
    // Nine kernel values per output channel, held in locals (V8 keeps them in registers).
    // biome-ignore format: one line per kernel reads as the 3×3 it is
    const a0 = k[ka]!, a1 = k[ka + 1]!, a2 = k[ka + 2]!, a3 = k[ka + 3]!, a4 = k[ka + 4]!, a5 = k[ka + 5]!, a6 = k[ka + 6]!, a7 = k[ka + 7]!, a8 = k[ka + 8]!;
    // biome-ignore format: as above
    const b0 = k[kb]!, b1 = k[kb + 1]!, b2 = k[kb + 2]!, b3 = k[kb + 3]!, b4 = k[kb + 4]!, b5 = k[kb + 5]!, b6 = k[kb + 6]!, b7 = k[kb + 7]!, b8 = k[kb + 8]!;
    // biome-ignore format: as above
    const c0 = k[kc]!, c1 = k[kc + 1]!, c2 = k[kc + 2]!, c3 = k[kc + 3]!, c4 = k[kc + 4]!, c5 = k[kc + 5]!, c6 = k[kc + 6]!, c7 = k[kc + 7]!, c8 = k[kc + 8]!;
    // biome-ignore format: as above
    const d0 = k[kd]!, d1 = k[kd + 1]!, d2 = k[kd + 2]!, d3 = k[kd + 3]!, d4 = k[kd + 4]!, d5 = k[kd + 5]!, d6 = k[kd + 6]!, d7 = k[kd + 7]!, d8 = k[kd + 8]!;
    const base = ci * pp;
    for (let y = 0; y < h; y++) {
      const r0 = base + y * pw,
        r1 = r0 + pw,
        r2 = r1 + pw;
      const rA = oA + y * w,
        rB = oB + y * w,
        rC = oC + y * w,
        rD = oD + y * w;
      // biome-ignore format: the window's left two columns, row by row
      let p0 = xp[r0]!, p1 = xp[r0 + 1]!, p3 = xp[r1]!, p4 = xp[r1 + 1]!, p6 = xp[r2]!, p7 = xp[r2 + 1]!;
      for (let xx = 0; xx < w; xx++) {
        const p2 = xp[r0 + xx + 2]!,
          p5 = xp[r1 + xx + 2]!,
          p8 = xp[r2 + xx + 2]!;
        out[rA + xx] = out[rA + xx]! + (a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3 + a4 * p4 + a5 * p5 + a6 * p6 + a7 * p7 + a8 * p8);
        out[rB + xx] = out[rB + xx]! + (b0 * p0 + b1 * p1 + b2 * p2 + b3 * p3 + b4 * p4 + b5 * p5 + b6 * p6 + b7 * p7 + b8 * p8);
        out[rC + xx] = out[rC + xx]! + (c0 * p0 + c1 * p1 + c2 * p2 + c3 * p3 + c4 * p4 + c5 * p5 + c6 * p6 + c7 * p7 + c8 * p8);
        out[rD + xx] = out[rD + xx]! + (d0 * p0 + d1 * p1 + d2 * p2 + d3 * p3 + d4 * p4 + d5 * p5 + d6 * p6 + d7 * p7 + d8 * p8);
        p0 = p1;
        p1 = p2;
        p3 = p4;
        p4 = p5;
        p6 = p7;
        p7 = p8;
      }
    }
  }
}
