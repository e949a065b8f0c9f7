/** SQL for patrol sessions and the patrol logs counted from them. */
import { and, count, desc, eq, gte, inArray, isNull, like, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { findings, findingSightings } from '../findings/findings.tables.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';
import { patrolSessions, type PatrolSessionRow } from './patrols.tables.ts';

export type PatrolWithOwner = { session: PatrolSessionRow; unit: UnitRow; officerUsername: string; officerDisplayName: string };

export type PatrolLogRow = {
  period: string;
  officerId: string;
  officerUsername: string;
  officerDisplayName: string;
  unitCode: string;
  sessions: number;
  minutes: number;
  findingsRecorded: number;
  sightings: number;
};

const withOwner = { session: patrolSessions, unit: units, officerUsername: users.username, officerDisplayName: users.displayName };

export const patrolsRepository = {
  async insert(tx: DbOrTx, values: Pick<PatrolSessionRow, 'officerId' | 'unitId' | 'platformIds' | 'keywords' | 'focuses' | 'notes'>): Promise<PatrolSessionRow> {
    const rows = await tx.insert(patrolSessions).values(values).returning();
    return rows[0]!;
  },

  async findById(db: DbOrTx, id: string): Promise<PatrolWithOwner | null> {
    const rows = await db
      .select(withOwner)
      .from(patrolSessions)
      .innerJoin(units, eq(units.id, patrolSessions.unitId))
      .innerJoin(users, eq(users.id, patrolSessions.officerId))
      .where(eq(patrolSessions.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  async findOpenFor(db: DbOrTx, officerId: string): Promise<PatrolWithOwner | null> {
    const rows = await db
      .select(withOwner)
      .from(patrolSessions)
      .innerJoin(units, eq(units.id, patrolSessions.unitId))
      .innerJoin(users, eq(users.id, patrolSessions.officerId))
      .where(and(eq(patrolSessions.officerId, officerId), isNull(patrolSessions.endedAt)))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Findings first recorded in each of these sessions. */
  async findingCounts(db: DbOrTx, sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await db
      .select({ sessionId: findings.patrolSessionId, n: count() })
      .from(findings)
      .where(inArray(findings.patrolSessionId, [...sessionIds]))
      .groupBy(findings.patrolSessionId);
    return new Map(rows.map((r) => [r.sessionId!, Number(r.n)]));
  },

  async update(tx: DbOrTx, id: string, patch: Partial<Pick<PatrolSessionRow, 'platformIds' | 'keywords' | 'focuses' | 'notes' | 'endedAt'>>): Promise<void> {
    await tx.update(patrolSessions).set(patch).where(eq(patrolSessions.id, id));
  },

  list(db: DbOrTx, filter: { unitPathPrefix: string | null; officerId?: string; from?: Date; to?: Date; limit: number }): Promise<PatrolWithOwner[]> {
    const conditions: (SQL | undefined)[] = [
      filter.unitPathPrefix === null ? undefined : like(units.path, `${filter.unitPathPrefix}%`),
      filter.officerId ? eq(patrolSessions.officerId, filter.officerId) : undefined,
      filter.from ? gte(patrolSessions.startedAt, filter.from) : undefined,
      filter.to ? lt(patrolSessions.startedAt, filter.to) : undefined,
    ];
    return db
      .select(withOwner)
      .from(patrolSessions)
      .innerJoin(units, eq(units.id, patrolSessions.unitId))
      .innerJoin(users, eq(users.id, patrolSessions.officerId))
      .where(and(...conditions))
      .orderBy(desc(patrolSessions.startedAt))
      .limit(filter.limit);
  },

  /**
   * Sessions, minutes on patrol, findings recorded and sightings per officer and Taipei day or
   * month (G5.1; evaluation counts from the same numbers). An open session counts up to `now`.
   */
  async log(db: DbOrTx, filter: { unitPathPrefix: string | null; officerId?: string; from: Date; to: Date; period: 'day' | 'month'; now: Date }): Promise<PatrolLogRow[]> {
    const unit = filter.period === 'day' ? 'day' : 'month';
    const format = filter.period === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
    const bucket = (column: SQL | typeof patrolSessions.startedAt) => sql`to_char(date_trunc(${unit}, ${column} at time zone 'Asia/Taipei'), ${format})`;
    const unitFilter = filter.unitPathPrefix === null ? sql`true` : sql`u.path like ${`${filter.unitPathPrefix}%`}`;
    const officerFilter = filter.officerId ? sql`ps.officer_id = ${filter.officerId}` : sql`true`;
    const result = await db.execute(sql`
      with sessions as (
        select ps.id, ps.officer_id, ps.unit_id, ${bucket(sql`ps.started_at`)} as period,
               extract(epoch from (coalesce(ps.ended_at, ${filter.now.toISOString()}::timestamptz) - ps.started_at)) / 60 as minutes
        from ${patrolSessions} ps join ${units} u on u.id = ps.unit_id
        where ps.started_at >= ${filter.from.toISOString()}::timestamptz and ps.started_at < ${filter.to.toISOString()}::timestamptz
          and ${unitFilter} and ${officerFilter}
      )
      select s.period, s.officer_id, us.username, us.display_name, u.code as unit_code,
             count(*)::int as sessions, coalesce(round(sum(s.minutes)), 0)::int as minutes,
             coalesce(sum((select count(*) from ${findings} f where f.patrol_session_id = s.id)), 0)::int as findings_recorded,
             coalesce(sum((select count(*) from ${findingSightings} fs where fs.patrol_session_id = s.id)), 0)::int as sightings
      from sessions s join ${users} us on us.id = s.officer_id join ${units} u on u.id = s.unit_id
      group by s.period, s.officer_id, us.username, us.display_name, u.code
      order by s.period desc, u.code, us.username`);
    return ((result as { rows: Record<string, unknown>[] }).rows).map((row) => ({
      period: String(row.period),
      officerId: String(row.officer_id),
      officerUsername: String(row.username),
      officerDisplayName: String(row.display_name),
      unitCode: String(row.unit_code),
      sessions: Number(row.sessions),
      minutes: Number(row.minutes),
      findingsRecorded: Number(row.findings_recorded),
      sightings: Number(row.sightings),
    }));
  },
};
