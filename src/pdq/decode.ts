/**
 * Image decoding for PDQ with sharp, matching how the reference vectors were decoded
 * (python-threatexchange via PIL): no EXIF auto-rotation, no ICC colour conversion, alpha dropped
 * without compositing, grey replicated to three channels.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

/** Decoded RGB8 pixels, interleaved and row-major. */
export type DecodedRgb = { rgb: Uint8Array; width: number; height: number };

/** Options for `decodeImageToRgb`. */
export type DecodeOptions = {
  /**
   * Largest accepted width × height. Decoding holds at least 3 bytes per pixel (more inside sharp
   * while it works), so an attacker's tiny-file, huge-canvas image is refused before it is decoded.
   */
  maxInputPixels?: number;
};

/** 100 megapixels: above nearly every camera in use, and a bounded few hundred MB of pixels. */
export const DEFAULT_MAX_INPUT_PIXELS = 100_000_000;

/** Decodes an image file or buffer to RGB8 exactly as the PDQ reference vectors were decoded. */
export async function decodeImageToRgb(input: string | Buffer, options: DecodeOptions = {}): Promise<DecodedRgb> {
  // Reading the file ourselves gives the caller the operating system's reason (ENOENT, EACCES…)
  // instead of sharp's generic "Input file is missing".
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const { data, info } = await sharp(bytes, {
    autoOrient: false,
    limitInputPixels: options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS,
  })
    .keepIccProfile()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  if (channels === 3) return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
  if (channels === 1) return { rgb: greyToRgb(data, width * height), width, height };
  throw new Error(`unsupported channel layout: ${channels} channels after removing alpha`);
}

/** Replicates each grey byte into R, G and B, as PIL's `convert('RGB')` does. */
export function greyToRgb(grey: Uint8Array, pixelCount: number): Uint8Array {
  const rgb = new Uint8Array(pixelCount * 3);
  for (let pixel = 0, byte = 0; pixel < pixelCount; pixel++, byte += 3) {
    const value = grey[pixel]!;
    rgb[byte] = value;
    rgb[byte + 1] = value;
    rgb[byte + 2] = value;
  }
  return rgb;
}
