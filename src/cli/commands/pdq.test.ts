import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PDQ_FIXTURES, readReferenceRows } from '../../pdq/test-support.ts';
import { registerPdqCommand, runPdqCommand } from './pdq.ts';

// Images whose sharp-decoded pixels are byte-identical to the reference's, so hashes are exact.
const reference = new Map(readReferenceRows().map((row) => [row.sourceImage, row]));
const expectedRow = (sourceImage: string) => {
  const row = reference.get(sourceImage);
  if (row === undefined) throw new Error(`no reference row for ${sourceImage}`);
  return row;
};
const imageA = 'images/reg-test-input/labelme-subset/q0291.jpg';
const imageB = 'images/bridge-mods/square-128x128.jpg';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) } };
}

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'csep-pdq-cli-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('runPdqCommand', () => {
  it('prints HASH,QUALITY,FILE with the path exactly as given', async () => {
    const { out, err, output } = capture();
    const fileA = `${PDQ_FIXTURES}${imageA}`;
    const fileB = `${PDQ_FIXTURES}./${imageB}`;
    const exitCode = await runPdqCommand([fileA, fileB], {}, output);
    expect(exitCode).toBe(0);
    expect(err).toEqual([]);
    const rowA = expectedRow(imageA);
    const rowB = expectedRow(imageB);
    expect(out.join('')).toBe(`${rowA.pdq},${rowA.quality},${fileA}\n${rowB.pdq},${rowB.quality},${fileB}\n`);
  });

  it('appends the eight dihedral hashes with --dihedral', async () => {
    const { out, output } = capture();
    const file = `${PDQ_FIXTURES}${imageA}`;
    expect(await runPdqCommand([file], { dihedral: true }, output)).toBe(0);
    const row = expectedRow(imageA);
    expect(out).toEqual([`${row.pdq},${row.quality},${file},${row.dihedral.join(',')}\n`]);
    expect(out[0]!.trimEnd().split(',')).toHaveLength(11);
  });

  it('reports unreadable and undecodable files on stderr, hashes the rest and exits 1', async () => {
    const missing = join(workDir, 'missing.jpg');
    const notAnImage = join(workDir, 'notes.jpg');
    await writeFile(notAnImage, 'this is a text file with a .jpg name\n');
    const good = `${PDQ_FIXTURES}${imageB}`;
    const { out, err, output } = capture();

    const exitCode = await runPdqCommand([missing, good, notAnImage, workDir, good], {}, output);

    expect(exitCode).toBe(1);
    const row = expectedRow(imageB);
    expect(out).toEqual([`${row.pdq},${row.quality},${good}\n`, `${row.pdq},${row.quality},${good}\n`]);
    expect(err).toHaveLength(3);
    expect(err[0]).toBe(`csep pdq: ${missing}: no such file or directory\n`);
    expect(err[1]).toMatch(new RegExp(`^csep pdq: ${notAnImage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot decode image: .+\n$`));
    expect(err[2]).toBe(`csep pdq: ${workDir}: is a directory\n`);
    for (const line of err) expect(line.trimEnd()).not.toContain('\n');
  });

  it('gives the zero hash with quality 0 for an image under 5 pixels', async () => {
    const sharp = (await import('sharp')).default;
    const tiny = join(workDir, 'tiny.png');
    await sharp({ create: { width: 4, height: 9, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toFile(tiny);
    const { out, output } = capture();
    expect(await runPdqCommand([tiny], {}, output)).toBe(0);
    expect(out).toEqual([`${'0'.repeat(64)},0,${tiny}\n`]);
  });
});

describe('registerPdqCommand', () => {
  const savedExitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = savedExitCode;
    vi.restoreAllMocks();
  });

  function program(): Command {
    const root = new Command().name('csep').exitOverride();
    registerPdqCommand(root);
    return root;
  }

  it('wires files and --dihedral through commander and leaves the exit code alone on success', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const file = `${PDQ_FIXTURES}${imageA}`;
    await program().parseAsync(['node', 'csep', 'pdq', file, '--dihedral']);
    const row = expectedRow(imageA);
    expect(written).toEqual([`${row.pdq},${row.quality},${file},${row.dihedral.join(',')}\n`]);
    expect(process.exitCode).toBe(savedExitCode);
  });

  it('sets process.exitCode to 1 when a file fails', async () => {
    const errors: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    await program().parseAsync(['node', 'csep', 'pdq', join(workDir, 'absent.png')]);
    expect(process.exitCode).toBe(1);
    expect(errors).toEqual([`csep pdq: ${join(workDir, 'absent.png')}: no such file or directory\n`]);
  });

  it('requires at least one file', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(program().parseAsync(['node', 'csep', 'pdq'])).rejects.toMatchObject({ code: 'commander.missingArgument' });
  });
});
