import { describe, expect, it } from 'vitest';
import { measureErrors } from '../../../src/core/winograd/error';
import { F2_3, F4_3 } from '../../../src/core/winograd/matrices';
import { activationsLayer } from '../../../src/features/winograd/error-data';
import {
  channelMaps,
  channelOf,
  channelQuery,
  computingText,
  errorSummary,
  errorTable,
  f4OverF2,
  failureText,
  positionErrors,
} from '../../../src/features/winograd/error-model';

const report = measureErrors(activationsLayer(), [F2_3, F4_3]);

describe('error figure: controls and status', () => {
  it('reads the channel box as a whole number 0–15 and keeps channel 0 out of the URL', () => {
    expect(channelOf('7')).toBe(7);
    expect(channelOf('3.6')).toBe(4);
    expect(channelOf('99')).toBe(15);
    expect(channelOf('-2')).toBe(0);
    expect(channelOf('')).toBe(0);
    expect(channelOf('x')).toBe(0);
    expect(channelQuery('0')).toBeNull();
    expect(channelQuery('5')).toBe('5');
  });

  it('says what it is doing, and why it stopped', () => {
    expect(computingText('photo')).toBe('Loading the photo and computing…');
    expect(computingText('activations')).toBe('Computing…');
    expect(failureText(new Error('no canvas'))).toBe('Could not compute: no canvas');
    expect(failureText('gone')).toBe('Could not compute: gone');
  });
});

describe('error figure: from one measurement', () => {
  it('sums up F(4×4) against F(2×2) and F(2×2) against direct', () => {
    const [direct, f2, f4] = report.methods;
    expect(f4OverF2(report)).toBeCloseTo(f4!.rmsRelative / f2!.rmsRelative, 12);
    expect(f4OverF2(report)).toBeGreaterThan(1);
    expect(errorSummary(report)).toBe(
      `On this data, F(4×4)'s typical (RMS) error is ${(f4!.rmsRelative / f2!.rmsRelative).toFixed(1)}× F(2×2)'s, ` +
        `and F(2×2)'s is ${(f2!.rmsRelative / direct!.rmsRelative).toFixed(1)}× direct convolution's, all in float32.`,
    );
  });

  it('tables one row per method, direct at 1.0×', () => {
    const table = errorTable(report);
    expect(table.caption).toContain('16-channel output (28×28)');
    expect(table.head).toHaveLength(5);
    expect(table.rows).toHaveLength(3);
    expect(table.rows.map((r) => r[1])).toEqual(report.methods.map((m) => String(m.multiplicationsPerOutput)));
    expect(table.rows[0]![4]).toBe('1.0×');
  });

  it('cuts one channel out of each method on one shared scale', () => {
    const maps = channelMaps(report, 3);
    const plane = 28 * 28;
    expect(maps.slices).toHaveLength(3);
    expect(maps.slices.every((s) => s.length === plane)).toBe(true);
    expect(maps.slices[2]![0]).toBe(report.methods[2]!.absError[3 * plane]);
    expect(maps.top).toBe(Math.max(...maps.largest));
    expect(maps.pixel).toBe(8); // 240 / 28, at most 8
  });

  it('averages the error by position in the tile for F(2×2) and F(4×4), the far corner worst', () => {
    const where = positionErrors(report);
    expect(where.byPosition.map((p) => p.values.length)).toEqual([4, 16]);
    expect(where.byPosition.map((p) => p.alg.name)).toEqual([F2_3.name, F4_3.name]);
    expect(where.top).toBe(Math.max(...where.byPosition.flatMap((p) => [...p.values])));
    const tile4 = where.byPosition[1]!.values;
    expect(where.cornerRatio).toBe(tile4[15]! / tile4[0]!);
    expect(where.cornerRatio).toBeGreaterThan(1);
  });
});
