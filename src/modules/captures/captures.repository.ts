/** SQL for capture requests. */
import { and, desc, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { captureRequests, type CaptureRequestRow } from './captures.tables.ts';

export type CaptureWithUnit = { request: CaptureRequestRow; unit: UnitRow };

export const capturesRepository = {
  async insert(tx: DbOrTx, values: Pick<CaptureRequestRow, 'url' | 'platform' | 'notes' | 'ephemeral' | 'requestedBy' | 'owningUnitId' | 'caseId' | 'findingId'>): Promise<CaptureRequestRow> {
    const rows = await tx.insert(captureRequests).values(values).returning();
    return rows[0]!;
  },

  async findById(db: DbOrTx, id: string): Promise<CaptureWithUnit | null> {
    const rows = await db
      .select({ request: captureRequests, unit: units })
      .from(captureRequests)
      .innerJoin(units, eq(units.id, captureRequests.owningUnitId))
      .where(eq(captureRequests.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  list(db: DbOrTx, filter: { unitPathPrefix: string | null; limit: number }): Promise<CaptureWithUnit[]> {
    return db
      .select({ request: captureRequests, unit: units })
      .from(captureRequests)
      .innerJoin(units, eq(units.id, captureRequests.owningUnitId))
      .where(filter.unitPathPrefix === null ? undefined : like(units.path, `${filter.unitPathPrefix}%`))
      .orderBy(desc(captureRequests.createdAt))
      .limit(filter.limit);
  },

  async update(tx: DbOrTx, id: string, patch: Partial<Pick<CaptureRequestRow, 'status' | 'attempts' | 'lastError' | 'evidenceItemId'>>): Promise<void> {
    await tx.update(captureRequests).set({ ...patch, updatedAt: new Date() }).where(eq(captureRequests.id, id));
  },

  /** Moves a request to `running` only if it is not sealed yet; returns the row when it did. */
  async claim(tx: DbOrTx, id: string): Promise<CaptureRequestRow | null> {
    const current = await tx.select().from(captureRequests).where(eq(captureRequests.id, id)).limit(1);
    const row = current[0];
    if (!row || row.status === 'sealed') return null;
    const rows = await tx
      .update(captureRequests)
      .set({ status: 'running', attempts: row.attempts + 1, updatedAt: new Date() })
      .where(and(eq(captureRequests.id, id), eq(captureRequests.attempts, row.attempts)))
      .returning();
    return rows[0] ?? null;
  },
};
