import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../src/io/image.ts';
import { IMAGENET_MEAN, IMAGENET_STD, rgbToTensor } from '../../src/io/image.ts';
import { EVAL_CROP, centerCrop, evalCrop, evalInput, resizeBilinear, rgbaToRgb, shorterSideSize } from '../../src/io/preprocess.ts';

/** A grey image (r = g = b) from one row of values per line. */
function grey(rows: number[][]): RgbImage {
  const height = rows.length;
  const width = rows[0]!.length;
  return { width, height, rgb: Uint8Array.from(rows.flat().flatMap((v) => [v, v, v])) };
}
const reds = (image: RgbImage) => [...image.rgb].filter((_, i) => i % 3 === 0);

describe('Resize(256) output size, as torchvision computes it', () => {
  it('shorter side to the size, longer side truncated, either orientation', () => {
    expect(shorterSideSize(1546, 1213, 256)).toEqual({ width: 326, height: 256 }); // 256·1546/1213 = 326.3
    expect(shorterSideSize(1213, 1546, 256)).toEqual({ width: 256, height: 326 });
    expect(shorterSideSize(500, 500, 256)).toEqual({ width: 256, height: 256 });
    expect(shorterSideSize(100, 300, 256)).toEqual({ width: 256, height: 768 });
    expect(() => shorterSideSize(0, 5, 256)).toThrow(RangeError);
  });
});

describe("resizeBilinear (PIL's bilinear filter)", () => {
  it('same size: the pixels unchanged; a flat image stays flat at any size', () => {
    const image = grey([
      [3, 200, 17],
      [90, 0, 255],
    ]);
    expect(resizeBilinear(image, 3, 2).rgb).toEqual(image.rgb);
    const flat = grey(Array.from({ length: 9 }, () => Array.from({ length: 13 }, () => 77)));
    expect(new Set(resizeBilinear(flat, 5, 4).rgb)).toEqual(new Set([77]));
    expect(new Set(resizeBilinear(flat, 31, 20).rgb)).toEqual(new Set([77]));
  });

  it('enlarging is ordinary bilinear interpolation between pixel centres', () => {
    expect(reds(resizeBilinear(grey([[0, 100]]), 4, 1))).toEqual([0, 25, 75, 100]);
  });

  it('shrinking widens the triangle by the scale: 4 → 2 px weighs 3 pixels 3/7, 3/7, 1/7 (worked by hand)', () => {
    // Output 0: centre 1.0, support 2, weights 1 − |i − 1 + ½| / 2 for i = 0, 1, 2 → 0.75, 0.75, 0.25.
    // Output 1: centre 3.0, i = 1, 2, 3 → 0.25, 0.75, 0.75. Normalized, then rounded to 8 bits.
    expect(reds(resizeBilinear(grey([[0, 100, 200, 255]]), 2, 1))).toEqual([Math.round(500 / 7), Math.round(366.25 / 1.75)]);
  });

  it('antialiased: a one-pixel checkerboard shrunk 4× is even grey, not the black or white that point sampling picks', () => {
    const board = grey(Array.from({ length: 16 }, (_, y) => Array.from({ length: 16 }, (_, x) => ((x + y) % 2 ? 255 : 0))));
    for (const v of resizeBilinear(board, 4, 4).rgb) expect(Math.abs(v - 127.5)).toBeLessThan(12);
  });

  it('refuses a bad size and short data', () => {
    expect(() => resizeBilinear(grey([[1]]), 0, 3)).toThrow(RangeError);
    expect(() => resizeBilinear({ width: 2, height: 2, rgb: new Uint8Array(5) }, 1, 1)).toThrow(/needs 12 bytes/);
  });
});

describe('centerCrop and the whole evaluation preprocessing', () => {
  it('places the crop as torchvision does: offsets rounded half to even', () => {
    // (7 − 4) / 2 = 1.5 → 2; (9 − 4) / 2 = 2.5 → 2 (Python's round).
    const tall = (w: number) => grey(Array.from({ length: 4 }, () => Array.from({ length: w }, (_, x) => x)));
    expect(reds(centerCrop(tall(7), 4)).slice(0, 4)).toEqual([2, 3, 4, 5]);
    expect(reds(centerCrop(tall(9), 4)).slice(0, 4)).toEqual([2, 3, 4, 5]);
    expect(() => centerCrop(tall(3), 4)).toThrow(/cannot crop/);
  });

  it('evalInput: the 224 crop of the 256 resize, normalized with ImageNet mean and std, [1, 3, 224, 224]', () => {
    const image = grey(Array.from({ length: 300 }, (_, y) => Array.from({ length: 400 }, (_, x) => (x + 2 * y) % 256)));
    const { crop, input } = evalInput(image);
    expect([crop.width, crop.height]).toEqual([EVAL_CROP, EVAL_CROP]);
    expect(crop.rgb).toEqual(evalCrop(image).rgb);
    expect(input.shape).toEqual([1, 3, 224, 224]);
    expect(input.data).toEqual(rgbToTensor(crop, IMAGENET_MEAN, IMAGENET_STD).data);
  });

  it('rgbaToRgb drops alpha', () => {
    expect(rgbaToRgb(Uint8ClampedArray.from([1, 2, 3, 255, 4, 5, 6, 0]), 2, 1).rgb).toEqual(Uint8Array.from([1, 2, 3, 4, 5, 6]));
    expect(() => rgbaToRgb(new Uint8Array(7), 2, 1)).toThrow(RangeError);
  });
});
