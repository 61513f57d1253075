import { type Tensor, zeros } from '../core/tensor.ts';

/** 8-bit RGB pixels, interleaved (r, g, b, r, g, b, ...), row by row from the top left. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

/**
 * Decodes a binary PPM (P6, max value 255): a text header "P6 <width> <height> 255" with optional
 * # comments, one whitespace byte, then the pixels. Chosen for the notebook's tiny bundled images
 * because decoding it is a few lines that give the same bytes in every browser.
 */
export function decodePpm(bytes: Uint8Array): RgbImage {
  let pos = 0;
  const token = (): string => {
    // Skip whitespace and comments, then read up to the next whitespace.
    for (;;) {
      while (pos < bytes.length && isSpace(bytes[pos]!)) pos++;
      if (bytes[pos] !== 0x23) break; // '#'
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !isSpace(bytes[pos]!)) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  if (token() !== 'P6') throw new RangeError('not a binary PPM (P6) image');
  const width = positiveInt(token(), 'width');
  const height = positiveInt(token(), 'height');
  if (positiveInt(token(), 'max value') !== 255) throw new RangeError('only 8-bit PPM (max value 255) is supported');
  pos++; // the single whitespace byte that ends the header
  const size = width * height * 3;
  if (bytes.length - pos < size) throw new RangeError(`PPM ${width}×${height} needs ${size} pixel bytes, has ${bytes.length - pos}`);
  return { width, height, rgb: bytes.slice(pos, pos + size) };
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function positiveInt(s: string, what: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < 1) throw new RangeError(`PPM ${what} must be a positive integer, got "${s}"`);
  return n;
}

/** ImageNet channel statistics, the preprocessing RepVGG (and torchvision, timm) models expect. */
export const IMAGENET_MEAN: readonly [number, number, number] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: readonly [number, number, number] = [0.229, 0.224, 0.225];

/**
 * An RGB image as a network input [1, 3, H, W] (NCHW): each channel scaled to [0, 1], then
 * normalized, x = (v / 255 − mean) / std.
 */
export function rgbToTensor(image: RgbImage, mean: readonly number[] = IMAGENET_MEAN, std: readonly number[] = IMAGENET_STD): Tensor {
  const { width, height, rgb } = image;
  if (mean.length !== 3 || std.length !== 3) throw new RangeError('mean and std need one value per RGB channel');
  if (rgb.length !== width * height * 3) throw new RangeError(`${width}×${height} RGB needs ${width * height * 3} bytes, got ${rgb.length}`);
  const plane = width * height;
  const out = zeros([1, 3, height, width]);
  for (let c = 0; c < 3; c++) {
    const m = mean[c]!;
    const s = std[c]!;
    for (let i = 0; i < plane; i++) out.data[c * plane + i] = (rgb[i * 3 + c]! / 255 - m) / s;
  }
  return out;
}
