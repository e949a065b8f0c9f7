/** SQL for the liaison directory. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { liaisonContacts, type LiaisonContactRow } from './liaison.tables.ts';

type Writable = Omit<typeof liaisonContacts.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export const liaisonRepository = {
  async isEmpty(db: DbOrTx): Promise<boolean> {
    return (await db.select({ id: liaisonContacts.id }).from(liaisonContacts).limit(1)).length === 0;
  },
  list(db: DbOrTx): Promise<LiaisonContactRow[]> {
    return db.select().from(liaisonContacts).orderBy(liaisonContacts.body, liaisonContacts.organisation);
  },
  async findById(db: DbOrTx, id: string): Promise<LiaisonContactRow | null> {
    return (await db.select().from(liaisonContacts).where(eq(liaisonContacts.id, id)).limit(1))[0] ?? null;
  },
  async insertMany(tx: DbOrTx, rows: Writable[]): Promise<LiaisonContactRow[]> {
    return tx.insert(liaisonContacts).values(rows).returning();
  },
  async update(tx: DbOrTx, id: string, patch: Partial<Writable>): Promise<LiaisonContactRow> {
    const [row] = await tx.update(liaisonContacts).set({ ...patch, updatedAt: new Date() }).where(eq(liaisonContacts.id, id)).returning();
    return row!;
  },
};
