/** SQL for known URLs, findings, their sightings and the "where do cases come from" counts. */
import { aliasedTable, and, asc, desc, eq, gte, ilike, isNotNull, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { cases, type CaseRow } from '../cases/cases.tables.ts';
import { escapeLike } from '../cases/cases.repository.ts';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import type { PatrolFocus } from '../patrols/patrols.tables.ts';
import { platforms, type PlatformRow } from '../platforms/platforms.tables.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';
import { findings, findingSightings, knownUrls, type FindingRow, type KnownUrlRow, type TargetCategory } from './findings.tables.ts';

const caseUnits = aliasedTable(units, 'case_units');

export type FindingWithRefs = {
  finding: FindingRow;
  unit: UnitRow;
  platform: PlatformRow;
  knownUrl: KnownUrlRow;
  recordedByUsername: string;
  case: CaseRow | null;
  caseUnit: UnitRow | null;
};

export type FindingListFilter = {
  unitPathPrefix: string | null;
  platformId?: string;
  targetCategory?: TargetCategory;
  targetKind?: PatrolFocus;
  from?: Date;
  to?: Date;
  patrolSessionId?: string;
  caseId?: string;
  inCase?: boolean;
  minScore?: number;
  ephemeral?: boolean;
  search?: string;
  /** Keyset cursor: rows strictly after (seenAt desc, id desc). */
  after?: { seenAt: Date; id: string };
  limit: number;
};

export type SourceGroup = 'platform' | 'domain' | 'account';
export type SourceCountRow = { key: string; label: string; platformCode: string | null; findings: number; cases: number; units: number; lastSeenAt: Date | null };

function selectWithRefs(db: DbOrTx) {
  return db
    .select({
      finding: findings,
      unit: units,
      platform: platforms,
      knownUrl: knownUrls,
      recordedByUsername: users.username,
      case: cases,
      caseUnit: caseUnits,
    })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .innerJoin(platforms, eq(platforms.id, findings.platformId))
    .innerJoin(knownUrls, eq(knownUrls.id, findings.urlId))
    .innerJoin(users, eq(users.id, findings.recordedBy))
    .leftJoin(cases, eq(cases.id, findings.caseId))
    .leftJoin(caseUnits, eq(caseUnits.id, cases.owningUnitId));
}

export const findingsRepository = {
  /** The URL's row, created on first sight; concurrent first sights agree on one row. */
  async upsertKnownUrl(tx: DbOrTx, canonicalUrl: string, host: string): Promise<KnownUrlRow> {
    await tx.insert(knownUrls).values({ canonicalUrl, host }).onConflictDoNothing({ target: knownUrls.canonicalUrl });
    const rows = await tx.select().from(knownUrls).where(eq(knownUrls.canonicalUrl, canonicalUrl)).limit(1);
    return rows[0]!;
  },

  async findKnownUrl(db: DbOrTx, canonicalUrl: string): Promise<KnownUrlRow | null> {
    const rows = await db.select().from(knownUrls).where(eq(knownUrls.canonicalUrl, canonicalUrl)).limit(1);
    return rows[0] ?? null;
  },

  /** Inserts unless the unit already has a finding for the URL (then null). */
  async insertIfNew(
    tx: DbOrTx,
    values: Omit<FindingRow, 'id' | 'createdAt' | 'updatedAt' | 'caseId' | 'pageTriage'>,
  ): Promise<FindingRow | null> {
    const rows = await tx.insert(findings).values(values).onConflictDoNothing({ target: [findings.urlId, findings.unitId] }).returning();
    return rows[0] ?? null;
  },

  async findById(db: DbOrTx, id: string): Promise<FindingWithRefs | null> {
    const rows = await selectWithRefs(db).where(eq(findings.id, id)).limit(1);
    return rows[0] ?? null;
  },

  /** Every finding of one URL, department-wide (the caller decides what each actor may see). */
  forUrl(db: DbOrTx, urlId: string): Promise<FindingWithRefs[]> {
    return selectWithRefs(db).where(eq(findings.urlId, urlId)).orderBy(asc(findings.createdAt));
  },

  list(db: DbOrTx, filter: FindingListFilter): Promise<FindingWithRefs[]> {
    const search = filter.search?.trim();
    const pattern = search ? `%${escapeLike(search)}%` : null;
    const conditions: (SQL | undefined)[] = [
      filter.unitPathPrefix === null ? undefined : like(units.path, `${filter.unitPathPrefix}%`),
      filter.platformId ? eq(findings.platformId, filter.platformId) : undefined,
      filter.targetCategory ? eq(findings.targetCategory, filter.targetCategory) : undefined,
      filter.targetKind ? eq(findings.targetKind, filter.targetKind) : undefined,
      filter.from ? gte(findings.seenAt, filter.from) : undefined,
      filter.to ? lt(findings.seenAt, filter.to) : undefined,
      filter.patrolSessionId ? eq(findings.patrolSessionId, filter.patrolSessionId) : undefined,
      filter.caseId ? eq(findings.caseId, filter.caseId) : undefined,
      filter.inCase === undefined ? undefined : filter.inCase ? isNotNull(findings.caseId) : isNull(findings.caseId),
      filter.minScore === undefined ? undefined : gte(findings.triageScore, filter.minScore),
      filter.ephemeral === undefined ? undefined : eq(findings.ephemeral, filter.ephemeral),
      pattern ? or(ilike(findings.url, pattern), ilike(findings.accountName, pattern), ilike(findings.accountId, pattern), ilike(findings.contentText, pattern)) : undefined,
      filter.after ? sql`(${findings.seenAt}, ${findings.id}) < (${filter.after.seenAt.toISOString()}::timestamptz, ${filter.after.id}::uuid)` : undefined,
    ];
    return selectWithRefs(db)
      .where(and(...conditions))
      .orderBy(desc(findings.seenAt), desc(findings.id))
      .limit(filter.limit);
  },

  async update(tx: DbOrTx, id: string, patch: Partial<Omit<FindingRow, 'id' | 'urlId' | 'url' | 'unitId' | 'recordedBy' | 'createdAt'>>): Promise<void> {
    await tx.update(findings).set({ ...patch, updatedAt: new Date() }).where(eq(findings.id, id));
  },

  async addSighting(tx: DbOrTx, values: { findingId: string; patrolSessionId: string | null; seenBy: string; seenAt: Date }): Promise<void> {
    await tx.insert(findingSightings).values(values);
  },

  sightings(db: DbOrTx, findingId: string) {
    return db
      .select({ id: findingSightings.id, seenAt: findingSightings.seenAt, patrolSessionId: findingSightings.patrolSessionId, seenByUsername: users.username })
      .from(findingSightings)
      .innerJoin(users, eq(users.id, findingSightings.seenBy))
      .where(eq(findingSightings.findingId, findingId))
      .orderBy(desc(findingSightings.seenAt));
  },

  /** Evidence items captured or uploaded for a finding (a summary; the item itself is read through the evidence service). */
  evidenceOf(db: DbOrTx, findingId: string) {
    return db
      .select({ id: evidenceItems.id, kind: evidenceItems.kind, sha256: evidenceItems.sha256, capturedAt: evidenceItems.capturedAt, mediaType: evidenceItems.mediaType })
      .from(evidenceItems)
      .where(eq(evidenceItems.findingId, findingId))
      .orderBy(desc(evidenceItems.capturedAt));
  },

  /**
   * Findings and distinct cases per platform, domain or account over a period (G5.1: "go where
   * cases come from"), busiest first.
   */
  async sourceCounts(db: DbOrTx, filter: { unitPathPrefix: string | null; from: Date; to: Date; groupBy: SourceGroup; limit: number }): Promise<SourceCountRow[]> {
    const key =
      filter.groupBy === 'platform'
        ? sql`p.code`
        : filter.groupBy === 'domain'
          ? sql`k.host`
          : sql`p.code || ':' || coalesce(nullif(f.account_id, ''), nullif(f.account_name, ''), '?')`;
    const label =
      filter.groupBy === 'platform'
        ? sql`max(p.name_zh)`
        : filter.groupBy === 'domain'
          ? sql`max(k.host)`
          : sql`max(coalesce(nullif(f.account_name, ''), f.account_id, '?'))`;
    const unitFilter = filter.unitPathPrefix === null ? sql`true` : sql`u.path like ${`${filter.unitPathPrefix}%`}`;
    const accountFilter = filter.groupBy === 'account' ? sql`(coalesce(f.account_id, '') <> '' or coalesce(f.account_name, '') <> '')` : sql`true`;
    const result = await db.execute(sql`
      select ${key} as key, ${label} as label, ${filter.groupBy === 'domain' ? sql`null` : sql`max(p.code)`} as platform_code,
             count(*)::int as findings, count(distinct f.case_id)::int as cases, count(distinct f.unit_id)::int as units,
             max(f.seen_at) as last_seen_at
      from ${findings} f
        join ${platforms} p on p.id = f.platform_id
        join ${knownUrls} k on k.id = f.url_id
        join ${units} u on u.id = f.unit_id
      where f.seen_at >= ${filter.from.toISOString()}::timestamptz and f.seen_at < ${filter.to.toISOString()}::timestamptz
        and ${unitFilter} and ${accountFilter}
      group by 1
      order by cases desc, findings desc, key
      limit ${filter.limit}`);
    return ((result as { rows: Record<string, unknown>[] }).rows).map((row) => ({
      key: String(row.key),
      label: String(row.label),
      platformCode: row.platform_code === null ? null : String(row.platform_code),
      findings: Number(row.findings),
      cases: Number(row.cases),
      units: Number(row.units),
      lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at as string),
    }));
  },
};
