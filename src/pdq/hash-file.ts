/**
 * Hashing an image file end to end: decode with sharp the way the reference vectors were
 * decoded, then hash the full-resolution pixels.
 */
import { decodeImageToRgb, type DecodeOptions } from './decode.ts';
import { pdqHashFromRgb, pdqHashWithDihedralsFromRgb, type PdqHash, type PdqHashWithDihedrals } from './pdq-hasher.ts';

/** A hash together with the decoded image size it was computed from. */
export type PdqFileHash = PdqHash & { width: number; height: number };

/** PDQ hash and quality of an image file (or an in-memory encoded image). */
export async function pdqHashFile(input: string | Buffer, options: DecodeOptions = {}): Promise<PdqFileHash> {
  const { rgb, width, height } = await decodeImageToRgb(input, options);
  return { ...pdqHashFromRgb(rgb, width, height), width, height };
}

/** PDQ hash, quality and the eight dihedral hashes of an image file, decoded once. */
export async function pdqHashFileWithDihedrals(
  input: string | Buffer,
  options: DecodeOptions = {},
): Promise<PdqHashWithDihedrals & { width: number; height: number }> {
  const { rgb, width, height } = await decodeImageToRgb(input, options);
  return { ...pdqHashWithDihedralsFromRgb(rgb, width, height), width, height };
}
