/** SQL for evidence items and their files. Inserts and reads only: evidence is never changed. */
import { and, desc, eq, inArray, like, lt, or, type SQL } from 'drizzle-orm';
import { findings } from '../findings/findings.tables.ts';
import type { DbOrTx } from '../../core/db/client.ts';
import { units, type UnitRow } from '../units/units.tables.ts';
import { evidenceFiles, evidenceItems, type EvidenceFileRow, type EvidenceItemRow } from './evidence.tables.ts';

export type NewEvidenceItem = Omit<EvidenceItemRow, 'id' | 'recordedAt'>;
export type EvidenceWithUnit = { item: EvidenceItemRow; unit: UnitRow };

export const evidenceRepository = {
  async insert(tx: DbOrTx, item: NewEvidenceItem, files: Omit<EvidenceFileRow, 'itemId'>[]): Promise<EvidenceItemRow> {
    const rows = await tx.insert(evidenceItems).values(item).returning();
    const inserted = rows[0]!;
    if (files.length > 0) await tx.insert(evidenceFiles).values(files.map((f) => ({ ...f, itemId: inserted.id })));
    return inserted;
  },

  async findById(db: DbOrTx, id: string): Promise<EvidenceWithUnit | null> {
    const rows = await db
      .select({ item: evidenceItems, unit: units })
      .from(evidenceItems)
      .innerJoin(units, eq(units.id, evidenceItems.owningUnitId))
      .where(eq(evidenceItems.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  filesOf(db: DbOrTx, itemId: string): Promise<EvidenceFileRow[]> {
    return db.select().from(evidenceFiles).where(eq(evidenceFiles.itemId, itemId)).orderBy(evidenceFiles.position);
  },

  /** Newest first; `unitPathPrefix` limits to a unit subtree (need-to-know), null means all. */
  list(
    db: DbOrTx,
    filter: { unitPathPrefix: string | null; caseId?: string; kind?: EvidenceItemRow['kind']; before?: Date; limit: number },
  ): Promise<EvidenceWithUnit[]> {
    const conditions: SQL[] = [];
    if (filter.unitPathPrefix !== null) conditions.push(like(units.path, `${filter.unitPathPrefix}%`));
    // A case's evidence: filed to it, or to one of its findings.
    if (filter.caseId) {
      conditions.push(or(eq(evidenceItems.caseId, filter.caseId), inArray(evidenceItems.findingId, db.select({ id: findings.id }).from(findings).where(eq(findings.caseId, filter.caseId))))!);
    }
    if (filter.kind) conditions.push(eq(evidenceItems.kind, filter.kind));
    if (filter.before) conditions.push(lt(evidenceItems.recordedAt, filter.before));
    return db
      .select({ item: evidenceItems, unit: units })
      .from(evidenceItems)
      .innerJoin(units, eq(units.id, evidenceItems.owningUnitId))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(evidenceItems.recordedAt))
      .limit(filter.limit);
  },

  /** Web-capture items with their files, a page at a time (manifest checks). */
  async *webCaptures(db: DbOrTx, pageSize = 200): AsyncGenerator<{ item: EvidenceItemRow; files: EvidenceFileRow[] }> {
    let offset = 0;
    for (;;) {
      const page = await db
        .select()
        .from(evidenceItems)
        .where(eq(evidenceItems.kind, 'web_capture'))
        .orderBy(evidenceItems.recordedAt, evidenceItems.id)
        .limit(pageSize)
        .offset(offset);
      for (const item of page) yield { item, files: await this.filesOf(db, item.id) };
      if (page.length < pageSize) return;
      offset += pageSize;
    }
  },

  /** Every stored content hash referenced by evidence, for a full verification pass. */
  async *allContentHashes(db: DbOrTx, pageSize = 1000): AsyncGenerator<{ itemId: string; name: string; sha256: string }> {
    let offset = 0;
    for (;;) {
      const page = await db
        .select({ itemId: evidenceFiles.itemId, name: evidenceFiles.name, sha256: evidenceFiles.sha256 })
        .from(evidenceFiles)
        .orderBy(evidenceFiles.itemId, evidenceFiles.name)
        .limit(pageSize)
        .offset(offset);
      yield* page;
      if (page.length < pageSize) return;
      offset += pageSize;
    }
  },
};
