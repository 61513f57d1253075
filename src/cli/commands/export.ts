import { closeSync, openSync, writeSync } from 'node:fs';
import { convertModel, countTrainingOverhead, createTrainWeights } from '../../math/index.ts';
import { type ModelForm, type OnnxModel, deployOnnxModel, encodeParts, trainOnnxModel } from '../../math/onnx/index.ts';
import type { RepVGGSpec } from '../../math/family.ts';
import { DEFAULT_SEED, MODEL_IDS, findModel } from '../../runtime/models.ts';
import { type Command, EXIT_OK, type Io, UsageError } from '../command.ts';

function integerOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

/** The ONNX model for one form; the deploy form re-parameterizes the same seed's training weights. */
function buildModel(spec: RepVGGSpec, form: ModelForm, seed: number, io: Io): OnnxModel {
  const start = performance.now();
  const train = createTrainWeights(spec, seed);
  io.err(`${spec.name}: training-time weights (seed ${seed}) in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  if (form === 'train') return trainOnnxModel(train, { seed });
  // `train` goes out of scope after this: only the deploy weights stay alive while writing.
  return deployOnnxModel(convertModel(train), { seed });
}

/** Streams the parts to the file: the weights are written from their own arrays, never copied. */
function writeParts(path: string, model: OnnxModel): number {
  const { parts, byteLength } = encodeParts(model);
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) {
      for (let written = 0; written < part.byteLength; ) written += writeSync(fd, part, written);
    }
  } finally {
    closeSync(fd);
  }
  return byteLength;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a RepVGG (seeded random weights) as an ONNX file, training-time or deploy form',
  usage: 'export -a MODEL --form train|deploy [--seed N] [--input-size N] -o FILE.onnx',
  description: [
    'Builds the training-time weights of MODEL from a seed and writes one ONNX file (opset 17):',
    '  --form train    the multi-branch network: per block Conv3x3+BatchNormalization,',
    '                  Conv1x1+BatchNormalization, identity BatchNormalization (where it exists), Add, Relu',
    '  --form deploy   the same weights re-parameterized: one Conv3x3 with bias + Relu per block',
    'Both forms of one seed compute the same function. Input "input" float32 [batch, 3, S, S],',
    'output "logits" [batch, 1000]; the batch size is free.',
    '',
    'Options:',
    `  -a, --arch MODEL     ${MODEL_IDS.join(', ')} (also RepVGG-A0 etc.)`,
    `  --seed N             weight seed (default ${DEFAULT_SEED}); the same seed gives the same bits everywhere`,
    '  --input-size N       input side S in pixels (default 224)',
    '  -o, --output FILE    where to write the .onnx file',
    '',
    'The weights are random, not trained: predictions mean nothing. Example:',
    '  npx repvgg export -a RepVGG-B1g2 --form deploy --seed 7 -o b1g2-deploy.onnx',
  ].join('\n'),
  options: {
    arch: { type: 'string', short: 'a' },
    form: { type: 'string' },
    seed: { type: 'string' },
    'input-size': { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  run({ positionals, values }, io) {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const arch = values['arch'];
    const form = values['form'];
    const output = values['output'];
    if (typeof arch !== 'string') throw new UsageError('missing -a MODEL');
    if (form !== 'train' && form !== 'deploy') throw new UsageError('--form must be train or deploy');
    if (typeof output !== 'string' || output === '') throw new UsageError('missing -o FILE.onnx');
    const seed = integerOption(values['seed'], 'seed', 0, 2 ** 32 - 1) ?? DEFAULT_SEED;
    const inputSize = integerOption(values['input-size'], 'input-size', 32, 4096);

    const base = findModel(arch);
    if (!base) throw new UsageError(`unknown model "${arch}"; known: ${MODEL_IDS.join(', ')}`);
    const spec = inputSize === undefined ? base : { ...base, inputSize };

    const model = buildModel(spec, form, seed, io);
    const start = performance.now();
    const bytes = writeParts(output, model);
    const cost = countTrainingOverhead(spec);
    const ops: Record<string, number> = {};
    for (const node of model.graph.node) ops[node.op_type] = (ops[node.op_type] ?? 0) + 1;
    io.out(
      [
        `wrote ${output}: ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - start) / 1000).toFixed(1)} s`,
        `${model.graph.name}, opset ${model.opsetVersion}, seed ${seed}: ${model.graph.node.length} nodes (${Object.entries(ops).map(([op, n]) => `${n} ${op}`).join(', ')}), ${model.graph.initializer.length} initializers`,
        `multiply-adds per ${spec.inputSize} px image: training-time ${cost.trainFlops.toLocaleString('en-US')}, deploy ${cost.deployFlops.toLocaleString('en-US')} (ratio ${(cost.trainFlops / cost.deployFlops).toFixed(3)})`,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  },
};
