/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process, one after another (so they do
 * not compete for the two cores), and lists the JSON files they wrote to `bench/results/`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const benchDir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

fs.mkdirSync(path.join(benchDir, 'results'), { recursive: true });
let failures = 0;
for (const file of files) {
  process.stdout.write(`\n▶ ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failures += 1;
    process.stderr.write(`✗ ${file} exited with ${result.status}\n`);
  }
}
const results = fs.readdirSync(path.join(benchDir, 'results')).filter((n) => n.endsWith('.json'));
process.stdout.write(`\nresults in bench/results/: ${results.join(', ') || '(none)'}\n`);
process.exitCode = failures > 0 ? 1 : 0;
