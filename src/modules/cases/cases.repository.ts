/** SQL for the case register. */
import { and, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { auditEvents } from '../audit/audit.tables.ts';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { caseAssignees, caseNumberCounters, cases, type CaseRow } from './cases.tables.ts';

export type CaseWithUnit = { case: CaseRow; unit: UnitRow; assigneeIds: string[] };

/** Which cases a list may return (from the access policy's case scope). */
export type CaseListScope = { unitPathPrefix: string | null; includeCibRequests: boolean; includeAssignedTo?: string };

export function caseScopeCondition(scope: CaseListScope): SQL | undefined {
  if (scope.unitPathPrefix === null) return undefined;
  const alternatives: SQL[] = [like(units.path, `${scope.unitPathPrefix}%`)];
  if (scope.includeCibRequests) alternatives.push(inArray(cases.cibAssistance, ['requested', 'accepted']));
  if (scope.includeAssignedTo) {
    alternatives.push(sql`exists (select 1 from ${caseAssignees} where ${caseAssignees.caseId} = ${cases.id} and ${caseAssignees.userId} = ${scope.includeAssignedTo})`);
  }
  return or(...alternatives);
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

  async insert(tx: DbOrTx, values: Pick<CaseRow, 'number' | 'owningUnitId' | 'rocYear' | 'sequence' | 'title' | 'summary' | 'platformId' | 'createdBy'>): Promise<CaseRow> {
    const rows = await tx.insert(cases).values(values).returning();
    return rows[0]!;
  },

  async findById(db: DbOrTx, id: string): Promise<CaseWithUnit | null> {
    const rows = await db.select({ case: cases, unit: units }).from(cases).innerJoin(units, eq(units.id, cases.owningUnitId)).where(eq(cases.id, id)).limit(1);
    const row = rows[0];
    if (!row) return null;
    const assignees = await db.select({ userId: caseAssignees.userId }).from(caseAssignees).where(eq(caseAssignees.caseId, id));
    return { ...row, assigneeIds: assignees.map((a) => a.userId) };
  },

  /** Ids of the evidence items of a case: captured for it, or for one of its findings. */
  async evidenceIdsOf(db: DbOrTx, caseId: string): Promise<string[]> {
    const rows = await db
      .select({ id: evidenceItems.id })
      .from(evidenceItems)
      .where(or(eq(evidenceItems.caseId, caseId), inArray(evidenceItems.findingId, db.select({ id: findings.id }).from(findings).where(eq(findings.caseId, caseId)))));
    return rows.map((r) => r.id);
  },

  async list(db: DbOrTx, filter: { scope: CaseListScope; search?: string; limit: number }): Promise<CaseWithUnit[]> {
    const search = filter.search?.trim();
    const searchCondition = search ? or(ilike(cases.number, `%${escapeLike(search)}%`), ilike(cases.title, `%${escapeLike(search)}%`)) : undefined;
    const rows = await db
      .select({ case: cases, unit: units })
      .from(cases)
      .innerJoin(units, eq(units.id, cases.owningUnitId))
      .where(and(caseScopeCondition(filter.scope), searchCondition))
      .orderBy(desc(cases.createdAt))
      .limit(filter.limit);
    // Lists show cases the actor may already see; assignees only matter for the single-case check.
    return rows.map((row) => ({ ...row, assigneeIds: [] }));
  },

  /**
   * The case's timeline from the audit trail (issue #5): events on the case itself, its findings,
   * its evidence, suspects, reporters and victims, oldest first. Reporters' and victims' events never carry names.
   */
  timeline(db: DbOrTx, caseId: string, limit: number) {
    const related = sql`(
      (${auditEvents.objectType} = 'case' and ${auditEvents.objectId} = ${caseId})
      or (${auditEvents.objectType} = 'finding' and ${auditEvents.objectId} in (select id::text from findings where case_id = ${caseId}))
      or (${auditEvents.objectType} = 'evidence' and ${auditEvents.objectId} in (
            select id::text from evidence_items where case_id = ${caseId}
              or finding_id in (select id from findings where case_id = ${caseId})))
      or (${auditEvents.objectType} = 'suspect' and ${auditEvents.objectId} in (select id::text from suspects where case_id = ${caseId}))
      or (${auditEvents.objectType} = 'suspect_identifier' and ${auditEvents.objectId} in (
            select i.id::text from suspect_identifiers i join suspects s on s.id = i.suspect_id where s.case_id = ${caseId}))
      or (${auditEvents.objectType} = 'subscriber_request' and ${auditEvents.objectId} in (
            select r.id::text from subscriber_requests r join suspect_identifiers i on i.id = r.identifier_id join suspects s on s.id = i.suspect_id where s.case_id = ${caseId}))
      or (${auditEvents.objectType} = 'takedown' and ${auditEvents.objectId} in (select id::text from takedown_targets where case_id = ${caseId}))
      or (${auditEvents.objectType} in ('reporter', 'case_reporter') and ${auditEvents.objectId} in (select id::text from case_reporters where case_id = ${caseId}))
      or (${auditEvents.objectType} = 'victim' and ${auditEvents.objectId} in (select id::text from victims where case_id = ${caseId}))
      or (${auditEvents.objectType} = 'victim_hold' and ${auditEvents.objectId} in (select id::text from victim_legal_holds where case_id = ${caseId}))
    )`;
    return db
      .select({
        seq: auditEvents.seq,
        occurredAt: auditEvents.occurredAt,
        actorUsername: auditEvents.actorUsername,
        actorUnitCode: auditEvents.actorUnitCode,
        action: auditEvents.action,
        objectType: auditEvents.objectType,
        objectId: auditEvents.objectId,
        outcome: auditEvents.outcome,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .where(related)
      .orderBy(auditEvents.seq)
      .limit(limit);
  },

  async touch(tx: DbOrTx, id: string): Promise<void> {
    await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, id));
  },
};

/** Escapes LIKE wildcards so a search for `50%` means the characters typed. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
