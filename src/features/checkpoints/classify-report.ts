/**
 * The checkpoint page's results as HTML: what the file was recognized as, the crop the network
 * saw, the top-5 of each form with probabilities, how far apart the two forms are, and where the
 * time went. Every number comes from the ClassifyResult; each carries its raw value (data-value).
 */
import { type Prediction, labelSetFor, topPredictions } from '../../core/classes';
import { countModel, formatParamsM } from '../../core/count';
import { SAME_WITHIN, compareForms } from '../../runtime/compare';
import { type CheckpointSummary, type ClassifyResult, type FormRun, buildText } from '../../runtime/protocol';
import { el } from '../../ui/el';
import { metric, ms } from '../../ui/report-dom';
import { formatCount, formatError } from '../../ui/viz/format';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { float32Bytes } from './explain';
import { renderInt8 } from './int8-report';
import { formatBytes } from '../../io/bytes';

const FORMAT: Record<CheckpointSummary['format'], string> = {
  pth: 'PyTorch .pth (torch.save’s zip archive)',
  'pth-legacy': 'PyTorch .pth in the format before PyTorch 1.6',
  safetensors: 'safetensors',
};

/** What the file is, as a definition list; shown as soon as the worker has read the headers. */
export function renderSummary(summary: CheckpointSummary, fileName: string): HTMLElement {
  const naming = summary.naming === 'official' ? 'the official repository’s (stage0, rbr_dense, linear)' : 'timm’s (stem, stages, conv_kxk, head.fc)';
  const wrapped = [summary.wrapper ? `stored under '${summary.wrapper}'` : '', summary.prefix ? `every key prefixed '${summary.prefix}'` : '']
    .filter(Boolean)
    .join(', ');
  const form =
    summary.form === 'train' ? 'training-time: three branches and batch norm per block' : 'deploy: one fused 3×3 convolution per block, already converted';
  const variant = summary.variant ?? 'not one of the paper’s variants (a custom width, depth or head)';
  const rows: [string, Node | string][] = [
    ['File', `${fileName}, ${formatBytes(summary.fileBytes)}`],
    ['Format', FORMAT[summary.format]],
    ['Key names', wrapped ? `${naming}; ${wrapped}` : naming],
    ['Form', form],
    ['Variant (inferred from the shapes)', el('span', { 'data-variant': summary.variant ?? 'custom' }, variant)],
    ['Architecture', `${summary.architecture}; ${formatParamsM(countModel(summary.spec).deployParams)} M parameters deployed`],
    [
      'Tensors',
      `${formatCount(summary.tensorCount)}, ${formatBytes(summary.weightBytes)} of ${summary.dtypes.join('/')} weights${summary.dtypes.some((d) => d !== 'float32') ? ` (${formatBytes(float32Bytes(summary.weightBytes, summary.dtypes))} once widened to float32)` : ''}`,
    ],
  ];
  const list = el('dl', { class: 'ckpt-summary', 'data-form': summary.form, 'data-naming': summary.naming, 'data-format': summary.format });
  for (const [term, value] of rows) list.append(el('dt', {}, term), el('dd', {}, value));
  return el('section', { class: 'ckpt-recognized', 'aria-label': 'What the file was recognized as' }, el('h3', {}, 'What the file is'), list);
}

const percent = (p: number): string => (p >= 0.0001 ? `${(100 * p).toFixed(2)} %` : '< 0.01 %');

function topList(title: string, key: 'train' | 'deploy', predictions: readonly Prediction[]): HTMLElement {
  const list = el('ol', { 'data-top5': key });
  for (const p of predictions) {
    const name = p.label === `class ${p.index}` ? p.label : `${p.label} (class ${p.index})`;
    const bar = el('span', { class: 'ckpt-bar', 'aria-hidden': 'true' });
    bar.style.setProperty('--p', String(p.probability));
    list.append(
      el(
        'li',
        { 'data-class': String(p.index), 'data-probability': String(p.probability) },
        el('span', { class: 'ckpt-name' }, name),
        ' ',
        el('span', { class: 'ckpt-p' }, percent(p.probability)),
        bar,
      ),
    );
  }
  return el('div', { class: 'ckpt-top' }, el('p', {}, el('strong', {}, title)), list);
}

function cropFigure(result: ClassifyResult): HTMLElement {
  const canvas = el('canvas', {
    width: String(result.crop.width),
    height: String(result.crop.height),
    role: 'img',
    'aria-label': 'The 224 by 224 pixel crop of the photo that the network saw',
  });
  const context = canvas.getContext('2d');
  if (context) {
    const data = context.createImageData(result.crop.width, result.crop.height);
    for (let i = 0, j = 0; j < result.crop.rgb.length; i += 4, j += 3) {
      data.data[i] = result.crop.rgb[j]!;
      data.data[i + 1] = result.crop.rgb[j + 1]!;
      data.data[i + 2] = result.crop.rgb[j + 2]!;
      data.data[i + 3] = 255;
    }
    context.putImageData(data, 0, 0);
  }
  const { imageSize: a, resized: b } = result;
  return el(
    'figure',
    { class: 'ckpt-crop' },
    canvas,
    el(
      'figcaption',
      {},
      `What the network sees: your ${a.width}×${a.height} photo resized to ${b.width}×${b.height} (shorter side 256 px, bilinear), then the centre 224×224; each channel is then normalized with ImageNet’s mean and standard deviation.`,
    ),
  );
}

function comparison(deploy: FormRun, train: FormRun): HTMLElement {
  const c = compareForms(deploy.logits, train.logits);
  const ok = c.maxRel < SAME_WITHIN;
  return el(
    'div',
    { class: 'readout ckpt-diff', 'data-top5-agree': String(c.top5Agree) },
    el('p', {}, 'Deploy against training-time, all ', String(deploy.logits.length), ' classes:'),
    el(
      'ul',
      {},
      el(
        'li',
        {},
        'logits: max |Δ| = ',
        metric('logits-max-abs', c.maxAbs, formatError(c.maxAbs)),
        ', relative ',
        metric('logits-max-rel', c.maxRel, formatError(c.maxRel)),
        ' ',
        el(
          'span',
          { class: ok ? 'ok' : 'bad' },
          ok ? `✓ within ${formatError(SAME_WITHIN, 0)}: float32 rounding` : `✗ more than ${formatError(SAME_WITHIN, 0)} relative`,
        ),
      ),
      el(
        'li',
        {},
        'probabilities: max |Δ| = ',
        metric('prob-max-abs', c.probMaxAbs, formatError(c.probMaxAbs)),
        ', relative ',
        metric('prob-max-rel', c.probMaxRel, formatError(c.probMaxRel)),
      ),
      el('li', {}, c.top5Agree ? 'the same five classes, in the same order ✓' : 'the top-5 differ ✗'),
    ),
  );
}

function timings(result: ClassifyResult): HTMLElement {
  const rows: [string, number | null, string][] = [
    ['Resize and crop the photo', result.preprocessMs, 'preprocess'],
    ['Start ONNX Runtime', result.runtimeMs, 'runtime'],
    ['Read the checkpoint (tensor by tensor)', result.readMs, 'read'],
  ];
  const form = (run: FormRun, name: string, key: string) => {
    rows.push([`${name}: build the ONNX graph (${run.nodes} operators, ${formatBytes(run.onnxBytes)})`, run.exportMs, `export-${key}`]);
    rows.push([`${name}: create the session${run.optimization === 'disabled' ? ' (optimizations disabled)' : ''}`, run.sessionMs, `session-${key}`]);
    rows.push([`${name}: first run on the photo`, run.runMs, `run-${key}`]);
  };
  if (result.train) form(result.train, 'Training-time', 'train');
  if (result.convertMs !== null) rows.push(['Re-parameterize (src/core)', result.convertMs, 'convert']);
  form(result.deploy, 'Deploy', 'deploy');
  for (const run of result.int8 ?? []) {
    rows.push([`INT8 (${run.mode}): create the session`, run.sessionMs, `session-int8-${run.mode}`]);
    rows.push([`INT8 (${run.mode}): first run on the photo`, run.runMs, `run-int8-${run.mode}`]);
  }
  const body = el('tbody');
  for (const [label, value, key] of rows)
    body.append(el('tr', {}, el('th', { scope: 'row' }, label), el('td', { class: 'num' }, value === null ? '—' : metric(`ms-${key}`, value, ms(value)))));
  const b = result.backend;
  const where = b.backend === 'webgpu' ? 'WebGPU' : `WebAssembly with ${b.threads} thread${b.threads === 1 ? '' : 's'}`;
  const box = scrollRegion(el('div'), 'Timings');
  box.append(
    el(
      'table',
      {},
      el(
        'caption',
        {},
        `Where the time went, on ${where}: one run of each network, so its one-time costs are included (“Run the models” compares speed properly)`,
      ),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Step'), el('th', { scope: 'col', class: 'num' }, 'Time'))),
      body,
    ),
  );
  return box;
}

export function renderResult(result: ClassifyResult, names: readonly string[], fileName: string): HTMLElement {
  const classes = result.deploy.logits.length;
  const labels = labelSetFor(names, classes);
  const deployTitle = result.train ? 'Deploy network (re-parameterized here)' : 'Deploy network (as in the file)';
  const tops = el('div', { class: 'ckpt-tops' });
  if (result.train) tops.append(topList('Training-time network (as in the file)', 'train', topPredictions(result.train.logits, labels)));
  tops.append(topList(deployTitle, 'deploy', topPredictions(result.deploy.logits, labels)));

  const b = result.backend;
  const where = b.backend === 'webgpu' ? 'WebGPU' : `WebAssembly with ${b.threads} thread${b.threads === 1 ? '' : 's'}`;
  const backend = el(
    'p',
    { class: 'ckpt-backend', 'data-backend': b.backend, 'data-build': b.build },
    'Ran on ',
    el('strong', {}, where),
    `, ${buildText(b)}. ${b.reason}.`,
  );
  const notes: HTMLElement[] = [];
  if (!labels)
    notes.push(
      el(
        'p',
        { class: 'note', 'data-no-names': '' },
        `This network has ${classes} classes, not ImageNet’s 1000, so the lists show class numbers: the notebook has no names for its classes.`,
      ),
    );
  if (!result.train)
    notes.push(
      el(
        'p',
        { class: 'note' },
        'This checkpoint is already in deploy form, so there is no training-time network in it to compare with: convert a training-time file to see both.',
      ),
    );
  return el(
    'section',
    { class: 'ckpt-report', 'aria-label': `Results for ${fileName}` },
    renderSummary(result.checkpoint, fileName),
    el('h3', {}, 'What the network says'),
    backend,
    el('div', { class: 'ckpt-seen' }, cropFigure(result), tops),
    ...(result.train ? [comparison(result.deploy, result.train)] : []),
    ...notes,
    ...(result.int8 ? [renderInt8(result.int8, result.deploy, labels)] : []),
    el('h3', {}, 'Timings'),
    timings(result),
  );
}
