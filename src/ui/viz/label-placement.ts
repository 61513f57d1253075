/**
 * Greedy label placement for scatter plots: each label, in priority order, takes the first of a
 * few candidate positions around its point (right, left, above, below, diagonals) that overlaps
 * no placed label and no point and stays inside the frame; if none is free, the least bad one.
 * Pixel space in, pixel offsets out; a pure function, so it is tested without a DOM.
 */

export interface LabelRequest {
  /** The point, in pixels. */
  readonly x: number;
  readonly y: number;
  /** Estimated label size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Try the left side first instead of the right. */
  readonly preferLeft?: boolean;
}

export interface PlacedLabel {
  /** Where the text anchor goes, in pixels, and how the text hangs from it. */
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

interface Candidate {
  readonly anchor: PlacedLabel['anchor'];
  readonly box: Box;
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** A rough label width: average glyph ≈ 0.58 em in a sans-serif face. */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

export function placeLabels(
  labels: readonly LabelRequest[],
  frame: { left: number; right: number; top: number; bottom: number },
  pointRadius = 5,
): PlacedLabel[] {
  const gap = pointRadius + 3;
  const placed: Box[] = [];
  const points: Box[] = labels.map((l) => ({ x0: l.x - pointRadius, y0: l.y - pointRadius, x1: l.x + pointRadius, y1: l.y + pointRadius }));
  return labels.map((l) => {
    const w = l.width;
    const h = l.height;
    const right: Candidate = { anchor: 'start', box: { x0: l.x + gap, y0: l.y - h / 2, x1: l.x + gap + w, y1: l.y + h / 2 } };
    const left: Candidate = { anchor: 'end', box: { x0: l.x - gap - w, y0: l.y - h / 2, x1: l.x - gap, y1: l.y + h / 2 } };
    const centred = (dy: number): Candidate => ({ anchor: 'middle', box: { x0: l.x - w / 2, y0: l.y + dy - h / 2, x1: l.x + w / 2, y1: l.y + dy + h / 2 } });
    const shifted = (side: Candidate, dy: number): Candidate => ({ anchor: side.anchor, box: { ...side.box, y0: side.box.y0 + dy, y1: side.box.y1 + dy } });
    const sides = l.preferLeft ? [left, right] : [right, left];
    const candidates: Candidate[] = [
      ...sides,
      centred(-(gap + h / 2)),
      centred(gap + h / 2),
      ...sides.flatMap((s) => [shifted(s, -h * 0.8), shifted(s, h * 0.8)]),
    ];
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const c of candidates) {
      const b = c.box;
      const outside = Math.max(0, frame.left - b.x0) + Math.max(0, b.x1 - frame.right) + Math.max(0, frame.top - b.y0) + Math.max(0, b.y1 - frame.bottom);
      let cost = outside * h * 4;
      for (const p of placed) cost += overlap(b, p);
      for (const p of points) cost += overlap(b, p) * 2;
      if (cost < bestCost - 1e-9) {
        best = c;
        bestCost = cost;
      }
      if (cost === 0) break;
    }
    placed.push(best.box);
    const x = best.anchor === 'start' ? best.box.x0 : best.anchor === 'end' ? best.box.x1 : (best.box.x0 + best.box.x1) / 2;
    return { x, y: (best.box.y0 + best.box.y1) / 2, anchor: best.anchor };
  });
}
