import { describe, expect, it } from 'vitest';
import { hammingDistance, isPdqHash, isPdqMatch, PDQ_MATCH_THRESHOLD } from './hamming.ts';

const ZEROS = '0'.repeat(64);
const ONES = 'f'.repeat(64);

describe('hammingDistance', () => {
  it('is 0 for equal hashes and 256 for complements', () => {
    expect(hammingDistance(ZEROS, ZEROS)).toBe(0);
    expect(hammingDistance(ONES, ONES)).toBe(0);
    expect(hammingDistance(ZEROS, ONES)).toBe(256);
  });

  it('counts single bits in every position of a 32-bit chunk and across chunks', () => {
    for (let digit = 0; digit < 64; digit++) {
      for (const nibble of ['1', '2', '4', '8']) {
        const hash = ZEROS.slice(0, digit) + nibble + ZEROS.slice(digit + 1);
        expect(hammingDistance(ZEROS, hash)).toBe(1);
      }
    }
    expect(hammingDistance(ZEROS, '8'.repeat(64))).toBe(64);
    expect(hammingDistance('ffffffff' + '0'.repeat(56), ZEROS)).toBe(32);
  });

  it('agrees with a distance from the reference table (original vs rotate180 of one image)', () => {
    const a = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
    const b = 'f8f8f0cee0f4a84f06370a2a038f63f0b36e26d596621e1d33e6b39c4e9c9b22';
    // Two hex digits differ: 2→a and e→6, one bit each.
    expect(hammingDistance(a, b)).toBe(2);
    expect(hammingDistance(b, a)).toBe(2);
  });

  it('accepts upper-case hex', () => {
    expect(hammingDistance(ONES.toUpperCase(), ZEROS)).toBe(256);
  });

  it('rejects anything that is not 64 hex digits', () => {
    expect(() => hammingDistance('abc', ZEROS)).toThrow(TypeError);
    expect(() => hammingDistance(ZEROS, 'g'.repeat(64))).toThrow(TypeError);
    expect(() => hammingDistance(ZEROS + '0', ZEROS)).toThrow(TypeError);
    expect(isPdqHash(' ' + ZEROS.slice(1))).toBe(false);
  });
});

describe('isPdqMatch', () => {
  it('matches at 31 bits and not at 32 (upstream default)', () => {
    const bits31 = 'fffffff7' + '0'.repeat(56);
    const bits32 = 'ffffffff' + '0'.repeat(56);
    expect(PDQ_MATCH_THRESHOLD).toBe(31);
    expect(hammingDistance(ZEROS, bits31)).toBe(31);
    expect(isPdqMatch(ZEROS, bits31)).toBe(true);
    expect(isPdqMatch(ZEROS, bits32)).toBe(false);
    expect(isPdqMatch(ZEROS, bits32, 32)).toBe(true);
  });
});
