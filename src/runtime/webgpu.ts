/**
 * The slice of the WebGPU API the project uses, typed here because TypeScript's DOM library does
 * not include WebGPU (and a few calls do not justify another dependency), and the one probe for an
 * adapter that every page, worker and benchmark asks.
 */

export const BufferUsage = { MAP_READ: 0x0001, COPY_SRC: 0x0004, COPY_DST: 0x0008, UNIFORM: 0x0040, STORAGE: 0x0080 } as const;
export const MapMode = { READ: 0x0001 } as const;

export interface Gpu {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapter | null>;
}

export interface GpuAdapter {
  readonly info?: {
    readonly vendor: string;
    readonly architecture: string;
    readonly device?: string;
    readonly description: string;
    readonly isFallbackAdapter?: boolean;
  };
  readonly isFallbackAdapter?: boolean;
  readonly limits: { readonly maxComputeWorkgroupStorageSize: number; readonly maxStorageBufferBindingSize: number };
  requestDevice(): Promise<GpuDevice>;
}

export interface GpuBuffer {
  readonly size: number;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

export interface GpuShaderModule {
  getCompilationInfo(): Promise<{ readonly messages: readonly { readonly type: string; readonly message: string; readonly lineNum: number }[] }>;
}

export interface GpuComputePipeline {
  getBindGroupLayout(index: number): unknown;
}

export interface GpuComputePass {
  setPipeline(pipeline: GpuComputePipeline): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface GpuCommandEncoder {
  beginComputePass(): GpuComputePass;
  copyBufferToBuffer(source: GpuBuffer, sourceOffset: number, destination: GpuBuffer, destinationOffset: number, size: number): void;
  finish(): unknown;
}

export interface GpuDevice {
  readonly queue: {
    submit(buffers: unknown[]): void;
    writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBufferView): void;
    onSubmittedWorkDone(): Promise<void>;
  };
  readonly lost: Promise<{ readonly message: string }>;
  createBuffer(descriptor: { size: number; usage: number }): GpuBuffer;
  createShaderModule(descriptor: { code: string }): GpuShaderModule;
  createComputePipelineAsync(descriptor: { layout: 'auto'; compute: { module: GpuShaderModule; entryPoint: string } }): Promise<GpuComputePipeline>;
  createBindGroup(descriptor: { layout: unknown; entries: { binding: number; resource: { buffer: GpuBuffer } }[] }): unknown;
  createCommandEncoder(): GpuCommandEncoder;
  pushErrorScope(filter: 'validation' | 'out-of-memory' | 'internal'): void;
  popErrorScope(): Promise<{ readonly message: string } | null>;
  destroy(): void;
}

/** navigator.gpu, in a page or a worker, or undefined where WebGPU is absent. */
export function webGpu(): Gpu | undefined {
  return (globalThis.navigator as { gpu?: Gpu } | undefined)?.gpu;
}

/** "google swiftshader (fallback)", "nvidia ampere", ... for the report. */
export function describeAdapter(adapter: GpuAdapter): string {
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s && s.length > 0).join(' ') || 'unknown adapter';
  return (adapter.isFallbackAdapter ?? info?.isFallbackAdapter) ? `${name} (fallback, software)` : name;
}

/** What a page or worker can use: a hardware adapter, a software one (a GPU emulated on the CPU), or none. */
export interface WebGpuProbe {
  readonly kind: 'hardware' | 'software' | 'none';
  /** The adapter in words ("google swiftshader (fallback, software)"), or why there is none. */
  readonly detail: string;
  readonly adapter?: GpuAdapter;
}

/** navigator.gpu.requestAdapter(), in a page or a worker, answered in words; never throws. */
export async function probeWebGpu(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<WebGpuProbe> {
  const gpu = webGpu();
  if (!gpu) return { kind: 'none', detail: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GpuAdapter | null;
  try {
    adapter = await gpu.requestAdapter(options);
  } catch (error) {
    return { kind: 'none', detail: `requesting a WebGPU adapter failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!adapter) return { kind: 'none', detail: 'no WebGPU adapter is available' };
  const software = adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter ?? false;
  return { kind: software ? 'software' : 'hardware', detail: describeAdapter(adapter), adapter };
}
