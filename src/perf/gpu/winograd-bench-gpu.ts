/**
 * The benchmark on WebGPU: the same layer, direct vs Winograd F(2×2, 3×3), as compute shaders
 * (wgsl.ts). The kernel transform U = G g Gᵀ is done once, on the CPU, before timing, as the
 * paper's convention assumes; a Winograd run is three dispatches (input transform, sixteen
 * products, output transform), a direct run one. Each timing submits a batch of runs and waits
 * for the queue to drain, so the wall clock covers GPU work, not just encoding.
 */
import { type BenchResult, layerBenchResult, trafficNotes } from '../cpu-bench.ts';
import type { BenchLayer } from '../winograd-layer.ts';
import { planWinograd } from '../../core/winograd/fast-f2x2.ts';
import { BufferUsage, type GpuBuffer, type GpuDevice, MapMode, describeAdapter, probeWebGpu } from '../../runtime/webgpu.ts';
import { DIRECT_WGSL, TILE_M, TILE_N, WINOGRAD_INPUT_WGSL, WINOGRAD_OUTPUT_WGSL, WINOGRAD_PRODUCT_WGSL } from './wgsl.ts';

export interface GpuBenchOptions {
  /** At most this many timed batches per kernel. */
  readonly trials?: number;
  /** Time to aim for, all batches together; a slow (software) adapter gets fewer, smaller batches. */
  readonly budgetMs?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Why WebGPU cannot run here, or null if an adapter exists. */
export async function gpuUnavailable(): Promise<string | null> {
  const probe = await probeWebGpu({ powerPreference: 'high-performance' });
  return probe.kind === 'none' ? probe.detail : null;
}

export async function runGpuBench(layer: BenchLayer, options: GpuBenchOptions = {}): Promise<BenchResult> {
  const { trials = 7, budgetMs = 8000, onProgress } = options;
  const { adapter, detail } = await probeWebGpu({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error(detail);
  const device = await adapter.requestDevice();
  try {
    return await bench(device, describeAdapter(adapter), layer, trials, budgetMs, onProgress);
  } finally {
    device.destroy();
  }
}

async function bench(
  device: GpuDevice,
  adapterName: string,
  layer: BenchLayer,
  maxTrials: number,
  budgetMs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BenchResult> {
  const { c, o, h, w } = layer;
  const tilesX = Math.ceil(w / 2);
  const t = Math.ceil(h / 2) * tilesX;
  device.pushErrorScope('validation');

  const storage = (data: Float32Array | number, extra = 0): GpuBuffer => {
    const size = typeof data === 'number' ? data * 4 : data.byteLength;
    const buffer = device.createBuffer({ size, usage: BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC | extra });
    if (typeof data !== 'number') device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  };
  const uniform = (values: number[]): GpuBuffer => {
    const buffer = device.createBuffer({ size: 32, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
    device.queue.writeBuffer(buffer, 0, Uint32Array.from(values));
    return buffer;
  };
  // Dims: M, N, K, C, H, W, tilesX, T.
  const directDims = uniform([o, h * w, c * 9, c, h, w, tilesX, t]);
  const productDims = uniform([o, t, c, c, h, w, tilesX, t]);
  const x = storage(layer.input);
  const kernel = storage(layer.kernel);
  const bias = storage(layer.bias);
  const U = storage(planWinograd({ c, o, h, w }, layer.kernel, layer.bias).U); // once per layer
  const V = storage(16 * c * t);
  const M = storage(16 * o * t);
  const yDirect = storage(o * h * w);
  const yWino = storage(o * h * w);

  const pipeline = async (code: string) => {
    const module = device.createShaderModule({ code });
    const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
    if (errors.length) throw new Error(`WGSL: ${errors.map((e) => `line ${e.lineNum}: ${e.message}`).join('; ')}`);
    return device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  };
  const [direct, input, product, output] = await Promise.all([
    pipeline(DIRECT_WGSL),
    pipeline(WINOGRAD_INPUT_WGSL),
    pipeline(WINOGRAD_PRODUCT_WGSL),
    pipeline(WINOGRAD_OUTPUT_WGSL),
  ]);
  const group = (p: Awaited<ReturnType<typeof pipeline>>, buffers: GpuBuffer[]) =>
    device.createBindGroup({ layout: p.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
  const groups = {
    direct: group(direct, [directDims, kernel, x, bias, yDirect]),
    input: group(input, [productDims, x, V]),
    product: group(product, [productDims, U, V, M]),
    output: group(output, [productDims, M, bias, yWino]),
  };
  const validation = await device.popErrorScope();
  if (validation) throw new Error(`WebGPU validation: ${validation.message}`);

  const runDirect = (pass: ReturnType<ReturnType<GpuDevice['createCommandEncoder']>['beginComputePass']>) => {
    pass.setPipeline(direct);
    pass.setBindGroup(0, groups.direct);
    pass.dispatchWorkgroups(Math.ceil((h * w) / TILE_N), Math.ceil(o / TILE_M), 1);
  };
  const runWinograd = (pass: Parameters<typeof runDirect>[0]) => {
    pass.setPipeline(input);
    pass.setBindGroup(0, groups.input);
    pass.dispatchWorkgroups(Math.ceil((c * t) / 64));
    pass.setPipeline(product);
    pass.setBindGroup(0, groups.product);
    pass.dispatchWorkgroups(Math.ceil(t / TILE_N), Math.ceil(o / TILE_M), 16);
    pass.setPipeline(output);
    pass.setBindGroup(0, groups.output);
    pass.dispatchWorkgroups(Math.ceil((o * t) / 64));
  };
  const timeBatch = async (run: typeof runDirect, runs: number): Promise<number> => {
    const encoder = device.createCommandEncoder();
    for (let i = 0; i < runs; i++) {
      const pass = encoder.beginComputePass();
      run(pass);
      pass.end();
    }
    const commands = encoder.finish();
    const start = performance.now();
    device.queue.submit([commands]);
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - start) / runs;
  };

  // Warm-up (pipelines, first touch of buffers), then size the batches from one direct run: about
  // 100 ms per batch, and as many batches as fit the budget (at least 3).
  await timeBatch(runDirect, 1);
  await timeBatch(runWinograd, 1);
  const once = await timeBatch(runDirect, 1);
  const runsPerTrial = Math.min(20, Math.max(1, Math.round(100 / once)));
  const trials = Math.min(maxTrials, Math.max(3, Math.floor(budgetMs / (2 * runsPerTrial * once))));
  const total = 2 + 2 * trials;
  onProgress?.(2, total);
  const td: number[] = [];
  const tw: number[] = [];
  for (let i = 0; i < trials; i++) {
    td.push(await timeBatch(runDirect, runsPerTrial));
    onProgress?.(3 + 2 * i, total);
    tw.push(await timeBatch(runWinograd, runsPerTrial));
    onProgress?.(4 + 2 * i, total);
  }

  const [outDirect, outWino] = await Promise.all([readBack(device, yDirect), readBack(device, yWino)]);
  return layerBenchResult(`WebGPU compute shaders (WGSL) on ${adapterName}`, layer, { td, tw, runs: trials * runsPerTrial }, { outDirect, outWino }, [
    ...trafficNotes(layer),
    `Winograd's products are ${t} tiles wide, padded to ${Math.ceil(t / TILE_N) * TILE_N} by the ${TILE_N}-wide tiles both kernels use; the direct product is ${h * w} pixels wide, padded to ${Math.ceil((h * w) / TILE_N) * TILE_N}.`,
  ]);
}

async function readBack(device: GpuDevice, buffer: GpuBuffer): Promise<Float32Array> {
  const staging = device.createBuffer({ size: buffer.size, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(MapMode.READ);
  const copy = new Float32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  staging.destroy();
  return copy;
}
