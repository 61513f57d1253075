/**
 * <winograd-family>: Wino MULs of every RepVGG variant, counted by tiling each layer (src/core
 * modelMuls, the paper's convention with F(2×2, 3×3)), beside the paper's printed value, the
 * direct FLOPs, what F(4×4, 3×3) would give, and the share Winograd cannot touch.
 */
import { formatBillions } from '../../core/count';
import { REPVGG_VARIANTS } from '../../core/family';
import { modelMuls } from '../../core/winograd/model-muls';
import { F2_3, F4_3 } from '../../core/winograd/matrices';
import { familyRow } from '../../core/family-rows';
import { el } from '../../ui/el';
import { simpleTable } from '../../ui/viz/simple-table';
import { scrollRegion } from '../../ui/viz/scroll-region';

export interface WinogradFamilyRow {
  readonly id: string;
  readonly flops: number;
  readonly f2: number;
  readonly f4: number;
  /** Multiplications in stride-2 layers and the classifier: direct under any algorithm. */
  readonly untouched: number;
  readonly paperF2: string | null;
}

export function winogradFamilyRows(): WinogradFamilyRow[] {
  return REPVGG_VARIANTS.map((spec) => {
    const f2 = modelMuls(spec, F2_3);
    const f4 = modelMuls(spec, F4_3);
    const row = familyRow(spec);
    return {
      id: row.id,
      flops: f2.direct,
      f2: f2.winograd,
      f4: f4.winograd,
      untouched: f2.layers.filter((l) => !l.usesWinograd).reduce((s, l) => s + l.direct, f2.head),
      paperF2: row.paper?.winoMulsB ?? null,
    };
  });
}

const percent = (x: number) => `${(100 * x).toFixed(0)}%`;

export function mount(host: HTMLElement): void {
  const rows = winogradFamilyRows();
  const table = simpleTable({
    caption:
      'Counted here by tiling every layer: billions of multiplications, rounded to 0.1 B as the paper prints them. ' +
      'Stride-1 3×3 layers use the algorithm; stride-2 layers and the classifier stay direct (their share of the FLOPs in the last column).',
    head: ['Variant', 'FLOPs (direct)', 'Wino MULs F(2×2)', '(paper)', 'F(2×2) ÷ FLOPs', 'F(4×4) MULs', 'Stride 2 + classifier'],
    numeric: [1, 2, 3, 4, 5, 6],
    paper: [3],
    rows: rows.map((r) => [
      `RepVGG-${r.id}`,
      formatBillions(r.flops),
      formatBillions(r.f2),
      r.paperF2 ?? '—',
      percent(r.f2 / r.flops),
      formatBillions(r.f4),
      percent(r.untouched / r.flops),
    ]),
  });
  table.querySelectorAll('tbody tr').forEach((tr, i) => tr.setAttribute('data-variant', rows[i]!.id));
  const box = scrollRegion(el('div', {}, table), 'Wino MULs of every variant (scrolls sideways)');
  const reported = rows.filter((r) => r.paperF2 !== null);
  const same = reported.filter((r) => formatBillions(r.f2) === r.paperF2);
  const verdict = el('span', { class: same.length === reported.length ? 'ok' : 'bad', text: `${same.length} of ${reported.length}` });
  const readout = el('p', { class: 'readout' }, verdict, ' reported variants: the same Wino MULs digits as the paper.');
  host.append(box, readout);
}
