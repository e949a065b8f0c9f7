/**
 * Shared by the PDQ tests: the copied reference vectors and generated (never real) test images.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DihedralTransform } from './dihedral.ts';

/** Folder of the PDQ fixtures copied into the repository (see its README for provenance). */
export const PDQ_FIXTURES = fileURLToPath(new URL('../../test/fixtures/pdq/', import.meta.url));

/** One row of `expected-cpp-core-fullres.csv`. */
export type ReferenceRow = {
  sourceImage: string;
  pixelFile: string;
  width: number;
  height: number;
  channels: number;
  pixelsSha256: string;
  quality: number;
  pdq: string;
  dihedralQuality: number;
  dihedral: string[];
};

/** Parses the reference table (plain comma-separated values; no field contains a comma). */
export function readReferenceRows(): ReferenceRow[] {
  const lines = readFileSync(`${PDQ_FIXTURES}expected-cpp-core-fullres.csv`, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const expectedHeader =
    'source_image,pixel_file,width,height,channels,pixels_sha256,quality,pdq,dih_quality,dih_original,dih_rotate90,dih_rotate180,dih_rotate270,dih_flipx,dih_flipy,dih_flipplus1,dih_flipminus1';
  if (header.join(',') !== expectedHeader) throw new Error(`unexpected CSV header: ${lines[0]}`);
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`malformed CSV row: ${line}`);
    const cell = (index: number): string => cells[index]!;
    return {
      sourceImage: cell(0),
      pixelFile: cell(1),
      width: Number(cell(2)),
      height: Number(cell(3)),
      channels: Number(cell(4)),
      pixelsSha256: cell(5),
      quality: Number(cell(6)),
      pdq: cell(7),
      dihedralQuality: Number(cell(8)),
      dihedral: cells.slice(9, 17),
    };
  });
}

/** An RGB8 image. */
export type RgbImage = { rgb: Uint8Array; width: number; height: number };

const clampByte = (value: number): number => Math.max(0, Math.min(255, Math.round(value)));

/**
 * A made-up picture: smooth waves, a ramp, fine ripples and an off-centre disc, different in each
 * channel and with no symmetry, so every rotation and mirror of it hashes differently.
 */
export function generatedImage(width: number, height: number): RgbImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const disc = (u - 0.3) ** 2 + (v - 0.62) ** 2 < 0.03 ? 90 : 0;
      const waves = 60 * Math.sin(7.3 * u + 2.1 * v * v + 0.4) + 45 * Math.cos(3.7 * v - 5.9 * u * v + 1.3);
      const ripples = 55 * Math.sin(31 * u + 17 * v * v) * Math.cos(23 * v - 9 * u);
      const ramp = 70 * u * (1 - 0.5 * v);
      const base = (y * width + x) * 3;
      rgb[base] = clampByte(110 + waves + ripples + ramp + disc);
      rgb[base + 1] = clampByte(100 + 0.8 * waves - ripples - ramp + disc / 2);
      rgb[base + 2] = clampByte(130 - 0.5 * waves + 0.7 * ripples + 40 * v + disc);
    }
  }
  return { rgb, width, height };
}

/**
 * The image as the named dihedral transform shows it, with upstream's naming (checked against
 * `pdq/data/reg-test-input/dih/bridge-*.jpg`): rotate90 turns counter-clockwise, flipx mirrors top
 * to bottom, flipy left to right, flipplus1 transposes, flipminus1 mirrors about the other diagonal.
 */
export function transformImage(image: RgbImage, transform: DihedralTransform): RgbImage {
  const { width, height } = image;
  const swapsSides = transform === 'rotate90' || transform === 'rotate270' || transform === 'flipplus1' || transform === 'flipminus1';
  const outWidth = swapsSides ? height : width;
  const outHeight = swapsSides ? width : height;
  const rgb = new Uint8Array(outWidth * outHeight * 3);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const [sourceX, sourceY] = sourcePixel(transform, x, y, width, height);
      const from = (sourceY * width + sourceX) * 3;
      const to = (y * outWidth + x) * 3;
      rgb[to] = image.rgb[from]!;
      rgb[to + 1] = image.rgb[from + 1]!;
      rgb[to + 2] = image.rgb[from + 2]!;
    }
  }
  return { rgb, width: outWidth, height: outHeight };
}

function sourcePixel(transform: DihedralTransform, x: number, y: number, width: number, height: number): [number, number] {
  switch (transform) {
    case 'original':
      return [x, y];
    case 'rotate90':
      return [width - 1 - y, x];
    case 'rotate180':
      return [width - 1 - x, height - 1 - y];
    case 'rotate270':
      return [y, height - 1 - x];
    case 'flipx':
      return [x, height - 1 - y];
    case 'flipy':
      return [width - 1 - x, y];
    case 'flipplus1':
      return [y, x];
    case 'flipminus1':
      return [width - 1 - y, height - 1 - x];
  }
}
