/**
 * The only module that imports onnxruntime-web (worker side): where its files come from, threads,
 * WebGPU detection, sessions and their disposal. `onnxruntime-web/webgpu` is ORT's build with the
 * native WebGPU execution provider; the same build runs the WebAssembly CPU provider, so falling
 * back needs no second download.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { GraphBuilder } from '../math/onnx/graph.ts';
import { encodeModel } from '../math/onnx/encode.ts';
import { IR_VERSION, OPSET_VERSION, PRODUCER_NAME, PRODUCER_VERSION } from '../math/onnx/export.ts';
import type { Backend, OptimizationLevel } from './protocol.ts';

/** Minimal WebGPU types (TypeScript's DOM library has none yet). */
interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}
interface GpuAdapter {
  readonly info?: GpuAdapterInfo;
  readonly isFallbackAdapter?: boolean;
}
interface Gpu {
  requestAdapter(): Promise<GpuAdapter | null>;
}

/**
 * Where ORT finds ort-wasm-simd-threaded.asyncify.{mjs,wasm}: copied to `<base>ort/` by the build
 * (astro.config.mjs), served by the site itself in dev and in production.
 */
export function ortAssetsUrl(): string {
  const base = import.meta.env.BASE_URL;
  return new URL(`${base.endsWith('/') ? base : `${base}/`}ort/`, self.location.origin).href;
}

/** Must run before the first session: ORT reads these once, when it loads its WebAssembly. */
export function configureOrt(threads: number): void {
  ort.env.wasm.wasmPaths = ortAssetsUrl();
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false; // already in a worker
  ort.env.logLevel = 'error';
}

export interface WebGpuProbe {
  readonly available: boolean;
  /** Adapter description, or why there is none. */
  readonly detail: string;
  /** A fallback adapter: a GPU emulated on the CPU (SwiftShader), far slower than WebAssembly. */
  readonly software?: boolean;
  readonly adapter?: GpuAdapter;
}

/** navigator.gpu.requestAdapter(), in this worker; on success ORT is told to use that adapter. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (self.navigator as Navigator & { gpu?: Gpu }).gpu;
  if (!gpu) return { available: false, detail: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GpuAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { available: false, detail: `navigator.gpu.requestAdapter() failed: ${messageOf(error)}` };
  }
  if (!adapter) return { available: false, detail: 'WebGPU is present but no adapter is available (requestAdapter() returned null)' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter((s) => s && s.length).join(' ') || 'unnamed adapter';
  const software = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  return { available: true, software, adapter, detail: software ? `${name}, a software fallback adapter (a GPU emulated on the CPU)` : name };
}

/** Tells ORT to use the probed adapter (so the one described is the one used); before its first WebGPU session. */
export function useWebGpuAdapter(probe: WebGpuProbe): void {
  if (probe.adapter) (ort.env.webgpu as { adapter: unknown }).adapter = probe.adapter;
}

/** A one-node model (Relu), to start ONNX Runtime apart from any real session. */
function startupModel(): Uint8Array {
  const g = new GraphBuilder([{ name: 'x', dims: [1] }]);
  const y = g.node('Relu', 'relu', ['x']);
  const graph = g.build('startup', y, { name: 'y', dims: [1] });
  return encodeModel({ graph, opsetVersion: OPSET_VERSION, irVersion: IR_VERSION, producerName: PRODUCER_NAME, producerVersion: PRODUCER_VERSION });
}

/**
 * Starts ONNX Runtime on a backend: compiles its WebAssembly, spawns its threads, and on WebGPU
 * creates the device. Timed apart, so session times below measure the models alone. Throws when
 * the backend cannot start (the caller falls back from WebGPU here).
 */
export async function startRuntime(backend: Backend): Promise<number> {
  const start = performance.now();
  const session = await ort.InferenceSession.create(startupModel(), { executionProviders: [backend] });
  await session.release();
  return performance.now() - start;
}

export interface OpenSession {
  readonly sessionMs: number;
  /** One inference; returns a copy of the logits. */
  run(): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Creates a session (timed) bound to one input tensor. */
export async function openSession(
  model: Uint8Array,
  backend: Backend,
  optimization: OptimizationLevel,
  input: { data: Float32Array; shape: readonly number[] },
): Promise<OpenSession> {
  const start = performance.now();
  const session = await ort.InferenceSession.create(model, { executionProviders: [backend], graphOptimizationLevel: optimization });
  const sessionMs = performance.now() - start;
  const feeds = { input: new ort.Tensor('float32', input.data, [...input.shape]) };
  return {
    sessionMs,
    async run() {
      const result = await session.run(feeds);
      const logits = result['logits'];
      if (!logits) throw new Error('the model returned no "logits" output');
      const copy = new Float32Array(logits.data as Float32Array);
      logits.dispose();
      return copy;
    },
    release: () => session.release(),
  };
}

/**
 * Times the sessions in turns (A, B, C, A, B, C, ...) after `warmup` untimed turns, so a change
 * in background load during the measurement hits every graph alike. Each run is timed from the
 * call until the output is back in JavaScript (on WebGPU: including the GPU work and read-back).
 */
export async function timeInTurns(
  sessions: readonly OpenSession[],
  warmup: number,
  runs: number,
  onTurn: (done: number, total: number) => void,
): Promise<{ runsMs: number[][]; outputs: Float32Array[] }> {
  const runsMs = sessions.map(() => [] as number[]);
  const outputs: Float32Array[] = sessions.map(() => new Float32Array());
  for (let turn = 0; turn < warmup + runs; turn++) {
    for (const [i, session] of sessions.entries()) {
      const t0 = performance.now();
      outputs[i] = await session.run();
      const elapsed = performance.now() - t0;
      if (turn >= warmup) runsMs[i]!.push(elapsed);
    }
    onTurn(turn + 1, warmup + runs);
  }
  return { runsMs, outputs };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
