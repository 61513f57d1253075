import type { Naming } from '../../io/checkpoint/naming.ts';
import { convertModel } from '../../core/convert-model.ts';
import { countModel, formatParamsM } from '../../core/count.ts';
import { type RepVGGSpec, planModel } from '../../core/family.ts';
import type { DeployModelWeights, TrainModelWeights } from '../../core/model.ts';
import { openCheckpoint } from '../../io/checkpoint/read-checkpoint.ts';
import { type Command, EXIT_OK, MODEL_NAMES_HELP, UsageError, integerOption, modelOption } from '../command.ts';
import { describeCheckpoint, outputKind, readCheckpointFile, writeCheckpoint } from '../checkpoint-files.ts';
import { withFileSource } from '../file-source.ts';
import { checkInputFile } from '../input-file.ts';
import { checkOutput, withInterrupts } from '../output-file.ts';
import { formatBytes } from '../../io/bytes.ts';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export const convert: Command = {
  name: 'convert',
  summary: 'convert a training-time checkpoint (.pth or .safetensors, official or timm) to the deploy form',
  usage: 'convert IN.pth|IN.safetensors -o OUT.safetensors|OUT.pth|OUT.onnx [--force] [-a MODEL] [--naming official|timm] [--input-size N]',
  description: [
    'Reads a RepVGG checkpoint as released (official RepVGG-*-train.pth, timm repvgg_*.safetensors,',
    "plain or under 'model'/'state_dict', with or without 'module.'), infers the architecture from",
    'the tensors, re-parameterizes every block, and writes the deploy model. The output format',
    "follows OUT's extension:",
    '  .pth          a deploy state dict with the official rbr_reparam keys; torch.load reads it',
    '  .safetensors  the same tensors as safetensors',
    '  .onnx         the deploy graph (opset 17, input "input" [batch, 3, N, N], output "logits")',
    'A deploy checkpoint as input is rewritten as it is (in the chosen naming and format).',
    'Nothing in the input file is ever executed: pickles are read with an allowlist.',
    'The input is only read, never changed. OUT is written to a temporary file beside it and',
    'renamed when complete, so a failure or Ctrl-C leaves no half file; an existing OUT is',
    'replaced only with --force, and never when it is the input (also through a link).',
    '',
    'Options:',
    '  -o, --output FILE     where to write (required; its folder must exist)',
    '  --force               replace FILE if it exists (it may not be the input)',
    '  -a, --arch MODEL      check that the input is this model; without it the architecture is',
    '                        inferred and named when it is a known one. MODEL: one of',
    `                        ${MODEL_NAMES_HELP}`,
    '  --naming NAMING       key names of the output: official (default) or timm',
    '  --input-size N        .onnx only: the input side N the graph declares (default 224)',
    '',
    'Example: repvgg convert RepVGG-A0-train.pth -o RepVGG-A0-deploy.pth',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
    arch: { type: 'string', short: 'a' },
    naming: { type: 'string', default: 'official' },
    'input-size': { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one input checkpoint' : 'missing the input checkpoint');
    const input = positionals[0]!;
    const output = values['output'];
    if (typeof output !== 'string' || !output) throw new UsageError('missing -o OUT (the file to write)');
    const kind = outputKind(output);
    const naming = values['naming'];
    if (naming !== 'official' && naming !== 'timm') throw new UsageError(`--naming must be official or timm, not "${String(naming)}"`);
    const arch = values['arch'];
    const variant = typeof arch === 'string' ? modelOption(arch) : undefined;
    const inputSize = integerOption(values['input-size'], 'input-size', 32, 4096);
    if (inputSize !== undefined && kind !== 'onnx') throw new UsageError('--input-size is for .onnx output only (a checkpoint does not record the input size)');
    const force = values['force'] === true;
    // Everything about the output is checked before the input is read: a wrong -o fails at once.
    await checkInputFile(input);
    await checkOutput(output, { force, inputs: [input] });

    const readOptions = {
      ...(variant ? { variant: { ...variant, inputSize: inputSize ?? 224 } } : {}),
      ...(inputSize ? { inputSize } : {}),
    };
    const keysOf = (spec: RepVGGSpec) =>
      kind === 'onnx'
        ? `ONNX graph for ${spec.inputSize}×${spec.inputSize} px inputs`
        : naming === 'official'
          ? 'official rbr_reparam keys'
          : 'timm reparam_conv keys';
    const wrote = (spec: RepVGGSpec, bytes: number, how: string) =>
      io.out(`wrote ${output}: deploy model, ${keysOf(spec)}, ${formatParamsM(countModel(spec).deployParams)} M parameters, ${formatBytes(bytes)} (${how})\n`);
    const writeOptions = { form: 'deploy' as const, naming: naming as Naming, force, inputs: [input] };

    if (kind !== 'onnx') {
      // .pth / .safetensors: one pass. The headers first (what the file is, checked), then block by
      // block: the next block is read (on the thread pool) while this one is converted a few channels
      // at a time and written, so the whole model is never in memory and reading overlaps writing.
      await withFileSource(input, async (source) => {
        let start = performance.now();
        const { info, weights } = await openCheckpoint(source, readOptions);
        io.out(`read ${input}: ${describeCheckpoint(info)} (headers ${seconds(performance.now() - start)}; the weights are read as they are written)\n`);
        if (info.form === 'deploy') io.out('already in deploy form: written as it is\n');
        let convertMs = 0;
        start = performance.now();
        const bytes = await withInterrupts((signal) =>
          writeCheckpoint(weights, output, { ...writeOptions, signal, onConvert: (_layer, ms) => void (convertMs += ms) }),
        );
        const passMs = performance.now() - start;
        if (info.form === 'train')
          io.out(`converted ${planModel(info.spec).length} blocks to one 3x3 conv each while reading and writing (${seconds(convertMs)} of arithmetic)\n`);
        wrote(info.spec, bytes, `${seconds(passMs)} reading, converting and writing in one pass`);
      });
      return EXIT_OK;
    }

    // .onnx: the graph is encoded from the whole deploy model.
    let start = performance.now();
    const loaded = await readCheckpointFile(input, readOptions);
    io.out(`read ${input}: ${describeCheckpoint(loaded)} (${seconds(performance.now() - start)})\n`);
    let weights: TrainModelWeights | DeployModelWeights = loaded.weights;
    if (loaded.form === 'train') {
      start = performance.now();
      weights = convertModel(loaded.weights);
      io.out(`converted ${loaded.weights.blocks.length} blocks to one 3x3 conv each (${seconds(performance.now() - start)})\n`);
    } else {
      io.out('already in deploy form: written as it is\n');
    }
    start = performance.now();
    const deploy = weights;
    const bytes = await withInterrupts((signal) => writeCheckpoint(deploy, output, { ...writeOptions, signal }));
    wrote(deploy.spec, bytes, seconds(performance.now() - start));
    return EXIT_OK;
  },
};
