import { describe, expect, it } from 'vitest';
import { createRng, portableLog } from '../../src/core/random.ts';

// Golden values printed by tools/fixtures/random-golden.py, an independent Python implementation
// (Python floats are IEEE doubles with the same correctly rounded + − × ÷ √). Matching them to
// the last digit shows the generator uses nothing engine-specific.
describe('createRng golden values', () => {
  it('integers', () => {
    const zero = createRng(0);
    expect(Array.from({ length: 6 }, () => zero.nextUint32())).toEqual([3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335]);
    const rng = createRng(42);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290]);
    // uniforms continue the same stream
    expect(Array.from({ length: 4 }, () => rng.uniform())).toEqual([0.015209237180418, 0.8806870827450254, 0.1833730151847529, 0.9688792075315185]);
  });

  it('normals', () => {
    const rng = createRng(2021);
    expect(Array.from({ length: 8 }, () => rng.normal())).toEqual([
      0.509413719368941, -0.9576038762353893, 1.7465773559748679, -1.965675140596978, -1.0703000148122466, -1.4978660209437564, -0.13530553722342328,
      -1.7957916498032758,
    ]);
  });

  it('fillNormal into float32 with mean and std', () => {
    const values = createRng(4294967295).fillNormal(new Float32Array(5), 1, 0.5);
    expect(Array.from(values)).toEqual([0.3184029161930084, 0.8824529051780701, 1.8500772714614868, -0.06585974246263504, 0.6038661599159241]);
  });
});

describe('createRng', () => {
  it('gives the same numbers on every run and different numbers for different seeds', () => {
    const draw = (seed: number) => createRng(seed).fillNormal(new Float64Array(1000));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('rejects seeds that are not 32-bit unsigned integers', () => {
    for (const seed of [-1, 0.5, 2 ** 32, Number.NaN]) expect(() => createRng(seed)).toThrow(RangeError);
  });

  it('draws uniforms in [low, high) and normals with the right moments', () => {
    const rng = createRng(3);
    const u = rng.fillUniform(new Float64Array(20000), -2, 3);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(3);
    const z = rng.fillNormal(new Float64Array(100000), 5, 2);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    const kurtosis = z.reduce((s, v) => s + (v - mean) ** 4, 0) / z.length / variance ** 2;
    expect(mean).toBeCloseTo(5, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
    expect(kurtosis).toBeCloseTo(3, 1); // a sum of a few uniforms would give < 3
    expect(z.filter((v) => Math.abs(v - 5) > 2 * 2).length / z.length).toBeCloseTo(0.0455, 2);
  });
});

describe('portableLog', () => {
  it('agrees with Math.log to rounding over (0, 1]', () => {
    const rng = createRng(11);
    for (let i = 0; i < 2000; i++) {
      const x = i < 1000 ? rng.uniform() || 1 : 2 ** -(rng.uniform() * 60);
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(Math.log(x))));
    }
    expect(portableLog(1)).toBe(0);
    expect(() => portableLog(0)).toThrow(RangeError);
    expect(() => portableLog(1.5)).toThrow(RangeError);
  });
});
