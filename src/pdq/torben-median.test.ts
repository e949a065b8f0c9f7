import { describe, expect, it } from 'vitest';
import { torbenMedian } from './torben-median.ts';

describe('torbenMedian', () => {
  it('returns the middle value of odd-length input without reordering it', () => {
    const values = new Float32Array([5, 1, 4, 2, 3]);
    expect(torbenMedian(values)).toBe(3);
    expect([...values]).toEqual([5, 1, 4, 2, 3]);
  });

  it('returns the lower middle value for even-length input, like the reference', () => {
    expect(torbenMedian(new Float32Array([10, 20]))).toBe(10);
    expect(torbenMedian(new Float32Array([4, 1, 3, 2]))).toBe(2);
  });

  it('handles ties and a single value', () => {
    expect(torbenMedian(new Float32Array([7, 7, 7, 7]))).toBe(7);
    expect(torbenMedian(new Float32Array([-1.5]))).toBe(-1.5);
  });

  it('equals the lower middle of the sorted values for 256 pseudo-random floats', () => {
    const values = new Float32Array(256);
    let state = 12345;
    for (let i = 0; i < values.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      values[i] = Math.fround((state / 2 ** 32) * 2000 - 1000);
    }
    const sorted = [...values].sort((a, b) => a - b);
    expect(torbenMedian(values)).toBe(sorted[127]);
  });

  it('refuses empty input', () => {
    expect(() => torbenMedian(new Float32Array(0))).toThrow(RangeError);
  });
});
