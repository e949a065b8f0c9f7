/**
 * PDQ perceptual image hashing (Meta's 256-bit hash), bit-exact with the reference C++ core.
 * Pure library: no HTTP, no database.
 */
export {
  pdqHashFromRgb,
  pdqHashFromGrey,
  pdqDihedralHashesFromRgb,
  pdqDihedralHashesFromGrey,
  pdqHashWithDihedralsFromRgb,
  pdqQualityMetric,
  ZERO_HASH,
  type PdqHash,
  type PdqDihedralHashes,
  type PdqHashWithDihedrals,
  type DihedralHashes,
} from './pdq-hasher.ts';
export { DIHEDRAL_ORDER, type DihedralTransform } from './dihedral.ts';
export { hammingDistance, isPdqHash, isPdqMatch, PDQ_MATCH_THRESHOLD } from './hamming.ts';
export { decodeImageToRgb, greyToRgb, DEFAULT_MAX_INPUT_PIXELS, type DecodedRgb, type DecodeOptions } from './decode.ts';
export { pdqHashFile, pdqHashFileWithDihedrals, type PdqFileHash } from './hash-file.ts';
export { parsePpm, readPpmFile, type NetpbmImage } from './ppm.ts';
export { PdqIndex, pdqHexToWords, type PdqIndexHit, type PdqQueryOptions } from './pdq-index.ts';
