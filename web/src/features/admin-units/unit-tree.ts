/** Turns the flat unit list into trees for tables and pickers. Pure functions, no React. */
import { UNIT_KINDS, type Unit } from './units.api.ts';

export interface UnitNode extends Unit {
  depth: number;
  /** Absent (not empty) on leaves, so antd tables show no expand icon there. */
  children?: UnitNode[];
}

/** Sibling order: by kind (corps and divisions before precincts, stations last), then by code. */
export function compareUnits(a: Unit, b: Unit): number {
  const byKind = UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind);
  return byKind !== 0 ? byKind : a.code.localeCompare(b.code, 'en');
}

/**
 * Builds the unit forest from `parentId` links, siblings in {@link compareUnits} order.
 * A unit whose parent is missing (or that sits in a cycle) becomes a root rather than vanishing.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const unit of [...units].sort(compareUnits)) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(unit);
    byParent.set(parent, siblings);
  }
  const visited = new Set<string>();
  const grow = (unit: Unit, depth: number): UnitNode => {
    visited.add(unit.id);
    const kids = (byParent.get(unit.id) ?? []).filter((k) => !visited.has(k.id)).map((k) => grow(k, depth + 1));
    return kids.length > 0 ? { ...unit, depth, children: kids } : { ...unit, depth };
  };
  const roots = (byParent.get(null) ?? []).map((u) => grow(u, 0));
  for (const unit of units) if (!visited.has(unit.id)) roots.push(grow(unit, 0));
  return roots;
}

/** The ids of a unit and everything below it (a unit cannot move under its own subtree). */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && out.has(unit.parentId) && !out.has(unit.id)) {
        out.add(unit.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Ids of the nodes to show expanded by default: the first `levels` levels. */
export function idsAboveDepth(nodes: readonly UnitNode[], levels: number): string[] {
  const out: string[] = [];
  const walk = (list: readonly UnitNode[]) => {
    for (const node of list) {
      if (node.children && node.depth < levels) {
        out.push(node.id);
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return out;
}

/** Ids of every node that has children. */
export function parentIds(nodes: readonly UnitNode[]): string[] {
  return idsAboveDepth(nodes, Number.POSITIVE_INFINITY);
}

export interface UnitTreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: UnitTreeOption[];
}

/**
 * Options for an antd TreeSelect. `disabledIds` (and, unless `allowInactive`, inactive units)
 * stay visible for context but cannot be chosen.
 */
export function unitTreeOptions(
  nodes: readonly UnitNode[],
  label: (unit: Unit) => string,
  options: { disabledIds?: ReadonlySet<string>; allowInactive?: boolean } = {},
): UnitTreeOption[] {
  return nodes.map((node) => {
    const disabled = (options.disabledIds?.has(node.id) ?? false) || (!options.allowInactive && !node.active);
    const option: UnitTreeOption = { value: node.id, title: `${node.code} ${label(node)}` };
    if (disabled) option.disabled = true;
    if (node.children) option.children = unitTreeOptions(node.children, label, options);
    return option;
  });
}
