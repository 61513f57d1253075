/**
 * A lab session is a teacher's seed plus a student's identifier. Both are normalized the same
 * way everywhere (page, check page, tests), so "Alice " and "alice" get the same numbers and the
 * same codes. Every exercise draws its numbers from its own generator, seeded from the hash of
 * (seed, identifier, exercise): one exercise's numbers never depend on another's.
 */
import { type Rng, createRng } from '../core/random.ts';
import { sha256 } from './sha256.ts';

/** Bumped whenever generators or the exercise list change, so old codes are told apart. */
export const LAB_VERSION = 1;

/** The seed used when no teacher's link gave one: everyone practising sees the same numbers. */
export const PRACTICE_SEED = 'practice';

export const MAX_SEED_LENGTH = 40;
export const MAX_STUDENT_LENGTH = 64;

export interface LabSession {
  readonly seed: string;
  /** Normalized identifier; '' when the reader has not given one. */
  readonly student: string;
}

/** A seed as typed or read from `?lab=`: case-insensitive, letters, digits, '-' and '_'. */
export function normalizeSeed(raw: string): string | null {
  const seed = raw.trim().toLowerCase();
  return seed.length > 0 && seed.length <= MAX_SEED_LENGTH && /^[a-z0-9_-]+$/.test(seed) ? seed : null;
}

/**
 * An identifier (a name, an email, a student number): Unicode NFKC, case folded, outer spaces
 * dropped and inner runs of white space made one space. Any other character is allowed.
 */
export function normalizeStudent(raw: string): string | null {
  const student = raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  // Control characters would not print, nor survive a CSV round trip.
  if (student.length > MAX_STUDENT_LENGTH || /[\u0000-\u001f\u007f]/.test(student)) return null;
  return student;
}

/** Said where a seed is entered (and on the check page): seeds are compared without case. */
export const SEED_CASE_NOTE = 'Capitals do not count: “SEED123” is the seed “seed123”.';
/** Said where an identifier is entered (and on the check page): one student, however it is typed. */
export const STUDENT_CASE_NOTE = 'Capitals and extra spaces do not count: “Alice-42” and “alice-42” are the same student, with the same numbers and code.';

/** After a value is used: how it was stored, when that differs from what was typed; '' when it does not. */
export function normalizedNotice(what: string, raw: string, normalized: string): string {
  return raw.trim() === normalized ? '' : `Your ${what} is used as “${normalized}” (${what === 'seed' ? 'lower case' : 'lower case, single spaces'}).`;
}

/** The first four bytes of a SHA-256, as an unsigned 32-bit integer. */
export function hash32(text: string): number {
  const d = sha256(text);
  return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
}

/** The generator for one exercise of one student of one lab. */
export function exerciseRng(session: LabSession, exerciseId: string): Rng {
  return createRng(hash32(`repvgg-notebook-lab|v${LAB_VERSION}|numbers|${session.seed}|${session.student}|${exerciseId}`));
}

/** An integer uniform in [low, high] (both included). Rejection sampling: no modulo bias. */
export function intBetween(rng: Rng, low: number, high: number): number {
  const span = high - low + 1;
  if (!Number.isInteger(span) || span < 1 || span > 2 ** 32) throw new RangeError(`bad range [${low}, ${high}]`);
  const limit = Math.floor(2 ** 32 / span) * span;
  let x = rng.nextUint32();
  while (x >= limit) x = rng.nextUint32();
  return low + (x % span);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[intBetween(rng, 0, items.length - 1)]!;
}

/** A multiple of 10^-decimals in [low, high], returned as that exact decimal's nearest double. */
export function decimalBetween(rng: Rng, low: number, high: number, decimals: number, nonZero = false): number {
  const scale = 10 ** decimals;
  const lo = Math.round(low * scale);
  const hi = Math.round(high * scale);
  let k = intBetween(rng, lo, hi);
  while (nonZero && k === 0) k = intBetween(rng, lo, hi);
  return k / scale;
}
