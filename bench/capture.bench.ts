/**
 * Capture benchmark: captures the loopback PTT fixture page with `captureUrl` several times and,
 * in the same run and interleaved with it, does a bare playwright-core `goto` + full-page
 * screenshot of the same page as the baseline. Two pairings:
 *
 *  - cold: what `csep capture` does per call — launch Chromium, capture, close — against a bare
 *    launch + goto + screenshot + close;
 *  - warm: one shared browser — captureUrl({ browser }) against newContext + goto + screenshot.
 *
 * Medians are compared (the machine is shared; medians shrug off disturbed rounds).
 * Writes bench/results/capture.json. Run with `npx tsx bench/capture.bench.ts [--runs N]`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, captureUrl } from '../src/capture/capture.ts';
import { generateSigningKey } from '../src/capture/signing-key.ts';
import { PTT_PATH, startFixtureSite } from '../test/fixtures/capture/site.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsPath = join(here, 'results', 'capture.json');
const CHROMIUM = process.env.CSEP_CHROMIUM ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1366, height: 768 };
const TARGET_RATIO = 1.5;

function runsFromArguments(): number {
  const flag = process.argv.indexOf('--runs');
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env.CAPTURE_BENCH_RUNS;
  const value = raw === undefined ? 7 : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--runs must be a positive integer, got ${raw}`);
  return value;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (n: number): number => Math.round(n * 10) / 10;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function bareCapture(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.screenshot({ fullPage: true });
  } finally {
    await context.close();
  }
}

const runs = runsFromArguments();
// The page has no sub-request to a private address here: the bare baseline has no SSRF guard.
const site = await startFixtureSite({ tallPx: 2000, forbiddenSubrequest: false });
const url = `${site.origin}${PTT_PATH}`;
const work = await mkdtemp(join(tmpdir(), 'csep-capture-bench-'));
const key = generateSigningKey();
let n = 0;
const captureOnce = (browser?: Browser): Promise<unknown> =>
  captureUrl(url, { outDir: join(work, `c${++n}`), signingKey: key, allowList: ['127.0.0.1'], chromiumPath: CHROMIUM, ...(browser === undefined ? {} : { browser }) });

const cold = { capture_ms: [] as number[], baseline_ms: [] as number[] };
const warm = { capture_ms: [] as number[], baseline_ms: [] as number[] };
let chromiumVersion = 'unknown';
try {
  // Cold pairing, interleaved, after one warm-up of each.
  await captureOnce();
  await timed(async () => {
    const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    chromiumVersion = b.version();
    await bareCapture(b, url);
    await b.close();
  });
  for (let i = 0; i < runs; i++) {
    cold.capture_ms.push(await timed(() => captureOnce()));
    cold.baseline_ms.push(
      await timed(async () => {
        const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
        await bareCapture(b, url);
        await b.close();
      }),
    );
    process.stdout.write(`cold ${i + 1}/${runs}: capture ${cold.capture_ms.at(-1)!.toFixed(0)} ms, baseline ${cold.baseline_ms.at(-1)!.toFixed(0)} ms\n`);
  }

  // Warm pairing on one shared browser.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    await captureOnce(browser);
    await bareCapture(browser, url);
    for (let i = 0; i < runs; i++) {
      warm.capture_ms.push(await timed(() => captureOnce(browser)));
      warm.baseline_ms.push(await timed(() => bareCapture(browser, url)));
      process.stdout.write(`warm ${i + 1}/${runs}: capture ${warm.capture_ms.at(-1)!.toFixed(0)} ms, baseline ${warm.baseline_ms.at(-1)!.toFixed(0)} ms\n`);
    }
  } finally {
    await browser.close();
  }
} finally {
  await site.close();
  await rm(work, { recursive: true, force: true });
}

const summarise = (pair: { capture_ms: number[]; baseline_ms: number[] }): Record<string, unknown> => {
  const capture = median(pair.capture_ms);
  const baseline = median(pair.baseline_ms);
  return {
    capture_median_ms: round1(capture),
    baseline_median_ms: round1(baseline),
    ratio: Math.round((capture / baseline) * 100) / 100,
    meets_target: capture / baseline <= TARGET_RATIO,
    capture_ms: pair.capture_ms.map(round1),
    baseline_ms: pair.baseline_ms.map(round1),
  };
};

const result = {
  bench: 'capture',
  date: new Date().toISOString(),
  page: `loopback PTT fixture ${PTT_PATH} (+1 image, 2000 px spacer)`,
  runs,
  target_ratio: TARGET_RATIO,
  what_capture_does: 'SSRF guard + guard proxy, route interception, body collection, network-quiet wait (250 ms), DOM snapshot, full-page screenshot, WARC (gzip per record), PTT extraction, sha256 of files, Ed25519-signed manifest, fsync + atomic rename',
  what_baseline_does: 'playwright-core newContext + goto(load) + full-page screenshot',
  cold: summarise(cold),
  warm: summarise(warm),
  machine: { cpus: cpus().length, loadavg_1m: round1(loadavg()[0] ?? 0), node: process.version, chromium: chromiumVersion },
};
await mkdir(dirname(resultsPath), { recursive: true });
await writeFile(resultsPath, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ cold: { ...result.cold, capture_ms: undefined, baseline_ms: undefined }, warm: { ...result.warm, capture_ms: undefined, baseline_ms: undefined } }, null, 2)}\nwrote ${resultsPath}\n`);
