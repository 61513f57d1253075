/**
 * The "ensemble of paths" numbers of chapter 4, without any DOM: paths through n blocks with 3, 2
 * or 1 branches each, and through the real RepVGG-A and -B stacks, whose first block in every stage
 * has no identity branch.
 */
import { getVariant } from '../../../core/family';
import { type BranchSet, countPaths, repvggBranchCounts, uniformBranchCounts } from '../../../core/paths';
import { superscript } from '../../../ui/viz/format';

export const MAX_DEPTH = 28;

export interface DepthRow {
  readonly n: number;
  readonly three: bigint;
  readonly two: bigint;
}

/** 3ⁿ and 2ⁿ for n = 1 … MAX_DEPTH. */
export function depthRows(): DepthRow[] {
  return Array.from({ length: MAX_DEPTH }, (_, i) => ({
    n: i + 1,
    three: countPaths(uniformBranchCounts(i + 1, 3)),
    two: countPaths(uniformBranchCounts(i + 1, 2)),
  }));
}

export const ABLATIONS: readonly { name: string; branches: BranchSet }[] = [
  { name: '3×3 only', branches: { oneByOne: false, identity: false } },
  { name: '3×3 + 1×1', branches: { oneByOne: true, identity: false } },
  { name: '3×3 + identity', branches: { oneByOne: false, identity: true } },
  { name: 'all three', branches: { oneByOne: true, identity: true } },
];

export interface NetworkPaths {
  readonly name: string;
  readonly layers: number;
  /** Per ablation: the exact count and how many blocks had 3 and 2 branches. */
  readonly counts: readonly { paths: bigint; threes: number; twos: number }[];
}

/** RepVGG-A (22 layers) and -B (28 layers): depth and identity placement do not depend on width. */
export function networkPaths(): NetworkPaths[] {
  return [
    { name: 'RepVGG-A', variant: 'A0' },
    { name: 'RepVGG-B', variant: 'B0' },
  ].map(({ name, variant }) => {
    const spec = getVariant(variant);
    const counts = ABLATIONS.map(({ branches }) => {
      const perBlock = repvggBranchCounts(spec, branches);
      return { paths: countPaths(perBlock), threes: perBlock.filter((k) => k === 3).length, twos: perBlock.filter((k) => k === 2).length };
    });
    return { name, layers: repvggBranchCounts(spec).length, counts };
  });
}

/** "3¹⁷ · 2⁵", "2²⁸", or "1" for a count made of threes and twos. */
export function powerForm(threes: number, twos: number): string {
  const parts = [...(threes ? [`3${superscript(threes)}`] : []), ...(twos ? [`2${superscript(twos)}`] : [])];
  return parts.length ? parts.join(' · ') : '1';
}
