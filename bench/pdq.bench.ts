/**
 * PDQ benchmark: hashes the copied reference images and generated 1024×1024 and 4000×3000
 * pictures, and times sharp decoding of the same images in the same run as the baseline.
 * Writes bench/results/pdq.json. Run with `npx tsx bench/pdq.bench.ts [--iterations N]`.
 */
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { decodeImageToRgb, type DecodedRgb } from '../src/pdq/decode.ts';
import { pdqHashFromRgb, pdqHashWithDihedralsFromRgb } from '../src/pdq/pdq-hasher.ts';
import { generatedImage } from '../src/pdq/test-support.ts';

type Result = { case: string; ms_per_image: number; images_per_second: number; cpu_ms_per_image: number };
type Ratio = { image: string; hash_case: string; decode_case: string; hash_to_decode: number; hash_to_decode_cpu: number };
type Timing = { wallMs: number; cpuMs: number };

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, '..', 'test', 'fixtures', 'pdq', 'images');
const resultsPath = join(here, 'results', 'pdq.json');

function iterationsFromArguments(): number {
  const flag = process.argv.indexOf('--iterations');
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env.PDQ_BENCH_ITERATIONS;
  const value = raw === undefined ? 30 : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--iterations must be a positive integer, got ${raw}`);
  return value;
}

async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(jpe?g|png|webp)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Runs `work` over `images` once to warm up, then `rounds` times. Wall time is the median round,
 * which shrugs off rounds slowed by other processes on a shared machine; CPU time (this process,
 * sharp's threads included) is the mean, and is what other processes disturb least.
 */
async function timePerImage<T>(images: readonly T[], rounds: number, work: (image: T) => unknown): Promise<Timing> {
  for (const image of images) await work(image);
  const roundTimes: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const image of images) await work(image);
    roundTimes.push((performance.now() - started) / images.length);
  }
  const cpu = process.cpuUsage(cpuStart);
  roundTimes.sort((a, b) => a - b);
  return { wallMs: roundTimes[Math.floor(roundTimes.length / 2)]!, cpuMs: (cpu.user + cpu.system) / 1000 / (rounds * images.length) };
}

const results: Result[] = [];
const ratios: Ratio[] = [];

function record(name: string, timing: Timing): Timing {
  const { wallMs, cpuMs } = timing;
  results.push({ case: name, ms_per_image: round3(wallMs), images_per_second: round3(1000 / wallMs), cpu_ms_per_image: round3(cpuMs) });
  console.log(
    `${name.padEnd(62)} ${wallMs.toFixed(3).padStart(9)} ms/image ${(1000 / wallMs).toFixed(1).padStart(8)} images/s ${cpuMs.toFixed(3).padStart(9)} CPU ms`,
  );
  return timing;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

async function benchEncoded(label: string, encoded: readonly Buffer[], rounds: number): Promise<void> {
  const decoded: DecodedRgb[] = [];
  for (const bytes of encoded) decoded.push(await decodeImageToRgb(bytes));
  const decode = record(`${label}: sharp decode only (baseline)`, await timePerImage(encoded, rounds, (bytes) => decodeImageToRgb(bytes)));
  const hash = record(`${label}: PDQ hash from RGB`, await timePerImage(decoded, rounds, (image) => pdqHashFromRgb(image.rgb, image.width, image.height)));
  record(
    `${label}: PDQ hash + 8 dihedral from RGB`,
    await timePerImage(decoded, rounds, (image) => pdqHashWithDihedralsFromRgb(image.rgb, image.width, image.height)),
  );
  record(
    `${label}: decode + hash`,
    await timePerImage(encoded, rounds, async (bytes) => {
      const image = await decodeImageToRgb(bytes);
      return pdqHashFromRgb(image.rgb, image.width, image.height);
    }),
  );
  ratios.push({
    image: label,
    hash_case: `${label}: PDQ hash from RGB`,
    decode_case: `${label}: sharp decode only (baseline)`,
    hash_to_decode: round3(hash.wallMs / decode.wallMs),
    hash_to_decode_cpu: round3(hash.cpuMs / decode.cpuMs),
  });
}

async function generatedEncodings(width: number, height: number): Promise<{ png: Buffer; jpeg: Buffer }> {
  const image = generatedImage(width, height);
  const raw = () => sharp(Buffer.from(image.rgb), { raw: { width, height, channels: 3 } });
  return { png: await raw().png().toBuffer(), jpeg: await raw().jpeg({ quality: 90 }).toBuffer() };
}

const iterations = iterationsFromArguments();
const loadBefore = loadavg()[0]!;
const fixturePaths = await listImages(fixturesDir);
const fixtureBytes = await Promise.all(fixturePaths.map((path) => readFile(path)));
console.log(`PDQ benchmark: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${iterations} iterations`);
console.log(`fixtures: ${fixturePaths.map((path) => relative(fixturesDir, path)).join(', ')}`);

await benchEncoded(`${fixturePaths.length} fixture images (mostly 256×256 JPEG)`, fixtureBytes, iterations);
const medium = await generatedEncodings(1024, 1024);
await benchEncoded('generated 1024×1024 JPEG', [medium.jpeg], iterations);
await benchEncoded('generated 1024×1024 PNG', [medium.png], iterations);
// A phone-photo size, where the full-resolution blur dominates; fewer rounds keep the run short.
const large = await generatedEncodings(4000, 3000);
await benchEncoded('generated 4000×3000 JPEG', [large.jpeg], Math.max(1, Math.ceil(iterations / 5)));

for (const ratio of ratios) {
  console.log(`hash/decode ${ratio.image}: ${ratio.hash_to_decode} wall, ${ratio.hash_to_decode_cpu} CPU`);
}

await mkdir(dirname(resultsPath), { recursive: true });
const report = {
  name: 'pdq',
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  iterations,
  statistic: 'ms_per_image: median round (wall); cpu_ms_per_image: mean CPU time of this process',
  // Other processes share the machine; a high load average means the numbers are pessimistic.
  load_average_1min: { before: round3(loadBefore), after: round3(loadavg()[0]!) },
  fixtures: fixturePaths.map((path) => relative(fixturesDir, path)),
  results,
  ratios,
};
await writeFile(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${relative(process.cwd(), resultsPath)}`);
