/**
 * WGSL for the benchmark. The direct convolution and Winograd's sixteen products are the same
 * tiled matrix product (one template, same tile sizes and register blocking), differing only in
 * where the right-hand matrix comes from: the direct kernel gathers 3×3 input windows on the fly
 * (implicit im2col, K = C·9), Winograd reads its transformed tiles V (K = C). The two Winograd
 * transforms are separate, element-wise passes.
 */

/** Output rows (channels) and columns (pixels or tiles) per workgroup, and the K step. */
export const TILE_M = 32;
export const TILE_N = 32;
export const TILE_K = 16;
/** 8×8 threads, each computing a 4×4 block of the 32×32 tile. */
const THREADS = 64;

interface GemmParts {
  /** Extra bindings after the uniform (0) and the A matrix (1). */
  readonly bindings: string;
  /** fn loadB(batch: u32, k: u32, n: u32) -> f32, zero outside the matrix. */
  readonly loadB: string;
  /** fn store(batch: u32, m: u32, n: u32, value: f32). */
  readonly store: string;
}

function gemm(parts: GemmParts): string {
  return /* wgsl */ `
struct Dims { M: u32, N: u32, K: u32, C: u32, H: u32, W: u32, tilesX: u32, T: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> A: array<f32>;
${parts.bindings}

const TM = ${TILE_M}u;
const TN = ${TILE_N}u;
const TK = ${TILE_K}u;
var<workgroup> As: array<f32, ${TILE_K * TILE_M}>;
var<workgroup> Bs: array<f32, ${TILE_K * TILE_N}>;

fn loadA(batch: u32, m: u32, k: u32) -> f32 {
  if (m >= dims.M || k >= dims.K) { return 0.0; }
  return A[(batch * dims.M + m) * dims.K + k];
}
${parts.loadB}
${parts.store}

@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) li: u32) {
  let batch = wg.z;
  let m0 = wg.y * TM;
  let n0 = wg.x * TN;
  var acc: array<f32, 16>;
  for (var k0 = 0u; k0 < dims.K; k0 += TK) {
    // Each of the ${THREADS} threads stages ${(TILE_K * TILE_M) / THREADS} values of each tile; neighbours read neighbours.
    for (var i = 0u; i < ${(TILE_K * TILE_M) / THREADS}u; i++) {
      let idx = li + i * ${THREADS}u;
      As[(idx % TK) * TM + idx / TK] = loadA(batch, m0 + idx / TK, k0 + idx % TK);
      Bs[idx] = loadB(batch, k0 + idx / TN, n0 + idx % TN);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      let a = vec4f(As[kk * TM + lid.y * 4u], As[kk * TM + lid.y * 4u + 1u], As[kk * TM + lid.y * 4u + 2u], As[kk * TM + lid.y * 4u + 3u]);
      let b = vec4f(Bs[kk * TN + lid.x * 4u], Bs[kk * TN + lid.x * 4u + 1u], Bs[kk * TN + lid.x * 4u + 2u], Bs[kk * TN + lid.x * 4u + 3u]);
      for (var i = 0u; i < 4u; i++) {
        acc[i * 4u] += a[i] * b.x;
        acc[i * 4u + 1u] += a[i] * b.y;
        acc[i * 4u + 2u] += a[i] * b.z;
        acc[i * 4u + 3u] += a[i] * b.w;
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    for (var j = 0u; j < 4u; j++) {
      let m = m0 + lid.y * 4u + i;
      let n = n0 + lid.x * 4u + j;
      if (m < dims.M && n < dims.N) { store(batch, m, n, acc[i * 4u + j]); }
    }
  }
}
`;
}

/** out[o][y·W + x] = bias[o] + Σ_{c, tap} W[o][c·9 + tap] · x[c][y + dy − 1][x + dx − 1]. */
export const DIRECT_WGSL = gemm({
  bindings: /* wgsl */ `
@group(0) @binding(2) var<storage, read> X: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> Y: array<f32>;`,
  loadB: /* wgsl */ `
fn loadB(batch: u32, k: u32, n: u32) -> f32 {
  if (k >= dims.K || n >= dims.N) { return 0.0; }
  let c = k / 9u;
  let tap = k % 9u;
  let iy = i32(n / dims.W) + i32(tap / 3u) - 1;
  let ix = i32(n % dims.W) + i32(tap % 3u) - 1;
  if (iy < 0 || ix < 0 || iy >= i32(dims.H) || ix >= i32(dims.W)) { return 0.0; }
  return X[(c * dims.H + u32(iy)) * dims.W + u32(ix)];
}`,
  store: /* wgsl */ `
fn store(batch: u32, m: u32, n: u32, value: f32) { Y[m * dims.N + n] = value + bias[m]; }`,
});

/** M_k[o][t] = Σ_c U_k[o][c] · V_k[c][t], sixteen products in one dispatch (z = k). */
export const WINOGRAD_PRODUCT_WGSL = gemm({
  bindings: /* wgsl */ `
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> Mk: array<f32>;`,
  loadB: /* wgsl */ `
fn loadB(batch: u32, k: u32, n: u32) -> f32 {
  if (k >= dims.K || n >= dims.N) { return 0.0; }
  return V[(batch * dims.K + k) * dims.N + n];
}`,
  store: /* wgsl */ `
fn store(batch: u32, m: u32, n: u32, value: f32) { Mk[(batch * dims.M + m) * dims.N + n] = value; }`,
});

/** V = Bᵀ d B for every (input channel, tile): one thread each, additions only. */
export const WINOGRAD_INPUT_WGSL = /* wgsl */ `
struct Dims { M: u32, N: u32, K: u32, C: u32, H: u32, W: u32, tilesX: u32, T: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> X: array<f32>;
@group(0) @binding(2) var<storage, read_write> V: array<f32>;

fn at(c: u32, y: i32, x: i32) -> f32 {
  if (y < 0 || x < 0 || y >= i32(dims.H) || x >= i32(dims.W)) { return 0.0; }
  return X[(c * dims.H + u32(y)) * dims.W + u32(x)];
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= dims.C * dims.T) { return; }
  let c = i / dims.T;
  let t = i % dims.T;
  let y0 = i32((t / dims.tilesX) * 2u) - 1;
  let x0 = i32((t % dims.tilesX) * 2u) - 1;
  var d: array<vec4f, 4>;
  for (var r = 0; r < 4; r++) {
    d[r] = vec4f(at(c, y0 + r, x0), at(c, y0 + r, x0 + 1), at(c, y0 + r, x0 + 2), at(c, y0 + r, x0 + 3));
  }
  // Bᵀ d: rows d0 − d2, d1 + d2, d2 − d1, d1 − d3; then the same along each row.
  let s = array<vec4f, 4>(d[0] - d[2], d[1] + d[2], d[2] - d[1], d[1] - d[3]);
  let stride = dims.C * dims.T;
  for (var r = 0u; r < 4u; r++) {
    let v = vec4f(s[r].x - s[r].z, s[r].y + s[r].z, s[r].z - s[r].y, s[r].y - s[r].w);
    V[(r * 4u) * stride + i] = v.x;
    V[(r * 4u + 1u) * stride + i] = v.y;
    V[(r * 4u + 2u) * stride + i] = v.z;
    V[(r * 4u + 3u) * stride + i] = v.w;
  }
}
`;

/** Y = Aᵀ M A + bias for every (output channel, tile), keeping what fits an odd map. */
export const WINOGRAD_OUTPUT_WGSL = /* wgsl */ `
struct Dims { M: u32, N: u32, K: u32, C: u32, H: u32, W: u32, tilesX: u32, T: u32 }
@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read> Mk: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> Y: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= dims.M * dims.T) { return; }
  let o = i / dims.T;
  let t = i % dims.T;
  let stride = dims.M * dims.T;
  var m: array<vec4f, 4>;
  for (var r = 0u; r < 4u; r++) {
    m[r] = vec4f(Mk[(r * 4u) * stride + i], Mk[(r * 4u + 1u) * stride + i], Mk[(r * 4u + 2u) * stride + i], Mk[(r * 4u + 3u) * stride + i]);
  }
  // Aᵀ M: rows m0 + m1 + m2 and m1 − m2 − m3; then the same along each row.
  let a = m[0] + m[1] + m[2];
  let b = m[1] - m[2] - m[3];
  let y = (t / dims.tilesX) * 2u;
  let x = (t % dims.tilesX) * 2u;
  let base = o * dims.H * dims.W;
  let beta = bias[o];
  Y[base + y * dims.W + x] = a.x + a.y + a.z + beta;
  if (x + 1u < dims.W) { Y[base + y * dims.W + x + 1u] = a.y - a.z - a.w + beta; }
  if (y + 1u < dims.H) {
    Y[base + (y + 1u) * dims.W + x] = b.x + b.y + b.z + beta;
    if (x + 1u < dims.W) { Y[base + (y + 1u) * dims.W + x + 1u] = b.y - b.z - b.w + beta; }
  }
}
`;
