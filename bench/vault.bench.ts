/**
 * Vault ingest of a 1 GiB file (hash + encrypt + durable write) against a plain synced copy of the
 * same file to the same disk (`dd bs=4M conv=fsync`) in the same run. Target: ≥ 0.7 of dd's
 * throughput, memory flat (issue #3). Writes bench/results/vault.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalBlobStore } from '../src/core/vault/local-blob-store.ts';
import { Vault } from '../src/core/vault/vault.ts';
import { randomBytes } from 'node:crypto';

const sizeMiB = Number(process.argv[2] ?? 1024);
const workDir = fs.mkdtempSync(path.join(process.cwd(), '.bench-vault-'));
const source = path.join(workDir, 'source.bin');

function mibPerSecond(bytes: number, ms: number) {
  return bytes / (1 << 20) / (ms / 1000);
}

try {
  execFileSync('dd', ['if=/dev/urandom', `of=${source}`, 'bs=4M', `count=${sizeMiB / 4}`, 'status=none']);
  const bytes = fs.statSync(source).size;
  // Warm the page cache for the source in both runs alike.
  execFileSync('cat', [source], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });

  const ddTarget = path.join(workDir, 'dd-copy.bin');
  let start = performance.now();
  execFileSync('dd', [`if=${source}`, `of=${ddTarget}`, 'bs=4M', 'conv=fsync', 'status=none']);
  const ddMs = performance.now() - start;
  fs.rmSync(ddTarget);

  const vault = new Vault(new LocalBlobStore(path.join(workDir, 'vault')), randomBytes(32));
  let peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  start = performance.now();
  const result = await vault.ingest(fs.createReadStream(source, { highWaterMark: 4 << 20 }));
  const vaultMs = performance.now() - start;
  clearInterval(sampler);

  const report = {
    name: 'vault-ingest',
    date: new Date().toISOString(),
    node: process.version,
    host: { cpus: os.cpus().length, model: os.cpus()[0]?.model },
    bytes,
    baseline: { tool: 'dd bs=4M conv=fsync', ms: Math.round(ddMs), mib_per_s: Math.round(mibPerSecond(bytes, ddMs)) },
    vault: { ms: Math.round(vaultMs), mib_per_s: Math.round(mibPerSecond(bytes, vaultMs)), sha256: result.sha256 },
    ratio: Number((ddMs / vaultMs).toFixed(3)),
    target_ratio: 0.7,
    memory: { rss_before_mib: Math.round(rssBefore / 2 ** 20), rss_peak_mib: Math.round(peakRss / 2 ** 20) },
  };
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', 'vault.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
