/** SQL for takedown targets, their removal checks and the data requests of their 180-day window. */
import { and, desc, eq, gte, inArray, lt, lte, notExists } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { cases } from '../cases/cases.tables.ts';
import { evidenceItems, type EvidenceItemRow } from '../evidence/evidence.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { takedownChecks, takedownDataRequests, takedownTargets, type TakedownCheckRow, type TakedownTargetRow } from './takedowns.tables.ts';

type Writable = Partial<Omit<TakedownTargetRow, 'id' | 'caseId' | 'urlId' | 'url' | 'createdBy' | 'createdAt'>>;
type CheckResult = Pick<TakedownCheckRow, 'status' | 'outcome' | 'reason' | 'detail' | 'evidenceId' | 'checkedAt'>;

/** The target's deadline check, finished. */
const finishedDeadlineCheck = (db: DbOrTx) =>
  db
    .select({ id: takedownChecks.id })
    .from(takedownChecks)
    .where(and(eq(takedownChecks.targetId, takedownTargets.id), eq(takedownChecks.trigger, 'deadline'), inArray(takedownChecks.status, ['done', 'failed'])));

export const takedownsRepository = {
  async insertIfAbsent(tx: DbOrTx, values: typeof takedownTargets.$inferInsert): Promise<TakedownTargetRow | null> {
    const rows = await tx.insert(takedownTargets).values(values).onConflictDoNothing({ target: takedownTargets.urlId }).returning();
    return rows[0] ?? null;
  },
  async findById(db: DbOrTx, id: string): Promise<TakedownTargetRow | null> {
    return (await db.select().from(takedownTargets).where(eq(takedownTargets.id, id)).limit(1))[0] ?? null;
  },
  async findByUrl(db: DbOrTx, urlId: string): Promise<TakedownTargetRow | null> {
    return (await db.select().from(takedownTargets).where(eq(takedownTargets.urlId, urlId)).limit(1))[0] ?? null;
  },
  forCase(db: DbOrTx, caseId: string): Promise<TakedownTargetRow[]> {
    return db.select().from(takedownTargets).where(eq(takedownTargets.caseId, caseId)).orderBy(takedownTargets.createdAt);
  },
  /** Moves a target only from the state the caller saw (a concurrent transition wins, this one reports false). */
  async transition(tx: DbOrTx, id: string, from: readonly TakedownTargetRow['state'][], patch: Writable): Promise<boolean> {
    const rows = await tx
      .update(takedownTargets)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(takedownTargets.id, id), inArray(takedownTargets.state, [...from])))
      .returning({ id: takedownTargets.id });
    return rows.length === 1;
  },
  /** Targets still waiting for removal with a deadline before `before` and no finished deadline check. */
  pastDue(db: DbOrTx, before: Date, limit: number): Promise<TakedownTargetRow[]> {
    return db
      .select()
      .from(takedownTargets)
      .where(and(eq(takedownTargets.state, 'order_issued'), lt(takedownTargets.dueAt, before), notExists(finishedDeadlineCheck(db))))
      .limit(limit);
  },
  /** Orders whose deadline has come (dueAt ≤ now) and that have no deadline check yet, with their case's unit. */
  dueForDeadlineCheck(db: DbOrTx, now: Date, limit: number): Promise<{ target: TakedownTargetRow; owningUnitId: string }[]> {
    return db
      .select({ target: takedownTargets, owningUnitId: cases.owningUnitId })
      .from(takedownTargets)
      .innerJoin(cases, eq(cases.id, takedownTargets.caseId))
      .where(
        and(
          eq(takedownTargets.state, 'order_issued'),
          lte(takedownTargets.dueAt, now),
          notExists(db.select({ id: takedownChecks.id }).from(takedownChecks).where(and(eq(takedownChecks.targetId, takedownTargets.id), eq(takedownChecks.trigger, 'deadline')))),
        ),
      )
      .orderBy(takedownTargets.dueAt)
      .limit(limit);
  },
  /** Inserts a check; null when it would be a second deadline check of the target (the unique index). */
  async insertCheck(tx: DbOrTx, values: typeof takedownChecks.$inferInsert): Promise<TakedownCheckRow | null> {
    return (await tx.insert(takedownChecks).values(values).onConflictDoNothing().returning())[0] ?? null;
  },
  async linkCheckCapture(tx: DbOrTx, id: string, captureRequestId: string): Promise<TakedownCheckRow> {
    return (await tx.update(takedownChecks).set({ captureRequestId }).where(eq(takedownChecks.id, id)).returning())[0]!;
  },
  async findCheck(db: DbOrTx, id: string): Promise<TakedownCheckRow | null> {
    return (await db.select().from(takedownChecks).where(eq(takedownChecks.id, id)).limit(1))[0] ?? null;
  },
  /** A target's checks, newest first. */
  checksFor(db: DbOrTx, targetId: string): Promise<TakedownCheckRow[]> {
    return db.select().from(takedownChecks).where(eq(takedownChecks.targetId, targetId)).orderBy(desc(takedownChecks.createdAt), desc(takedownChecks.id));
  },
  /** The newest unfinished check of a target created since `since`, if any. */
  async pendingCheck(db: DbOrTx, targetId: string, since: Date): Promise<TakedownCheckRow | null> {
    const rows = await db
      .select()
      .from(takedownChecks)
      .where(and(eq(takedownChecks.targetId, targetId), inArray(takedownChecks.status, ['queued', 'running']), gte(takedownChecks.createdAt, since)))
      .orderBy(desc(takedownChecks.createdAt))
      .limit(1);
    return rows[0] ?? null;
  },
  /** Deadline checks still waiting for their job (re-sent by the clock in case a send was lost). */
  queuedDeadlineChecks(db: DbOrTx, limit: number): Promise<TakedownCheckRow[]> {
    return db
      .select()
      .from(takedownChecks)
      .where(and(eq(takedownChecks.trigger, 'deadline'), eq(takedownChecks.status, 'queued')))
      .limit(limit);
  },
  /** Marks an unfinished check running; null when it is finished (or does not exist). */
  async startCheck(tx: DbOrTx, id: string): Promise<TakedownCheckRow | null> {
    const rows = await tx
      .update(takedownChecks)
      .set({ status: 'running' })
      .where(and(eq(takedownChecks.id, id), inArray(takedownChecks.status, ['queued', 'running'])))
      .returning();
    return rows[0] ?? null;
  },
  /** Records a check's result once: false when another run finished it first. */
  async finishCheck(tx: DbOrTx, id: string, result: CheckResult): Promise<boolean> {
    const rows = await tx
      .update(takedownChecks)
      .set(result)
      .where(and(eq(takedownChecks.id, id), inArray(takedownChecks.status, ['queued', 'running'])))
      .returning({ id: takedownChecks.id });
    return rows.length === 1;
  },
  /** The newest sealed web capture of this URL: through a finding of the same canonical URL, or filed to the case. */
  async sealedCaptures(db: DbOrTx, urlId: string, caseId: string): Promise<EvidenceItemRow[]> {
    const viaFindings = await db
      .select({ item: evidenceItems })
      .from(evidenceItems)
      .innerJoin(findings, eq(findings.id, evidenceItems.findingId))
      .where(and(eq(findings.urlId, urlId), eq(evidenceItems.kind, 'web_capture')))
      .orderBy(desc(evidenceItems.capturedAt));
    const ofCase = await db
      .select()
      .from(evidenceItems)
      .where(and(eq(evidenceItems.caseId, caseId), eq(evidenceItems.kind, 'web_capture')))
      .orderBy(desc(evidenceItems.capturedAt));
    return [...viaFindings.map((r) => r.item), ...ofCase];
  },
  async insertDataRequest(tx: DbOrTx, values: typeof takedownDataRequests.$inferInsert) {
    return (await tx.insert(takedownDataRequests).values(values).returning())[0]!;
  },
  dataRequests(db: DbOrTx, targetId: string) {
    return db.select().from(takedownDataRequests).where(eq(takedownDataRequests.targetId, targetId)).orderBy(desc(takedownDataRequests.sentAt));
  },
  async answerDataRequest(tx: DbOrTx, id: string, targetId: string, answeredAt: Date, result: string): Promise<boolean> {
    const rows = await tx
      .update(takedownDataRequests)
      .set({ answeredAt, result })
      .where(and(eq(takedownDataRequests.id, id), eq(takedownDataRequests.targetId, targetId)))
      .returning({ id: takedownDataRequests.id });
    return rows.length === 1;
  },
};
