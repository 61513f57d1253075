/**
 * The fused re-parameterization loop on WebAssembly SIMD, for whole-model conversion.
 *
 * Why WebAssembly: JavaScript has no SIMD and V8 does not vectorize typed-array loops, so the
 * scalar loop in convert-model.ts runs at about 1 ns per float, several times slower than memory.
 * The kernel (reparam-channel.wat) multiplies four floats per instruction. It works on a small
 * staging buffer in its own memory: a few output channels of the block are copied in, scaled in
 * place while they sit in the CPU cache, and copied out to the deploy kernel, so the weights
 * still cross main memory once in and once out, as a plain copy does.
 *
 * Where WebAssembly SIMD is missing, reparamChannels() returns null and the caller uses the
 * scalar loop, which gives the same bits.
 */
import { REPARAM_CHANNEL_WASM } from './reparam-channel-wasm.ts';

/**
 * Floats staged per round trip (1.5 MiB). Measured with bench:reparam on B3: 128 Ki floats made
 * the copies into and out of WebAssembly memory twice as slow; 384 Ki and 1 Mi were alike.
 */
const STAGE_FLOATS = 384 * 1024;

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly channel: (k: number, w: number, n: number, t3: number, t1: number) => void;
}

export interface ChannelKernel {
  /**
   * out[o] = t3[o]·w3[o], then out[o][i][centre] += t1[o]·w1[o][i], for every output channel o:
   * w3 and out are [O, perGroup, 3, 3], w1 is [O, perGroup, 1, 1].
   */
  run(w3: Float32Array, w1: Float32Array, t3: Float32Array, t1: Float32Array, perGroup: number, out: Float32Array): void;
  /** Bytes of the staging memory: allocated once, grown to fit the widest channel seen, reused. */
  readonly memoryBytes: number;
}

let cached: ChannelKernel | null | undefined;

/** The SIMD kernel, or null where this engine has no WebAssembly SIMD. */
export function reparamChannels(): ChannelKernel | null {
  if (cached === undefined) cached = instantiate();
  return cached;
}

function instantiate(): ChannelKernel | null {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(REPARAM_CHANNEL_WASM)) return null;
  // Synchronous compile: the module is 228 bytes, far under the browsers' main-thread limit.
  const { memory, channel } = new WebAssembly.Instance(new WebAssembly.Module(REPARAM_CHANNEL_WASM)).exports as unknown as Exports;
  let heap = new Float32Array(memory.buffer);

  return {
    get memoryBytes() {
      return memory.buffer.byteLength;
    },
    run(w3, w1, t3, t1, perGroup, out) {
      const perChannel = perGroup * 9;
      const outChannels = t3.length;
      const chunk = Math.max(1, Math.floor(STAGE_FLOATS / perChannel));
      const need = chunk * (perChannel + perGroup) * 4;
      if (memory.buffer.byteLength < need) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
        heap = new Float32Array(memory.buffer);
      }
      for (let first = 0; first < outChannels; first += chunk) {
        const end = Math.min(outChannels, first + chunk);
        const ones = (end - first) * perChannel; // where the 1×1 weights are staged, after the kernels
        heap.set(w3.subarray(first * perChannel, end * perChannel), 0);
        heap.set(w1.subarray(first * perGroup, end * perGroup), ones);
        for (let o = first; o < end; o++) {
          channel((o - first) * perChannel * 4, (ones + (o - first) * perGroup) * 4, perGroup, t3[o]!, t1[o]!);
        }
        out.set(heap.subarray(0, ones), first * perChannel);
      }
    },
  };
}
