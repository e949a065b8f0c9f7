/**
 * The sharp decoder on generated images: channel handling, no EXIF rotation, alpha dropped
 * without compositing, and clear failures for missing, undecodable and oversized input.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageToRgb, greyToRgb } from './decode.ts';
import { pdqHashFile, pdqHashFileWithDihedrals } from './hash-file.ts';
import { pdqHashFromRgb, pdqHashWithDihedralsFromRgb } from './pdq-hasher.ts';
import { generatedImage } from './test-support.ts';

const rawPng = (pixels: Uint8Array, width: number, height: number, channels: 1 | 2 | 3 | 4): Promise<Buffer> =>
  sharp(Buffer.from(pixels), { raw: { width, height, channels } }).png().toBuffer();

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'csep-pdq-decode-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('decodeImageToRgb', () => {
  it('returns RGB PNG pixels unchanged', async () => {
    const image = generatedImage(33, 21);
    const decoded = await decodeImageToRgb(await rawPng(image.rgb, 33, 21, 3));
    expect(decoded.width).toBe(33);
    expect(decoded.height).toBe(21);
    expect(Buffer.from(decoded.rgb).equals(Buffer.from(image.rgb))).toBe(true);
  });

  it('replicates grey into three channels', async () => {
    const grey = Uint8Array.from({ length: 6 * 4 }, (_, i) => i * 10);
    const decoded = await decodeImageToRgb(await rawPng(grey, 6, 4, 1));
    expect([...decoded.rgb]).toEqual([...greyToRgb(grey, 24)]);
    expect([...decoded.rgb.subarray(0, 6)]).toEqual([0, 0, 0, 10, 10, 10]);
  });

  it('drops alpha without compositing, for grey and colour images', async () => {
    const greyAlpha = new Uint8Array([50, 0, 60, 255, 70, 128, 80, 0]);
    expect([...(await decodeImageToRgb(await rawPng(greyAlpha, 2, 2, 2))).rgb]).toEqual([50, 50, 50, 60, 60, 60, 70, 70, 70, 80, 80, 80]);
    const rgba = new Uint8Array([10, 20, 30, 0, 40, 50, 60, 255]);
    expect([...(await decodeImageToRgb(await rawPng(rgba, 2, 1, 4))).rgb]).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('ignores the EXIF orientation, as the reference vectors do', async () => {
    const image = generatedImage(40, 20);
    const rotatedByTag = await sharp(Buffer.from(image.rgb), { raw: { width: 40, height: 20, channels: 3 } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(rotatedByTag).metadata()).orientation).toBe(6);
    const decoded = await decodeImageToRgb(rotatedByTag);
    expect([decoded.width, decoded.height]).toEqual([40, 20]);
  });

  it('reads files by path', async () => {
    const image = generatedImage(30, 30);
    const path = join(workDir, 'generated.png');
    await writeFile(path, await rawPng(image.rgb, 30, 30, 3));
    expect(Buffer.from((await decodeImageToRgb(path)).rgb).equals(Buffer.from(image.rgb))).toBe(true);
  });

  it('fails with the operating system reason for a missing file', async () => {
    await expect(decodeImageToRgb(join(workDir, 'no-such-file.png'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails for bytes that are not an image', async () => {
    await expect(decodeImageToRgb(Buffer.from('definitely not an image'))).rejects.toThrow(/unsupported image format/);
    await expect(decodeImageToRgb(Buffer.alloc(0))).rejects.toThrow();
  });

  it('refuses images above the pixel limit before decoding them', async () => {
    const png = await rawPng(new Uint8Array(100 * 100 * 3), 100, 100, 3);
    await expect(decodeImageToRgb(png, { maxInputPixels: 9_999 })).rejects.toThrow(/pixel limit/);
    await expect(decodeImageToRgb(png, { maxInputPixels: 10_000 })).resolves.toMatchObject({ width: 100, height: 100 });
  });
});

describe('pdqHashFile', () => {
  it('hashes the decoded pixels', async () => {
    const image = generatedImage(120, 90);
    const png = await rawPng(image.rgb, 120, 90, 3);
    expect(await pdqHashFile(png)).toEqual({ ...pdqHashFromRgb(image.rgb, 120, 90), width: 120, height: 90 });
    expect(await pdqHashFileWithDihedrals(png)).toEqual({ ...pdqHashWithDihedralsFromRgb(image.rgb, 120, 90), width: 120, height: 90 });
  });
});
