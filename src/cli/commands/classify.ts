import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type Prediction, labelSetFor, parseClassNames, topPredictions } from '../../core/classes.ts';
import { deployWeightsOf } from '../../io/checkpoint/read-checkpoint.ts';
import { deployOnnxModel, encodeModel } from '../../io/onnx/index.ts';
import { EVAL_CROP, EVAL_RESIZE, evalInput, shorterSideSize } from '../../io/preprocess.ts';
import { type Command, EXIT_OK, MODEL_NAMES_HELP, UsageError, integerOption, modelOption } from '../command.ts';
import { describeCheckpoint, readCheckpointFile } from '../checkpoint-files.ts';
import { checkInputFile } from '../input-file.ts';
import { readImageFile } from '../image-file.ts';
import { openOnnx, runImage } from '../onnx-session.ts';
import { formatTable } from '../table.ts';

const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(2)} s`;

/** The 1000 ImageNet class names the site serves, in index order. */
async function imagenetNames(): Promise<string[]> {
  return parseClassNames(await readFile(new URL('../../../public/models/imagenet-classes.txt', import.meta.url), 'utf8'));
}

function predictionsTable(predictions: readonly Prediction[]): string {
  const rows = [
    ['#', 'class', 'probability', 'logit'],
    ...predictions.map((p, i) => [
      String(i + 1),
      p.label === `class ${p.index}` ? p.label : `${p.label} (class ${p.index})`,
      `${(100 * p.probability).toFixed(2)} %`,
      p.logit.toFixed(3),
    ]),
  ];
  return formatTable(rows, new Set([0, 2, 3]));
}

export const classify: Command = {
  name: 'classify',
  summary: 'the top-5 ImageNet classes of a photo, from a checkpoint (either form) or an ONNX file',
  usage: 'classify MODEL IMAGE [-a MODEL] [--top K]',
  description: [
    'Runs one photo through a RepVGG and prints the most probable classes with their probabilities.',
    '  MODEL   a checkpoint as released (.pth or .safetensors; official or timm naming; training-time',
    '          or deploy: a training-time one is re-parameterized first), or an .onnx file',
    '  IMAGE   a JPEG, PNG, WebP, GIF, TIFF or AVIF photo',
    `Preprocessing as the official evaluation: shorter side resized to ${EVAL_RESIZE} px (bilinear, as PIL),`,
    `centre crop ${EVAL_CROP}×${EVAL_CROP}, ImageNet mean and std. Inference: onnxruntime-node on the deploy graph.`,
    'Class names are ImageNet\'s for a 1000-class head; any other head prints "class k".',
    '',
    'Options:',
    '  -a, --arch MODEL     check that the checkpoint is this model, one of',
    `                       ${MODEL_NAMES_HELP}`,
    '  --top K              how many classes to print (default 5)',
    '',
    'Example: repvgg classify RepVGG-A0-train.pth samoyed.jpg',
  ].join('\n'),
  options: {
    arch: { type: 'string', short: 'a' },
    top: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 2) throw new UsageError(positionals.length < 2 ? 'give a MODEL and an IMAGE' : `unexpected argument "${positionals[2]}"`);
    const [modelPath, imagePath] = positionals as [string, string];
    const top = integerOption(values['top'], 'top', 1, 1000) ?? 5;
    const isOnnx = extname(modelPath).toLowerCase() === '.onnx';
    const arch = values['arch'];
    if (typeof arch === 'string' && isOnnx) throw new UsageError("-a checks a checkpoint's tensors; an .onnx file is run as it is");
    const variant = typeof arch === 'string' ? { ...modelOption(arch), inputSize: EVAL_CROP } : undefined;
    // Both files first: a missing one is named at once, before any decoding or reading.
    await checkInputFile(modelPath);
    await checkInputFile(imagePath);

    // The image first: a wrong IMAGE is found in a moment, before half a gigabyte of weights is read.
    let start = performance.now();
    const image = await readImageFile(imagePath);
    const resized = shorterSideSize(image.width, image.height, EVAL_RESIZE);
    const { input } = evalInput(image);
    io.out(
      `image: ${basename(imagePath)}, ${image.width}×${image.height} px → ${resized.width}×${resized.height} → centre ${EVAL_CROP}×${EVAL_CROP}, ImageNet mean/std (${seconds(start)})\n`,
    );

    start = performance.now();
    let model: Uint8Array | string = modelPath;
    if (!isOnnx) {
      const loaded = await readCheckpointFile(modelPath, { inputSize: EVAL_CROP, ...(variant ? { variant } : {}) });
      model = encodeModel(deployOnnxModel(deployWeightsOf(loaded)));
      const how = loaded.form === 'train' ? 're-parameterized to the deploy form' : 'already in deploy form';
      io.out(`model: ${basename(modelPath)}, ${describeCheckpoint(loaded)}; ${how} (${seconds(start)})\n`);
    }
    start = performance.now();
    const onnx = await openOnnx(model, basename(modelPath));
    try {
      const logits = await runImage(onnx, input, basename(modelPath));
      const ran = seconds(start);
      const names = labelSetFor(await imagenetNames(), logits.length);
      const predictions = topPredictions(logits, names, Math.min(top, logits.length));
      const labels = names ? 'ImageNet class names' : `no class names: the network has ${logits.length} classes, not ImageNet's 1000`;
      io.out(`ran ${isOnnx ? 'the ONNX file' : 'the deploy graph'} in onnxruntime-node (${ran}): ${logits.length} classes, ${labels}\n\n`);
      io.out(predictionsTable(predictions));
    } finally {
      await onnx.session.release();
    }
    return EXIT_OK;
  },
};
