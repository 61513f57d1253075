/**
 * The completion code a student hands in: which exercises they solved, sealed with a hash of the
 * lab seed and their identifier, e.g. "1003-F7Q3-M9DX".
 *
 *   character 1      the lab version (so a code from another version is recognized as such)
 *   characters 2–5   a bit mask: bit k set = exercise k of LAB_EXERCISES solved
 *   characters 6–12  35 bits of SHA-256("repvgg-notebook-lab|v1|code|seed|identifier|mask")
 *
 * In Crockford's base 32 (no I, L, O, U: nothing to misread). The check page recomputes the hash
 * from seed, identifier and the mask read off the code, so no server is needed. What it deters:
 * copying a classmate's code (it is bound to their identifier) and editing the mask (the hash no
 * longer matches). What it is not: a cryptographic proof. The site's source is public, so anyone
 * who reads it can compute a valid code for any result; a teacher who needs proof should ask for
 * the exported progress file or the work itself.
 */
import { LAB_EXERCISES } from './catalog.ts';
import { LAB_VERSION, type LabSession } from './session.ts';
import { sha256 } from './sha256.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MASK_CHARS = 4;
const TAG_CHARS = 7;
const CODE_LENGTH = 1 + MASK_CHARS + TAG_CHARS;

function toBase32(value: number, chars: number): string {
  let s = '';
  for (let i = 0; i < chars; i++) {
    s = ALPHABET[value % 32]! + s;
    value = Math.floor(value / 32);
  }
  return s;
}

function fromBase32(text: string): number {
  let value = 0;
  for (const ch of text) value = value * 32 + ALPHABET.indexOf(ch);
  return value;
}

function tag(session: LabSession, version: number, mask: number): string {
  const d = sha256(`repvgg-notebook-lab|v${version}|code|${session.seed}|${session.student}|${mask}`);
  // The first 40 bits as a number (exact below 2^53), keep the top 35.
  const top40 = d[0]! * 2 ** 32 + (((d[1]! << 24) | (d[2]! << 16) | (d[3]! << 8) | d[4]!) >>> 0);
  return toBase32(Math.floor(top40 / 2 ** 5), TAG_CHARS);
}

export function solvedMask(solved: Iterable<string>): number {
  const ids = new Set(solved);
  return LAB_EXERCISES.reduce((mask, e, k) => (ids.has(e.id) ? mask + 2 ** k : mask), 0);
}

export function completionCode(session: LabSession, solved: Iterable<string>): string {
  const mask = solvedMask(solved);
  const raw = toBase32(LAB_VERSION, 1) + toBase32(mask, MASK_CHARS) + tag(session, LAB_VERSION, mask);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Upper case, separators dropped, and the letters Crockford reads as digits (O → 0, I and L → 1). */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export type CodeCheck =
  | { readonly valid: true; readonly solved: readonly string[]; readonly total: number }
  | { readonly valid: false; readonly reason: string };

export function verifyCode(session: LabSession, code: string): CodeCheck {
  const raw = normalizeCode(code);
  if (raw.length !== CODE_LENGTH || [...raw].some((ch) => !ALPHABET.includes(ch))) {
    return { valid: false, reason: `not a completion code (expected ${CODE_LENGTH} characters such as 1003-F7Q3-M9DX)` };
  }
  const version = fromBase32(raw[0]!);
  if (version !== LAB_VERSION) return { valid: false, reason: `made by version ${version} of the lab; this page checks version ${LAB_VERSION}` };
  const mask = fromBase32(raw.slice(1, 1 + MASK_CHARS));
  if (mask >= 2 ** LAB_EXERCISES.length || raw.slice(1 + MASK_CHARS) !== tag(session, version, mask)) {
    return { valid: false, reason: 'does not match this lab seed and identifier' };
  }
  return { valid: true, solved: LAB_EXERCISES.filter((_, k) => Math.floor(mask / 2 ** k) % 2 === 1).map((e) => e.id), total: LAB_EXERCISES.length };
}
