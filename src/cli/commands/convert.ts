import { resolve } from 'node:path';
import { formatBytes } from '../../math/checkpoint/errors.ts';
import type { Naming } from '../../math/checkpoint/naming.ts';
import type { LoadedCheckpoint } from '../../math/checkpoint/read-checkpoint.ts';
import { convertModel } from '../../math/convert-model.ts';
import { countModel, formatParamsM } from '../../math/count.ts';
import { getVariant } from '../../math/family.ts';
import type { DeployModelWeights } from '../../math/model.ts';
import { type Command, EXIT_OK, UsageError } from '../command.ts';
import { ONNX_UNAVAILABLE, outputKind, readCheckpointFile, writeCheckpoint } from '../checkpoint-files.ts';
import { onnxFileWriter } from '../onnx-output.ts';

const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(2)} s`;

function describeInput(c: LoadedCheckpoint): string {
  const form = c.form === 'train' ? 'training-time' : 'deploy';
  const where = [c.wrapper ? `under '${c.wrapper}'` : '', c.prefix ? `keys prefixed '${c.prefix}'` : ''].filter(Boolean).join(', ');
  const format = { pth: 'PyTorch .pth', 'pth-legacy': 'PyTorch .pth (legacy format, before PyTorch 1.6)', safetensors: 'safetensors' }[c.format];
  return `${c.variant ?? 'a custom RepVGG'} (${c.architecture}), ${form}, ${c.naming} naming, ${format}${where ? `, ${where}` : ''}; ${formatBytes(c.weightBytes)} of ${c.dtypes.join('/')} weights`;
}

export const convert: Command = {
  name: 'convert',
  summary: 'convert a training-time checkpoint (.pth or .safetensors, official or timm) to the deploy form',
  usage: 'convert IN.pth|IN.safetensors -o OUT.safetensors|OUT.pth|OUT.onnx [-a VARIANT] [--naming official|timm]',
  description: [
    'Reads a RepVGG checkpoint as released (official RepVGG-*-train.pth, timm repvgg_*.safetensors,',
    'plain or under \'model\'/\'state_dict\', with or without \'module.\'), infers the architecture from',
    'the tensors, re-parameterizes every block, and writes the deploy model. The output format',
    'follows OUT\'s extension:',
    '  .pth          a deploy state dict with the official rbr_reparam keys; torch.load reads it',
    '  .safetensors  the same tensors as safetensors',
    '  .onnx         the deploy graph (needs the ONNX exporter)',
    'A deploy checkpoint as input is rewritten as it is (in the chosen naming and format).',
    'Nothing in the input file is ever executed: pickles are read with an allowlist.',
    '',
    'Options:',
    '  -o, --output FILE     where to write (required)',
    '  -a, --arch VARIANT    check that the input is this variant (A0 … B3g4); without it the',
    '                        architecture is inferred and named when it is a known variant',
    '  --naming NAMING       key names of the output: official (default) or timm',
    '',
    'Example: repvgg convert RepVGG-A0-train.pth -o RepVGG-A0-deploy.pth',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o' },
    arch: { type: 'string', short: 'a' },
    naming: { type: 'string', default: 'official' },
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
    // Say so before reading half a gigabyte, not after.
    if (kind === 'onnx' && !onnxFileWriter()) throw new Error(ONNX_UNAVAILABLE);

    let start = performance.now();
    const loaded = await readCheckpointFile(input, variant ? { variant } : {});
    io.out(`read ${input}: ${describeInput(loaded)} (${seconds(start)})\n`);

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
    const keys = kind === 'onnx' ? 'ONNX graph' : naming === 'official' ? 'official rbr_reparam keys' : 'timm reparam_conv keys';
    io.out(`wrote ${output}: deploy model, ${keys}, ${params} M parameters, ${formatBytes(bytes)} (${seconds(start)})\n`);
    return EXIT_OK;
  },
};
