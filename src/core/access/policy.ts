/**
 * The access policy, in one place (issue 2 §5). Services ask it before they touch data; the UI
 * only mirrors it. Pure functions over the actor and the object's facts — no database here.
 *
 * - officer: cases of their own unit and its sub-units; their own patrols.
 * - supervisor: the same scope, plus assigning, reviewing the Art. 40 check and transferring (G6.3.1, G4.2.3).
 * - WCPD coordinator: every case in the department — the register is WCPD's to track (G4.1.1).
 * - CIB investigator: cases that asked CIB for assistance (G4.1.3 / G6.3.5), and their own unit's.
 * - auditor: the audit trail and evidence seals, never case content (separation of duties).
 * - administrator: users, units and reference data, never case content.
 */
import type { Actor } from '../request-context.ts';
import type { Role } from './roles.ts';

/** True when `targetUnitPath` is the actor's unit or lies below it in the tree. */
export function isWithinUnit(actorUnitPath: string, targetUnitPath: string): boolean {
  return targetUnitPath.startsWith(actorUnitPath);
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  return actor !== null && actor.roles.includes(role);
}

export function hasAnyRole(actor: Actor | null, roles: readonly Role[]): boolean {
  return actor !== null && roles.some((role) => actor.roles.includes(role));
}

/** What the system needs to know about a case to decide access. */
export type CaseAccessFacts = {
  owningUnitPath: string;
  /** State of a CIB assistance request, if any (G4.1.3). */
  cibAssistance: 'none' | 'requested' | 'accepted' | 'declined' | 'closed';
  assigneeUserIds: readonly string[];
};

export const CASE_ACTIONS = ['read', 'update', 'assign', 'review', 'transfer'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** May the actor perform `action` on the case? */
export function canAccessCase(actor: Actor | null, facts: CaseAccessFacts, action: CaseAction): boolean {
  if (!actor) return false;
  const inScope = isWithinUnit(actor.unitPath, facts.owningUnitPath);
  const assigned = facts.assigneeUserIds.includes(actor.userId);
  const roles = actor.roles;
  if (roles.includes('wcpd_coordinator') && (action === 'read' || action === 'update')) return true;
  if (roles.includes('supervisor') && inScope) return true;
  if (roles.includes('officer') && (inScope || assigned) && (action === 'read' || action === 'update')) return true;
  if (roles.includes('cib_investigator')) {
    // CIB joins a case only when asked (G4.1.3); once accepted it works on it, while requested it may look.
    if (inScope && (action === 'read' || action === 'update')) return true;
    if (facts.cibAssistance === 'accepted' && (action === 'read' || action === 'update')) return true;
    if (facts.cibAssistance === 'requested' && action === 'read') return true;
  }
  return false;
}

/**
 * The filter a case list must apply for this actor (so every list, search and export respects
 * need-to-know): everything, a unit subtree (plus assignments and CIB requests), or nothing.
 */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'scoped'; unitPath: string | null; includeAssignedTo: string; includeCibRequests: boolean }
  | { kind: 'none' };

export function caseScopeFor(actor: Actor | null): CaseScope {
  if (!actor) return { kind: 'none' };
  if (actor.roles.includes('wcpd_coordinator')) return { kind: 'all' };
  const unitRoles = hasAnyRole(actor, ['officer', 'supervisor', 'cib_investigator']);
  const cib = actor.roles.includes('cib_investigator');
  if (!unitRoles) return { kind: 'none' };
  return { kind: 'scoped', unitPath: actor.unitPath, includeAssignedTo: actor.userId, includeCibRequests: cib };
}

/**
 * May the actor see a victim's identity on this case (G6.3.6, issue #7)? The case's assignees, the
 * WCPD coordinators and holders of the victim-protection grant — and only on a case they may read.
 * Unassigned colleagues, supervisors without the grant, CIB, administrators and auditors may not.
 * The same rule guards the evidence that names a victim (an adult's signed authorisation form).
 */
export function canSeeVictimIdentity(actor: Actor | null, facts: CaseAccessFacts): boolean {
  if (!actor || !canAccessCase(actor, facts, 'read')) return false;
  return actor.roles.includes('wcpd_coordinator') || actor.roles.includes('victim_protection') || facts.assigneeUserIds.includes(actor.userId);
}

export const ADMIN_ACTIONS = ['user.read', 'user.manage', 'unit.manage', 'audit.read', 'audit.verify', 'evidence.verify'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** Administration and oversight rights, which never include case content. */
export function canPerform(actor: Actor | null, action: AdminAction): boolean {
  if (!actor) return false;
  switch (action) {
    case 'user.manage':
    case 'unit.manage':
      return hasRole(actor, 'admin');
    case 'user.read':
      // Supervisors and the WCPD look people up to assign work; checked per user by canReadUser.
      return hasAnyRole(actor, ['admin', 'supervisor', 'wcpd_coordinator']);
    case 'audit.read':
    case 'audit.verify':
    case 'evidence.verify':
      // Auditors verify seals and hashes, never open the content (separation of duties).
      return hasRole(actor, 'auditor');
  }
}

/** May the actor read this user's record? Admin and WCPD: anyone; supervisor: their unit subtree; everyone: themself. */
export function canReadUser(actor: Actor | null, target: { id: string; unitPath: string }): boolean {
  if (!actor) return false;
  if (actor.userId === target.id) return true;
  if (hasAnyRole(actor, ['admin', 'wcpd_coordinator'])) return true;
  return hasRole(actor, 'supervisor') && isWithinUnit(actor.unitPath, target.unitPath);
}

/** Case content is closed to roles that only administer or audit (separation of duties). */
export function canSeeCaseContent(actor: Actor | null): boolean {
  return caseScopeFor(actor).kind !== 'none';
}

/** What the system needs to know about an evidence item to decide access. */
export type EvidenceAccessFacts = { owningUnitPath: string; caseFacts: CaseAccessFacts | null };

/**
 * May the actor see an evidence item's content (G6.3.6 need-to-know)? Evidence of a case follows
 * the case; evidence not yet filed to a case follows the unit that holds it.
 */
export function canAccessEvidence(actor: Actor | null, facts: EvidenceAccessFacts): boolean {
  if (facts.caseFacts) return canAccessCase(actor, facts.caseFacts, 'read');
  return canAccessCase(actor, { owningUnitPath: facts.owningUnitPath, cibAssistance: 'none', assigneeUserIds: [] }, 'read');
}
