/** Names and colours of the quantization chapter's kernels and ways of storing W′, for its figures and readouts alike. */
import type { BranchName } from '../../core/branch-ablation';
import type { Scheme } from './model';

export const KERNEL_NAMES: Record<BranchName | 'merged', string> = {
  dense: 'Ŵ⁽³⁾ (3×3 branch)',
  oneByOne: 'pad(Ŵ⁽¹⁾) (1×1 branch)',
  identity: 'Ŵ⁽⁰⁾ (identity branch)',
  merged: 'W′ (their sum)',
};
export const BRANCH_LABELS: Record<BranchName, string> = { dense: '3×3 branch', oneByOne: '1×1 branch', identity: 'identity branch' };
export const MODE_LABELS: Record<Scheme, string> = { 'per-tensor': 'INT8, per-tensor scale', 'per-channel': 'INT8, per-channel scales', fp16: 'float16' };
export const MODE_COLORS: Record<Scheme, string> = { 'per-tensor': 'var(--accent)', 'per-channel': 'var(--link)', fp16: 'var(--fg-soft)' };
export const SHRUNK_COLOR = 'var(--accent)';
export const PLAIN_COLOR = 'var(--fg-soft)';
