/** SQL for takedown targets and the data requests of their 180-day window. */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { evidenceItems, type EvidenceItemRow } from '../evidence/evidence.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { takedownDataRequests, takedownTargets, type TakedownTargetRow } from './takedowns.tables.ts';

type Writable = Partial<Omit<TakedownTargetRow, 'id' | 'caseId' | 'urlId' | 'url' | 'createdBy' | 'createdAt'>>;

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
  /** Targets whose 24-hour order window has passed while still waiting for removal. */
  pastDue(db: DbOrTx, now: Date, limit: number): Promise<TakedownTargetRow[]> {
    return db.select().from(takedownTargets).where(and(eq(takedownTargets.state, 'order_issued'), lt(takedownTargets.dueAt, now))).limit(limit);
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
