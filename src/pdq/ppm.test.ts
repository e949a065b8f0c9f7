import { describe, expect, it } from 'vitest';
import { parsePpm } from './ppm.ts';

const bytes = (header: string, pixels: number[]): Uint8Array =>
  new Uint8Array([...Buffer.from(header, 'latin1'), ...pixels]);

describe('parsePpm', () => {
  it('reads P6 with comments and arbitrary whitespace', () => {
    const image = parsePpm(bytes('P6\n# made up\n2  1\n255\n', [1, 2, 3, 4, 5, 6]));
    expect(image).toMatchObject({ width: 2, height: 1, channels: 3 });
    expect([...image.pixels]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads P5 as one channel', () => {
    const image = parsePpm(bytes('P5 3 1 255\n', [9, 8, 7]));
    expect(image).toMatchObject({ width: 3, height: 1, channels: 1 });
    expect([...image.pixels]).toEqual([9, 8, 7]);
  });

  it('treats a pixel byte that looks like whitespace as a pixel', () => {
    const image = parsePpm(bytes('P5\n1 1\n255\n', [0x0a]));
    expect([...image.pixels]).toEqual([0x0a]);
  });

  it('rejects other formats, 16-bit images and truncated data', () => {
    expect(() => parsePpm(bytes('P3\n1 1\n255\n', [0, 0, 0]))).toThrow(/unsupported magic/);
    expect(() => parsePpm(bytes('P6\n1 1\n65535\n', [0, 0, 0, 0, 0, 0]))).toThrow(/8-bit/);
    expect(() => parsePpm(bytes('P6\n2 2\n255\n', [0, 0, 0]))).toThrow(/expected 12 pixel bytes/);
    expect(() => parsePpm(bytes('P6\n', []))).toThrow(/truncated header/);
    expect(() => parsePpm(bytes('P6\nx 1\n255\n', [0, 0, 0]))).toThrow(/width is not a number/);
  });
});
