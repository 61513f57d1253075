/**
 * What the sandbox worker removes from its own global scope before a student's code runs.
 *
 * Guarantees, together with the worker and the page:
 * - No network from the student's code: fetch, XMLHttpRequest, WebSocket, EventSource,
 *   WebTransport and importScripts are gone (so are nested workers, BroadcastChannel, IndexedDB
 *   and the Cache API, which could reach other pages of the site); `import` is refused before
 *   compiling; and eval, the Function constructors and string timers are disabled after compiling,
 *   so no new source text (with an `import()` in it, say) can be made at run time.
 * - No freezing: the code runs in a worker, the page terminates it after its time limit.
 * - No access to the page: a worker has no DOM, no localStorage, no cookies.
 * - An honest verdict: the worker only returns values (the student's code cannot reach postMessage,
 *   which the worker removes too); the page compares them with the reference.
 * The page's Cross-Origin-Embedder-Policy (require-corp) also blocks loading anything from another
 * origin that has not opted in, from the page and its workers.
 *
 * Not guaranteed: this is defence in depth against accidents and curious pasting, not a security
 * boundary against a determined attacker. The worker runs on the site's origin, the code is the
 * student's own and runs in their own browser; an engine bug or an overlooked API could be a way
 * out. Nothing secret lives on this origin to protect.
 */

/** Globals that reach the network, other contexts of the origin, or load code. */
export const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'indexedDB',
  'caches',
] as const;

/** Deletes each name along the prototype chain, then pins it to undefined on the scope itself. */
export function removeGlobals(scope: object, names: readonly string[] = BLOCKED_GLOBALS): void {
  for (const name of names) {
    for (let target: object | null = scope; target !== null; target = Object.getPrototypeOf(target)) {
      if (Object.hasOwn(target, name)) Reflect.deleteProperty(target, name);
    }
    Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false, enumerable: false });
  }
}

function blocked(): never {
  throw new EvalError('making code from text (eval, Function, string timers) is disabled in the lab sandbox');
}

/**
 * Disables every way of compiling text at run time, in this realm: eval, Function and its async
 * and generator siblings (also reached as `(() => {}).constructor`), and setTimeout/setInterval
 * with a string. Call only after the student's source has been compiled.
 */
export function disableCodeGeneration(scope: Record<string, unknown>): void {
  const constructors = [
    Function,
    Object.getPrototypeOf(async () => {}).constructor,
    Object.getPrototypeOf(function* () {}).constructor,
    Object.getPrototypeOf(async function* () {}).constructor,
  ] as { prototype: object }[];
  for (const ctor of constructors) Object.defineProperty(ctor.prototype, 'constructor', { value: blocked, writable: false, configurable: false });
  blocked.prototype = Function.prototype; // `f instanceof Function` still works
  for (const name of ['eval', 'Function'])
    Object.defineProperty(scope, name, { value: name === 'eval' ? undefined : blocked, writable: false, configurable: false });
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const timer = scope[name] as (handler: unknown, ...rest: unknown[]) => number;
    Object.defineProperty(scope, name, {
      value: (handler: unknown, ...rest: unknown[]) => (typeof handler === 'function' ? timer.call(scope, handler, ...rest) : blocked()),
      writable: false,
      configurable: false,
    });
  }
}
