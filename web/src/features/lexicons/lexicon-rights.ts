/**
 * Who may create and edit keyword lists, mirrored from the server's rules
 * (src/modules/lexicons/lexicons.service.ts) so the page offers only what would be allowed. The
 * server decides; a refusal still shows as an error.
 */
import type { LexiconScope, LexiconSummary } from './lexicons.api.ts';

export interface LexiconUser {
  roles: readonly string[];
  unitId: string;
}

/** A unit in the tree, enough to walk up from a unit to the department. */
export interface UnitNode {
  id: string;
  code: string;
  parentId: string | null;
}

/** Department lists: administrators and the WCPD. Unit lists: supervisors (for their own unit) and administrators. */
export function canCreateLexicon(roles: readonly string[], scope: LexiconScope): boolean {
  if (roles.includes('admin')) return true;
  return scope === 'department' ? roles.includes('wcpd_coordinator') : roles.includes('supervisor');
}

/** True when `unitCode` is the unit `ancestorId` or lies below it in the tree. */
export function isUnitWithin(unitCode: string, ancestorId: string, units: readonly UnitNode[]): boolean {
  const byId = new Map(units.map((u) => [u.id, u]));
  let current = units.find((u) => u.code === unitCode);
  // The depth guard stops a malformed (cyclic) tree from looping.
  for (let depth = 0; current && depth < 64; depth += 1) {
    if (current.id === ancestorId) return true;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return false;
}

/**
 * May the user replace this list's entries? Department lists: administrators and the WCPD. A
 * unit's list: administrators, and supervisors of that unit or a unit above it.
 */
export function canEditLexicon(user: LexiconUser, lexicon: Pick<LexiconSummary, 'scope' | 'unitCode'>, units: readonly UnitNode[]): boolean {
  if (user.roles.includes('admin')) return true;
  if (lexicon.scope === 'department') return user.roles.includes('wcpd_coordinator');
  return user.roles.includes('supervisor') && lexicon.unitCode !== null && isUnitWithin(lexicon.unitCode, user.unitId, units);
}
