/**
 * The parts of the code sandbox that do not need a worker, so the unit tests can run them:
 * refusing `import`, compiling the student's source, calling it case by case, and turning what it
 * returns into plain data. sandbox.worker.ts adds the lock-down of the worker's globals.
 */
import { transform } from 'sucrase';
import type { CaseOutcome } from '../../../lab/code/types';

/** `import` (static or dynamic `import()`) is the one way to load code that no global removes. */
export function importUse(source: string): string | null {
  const match = /\bimport\b/.exec(source);
  if (!match) return null;
  const line = source.slice(0, match.index).split('\n').length;
  return `The lab sandbox does not load modules: remove “import” (line ${line}). Write everything in this one editor.`;
}

/** The student's line of an error, from its stack, given where a probe error on body line 2 was reported. */
export function studentLine(error: unknown, probeLine: number | undefined): number | undefined {
  if (probeLine === undefined || !(error instanceof Error) || typeof error.stack !== 'string') return undefined;
  const reported = frameLine(error.stack);
  // Body line 1 is "use strict"; the student's line s is body line s + 1.
  return reported === undefined ? undefined : reported - probeLine + 1;
}

/** The line of the first frame in code made by the Function constructor (V8 and Firefox formats). */
function frameLine(stack: string): number | undefined {
  const match = /(?:<anonymous>|> Function|Function):(\d+):\d+/.exec(stack);
  return match ? Number(match[1]) : undefined;
}

const PRELUDE = '"use strict";\n';

/** Where the Function constructor reports body line 2 (engines add a header of their own). */
export function probeLine(FunctionCtor: FunctionConstructor): number | undefined {
  try {
    new FunctionCtor(`${PRELUDE}throw new Error('probe');`)();
  } catch (error) {
    return error instanceof Error && typeof error.stack === 'string' ? frameLine(error.stack) : undefined;
  }
  return undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`;
}

/**
 * The student's JavaScript or TypeScript as JavaScript: Sucrase removes the types and nothing
 * else (no type checking, no down-levelling), keeping every statement on its line so errors
 * still point at the student's own lines. Plain JavaScript comes back unchanged. A syntax error
 * is thrown as a SyntaxError whose message ends with "(line:column)".
 */
export function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (error) {
    throw new SyntaxError(error instanceof Error ? error.message.replace(/^Error transforming [^:]*: /, '') : String(error));
  }
}

/**
 * A factory that runs the student's source (strict mode) and returns their function. Compiling
 * does not run anything yet; calling the factory runs their top-level code.
 */
export function compile(source: string, fnName: string, FunctionCtor: FunctionConstructor): () => unknown {
  if (!/^[A-Za-z_$][\w$]*$/.test(fnName)) throw new RangeError(`bad function name ${fnName}`);
  return new FunctionCtor(`${PRELUDE}${stripTypes(source)}\n;return typeof ${fnName} === 'function' ? ${fnName} : undefined;`) as () => unknown;
}

const LIMIT = 200_000;

/**
 * What a student's function returned, as plain data that postMessage can always carry: typed
 * arrays become arrays, functions and other exotic values become a description. Bounded in size
 * so a huge or cyclic result cannot stall the page.
 */
export function toPlain(value: unknown): unknown {
  let budget = LIMIT;
  const seen = new Set<object>();
  const walk = (x: unknown, depth: number): unknown => {
    if (--budget < 0) return '[too large]';
    if (x === null || x === undefined || typeof x === 'number' || typeof x === 'boolean' || typeof x === 'string') return x;
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x === 'function') return '[function]';
    if (typeof x !== 'object') return `[${typeof x}]`;
    if (seen.has(x) || depth > 6) return '[nested too deep]';
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
      const view = x as unknown as ArrayLike<number | bigint>;
      budget -= view.length;
      return budget < 0 ? '[too large]' : Array.from(view, (v) => (typeof v === 'bigint' ? Number(v) : v));
    }
    seen.add(x);
    try {
      if (Array.isArray(x)) return x.slice(0, LIMIT).map((v) => walk(v, depth + 1));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(x).slice(0, 100)) out[key] = walk((x as Record<string, unknown>)[key], depth + 1);
      return out;
    } finally {
      seen.delete(x);
    }
  };
  return walk(value, 0);
}

/** Calls the function on each case in turn, reporting each as soon as it is done. */
export async function runCases(
  fn: (...args: unknown[]) => unknown,
  cases: readonly (readonly unknown[])[],
  report: (outcome: CaseOutcome) => void,
  probe: number | undefined,
): Promise<void> {
  for (let index = 0; index < cases.length; index++) {
    try {
      // Each case gets its own copy, so a function that writes into its input cannot spoil the next.
      const args = structuredClone(cases[index]!) as unknown[];
      let value = fn(...args);
      if (value instanceof Promise) value = await value;
      report({ index, ok: true, value: toPlain(value) });
    } catch (error) {
      const line = studentLine(error, probe);
      report(line === undefined ? { index, ok: false, error: errorMessage(error) } : { index, ok: false, error: errorMessage(error), line });
    }
  }
}
