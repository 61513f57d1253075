/**
 * Photos for the checkpoint page, as 8-bit RGB pixels: a file or the bundled sample (decoded by
 * the browser: createImageBitmap turns a phone photo upright by its EXIF orientation and into
 * sRGB), or one frame of the camera. Resizing and cropping happen later, in the worker, with
 * src/io/preprocess.ts, exactly as on the command line.
 */
import type { RgbImage } from '../../io/image';
import { rgbaToRgb } from '../../io/preprocess';
import { el } from '../../ui/el';
import { NOT_AN_IMAGE, cameraErrorMessage } from './explain';

export class ImageSourceError extends Error {
  override name = 'ImageSourceError';
}

type Drawable = ImageBitmap | HTMLVideoElement;

/** The source's pixels at full size, and a thumbnail of at most `thumbWidth` px in `preview`. */
function grab(source: Drawable, width: number, height: number, preview: HTMLCanvasElement, thumbWidth = 320): RgbImage {
  const canvas = el('canvas', { width, height });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ImageSourceError('This browser cannot draw images on a canvas, so the photo cannot be read.');
  context.drawImage(source, 0, 0);
  const image = rgbaToRgb(context.getImageData(0, 0, width, height).data, width, height);
  const scale = Math.min(1, thumbWidth / width);
  preview.width = Math.max(1, Math.round(width * scale));
  preview.height = Math.max(1, Math.round(height * scale));
  preview.getContext('2d')?.drawImage(source, 0, 0, preview.width, preview.height);
  return image;
}

/** An image file or fetched blob, decoded; anything else is an ImageSourceError in plain words. */
export async function decodeImage(blob: Blob, preview: HTMLCanvasElement): Promise<RgbImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageSourceError(NOT_AN_IMAGE);
  }
  try {
    return grab(bitmap, bitmap.width, bitmap.height, preview);
  } finally {
    bitmap.close();
  }
}

/** The camera, shown live in a <video>; one frame is taken as the photo. Stopped when not needed. */
export class Camera {
  private stream: MediaStream | null = null;

  constructor(private readonly video: HTMLVideoElement) {}

  get running(): boolean {
    return this.stream !== null;
  }

  /** Asks for the camera (the browser may ask the reader); throws ImageSourceError with what to do on refusal. */
  async start(): Promise<void> {
    if (this.stream) return;
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) throw new ImageSourceError(cameraErrorMessage('Unavailable', 'navigator.mediaDevices.getUserMedia is missing'));
    try {
      this.stream = await media.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      this.video.srcObject = this.stream;
      await this.video.play();
    } catch (error) {
      this.stop();
      const e = error as DOMException;
      throw new ImageSourceError(cameraErrorMessage(e.name ?? 'Error', e.message ?? String(error)));
    }
  }

  /** The current frame as the photo; the camera is switched off afterwards (it stays off until asked again). */
  capture(preview: HTMLCanvasElement): RgbImage {
    const { videoWidth: width, videoHeight: height } = this.video;
    if (!this.stream || !width || !height) throw new ImageSourceError('The camera has not shown a picture yet; wait a moment and take the photo again.');
    try {
      return grab(this.video, width, height, preview);
    } finally {
      this.stop();
    }
  }

  stop(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }
}
