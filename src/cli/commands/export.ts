import { type TrainModelWeights, convertModel, countTrainingOverhead, createTrainWeights } from '../../core/index.ts';
import { deployOnnxModel, trainOnnxModel } from '../../io/onnx/index.ts';
import { DEFAULT_SEED } from '../../core/catalog.ts';
import { type Command, EXIT_OK, MODEL_NAMES_HELP, UsageError, integerOption, modelOption } from '../command.ts';
import { outputKind, writeCheckpoint } from '../checkpoint-files.ts';
import { writeOnnxTo } from '../onnx-output.ts';
import { checkOutput, withInterrupts, writeOutputFile } from '../output-file.ts';
import { formatBytes } from '../../io/bytes.ts';

const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a RepVGG with seeded random weights: ONNX graph or checkpoint, training-time or deploy form',
  usage: 'export MODEL --form train|deploy -o FILE.onnx|FILE.pth|FILE.safetensors [--force] [--seed N] [--input-size N] [--naming official|timm]',
  description: [
    "Builds the training-time weights of MODEL from a seed and writes them in the format FILE's",
    'extension names:',
    '  .onnx          one ONNX graph (opset 17)',
    '  .pth           a state dict as torch.save writes it (torch.load reads it back)',
    '  .safetensors   the same tensors as safetensors',
    'in one of two forms:',
    '  --form train    the multi-branch network: per block Conv3x3+BatchNormalization,',
    '                  Conv1x1+BatchNormalization, identity BatchNormalization (where it exists), Add, Relu;',
    '                  as a checkpoint: the official RepVGG-*-train.pth layout (rbr_dense, rbr_1x1, rbr_identity)',
    '  --form deploy   the same weights re-parameterized: one Conv3x3 with bias + Relu per block',
    '                  (rbr_reparam keys in a checkpoint)',
    'Both forms of one seed compute the same function. ONNX: input "input" float32 [batch, 3, S, S],',
    'output "logits" [batch, 1000]; the batch size is free.',
    '',
    'MODEL (as the first argument, or -a MODEL): one of',
    `  ${MODEL_NAMES_HELP}`,
    '',
    'Options:',
    '  -a, --arch MODEL     the model, if not given as the first argument',
    `  --seed N             weight seed (default ${DEFAULT_SEED}); the same seed gives the same bits everywhere`,
    '  --input-size N       .onnx: input side S in pixels (default 224)',
    '  --naming NAMING      .pth/.safetensors: key names, official (default) or timm',
    '  -o, --output FILE    where to write (its folder must exist)',
    '  --force              replace FILE if it exists (without it, an existing file is never touched)',
    '',
    'The weights are random, not trained: predictions mean nothing. Examples:',
    '  npx repvgg export A0 --form deploy -o RepVGG-A0-deploy.onnx',
    '  npx repvgg export RepVGG-B1g2 --form deploy --seed 7 -o b1g2-deploy.onnx',
    '  npx repvgg export B3 --form train -o RepVGG-B3-train.pth   (a B3-sized checkpoint for tests)',
  ].join('\n'),
  options: {
    arch: { type: 'string', short: 'a' },
    form: { type: 'string' },
    seed: { type: 'string' },
    'input-size': { type: 'string' },
    naming: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}": give one MODEL`);
    const arch = values['arch'];
    if (typeof arch === 'string' && positionals.length && modelOption(arch) !== modelOption(positionals[0]!)) {
      throw new UsageError(`two models given: "${positionals[0]}" and -a ${arch}; give one`);
    }
    const name = positionals[0] ?? arch;
    if (typeof name !== 'string') throw new UsageError('missing the MODEL, e.g. repvgg export A0 --form deploy -o RepVGG-A0-deploy.onnx');
    const base = modelOption(name);
    const form = values['form'];
    const output = values['output'];
    // Say the whole command, for the model asked for, when a part is missing.
    const example = (f: string) => `repvgg export ${name} --form ${f} -o ${base.name}-${f}.onnx`;
    if (form !== 'train' && form !== 'deploy') throw new UsageError(`--form must be train or deploy, e.g. ${example('deploy')}`);
    if (typeof output !== 'string' || output === '') throw new UsageError(`missing -o FILE (.onnx, .pth or .safetensors), e.g. ${example(form)}`);
    const kind = outputKind(output);
    const seed = integerOption(values['seed'], 'seed', 0, 2 ** 32 - 1) ?? DEFAULT_SEED;
    const inputSize = integerOption(values['input-size'], 'input-size', 32, 4096);
    const naming = values['naming'] ?? 'official';
    if (naming !== 'official' && naming !== 'timm') throw new UsageError(`--naming must be official or timm, not "${String(naming)}"`);
    if (kind === 'onnx' && values['naming'] !== undefined)
      throw new UsageError('--naming is for .pth and .safetensors output (ONNX tensors keep the official names)');
    if (kind !== 'onnx' && inputSize !== undefined) throw new UsageError('--input-size is for .onnx output only (a checkpoint does not record the input size)');
    const force = values['force'] === true;
    await checkOutput(output, { force }); // before seconds of weight generation
    const spec = inputSize === undefined ? base : { ...base, inputSize };

    let start = performance.now();
    let train: TrainModelWeights | null = createTrainWeights(spec, seed);
    io.err(`${spec.name}: training-time weights (seed ${seed}) in ${seconds(start)}\n`);
    start = performance.now();
    const lines: string[] = [];
    if (kind === 'onnx') {
      const model = form === 'train' ? trainOnnxModel(train, { seed }) : deployOnnxModel(convertModel(train), { seed });
      train = null; // the deploy graph holds only the deploy weights: let the training-time ones go before writing
      const bytes = await withInterrupts((signal) => writeOutputFile(output, { force, signal }, (sink) => writeOnnxTo(sink, model)));
      const ops: Record<string, number> = {};
      for (const node of model.graph.node) ops[node.op_type] = (ops[node.op_type] ?? 0) + 1;
      lines.push(
        `wrote ${output}: ${(bytes / 2 ** 20).toFixed(1)} MiB in ${seconds(start)}`,
        `${model.graph.name}, opset ${model.opsetVersion}, seed ${seed}: ${model.graph.node.length} nodes (${Object.entries(ops)
          .map(([op, n]) => `${n} ${op}`)
          .join(', ')}), ${model.graph.initializer.length} initializers`,
      );
    } else {
      // Deploy form: the writer re-parameterizes a few channels at a time as it writes.
      const weights = train;
      const bytes = await withInterrupts((signal) => writeCheckpoint(weights, output, { form, naming, force, signal }));
      const what = form === 'train' ? 'training-time state dict (rbr_dense, rbr_1x1, rbr_identity)' : 'deploy state dict (rbr_reparam)';
      lines.push(`wrote ${output}: ${spec.name} ${what}, ${naming} naming, seed ${seed}, ${formatBytes(bytes)} in ${seconds(start)}`);
    }
    const cost = countTrainingOverhead(spec);
    lines.push(
      `multiply-adds per ${spec.inputSize} px image: training-time ${cost.trainFlops.toLocaleString('en-US')}, deploy ${cost.deployFlops.toLocaleString('en-US')} (ratio ${(cost.trainFlops / cost.deployFlops).toFixed(3)})`,
      '',
    );
    io.out(lines.join('\n'));
    return EXIT_OK;
  },
};
