/**
 * The eight dihedral symmetries of the square (rotations and mirrors) act on DCT coefficients
 * by transposing and flipping signs, so PDQ derives all eight hashes from one 16×16 DCT
 * (pdqhashing.cpp `dct16OriginalTo*`) instead of re-hashing transformed pixels.
 */

/** Order of the dihedral hashes everywhere in this library, the order the reference prints. */
export const DIHEDRAL_ORDER = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipx',
  'flipy',
  'flipplus1',
  'flipminus1',
] as const;

/** One of the eight dihedral transforms. */
export type DihedralTransform = (typeof DIHEDRAL_ORDER)[number];

type CoefficientRule = {
  /** Whether output[j][i] takes input[i][j] (transpose) rather than output[i][j]. */
  transpose: boolean;
  /** Whether the coefficient at input row i, column j changes sign. */
  negate: (i: number, j: number) => boolean;
};

const isOdd = (n: number): boolean => (n & 1) === 1;

const RULES: Record<DihedralTransform, CoefficientRule> = {
  original: { transpose: false, negate: () => false },
  rotate90: { transpose: true, negate: (_i, j) => !isOdd(j) },
  rotate180: { transpose: false, negate: (i, j) => isOdd(i + j) },
  rotate270: { transpose: true, negate: (i) => !isOdd(i) },
  flipx: { transpose: false, negate: (i) => !isOdd(i) },
  flipy: { transpose: false, negate: (_i, j) => !isOdd(j) },
  flipplus1: { transpose: true, negate: () => false },
  flipminus1: { transpose: true, negate: (i, j) => isOdd(i + j) },
};

const SIDE = 16;

/** The 16×16 DCT of the transformed image, derived from the original's 16×16 DCT. */
export function transformDct16(dct16x16: Float32Array, transform: DihedralTransform, out = new Float32Array(SIDE * SIDE)): Float32Array {
  const { transpose, negate } = RULES[transform];
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      const value = dct16x16[i * SIDE + j]!;
      out[transpose ? j * SIDE + i : i * SIDE + j] = negate(i, j) ? -value : value;
    }
  }
  return out;
}
