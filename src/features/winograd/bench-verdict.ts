/**
 * What a benchmark result says, in words: whether the outputs agree, and how much of the counted
 * 2.25× survived. Kept honest: a slower or partial result is reported as such, with the reason
 * that the counts cannot see (memory traffic, transforms, extra passes).
 */
import type { BenchResult } from '../../perf/cpu-bench';
import { formatError } from '../../ui/viz/format';

/** Outputs closer than this (relative) are the same up to float32 rounding of different sums. */
export const AGREEMENT_TOLERANCE = 1e-4;

export function verdict(r: BenchResult): string {
  const agree =
    r.agreement.betweenKernels < AGREEMENT_TOLERANCE
      ? `The two outputs agree to float32 rounding (max rel. diff ${formatError(r.agreement.betweenKernels)}).`
      : `The two outputs DISAGREE (max rel. diff ${formatError(r.agreement.betweenKernels)}): that is a bug, and the timing means nothing.`;
  const share = Math.round((100 * (r.speedup - 1)) / (r.theoretical - 1));
  if (r.speedup < 1) {
    return `${agree} Winograd is slower here (${r.speedup.toFixed(2)}×): multiplications are not what limits this runtime, and the extra memory traffic and passes cost more than the ${r.theoretical.toFixed(2)}× fewer multiplications save.`;
  }
  if (r.speedup < 0.9 * r.theoretical) {
    return `${agree} Winograd is ${r.speedup.toFixed(2)}× faster, ${share}% of the way to the counted ${r.theoretical.toFixed(2)}×: memory traffic, the transforms and the extra passes eat the rest of the saving.`;
  }
  if (r.speedup <= 1.1 * r.theoretical) return `${agree} The measured ${r.speedup.toFixed(2)}× is close to the counted ${r.theoretical.toFixed(2)}×.`;
  return `${agree} The measured ${r.speedup.toFixed(2)}× beats the counted ${r.theoretical.toFixed(2)}×: the two kernels also differ in how well they use this hardware, not only in multiplications.`;
}
