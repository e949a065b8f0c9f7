/**
 * Hamming distance between PDQ hashes. Upstream treats a distance of 31 or less as a match.
 */

/** Distance at or below which two PDQ hashes are considered the same picture (upstream's default). */
export const PDQ_MATCH_THRESHOLD = 31;

const PDQ_HEX = /^[0-9a-f]{64}$/i;

/** Whether `text` is a 256-bit PDQ hash written as 64 hex digits. */
export function isPdqHash(text: string): boolean {
  return PDQ_HEX.test(text);
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits (0..256) between two 64-hex-digit PDQ hashes; throws on malformed input. */
export function hammingDistance(hexA: string, hexB: string): number {
  if (!isPdqHash(hexA)) throw new TypeError(`hammingDistance: not a 64-hex-digit PDQ hash: ${JSON.stringify(hexA)}`);
  if (!isPdqHash(hexB)) throw new TypeError(`hammingDistance: not a 64-hex-digit PDQ hash: ${JSON.stringify(hexB)}`);
  let distance = 0;
  // Eight hex digits are 32 bits: the widest chunk that fits JavaScript's 32-bit bit operations.
  for (let offset = 0; offset < 64; offset += 8) {
    const a = Number.parseInt(hexA.slice(offset, offset + 8), 16);
    const b = Number.parseInt(hexB.slice(offset, offset + 8), 16);
    distance += popcount32((a ^ b) >>> 0);
  }
  return distance;
}

/** Whether two PDQ hashes are within `threshold` bits (default 31, upstream's match rule). */
export function isPdqMatch(hexA: string, hexB: string, threshold = PDQ_MATCH_THRESHOLD): boolean {
  return hammingDistance(hexA, hexB) <= threshold;
}
