/**
 * The department's synthetic data at scale, shared by the benchmarks (issue #5's generator, reused
 * by the evaluation benchmark of issue #9): cases spread over the precincts' stations and squads
 * and WCPD, their playbook tasks, and findings — 80 % of them filed to cases — generated with
 * set-based SQL, deterministic (every value is a hash of the row number), in one session (the
 * temporary tables live per connection).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PLAYBOOK_VERSION } from '../src/modules/playbook/playbook-114-07-08.ts';

export const log = (message: string) => process.stderr.write(`  … ${message}\n`);

export type DepartmentDataSize = { cases: number; findings: number; /** Cases are created over this many days up to now. */ days: number };

/** True when PostgreSQL answers at `url`. */
export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The benchmark's own database on the server at `baseUrl`: a fresh `csep_bench_…` one, or the one
 * named by BENCH_REUSE_DATABASE (measured again without generating; minutes saved per run).
 * `keep` says whether to leave it in place at the end (also with BENCH_KEEP_DATABASE=1).
 */
export async function benchDatabase(baseUrl: string): Promise<{ name: string; url: string; reuse: boolean; keep: boolean }> {
  const reuse = process.env.BENCH_REUSE_DATABASE || null;
  if (reuse !== null && !/^csep_bench_[0-9a-f]{8}$/.test(reuse)) throw new Error(`BENCH_REUSE_DATABASE must name a csep_bench_… database, not ${reuse}`);
  const name = reuse ?? `csep_bench_${randomBytes(4).toString('hex')}`;
  if (reuse === null) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), reuse: reuse !== null, keep: reuse !== null || process.env.BENCH_KEEP_DATABASE === '1' };
}

/** Deterministic "random" integer in [0, modulo) from a SQL expression (PostgreSQL's own int hash). */
export const h = (salt: number, modulo: number) => `((hashint8(g::bigint * 7919 + ${salt}) & 2147483647) % ${modulo})`;

/**
 * Generates the department's data in one session (temporary tables live per connection):
 * cases spread over the precincts' stations and squads and WCPD, platforms, statuses, outcomes
 * and the last `days` days; their playbook tasks, some open and some overdue; 1,000,000 findings, 80 % of
 * them filed to cases (10 per case on average).
 */
export async function generateDepartmentData(client: pg.Client, createdBy: string, size: DepartmentDataSize): Promise<Record<string, number>> {
  const { cases: CASES, findings: FINDINGS, days: DAYS } = size;
  const step = async (label: string, text: string) => {
    const started = performance.now();
    const result = await client.query(text);
    log(`${label}: ${result.rowCount ?? 0} rows in ${Math.round(performance.now() - started)} ms`);
  };
  await client.query(`set work_mem = '256MB'; set maintenance_work_mem = '512MB'; set synchronous_commit = off`);
  await step(
    'units for cases',
    `create temp table bench_units as
       select id, code, (row_number() over (order by code))::int - 1 as n
       from units where kind in ('station', 'squad') or code = 'WCPD'`,
  );
  await step('platforms', `create temp table bench_platforms as select id, (row_number() over (order by code))::int - 1 as n from platforms`);
  const unitCount = Number((await client.query('select count(*) from bench_units')).rows[0].count);
  const platformCount = Number((await client.query('select count(*) from bench_platforms')).rows[0].count);

  await step(
    'case plan',
    `create temp table bench_case_base as
       select g,
              ${h(1, unitCount)} as unit_n,
              ${h(2, platformCount)} as platform_n,
              now() - make_interval(secs => ${h(3, DAYS * 86400)}) as created_at,
              case when ${h(4, 100)} < 20 then 'open' when ${h(4, 100)} < 40 then 'assessed' when ${h(4, 100)} < 65 then 'investigating'
                   when ${h(4, 100)} < 80 then 'transferred' else 'closed' end as status,
              ${h(5, 10)} as outcome_roll,
              ${h(6, 10)} = 0 as serious,
              ${h(7, 3)} as cib_roll
       from generate_series(1, ${CASES}) g`,
  );
  await step(
    `${CASES} cases`,
    `insert into cases (number, owning_unit_id, roc_year, sequence, title, summary, status, cib_assistance, platform_id,
                        art40_outcome, art40_confirmed_at, serious, serious_reason, created_by, created_at, updated_at, closed_at)
       select u.code || '-' || b.roc_year || '-' || lpad(b.seq::text, 4, '0'), u.id, b.roc_year, b.seq,
              '網路兒少性剝削案件 ' || b.g || case when b.g % 3 = 0 then ' 援交貼文' when b.g % 3 = 1 then ' 影像交易' else ' 直播' end,
              '合成的基準測試案件摘要 ' || b.g,
              b.status,
              case when b.serious and b.cib_roll = 0 then 'requested' when b.serious and b.cib_roll = 1 then 'accepted' else 'none' end,
              case when b.g % 50 = 0 then null else p.id end,
              case when b.status = 'open' then null when b.outcome_roll < 6 then 'art40' when b.outcome_roll < 8 then 'harmful' else 'not_target' end,
              case when b.status = 'open' then null else b.created_at + interval '2 days' end,
              b.serious, case when b.serious then '疑似集團經營' end,
              '${createdBy}', b.created_at, b.created_at + interval '3 days',
              case when b.status = 'closed' then b.created_at + interval '30 days' end
       from (select *, extract(year from created_at at time zone 'Asia/Taipei')::int - 1911 as roc_year,
                    row_number() over (partition by unit_n, extract(year from created_at at time zone 'Asia/Taipei') order by created_at, g) as seq
             from bench_case_base) b
         join bench_units u on u.n = b.unit_n
         join bench_platforms p on p.n = b.platform_n`,
  );
  await step(
    'case number counters',
    `insert into case_number_counters (unit_id, roc_year, last_sequence)
       select owning_unit_id, roc_year, max(sequence) from cases group by 1, 2
       on conflict (unit_id, roc_year) do update set last_sequence = excluded.last_sequence`,
  );
  await step('case ids', `create temp table bench_cases as select id, owning_unit_id, platform_id, status, created_at, (row_number() over (order by number))::int as n from cases`);
  await client.query('create index on bench_cases (n); analyze bench_cases');

  // Tasks as the playbook leaves them: the Art. 40 check on every case (open while the case is
  // open), notices and follow-ups on later cases, some open with deadlines either side of now.
  const due = (salt: number) => `now() + make_interval(hours => ((hashint8(n::bigint * 31 + ${salt}) & 2147483647) % 480) - 240)`;
  const openIf = (salt: number, percent: number) => `case when (hashint8(n::bigint * 17 + ${salt}) & 2147483647) % 100 < ${percent} then 'open' else 'done' end`;
  await step(
    'case tasks',
    `insert into case_tasks (case_id, step_code, playbook_version, assignee_role, assignee_unit_id, triggered_at, due_at, status, done_at)
       select id, step, '${PLAYBOOK_VERSION}', role, owning_unit_id, created_at, due_at, st, case when st = 'done' then created_at + interval '1 day' end
       from (
         select id, owning_unit_id, created_at, 'art40_check' as step, 'officer' as role,
                case when status = 'open' then ${due(1)} else created_at + interval '72 hours' end as due_at,
                case when status = 'open' then 'open' else 'done' end as st
           from bench_cases
         union all
         select id, owning_unit_id, created_at, 'social_affairs_notice', 'officer', ${due(2)}, ${openIf(2, 15)}
           from bench_cases where status in ('assessed', 'investigating')
         union all
         select id, owning_unit_id, created_at, 'child_protection_report', 'officer', ${due(3)}, ${openIf(3, 15)}
           from bench_cases where status in ('assessed', 'investigating')
         union all
         select id, owning_unit_id, created_at, 'transfer', 'supervisor', null, case when status in ('assessed', 'investigating') then 'open' else 'done' end
           from bench_cases where status <> 'open'
         union all
         select id, owning_unit_id, created_at, 'preservation_outcome', 'officer', ${due(4)}, ${openIf(4, 40)}
           from bench_cases where status = 'investigating'
         union all
         select id, owning_unit_id, created_at, 'fpo_notice', 'officer', ${due(5)}, ${openIf(5, 20)}
           from bench_cases where status = 'transferred'
       ) t`,
  );

  await step(`${FINDINGS} known URLs`, `create temp table bench_urls as select g, gen_random_uuid() as id from generate_series(1, ${FINDINGS}) g`);
  await step('known_urls', `insert into known_urls (id, canonical_url, host, first_seen_at) select id, 'https://bench.example/p/' || g, 'bench.example', now() - make_interval(secs => ${h(8, DAYS * 86400)}) from bench_urls`);
  await step(
    `${FINDINGS} findings`,
    `insert into findings (url_id, url, platform_id, unit_id, recorded_by, account_name, account_id, content_text, seen_at, target_category, triage_score, case_id, created_at, updated_at)
       select u.id, 'https://bench.example/p/' || u.g,
              coalesce(c.platform_id, (select id from bench_platforms where n = ${h(9, platformCount)})),
              coalesce(c.owning_unit_id, (select id from bench_units where n = ${h(10, unitCount)})),
              '${createdBy}', 'acct_' || ${h(11, 50000)}, 'id' || ${h(11, 50000)},
              '合成貼文內容 ' || u.g || ' 私訊 價格',
              coalesce(c.created_at, now()) - make_interval(mins => ${h(12, 7 * 1440)}),
              case when c.id is null then 'unassessed' else 'art2_1_1' end,
              ${h(13, 40)}, c.id, now(), now()
       from bench_urls u
         left join bench_cases c on u.g % 10 < 8 and c.n = (u.g % ${CASES}) + 1`,
  );
  log('vacuum analyze');
  for (const table of ['cases', 'case_tasks', 'findings', 'known_urls', 'case_number_counters', 'units', 'platforms']) await client.query(`vacuum analyze ${table}`);
  // Measure the steady state, not the write-back of a gigabyte just loaded: flush it now.
  await client.query('checkpoint').catch((error: Error) => log(`checkpoint skipped: ${error.message}`));
  return dataCounts(client);
}

/** How much data the database holds (cases, findings, tasks). */
export async function dataCounts(client: pg.Client): Promise<Record<string, number>> {
  return (await client.query(`select
      (select count(*) from cases)::int as cases,
      (select count(*) from findings)::int as findings,
      (select count(*) from findings where case_id is not null)::int as findings_in_cases,
      (select count(*) from case_tasks)::int as tasks,
      (select count(*) from case_tasks where status = 'open')::int as open_tasks,
      (select count(*) from case_tasks where status = 'open' and due_at < now())::int as overdue_tasks,
      (select count(distinct case_id) from case_tasks where status = 'open' and due_at < now())::int as cases_with_overdue`)).rows[0] as Record<string, number>;
}
