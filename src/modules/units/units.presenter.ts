import type { UnitDto } from './units.contract.ts';
import type { UnitRow } from './units.tables.ts';

/** Exactly what leaves the server about a unit (the materialised path stays inside). */
export function presentUnit(unit: UnitRow): UnitDto {
  return {
    id: unit.id,
    code: unit.code,
    nameZh: unit.nameZh,
    nameEn: unit.nameEn,
    kind: unit.kind,
    parentId: unit.parentId,
    active: unit.active,
  };
}
