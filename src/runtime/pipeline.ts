/**
 * The jobs the worker does, step by step: build the training-time weights, open sessions on the
 * training-time graph (ONNX Runtime optimizations disabled, and its default), re-parameterize
 * with src/core, open a session on the deploy graph, time the three in turns, compare outputs.
 * Also the export job behind the download buttons.
 *
 * Memory: the largest model (B3) is ~0.5 GB of weights. JavaScript holds at most one form's
 * weights plus one ONNX file (or, while converting, both forms' weights); each reference is
 * dropped as soon as ONNX Runtime has its own copy.
 */
import { type DeployModelWeights, type TrainModelWeights, convertModel, createRng, createTrainWeights } from '../core/index.ts';
import { type OnnxModel, deployOnnxModel, encodeModel, encodeParts, trainOnnxModel } from '../io/onnx/index.ts';
import { type WebGpuProbe, probeWebGpu } from './webgpu.ts';
import { median } from '../core/stats.ts';
import { compareLogits, topK } from './compare.ts';
import { findModel, inputSeed } from '../core/catalog.ts';
import {
  ORT_BUILD_FILES,
  type OpenSession,
  type OrtBuild,
  loadOrt,
  messageOf,
  openSession,
  startRuntime,
  timeInTurns,
  useWebGpuAdapter,
} from './ort-backend.ts';
import type {
  BackendChoice,
  BackendInfo,
  CheckpointSummary,
  FirstAnswer,
  ExportRequest,
  JobStep,
  OptimizationLevel,
  RunRequest,
  RunResult,
  RunStep,
  SessionTiming,
} from './protocol.ts';

/** A bad request (unknown model, bad seed): the reader's input, not a failure of the device. */
export class InputError extends Error {
  override name = 'InputError';
}

/** WebGPU was in use and failed; the message says what to try. */
export class WebGpuError extends Error {
  override name = 'WebGpuError';
}

export interface Reporter {
  progress(step: JobStep, done: number, total: number): void;
  backend(info: BackendInfo): void;
  /** What a checkpoint turned out to be, as soon as its headers are read (classify jobs). */
  checkpoint(summary: CheckpointSummary): void;
  /** The deploy network's first answer (run jobs), before the comparisons and timings. */
  first(answer: FirstAnswer): void;
}

function resolve(model: string, seed: number) {
  const spec = findModel(model);
  if (!spec) throw new InputError(`unknown model "${model}"`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new InputError(`the seed must be a whole number from 0 to 4294967295, got ${seed}`);
  return spec;
}

/** What every inference job asks for: a backend (or Auto) and a thread count. */
export interface BackendRequest {
  readonly backend: BackendChoice;
  readonly threads: number;
}

type Chosen = Omit<BackendInfo, 'build' | 'runtimeFile'> & { probe?: WebGpuProbe };

async function chooseBackend(request: BackendRequest): Promise<Chosen> {
  const isolated = self.crossOriginIsolated;
  const base = { threads: request.threads, crossOriginIsolated: isolated };
  if (request.backend === 'wasm') return { ...base, backend: 'wasm', fellBack: false, reason: 'WebAssembly, as you chose' };
  const probe = await probeWebGpu();
  if (probe.kind === 'software' && request.backend === 'auto') {
    // An emulated GPU runs the same convolutions on the CPU with far more overhead than
    // WebAssembly (minutes instead of a fraction of a second for A0), so Auto skips it.
    return {
      ...base,
      backend: 'wasm',
      fellBack: true,
      adapter: probe.detail,
      reason: `WebAssembly instead of WebGPU: the only adapter is ${probe.detail}, a GPU emulated on the CPU and much slower than WebAssembly on the same CPU; choose WebGPU to use it anyway`,
    };
  }
  if (probe.kind !== 'none') {
    const why = request.backend === 'webgpu' ? 'as you chose' : 'found first, so it is used';
    return { ...base, backend: 'webgpu', fellBack: false, adapter: probe.detail, probe, reason: `WebGPU ${why}: ${probe.detail}` };
  }
  return { ...base, backend: 'wasm', fellBack: true, reason: `WebAssembly instead of WebGPU: ${probe.detail}` };
}

const withBuild = (info: Omit<BackendInfo, 'build' | 'runtimeFile'>, build: OrtBuild): BackendInfo => ({ ...info, build, runtimeFile: ORT_BUILD_FILES[build] });

/**
 * The file and its operator count. The OnnxModel holds the weight arrays themselves, so it must
 * not outlive this call: otherwise dropping the weights later would free nothing.
 */
export function encodeForm(model: OnnxModel): { bytes: Uint8Array; nodes: number } {
  return { bytes: encodeModel(model), nodes: model.graph.node.length };
}

export interface StartedBackend {
  readonly backend: BackendInfo;
  readonly runtimeMs: number;
  /** True when ONNX Runtime was started before the job asked (warmUp), so the job skipped that step. */
  readonly warmStart: boolean;
}

/**
 * Picks the backend, loads the one ONNX Runtime build it needs (the plain WebAssembly build for
 * WebAssembly, the WebGPU build only for WebGPU) and starts it, timed apart from any model. When
 * the WebGPU build cannot be loaded or started, falls back to the WebAssembly build in the same
 * tab and says why.
 */
async function coldStart(request: BackendRequest): Promise<{ backend: BackendInfo; runtimeMs: number }> {
  const { probe, ...chosen } = await chooseBackend(request);
  if (chosen.backend === 'webgpu') {
    const t0 = performance.now();
    try {
      await loadOrt('webgpu', request.threads);
      if (probe) useWebGpuAdapter(probe);
      await startRuntime('webgpu');
      return { backend: withBuild(chosen, 'webgpu'), runtimeMs: performance.now() - t0 };
    } catch (error) {
      // WebGPU found but its build would not load or start (file, driver, limits): fall back now,
      // without a reload, to the WebAssembly build, and say why.
      const fallback = {
        ...chosen,
        backend: 'wasm' as const,
        fellBack: true,
        reason: `WebAssembly instead of WebGPU: ONNX Runtime could not start on WebGPU (${messageOf(error)}), so its WebAssembly build ran instead, in this tab`,
      };
      const t1 = performance.now();
      await loadOrt('wasm', request.threads);
      await startRuntime('wasm');
      return { backend: withBuild(fallback, 'wasm'), runtimeMs: performance.now() - t1 };
    }
  }
  const t0 = performance.now();
  await loadOrt('wasm', request.threads);
  await startRuntime('wasm');
  return { backend: withBuild(chosen, 'wasm'), runtimeMs: performance.now() - t0 };
}

const requestKey = (request: BackendRequest) => `${request.backend}/${request.threads}`;
/** ONNX Runtime started ahead of a job in this worker (warmUp), for the request it was started for. */
let warm: { key: string; started: Promise<{ backend: BackendInfo; runtimeMs: number }> } | undefined;

/**
 * Starts ONNX Runtime before any job asks (the page does this while it is idle): a job that then
 * asks for the same backend and threads in this worker skips the start. Resolves with what started.
 */
export function warmUp(request: BackendRequest): Promise<{ backend: BackendInfo; runtimeMs: number }> {
  if (warm?.key !== requestKey(request)) warm = { key: requestKey(request), started: coldStart(request) };
  return warm.started;
}

/**
 * ONNX Runtime for a job: the one warmUp started, when it matches the request and started, or a
 * fresh start. Reports the backend and the 'runtime' step (at once when warm).
 */
export async function startBackend(request: BackendRequest, report: Reporter): Promise<StartedBackend> {
  let started: { backend: BackendInfo; runtimeMs: number } | undefined;
  let warmStart = false;
  if (warm?.key === requestKey(request)) {
    try {
      started = await warm.started;
      warmStart = true;
    } catch {
      warm = undefined; // a failed warm start is tried again, and its error reported, below
    }
  }
  if (!started) {
    report.progress('runtime', 0, 1);
    started = await coldStart(request);
  }
  report.backend(started.backend);
  report.progress('runtime', 1, 1);
  return { ...started, warmStart };
}

/** A session on `backend`; a WebGPU failure becomes a WebGpuError that says what to try. */
export async function openOn(
  backend: BackendInfo,
  bytes: Uint8Array,
  optimization: OptimizationLevel,
  input: { data: Float32Array; shape: readonly number[] },
  what: string,
): Promise<OpenSession> {
  try {
    return await openSession(bytes, backend.backend, optimization, input);
  } catch (error) {
    if (backend.backend === 'webgpu') throw new WebGpuError(`WebGPU failed on the ${what}: ${messageOf(error)}. Choose WebAssembly and run again.`);
    throw error;
  }
}

export async function runJob(request: RunRequest, report: Reporter): Promise<RunResult> {
  const spec = resolve(request.model, request.seed);
  const { backend, runtimeMs, warmStart } = await startBackend(request, report);

  const t0 = performance.now();
  let weights: TrainModelWeights | null = createTrainWeights(spec, request.seed, { onProgress: (d, t) => report.progress('weights', d, t) });
  const weightsMs = performance.now() - t0;

  // The input: one image of N(0, 1) values.
  const side = spec.inputSize;
  const inputShape = [1, spec.inChannels ?? 3, side, side];
  const input = { shape: inputShape, data: createRng(inputSeed(request.seed)).fillNormal(new Float32Array(inputShape.reduce((a, b) => a * b, 1))) };

  let convertMs = 0;
  let deployByteLength = 0;
  let deployNodes = 0;
  let trainByteLength = 0;
  let trainNodes = 0;
  let runsMs: number[][] = [];
  let outputs: Float32Array[] = [];

  // The first answer first: the deploy network is converted, opened and run once before the
  // training-time graphs are built, so the page shows its top-5 while the rest fills in.
  // Sessions are kept in the report's order (training-time disabled, default, deploy).
  const sessions: (OpenSession | undefined)[] = [undefined, undefined, undefined];
  const open = async (slot: number, bytes: Uint8Array, optimization: OptimizationLevel, step: RunStep, what: string) => {
    report.progress(step, 0, 1);
    sessions[slot] = await openOn(backend, bytes, optimization, input, what);
    report.progress(step, 1, 1);
  };
  try {
    report.progress('convert', 0, weights.blocks.length);
    const c0 = performance.now();
    let deployWeights: DeployModelWeights | null = convertModel(weights, { onProgress: (d, t) => report.progress('convert', d, t) });
    convertMs = performance.now() - c0;

    report.progress('export-deploy', 0, 1);
    let deployBytes: Uint8Array | null;
    ({ bytes: deployBytes, nodes: deployNodes } = encodeForm(deployOnnxModel(deployWeights, { seed: request.seed })));
    deployWeights = null;
    deployByteLength = deployBytes.byteLength;
    report.progress('export-deploy', 1, 1);
    await open(2, deployBytes, 'all', 'session-deploy', 'deploy graph');
    deployBytes = null; // ONNX Runtime has its own copy now

    report.progress('run-deploy', 0, 1);
    const firstLogits = await sessions[2]!.run();
    report.first({ model: request.model, seed: request.seed, top5Deploy: topK(firstLogits, 5), backend });
    report.progress('run-deploy', 1, 1);

    report.progress('export-train', 0, 1);
    let trainBytes: Uint8Array | null;
    ({ bytes: trainBytes, nodes: trainNodes } = encodeForm(trainOnnxModel(weights, { seed: request.seed })));
    weights = null;
    trainByteLength = trainBytes.byteLength;
    report.progress('export-train', 1, 1);
    await open(0, trainBytes, 'disabled', 'session-train-disabled', 'training-time graph (optimizations disabled)');
    await open(1, trainBytes, 'all', 'session-train-all', 'training-time graph (default optimizations)');
    trainBytes = null;

    report.progress('runs', 0, request.warmup + request.runs);
    const timed = await timeInTurns(sessions as OpenSession[], request.warmup, request.runs, (d, t) => report.progress('runs', d, t));
    runsMs = timed.runsMs;
    outputs = timed.outputs;
  } finally {
    for (const session of sessions) await session?.release();
  }

  const timing = (i: number, form: 'train' | 'deploy', optimization: OptimizationLevel): SessionTiming => ({
    form,
    optimization,
    sessionMs: sessions[i]!.sessionMs,
    runsMs: runsMs[i]!,
    medianMs: median(runsMs[i]!),
  });
  const [trainDisabledOut, trainDefaultOut, deployOut] = outputs as [Float32Array, Float32Array, Float32Array];
  return {
    model: request.model,
    modelName: spec.name,
    seed: request.seed,
    inputShape,
    backend,
    runtimeMs,
    warmStart,
    weightsMs,
    convertMs,
    trainBytes: trainByteLength,
    deployBytes: deployByteLength,
    trainNodes,
    deployNodes,
    sessions: { trainDisabled: timing(0, 'train', 'disabled'), trainDefault: timing(1, 'train', 'all'), deploy: timing(2, 'deploy', 'all') },
    vsTrainDisabled: compareLogits(deployOut, trainDisabledOut),
    vsTrainDefault: compareLogits(deployOut, trainDefaultOut),
    warmup: request.warmup,
  };
}

/**
 * One ONNX file as a Blob, built from the encoder's parts: the browser copies them into blob
 * storage (which may live on disk), so no whole-file buffer is made in JavaScript.
 */
export function exportJob(request: ExportRequest, report: Reporter): { blob: Blob; bytes: number } {
  const spec = resolve(request.model, request.seed);
  const train = createTrainWeights(spec, request.seed, { onProgress: (d, t) => report.progress('weights', d, t) });
  const model =
    request.form === 'train'
      ? trainOnnxModel(train, { seed: request.seed })
      : deployOnnxModel(convertModel(train, { onProgress: (d, t) => report.progress('convert', d, t) }), { seed: request.seed });
  report.progress('encode', 0, 1);
  const { parts, byteLength } = encodeParts(model);
  // Every part is backed by an ordinary ArrayBuffer (weights and protobufjs output), never shared memory.
  const blob = new Blob(parts as unknown as BlobPart[], { type: 'application/octet-stream' });
  report.progress('encode', 1, 1);
  return { blob, bytes: byteLength };
}
