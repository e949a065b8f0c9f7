/**
 * SQL for reading takedown targets across cases: the scoped list, one target with its case, and the
 * "how fast things come down" figures (issue #6). Every statement carries the actor's case scope,
 * so need-to-know is applied in SQL, never afterwards.
 */
import { aliasedTable, and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { caseScopeCondition, type CaseListScope } from '../cases/cases.repository.ts';
import { cases } from '../cases/cases.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { liaisonContacts } from '../liaison/liaison.tables.ts';
import { platforms } from '../platforms/platforms.tables.ts';
import { units } from '../units/units.tables.ts';
import { takedownTargets, type TakedownState } from './takedowns.tables.ts';

/** The SAB window of the RPZ request: the liaison directory joined a second time. */
const rpzContacts = aliasedTable(liaisonContacts, 'rpz_contacts');

export type TargetListFilter = {
  scope: CaseListScope;
  states?: readonly TakedownState[];
  platformId?: string;
  caseId?: string;
  limit: number;
};

const targetColumns = {
  target: takedownTargets,
  caseNumber: cases.number,
  caseStatus: cases.status,
  unit: { id: units.id, code: units.code, nameZh: units.nameZh, nameEn: units.nameEn },
  platform: { id: platforms.id, code: platforms.code, nameZh: platforms.nameZh, nameEn: platforms.nameEn },
};

export type SpeedGroupBy = 'platform' | 'unit';

/** One group's figures; durations in seconds (null where no target of the group has both times). */
export type SpeedFigures = {
  key: string | null;
  code: string | null;
  nameZh: string | null;
  nameEn: string | null;
  targets: number;
  reported: number;
  ordered: number;
  removed: number;
  findingToReportMedian: number | null;
  findingToReportP90: number | null;
  reportToOrderMedian: number | null;
  reportToOrderP90: number | null;
  orderToRemovalMedian: number | null;
  orderToRemovalP90: number | null;
  /** Orders whose removal was verified by T + 24 h. */
  removedWithin24h: number;
  rpzEscalated: number;
  stillOnline: number;
};

const seconds = (later: SQL, earlier: SQL) => sql`extract(epoch from (${later} - ${earlier}))`;
const percentile = (p: number, value: SQL) => sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by ${value})`;
const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

export const takedownQueriesRepository = {
  list(db: DbOrTx, filter: TargetListFilter) {
    return db
      .select(targetColumns)
      .from(takedownTargets)
      .innerJoin(cases, eq(cases.id, takedownTargets.caseId))
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .leftJoin(platforms, eq(platforms.id, takedownTargets.platformId))
      .where(
        and(
          caseScopeCondition(filter.scope),
          filter.states && filter.states.length > 0 ? inArray(takedownTargets.state, [...filter.states]) : undefined,
          filter.platformId ? eq(takedownTargets.platformId, filter.platformId) : undefined,
          filter.caseId ? eq(takedownTargets.caseId, filter.caseId) : undefined,
        ),
      )
      .orderBy(desc(takedownTargets.updatedAt))
      .limit(filter.limit);
  },

  async withCase(db: DbOrTx, id: string) {
    const rows = await db
      .select({
        ...targetColumns,
        findingSeenAt: findings.seenAt,
        contact: { id: liaisonContacts.id, body: liaisonContacts.body, organisation: liaisonContacts.organisation, windowName: liaisonContacts.windowName },
        rpzContact: { id: rpzContacts.id, body: rpzContacts.body, organisation: rpzContacts.organisation, windowName: rpzContacts.windowName },
      })
      .from(takedownTargets)
      .innerJoin(cases, eq(cases.id, takedownTargets.caseId))
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .leftJoin(platforms, eq(platforms.id, takedownTargets.platformId))
      .leftJoin(findings, eq(findings.id, takedownTargets.findingId))
      .leftJoin(liaisonContacts, eq(liaisonContacts.id, takedownTargets.reportContactId))
      .leftJoin(rpzContacts, eq(rpzContacts.id, takedownTargets.rpzContactId))
      .where(eq(takedownTargets.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  /**
   * The speed figures of targets opened in [from, to), grouped by platform or by the owning unit,
   * plus one overall row (key null). Medians and 90th percentiles are computed by PostgreSQL.
   */
  async speed(db: DbOrTx, filter: { scope: CaseListScope; from: Date; to: Date; groupBy: SpeedGroupBy }): Promise<{ groups: SpeedFigures[]; overall: SpeedFigures }> {
    const t = takedownTargets;
    const findingToReport = seconds(sql`${t.reportedAt}`, sql`${findings.seenAt}`);
    const reportToOrder = seconds(sql`${t.orderIssuedAt}`, sql`${t.reportedAt}`);
    const orderToRemoval = seconds(sql`${t.removedAt}`, sql`${t.orderIssuedAt}`);
    const figures = {
      targets: sql<number>`count(*)::int`,
      reported: countWhere(sql`${t.reportedAt} is not null`),
      ordered: countWhere(sql`${t.orderIssuedAt} is not null`),
      removed: countWhere(sql`${t.state} = 'removed'`),
      findingToReportMedian: percentile(0.5, findingToReport),
      findingToReportP90: percentile(0.9, findingToReport),
      reportToOrderMedian: percentile(0.5, reportToOrder),
      reportToOrderP90: percentile(0.9, reportToOrder),
      // Removal is timed from the order only where the order came first (a removal verified before T counts as 0).
      orderToRemovalMedian: percentile(0.5, sql`greatest(${orderToRemoval}, 0)`),
      orderToRemovalP90: percentile(0.9, sql`greatest(${orderToRemoval}, 0)`),
      removedWithin24h: countWhere(sql`${t.orderIssuedAt} is not null and ${t.removedAt} is not null and ${t.removedAt} <= ${t.dueAt}`),
      rpzEscalated: countWhere(sql`${t.rpzRequestedAt} is not null`),
      stillOnline: countWhere(sql`${t.state} in ('reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied')`),
    };
    const where = and(caseScopeCondition(filter.scope), gte(t.createdAt, filter.from), lt(t.createdAt, filter.to));
    const grouped =
      filter.groupBy === 'platform'
        ? await db
            .select({ key: platforms.id, code: platforms.code, nameZh: platforms.nameZh, nameEn: platforms.nameEn, ...figures })
            .from(t)
            .innerJoin(cases, eq(cases.id, t.caseId))
            .innerJoin(units, eq(units.id, cases.owningUnitId))
            .leftJoin(findings, eq(findings.id, t.findingId))
            .leftJoin(platforms, eq(platforms.id, t.platformId))
            .where(where)
            .groupBy(platforms.id, platforms.code, platforms.nameZh, platforms.nameEn)
            .orderBy(desc(sql`count(*)`), platforms.code)
        : await db
            .select({ key: units.id, code: units.code, nameZh: units.nameZh, nameEn: units.nameEn, ...figures })
            .from(t)
            .innerJoin(cases, eq(cases.id, t.caseId))
            .innerJoin(units, eq(units.id, cases.owningUnitId))
            .leftJoin(findings, eq(findings.id, t.findingId))
            .where(where)
            .groupBy(units.id, units.code, units.nameZh, units.nameEn)
            .orderBy(desc(sql`count(*)`), units.code);
    const overallRows = await db
      .select(figures)
      .from(t)
      .innerJoin(cases, eq(cases.id, t.caseId))
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .leftJoin(findings, eq(findings.id, t.findingId))
      .where(where);
    const toNumbers = (row: Record<string, unknown>): SpeedFigures => {
      const out: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) out[name] = typeof value === 'string' && name !== 'key' && name !== 'code' && name !== 'nameZh' && name !== 'nameEn' ? Number(value) : value;
      return out as SpeedFigures;
    };
    return {
      groups: grouped.map((row) => toNumbers(row)),
      overall: toNumbers({ key: null, code: null, nameZh: null, nameEn: null, ...overallRows[0]! }),
    };
  },
};
