/**
 * A seeded random generator that gives the same numbers, bit for bit, in every JavaScript engine,
 * so that "seed 7" draws the same kernels in Node, Chrome, Firefox and Safari.
 *
 * - Integers: xoshiro128** (Blackman and Vigna), 32-bit words with Math.imul and shifts only.
 *   The four state words are filled from the seed with the SplitMix32-style mixer below.
 * - Uniforms: integer bits divided by a power of two, which is exact.
 * - Normals: Marsaglia's polar method. Its log is not Math.log (the spec lets engines differ in the
 *   last bits of log, exp, sin, cos) but `portableLog` below, built only from + − × ÷ which IEEE 754
 *   rounds identically everywhere. Math.sqrt is correctly rounded everywhere too. So the normals
 *   are exact draws from N(0, 1) up to float rounding, and reproducible across engines.
 */

const TWO_POW_32 = 2 ** 32;
const TWO_POW_31 = 2 ** 31;
const TWO_POW_26 = 2 ** 26;
const TWO_POW_53 = 2 ** 53;

/** 1/1, 1/3, 1/5, ... for the atanh series of portableLog (divisions, so exact everywhere). */
const ODD_RECIPROCALS = Array.from({ length: 11 }, (_, i) => 1 / (2 * i + 1));

/**
 * Natural log of x in (0, 1], using only + − × ÷: halve the range by powers of two (exact) into
 * m in [√½, 1), then ln m = 2·atanh(z) with z = (m − 1)/(m + 1), |z| < 0.172, summed to z²¹
 * (truncation error below 1e-19). Agrees with Math.log to about 1e-16 relative.
 */
export function portableLog(x: number): number {
  if (!(x > 0 && x <= 1)) throw new RangeError(`portableLog needs 0 < x <= 1, got ${x}`);
  let m = x;
  let k = 0;
  while (m < Math.SQRT1_2) {
    m *= 2;
    k--;
  }
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let series = 0;
  for (let i = ODD_RECIPROCALS.length - 1; i >= 0; i--) series = series * z2 + ODD_RECIPROCALS[i]!;
  return 2 * z * series + k * Math.LN2;
}

/** Murmur3's 32-bit finalizer: spreads every seed bit over the whole word. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface Rng {
  /** The next 32 random bits as an integer in [0, 2³²). */
  nextUint32(): number;
  /** Uniform in [0, 1) with 53 random bits (two words). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fill with draws from N(mean, std²); returns the array. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean?: number, std?: number): T;
  /** Fill with draws uniform in [low, high); returns the array. */
  fillUniform<T extends Float32Array | Float64Array>(out: T, low?: number, high?: number): T;
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The polar method makes normals in pairs; the second waits here. */
  private spare: number | null = null;

  constructor(seed: number) {
    let h = seed;
    const next = (): number => {
      h = (h + 0x9e3779b9) | 0; // the golden-ratio increment of SplitMix
      return mix32(h);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the one state xoshiro cannot leave
  }

  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      // 32-bit coordinates in [−1, 1): plenty for a normal, and exact.
      u = this.nextUint32() / TWO_POW_31 - 1;
      v = this.nextUint32() / TWO_POW_31 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * portableLog(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }

  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }

  fillUniform<T extends Float32Array | Float64Array>(out: T, low = 0, high = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.uniform();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A generator for an integer seed in [0, 2³²); the same seed gives the same sequence everywhere. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  return new Xoshiro128(seed);
}
