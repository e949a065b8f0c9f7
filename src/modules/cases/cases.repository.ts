/** SQL for the case register. */
import { and, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { caseNumberCounters, cases, type CaseRow } from './cases.tables.ts';

export type CaseWithUnit = { case: CaseRow; unit: UnitRow };

/** Which cases a list may return (from the access policy's case scope). */
export type CaseListScope = { unitPathPrefix: string | null; includeCibRequests: boolean };

function scopeCondition(scope: CaseListScope): SQL | undefined {
  if (scope.unitPathPrefix === null) return undefined;
  const inUnit = like(units.path, `${scope.unitPathPrefix}%`);
  return scope.includeCibRequests ? or(inUnit, inArray(cases.cibAssistance, ['requested', 'accepted'])) : inUnit;
}

export const casesRepository = {
  /**
   * Issues the next sequence for a unit and ROC year. One upsert row-locks the counter, so two
   * concurrent creations get different numbers, and a rolled-back creation rolls its number back
   * with it (numbers of committed cases are never reused).
   */
  async nextSequence(tx: DbOrTx, unitId: string, rocYear: number): Promise<number> {
    const rows = await tx
      .insert(caseNumberCounters)
      .values({ unitId, rocYear, lastSequence: 1 })
      .onConflictDoUpdate({ target: [caseNumberCounters.unitId, caseNumberCounters.rocYear], set: { lastSequence: sql`${caseNumberCounters.lastSequence} + 1` } })
      .returning({ lastSequence: caseNumberCounters.lastSequence });
    return rows[0]!.lastSequence;
  },

  async insert(tx: DbOrTx, values: Pick<CaseRow, 'number' | 'owningUnitId' | 'rocYear' | 'sequence' | 'title' | 'summary' | 'createdBy'>): Promise<CaseRow> {
    const rows = await tx.insert(cases).values(values).returning();
    return rows[0]!;
  },

  async findById(db: DbOrTx, id: string): Promise<CaseWithUnit | null> {
    const rows = await db.select({ case: cases, unit: units }).from(cases).innerJoin(units, eq(units.id, cases.owningUnitId)).where(eq(cases.id, id)).limit(1);
    return rows[0] ?? null;
  },

  async findByIds(db: DbOrTx, ids: readonly string[]): Promise<CaseWithUnit[]> {
    if (ids.length === 0) return [];
    return db.select({ case: cases, unit: units }).from(cases).innerJoin(units, eq(units.id, cases.owningUnitId)).where(inArray(cases.id, [...ids]));
  },

  list(db: DbOrTx, filter: { scope: CaseListScope; search?: string; limit: number }): Promise<CaseWithUnit[]> {
    const search = filter.search?.trim();
    const searchCondition = search ? or(ilike(cases.number, `%${escapeLike(search)}%`), ilike(cases.title, `%${escapeLike(search)}%`)) : undefined;
    return db
      .select({ case: cases, unit: units })
      .from(cases)
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .where(and(scopeCondition(filter.scope), searchCondition))
      .orderBy(desc(cases.createdAt))
      .limit(filter.limit);
  },

  async touch(tx: DbOrTx, id: string): Promise<void> {
    await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, id));
  },
};

/** Escapes LIKE wildcards so a search for `50%` means the characters typed. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
