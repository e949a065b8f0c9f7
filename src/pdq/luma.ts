/**
 * Luminance in float32, exactly as the reference PDQ C++ computes it (pdqhashing.cpp,
 * `fillFloatLumaFromRGB`): `0.299f·R + 0.587f·G + 0.114f·B`, every product and sum rounded to
 * float32 without fused multiply-add. Produced one row at a time so that no full-size luma plane
 * is ever materialised.
 */

const LUMA_FROM_R = Math.fround(0.299);
const LUMA_FROM_G = Math.fround(0.587);
const LUMA_FROM_B = Math.fround(0.114);

/**
 * The three products only depend on one byte each, so a 256-entry table per channel replaces
 * three float32 multiplications per pixel; the stored values are the same float32 products.
 */
function productTable(coefficient: number): Float32Array {
  const table = new Float32Array(256);
  for (let value = 0; value < 256; value++) table[value] = coefficient * value;
  return table;
}

const RED_PRODUCTS = productTable(LUMA_FROM_R);
const GREEN_PRODUCTS = productTable(LUMA_FROM_G);
const BLUE_PRODUCTS = productTable(LUMA_FROM_B);

/** Writes one image row of luma into `out[offset..offset + width)`. */
export type LumaRowReader = (row: number, out: Float32Array, offset: number) => void;

/** Checks the image size and that a pixel buffer holds at least `width × height × channels` bytes. */
export function assertPixelBuffer(pixels: Uint8Array, width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`PDQ: image size must be non-negative integers, got ${width}×${height}`);
  }
  const needed = width * height * channels;
  if (pixels.length < needed) {
    throw new RangeError(
      `PDQ: a ${width}×${height} image with ${channels} channel(s) needs ${needed} bytes, got ${pixels.length}`,
    );
  }
}

/** Row reader over an interleaved RGB8 row-major image. */
export function rgbLumaRows(rgb: Uint8Array, width: number): LumaRowReader {
  return (row, out, offset) => {
    let byte = row * width * 3;
    for (let column = offset, end = offset + width; column < end; column++, byte += 3) {
      // Left-to-right like the C++ expression; the Float32Array store performs the last rounding.
      out[column] = Math.fround(RED_PRODUCTS[rgb[byte]!]! + GREEN_PRODUCTS[rgb[byte + 1]!]!) + BLUE_PRODUCTS[rgb[byte + 2]!]!;
    }
  };
}

/** Row reader over a one-channel grey image: the byte itself, as `fillFloatLumaFromGrey` does. */
export function greyLumaRows(grey: Uint8Array, width: number): LumaRowReader {
  return (row, out, offset) => {
    const start = row * width;
    for (let column = 0; column < width; column++) out[offset + column] = grey[start + column]!;
  };
}
