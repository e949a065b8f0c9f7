/** SQL for the unit tree. */
import { asc, eq, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from './units.tables.ts';

export type NewUnit = { code: string; nameZh: string; nameEn: string; kind: UnitRow['kind']; parentId: string | null };

export const unitsRepository = {
  findAll(db: DbOrTx): Promise<UnitRow[]> {
    return db.select().from(units).orderBy(asc(units.path), asc(units.code));
  },

  async findById(db: DbOrTx, id: string): Promise<UnitRow | null> {
    const rows = await db.select().from(units).where(eq(units.id, id)).limit(1);
    return rows[0] ?? null;
  },

  async findByCode(db: DbOrTx, code: string): Promise<UnitRow | null> {
    const rows = await db.select().from(units).where(eq(units.code, code)).limit(1);
    return rows[0] ?? null;
  },

  async count(db: DbOrTx): Promise<number> {
    const rows = await db.select({ n: sql<number>`count(*)::int` }).from(units);
    return rows[0]?.n ?? 0;
  },

  /** Inserts a unit; its path is its parent's path plus its own id. */
  async insert(tx: DbOrTx, unit: NewUnit, parentPath: string | null): Promise<UnitRow> {
    const id = crypto.randomUUID();
    const path = `${parentPath ?? '/'}${id}/`;
    const rows = await tx
      .insert(units)
      .values({ id, ...unit, path })
      .returning();
    return rows[0]!;
  },

  async update(
    tx: DbOrTx,
    id: string,
    patch: Partial<Pick<UnitRow, 'nameZh' | 'nameEn' | 'kind' | 'active'>>,
  ): Promise<UnitRow> {
    const rows = await tx
      .update(units)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(units.id, id))
      .returning();
    return rows[0]!;
  },

  /** Moves a unit under a new parent, rewriting the paths of its whole subtree in one statement. */
  async move(tx: DbOrTx, unit: UnitRow, newParentId: string, newParentPath: string): Promise<UnitRow> {
    const newPath = `${newParentPath}${unit.id}/`;
    await tx
      .update(units)
      .set({ path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})`, updatedAt: new Date() })
      .where(like(units.path, `${unit.path}%`));
    const rows = await tx.update(units).set({ parentId: newParentId }).where(eq(units.id, unit.id)).returning();
    return rows[0]!;
  },
};
