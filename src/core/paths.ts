import { type RepVGGSpec, planModel } from './family.ts';

/**
 * The paper's "ensemble" view (Sec. 3.2): unroll a stack of multi-branch blocks and every way of
 * picking one branch in each block is a path from input to output. A block with k branches
 * multiplies the number of paths by k, so n blocks of three branches give 3ⁿ paths, n residual
 * blocks (identity + one conv path) 2ⁿ, and a plain stack one.
 */
export function countPaths(branchesPerBlock: readonly number[]): bigint {
  let paths = 1n;
  for (const k of branchesPerBlock) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`a block needs a positive whole number of branches, got ${k}`);
    paths *= BigInt(k);
  }
  return paths;
}

/** Which extra branches the training-time blocks have; the 3×3 branch is always there. */
export interface BranchSet {
  readonly oneByOne: boolean;
  readonly identity: boolean;
}

export const ALL_BRANCHES: BranchSet = { oneByOne: true, identity: true };

/**
 * Branches in each block of a real RepVGG network: the 3×3, the 1×1 if kept, and the identity if
 * kept and possible (in == out channels, stride 1: not in the first block of a stage).
 */
export function repvggBranchCounts(spec: RepVGGSpec, branches: BranchSet = ALL_BRANCHES): number[] {
  return planModel(spec).map((layer) => 1 + (branches.oneByOne ? 1 : 0) + (branches.identity && layer.hasIdentity ? 1 : 0));
}

/** n blocks of k branches each. */
export function uniformBranchCounts(blocks: number, branches: number): number[] {
  if (!Number.isInteger(blocks) || blocks < 0) throw new RangeError(`blocks must be a whole number, got ${blocks}`);
  return new Array<number>(blocks).fill(branches);
}
