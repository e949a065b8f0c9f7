/** SQL for the mail messages (the outbox and the delivery log). */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { mailMessages, type MailMessageRow, type MailStatus } from './mail.tables.ts';

export type NewMailMessage = Pick<MailMessageRow, 'id' | 'kind' | 'recipients' | 'subject' | 'rawBase64' | 'sha256' | 'caseId' | 'createdAt'>;

/** What the administrator's list shows: never the message bytes (they may carry case content). */
export type MailSummary = Omit<MailMessageRow, 'rawBase64' | 'caseId'>;

const summaryColumns = {
  id: mailMessages.id,
  kind: mailMessages.kind,
  recipients: mailMessages.recipients,
  subject: mailMessages.subject,
  status: mailMessages.status,
  deliveryRef: mailMessages.deliveryRef,
  sha256: mailMessages.sha256,
  attempts: mailMessages.attempts,
  lastError: mailMessages.lastError,
  createdAt: mailMessages.createdAt,
  sentAt: mailMessages.sentAt,
};

export const mailRepository = {
  async insert(tx: DbOrTx, values: NewMailMessage): Promise<MailMessageRow> {
    const rows = await tx.insert(mailMessages).values({ ...values, status: 'queued' }).returning();
    return rows[0]!;
  },

  async findById(db: DbOrTx, id: string): Promise<MailMessageRow | null> {
    const rows = await db.select().from(mailMessages).where(eq(mailMessages.id, id)).limit(1);
    return rows[0] ?? null;
  },

  /** Newest first, optionally of one status; without the stored bytes. */
  list(db: DbOrTx, filter: { status: MailStatus | null; limit: number }): Promise<MailSummary[]> {
    return db
      .select(summaryColumns)
      .from(mailMessages)
      .where(filter.status === null ? undefined : eq(mailMessages.status, filter.status))
      .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
      .limit(filter.limit);
  },

  /** Ids of messages still waiting for delivery, oldest first. */
  async listQueuedIds(db: DbOrTx, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(eq(mailMessages.status, 'queued'))
      .orderBy(asc(mailMessages.createdAt))
      .limit(limit);
    return rows.map((r) => r.id);
  },

  /**
   * Counts one more delivery attempt on a queued message and returns it; null when the message is
   * gone, already delivered or failed, or another worker counted the same attempt first.
   */
  async claim(tx: DbOrTx, id: string): Promise<MailMessageRow | null> {
    const current = await tx.select().from(mailMessages).where(eq(mailMessages.id, id)).limit(1);
    const row = current[0];
    if (!row || row.status !== 'queued') return null;
    const rows = await tx
      .update(mailMessages)
      .set({ attempts: row.attempts + 1 })
      .where(and(eq(mailMessages.id, id), eq(mailMessages.status, 'queued'), eq(mailMessages.attempts, row.attempts)))
      .returning();
    return rows[0] ?? null;
  },

  async update(tx: DbOrTx, id: string, patch: Partial<Pick<MailMessageRow, 'status' | 'deliveryRef' | 'lastError' | 'sentAt'>>): Promise<void> {
    await tx.update(mailMessages).set(patch).where(eq(mailMessages.id, id));
  },
};
