/** SQL for server-side sessions. */
import { eq, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { sessions, type SessionRow } from './sessions.tables.ts';

export const sessionsRepository = {
  async findById(db: DbOrTx, id: string): Promise<SessionRow | null> {
    const rows = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
    return rows[0] ?? null;
  },

  async insert(tx: DbOrTx, session: SessionRow): Promise<void> {
    await tx.insert(sessions).values(session);
  },

  async touch(db: DbOrTx, id: string, at: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
  },

  async setPendingTotpSecret(tx: DbOrTx, id: string, secret: string | null): Promise<void> {
    await tx.update(sessions).set({ pendingTotpSecret: secret }).where(eq(sessions.id, id));
  },

  async deleteById(tx: DbOrTx, id: string): Promise<void> {
    await tx.delete(sessions).where(eq(sessions.id, id));
  },

  /** Ends every session of a user (logout elsewhere, disabling, password or MFA reset). */
  async deleteAllForUser(tx: DbOrTx, userId: string): Promise<number> {
    const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    return rows.length;
  },

  /** Removes sessions past their absolute expiry or idle for longer than `idleCutoff`. */
  async deleteExpired(db: DbOrTx, now: Date, idleCutoff: Date): Promise<number> {
    const rows = await db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)))
      .returning({ id: sessions.id });
    return rows.length;
  },
};
