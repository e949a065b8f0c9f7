/** SQL for the audit trail (STYLE rule 3). Appends only; there is no update or delete here. */
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { auditEvents, type AuditEventRow, type AuditOutcome } from './audit.tables.ts';

/** Serialises appends: one transaction at a time extends the chain (key is arbitrary but fixed). */
const AUDIT_CHAIN_LOCK_KEY = 0x63_73_65_70; // 'csep'

export type AuditFilter = {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  beforeSeq?: number;
  limit: number;
};

export const auditRepository = {
  /** Takes the chain lock for the rest of the transaction and returns the chain's last event. */
  async lockAndReadHead(tx: DbOrTx): Promise<{ seq: number; hash: string } | null> {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const rows = await tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return rows[0] ?? null;
  },

  async insert(tx: DbOrTx, row: AuditEventRow): Promise<void> {
    await tx.insert(auditEvents).values(row);
  },

  /** Newest first, filtered; `beforeSeq` pages backwards. */
  async list(db: DbOrTx, filter: AuditFilter): Promise<AuditEventRow[]> {
    const conditions: SQL[] = [];
    if (filter.from) conditions.push(gte(auditEvents.occurredAt, filter.from));
    if (filter.to) conditions.push(lte(auditEvents.occurredAt, filter.to));
    if (filter.actor) conditions.push(eq(auditEvents.actorUsername, filter.actor.toLowerCase()));
    if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
    if (filter.objectType) conditions.push(eq(auditEvents.objectType, filter.objectType));
    if (filter.objectId) conditions.push(eq(auditEvents.objectId, filter.objectId));
    if (filter.outcome) conditions.push(eq(auditEvents.outcome, filter.outcome));
    if (filter.beforeSeq !== undefined) conditions.push(lt(auditEvents.seq, filter.beforeSeq));
    return db
      .select()
      .from(auditEvents)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(auditEvents.seq))
      .limit(filter.limit);
  },

  /** Reads the chain in order, a page at a time, so verification runs in flat memory. */
  async *iterateInOrder(db: DbOrTx, pageSize = 2000): AsyncGenerator<AuditEventRow> {
    let afterSeq = 0;
    for (;;) {
      const page = await db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.seq} > ${afterSeq}`)
        .orderBy(auditEvents.seq)
        .limit(pageSize);
      for (const row of page) yield row;
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      afterSeq = last.seq;
    }
  },
};
