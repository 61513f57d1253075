/**
 * The benchmark's settings and their place in the URL (`bench.models=tiny,A0&bench.backends=wasm
 * &bench.runs=10&bench.warmup=2&bench.threads=auto`), so a link reproduces a run's setup.
 * Anything unknown or out of range falls back to the default.
 */
import { MODEL_IDS } from '../../core/catalog';
import { MAX_THREADS } from '../../runtime/threads';

export type BenchBackend = 'webgpu' | 'wasm';
export const BENCH_BACKENDS: readonly BenchBackend[] = ['webgpu', 'wasm'];
export const BACKEND_NAME = { webgpu: 'WebGPU', wasm: 'WebAssembly' } as const;

export interface BenchSettings {
  /** Model ids in MODEL_IDS order (the order they are run and shown). */
  readonly models: readonly string[];
  readonly backends: readonly BenchBackend[];
  readonly threads: 'auto' | number;
  readonly warmup: number;
  readonly runs: number;
}

export const LIMITS = { warmup: [0, 20], runs: [1, 200] } as const;
export const DEFAULT_MODELS: readonly string[] = ['A0', 'tiny'];

/** The defaults: WebGPU is included only where the page found a hardware adapter. */
export function defaultSettings(webgpu: boolean): BenchSettings {
  return { models: orderModels(DEFAULT_MODELS), backends: webgpu ? ['webgpu', 'wasm'] : ['wasm'], threads: 'auto', warmup: 2, runs: 10 };
}

function orderModels(ids: readonly string[]): string[] {
  return MODEL_IDS.filter((id) => ids.includes(id));
}

function list<T extends string>(raw: string | null, allowed: readonly T[]): T[] | undefined {
  if (raw === null) return undefined;
  const picked = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is T => (allowed as readonly string[]).includes(s));
  return picked.length > 0 ? allowed.filter((a) => picked.includes(a)) : undefined;
}

function integer(raw: string | null, [min, max]: readonly [number, number]): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

export function readSettings(params: URLSearchParams, fallback: BenchSettings): BenchSettings {
  const get = (key: string) => params.get(`bench.${key}`);
  const threadsRaw = get('threads');
  const threads = threadsRaw === 'auto' ? 'auto' : (integer(threadsRaw, [1, MAX_THREADS]) ?? fallback.threads);
  return {
    models: list(get('models'), MODEL_IDS) ?? fallback.models,
    backends: list(get('backends'), BENCH_BACKENDS) ?? fallback.backends,
    threads,
    warmup: integer(get('warmup'), LIMITS.warmup) ?? fallback.warmup,
    runs: integer(get('runs'), LIMITS.runs) ?? fallback.runs,
  };
}

/** The values to write under the `bench.` prefix (UrlState.set). */
export function settingsQuery(s: BenchSettings): Record<string, string> {
  return { models: s.models.join(','), backends: s.backends.join(','), threads: String(s.threads), warmup: String(s.warmup), runs: String(s.runs) };
}

/** Every (model, backend) job of a run, model by model so one model's backends run close in time. */
export function jobsOf(s: BenchSettings): { model: string; backend: BenchBackend }[] {
  return orderModels(s.models).flatMap((model) => s.backends.map((backend) => ({ model, backend })));
}
