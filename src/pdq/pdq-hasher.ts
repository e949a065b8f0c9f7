/**
 * PDQ, Meta's 256-bit perceptual image hash, bit-exact with the reference C++ core
 * (facebook/ThreatExchange `pdq/cpp/hashing/pdqhashing.cpp`) run on full-resolution pixels:
 * float32 luma → Jarosz blur and decimation to 64×64 → quality from gradients → 16×16 DCT →
 * one bit per coefficient above the median.
 */
import { DIHEDRAL_ORDER, transformDct16 } from './dihedral.ts';
import { dct64To16 } from './dct.ts';
import { jaroszDownsample } from './jarosz-filter.ts';
import { assertPixelBuffer, greyLumaRows, rgbLumaRows, type LumaRowReader } from './luma.ts';
import { torbenMedian } from './torben-median.ts';

/** A PDQ hash as 64 lowercase hex digits, with its quality score 0..100. */
export type PdqHash = { hash: string; quality: number };

/** The eight dihedral hashes, in `DIHEDRAL_ORDER`. */
export type DihedralHashes = readonly [string, string, string, string, string, string, string, string];

/** Quality and the eight dihedral hashes of one image. */
export type PdqDihedralHashes = { quality: number; hashes: DihedralHashes };

/** Both results for one image, computed with one blur where the reference allows it. */
export type PdqHashWithDihedrals = PdqHash & { dihedral: PdqDihedralHashes };

/** The hash reported for images too small to hash (under 5 pixels on a side). */
export const ZERO_HASH = '0'.repeat(64);

// Below this size on either side the reference refuses to hash and reports quality 0.
const MIN_HASHABLE_DIMENSION = 5;
const DOWNSAMPLED_SIZE = 64;

type Luma = { readRow: LumaRowReader; width: number; height: number };
type Dct = { dct16x16: Float32Array; quality: number };

/**
 * Gradient-based quality (pdqhashing.cpp `pdqImageDomainQualityMetric`): sums the significant
 * vertical and horizontal steps of the 64×64 downsample; flat images score low.
 */
export function pdqQualityMetric(block64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < DOWNSAMPLED_SIZE - 1; i++) {
    for (let j = 0; j < DOWNSAMPLED_SIZE; j++) {
      gradientSum += quantisedStep(block64[i * DOWNSAMPLED_SIZE + j]!, block64[(i + 1) * DOWNSAMPLED_SIZE + j]!);
    }
  }
  for (let i = 0; i < DOWNSAMPLED_SIZE; i++) {
    for (let j = 0; j < DOWNSAMPLED_SIZE - 1; j++) {
      gradientSum += quantisedStep(block64[i * DOWNSAMPLED_SIZE + j]!, block64[i * DOWNSAMPLED_SIZE + j + 1]!);
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

/** `abs((int)(((u - v) * 100) / 255))` with float32 intermediates, as in the C++. */
function quantisedStep(u: number, v: number): number {
  return Math.abs(Math.trunc(Math.fround(Math.fround(Math.fround(u - v) * 100) / 255)));
}

/** The 256 hash bits of a 16×16 coefficient block, formatted as the reference formats them. */
export function dct16ToHex(dct16x16: Float32Array): string {
  const median = torbenMedian(dct16x16);
  // Bit i*16+j lives in 16-bit word i; the reference prints word 15 first, word 0 last.
  let hex = '';
  for (let word = 15; word >= 0; word--) {
    let bits = 0;
    for (let bit = 0; bit < 16; bit++) {
      if (dct16x16[word * 16 + bit]! > median) bits |= 1 << bit;
    }
    hex += bits.toString(16).padStart(4, '0');
  }
  return hex;
}

/**
 * Blur, decimate, score and transform. `useExact64Shortcut` mirrors the reference's plain-hash
 * path, which skips the blur for inputs that are already 64×64; its dihedral path never skips it.
 */
function dctFromLuma(luma: Luma, useExact64Shortcut: boolean): Dct {
  const { readRow, width, height } = luma;
  let block64: Float32Array;
  if (useExact64Shortcut && width === DOWNSAMPLED_SIZE && height === DOWNSAMPLED_SIZE) {
    block64 = new Float32Array(DOWNSAMPLED_SIZE * DOWNSAMPLED_SIZE);
    for (let row = 0; row < DOWNSAMPLED_SIZE; row++) readRow(row, block64, row * DOWNSAMPLED_SIZE);
  } else {
    block64 = jaroszDownsample({ rows: height, cols: width, readRow, outputRows: DOWNSAMPLED_SIZE, outputCols: DOWNSAMPLED_SIZE });
  }
  return { dct16x16: dct64To16(block64), quality: pdqQualityMetric(block64) };
}

function isTooSmall(width: number, height: number): boolean {
  return width < MIN_HASHABLE_DIMENSION || height < MIN_HASHABLE_DIMENSION;
}

const ZERO_DIHEDRALS: DihedralHashes = [ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH];

function dihedralsFromDct(dct16x16: Float32Array): DihedralHashes {
  const scratch = new Float32Array(dct16x16.length);
  // Mapping the eight-entry DIHEDRAL_ORDER yields eight hashes; TypeScript cannot see the length.
  const hashes = DIHEDRAL_ORDER.map((transform) => dct16ToHex(transformDct16(dct16x16, transform, scratch)));
  return hashes as unknown as DihedralHashes;
}

function hashFromLuma(luma: Luma): PdqHash {
  if (isTooSmall(luma.width, luma.height)) return { hash: ZERO_HASH, quality: 0 };
  const { dct16x16, quality } = dctFromLuma(luma, true);
  return { hash: dct16ToHex(dct16x16), quality };
}

function dihedralsFromLuma(luma: Luma): PdqDihedralHashes {
  if (isTooSmall(luma.width, luma.height)) return { quality: 0, hashes: ZERO_DIHEDRALS };
  const { dct16x16, quality } = dctFromLuma(luma, false);
  return { quality, hashes: dihedralsFromDct(dct16x16) };
}

function hashWithDihedralsFromLuma(luma: Luma): PdqHashWithDihedrals {
  if (isTooSmall(luma.width, luma.height)) {
    return { hash: ZERO_HASH, quality: 0, dihedral: { quality: 0, hashes: ZERO_DIHEDRALS } };
  }
  if (luma.width === DOWNSAMPLED_SIZE && luma.height === DOWNSAMPLED_SIZE) {
    // The two reference paths differ only for 64×64 input, where the plain hash skips the blur.
    const plain = hashFromLuma(luma);
    return { ...plain, dihedral: dihedralsFromLuma(luma) };
  }
  const { dct16x16, quality } = dctFromLuma(luma, false);
  const hashes = dihedralsFromDct(dct16x16);
  return { hash: hashes[0], quality, dihedral: { quality, hashes } };
}

function rgbLuma(rgb: Uint8Array, width: number, height: number): Luma {
  assertPixelBuffer(rgb, width, height, 3);
  return { readRow: rgbLumaRows(rgb, width), width, height };
}

function greyLuma(grey: Uint8Array, width: number, height: number): Luma {
  assertPixelBuffer(grey, width, height, 1);
  return { readRow: greyLumaRows(grey, width), width, height };
}

/** PDQ hash and quality of an interleaved RGB8 row-major image. */
export function pdqHashFromRgb(rgb: Uint8Array, width: number, height: number): PdqHash {
  return hashFromLuma(rgbLuma(rgb, width, height));
}

/** The eight dihedral PDQ hashes (see `DIHEDRAL_ORDER`) and quality of an RGB8 image. */
export function pdqDihedralHashesFromRgb(rgb: Uint8Array, width: number, height: number): PdqDihedralHashes {
  return dihedralsFromLuma(rgbLuma(rgb, width, height));
}

/** Plain hash and dihedral hashes of an RGB8 image, sharing one blur when the reference does. */
export function pdqHashWithDihedralsFromRgb(rgb: Uint8Array, width: number, height: number): PdqHashWithDihedrals {
  return hashWithDihedralsFromLuma(rgbLuma(rgb, width, height));
}

/** PDQ hash of a one-channel grey image, using the reference's grey luma (the byte itself). */
export function pdqHashFromGrey(grey: Uint8Array, width: number, height: number): PdqHash {
  return hashFromLuma(greyLuma(grey, width, height));
}

/** The eight dihedral PDQ hashes and quality of a one-channel grey image. */
export function pdqDihedralHashesFromGrey(grey: Uint8Array, width: number, height: number): PdqDihedralHashes {
  return dihedralsFromLuma(greyLuma(grey, width, height));
}
