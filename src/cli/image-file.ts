import type { RgbImage } from '../io/image.ts';
import { checkInputFile } from './input-file.ts';

/**
 * Image files for the command line, decoded to 8-bit RGB pixels. Decoding is the one thing done
 * by a library here: sharp (libvips), which Astro already installs with a prebuilt binary for image
 * optimization. Everything after the pixels (resize, crop, normalize) is src/core's, shared with the page.
 */

/** An image file that cannot be decoded: the message names the file and what was wrong. */
export class ImageFileError extends Error {
  override name = 'ImageFileError';
}

type SharpFactory = typeof import('sharp');

async function loadSharp(): Promise<SharpFactory> {
  try {
    return (await import('sharp')).default;
  } catch (error) {
    throw new ImageFileError(
      `reading images needs the "sharp" package (installed with Astro by npm ci), which could not be loaded: ${(error as Error).message}`,
    );
  }
}

/**
 * The pixels of a JPEG, PNG, WebP, GIF (first frame), TIFF or AVIF file, turned upright by its EXIF
 * orientation (as a browser shows a phone photo), in sRGB, without alpha.
 */
export async function readImageFile(path: string): Promise<RgbImage> {
  await checkInputFile(path);
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(path).autoOrient().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels instead of RGB`);
    return { width: info.width, height: info.height, rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    const detail = (error as Error).message.replace(/\s+$/, '');
    throw new ImageFileError(`${path} is not an image that can be read (JPEG, PNG, WebP, GIF, TIFF or AVIF): ${detail}`);
  }
}
