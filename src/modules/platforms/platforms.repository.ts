/** SQL for the platform registry. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { platforms, type PlatformRow } from './platforms.tables.ts';

export type PlatformFields = Pick<PlatformRow, 'code' | 'nameZh' | 'nameEn' | 'kind' | 'domains' | 'searchUrlTemplates' | 'notes'> & { unavailableMarkers?: string[] };

export const platformsRepository = {
  findAll(db: DbOrTx): Promise<PlatformRow[]> {
    return db.select().from(platforms).orderBy(asc(platforms.code));
  },
  async findById(db: DbOrTx, id: string): Promise<PlatformRow | null> {
    return (await db.select().from(platforms).where(eq(platforms.id, id)).limit(1))[0] ?? null;
  },
  async findByCode(db: DbOrTx, code: string): Promise<PlatformRow | null> {
    return (await db.select().from(platforms).where(eq(platforms.code, code)).limit(1))[0] ?? null;
  },
  async count(db: DbOrTx): Promise<number> {
    return (await db.select({ n: sql<number>`count(*)::int` }).from(platforms))[0]?.n ?? 0;
  },
  async insert(tx: DbOrTx, fields: PlatformFields): Promise<PlatformRow> {
    return (await tx.insert(platforms).values(fields).returning())[0]!;
  },
  async update(tx: DbOrTx, id: string, patch: Partial<PlatformFields & { active: boolean }>): Promise<PlatformRow> {
    return (await tx.update(platforms).set({ ...patch, updatedAt: new Date() }).where(eq(platforms.id, id)).returning())[0]!;
  },
};
