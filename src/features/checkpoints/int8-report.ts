/**
 * The checkpoint page's INT8 check: the deploy network run again with its merged kernels
 * quantized to INT8 (per tensor, then per channel), against the float32 deploy network on the
 * same photo. Every number comes from the ClassifyResult (the worker's runs and
 * core/quantize-model.ts's round-trip errors); each carries its raw value (data-value).
 */
import { classLabel, softmax } from '../../core/classes';
import { worstLayer } from '../../core/quantize-model';
import { median } from '../../core/stats';
import { compareLogits } from '../../runtime/compare';
import type { FormRun, Int8Run } from '../../runtime/protocol';
import { el } from '../../ui/el';
import { metric } from '../../ui/report-dom';
import { formatError } from '../../ui/viz/format';
import { scrollRegion } from '../../ui/viz/scroll-region';

const pct = (x: number): string => `${(100 * x).toFixed(x < 0.001 ? 3 : x < 0.1 ? 2 : 1)} %`;
const MODE_TEXT: Record<Int8Run['mode'], string> = { 'per-tensor': 'one scale per tensor', 'per-channel': 'one scale per output channel' };

function row(run: Int8Run, float: FormRun, labels: readonly string[] | null): HTMLElement {
  const key = run.mode;
  // compareLogits(converted, reference): here the INT8 network against the float32 one.
  const { maxAbs, maxRel, top5Deploy: int8Top5, top5Train: floatTop5 } = compareLogits(run.logits, float.logits);
  const floatTop = floatTop5[0]!;
  const int8Top = int8Top5[0]!;
  const overlap = int8Top5.filter((k) => floatTop5.includes(k)).length;
  const worst = worstLayer(run.layers);
  const typical = median(run.layers.map((l) => l.relative));
  const pFloat = softmax(run.logits)[floatTop]!;
  const top1 =
    int8Top === floatTop
      ? el('span', { class: 'ok' }, `the same ✓ (${classLabel(labels, int8Top)}, ${pct(pFloat)})`)
      : el('span', { class: 'bad' }, `changed ✗ to ${classLabel(labels, int8Top)}`);
  return el(
    'tr',
    { 'data-int8': key, 'data-top1-same': String(int8Top === floatTop) },
    el('th', { scope: 'row' }, MODE_TEXT[key]),
    el('td', { class: 'num' }, metric(`int8-${key}-kernel-error`, typical, pct(typical))),
    el(
      'td',
      { class: 'num' },
      metric(`int8-${key}-worst-channel`, worst.worstChannel, pct(worst.worstChannel)),
      `\u00a0(layer\u00a0${worst.layer + 1}\u00a0of\u00a0${run.layers.length})`,
    ),
    el(
      'td',
      { class: 'num' },
      metric(`int8-${key}-logits-max-abs`, maxAbs, formatError(maxAbs)),
      ' (',
      metric(`int8-${key}-logits-max-rel`, maxRel, formatError(maxRel)),
      ')',
    ),
    el('td', {}, top1),
    el('td', { class: 'num' }, metric(`int8-${key}-top5-overlap`, overlap, `${overlap} of 5`)),
  );
}

/** The INT8 section of the results: a table of both scale choices, and what the numbers mean. */
export function renderInt8(runs: readonly Int8Run[], float: FormRun, labels: readonly string[] | null): HTMLElement {
  const body = el('tbody');
  for (const run of runs) body.append(row(run, float, labels));
  const table = scrollRegion(el('div'), 'INT8 against float32');
  table.append(
    el(
      'table',
      { class: 'ckpt-int8' },
      el('caption', {}, 'This checkpoint’s deploy network with INT8 kernels against its float32 deploy network (above), on the same photo'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'INT8 scales'),
          el('th', { scope: 'col', class: 'num' }, 'Kernel error, median layer'),
          el('th', { scope: 'col', class: 'num' }, 'Worst channel'),
          el('th', { scope: 'col', class: 'num' }, 'Logits: max |Δ| (relative)'),
          el('th', { scope: 'col' }, 'Top-1'),
          el('th', { scope: 'col', class: 'num' }, 'Top-5 kept'),
        ),
      ),
      body,
    ),
  );
  return el(
    'section',
    { class: 'ckpt-int8-report', 'aria-label': 'With INT8 weights' },
    el('h3', {}, 'With INT8 weights'),
    el(
      'p',
      {},
      'Each merged 3×3 kernel rounded to 8-bit integers (symmetric, codes −127…127) and multiplied back by its scale, which is what an INT8 network computes with; biases, the classifier and the activations stay float32, so every difference below comes from the kernels. Kernel error is ‖Ŵ − W‖ / ‖W‖; the worst channel is the largest such error of one output channel, which one scale per tensor makes large when the channels’ ranges differ.',
    ),
    table,
    el(
      'p',
      { class: 'note' },
      'Weights only, one photo, no calibration of activations: a full INT8 deployment also rounds every activation, so expect more loss, not less. The official repository’s remedies are quantization-aware training, per-channel scales and RepOpt-style training; float16 needs none of them.',
    ),
  );
}
