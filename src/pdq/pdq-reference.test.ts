/**
 * Bit-exactness against the reference C++ core (facebook/ThreatExchange, see
 * test/fixtures/pdq/README.md): every table row with a decoder-free pixel file must match in
 * quality, hash and all eight dihedral hashes; the copied source images are decoded with sharp
 * and must match exactly when sharp reproduces the reference pixels.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImageToRgb, greyToRgb } from './decode.ts';
import { hammingDistance } from './hamming.ts';
import { pdqDihedralHashesFromGrey, pdqDihedralHashesFromRgb, pdqHashFromGrey, pdqHashFromRgb } from './pdq-hasher.ts';
import { readPpmFile } from './ppm.ts';
import { PDQ_FIXTURES, readReferenceRows } from './test-support.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const rows = readReferenceRows();
const pixelRows = rows.filter((row) => row.pixelFile !== '');
const copiedSourceRows = rows.filter((row) => row.sourceImage !== '' && existsSync(`${PDQ_FIXTURES}${row.sourceImage}`));

describe('PDQ reference vectors (decoder-free)', () => {
  it('has the expected table and every listed pixel file', () => {
    expect(rows).toHaveLength(62);
    expect(pixelRows).toHaveLength(25);
    for (const row of pixelRows) expect(existsSync(`${PDQ_FIXTURES}${row.pixelFile}`), row.pixelFile).toBe(true);
  });

  it.each(pixelRows.map((row) => [row.pixelFile, row] as const))('%s matches quality, hash and dihedral hashes', async (_name, row) => {
    const image = await readPpmFile(`${PDQ_FIXTURES}${row.pixelFile}`);
    // Guards the fixture itself: these are the very bytes the reference hashed.
    expect(sha256(image.pixels)).toBe(row.pixelsSha256);
    expect([image.width, image.height, image.channels]).toEqual([row.width, row.height, row.channels]);

    const plain =
      image.channels === 3
        ? pdqHashFromRgb(image.pixels, image.width, image.height)
        : pdqHashFromGrey(image.pixels, image.width, image.height);
    const dihedral =
      image.channels === 3
        ? pdqDihedralHashesFromRgb(image.pixels, image.width, image.height)
        : pdqDihedralHashesFromGrey(image.pixels, image.width, image.height);

    expect(plain).toEqual({ hash: row.pdq, quality: row.quality });
    expect(dihedral.quality).toBe(row.dihedralQuality);
    expect([...dihedral.hashes]).toEqual(row.dihedral);
  });

  it('hashes the one-channel checker the same once replicated to RGB, as the decoder does', async () => {
    const grey = await readPpmFile(`${PDQ_FIXTURES}synthetic/synth-checker-64x64-gray.pgm`);
    const rgb = greyToRgb(grey.pixels, grey.width * grey.height);
    const rgbRow = rows.find((row) => row.pixelFile === 'synthetic/synth-checker-64x64.ppm');
    // The replicated buffer is byte for byte the RGB checker the reference hashed.
    expect(sha256(rgb)).toBe(rgbRow?.pixelsSha256);
    expect(pdqHashFromRgb(rgb, grey.width, grey.height)).toEqual({ hash: rgbRow?.pdq, quality: rgbRow?.quality });
  });
});

describe('PDQ reference vectors through the sharp decoder', () => {
  it('has copied source images to decode', () => {
    expect(copiedSourceRows.length).toBeGreaterThanOrEqual(10);
  });

  it.each(copiedSourceRows.map((row) => [row.sourceImage, row] as const))('%s', async (_name, row) => {
    const { rgb, width, height } = await decodeImageToRgb(`${PDQ_FIXTURES}${row.sourceImage}`);
    expect([width, height]).toEqual([row.width, row.height]);
    const plain = pdqHashFromRgb(rgb, width, height);
    const dihedral = pdqDihedralHashesFromRgb(rgb, width, height);
    if (sha256(rgb) === row.pixelsSha256) {
      expect(plain).toEqual({ hash: row.pdq, quality: row.quality });
      expect([...dihedral.hashes]).toEqual(row.dihedral);
    } else if (row.quality >= 80) {
      // Different pixels (another decoder): upstream's own tolerance for trusted-quality images.
      expect(hammingDistance(plain.hash, row.pdq)).toBeLessThanOrEqual(10);
    }
  });
});
