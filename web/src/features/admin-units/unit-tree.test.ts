import { describe, expect, it } from 'vitest';
import { buildUnitTree, idsAboveDepth, subtreeIds, unitTreeOptions } from './unit-tree.ts';
import type { Unit } from './units.api.ts';

const unit = (id: string, parentId: string | null, active = true): Unit => ({
  id,
  code: id.toUpperCase(),
  nameZh: `單位${id}`,
  nameEn: `Unit ${id}`,
  kind: 'precinct',
  parentId,
  active,
});

describe('unit tree', () => {
  const units = [unit('tp', null), unit('da', 'tp'), unit('da1', 'da'), unit('xy', 'tp'), unit('orphan', 'gone')];

  it('nests children under parents and keeps orphans as roots', () => {
    const tree = buildUnitTree(units);
    expect(tree.map((n) => n.id)).toEqual(['orphan', 'tp']);
    const root = tree[1];
    expect(root?.children?.map((n) => n.id)).toEqual(['da', 'xy']);
    expect(root?.children?.[0]?.children?.[0]?.depth).toBe(2);
    expect(root?.children?.[1]?.children).toBeUndefined();
  });

  it('orders siblings by kind, then code', () => {
    const tree = buildUnitTree([
      unit('tp', null),
      { ...unit('st', 'tp'), kind: 'station', code: 'A-ST' },
      { ...unit('zz', 'tp'), code: 'ZZ1' },
      { ...unit('wc', 'tp'), kind: 'corps', code: 'WCPD' },
    ]);
    expect(tree[0]?.children?.map((n) => n.code)).toEqual(['WCPD', 'ZZ1', 'A-ST']);
  });

  it('survives a parent cycle', () => {
    const tree = buildUnitTree([unit('a', 'b'), unit('b', 'a')]);
    expect(tree.length).toBe(1);
  });

  it('finds a subtree and the default expanded levels', () => {
    expect([...subtreeIds(units, 'da')].sort()).toEqual(['da', 'da1']);
    expect(idsAboveDepth(buildUnitTree(units), 1)).toEqual(['tp']);
    expect(idsAboveDepth(buildUnitTree(units), 2)).toEqual(['tp', 'da']);
  });

  it('disables given ids and inactive units in picker options', () => {
    const options = unitTreeOptions(buildUnitTree([unit('tp', null), unit('old', 'tp', false)]), (u) => u.nameZh, {
      disabledIds: new Set(['tp']),
    });
    expect(options[0]?.disabled).toBe(true);
    expect(options[0]?.children?.[0]?.disabled).toBe(true);
    expect(options[0]?.title).toBe('TP 單位tp');
  });
});
