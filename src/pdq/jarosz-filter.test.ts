/**
 * The streamed Jarosz filter against a literal port of the reference's two-plane C++
 * (downscaling.cpp `box1DFloat`, `jaroszFilterFloat`, `decimateFloat`), on sizes that exercise
 * odd and even windows, images narrower than four rows, and a leftover group of rows.
 */
import { describe, expect, it } from 'vitest';
import { boxFilterColumns, boxFilterFourVectors, boxFilterVector, decimationIndices, jaroszDownsample, jaroszWindowSize } from './jarosz-filter.ts';

/** `box1DFloat` as written in C++, strides and all. */
function referenceBox1D(input: Float32Array, inputStart: number, output: Float32Array, outputStart: number, length: number, stride: number, window: number): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = length - window;
  const phase4 = half - 1;
  let li = inputStart;
  let ri = inputStart;
  let oi = outputStart;
  let sum = 0;
  let current = 0;
  for (let i = 0; i < phase1; i++) {
    sum = Math.fround(sum + input[ri]!);
    current++;
    ri += stride;
  }
  for (let i = 0; i < phase2; i++) {
    sum = Math.fround(sum + input[ri]!);
    current++;
    output[oi] = Math.fround(sum / current);
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase3; i++) {
    sum = Math.fround(sum + input[ri]!);
    sum = Math.fround(sum - input[li]!);
    output[oi] = Math.fround(sum / current);
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase4; i++) {
    sum = Math.fround(sum - input[li]!);
    current--;
    output[oi] = Math.fround(sum / current);
    li += stride;
    oi += stride;
  }
}

function referenceDownsample(luma: Float32Array, rows: number, cols: number): Float32Array {
  const buffer1 = luma.slice();
  const buffer2 = new Float32Array(rows * cols);
  const windowAlongRows = Math.trunc((cols + 127) / 128);
  const windowAlongCols = Math.trunc((rows + 127) / 128);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < rows; i++) referenceBox1D(buffer1, i * cols, buffer2, i * cols, cols, 1, windowAlongRows);
    for (let j = 0; j < cols; j++) referenceBox1D(buffer2, j, buffer1, j, rows, cols, windowAlongCols);
  }
  const out = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    const ini = Math.trunc(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++) out[i * 64 + j] = buffer1[ini * cols + Math.trunc(((j + 0.5) * cols) / 64)]!;
  }
  return out;
}

/** Deterministic pseudo-random luma with fractional values, so float rounding matters. */
function randomLuma(count: number, seed: number): Float32Array {
  const values = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = Math.fround(((state >>> 8) / (1 << 24)) * 255.75);
  }
  return values;
}

describe('jaroszWindowSize', () => {
  it('rounds half the downscale factor up', () => {
    expect(jaroszWindowSize(64, 64)).toBe(1);
    expect(jaroszWindowSize(128, 64)).toBe(1);
    expect(jaroszWindowSize(129, 64)).toBe(2);
    expect(jaroszWindowSize(1024, 64)).toBe(8);
    expect(jaroszWindowSize(1600, 64)).toBe(13);
  });
});

describe('decimationIndices', () => {
  it('samples cell centres', () => {
    expect([...decimationIndices(64, 64)]).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect([...decimationIndices(128, 64)].slice(0, 3)).toEqual([1, 3, 5]);
    expect([...decimationIndices(5, 64)].slice(0, 14)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('box filters', () => {
  it.each([1, 2, 3, 8, 13])('single and four-at-once row filters equal box1DFloat (window %i)', (window) => {
    const length = 157;
    const input = randomLuma(4 * length, window);
    const expected = new Float32Array(4 * length);
    for (let row = 0; row < 4; row++) referenceBox1D(input, row * length, expected, row * length, length, 1, window);
    const single = new Float32Array(4 * length);
    for (let row = 0; row < 4; row++) boxFilterVector(input, row * length, single, row * length, length, window);
    const four = new Float32Array(4 * length);
    boxFilterFourVectors(input, 0, four, 0, length, window);
    expect(single).toEqual(expected);
    expect(four).toEqual(expected);
  });

  it.each([1, 2, 5, 8])('column filter equals strided box1DFloat (window %i)', (window) => {
    const rows = 97;
    const cols = 13;
    const input = randomLuma(rows * cols, 100 + window);
    const expected = new Float32Array(rows * cols);
    for (let j = 0; j < cols; j++) referenceBox1D(input, j, expected, j, rows, cols, window);
    const actual = new Float32Array(rows * cols);
    boxFilterColumns(input, actual, rows, cols, window);
    expect(actual).toEqual(expected);
  });
});

describe('jaroszDownsample', () => {
  const sizes: Array<[rows: number, cols: number]> = [
    [5, 5],
    [7, 300],
    [61, 97],
    [64, 64],
    [130, 129],
    [255, 258],
    [517, 333],
    [300, 1000],
    [1003, 43],
  ];
  it.each(sizes)('%i×%i matches the two-plane reference exactly', (rows, cols) => {
    const luma = randomLuma(rows * cols, rows * 7919 + cols);
    const actual = jaroszDownsample({
      rows,
      cols,
      readRow: (row, out, offset) => out.set(luma.subarray(row * cols, (row + 1) * cols), offset),
      outputRows: 64,
      outputCols: 64,
    });
    expect(actual).toEqual(referenceDownsample(luma, rows, cols));
  });
});
