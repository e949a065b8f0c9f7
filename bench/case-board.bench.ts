/**
 * Tracking board and case page latency at department scale (issue #5):
 *
 *   Generate 100,000 cases and 1,000,000 findings on PostgreSQL: the tracking board's filtered,
 *   sorted, paged list answers in p95 < 200 ms, and a case page in p95 < 100 ms (measured through
 *   the HTTP API).
 *
 * Runs only when PostgreSQL is reachable (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test); otherwise it says so and exits 0.
 * It creates its own database `csep_bench_<random>`, migrates it, seeds the department as a first
 * start does, generates the data with set-based SQL (bench/department-data.ts; deterministic: every
 * value is a hash of the row number), and drops the database at the end.
 *
 * The app is the real one (`buildApp`, every plugin, sessions, CSRF, rate limit, audit) listening
 * on 127.0.0.1; a WCPD coordinator (department-wide scope) and a precinct supervisor (one
 * precinct's subtree) sign in through the real password + TOTP flow, and every measured request
 * is a `fetch` over HTTP, one at a time. Latencies are reported, never asserted: a missed target
 * shows as `met: false` in bench/results/case-board.json.
 *
 * `npx tsx bench/case-board.bench.ts` (or `npm run bench case-board`). Generating takes about two
 * minutes; to study a result, BENCH_KEEP_DATABASE=1 keeps the database and
 * BENCH_REUSE_DATABASE=<its name> measures it again without generating.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { generateSigningKey } from '../src/capture/index.ts';
import { bootstrapSystem } from '../src/core/bootstrap.ts';
import { openDatabase, type DatabaseHandle } from '../src/core/db/client.ts';
import { migrateDatabase } from '../src/core/db/migrate.ts';
import { PdfPrinter } from '../src/core/documents/pdf-printer.ts';
import { identityKeyFrom } from '../src/core/identity/identity-key.ts';
import { victimKeyFrom } from '../src/core/identity/victim-key.ts';
import { LocalBlobStore } from '../src/core/vault/local-blob-store.ts';
import { Vault } from '../src/core/vault/vault.ts';
import caseBoardRoutes from '../src/modules/cases/board.routes.ts';
import { buildApp } from '../src/server/app.ts';
import type { AppInstance } from '../src/server/app-types.ts';
import { makeUser } from '../test/helpers/factories.ts';
import { testConfig, TestClient } from '../test/helpers/test-app.ts';
import { benchDatabase, dataCounts, generateDepartmentData, log, reachable } from './department-data.ts';

// ── What the issue asks for ─────────────────────────────────────────────────────────────────────
const CASES = 100_000;
const FINDINGS = 1_000_000;
const TARGET_BOARD_P95_MS = 200;
const TARGET_CASE_PAGE_P95_MS = 100;
const BOARD_REQUESTS = 200;
const CASE_PAGE_REQUESTS = 200;
const WARM_UP_REQUESTS = 20;

const baseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

type Sample = { kind: string; ms: number; status: number };

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function summary(samples: readonly Sample[]) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50Ms: roundTo(percentile(sorted, 50), 1),
    p95Ms: roundTo(percentile(sorted, 95), 1),
    p99Ms: roundTo(percentile(sorted, 99), 1),
    maxMs: roundTo(sorted.at(-1) ?? Number.NaN, 1),
    meanMs: roundTo(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), 1),
  };
}

/** The board queries a coordinator and a supervisor would run: every filter, every sort, near and far pages. */
function boardQueries(ids: { precinctUnitId: string; stationUnitId: string; platformId: string }): { kind: string; query: string }[] {
  const today = new Date();
  const daysAgo = (d: number) => new Date(today.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  const filters: [string, string][] = [
    ['none', ''],
    ['status', 'status=open'],
    ['status-list', 'status=assessed,investigating'],
    ['serious', 'serious=true'],
    ['overdue', 'overdue=true'],
    ['not-overdue', 'overdue=false&status=open'],
    ['platform', `platformId=${ids.platformId}`],
    ['unit', `unitId=${ids.precinctUnitId}`],
    ['station', `unitId=${ids.stationUnitId}&includeSubunits=false`],
    ['art40', 'art40Outcome=pending'],
    ['dates', `from=${daysAgo(120)}&to=${daysAgo(30)}`],
    ['search', 'q=123'],
    ['combined', `unitId=${ids.precinctUnitId}&status=open,assessed,investigating&overdue=true`],
    ['combined-2', `serious=true&art40Outcome=art40&from=${daysAgo(365)}`],
  ];
  const sorts = ['sort=createdAt', 'sort=createdAt&order=asc', 'sort=number', 'sort=status', 'sort=dueNext', 'sort=dueNext&order=desc'];
  const pages = ['page=1&pageSize=50', 'page=2&pageSize=50', 'page=5&pageSize=50', 'page=1&pageSize=200', 'page=1&pageSize=100', 'page=40&pageSize=50'];
  const out: { kind: string; query: string }[] = [];
  for (let i = 0; out.length < BOARD_REQUESTS + WARM_UP_REQUESTS; i += 1) {
    const [name, filter] = filters[i % filters.length]!;
    const sort = sorts[Math.floor(i / filters.length) % sorts.length]!;
    const page = pages[(i * 7) % pages.length]!;
    out.push({ kind: `${name} ${sort.replace('sort=', '').replace('&order=', ' ')}`, query: [filter, sort, page].filter(Boolean).join('&') });
  }
  return out;
}

async function main(): Promise<void> {
  if (!(await reachable(baseUrl))) {
    process.stdout.write(`case-board: PostgreSQL at ${baseUrl.replace(/\/\/[^@]*@/, '//…@')} is not reachable; skipped (set BENCH_DATABASE_URL)\n`);
    return;
  }
  const bench = await benchDatabase(baseUrl);
  const { name, keep } = bench;
  const reuse = bench.reuse ? name : null;
  const url = bench.url;
  const vaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-bench-vault-'));
  let database: DatabaseHandle | null = null;
  let app: AppInstance | null = null;
  const generator = new pg.Client({ connectionString: url });
  // Dropping the database at the end ends this session too; that is not an error worth a crash.
  generator.on('error', () => undefined);
  let generatorOpen = true;
  try {
    log(`database ${name}`);
    database = await openDatabase({ kind: 'postgres', url: url, poolSize: 10 });
    if (reuse === null) {
      await migrateDatabase(database);
      await bootstrapSystem(database.db);
    }
    const coordinatorUser = await makeUser(database.db, { unitCode: 'WCPD', roles: ['wcpd_coordinator'] });
    const supervisorUser = await makeUser(database.db, { unitCode: 'DA', roles: ['supervisor'] });
    const officerUser = await makeUser(database.db, { unitCode: 'DA-S1', roles: ['officer'] });

    const started = performance.now();
    await generator.connect();
    const counts = reuse === null ? await generateDepartmentData(generator, officerUser.user.id, { cases: CASES, findings: FINDINGS, days: 730 }) : await dataCounts(generator);
    const generationMs = reuse === null ? performance.now() - started : null;
    log(`${reuse === null ? 'generated' : 'reusing'} ${JSON.stringify(counts)}${generationMs === null ? '' : ` in ${Math.round(generationMs / 1000)} s`}`);
    const ref = (await generator.query(`select
        (select id from units where code = 'DA') as precinct_unit_id,
        (select id from units where code = 'DA-S1') as station_unit_id,
        (select id from platforms where code = 'ptt') as platform_id,
        (select path from units where code = 'DA') as precinct_path,
        current_setting('server_version') as server_version`)).rows[0] as { precinct_unit_id: string; station_unit_id: string; platform_id: string; precinct_path: string; server_version: string };
    // Case pages: a deterministic sample department-wide, and one inside the supervisor's precinct.
    const allCases = (await generator.query(`select id from cases order by md5(id::text) limit ${CASE_PAGE_REQUESTS}`)).rows.map((r) => r.id as string);
    const precinctCases = (await generator.query(`select c.id from cases c join units u on u.id = c.owning_unit_id where u.path like $1 order by md5(c.id::text) limit ${CASE_PAGE_REQUESTS}`, [`${ref.precinct_path}%`])).rows.map(
      (r) => r.id as string,
    );
    await generator.end();
    generatorOpen = false;

    const config = testConfig({ API_RATE_PER_MINUTE: '1000000' });
    app = await buildApp({
      config,
      database,
      queue: null,
      vault: new Vault(new LocalBlobStore(vaultDir), randomBytes(32)),
      printer: new PdfPrinter({ chromiumPath: config.chromiumPath }),
      signingKey: generateSigningKey(),
      identityKey: identityKeyFrom(randomBytes(32)),
      victimKey: victimKeyFrom(randomBytes(32)),
    });
    // Until app.ts registers the board, add it here (a no-op once it does).
    if (!app.hasRoute({ method: 'GET', url: '/api/cases/board' })) await app.register(caseBoardRoutes);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no listening address');
    const origin = `http://127.0.0.1:${address.port}`;

    // Sign in through the real password + TOTP flow, then carry the session cookie over HTTP.
    const cookieOf = async (user: typeof coordinatorUser) => {
      const client = new TestClient(app!);
      await client.login(database!, user);
      return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    };
    const coordinator = await cookieOf(coordinatorUser);
    const supervisor = await cookieOf(supervisorUser);

    const timed = async (kind: string, cookie: string, pathAndQuery: string): Promise<Sample> => {
      const t0 = performance.now();
      const response = await fetch(`${origin}${pathAndQuery}`, { headers: { cookie, 'user-agent': 'csep-bench' } });
      await response.arrayBuffer();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${pathAndQuery} answered ${response.status}`);
      return { kind, ms, status: response.status };
    };

    const loadBefore = os.loadavg().map((l) => roundTo(l, 2));
    const queries = boardQueries({ precinctUnitId: ref.precinct_unit_id, stationUnitId: ref.station_unit_id, platformId: ref.platform_id });
    const boardSamples: Sample[] = [];
    const totals: Record<string, number> = {};
    log(`${WARM_UP_REQUESTS} warm-up + ${BOARD_REQUESTS} board requests`);
    for (const [i, q] of queries.entries()) {
      // Every third request is the precinct supervisor's (scoped); the rest the coordinator's (all cases).
      const who = i % 3 === 2 ? 'supervisor' : 'coordinator';
      const sample = await timed(`${who} ${q.kind}`, who === 'supervisor' ? supervisor : coordinator, `/api/cases/board?${q.query}`);
      if (i >= WARM_UP_REQUESTS) boardSamples.push(sample);
    }
    for (const [who, cookie] of [['coordinator', coordinator], ['supervisor', supervisor]] as const) {
      const body = (await (await fetch(`${origin}/api/cases/board?pageSize=1`, { headers: { cookie } })).json()) as { total: number };
      totals[who] = body.total;
    }

    log(`${WARM_UP_REQUESTS} warm-up + ${CASE_PAGE_REQUESTS} case pages`);
    const casePageSamples: Sample[] = [];
    for (let i = 0; i < CASE_PAGE_REQUESTS + WARM_UP_REQUESTS; i += 1) {
      const supervisorTurn = i % 3 === 2;
      const ids = supervisorTurn ? precinctCases : allCases;
      const sample = await timed(supervisorTurn ? 'supervisor' : 'coordinator', supervisorTurn ? supervisor : coordinator, `/api/cases/${ids[i % ids.length]}`);
      if (i >= WARM_UP_REQUESTS) casePageSamples.push(sample);
    }

    const board = summary(boardSamples);
    const casePage = summary(casePageSamples);
    // The slowest variants, to show where time goes.
    const byKind = new Map<string, number[]>();
    for (const s of boardSamples) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.ms]);
    const slowestBoardVariants = [...byKind]
      .map(([kind, times]) => ({ kind, maxMs: roundTo(Math.max(...times), 1) }))
      .sort((a, b) => b.maxMs - a.maxMs)
      .slice(0, 8);
    const report = {
      name: 'case-board',
      date: new Date().toISOString(),
      node: process.version,
      // Other work on the machine shows in every latency; the 1/5/15-minute load averages say how much there was.
      host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg().map((l) => roundTo(l, 2)) },
      postgres: ref.server_version,
      method: 'real app listening on 127.0.0.1, fetch over HTTP, one request at a time, after warm-up; sessions from the real password + TOTP login',
      data: { ...counts, generationSeconds: generationMs === null ? null : roundTo(generationMs / 1000, 1) },
      board: { ...board, visibleCases: totals, slowestVariants: slowestBoardVariants },
      casePage,
      targets: {
        boardP95Ms: { below: TARGET_BOARD_P95_MS, measured: board.p95Ms, met: board.p95Ms < TARGET_BOARD_P95_MS },
        casePageP95Ms: { below: TARGET_CASE_PAGE_P95_MS, measured: casePage.p95Ms, met: casePage.p95Ms < TARGET_CASE_PAGE_P95_MS },
      },
    };
    fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(import.meta.dirname, 'results', 'case-board.json'), `${JSON.stringify(report, null, 2)}\n`);
    const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
    process.stdout.write(
      [
        `case-board: ${counts.cases} cases, ${counts.findings} findings, ${counts.open_tasks} open tasks (${counts.overdue_tasks} overdue) on PostgreSQL ${ref.server_version}`,
        `  board      p50 ${board.p50Ms} ms, p95 ${board.p95Ms} ms (target < ${TARGET_BOARD_P95_MS}: ${verdict(report.targets.boardP95Ms.met)}), max ${board.maxMs} ms over ${board.requests} requests`,
        `  case page  p50 ${casePage.p50Ms} ms, p95 ${casePage.p95Ms} ms (target < ${TARGET_CASE_PAGE_P95_MS}: ${verdict(report.targets.casePageP95Ms.met)}), max ${casePage.maxMs} ms over ${casePage.requests} requests`,
        '  → bench/results/case-board.json',
        '',
      ].join('\n'),
    );
  } finally {
    if (generatorOpen) await generator.end().catch(() => undefined);
    await app?.close();
    await database?.close();
    fs.rmSync(vaultDir, { recursive: true, force: true });
    if (keep) {
      log(`kept database ${name} (BENCH_REUSE_DATABASE=${name} measures it again; drop it when done)`);
    } else {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    }
  }
}

await main();
