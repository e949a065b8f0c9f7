/** SQL for the case register's workflow records (assessments, CIB requests, preservation, transfer, notices, follow-ups, assignees). */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { users } from '../users/users.tables.ts';
import {
  caseAssessments,
  caseAssignees,
  caseCibRequests,
  caseFollowUps,
  caseNotices,
  casePreservationRequests,
  cases,
  caseTransfers,
  type CaseAssessmentRow,
  type CaseNoticeRow,
  type CaseRow,
} from './cases.tables.ts';

export const caseWorkflowRepository = {
  async updateCase(tx: DbOrTx, id: string, patch: Partial<Omit<CaseRow, 'id' | 'number' | 'owningUnitId' | 'rocYear' | 'sequence' | 'createdBy' | 'createdAt'>>): Promise<void> {
    await tx.update(cases).set({ ...patch, updatedAt: new Date() }).where(eq(cases.id, id));
  },

  assignees(db: DbOrTx, caseId: string) {
    return db
      .select({ userId: caseAssignees.userId, username: users.username, displayName: users.displayName, assignedAt: caseAssignees.assignedAt })
      .from(caseAssignees)
      .innerJoin(users, eq(users.id, caseAssignees.userId))
      .where(eq(caseAssignees.caseId, caseId));
  },

  async replaceAssignees(tx: DbOrTx, caseId: string, userIds: readonly string[], by: string): Promise<void> {
    await tx.delete(caseAssignees).where(eq(caseAssignees.caseId, caseId));
    if (userIds.length > 0) await tx.insert(caseAssignees).values(userIds.map((userId) => ({ caseId, userId, assignedBy: by })));
  },

  async insertAssessment(tx: DbOrTx, values: Omit<CaseAssessmentRow, 'id' | 'decision' | 'reviewNote' | 'reviewedBy' | 'reviewedAt'>): Promise<CaseAssessmentRow> {
    const rows = await tx.insert(caseAssessments).values(values).returning();
    return rows[0]!;
  },

  assessments(db: DbOrTx, caseId: string): Promise<CaseAssessmentRow[]> {
    return db.select().from(caseAssessments).where(eq(caseAssessments.caseId, caseId)).orderBy(desc(caseAssessments.submittedAt));
  },

  /** The submission awaiting review, if any (the latest without a decision). */
  async pendingAssessment(db: DbOrTx, caseId: string): Promise<CaseAssessmentRow | null> {
    const rows = await db
      .select()
      .from(caseAssessments)
      .where(and(eq(caseAssessments.caseId, caseId), isNull(caseAssessments.decision)))
      .orderBy(desc(caseAssessments.submittedAt))
      .limit(1);
    return rows[0] ?? null;
  },

  /** Decides a pending submission once: a concurrent second review finds no undecided row. */
  async decideAssessment(tx: DbOrTx, id: string, values: { decision: 'approved' | 'returned'; reviewNote: string | null; reviewedBy: string; reviewedAt: Date }): Promise<boolean> {
    const rows = await tx.update(caseAssessments).set(values).where(and(eq(caseAssessments.id, id), isNull(caseAssessments.decision))).returning({ id: caseAssessments.id });
    return rows.length === 1;
  },

  /** Marks older undecided submissions as superseded by a newer one (returned with a note). */
  async supersedePending(tx: DbOrTx, caseId: string, by: string, at: Date): Promise<void> {
    await tx
      .update(caseAssessments)
      .set({ decision: 'returned', reviewNote: '已由新的檢核取代 (superseded by a newer submission)', reviewedBy: by, reviewedAt: at })
      .where(and(eq(caseAssessments.caseId, caseId), isNull(caseAssessments.decision)));
  },

  async insertCibRequest(tx: DbOrTx, values: typeof caseCibRequests.$inferInsert) {
    return (await tx.insert(caseCibRequests).values(values).returning())[0]!;
  },

  cibRequests(db: DbOrTx, caseId: string) {
    return db.select().from(caseCibRequests).where(eq(caseCibRequests.caseId, caseId)).orderBy(desc(caseCibRequests.requestedAt));
  },

  async updateCibRequest(tx: DbOrTx, id: string, patch: Partial<typeof caseCibRequests.$inferInsert>): Promise<void> {
    await tx.update(caseCibRequests).set(patch).where(eq(caseCibRequests.id, id));
  },

  async insertPreservation(tx: DbOrTx, values: typeof casePreservationRequests.$inferInsert) {
    return (await tx.insert(casePreservationRequests).values(values).returning())[0]!;
  },

  preservations(db: DbOrTx, caseId: string) {
    return db.select().from(casePreservationRequests).where(eq(casePreservationRequests.caseId, caseId)).orderBy(desc(casePreservationRequests.requestedAt));
  },

  async updatePreservation(tx: DbOrTx, id: string, caseId: string, patch: Partial<typeof casePreservationRequests.$inferInsert>): Promise<boolean> {
    const rows = await tx
      .update(casePreservationRequests)
      .set(patch)
      .where(and(eq(casePreservationRequests.id, id), eq(casePreservationRequests.caseId, caseId)))
      .returning({ id: casePreservationRequests.id });
    return rows.length === 1;
  },

  async insertTransfer(tx: DbOrTx, values: typeof caseTransfers.$inferInsert): Promise<void> {
    await tx.insert(caseTransfers).values(values);
  },

  async transfer(db: DbOrTx, caseId: string) {
    return (await db.select().from(caseTransfers).where(eq(caseTransfers.caseId, caseId)).limit(1))[0] ?? null;
  },

  async insertNotice(tx: DbOrTx, values: typeof caseNotices.$inferInsert): Promise<CaseNoticeRow> {
    return (await tx.insert(caseNotices).values(values).returning())[0]!;
  },

  notices(db: DbOrTx, caseId: string): Promise<CaseNoticeRow[]> {
    return db.select().from(caseNotices).where(eq(caseNotices.caseId, caseId)).orderBy(desc(caseNotices.sentAt));
  },

  async insertFollowUp(tx: DbOrTx, values: typeof caseFollowUps.$inferInsert) {
    return (await tx.insert(caseFollowUps).values(values).returning())[0]!;
  },

  followUps(db: DbOrTx, caseId: string) {
    return db
      .select({ id: caseFollowUps.id, note: caseFollowUps.note, createdAt: caseFollowUps.createdAt, createdBy: users.username })
      .from(caseFollowUps)
      .innerJoin(users, eq(users.id, caseFollowUps.createdBy))
      .where(eq(caseFollowUps.caseId, caseId))
      .orderBy(desc(caseFollowUps.createdAt));
  },
};
