import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dct64To16 } from './dct.ts';
import { DIHEDRAL_ORDER } from './dihedral.ts';
import { jaroszDownsample } from './jarosz-filter.ts';
import { rgbLumaRows } from './luma.ts';
import {
  dct16ToHex,
  pdqDihedralHashesFromGrey,
  pdqDihedralHashesFromRgb,
  pdqHashFromGrey,
  pdqHashFromRgb,
  pdqHashWithDihedralsFromRgb,
  pdqQualityMetric,
  ZERO_HASH,
} from './pdq-hasher.ts';
import { generatedImage, transformImage, type RgbImage } from './test-support.ts';

describe('small and degenerate images', () => {
  it.each([
    [4, 4],
    [4, 100],
    [100, 4],
    [0, 0],
  ])('%i×%i gives the zero hash with quality 0', (width, height) => {
    const rgb = new Uint8Array(width * height * 3).fill(200);
    expect(pdqHashFromRgb(rgb, width, height)).toEqual({ hash: ZERO_HASH, quality: 0 });
    const dihedral = pdqDihedralHashesFromRgb(rgb, width, height);
    expect(dihedral.quality).toBe(0);
    expect(dihedral.hashes).toEqual(Array(8).fill(ZERO_HASH));
    expect(pdqHashFromGrey(new Uint8Array(width * height), width, height)).toEqual({ hash: ZERO_HASH, quality: 0 });
  });

  it('hashes 5×5, the smallest size the reference accepts', () => {
    const image = generatedImage(5, 5);
    expect(pdqHashFromRgb(image.rgb, 5, 5).hash).not.toBe(ZERO_HASH);
  });

  it('gives a flat image quality 0', () => {
    const rgb = new Uint8Array(100 * 80 * 3).fill(128);
    expect(pdqHashFromRgb(rgb, 100, 80).quality).toBe(0);
  });

  it('rejects a buffer smaller than the stated size and non-integer sizes', () => {
    expect(() => pdqHashFromRgb(new Uint8Array(10), 5, 5)).toThrow(RangeError);
    expect(() => pdqHashFromRgb(new Uint8Array(300), 10.5, 5)).toThrow(RangeError);
    expect(() => pdqHashFromGrey(new Uint8Array(24), 5, 5)).toThrow(RangeError);
  });

  it('ignores bytes beyond width × height × 3', () => {
    const image = generatedImage(40, 30);
    const padded = new Uint8Array(image.rgb.length + 17).fill(255);
    padded.set(image.rgb);
    expect(pdqHashFromRgb(padded, 40, 30)).toEqual(pdqHashFromRgb(image.rgb, 40, 30));
  });
});

describe('hash output', () => {
  it('is 64 lowercase hex digits and deterministic', () => {
    const image = generatedImage(200, 150);
    const first = pdqHashFromRgb(image.rgb, 200, 150);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isInteger(first.quality)).toBe(true);
    expect(pdqHashFromRgb(image.rgb, 200, 150)).toEqual(first);
  });

  it('pdqHashWithDihedralsFromRgb agrees with the separate functions', () => {
    for (const [width, height] of [
      [200, 150],
      [64, 64],
    ] as const) {
      const image = generatedImage(width, height);
      const both = pdqHashWithDihedralsFromRgb(image.rgb, width, height);
      const { hash, quality } = pdqHashFromRgb(image.rgb, width, height);
      expect({ hash: both.hash, quality: both.quality }).toEqual({ hash, quality });
      expect(both.dihedral).toEqual(pdqDihedralHashesFromRgb(image.rgb, width, height));
    }
  });

  it('hashes grey input like RGB input with R = G = B when the luma is exact', () => {
    // Luma of black and white is exact in float32 (0 and 255·(0.299f+0.587f+0.114f) rounds to 255).
    const width = 90;
    const height = 70;
    const grey = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) grey[y * width + x] = ((x >> 3) + (y >> 4)) % 3 === 0 ? 255 : 0;
    const rgb = new Uint8Array(width * height * 3);
    grey.forEach((value, index) => rgb.fill(value, index * 3, index * 3 + 3));
    expect(pdqHashFromGrey(grey, width, height)).toEqual(pdqHashFromRgb(rgb, width, height));
    expect(pdqDihedralHashesFromGrey(grey, width, height)).toEqual(pdqDihedralHashesFromRgb(rgb, width, height));
  });
});

describe('dihedral hashes of generated images', () => {
  // 320 = 64·5 and 576 = 64·9: the decimation samples and the (odd) box windows are then mirror
  // symmetric, so a transformed image goes through the same arithmetic up to float32 rounding
  // order and its hash must equal the dihedral hash exactly. (With even windows the reference's
  // box filter leans one pixel ahead, and transformed images only hash close, not equal.)
  const original = generatedImage(320, 576);
  const dihedral = pdqDihedralHashesFromRgb(original.rgb, original.width, original.height);

  it('has eight distinct hashes for an asymmetric image of good quality', () => {
    expect(dihedral.quality).toBeGreaterThanOrEqual(80);
    expect(new Set(dihedral.hashes).size).toBe(8);
    expect(dihedral.hashes[0]).toBe(pdqHashFromRgb(original.rgb, original.width, original.height).hash);
  });

  it.each(DIHEDRAL_ORDER.map((transform, index) => [transform, index] as const))(
    'the %s image hashes to the matching dihedral hash',
    (transform, index) => {
      const transformed = transformImage(original, transform);
      expect(pdqHashFromRgb(transformed.rgb, transformed.width, transformed.height)).toEqual({
        hash: dihedral.hashes[index],
        quality: dihedral.quality,
      });
    },
  );

  it.each([
    ['rotate270', (image: sharp.Sharp) => image.rotate(90)],
    ['rotate90', (image: sharp.Sharp) => image.rotate(270)],
    ['flipx', (image: sharp.Sharp) => image.flip()],
    ['flipy', (image: sharp.Sharp) => image.flop()],
  ] as const)('an image transformed by sharp matches %s', async (transform, apply) => {
    // sharp turns clockwise; PDQ's rotate90 is counter-clockwise.
    const input = sharp(Buffer.from(original.rgb), { raw: { width: original.width, height: original.height, channels: 3 } });
    const { data, info } = await apply(input).raw().toBuffer({ resolveWithObject: true });
    const transformed: RgbImage = { rgb: new Uint8Array(data), width: info.width, height: info.height };
    // Buffer comparison: a deep equality over half a million elements takes seconds.
    expect(Buffer.from(transformed.rgb).equals(Buffer.from(transformImage(original, transform).rgb))).toBe(true);
    expect(pdqHashFromRgb(transformed.rgb, transformed.width, transformed.height).hash).toBe(
      dihedral.hashes[DIHEDRAL_ORDER.indexOf(transform)],
    );
  });
});

describe('64×64 input', () => {
  it('keeps the reference quirk: the plain hash skips the blur, the dihedral path does not', () => {
    // pdqhashing.cpp hashes a 64×64 luma directly in its plain path (video frames arrive already
    // downscaled), but always blurs in its dihedral path; with fractional luma the window-1
    // running sum is not an exact identity in float32, so the two may differ in a few bits.
    const image = generatedImage(64, 64);
    const luma = new Float32Array(64 * 64);
    const readRow = rgbLumaRows(image.rgb, 64);
    for (let row = 0; row < 64; row++) readRow(row, luma, row * 64);
    const blurred = jaroszDownsample({ rows: 64, cols: 64, readRow, outputRows: 64, outputCols: 64 });

    expect(pdqHashFromRgb(image.rgb, 64, 64)).toEqual({ hash: dct16ToHex(dct64To16(luma)), quality: pdqQualityMetric(luma) });
    const dihedral = pdqDihedralHashesFromRgb(image.rgb, 64, 64);
    expect({ hash: dihedral.hashes[0], quality: dihedral.quality }).toEqual({
      hash: dct16ToHex(dct64To16(blurred)),
      quality: pdqQualityMetric(blurred),
    });
  });
});
