/**
 * The jobs the worker does, step by step: build the training-time weights, open sessions on the
 * training-time graph (ONNX Runtime optimizations disabled, and its default), re-parameterize
 * with src/math, open a session on the deploy graph, time the three in turns, compare outputs.
 * Also the export job behind the download buttons.
 *
 * Memory: the largest model (B3) is ~0.5 GB of weights. JavaScript holds at most one form's
 * weights plus one ONNX file (or, while converting, both forms' weights); each reference is
 * dropped as soon as ONNX Runtime has its own copy.
 */
import { type DeployModelWeights, type TrainModelWeights, convertModel, createRng, createTrainWeights } from '../math/index.ts';
import { type OnnxModel, deployOnnxModel, encodeModel, encodeParts, trainOnnxModel } from '../math/onnx/index.ts';
import { compareOutputs, median } from './compare.ts';
import { findModel, inputSeed } from './models.ts';
import { type OpenSession, configureOrt, messageOf, openSession, probeWebGpu, startRuntime, timeInTurns, useWebGpuAdapter } from './ort-backend.ts';
import type { BackendChoice, BackendInfo, CheckpointSummary, ExportRequest, JobStep, OptimizationLevel, RunRequest, RunResult, RunStep, SessionTiming } from './protocol.ts';

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

async function chooseBackend(request: BackendRequest): Promise<BackendInfo> {
  const isolated = self.crossOriginIsolated;
  const base = { threads: request.threads, crossOriginIsolated: isolated };
  if (request.backend === 'wasm') return { ...base, backend: 'wasm', fellBack: false, reason: 'WebAssembly, as you chose' };
  const probe = await probeWebGpu();
  if (probe.available && probe.software && request.backend === 'auto') {
    // An emulated GPU runs the same convolutions on the CPU with far more overhead than
    // WebAssembly (minutes instead of a fraction of a second for A0), so Auto skips it.
    return {
      ...base,
      backend: 'wasm',
      fellBack: true,
      adapter: probe.detail,
      reason: `WebAssembly instead of WebGPU: the only adapter is ${probe.detail}, much slower than WebAssembly on the same CPU; choose WebGPU to use it anyway`,
    };
  }
  if (probe.available) {
    useWebGpuAdapter(probe);
    const why = request.backend === 'webgpu' ? 'as you chose' : 'found first, so it is used';
    return { ...base, backend: 'webgpu', fellBack: false, adapter: probe.detail, reason: `WebGPU ${why}: ${probe.detail}` };
  }
  return { ...base, backend: 'wasm', fellBack: true, reason: `WebAssembly instead of WebGPU: ${probe.detail}` };
}

/**
 * The file and its operator count. The OnnxModel holds the weight arrays themselves, so it must
 * not outlive this call: otherwise dropping the weights later would free nothing.
 */
export function encodeForm(model: OnnxModel): { bytes: Uint8Array; nodes: number } {
  return { bytes: encodeModel(model), nodes: model.graph.node.length };
}

/**
 * Configures ONNX Runtime, picks the backend and starts it (timed apart from any model); when
 * WebGPU was found but cannot start, falls back to WebAssembly and says why. Reports the backend.
 */
export async function startBackend(request: BackendRequest, report: Reporter): Promise<{ backend: BackendInfo; runtimeMs: number }> {
  configureOrt(request.threads);
  let backend = await chooseBackend(request);
  report.progress('runtime', 0, 1);
  let runtimeMs: number;
  try {
    runtimeMs = await startRuntime(backend.backend);
  } catch (error) {
    if (backend.backend !== 'webgpu') throw error;
    // WebGPU found but unusable (driver, limits): fall back now, without a reload, and say why.
    backend = { ...backend, backend: 'wasm', fellBack: true, reason: `WebAssembly instead of WebGPU: ONNX Runtime could not start on WebGPU (${messageOf(error)})` };
    runtimeMs = await startRuntime('wasm');
  }
  report.backend(backend);
  report.progress('runtime', 1, 1);
  return { backend, runtimeMs };
}

/** A session on `backend`; a WebGPU failure becomes a WebGpuError that says what to try. */
export async function openOn(backend: BackendInfo, bytes: Uint8Array, optimization: OptimizationLevel, input: { data: Float32Array; shape: readonly number[] }, what: string): Promise<OpenSession> {
  try {
    return await openSession(bytes, backend.backend, optimization, input);
  } catch (error) {
    if (backend.backend === 'webgpu') throw new WebGpuError(`WebGPU failed on the ${what}: ${messageOf(error)}. Choose WebAssembly and run again.`);
    throw error;
  }
}

export async function runJob(request: RunRequest, report: Reporter): Promise<RunResult> {
  const spec = resolve(request.model, request.seed);
  const { backend, runtimeMs } = await startBackend(request, report);

  const t0 = performance.now();
  let weights: TrainModelWeights | null = createTrainWeights(spec, request.seed, { onProgress: (d, t) => report.progress('weights', d, t) });
  const weightsMs = performance.now() - t0;

  // The input: one image of N(0, 1) values.
  const side = spec.inputSize;
  const inputShape = [1, spec.inChannels ?? 3, side, side];
  const input = { shape: inputShape, data: createRng(inputSeed(request.seed)).fillNormal(new Float32Array(inputShape.reduce((a, b) => a * b, 1))) };

  report.progress('export-train', 0, 1);
  let trainBytes: Uint8Array | null;
  let trainNodes: number;
  ({ bytes: trainBytes, nodes: trainNodes } = encodeForm(trainOnnxModel(weights, { seed: request.seed })));
  const trainByteLength = trainBytes.byteLength;
  report.progress('export-train', 1, 1);
  let convertMs = 0;
  let deployByteLength = 0;
  let deployNodes = 0;
  let runsMs: number[][] = [];
  let outputs: Float32Array[] = [];

  const sessions: OpenSession[] = [];
  const open = async (bytes: Uint8Array, optimization: OptimizationLevel, step: RunStep, what: string) => {
    report.progress(step, 0, 1);
    sessions.push(await openOn(backend, bytes, optimization, input, what));
    report.progress(step, 1, 1);
  };
  try {
    await open(trainBytes, 'disabled', 'session-train-disabled', 'training-time graph (optimizations disabled)');
    await open(trainBytes, 'all', 'session-train-all', 'training-time graph (default optimizations)');
    trainBytes = null; // ONNX Runtime has its own copy now

    report.progress('convert', 0, weights.blocks.length);
    const c0 = performance.now();
    let deployWeights: DeployModelWeights | null = convertModel(weights, { onProgress: (d, t) => report.progress('convert', d, t) });
    convertMs = performance.now() - c0;
    weights = null;

    report.progress('export-deploy', 0, 1);
    let deployBytes: Uint8Array | null;
    ({ bytes: deployBytes, nodes: deployNodes } = encodeForm(deployOnnxModel(deployWeights, { seed: request.seed })));
    deployWeights = null;
    deployByteLength = deployBytes.byteLength;
    report.progress('export-deploy', 1, 1);
    await open(deployBytes, 'all', 'session-deploy', 'deploy graph');
    deployBytes = null;

    report.progress('runs', 0, request.warmup + request.runs);
    const timed = await timeInTurns(sessions, request.warmup, request.runs, (d, t) => report.progress('runs', d, t));
    runsMs = timed.runsMs;
    outputs = timed.outputs;
  } finally {
    for (const session of sessions) await session.release();
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
    weightsMs,
    convertMs,
    trainBytes: trainByteLength,
    deployBytes: deployByteLength,
    trainNodes,
    deployNodes,
    sessions: { trainDisabled: timing(0, 'train', 'disabled'), trainDefault: timing(1, 'train', 'all'), deploy: timing(2, 'deploy', 'all') },
    vsTrainDisabled: compareOutputs(deployOut, trainDisabledOut),
    vsTrainDefault: compareOutputs(deployOut, trainDefaultOut),
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
