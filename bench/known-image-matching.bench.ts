/**
 * Known-image matching benchmark (issue #8), measuring what the issue asks:
 *
 *   (a) hashing the 1,600×1,004 reference photograph (test/fixtures/pdq/photo, upstream's
 *       bridge-mods/aaa-orig.jpg) from pixels already decoded — the plain PDQ hash, and the hash
 *       with its eight dihedral hashes that ingest stores — and the same through sharp decoding;
 *   (b) one query (a new image's eight dihedral hashes) against 1,000,000 random stored PDQ
 *       hashes within distance 31: p50 and p95 in ms against the < 50 ms target, with the packed
 *       popcount scan of the same index measured in the same run as the baseline and the ratio.
 *
 * Random 256-bit hashes are the index's worst realistic case only in one way: their chunks spread
 * evenly over the buckets, so bucket sizes are the expected N/65,536; clustered real hashes give
 * some larger buckets. Queries plant neighbours at distance 0, 16 and 31 in some stored rows, and
 * every scanned query's answer is compared with the index's (a mismatch fails the run: the speeds
 * would compare different work). Speeds are reported, never asserted; a missed target shows as
 * `met: false` in bench/results/known-image-matching.json.
 *
 * Run with `npx tsx bench/known-image-matching.bench.ts` (or `npm run bench -- known-image`);
 * about 20 seconds.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImageToRgb } from '../src/pdq/decode.ts';
import { hammingDistance } from '../src/pdq/hamming.ts';
import { pdqHashFromRgb, pdqHashWithDihedralsFromRgb } from '../src/pdq/pdq-hasher.ts';
import { PdqIndex, pdqHexToWords } from '../src/pdq/pdq-index.ts';
import { readReferenceRows } from '../src/pdq/test-support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const photoPath = join(here, '..', 'test', 'fixtures', 'pdq', 'photo', 'bridge-aaa-orig.jpg');
const referenceRow = 'images/bridge-mods/aaa-orig.jpg';
const resultsPath = join(here, 'results', 'known-image-matching.json');

const STORED = 1_000_000;
const MAX_DISTANCE = 31;
const TARGET_MS = 50;
const INDEX_QUERIES = 300;
const SCAN_QUERIES = 20;
const HASH_ROUNDS = 20;

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Median wall time of `rounds` runs after one warm-up, and mean CPU time of this process. */
async function time(rounds: number, work: () => unknown): Promise<{ ms: number; cpuMs: number }> {
  await work();
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  return { ms: round3(percentile(times, 50)), cpuMs: round3((cpu.user + cpu.system) / 1000 / rounds) };
}

function flipBits(hex: string, bits: number): string {
  const words = pdqHexToWords(hex);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(randomBytes(1)[0]!);
  for (const bit of chosen) words[bit >>> 5] = (words[bit >>> 5]! ^ (1 << (bit & 31))) >>> 0;
  return [...words].map((w) => w.toString(16).padStart(8, '0')).join('');
}

const loadBefore = loadavg()[0]!;
console.log(`known-image matching benchmark: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);

// (a) Hashing the reference photograph ------------------------------------------------------
const photo = await readFile(photoPath);
const decoded = await decodeImageToRgb(photo);
const row = readReferenceRows().find((r) => r.sourceImage === referenceRow);
if (!row) throw new Error(`reference row ${referenceRow} missing from the expected CSV`);
const pixelsMatch = createHash('sha256').update(decoded.rgb).digest('hex') === row.pixelsSha256;
const plain = pdqHashFromRgb(decoded.rgb, decoded.width, decoded.height);
// With the reference pixels the hash must be the reference's; otherwise upstream's tolerance.
if (pixelsMatch ? plain.hash !== row.pdq : hammingDistance(plain.hash, row.pdq) > 10) throw new Error(`PDQ of the photo differs from the reference: ${plain.hash} vs ${row.pdq}`);
const hashing = {
  image: relative(join(here, '..'), photoPath),
  width: decoded.width,
  height: decoded.height,
  pixels_match_reference: pixelsMatch,
  pdq: plain.hash,
  quality: plain.quality,
  hash_from_pixels: await time(HASH_ROUNDS, () => pdqHashFromRgb(decoded.rgb, decoded.width, decoded.height)),
  hash_and_8_dihedral_from_pixels: await time(HASH_ROUNDS, () => pdqHashWithDihedralsFromRgb(decoded.rgb, decoded.width, decoded.height)),
  decode_only: await time(HASH_ROUNDS, () => decodeImageToRgb(photo)),
  decode_and_hash: await time(HASH_ROUNDS, async () => {
    const image = await decodeImageToRgb(photo);
    return pdqHashFromRgb(image.rgb, image.width, image.height);
  }),
  decode_and_hash_8_dihedral: await time(HASH_ROUNDS, async () => {
    const image = await decodeImageToRgb(photo);
    return pdqHashWithDihedralsFromRgb(image.rgb, image.width, image.height);
  }),
};
for (const [name, value] of Object.entries(hashing)) {
  if (typeof value === 'object') console.log(`${name.padEnd(34)} ${value.ms.toFixed(3).padStart(9)} ms  (${value.cpuMs.toFixed(3)} CPU ms)`);
}

// (b) One query against a million stored hashes ----------------------------------------------
const heapBefore = process.memoryUsage();
const buildStarted = performance.now();
const index = new PdqIndex(STORED);
const raw = randomBytes(32 * STORED);
const stored: string[] = new Array<string>(STORED);
for (let i = 0; i < STORED; i++) stored[i] = raw.subarray(i * 32, i * 32 + 32).toString('hex');
const queries: string[][] = [];
for (let q = 0; q < INDEX_QUERIES; q++) queries.push(Array.from({ length: 8 }, () => randomBytes(32).toString('hex')));
// Every third query has planted neighbours of one of its variants: exact, 16 and 31 bits away.
for (let q = 0; q < INDEX_QUERIES; q += 3) {
  const variant = queries[q]![q % 8]!;
  for (const [offset, bits] of [
    [0, 0],
    [1, 16],
    [2, 31],
  ] as const) {
    stored[(q * 3 + offset) * 997 % STORED] = flipBits(variant, bits);
  }
}
for (let i = 0; i < STORED; i++) index.add(stored[i]!, i);
const addedMs = performance.now() - buildStarted;
const rebuildStarted = performance.now();
index.rebuild();
const rebuildMs = performance.now() - rebuildStarted;
const heapAfter = process.memoryUsage();

const indexTimes: number[] = [];
const indexCpu: number[] = [];
const answers: number[][] = [];
let hits = 0;
for (const query of queries) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const found = index.query(query, { maxDistance: MAX_DISTANCE });
  indexTimes.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  indexCpu.push((cpu.user + cpu.system) / 1000);
  hits += found.length;
  answers.push(found.map((h) => h.key).sort((a, b) => a - b));
}
const scanTimes: number[] = [];
for (let q = 0; q < SCAN_QUERIES; q++) {
  const started = performance.now();
  const found = index.scan(queries[q]!, { maxDistance: MAX_DISTANCE });
  scanTimes.push(performance.now() - started);
  const keys = found.map((h) => h.key).sort((a, b) => a - b);
  if (keys.join(',') !== answers[q]!.join(',')) throw new Error(`query ${q}: the index and the scan disagree (${answers[q]} vs ${keys})`);
}
indexTimes.sort((a, b) => a - b);
indexCpu.sort((a, b) => a - b);
scanTimes.sort((a, b) => a - b);
const search = {
  stored: STORED,
  query_hashes: 8,
  max_distance: MAX_DISTANCE,
  method: 'multi-index hashing, 16 chunks × 16 bits, radius ⌊31/16⌋ = 1 per chunk (17 buckets × 16 tables per query hash)',
  queries: INDEX_QUERIES,
  hits_total: hits,
  index_ms: { p50: round3(percentile(indexTimes, 50)), p95: round3(percentile(indexTimes, 95)), max: round3(indexTimes.at(-1)!) },
  // CPU time of this process per query: what other processes on a shared machine disturb least.
  index_cpu_ms: { p50: round3(percentile(indexCpu, 50)), p95: round3(percentile(indexCpu, 95)) },
  target_ms: TARGET_MS,
  met: percentile(indexTimes, 95) < TARGET_MS,
  baseline_scan_ms: { queries: SCAN_QUERIES, p50: round3(percentile(scanTimes, 50)), p95: round3(percentile(scanTimes, 95)) },
  speedup_p50: round3(percentile(scanTimes, 50) / percentile(indexTimes, 50)),
  build_ms: { add_1m_hex: round3(addedMs), rebuild_tables: round3(rebuildMs) },
  memory_mib: { array_buffers: round3((heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 1048576) },
};
console.log(`index query (8 hashes) over ${STORED.toLocaleString()}: p50 ${search.index_ms.p50} ms, p95 ${search.index_ms.p95} ms (target < ${TARGET_MS} ms: ${search.met ? 'met' : 'MISSED'}); CPU p50 ${search.index_cpu_ms.p50} ms, p95 ${search.index_cpu_ms.p95} ms`);
console.log(`packed popcount scan baseline: p50 ${search.baseline_scan_ms.p50} ms, p95 ${search.baseline_scan_ms.p95} ms → ${search.speedup_p50}× faster`);
console.log(`build: ${search.build_ms.add_1m_hex} ms to add, ${search.build_ms.rebuild_tables} ms to build the tables; ${search.memory_mib.array_buffers} MiB of arrays`);

await mkdir(dirname(resultsPath), { recursive: true });
const report = {
  name: 'known-image-matching',
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  statistic: 'hashing: median of rounds (wall) and mean CPU ms; search: percentiles over queries (wall)',
  // Other processes share the machine; a high load average means the numbers are pessimistic.
  load_average_1min: { before: round3(loadBefore), after: round3(loadavg()[0]!) },
  hashing,
  search,
};
await writeFile(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${relative(process.cwd(), resultsPath)}`);
