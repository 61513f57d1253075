/**
 * Runs a student's function in a fresh sandbox worker with a time limit, from the page. The clock
 * starts when the worker has the job (so a slow worker start is not charged to the student's
 * code); at the limit the worker is terminated, which stops even `while (true) {}`. The page
 * never runs the student's code itself, so it never freezes.
 */
import type { CaseOutcome } from '../../../lab/code/types';
import type { SandboxJob, SandboxMessage } from './protocol';

export type SandboxOutcome =
  | { readonly kind: 'finished'; readonly cases: readonly CaseOutcome[] }
  | { readonly kind: 'timeout'; readonly cases: readonly CaseOutcome[]; readonly limitMs: number }
  | { readonly kind: 'compile-error' | 'rejected' | 'crashed'; readonly message: string; readonly line?: number };

/** Time for the student's code: every case together. Correct solutions take a few milliseconds. */
export const TIME_LIMIT_MS = 2000;
/** Time for the worker itself to load and answer. */
const START_LIMIT_MS = 20_000;

export interface SandboxRun {
  readonly done: Promise<SandboxOutcome>;
  cancel(): void;
}

export function runInSandbox(job: SandboxJob, onCase?: (outcome: CaseOutcome) => void, limitMs = TIME_LIMIT_MS): SandboxRun {
  const worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module', name: 'lab-sandbox' });
  const cases: CaseOutcome[] = [];
  let timer = 0;
  let settle: (outcome: SandboxOutcome) => void = () => {};
  const done = new Promise<SandboxOutcome>((resolve) => {
    settle = (outcome) => {
      clearTimeout(timer);
      worker.terminate();
      settle = () => {};
      resolve(outcome);
    };
  });
  timer = window.setTimeout(() => settle({ kind: 'crashed', message: 'The sandbox did not start. Reload the page and try again.' }), START_LIMIT_MS);
  worker.addEventListener('message', (event: MessageEvent<SandboxMessage>) => {
    const message = event.data;
    switch (message.type) {
      case 'started':
        clearTimeout(timer);
        timer = window.setTimeout(() => settle({ kind: 'timeout', cases, limitMs }), limitMs);
        break;
      case 'case': {
        const { type: _type, ...outcome } = message;
        cases.push(outcome);
        onCase?.(outcome);
        break;
      }
      case 'done':
        settle({ kind: 'finished', cases });
        break;
      default:
        settle(
          message.type === 'compile-error' && message.line !== undefined
            ? { kind: message.type, message: message.message, line: message.line }
            : { kind: message.type, message: message.message },
        );
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    settle({ kind: 'crashed', message: `The sandbox failed: ${event.message || 'the worker could not start'}.` });
  });
  worker.postMessage(job);
  return { done, cancel: () => settle({ kind: 'crashed', message: 'Stopped.' }) };
}
