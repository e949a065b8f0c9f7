/**
 * Reader for binary Netpbm images (PPM P6 and PGM P5, 8-bit): the decoder-free format of the
 * PDQ test vectors, so the bit-exact tests do not depend on any image codec.
 */
import { readFile } from 'node:fs/promises';

/** Pixels of a Netpbm image: 3 interleaved channels for P6, 1 for P5, row-major. */
export type NetpbmImage = { width: number; height: number; channels: 1 | 3; pixels: Uint8Array };

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]);
const HASH_SIGN = 0x23;
// Longer than any magic number or sensible dimension: a guard against garbage headers.
const MAX_TOKEN_LENGTH = 10;

/** Parses a binary PPM (P6) or PGM (P5) with maxval 255; throws on anything else. */
export function parsePpm(data: Uint8Array): NetpbmImage {
  let position = 0;
  // Header tokens are separated by whitespace and may be interleaved with `#` comments to end of line.
  const nextToken = (): string => {
    for (;;) {
      while (position < data.length && WHITESPACE.has(data[position]!)) position++;
      if (data[position] !== HASH_SIGN) break;
      while (position < data.length && data[position] !== 0x0a && data[position] !== 0x0d) position++;
    }
    const start = position;
    while (position < data.length && !WHITESPACE.has(data[position]!) && data[position] !== HASH_SIGN) position++;
    if (start === position) throw new Error('PPM: truncated header');
    if (position - start > MAX_TOKEN_LENGTH) throw new Error('PPM: malformed header');
    return String.fromCharCode(...data.subarray(start, position));
  };
  const magic = nextToken();
  if (magic !== 'P6' && magic !== 'P5') throw new Error(`PPM: unsupported magic ${JSON.stringify(magic)} (only P6 and P5)`);
  const width = parseHeaderNumber(nextToken(), 'width');
  const height = parseHeaderNumber(nextToken(), 'height');
  const maxValue = parseHeaderNumber(nextToken(), 'maxval');
  if (maxValue !== 255) throw new Error(`PPM: only 8-bit images (maxval 255) are supported, got ${maxValue}`);
  // Exactly one whitespace byte separates the header from the pixels.
  position++;
  const channels = magic === 'P6' ? 3 : 1;
  const byteCount = width * height * channels;
  if (data.length - position < byteCount) throw new Error(`PPM: expected ${byteCount} pixel bytes, found ${data.length - position}`);
  return { width, height, channels, pixels: data.subarray(position, position + byteCount) };
}

function parseHeaderNumber(token: string, field: string): number {
  if (!/^\d+$/.test(token)) throw new Error(`PPM: ${field} is not a number: ${JSON.stringify(token)}`);
  return Number(token);
}

/** Reads and parses a binary PPM/PGM file. */
export async function readPpmFile(path: string): Promise<NetpbmImage> {
  return parsePpm(await readFile(path));
}
