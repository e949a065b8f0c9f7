/**
 * The part of the 64×64 2-D DCT-II that PDQ keeps: frequencies 1..16 in each direction
 * (pdqhashing.cpp `dct64To16`), computed as B = D·A·Dᵀ with float32 accumulation.
 */

const FULL_SIZE = 64;
const KEPT_SIZE = 16;

/**
 * D[i][j] = float(sqrt(2/64)) · cos((π/2/64)·(i+1)·(2j+1)), i in 0..15, j in 0..63, row-major.
 * The cosine is taken in double and the product rounded once to float32, as in the C++.
 */
function buildDctMatrix(): Float32Array {
  const matrix = new Float32Array(KEPT_SIZE * FULL_SIZE);
  const scale = Math.fround(Math.sqrt(2 / FULL_SIZE));
  for (let i = 0; i < KEPT_SIZE; i++) {
    for (let j = 0; j < FULL_SIZE; j++) {
      matrix[i * FULL_SIZE + j] = scale * Math.cos((Math.PI / 2 / FULL_SIZE) * (i + 1) * (2 * j + 1));
    }
  }
  return matrix;
}

/** The 16×64 DCT matrix, built once. */
export const DCT_MATRIX_16X64: Float32Array = buildDctMatrix();

/**
 * 16×16 DCT coefficients of a 64×64 row-major block. Each product and each partial sum is rounded
 * to float32 in the reference's order (k ascending), so the result is bit-identical.
 */
export function dct64To16(block64: Float32Array, out16x16: Float32Array = new Float32Array(KEPT_SIZE * KEPT_SIZE)): Float32Array {
  const matrix = DCT_MATRIX_16X64;
  // T = D·A (16×64).
  const partial = new Float32Array(KEPT_SIZE * FULL_SIZE);
  for (let i = 0; i < KEPT_SIZE; i++) {
    const matrixRow = i * FULL_SIZE;
    for (let j = 0; j < FULL_SIZE; j++) {
      let sum = 0;
      for (let k = 0; k < FULL_SIZE; k++) {
        sum = Math.fround(sum + Math.fround(matrix[matrixRow + k]! * block64[k * FULL_SIZE + j]!));
      }
      partial[i * FULL_SIZE + j] = sum;
    }
  }
  // B = T·Dᵀ (16×16).
  for (let i = 0; i < KEPT_SIZE; i++) {
    const partialRow = i * FULL_SIZE;
    for (let j = 0; j < KEPT_SIZE; j++) {
      const matrixRow = j * FULL_SIZE;
      let sum = 0;
      for (let k = 0; k < FULL_SIZE; k++) {
        sum = Math.fround(sum + Math.fround(partial[partialRow + k]! * matrix[matrixRow + k]!));
      }
      out16x16[i * KEPT_SIZE + j] = sum;
    }
  }
  return out16x16;
}
