/**
 * The data the error figure measures on: real pixels (the sample photo, normalized as ImageNet
 * models expect) or post-ReLU-like activations, each through a re-parameterized RepVGG block
 * (seeded training-time weights with non-trivial BN statistics, folded by src/core).
 */
import { convertBlock } from '../../core/convert-model';
import { createRng } from '../../core/random';
import { type Tensor, tensor } from '../../core/tensor';
import { randomTrainBlock } from '../../core/weights';
import type { LayerInput } from '../../core/winograd/conv';
import { el } from '../../ui/el';

export type ErrorData = 'photo' | 'activations';

export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
export const PHOTO_SIDE = 64;
const OUT_CHANNELS = 16;

/** RGBA bytes (canvas order) → [1, 3, h, w] normalized with the ImageNet mean and std. */
export function rgbaToTensor(rgba: ArrayLike<number>, width: number, height: number): Tensor {
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) data[c * plane + i] = (rgba[4 * i + c]! / 255 - IMAGENET_MEAN[c]!) / IMAGENET_STD[c]!;
  return tensor([1, 3, height, width], data);
}

/** The centre square of an image, scaled to side×side, as RGBA bytes (browser only). */
export async function loadPhotoRgba(url: string, side = PHOTO_SIDE): Promise<Uint8ClampedArray> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
  const blob = await response.blob();
  const full = await createImageBitmap(blob);
  const crop = Math.min(full.width, full.height);
  const bitmap = await createImageBitmap(full, (full.width - crop) / 2, (full.height - crop) / 2, crop, crop, {
    resizeWidth: side,
    resizeHeight: side,
    resizeQuality: 'high',
  });
  const canvas = el('canvas', { width: side, height: side });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2-D canvas to read the photo pixels');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, side, side).data;
}

/** A deploy block in → out channels, stride 1, from a seeded training-time block. */
function block(inChannels: number, seed: number) {
  return convertBlock(randomTrainBlock(createRng(seed), { inChannels, outChannels: OUT_CHANNELS, stride: 1, groups: 1 }));
}

export function photoLayer(rgba: ArrayLike<number>, side = PHOTO_SIDE): LayerInput {
  const deploy = block(3, 3);
  return { input: rgbaToTensor(rgba, side, side), kernel: deploy.kernel, bias: deploy.bias };
}

/** |N(0, 1)| activations, 16 channels, 28×28 (a stage-2 map size). */
export function activationsLayer(): LayerInput {
  const rng = createRng(28);
  const input = tensor([1, OUT_CHANNELS, 28, 28], rng.fillNormal(new Float32Array(OUT_CHANNELS * 28 * 28)).map(Math.abs));
  const deploy = block(OUT_CHANNELS, 16);
  return { input, kernel: deploy.kernel, bias: deploy.bias };
}
