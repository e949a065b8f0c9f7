/** Seeds the unit tree on an empty database (first start), in one audited transaction. */
import type { Database, DbOrTx } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unitsRepository } from './units.repository.ts';
import { DEPARTMENT_UNIT_TREE, type SeedUnit } from './unit-tree.seed.ts';

async function insertSubtree(tx: DbOrTx, unit: SeedUnit, parent: { id: string; path: string } | null): Promise<number> {
  const row = await unitsRepository.insert(
    tx,
    { code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, kind: unit.kind, parentId: parent?.id ?? null },
    parent?.path ?? null,
  );
  let count = 1;
  for (const child of unit.children ?? []) count += await insertSubtree(tx, child, row);
  return count;
}

/** Inserts the department's tree when there are no units yet; returns how many it inserted. */
export async function seedUnitTreeIfEmpty(db: Database, ctx: ServiceContext): Promise<number> {
  return db.transaction(async (tx) => {
    if ((await unitsRepository.count(tx)) > 0) return 0;
    const inserted = await insertSubtree(tx, DEPARTMENT_UNIT_TREE, null);
    await recordAudit(tx, ctx, { action: 'unit.seed', objectType: 'unit', details: { inserted } });
    return inserted;
  });
}
