/**
 * How many WebAssembly threads to ask ONNX Runtime for, and why.
 *
 * ORT's default is half the logical cores, at most 4: one thread on a 2-core laptop. While a run
 * is going, the page's main thread only draws a progress bar, so the page asks for every logical
 * core, at most 4. Measured with `npm run bench:infer` on an otherwise idle 2-core machine: with
 * 2 threads the deploy graphs of A0, B0 and B1g2 ran 1.40×, 1.49× and 1.44× faster than with 1.
 * The same machine oversubscribed by other jobs (load average 8–12) reversed it: ORT's threads
 * spin while they wait, and 2 threads were slower and erratic. So the choice is shown with its
 * reason, and the reader can pick the count.
 */
export interface ThreadChoice {
  readonly threads: number;
  readonly reason: string;
  /** What ORT would pick by itself. */
  readonly ortDefault: number;
}

/** ORT Web's default: Math.min(4, Math.ceil(cores / 2)), or 1 without isolation. */
export function ortDefaultThreads(cores: number, isolated: boolean): number {
  return isolated ? Math.min(4, Math.ceil(Math.max(1, cores) / 2)) : 1;
}

/** The most threads offered (ORT caps its own default at 4 too; one image has only so much parallel work). */
export const MAX_THREADS = 4;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function chooseThreads(cores: number, isolated: boolean, requested: number | 'auto'): ThreadChoice {
  const ortDefault = ortDefaultThreads(cores, isolated);
  if (!isolated) {
    return {
      threads: 1,
      ortDefault,
      reason: 'one thread: this page is not cross-origin isolated, so SharedArrayBuffer (which WebAssembly threads need) is unavailable',
    };
  }
  if (requested !== 'auto') {
    const threads = Math.max(1, Math.min(MAX_THREADS, Math.round(requested)));
    return { threads, ortDefault, reason: `${plural(threads, 'thread')}, as you chose (this device reports ${plural(cores, 'logical core')})` };
  }
  const threads = Math.max(1, Math.min(MAX_THREADS, cores));
  return {
    threads,
    ortDefault,
    reason:
      `${plural(threads, 'thread')}, one per logical core${cores > MAX_THREADS ? ` up to ${MAX_THREADS}` : ''}: during a run the page itself only draws a progress bar, ` +
      `so ONNX Runtime can have every core; its own default would be ${ortDefault} (half the cores). ` +
      'If other programs keep this machine busy, fewer threads can be faster: try the WebAssembly threads menu',
  };
}
