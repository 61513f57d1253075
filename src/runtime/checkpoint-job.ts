/**
 * The worker's jobs on a real checkpoint (the "Real checkpoints" page): read the file the reader
 * chose, infer the architecture, convert, build both ONNX graphs and run each on one photo; and
 * the deploy file behind the download buttons. Loaded by worker.ts on first use, so chapter 7's
 * runs never load the checkpoint readers.
 *
 * Memory, for a B3-sized file (≈ 0.5 GB of weights, W): the file is read tensor by tensor (never
 * whole). Then one form at a time: its weights, its encoded ONNX file (W) until ONNX Runtime has
 * copied it, one session, one run, released before the next form is built. Converting holds both
 * forms' weights for a moment. Every reference is dropped as soon as it is no longer needed.
 */
import type { DeployModelWeights, TrainModelWeights } from '../core/model.ts';
import { convertModel } from '../core/convert-model.ts';
import { quantizeDeployModel } from '../core/quantize-model.ts';
import { checkpointBlob } from '../io/checkpoint/write-checkpoint.ts';
import { type LoadedCheckpoint, deployWeightsOf, inspectCheckpoint, readCheckpoint } from '../io/checkpoint/read-checkpoint.ts';
import { type OnnxModel, deployOnnxModel, encodeParts, trainOnnxModel } from '../io/onnx/index.ts';
import { EVAL_CROP, EVAL_RESIZE, evalInput, shorterSideSize } from '../io/preprocess.ts';
import { type Reporter, encodeForm, openOn, startBackend } from './pipeline.ts';
import type { BackendInfo, ClassifyRequest, ClassifyResult, ConvertRequest, FormRun, Int8Run, OptimizationLevel } from './protocol.ts';

type Input = { data: Float32Array; shape: readonly number[] };

/** One form's ONNX file; `bytes` is dropped (set to null) once ONNX Runtime has its own copy. */
interface Encoded {
  bytes: Uint8Array | null;
  readonly nodes: number;
  readonly byteLength: number;
  readonly exportMs: number;
}

/** Encodes a graph. Pass the OnnxModel inline: it holds the weight arrays and must die here. */
function encodeTimed(model: OnnxModel, form: 'train' | 'deploy', report: Reporter): Encoded {
  report.progress(`export-${form}`, 0, 1);
  const t0 = performance.now();
  const { bytes, nodes } = encodeForm(model);
  return { bytes, nodes, byteLength: bytes.byteLength, exportMs: performance.now() - t0 };
}

/** Opens a session on the encoded graph, runs the photo once, releases the session. */
async function runForm(
  form: 'train' | 'deploy',
  encoded: Encoded,
  optimization: OptimizationLevel,
  backend: BackendInfo,
  input: Input,
  report: Reporter,
): Promise<FormRun> {
  report.progress(`session-${form}`, 0, 1);
  const session = await openOn(backend, encoded.bytes!, optimization, input, form === 'train' ? 'training-time graph' : 'deploy graph');
  encoded.bytes = null;
  try {
    report.progress(`run-${form}`, 0, 1);
    const t0 = performance.now();
    const logits = await session.run();
    const runMs = performance.now() - t0;
    report.progress(`run-${form}`, 1, 1);
    const { nodes, byteLength: onnxBytes, exportMs } = encoded;
    return { form, optimization, logits, nodes, onnxBytes, exportMs, sessionMs: session.sessionMs, runMs };
  } finally {
    await session.release();
  }
}

export async function classifyJob(request: ClassifyRequest, report: Reporter): Promise<ClassifyResult> {
  report.progress('image', 0, 1);
  const t0 = performance.now();
  const { crop, input } = evalInput(request.image);
  const preprocessMs = performance.now() - t0;
  const imageSize = { width: request.image.width, height: request.image.height };
  const resized = shorterSideSize(imageSize.width, imageSize.height, EVAL_RESIZE);

  // Headers first (names, shapes, architecture): a file that is not a RepVGG checkpoint is
  // refused in a moment, before ONNX Runtime starts, and the page can say what the file is at once.
  const t1 = performance.now();
  const options = { inputSize: EVAL_CROP, onProgress: (done: number, total: number) => report.progress('read', done, total) };
  const summary = { ...(await inspectCheckpoint(request.file, options)), fileBytes: request.file.size };
  const inspectMs = performance.now() - t1;
  report.checkpoint(summary);

  const { backend, runtimeMs } = await startBackend(request, report);

  report.progress('read', 0, 1);
  const t2 = performance.now();
  let loaded: LoadedCheckpoint | null = await readCheckpoint(request.file, options);
  const readMs = inspectMs + performance.now() - t2;

  let train: FormRun | null = null;
  let convertMs: number | null = null;
  let deployWeights: DeployModelWeights | null;
  if (loaded.form === 'train') {
    let trainWeights: TrainModelWeights | null = loaded.weights;
    loaded = null;
    // Optimizations off: ONNX Runtime runs the branches and BatchNormalization as exported,
    // instead of folding each Conv+BN itself (a re-parameterization of its own).
    train = await runForm('train', encodeTimed(trainOnnxModel(trainWeights), 'train', report), 'disabled', backend, input, report);
    report.progress('convert', 0, trainWeights.blocks.length);
    const t3 = performance.now();
    deployWeights = convertModel(trainWeights, { onProgress: (done, total) => report.progress('convert', done, total) });
    convertMs = performance.now() - t3;
    trainWeights = null;
  } else {
    deployWeights = loaded.weights;
    loaded = null;
  }
  const encoded = encodeTimed(deployOnnxModel(deployWeights), 'deploy', report);
  if (!request.int8) deployWeights = null;
  const deploy = await runForm('deploy', encoded, 'all', backend, input, report);
  const int8 = deployWeights ? await runInt8(deployWeights, backend, input, report) : null;
  deployWeights = null;
  return { checkpoint: summary, backend, imageSize, resized, crop, preprocessMs, runtimeMs, readMs, convertMs, train, deploy, int8 };
}

/**
 * The deploy network again with its kernels quantized to INT8 (and dequantized: what an INT8
 * network multiplies with), once per tensor and once per channel. One quantized copy at a time.
 */
async function runInt8(weights: DeployModelWeights, backend: BackendInfo, input: Input, report: Reporter): Promise<Int8Run[]> {
  const runs: Int8Run[] = [];
  for (const mode of ['per-tensor', 'per-channel'] as const) {
    report.progress('int8', runs.length, 2);
    const quantized = quantizeDeployModel(weights, mode);
    const session = await openOn(backend, encodeForm(deployOnnxModel(quantized.weights)).bytes, 'all', input, `INT8 (${mode}) deploy graph`);
    try {
      const t0 = performance.now();
      const logits = await session.run();
      runs.push({ mode, logits, layers: quantized.layers, sessionMs: session.sessionMs, runMs: performance.now() - t0 });
    } finally {
      await session.release();
    }
  }
  report.progress('int8', 2, 2);
  return runs;
}

/**
 * The deploy model as a file: .pth / .safetensors in the input's naming (official rbr_reparam or
 * timm reparam_conv, deploy keys as the official convert.py writes them), or the deploy ONNX graph.
 * Built from the encoder's or writer's parts, so no whole-file buffer is made in JavaScript.
 */
export async function convertJob(request: ConvertRequest, report: Reporter): Promise<{ blob: Blob; bytes: number }> {
  const loaded = await readCheckpoint(request.file, { inputSize: EVAL_CROP, onProgress: (done, total) => report.progress('read', done, total) });
  const naming = loaded.naming;
  const deploy = deployWeightsOf(loaded, (done, total) => report.progress('convert', done, total));
  report.progress('encode', 0, 1);
  let blob: Blob;
  if (request.format === 'onnx') {
    const { parts } = encodeParts(deployOnnxModel(deploy));
    // Every part is backed by an ordinary ArrayBuffer (weights and protobufjs output), never shared memory.
    blob = new Blob(parts as unknown as BlobPart[], { type: 'application/octet-stream' });
  } else {
    blob = await checkpointBlob(deploy, request.format, { form: 'deploy', naming });
  }
  report.progress('encode', 1, 1);
  return { blob, bytes: blob.size };
}
