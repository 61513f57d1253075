/**
 * How F(m×m, 3×3) covers an H×W output map (stride 1, padding 1): ⌈H/m⌉·⌈W/m⌉ tiles of m×m
 * outputs, each reading an α×α input window that starts one pixel up and left of its outputs
 * (the padding). Tiles on the right and bottom edges of a map whose side is not a multiple of m
 * compute a full tile and keep only the outputs inside the map.
 */
import type { WinogradAlgorithm } from './matrices.ts';

export interface Tile {
  /** Tile row and column. */
  readonly ty: number;
  readonly tx: number;
  /** First output row and column it produces. */
  readonly y: number;
  readonly x: number;
  /** Outputs it keeps (m, or fewer on an edge). */
  readonly rows: number;
  readonly cols: number;
}

export interface TilingPlan {
  readonly height: number;
  readonly width: number;
  readonly m: number;
  readonly alpha: number;
  readonly tilesY: number;
  readonly tilesX: number;
  readonly tiles: readonly Tile[];
  /** Outputs computed and thrown away on the edges. */
  readonly wastedOutputs: number;
}

export function tilingPlan(height: number, width: number, alg: Pick<WinogradAlgorithm, 'm' | 'alpha'>): TilingPlan {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new RangeError(`feature map must be at least 1×1, got ${height}×${width}`);
  }
  const { m, alpha } = alg;
  const tilesY = Math.ceil(height / m);
  const tilesX = Math.ceil(width / m);
  const tiles: Tile[] = [];
  for (let ty = 0; ty < tilesY; ty++)
    for (let tx = 0; tx < tilesX; tx++) {
      const y = ty * m;
      const x = tx * m;
      tiles.push({ ty, tx, y, x, rows: Math.min(m, height - y), cols: Math.min(m, width - x) });
    }
  return { height, width, m, alpha, tilesY, tilesX, tiles, wastedOutputs: tilesY * tilesX * m * m - height * width };
}
