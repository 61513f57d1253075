/**
 * The benchmark's Web Worker: runs the JavaScript kernels and, where an adapter exists, the
 * WebGPU shaders, off the page's main thread so the page never freezes while it measures.
 */
import { runCpuBench } from '../../perf/cpu-bench';
import { benchLayer } from '../../perf/winograd-layer';
import { gpuUnavailable, runGpuBench } from '../../perf/gpu/winograd-bench-gpu';
import type { BenchMessage, BenchRequest } from './bench-protocol';

const post = (message: BenchMessage) => (self as unknown as Worker).postMessage(message);

self.addEventListener('message', async (event: MessageEvent<BenchRequest>) => {
  if (event.data.type !== 'run') return;
  const layer = benchLayer();
  for (const runtime of event.data.runtimes) {
    try {
      if (runtime === 'js') {
        const result = runCpuBench(layer, { runs: event.data.runs, onProgress: (done, total) => post({ type: 'progress', runtime, done, total }) });
        post({ type: 'result', runtime, result });
      } else {
        const reason = await gpuUnavailable();
        if (reason) {
          post({ type: 'skipped', runtime, reason });
          continue;
        }
        const result = await runGpuBench(layer, {
          trials: Math.max(3, Math.ceil(event.data.runs / 2)),
          onProgress: (done, total) => post({ type: 'progress', runtime, done, total }),
        });
        post({ type: 'result', runtime, result });
      }
    } catch (error) {
      post({ type: 'failed', runtime, message: error instanceof Error ? error.message : String(error) });
    }
  }
  post({ type: 'done' });
});
