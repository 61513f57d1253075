/**
 * "Table 1 on your device", worker side: starts ONNX Runtime on the chosen backend (the same
 * start and fallback as every other job), opens one session per graph of conv-bench.ts, and times
 * them in turns (k1, k3, k5, k7, fragments, k1, k3, ...) so a change in background load hits all
 * of them alike. Each run is timed until its output is back in JavaScript.
 */
import { DENSITY_SHAPES, type DensitySize, densityCases } from '../core/conv-density.ts';
import { densityModel, encodeModel } from '../io/onnx/index.ts';
import { type OpenSession, timeInTurns } from './ort-backend.ts';
import { InputError, type Reporter, openOn, startBackend } from './pipeline.ts';
import type { DensityRequest, DensityResult } from './protocol.ts';

export async function densityJob(request: DensityRequest, report: Reporter): Promise<DensityResult> {
  if (!(request.size in DENSITY_SHAPES)) throw new InputError(`unknown size "${request.size}"`);
  if (!Number.isInteger(request.runs) || request.runs < 1 || !Number.isInteger(request.warmup) || request.warmup < 0)
    throw new InputError('runs must be ≥ 1 and warm-up ≥ 0, whole numbers');
  const shape = DENSITY_SHAPES[request.size as DensitySize];
  const { backend, runtimeMs } = await startBackend(request, report);
  const cases = densityCases(shape);
  const input = { shape: [1, shape.channels, shape.side, shape.side], data: new Float32Array(shape.channels * shape.side * shape.side).fill(0.5) };
  const sessions: OpenSession[] = [];
  const nodes: number[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      report.progress('sessions', i, cases.length);
      const model = densityModel(shape, c);
      nodes.push(model.graph.node.length);
      sessions.push(await openOn(backend, encodeModel(model), 'all', input, c.label));
    }
    report.progress('sessions', cases.length, cases.length);
    report.progress('runs', 0, request.warmup + request.runs);
    const { runsMs } = await timeInTurns(sessions, request.warmup, request.runs, (d, t) => report.progress('runs', d, t));
    return {
      size: request.size,
      channels: shape.channels,
      side: shape.side,
      backend,
      runtimeMs,
      warmup: request.warmup,
      timings: cases.map((c, i) => ({ id: c.id, nodes: nodes[i]!, sessionMs: sessions[i]!.sessionMs, runsMs: runsMs[i]! })),
    };
  } finally {
    for (const session of sessions) await session.release();
  }
}
