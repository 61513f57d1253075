/**
 * The only module that imports onnxruntime-web (worker side): which build, where its files come
 * from, threads, WebGPU detection, sessions and their disposal.
 *
 * Two builds, each loaded only when it is used (both copied to `<base>ort/` and precached):
 *  - 'wasm': the `onnxruntime-web/wasm` entry and ort-wasm-simd-threaded.wasm, the plain
 *    WebAssembly build. Every WebAssembly run uses it: it is about half the size of the WebGPU
 *    build and about twice as fast on the CPU (no asyncify instrumentation).
 *  - 'webgpu': the `onnxruntime-web/webgpu` entry and ort-wasm-simd-threaded.asyncify.wasm, with
 *    the native WebGPU execution provider; fetched only when a job will run on WebGPU.
 */
import type * as OrtModule from 'onnxruntime-web/wasm';
import { GraphBuilder } from '../io/onnx/graph.ts';
import { encodeModel } from '../io/onnx/encode.ts';
import { IR_VERSION, OPSET_VERSION, PRODUCER_NAME, PRODUCER_VERSION } from '../io/onnx/export.ts';
import type { WebGpuProbe } from './webgpu.ts';
import type { Backend, OptimizationLevel } from './protocol.ts';
import { siteUrl } from '../site/base-url';

/** Which ONNX Runtime Web build a job loaded. */
export type OrtBuild = 'wasm' | 'webgpu';

/** The WebAssembly binary (and its glue, the same name with .mjs) of each build. */
export const ORT_BUILD_FILES: Record<OrtBuild, string> = {
  wasm: 'ort-wasm-simd-threaded.wasm',
  webgpu: 'ort-wasm-simd-threaded.asyncify.wasm',
};

/** A runtime file could not be loaded or is not WebAssembly (offline before it was saved, a broken host). */
export class RuntimeLoadError extends Error {
  override name = 'RuntimeLoadError';
}

/**
 * Where ORT finds its files: copied to `<base>ort/` by the build (astro.config.mjs), served by the
 * site itself in dev and in production.
 */
export function ortAssetsUrl(): string {
  return new URL(siteUrl('ort/'), self.location.origin).href;
}

type Ort = typeof OrtModule;
let ort: Ort | undefined;
let loadedBuild: OrtBuild | undefined;

function current(): Ort {
  if (!ort) throw new Error('ONNX Runtime is not loaded yet (loadOrt first)');
  return ort;
}

/** The build loaded in this worker, if any. */
export function ortBuild(): OrtBuild | undefined {
  return loadedBuild;
}

/**
 * Loads one build's JavaScript and fetches its WebAssembly binary (checked: HTTP status and the
 * WebAssembly magic number), then configures it. Must run before the first session: ORT reads
 * these settings once, when it compiles its WebAssembly. A missing or broken file throws a
 * RuntimeLoadError that says which file and what to do, instead of leaving ORT to hang or fail
 * later with a message about something else.
 */
export async function loadOrt(build: OrtBuild, threads: number): Promise<void> {
  const file = ORT_BUILD_FILES[build];
  const url = `${ortAssetsUrl()}${file}`;
  let binary: ArrayBuffer;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    binary = await response.arrayBuffer();
  } catch (error) {
    throw new RuntimeLoadError(`${runtimeName(build)} (ort/${file}) could not be downloaded: ${messageOf(error)}`);
  }
  const magic = new Uint8Array(binary, 0, Math.min(4, binary.byteLength));
  if (magic.length < 4 || magic[0] !== 0 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) {
    throw new RuntimeLoadError(`${runtimeName(build)} (ort/${file}) is not a WebAssembly file (${binary.byteLength} bytes; the host sent something else)`);
  }
  let module: Ort;
  try {
    module = build === 'webgpu' ? ((await import('onnxruntime-web/webgpu')) as Ort) : await import('onnxruntime-web/wasm');
  } catch (error) {
    throw new RuntimeLoadError(`${runtimeName(build)}'s JavaScript could not be loaded: ${messageOf(error)}`);
  }
  module.env.wasm.wasmPaths = ortAssetsUrl();
  module.env.wasm.wasmBinary = binary;
  module.env.wasm.numThreads = threads;
  module.env.wasm.proxy = false; // already in a worker
  module.env.logLevel = 'error';
  ort = module;
  loadedBuild = build;
}

/** The build in words, with its file, for the run report. */
export function runtimeName(build: OrtBuild): string {
  return build === 'webgpu' ? "ONNX Runtime Web's WebGPU build" : "ONNX Runtime Web's WebAssembly build";
}

/** Tells ORT to use the probed adapter (so the one described is the one used); before its first WebGPU session. */
export function useWebGpuAdapter(probe: WebGpuProbe): void {
  if (probe.adapter) (current().env.webgpu as { adapter: unknown }).adapter = probe.adapter;
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
  const session = await current().InferenceSession.create(startupModel(), { executionProviders: [backend] });
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
  const ort = current();
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
