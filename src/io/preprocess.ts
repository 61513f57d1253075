import { IMAGENET_MEAN, IMAGENET_STD, type RgbImage, rgbToTensor } from './image.ts';
import { roundHalfEven } from '../core/rounding.ts';
import type { Tensor } from '../core/tensor.ts';

/**
 * The official evaluation's preprocessing (RepVGG's and timm's ImageNet validation, as torchvision
 * does it on a PIL image): Resize(256) — the shorter side to 256 px, bilinear — CenterCrop(224),
 * ToTensor, Normalize(ImageNet mean, std). Pure functions on RGB pixels, so the command line (pixels
 * from sharp) and the page (pixels from a canvas) feed the network the same numbers.
 */

/** Shorter side after resizing, and the crop the network sees (224 / 256 = 0.875, timm's crop_pct). */
export const EVAL_RESIZE = 256;
export const EVAL_CROP = 224;

/**
 * Output size of torchvision's Resize(size) with one number: the shorter side becomes `shorter`,
 * the longer one int(shorter · long / short), truncated as Python's int() does.
 */
export function shorterSideSize(width: number, height: number, shorter: number): { width: number; height: number } {
  if (!(width >= 1 && height >= 1)) throw new RangeError(`an image needs a positive size, got ${width}×${height}`);
  const long = Math.floor((shorter * Math.max(width, height)) / Math.min(width, height));
  return width <= height ? { width: shorter, height: long } : { width: long, height: shorter };
}

/**
 * For each output position along one axis: the first input index and the normalized weights.
 * PIL's bilinear filter is the triangle 1 − |x|, stretched by the scale factor when shrinking, so
 * every input pixel contributes (an antialiased resize): plain 4-tap bilinear would skip most of
 * a photo's pixels at 5× reduction and alias.
 */
function axisWeights(inSize: number, outSize: number): { first: Int32Array; taps: number; weights: Float64Array } {
  const scale = inSize / outSize;
  const stretch = Math.max(scale, 1);
  const support = stretch; // the triangle's support is 1, times the stretch
  const taps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const weights = new Float64Array(outSize * taps);
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const lo = Math.max(Math.trunc(centre - support + 0.5), 0);
    const hi = Math.min(Math.trunc(centre + support + 0.5), inSize);
    first[o] = lo;
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const w = Math.max(0, 1 - Math.abs((i - centre + 0.5) / stretch));
      weights[o * taps + (i - lo)] = w;
      sum += w;
    }
    for (let t = 0; t < taps; t++) weights[o * taps + t] = sum > 0 ? weights[o * taps + t]! / sum : 0;
  }
  return { first, taps, weights };
}

const toByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * Resize with PIL's bilinear filter: a horizontal pass, then a vertical one, rounded to 8 bits in
 * between as PIL does. Matches PIL within one grey level (PIL uses fixed-point weights).
 */
export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
  const { width: inW, height: inH, rgb } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) throw new RangeError(`cannot resize to ${width}×${height}`);
  if (rgb.length !== inW * inH * 3) throw new RangeError(`${inW}×${inH} RGB needs ${inW * inH * 3} bytes, got ${rgb.length}`);
  const h = axisWeights(inW, width);
  const wide = new Uint8Array(width * inH * 3);
  for (let y = 0; y < inH; y++) {
    const row = y * inW * 3;
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0;
      const lo = h.first[x]!;
      for (let t = 0; t < h.taps; t++) {
        const w = h.weights[x * h.taps + t]!;
        if (w === 0) continue;
        const p = row + (lo + t) * 3;
        r += w * rgb[p]!;
        g += w * rgb[p + 1]!;
        b += w * rgb[p + 2]!;
      }
      const q = (y * width + x) * 3;
      wide[q] = toByte(r);
      wide[q + 1] = toByte(g);
      wide[q + 2] = toByte(b);
    }
  }
  const v = axisWeights(inH, height);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const lo = v.first[y]!;
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0;
      for (let t = 0; t < v.taps; t++) {
        const w = v.weights[y * v.taps + t]!;
        if (w === 0) continue;
        const p = ((lo + t) * width + x) * 3;
        r += w * wide[p]!;
        g += w * wide[p + 1]!;
        b += w * wide[p + 2]!;
      }
      const q = (y * width + x) * 3;
      out[q] = toByte(r);
      out[q + 1] = toByte(g);
      out[q + 2] = toByte(b);
    }
  }
  return { width, height, rgb: out };
}

/** The centred size × size square, placed as torchvision's CenterCrop places it. */
export function centerCrop(image: RgbImage, size: number): RgbImage {
  const { width, height, rgb } = image;
  if (size > width || size > height) throw new RangeError(`cannot crop ${size}×${size} from ${width}×${height}`);
  const top = roundHalfEven((height - size) / 2);
  const left = roundHalfEven((width - size) / 2);
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const from = ((top + y) * width + left) * 3;
    out.set(rgb.subarray(from, from + size * 3), y * size * 3);
  }
  return { width: size, height: size, rgb: out };
}

/** Resize(256) + CenterCrop(224): the pixels the network sees. */
export function evalCrop(image: RgbImage, resize = EVAL_RESIZE, crop = EVAL_CROP): RgbImage {
  const size = shorterSideSize(image.width, image.height, resize);
  return centerCrop(resizeBilinear(image, size.width, size.height), crop);
}

/** The whole evaluation preprocessing: the crop, normalized with ImageNet's mean and std, as [1, 3, 224, 224]. */
export function evalInput(image: RgbImage): { crop: RgbImage; input: Tensor } {
  const crop = evalCrop(image);
  return { crop, input: rgbToTensor(crop, IMAGENET_MEAN, IMAGENET_STD) };
}

/** RGBA bytes (a canvas's ImageData) → RGB, alpha dropped as PIL's convert('RGB') drops it. */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): RgbImage {
  if (rgba.length !== width * height * 4) throw new RangeError(`${width}×${height} RGBA needs ${width * height * 4} bytes, got ${rgba.length}`);
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return { width, height, rgb };
}
