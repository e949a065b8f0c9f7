/**
 * The unit tree: everyone signed in may read it (names are not case content); only administrators
 * change it. Every change writes its audit row in the same transaction.
 */
import { canPerform } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import type { CreateUnitInput, UpdateUnitInput } from './units.contract.ts';
import { unitsRepository } from './units.repository.ts';
import type { UnitRow } from './units.tables.ts';

async function requireUnitManager(db: Database, ctx: ServiceContext, action: string, objectId: string | null) {
  if (!canPerform(ctx.actor, 'unit.manage')) {
    await recordAuditNow(db, ctx, { action, objectType: 'unit', objectId, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '僅系統管理員可管理單位 (only administrators manage units)');
  }
}

/** The whole tree, ordered so parents come before children. */
export async function listUnits(db: Database, ctx: ServiceContext): Promise<UnitRow[]> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '請先登入 (sign in first)');
  return unitsRepository.findAll(db);
}

/** Adds a unit under an existing parent. */
export async function createUnit(db: Database, ctx: ServiceContext, input: CreateUnitInput): Promise<UnitRow> {
  await requireUnitManager(db, ctx, 'unit.create', null);
  return db.transaction(async (tx) => {
    const parent = await unitsRepository.findById(tx, input.parentId);
    if (!parent) throw new AppError('VALIDATION_FAILED', '上級單位不存在 (parent unit not found)');
    if (await unitsRepository.findByCode(tx, input.code)) {
      throw new AppError('UNIT_CODE_TAKEN', `單位代碼 ${input.code} 已使用 (unit code already in use)`);
    }
    const unit = await unitsRepository.insert(tx, { ...input, parentId: parent.id }, parent.path);
    await recordAudit(tx, ctx, {
      action: 'unit.create',
      objectType: 'unit',
      objectId: unit.id,
      details: { code: unit.code, parentId: parent.id },
    });
    return unit;
  });
}

/** Renames, re-kinds, deactivates or moves a unit; a move may not put a unit under its own subtree. */
export async function updateUnit(db: Database, ctx: ServiceContext, id: string, input: UpdateUnitInput): Promise<UnitRow> {
  await requireUnitManager(db, ctx, 'unit.update', id);
  return db.transaction(async (tx) => {
    const existing = await unitsRepository.findById(tx, id);
    if (!existing) throw notFound('unit');
    let unit = existing;
    if (input.parentId !== undefined && input.parentId !== existing.parentId) {
      const parent = await unitsRepository.findById(tx, input.parentId);
      if (!parent) throw new AppError('VALIDATION_FAILED', '上級單位不存在 (parent unit not found)');
      if (parent.path.startsWith(existing.path)) {
        throw new AppError('UNIT_CYCLE', '不可將單位移至其下級單位之下 (a unit cannot move under its own sub-unit)');
      }
      unit = await unitsRepository.move(tx, existing, parent.id, parent.path);
    }
    const { parentId: _ignored, ...fields } = input;
    if (Object.keys(fields).length > 0) unit = await unitsRepository.update(tx, id, fields);
    await recordAudit(tx, ctx, {
      action: 'unit.update',
      objectType: 'unit',
      objectId: id,
      details: { changed: Object.keys(input) },
    });
    return unit;
  });
}
