/**
 * How Winograd tiles cover an output feature map: each output pixel shaded by its tile
 * (checkerboard), outputs an edge tile computes beyond the map drawn dashed (thrown away), the
 * zeros read around the map (padding, and past it for edge tiles) drawn faint, and one tile highlighted with the α×α input window it reads.
 * Row 0 at the top, as in an image. Pure geometry in, SVG out.
 */
import * as Plot from '@observablehq/plot';
import type { Tile, TilingPlan } from '../../core/winograd/tiling';
import { hideUnlabelledMarks } from './a11y';

export interface TilingMapOptions {
  readonly label: string;
  /** Index into plan.tiles of the tile to highlight. */
  readonly selected: number;
  /** Largest drawing side in pixels. */
  readonly size: number;
  readonly document?: Document;
}

interface Pixel {
  readonly x: number;
  readonly y: number;
  readonly kind: 'output' | 'discarded';
  readonly parity: number;
  readonly selected: boolean;
}

/** Every pixel a tile computes, marked kept or discarded. */
export function tilingPixels(plan: TilingPlan, selected: number): Pixel[] {
  const pixels: Pixel[] = [];
  plan.tiles.forEach((t: Tile, i) => {
    for (let dy = 0; dy < plan.m; dy++)
      for (let dx = 0; dx < plan.m; dx++) {
        const kept = dy < t.rows && dx < t.cols;
        pixels.push({ x: t.x + dx, y: t.y + dy, kind: kept ? 'output' : 'discarded', parity: (t.ty + t.tx) % 2, selected: i === selected });
      }
  });
  return pixels;
}

export function tilingMap(plan: TilingPlan, options: TilingMapOptions): SVGSVGElement | HTMLElement {
  const span = Math.max(plan.tilesX, plan.tilesY) * plan.m + 2; // padding ring on both sides
  const unit = Math.max(8, Math.floor(options.size / span));
  const pixels = tilingPixels(plan, options.selected);
  const tile = plan.tiles[options.selected] ?? plan.tiles[0]!;
  const kept = pixels.filter((p) => p.kind === 'output');
  const extentX = plan.tilesX * plan.m + 1;
  const extentY = plan.tilesY * plan.m + 1;
  return hideUnlabelledMarks(
    Plot.plot({
      width: (extentX + 1) * unit,
      height: (extentY + 1) * unit,
      margin: 0,
      x: { domain: [-1, extentX], axis: null },
      y: { domain: [-1, extentY], axis: null, reverse: true },
      marks: [
        // Zeros read around the map: the padding, and what edge tiles read past it.
        Plot.rect([{}], { x1: -1, x2: extentX, y1: -1, y2: extentY, fill: 'currentColor', fillOpacity: 0.07 }),
        Plot.rect(kept, {
          x1: (p: Pixel) => p.x,
          x2: (p: Pixel) => p.x + 1,
          y1: (p: Pixel) => p.y,
          y2: (p: Pixel) => p.y + 1,
          inset: 0.5,
          fill: (p: Pixel) => (p.selected ? 'var(--accent, #a4350f)' : p.parity ? 'var(--rule, #d9d5cc)' : 'var(--bg-soft, #f2f0ea)'),
          stroke: 'var(--fg-soft, #55524c)',
          strokeOpacity: 0.35,
          title: (p: Pixel) => `output (${p.y}, ${p.x})`,
        }),
        Plot.rect(
          pixels.filter((p) => p.kind === 'discarded'),
          {
            x1: (p: Pixel) => p.x,
            x2: (p: Pixel) => p.x + 1,
            y1: (p: Pixel) => p.y,
            y2: (p: Pixel) => p.y + 1,
            inset: 1.5,
            fill: 'none',
            stroke: (p: Pixel) => (p.selected ? 'var(--accent, #a4350f)' : 'var(--fg-soft, #55524c)'),
            strokeDasharray: '2,2',
            title: (p: Pixel) => `computed beyond the map and discarded (${p.y}, ${p.x})`,
          },
        ),
        // The map's border and the selected tile's input window (one pixel of padding around).
        Plot.rect([{}], { x1: 0, x2: plan.width, y1: 0, y2: plan.height, fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 }),
        Plot.rect([{}], {
          x1: tile.x - 1,
          x2: tile.x - 1 + plan.alpha,
          y1: tile.y - 1,
          y2: tile.y - 1 + plan.alpha,
          fill: 'none',
          stroke: 'var(--accent, #a4350f)',
          strokeWidth: 3,
          title: () => `input window of the highlighted tile: ${plan.alpha}×${plan.alpha}`,
        }),
      ],
      ariaLabel: options.label,
      ariaDescription: `${plan.height}×${plan.width} outputs in ${plan.tilesY}×${plan.tilesX} tiles of ${plan.m}×${plan.m}; dashed squares are outputs computed past the edge and discarded. The tile table follows.`,
      ...(options.document ? { document: options.document } : {}),
    }),
  );
}
