/**
 * `csep pdq FILE... [--dihedral]`: prints `HASH,QUALITY,FILE` per image (plus the eight dihedral
 * hashes with --dihedral). A file that cannot be read or decoded gets one line on stderr and
 * makes the command exit 1, but the remaining files are still hashed.
 */
import type { Command } from 'commander';
import { decodeImageToRgb, type DecodedRgb } from '../../pdq/decode.ts';
import { pdqHashFromRgb, pdqHashWithDihedralsFromRgb } from '../../pdq/pdq-hasher.ts';

/** Options of `csep pdq`. */
export type PdqCommandOptions = { dihedral?: boolean };

/** Where the command writes; injected so tests can capture the output. */
export type PdqCommandOutput = { stdout: (text: string) => void; stderr: (text: string) => void };

type DecodeOutcome = { ok: true; image: DecodedRgb } | { ok: false; reason: string };

// Errno codes users meet on the command line, in words; anything else keeps its own message.
const FILE_ERROR_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent of the path is not a directory',
  ENAMETOOLONG: 'file name too long',
};

function failureReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known = FILE_ERROR_REASONS[code];
  if (known !== undefined) return known;
  const message = error instanceof Error ? error.message : String(error);
  // One line per file, whatever the decoder said.
  return `cannot decode image: ${message.replace(/\s+/g, ' ').trim()}`;
}

/** Never rejects, so a decode started ahead of time cannot become an unhandled rejection. */
async function decodeOutcome(file: string): Promise<DecodeOutcome> {
  try {
    return { ok: true, image: await decodeImageToRgb(file) };
  } catch (error) {
    return { ok: false, reason: failureReason(error) };
  }
}

/** Hashes each file in order and writes one line per file; resolves to the exit code (0 or 1). */
export async function runPdqCommand(files: readonly string[], options: PdqCommandOptions, output: PdqCommandOutput): Promise<number> {
  let exitCode = 0;
  // Decoding runs on sharp's threads while this thread hashes the previous image, so the next
  // file's decode is started before the current one is hashed; only one image is held ahead.
  let next = files.length > 0 ? decodeOutcome(files[0]!) : undefined;
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    const outcome = await next!;
    next = index + 1 < files.length ? decodeOutcome(files[index + 1]!) : undefined;
    if (!outcome.ok) {
      output.stderr(`csep pdq: ${file}: ${outcome.reason}\n`);
      exitCode = 1;
      continue;
    }
    const { rgb, width, height } = outcome.image;
    if (options.dihedral === true) {
      const result = pdqHashWithDihedralsFromRgb(rgb, width, height);
      output.stdout(`${result.hash},${result.quality},${file},${result.dihedral.hashes.join(',')}\n`);
    } else {
      const result = pdqHashFromRgb(rgb, width, height);
      output.stdout(`${result.hash},${result.quality},${file}\n`);
    }
  }
  return exitCode;
}

/** Registers `csep pdq` on the program. */
export function registerPdqCommand(program: Command): void {
  program
    .command('pdq')
    .description(
      'print the PDQ perceptual hash of each image as HASH,QUALITY,FILE ' +
        '(64 hex digits, quality 0-100; quality 49 or less is too flat to trust)',
    )
    .argument('<files...>', 'image files, hashed at full resolution without EXIF rotation')
    .option(
      '--dihedral',
      'append the 8 dihedral hashes: original, rotate90, rotate180, rotate270, flipx, flipy, flipplus1, flipminus1',
    )
    .action(async (files: string[], options: PdqCommandOptions) => {
      const exitCode = await runPdqCommand(files, options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      // exitCode rather than process.exit(): pending output is flushed and other commands unaffected.
      if (exitCode !== 0) process.exitCode = exitCode;
    });
}
