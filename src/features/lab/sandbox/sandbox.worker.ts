/**
 * The code sandbox: one worker per run, started by run-sandbox.ts and terminated after it (or at
 * its time limit). It receives one job, locks its own global scope down (lockdown.ts says what
 * that does and does not guarantee), compiles and runs the student's source, and reports each
 * case's returned value. It never judges: the page compares the values with the reference.
 */
import { compile, errorMessage, importUse, probeLine, runCases, studentLine } from './core';
import { BLOCKED_GLOBALS, disableCodeGeneration, removeGlobals } from './lockdown';
import type { SandboxJob, SandboxMessage } from './protocol';

// The worker's global scope (typed with the DOM's Window: the project does not load the WebWorker lib).
const scope = self as unknown as Window & Record<string, unknown>;
// Taken before the student's code could replace them.
const post = (self as unknown as Worker).postMessage.bind(self) as (message: SandboxMessage) => void;
const FunctionCtor = Function;

// An error thrown later (in a timer callback, say) must not surface as an uncaught error.
scope.addEventListener('error', (event: ErrorEvent) => event.preventDefault());
scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => event.preventDefault());

scope.addEventListener(
  'message',
  (event: MessageEvent<SandboxJob>) => {
    void run(event.data);
  },
  { once: true },
);

async function run(job: SandboxJob): Promise<void> {
  post({ type: 'started' });
  const refused = importUse(job.source);
  if (refused) return post({ type: 'rejected', message: refused });
  // Also the channel to the page: the student's code only returns values, the harness posts them.
  removeGlobals(scope, [...BLOCKED_GLOBALS, 'postMessage']);
  const probe = probeLine(FunctionCtor);
  let factory: () => unknown;
  try {
    factory = compile(job.source, job.fnName, FunctionCtor);
  } catch (error) {
    return post({ type: 'compile-error', message: `Your code does not parse: ${errorMessage(error)}.` });
  }
  disableCodeGeneration(scope);
  let fn: unknown;
  try {
    fn = factory();
  } catch (error) {
    const line = studentLine(error, probe);
    const message = `Your code threw before any test ran: ${errorMessage(error)}`;
    return post(line === undefined ? { type: 'compile-error', message } : { type: 'compile-error', message, line });
  }
  if (typeof fn !== 'function') return post({ type: 'compile-error', message: `Your code does not define a function named ${job.fnName}.` });
  await runCases(fn as (...args: unknown[]) => unknown, job.cases, (outcome) => post({ type: 'case', ...outcome }), probe);
  post({ type: 'done' });
}
