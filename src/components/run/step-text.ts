/** What each step of a runtime job is called on screen (the run page and the benchmark). */
import type { ExportStep, RunStep } from '../../runtime/protocol';

export const STEP_TEXT: Record<RunStep | ExportStep, string> = {
  runtime: 'Starting ONNX Runtime',
  weights: 'Drawing the training-time weights',
  'export-train': 'Writing the training-time ONNX graph',
  'session-train-disabled': 'Creating the training-time session (optimizations disabled)',
  'session-train-all': 'Creating the training-time session (default optimizations)',
  convert: 'Re-parameterizing, layer by layer',
  'export-deploy': 'Writing the deploy ONNX graph',
  'session-deploy': 'Creating the deploy session',
  'run-deploy': 'Running the deploy network once (its top-5 first)',
  runs: 'Timing the three graphs in turns (the first turn is a warm-up)',
  encode: 'Encoding the ONNX file',
};
