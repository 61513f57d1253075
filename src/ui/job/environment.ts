/**
 * The runners' shared words (Run the models, the demo, the Benchmark): what this device offers,
 * and the memory a model needs. DOM-free, unit-tested.
 */
import { findModel } from '../../core/catalog';
import { formatBytes } from '../../io/bytes';
import { runPeakBytes } from '../../runtime/model-options';
import type { WebGpuProbe } from '../../runtime/webgpu';
import { WARN_ABOVE_BYTES } from './job-progress';

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The environment line: cross-origin isolation and Auto's threads, then WebGPU (undefined while it is being checked). */
export function environmentText(cores: number, isolated: boolean, autoThreads: number, webgpu: WebGpuProbe | undefined): string {
  const isolation = isolated ? 'Cross-origin isolated: yes, so WebAssembly can use threads' : 'Cross-origin isolated: no, so WebAssembly runs on one thread';
  const gpu = !webgpu
    ? 'checking…'
    : webgpu.kind === 'hardware'
      ? 'an adapter is available.'
      : webgpu.kind === 'software'
        ? 'only a software fallback adapter, a GPU emulated on the CPU (runs use WebAssembly unless you choose WebGPU).'
        : `${webgpu.detail.replace(/^no WebGPU adapter is available/, 'no adapter available')}, so runs use WebAssembly.`;
  return `${isolation} (Auto: ${autoThreads} of ${plural(cores, 'logical core')}). WebGPU: ${gpu}`;
}

/**
 * The memory hint for the largest of the chosen models: hidden below WARN_ABOVE_BYTES; `advice`
 * ends the sentence ("each timed run takes seconds: …").
 */
export function memoryHint(modelIds: readonly string[], advice: string): { hidden: boolean; text: string } {
  const biggest = modelIds
    .map((id) => findModel(id))
    .filter((spec) => spec !== undefined)
    .sort((a, b) => runPeakBytes(b) - runPeakBytes(a))[0];
  const peak = biggest ? runPeakBytes(biggest) : 0;
  return {
    hidden: peak <= WARN_ABOVE_BYTES,
    text: biggest ? `${biggest.name} needs about ${formatBytes(peak)} of memory while it runs, and on a CPU ${advice}` : '',
  };
}
