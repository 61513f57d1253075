import { resolve } from 'node:path';
import { formatBytes } from '../../math/checkpoint/errors.ts';
import type { Naming } from '../../math/checkpoint/naming.ts';
import { convertModel } from '../../math/convert-model.ts';
import { countModel, formatParamsM } from '../../math/count.ts';
import { getVariant } from '../../math/family.ts';
import type { DeployModelWeights } from '../../math/model.ts';
import { type Command, EXIT_OK, UsageError, integerOption } from '../command.ts';
import { describeCheckpoint, outputKind, readCheckpointFile, writeCheckpoint } from '../checkpoint-files.ts';

const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(2)} s`;

export const convert: Command = {
  name: 'convert',
  summary: 'convert a training-time checkpoint (.pth or .safetensors, official or timm) to the deploy form',
  usage: 'convert IN.pth|IN.safetensors -o OUT.safetensors|OUT.pth|OUT.onnx [-a VARIANT] [--naming official|timm] [--input-size N]',
  description: [
    'Reads a RepVGG checkpoint as released (official RepVGG-*-train.pth, timm repvgg_*.safetensors,',
    'plain or under \'model\'/\'state_dict\', with or without \'module.\'), infers the architecture from',
    'the tensors, re-parameterizes every block, and writes the deploy model. The output format',
    'follows OUT\'s extension:',
    '  .pth          a deploy state dict with the official rbr_reparam keys; torch.load reads it',
    '  .safetensors  the same tensors as safetensors',
    '  .onnx         the deploy graph (opset 17, input "input" [batch, 3, N, N], output "logits")',
    'A deploy checkpoint as input is rewritten as it is (in the chosen naming and format).',
    'Nothing in the input file is ever executed: pickles are read with an allowlist.',
    '',
    'Options:',
    '  -o, --output FILE     where to write (required)',
    '  -a, --arch VARIANT    check that the input is this variant (A0 … B3g4); without it the',
    '                        architecture is inferred and named when it is a known variant',
    '  --naming NAMING       key names of the output: official (default) or timm',
    '  --input-size N        .onnx only: the input side N the graph declares (default 224)',
    '',
    'Example: repvgg convert RepVGG-A0-train.pth -o RepVGG-A0-deploy.pth',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o' },
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
    if (resolve(input) === resolve(output)) throw new UsageError('the output would overwrite the input');
    const naming = values['naming'];
    if (naming !== 'official' && naming !== 'timm') throw new UsageError(`--naming must be official or timm, not "${String(naming)}"`);
    const arch = values['arch'];
    let variant: string | undefined;
    if (typeof arch === 'string') {
      try {
        variant = getVariant(arch).name;
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const inputSize = integerOption(values['input-size'], 'input-size', 32, 4096);
    if (inputSize !== undefined && kind !== 'onnx') throw new UsageError('--input-size is for .onnx output only (a checkpoint does not record the input size)');

    let start = performance.now();
    const loaded = await readCheckpointFile(input, { ...(variant ? { variant } : {}), ...(inputSize ? { inputSize } : {}) });
    io.out(`read ${input}: ${describeCheckpoint(loaded)} (${seconds(start)})\n`);

    let deploy: DeployModelWeights;
    if (loaded.form === 'train') {
      start = performance.now();
      deploy = convertModel(loaded.weights);
      io.out(`converted ${deploy.blocks.length} blocks to one 3x3 conv each (${seconds(start)})\n`);
    } else {
      deploy = loaded.weights;
      io.out('already in deploy form: written as it is\n');
    }

    start = performance.now();
    const bytes = await writeCheckpoint(deploy, output, { form: 'deploy', naming: naming as Naming });
    const params = formatParamsM(countModel(deploy.spec).deployParams);
    const keys = kind === 'onnx' ? `ONNX graph for ${deploy.spec.inputSize}×${deploy.spec.inputSize} px inputs` : naming === 'official' ? 'official rbr_reparam keys' : 'timm reparam_conv keys';
    io.out(`wrote ${output}: deploy model, ${keys}, ${params} M parameters, ${formatBytes(bytes)} (${seconds(start)})\n`);
    return EXIT_OK;
  },
};
