/** SQL for case tasks (the playbook made concrete per case). */
import { and, asc, eq, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { cases } from '../cases/cases.tables.ts';
import { units } from '../units/units.tables.ts';
import { caseTasks, type CaseTaskRow } from './tasks.tables.ts';

export type TaskWithCase = { task: CaseTaskRow; caseNumber: string; caseTitle: string; caseId: string };

const withCase = { task: caseTasks, caseNumber: cases.number, caseTitle: cases.title, caseId: cases.id };

export const tasksRepository = {
  async forCase(db: DbOrTx, caseId: string): Promise<CaseTaskRow[]> {
    return db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.triggeredAt), asc(caseTasks.stepCode));
  },

  async find(db: DbOrTx, caseId: string, stepCode: string): Promise<CaseTaskRow | null> {
    const rows = await db.select().from(caseTasks).where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.stepCode, stepCode))).limit(1);
    return rows[0] ?? null;
  },

  /** Creates the task unless the case already has it (returns null then). */
  async insertIfAbsent(tx: DbOrTx, values: Pick<CaseTaskRow, 'caseId' | 'stepCode' | 'playbookVersion' | 'assigneeRole' | 'assigneeUnitId' | 'triggeredAt' | 'dueAt'>): Promise<CaseTaskRow | null> {
    const rows = await tx.insert(caseTasks).values(values).onConflictDoNothing({ target: [caseTasks.caseId, caseTasks.stepCode] }).returning();
    return rows[0] ?? null;
  },

  async reopen(tx: DbOrTx, id: string, triggeredAt: Date, dueAt: Date | null): Promise<void> {
    await tx
      .update(caseTasks)
      .set({ status: 'open', triggeredAt, dueAt, doneAt: null, doneBy: null, closedByEvent: null, lastRemindedAt: null })
      .where(eq(caseTasks.id, id));
  },

  /** Closes the case's open tasks of these steps; returns the closed rows. */
  async close(tx: DbOrTx, caseId: string, stepCodes: readonly string[], status: 'done' | 'cancelled', at: Date, by: string | null, event: string): Promise<CaseTaskRow[]> {
    if (stepCodes.length === 0) return [];
    return tx
      .update(caseTasks)
      .set({ status, doneAt: at, doneBy: by, closedByEvent: event })
      .where(and(eq(caseTasks.caseId, caseId), inArray(caseTasks.stepCode, [...stepCodes]), eq(caseTasks.status, 'open')))
      .returning();
  },

  /**
   * Open tasks for someone: assigned to them, or to one of their roles in their unit or a unit
   * below it (a precinct supervisor sees the stations' supervisor tasks).
   */
  forActor(db: DbOrTx, actor: { userId: string; unitPath: string; roles: readonly string[] }, limit: number): Promise<TaskWithCase[]> {
    return db
      .select(withCase)
      .from(caseTasks)
      .innerJoin(cases, eq(cases.id, caseTasks.caseId))
      .leftJoin(units, eq(units.id, caseTasks.assigneeUnitId))
      .where(
        and(
          eq(caseTasks.status, 'open'),
          or(
            eq(caseTasks.assigneeUserId, actor.userId),
            and(isNull(caseTasks.assigneeUserId), inArray(caseTasks.assigneeRole, [...actor.roles] as never[]), like(units.path, `${actor.unitPath}%`)),
          ),
        ),
      )
      .orderBy(sql`${caseTasks.dueAt} asc nulls last`, asc(caseTasks.triggeredAt))
      .limit(limit);
  },

  /** Overdue open tasks not reminded within `remindEvery`, oldest deadline first. */
  overdue(db: DbOrTx, now: Date, remindedBefore: Date, limit: number): Promise<TaskWithCase[]> {
    return db
      .select(withCase)
      .from(caseTasks)
      .innerJoin(cases, eq(cases.id, caseTasks.caseId))
      .where(
        and(
          eq(caseTasks.status, 'open'),
          lt(caseTasks.dueAt, now),
          or(isNull(caseTasks.lastRemindedAt), lt(caseTasks.lastRemindedAt, remindedBefore)),
        ),
      )
      .orderBy(asc(caseTasks.dueAt))
      .limit(limit);
  },

  async markReminded(tx: DbOrTx, id: string, at: Date): Promise<void> {
    await tx.update(caseTasks).set({ lastRemindedAt: at }).where(eq(caseTasks.id, id));
  },
};
