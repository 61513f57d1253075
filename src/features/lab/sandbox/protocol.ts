/** Messages between the page and the sandbox worker (plain, structured-cloneable data). */
import type { CaseOutcome } from '../../../lab/code/types';

export interface SandboxJob {
  readonly source: string;
  /** The function the source must define. */
  readonly fnName: string;
  /** Arguments of each case. */
  readonly cases: readonly (readonly unknown[])[];
}

export type SandboxMessage =
  /** The worker has the job; the time limit starts now. */
  | { readonly type: 'started' }
  /** The source was refused before running (it uses `import`). */
  | { readonly type: 'rejected'; readonly message: string }
  /** The source does not parse, throws at top level, or does not define the function. */
  | { readonly type: 'compile-error'; readonly message: string; readonly line?: number }
  | ({ readonly type: 'case' } & CaseOutcome)
  | { readonly type: 'done' };
