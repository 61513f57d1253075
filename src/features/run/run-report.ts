/**
 * The results of one run as HTML: backend and why, timings per graph, the speed-up beside the
 * multiply-add ratio, the differences between the outputs, top-5, and what the numbers mean.
 * Every number comes from the RunResult or from src/core's counts; each carries data-* with the
 * raw value so tests read exactly what is shown.
 */
import { countTrainingOverhead } from '../../core/count-train';
import { planModel } from '../../core/family';
import { findModel } from '../../core/catalog';
import { SAME_WITHIN } from '../../runtime/compare';
import { type BackendInfo, type Comparison, type RunResult, type SessionTiming, buildText } from '../../runtime/protocol';
import { imagenetClassNames } from '../../ui/class-names';
import { el } from '../../ui/el';
import { metric, ms } from '../../ui/report-dom';
import { formatCount, formatError } from '../../ui/viz/format';
import { formatBytes } from '../../io/bytes';
import { plural } from '../../ui/job/environment';

/** "WebGPU" or "WebAssembly with 2 threads": where a run ran. */
const backendWords = (b: BackendInfo): string => (b.backend === 'webgpu' ? 'WebGPU' : `WebAssembly with ${plural(b.threads, 'thread')}`);

const times = (x: number) => `${x.toFixed(2)}×`;

function timingRow(label: string, level: string, timing: SessionTiming, deployMedian: number | undefined, key: string): HTMLTableRowElement {
  const ratio =
    deployMedian === undefined
      ? el('td', { class: 'num' }, '1 (reference)')
      : el('td', { class: 'num' }, metric(`ratio-${key}`, timing.medianMs / deployMedian, times(timing.medianMs / deployMedian)));
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, label),
    el('td', {}, level),
    el('td', { class: 'num' }, metric(`session-${key}`, timing.sessionMs, ms(timing.sessionMs))),
    el('td', { class: 'num' }, metric(`median-${key}`, timing.medianMs, ms(timing.medianMs))),
    ratio,
  );
}

function comparisonText(name: string, against: string, c: Comparison): HTMLElement {
  const ok = c.maxRel < SAME_WITHIN;
  return el(
    'li',
    {},
    `Deploy vs training-time (${against}): max |Δ| = `,
    metric(`max-abs-${name}`, c.maxAbs, formatError(c.maxAbs)),
    ', relative ',
    metric(`max-rel-${name}`, c.maxRel, formatError(c.maxRel)),
    ' ',
    el(
      'span',
      { class: ok ? 'ok' : 'bad' },
      ok ? `✓ within ${formatError(SAME_WITHIN, 0)} relative: float32 rounding` : `✗ more than ${formatError(SAME_WITHIN, 0)} relative`,
    ),
  );
}

function topList(title: string, classes: readonly number[], base: string, key: string): HTMLElement {
  const list = el('ol', { 'data-top5': key });
  for (const c of classes) {
    const item = el('li', { 'data-class': String(c) }, `class ${c}`);
    list.append(item);
    void imagenetClassNames(base).then((names) => {
      if (names[c]) item.textContent = `${names[c]} (class ${c})`;
    });
  }
  return el('div', {}, el('p', {}, el('strong', {}, title)), list);
}

/**
 * The deploy network's top-5 as soon as the worker has it, before the training-time graphs run:
 * replaced by the full report when the run ends.
 */
export function renderFirstAnswer(top5Deploy: readonly number[], b: BackendInfo, base: string): HTMLElement {
  const where = backendWords(b);
  return el(
    'section',
    { class: 'run-first', 'data-first-answer': '', 'aria-label': 'First answer: the deploy network' },
    el('p', {}, `The deploy network's answer, on ${where}, ${buildText(b)}: the training-time graphs, the comparison and the timings follow.`),
    el('div', { class: 'run-top5' }, topList('Deploy top-5', top5Deploy, base, 'deploy')),
  );
}

export interface ReportOptions {
  readonly threadsReason: string;
  readonly base: string;
}

export function renderResult(result: RunResult, options: ReportOptions): HTMLElement {
  const spec = findModel(result.model)!;
  const cost = countTrainingOverhead(spec);
  const layers = planModel(spec).length;
  const { trainDisabled, trainDefault, deploy } = result.sessions;
  const b = result.backend;
  const where = backendWords(b);

  // When WebGPU was wanted but not used, the note says why; otherwise the reason follows the backend.
  const backend = el(
    'p',
    { class: 'run-backend', 'data-backend': b.backend, 'data-threads': String(b.threads), 'data-build': b.build },
    'Ran on ',
    el('strong', {}, where),
    `, ${buildText(b)}`,
    b.fellBack ? '.' : `. ${b.reason}.`,
    b.backend === 'wasm' ? ` Threads: ${options.threadsReason}.` : '',
  );
  const fallback = b.fellBack
    ? el(
        'p',
        { class: 'note', 'data-fallback': '' },
        `WebGPU was not used, so this ran on the CPU, without reloading the page. ${b.reason.replace(/^WebAssembly instead of WebGPU: /, 'Why: ')}.`,
      )
    : '';

  const table = el(
    'table',
    {},
    el(
      'caption',
      {},
      `${result.modelName}, seed ${result.seed}, one ${result.inputShape.join('×')} input: median of ${deploy.runsMs.length} timed runs per graph after ${result.warmup} warm-up run${result.warmup === 1 ? '' : 's'}, the three graphs taking turns`,
    ),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Graph'),
        el('th', { scope: 'col' }, 'ONNX Runtime optimization'),
        el('th', { scope: 'col', class: 'num' }, 'Session creation'),
        el('th', { scope: 'col', class: 'num' }, 'Median latency'),
        el('th', { scope: 'col', class: 'num' }, '÷ deploy'),
      ),
    ),
    el(
      'tbody',
      {},
      timingRow('Training-time (3 branches + BN)', '“disabled”: runs BN and branches as exported', trainDisabled, deploy.medianMs, 'train-disabled'),
      timingRow(
        'Training-time (3 branches + BN)',
        '“all” (the default): folds each Conv+BN, cannot merge branches',
        trainDefault,
        deploy.medianMs,
        'train-default',
      ),
      timingRow('Deploy (re-parameterized)', '“all” (the default)', deploy, undefined, 'deploy'),
    ),
  );

  const flopsRatio = cost.trainFlops / cost.deployFlops;
  const speed = el(
    'p',
    { class: 'readout' },
    'Speed-up from re-parameterization: ',
    metric('speedup-default', trainDefault.medianMs / deploy.medianMs, times(trainDefault.medianMs / deploy.medianMs)),
    ' against the training-time graph at the default optimization level (',
    metric('speedup-disabled', trainDisabled.medianMs / deploy.medianMs, times(trainDisabled.medianMs / deploy.medianMs)),
    ' against it unoptimized). Multiply-adds per image: training-time ',
    formatCount(cost.trainFlops),
    ', deploy ',
    formatCount(cost.deployFlops),
    ': ratio ',
    metric('flops-ratio', flopsRatio, flopsRatio.toFixed(3)),
    '.',
  );

  const v = result.vsTrainDisabled;
  const same = el(
    'div',
    { class: 'readout' },
    el('p', {}, `Same outputs? The largest differences between the ${spec.numClasses} logits:`),
    el('ul', {}, comparisonText('disabled', 'unoptimized', v), comparisonText('default', 'default optimizations', result.vsTrainDefault)),
    el(
      'p',
      { 'data-top5-agree': String(v.top5Agree && result.vsTrainDefault.top5Agree) },
      'Top-5 classes: ',
      el('span', { class: v.top5Agree ? 'ok' : 'bad' }, v.top5Agree ? 'the same five, in the same order ✓' : 'different ✗'),
    ),
  );
  const tops = el(
    'div',
    { class: 'run-top5' },
    topList('Training-time top-5', v.top5Train, options.base, 'train'),
    topList('Deploy top-5', v.top5Deploy, options.base, 'deploy'),
  );

  const steps = el(
    'p',
    { 'data-warm-start': String(result.warmStart) },
    result.warmStart ? 'ONNX Runtime was already started while the page was idle, before you pressed Run (it took ' : 'Started ONNX Runtime in ',
    metric('runtime-ms', result.runtimeMs, ms(result.runtimeMs)),
    result.warmStart ? ', not part of this run: ' : ' (',
    `WebAssembly compiled${b.backend === 'webgpu' ? ', GPU device created' : b.threads > 1 ? ', threads started' : ''}; not included in the session times above). `,
    `Built the training-time weights in ${ms(result.weightsMs)}; re-parameterized all ${layers} layers in this tab in `,
    metric('convert-ms', result.convertMs, ms(result.convertMs)),
    ` (src/core's convertModel). ONNX files: training-time ${formatBytes(result.trainBytes)}, deploy ${formatBytes(result.deployBytes)}.`,
  );

  const million = (n: number) => `${(n / 1e6).toFixed(1)} million`;
  const why = el(
    'div',
    { class: 'note' },
    el(
      'p',
      {},
      `Why the gain is modest on a CPU: a CPU convolution is limited by arithmetic, and merging removes only the 1×1 branches, ${((flopsRatio - 1) * 100).toFixed(1)}% of the multiply-adds. `,
      `ONNX Runtime's default level already folds every BatchNormalization into its convolution, so what the deploy graph still saves is the 1×1 convolutions and the Adds (${million(cost.addElements)} values added per image): on a large model, a gain of roughly 1.1–1.3×.`,
    ),
    el(
      'p',
      {},
      `On a GPU, arithmetic is cheap and every extra operator costs a kernel launch and a pass through memory: the training-time graph has `,
      metric('train-nodes', result.trainNodes, String(result.trainNodes)),
      ' operators against ',
      metric('deploy-nodes', result.deployNodes, String(result.deployNodes)),
      `, and unoptimized it moves ${million(cost.bnElements)} values through BatchNormalization and ${million(cost.addElements)} through Add per image. `,
      'That is where the paper’s larger GPU speed-up (about 1.7× on a 1080Ti, paper) comes from. The same fixed cost per operator is why small models, where each operator does little work, gain more than their multiply-adds suggest on any device.',
    ),
  );

  const truth = el(
    'p',
    { class: 'note' },
    'These weights are seeded random numbers, not trained ones: the “classes” above mean nothing. What the run shows is that the two networks compute the same function, and how much faster the plain one is. Real ImageNet weights come with checkpoint loading.',
  );

  return el(
    'section',
    { class: 'run-report', 'data-model': result.model, 'aria-label': `Results for ${result.modelName}` },
    backend,
    fallback,
    el('div', { class: 'table-scroll' }, table),
    speed,
    same,
    tops,
    steps,
    why,
    truth,
  );
}
