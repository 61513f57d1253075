/**
 * How many WebAssembly threads to ask ONNX Runtime for, and why.
 *
 * ORT's thread pool spin-waits between operators, so a pool as large as the machine fights the
 * browser's own threads (the page, the compositor, the GPU process) for the cores. On the 2-core
 * machine this project is tested on, 2 threads ran A0 slower and far less steadily than 1
 * (`npm run bench:infer` measures it). The page therefore leaves one core to the browser: all
 * logical cores but one, at least 1 and at most 4 (ORT's own cap). ORT's default is half the
 * cores, at most 4; the two agree on 2 and 8+ cores, and differ on 4–6 where one more thread helps.
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

/** The most threads offered; ORT's pool caps its own default at 4 too. */
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
  const threads = Math.max(1, Math.min(MAX_THREADS, cores - 1));
  return {
    threads,
    ortDefault,
    reason:
      `${plural(threads, 'thread')}: every logical core but one (${cores} reported${cores - 1 > MAX_THREADS ? `, at most ${MAX_THREADS}` : ''}), ` +
      `because ONNX Runtime's threads spin while they wait and a pool as large as the machine competes with the browser's own threads; ` +
      `ONNX Runtime's default would be ${ortDefault} (half the cores)`,
  };
}
