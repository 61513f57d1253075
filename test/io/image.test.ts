import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMAGENET_MEAN, IMAGENET_STD, decodePpm, rgbToTensor } from '../../src/io/image.ts';
import { at } from '../../src/core/tensor.ts';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ppm = (header: string, pixels: number[]) => Uint8Array.from([...ascii(header), ...pixels]);

describe('decodePpm', () => {
  it('reads width, height and the pixels after the header, comments and all', () => {
    const image = decodePpm(ppm('P6\n# made by hand\n2 1\n255\n', [255, 0, 0, 0, 128, 255]));
    expect(image.width).toBe(2);
    expect(image.height).toBe(1);
    expect([...image.rgb]).toEqual([255, 0, 0, 0, 128, 255]);
  });
  it('keeps pixel bytes that look like whitespace or "#"', () => {
    // 0x0a and 0x23 inside the pixels must not be taken for a newline or a comment.
    expect([...decodePpm(ppm('P6 1 1 255 ', [0x0a, 0x23, 0x20])).rgb]).toEqual([0x0a, 0x23, 0x20]);
  });
  it('refuses other formats, 16-bit images and short data', () => {
    expect(() => decodePpm(ppm('P3\n1 1\n255\n', [1, 2, 3]))).toThrow(/P6/);
    expect(() => decodePpm(ppm('P6\n1 1\n65535\n', [1, 2, 3]))).toThrow(/8-bit/);
    expect(() => decodePpm(ppm('P6\n2 2\n255\n', [1, 2, 3]))).toThrow(/needs 12/);
    expect(() => decodePpm(ppm('P6\n0 2\n255\n', []))).toThrow(/width/);
  });
  it('decodes the bundled chapter-1 sample: 32×32, the white dog bright in every channel', () => {
    const image = decodePpm(new Uint8Array(readFileSync('public/models/samples/samoyed-32.ppm')));
    expect([image.width, image.height]).toEqual([32, 32]);
    // The middle of the picture is the dog's white coat.
    const centre = (16 * 32 + 14) * 3;
    expect(Math.min(image.rgb[centre]!, image.rgb[centre + 1]!, image.rgb[centre + 2]!)).toBeGreaterThan(180);
  });
});

describe('rgbToTensor', () => {
  it('lays the channels out as NCHW and normalizes (v/255 − mean)/std', () => {
    const image = { width: 2, height: 1, rgb: Uint8Array.from([255, 0, 51, 0, 255, 102]) };
    const x = rgbToTensor(image);
    expect(x.shape).toEqual([1, 3, 1, 2]);
    expect(at(x, 0, 0, 0, 0)).toBeCloseTo((1 - IMAGENET_MEAN[0]) / IMAGENET_STD[0], 6);
    expect(at(x, 0, 1, 0, 1)).toBeCloseTo((1 - IMAGENET_MEAN[1]) / IMAGENET_STD[1], 6);
    expect(at(x, 0, 2, 0, 1)).toBeCloseTo((0.4 - IMAGENET_MEAN[2]) / IMAGENET_STD[2], 6);
    expect(at(rgbToTensor(image, [0, 0, 0], [1, 1, 1]), 0, 2, 0, 0)).toBeCloseTo(0.2, 6);
  });
  it('checks the sizes', () => {
    expect(() => rgbToTensor({ width: 2, height: 2, rgb: new Uint8Array(3) })).toThrow(/needs 12 bytes/);
    expect(() => rgbToTensor({ width: 1, height: 1, rgb: new Uint8Array(3) }, [0], [1])).toThrow(/one value per RGB/);
  });
});
