/**
 * Measures the float32 errors of direct, F(2×2) and F(4×4) off the main thread: rounding every
 * operation in JavaScript takes a few hundred milliseconds, too long to freeze the page for.
 */
import { measureErrors } from '../../core/winograd/error';
import { F2_3, F4_3 } from '../../core/winograd/matrices';
import { type ErrorData, activationsLayer, photoLayer } from './error-data';

export interface ErrorRequest {
  readonly data: ErrorData;
  /** The photo's RGBA pixels (decoded on the main thread, which has the canvas). */
  readonly rgba?: Uint8ClampedArray;
}

self.addEventListener('message', (event: MessageEvent<ErrorRequest>) => {
  try {
    const { data, rgba } = event.data;
    if (data === 'photo' && !rgba) throw new Error('the photo pixels are missing');
    const report = measureErrors(data === 'photo' ? photoLayer(rgba!) : activationsLayer(), [F2_3, F4_3]);
    const buffers = [report.reference.buffer, ...report.methods.map((m) => m.absError.buffer)] as ArrayBuffer[];
    (self as unknown as Worker).postMessage({ report }, buffers);
  } catch (error) {
    (self as unknown as Worker).postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
