/** Main-thread tasks of a Chromium page from a performance trace; shared by the e2e suite and bench:infer. */
export interface MainThreadTask {
  /** Wall-clock duration, ms. */
  readonly wallMs: number;
  /** CPU time the renderer's main thread spent in it, ms. */
  readonly cpuMs: number;
}

/**
 * The page's main-thread tasks from a Chromium trace (category 'toplevel'): wall-clock and CPU
 * time of each. On a machine with more runnable threads than cores, a task's wall-clock time can
 * be many times its CPU time; the CPU time is what the page itself costs.
 */
export function mainThreadTasks(trace: Buffer | string): MainThreadTask[] {
  type Event = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: Event[] } | Event[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}
