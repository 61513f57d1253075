/**
 * The tile walkthrough's choices and words, without the DOM: the default tile and kernel, what a
 * link may hold and what the URL keeps, which step a key moves to, and the lines the widget prints.
 */
import { createRng } from '../../core/random';
import type { WinogradAlgorithm } from '../../core/winograd/matrices';
import { formatError } from '../../ui/viz/format';
import type { StageName, TileWalkthrough } from './tile-steps';

/** Small integers from a seed, so the default tile can be checked by hand. */
export function integers(seed: number, n: number, max: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.floor(rng.uniform() * (2 * max + 1)) - max);
}

/** The default tile d (alpha × alpha) and kernel g (3 × 3) of an algorithm. */
export const defaultTile = (alg: WinogradAlgorithm): { d: number[]; g: number[] } => ({ d: integers(2021, alg.alpha ** 2, 3), g: integers(2016, 9, 2) });

/**
 * A random tile and kernel from one seed (the "New random tile" button), any seed in [0, 2³²).
 * The kernel's seed is kept unsigned: `^` gives a signed 32-bit integer, which createRng refuses.
 */
export const randomTile = (alg: WinogradAlgorithm, seed: number): { d: number[]; g: number[] } => ({
  d: integers(seed, alg.alpha ** 2, 3),
  g: integers((seed ^ 0x9e3779b9) >>> 0, 9, 2),
});

/** A comma-separated list of exactly n finite numbers from the URL, or null. */
export function parseList(raw: string | null, n: number): number[] | null {
  if (!raw) return null;
  const values = raw.split(',').map(Number);
  return values.length === n && values.every(Number.isFinite) ? values : null;
}

/** What the URL keeps under `tile.`: only what differs from the defaults. */
export function tileQuery(algId: 'F2' | 'F4', alg: WinogradAlgorithm, d: readonly number[], g: readonly number[]): Record<'alg' | 'd' | 'g', string | null> {
  const dft = defaultTile(alg);
  return {
    alg: algId === 'F2' ? null : algId,
    d: d.join(',') === dft.d.join(',') ? null : d.join(','),
    g: g.join(',') === dft.g.join(',') ? null : g.join(','),
  };
}

export const STAGE_CAPTIONS: Record<StageName, string> = {
  V: 'V = Bᵀ d B (transformed tile)',
  U: 'U = G g Gᵀ (transformed kernel)',
  M: 'M = U ⊙ V (products)',
  Y: 'Y = Aᵀ M A (Winograd output)',
  direct: 'Direct convolution output',
};

/** A step index kept within the walkthrough. */
export const clampStep = (count: number, index: number): number => Math.min(count - 1, Math.max(0, index));

/** The step a key on the stepper moves to (←/→/Home/End), or undefined for any other key. */
export function keyStep(key: string, step: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowLeft':
      return step - 1;
    case 'ArrowRight':
      return step + 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** The Play button's label when it is not playing: a reader who asks for less motion gets the last step at once. */
export const playLabel = (reducedMotion: boolean): string => (reducedMotion ? 'Show the last step' : 'Play all steps');

/** "Step 4 of 9: …". */
export const stepTitle = (walk: TileWalkthrough, step: number): string => `Step ${step + 1} of ${walk.steps.length}: ${walk.steps[step]!.title}`;

/** Whether Winograd's outputs equal direct convolution's, to float64 rounding. */
export const outputsEqual = (walk: TileWalkthrough): boolean => walk.maxDifference <= 1e-9 * Math.max(1, ...Array.from(walk.direct.Y, Math.abs));

/** The last step's verdict: a headline and the line after it. */
export function tileVerdict(walk: TileWalkthrough, muls: { winograd: number; direct: number }): { equal: boolean; headline: string; detail: string } {
  const equal = outputsEqual(walk);
  return {
    equal,
    headline: equal ? 'Same outputs.' : 'Different outputs!',
    detail: ` max |Y − direct| = ${formatError(walk.maxDifference)}${walk.maxDifference === 0 ? ' (exact)' : ' (float64 rounding)'}, with ${muls.winograd} multiplications instead of ${muls.direct}.`,
  };
}
