/** Number formatting shared by every figure: fixed digits for kernel entries, exponents for tiny values. */

/** A kernel entry or activation: fixed digits, a true minus sign. */
export function formatValue(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const s = Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 10 ** -digits) ? x.toExponential(1) : x.toFixed(digits);
  return s.replace(/^-/, '−');
}

/** A difference or error: always scientific, so 2.4e-7 and 3.1e-2 read at a glance. */
export function formatError(x: number, digits = 1): string {
  if (x === 0) return '0';
  return x.toExponential(digits).replace(/^-/, '−').replace('e-', 'e−');
}

/** Integers with narrow no-break spaces as thousands separators (123 456 789): never split across lines. */
export function formatCount(n: number | bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 17 → "¹⁷", −3 → "⁻³". */
export function superscript(n: number): string {
  return String(n)
    .replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPTS[Number(d)]!);
}

/** A log axis's tick as 10⁻³ rather than an SI prefix; ticks between powers of ten stay unlabelled. */
export function powerOfTen(v: number): string {
  const k = Math.log10(v);
  return Math.abs(k - Math.round(k)) > 1e-9 ? '' : `10${superscript(Math.round(k))}`;
}
