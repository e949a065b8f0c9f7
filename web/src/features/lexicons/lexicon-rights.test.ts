import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { canCreateLexicon, canEditLexicon, isUnitWithin, type UnitNode } from './lexicon-rights.ts';
import { csvImportError } from './lexicons.api.ts';

// TPD → DA (precinct) → DA1 (station); WC is a sibling of DA.
const units: UnitNode[] = [
  { id: 'tpd', code: 'TPD', parentId: null },
  { id: 'da', code: 'DA', parentId: 'tpd' },
  { id: 'da1', code: 'DA1', parentId: 'da' },
  { id: 'wc', code: 'WC', parentId: 'tpd' },
];
const department = { scope: 'department' as const, unitCode: null };
const daList = { scope: 'unit' as const, unitCode: 'DA1' };

describe('lexicon rights (mirror of lexicons.service.ts)', () => {
  it('lets administrators and the WCPD create department lists, supervisors and administrators unit lists', () => {
    expect(canCreateLexicon(['admin'], 'department')).toBe(true);
    expect(canCreateLexicon(['wcpd_coordinator'], 'department')).toBe(true);
    expect(canCreateLexicon(['supervisor'], 'department')).toBe(false);
    expect(canCreateLexicon(['supervisor'], 'unit')).toBe(true);
    expect(canCreateLexicon(['wcpd_coordinator'], 'unit')).toBe(false);
    expect(canCreateLexicon(['officer'], 'unit')).toBe(false);
  });

  it('lets the WCPD and administrators edit department lists, never officers or supervisors', () => {
    expect(canEditLexicon({ roles: ['wcpd_coordinator'], unitId: 'wc' }, department, units)).toBe(true);
    expect(canEditLexicon({ roles: ['admin'], unitId: 'tpd' }, department, units)).toBe(true);
    expect(canEditLexicon({ roles: ['supervisor'], unitId: 'tpd' }, department, units)).toBe(false);
    expect(canEditLexicon({ roles: ['officer'], unitId: 'da' }, department, units)).toBe(false);
  });

  it('lets supervisors edit the lists of their unit and the units below it only', () => {
    expect(canEditLexicon({ roles: ['supervisor'], unitId: 'da' }, daList, units)).toBe(true);
    expect(canEditLexicon({ roles: ['supervisor'], unitId: 'da1' }, daList, units)).toBe(true);
    expect(canEditLexicon({ roles: ['supervisor'], unitId: 'wc' }, daList, units)).toBe(false);
    expect(canEditLexicon({ roles: ['officer'], unitId: 'da1' }, daList, units)).toBe(false);
    expect(canEditLexicon({ roles: ['wcpd_coordinator'], unitId: 'wc' }, daList, units)).toBe(false);
  });

  it('walks up the tree and survives a cycle', () => {
    expect(isUnitWithin('DA1', 'tpd', units)).toBe(true);
    expect(isUnitWithin('DA', 'da1', units)).toBe(false);
    expect(isUnitWithin('UNKNOWN', 'tpd', units)).toBe(false);
    const cyclic: UnitNode[] = [
      { id: 'a', code: 'A', parentId: 'b' },
      { id: 'b', code: 'B', parentId: 'a' },
    ];
    expect(isUnitWithin('A', 'zzz', cyclic)).toBe(false);
  });
});

describe('csvImportError', () => {
  it('reads the row number and reason of a refused import', () => {
    expect(csvImportError(new ApiError(400, 'VALIDATION_FAILED', 'CSV 第 7 列錯誤 (row 7): unknown category "x"'))).toEqual({ row: 7, reason: 'unknown category "x"' });
  });

  it('is null for other errors', () => {
    expect(csvImportError(new ApiError(400, 'VALIDATION_FAILED', 'body/csv must be string'))).toBeNull();
    expect(csvImportError(new ApiError(403, 'FORBIDDEN', 'row 3'))).toBeNull();
    expect(csvImportError(new Error('row 3'))).toBeNull();
  });
});
