/**
 * Who sees which evaluation figures (G4.1.4). The figures are counts per unit, never case content,
 * but a unit's performance is still only for those who manage it (need-to-know):
 *
 * - WCPD coordinators track every case of the department (G4.1.1) and CIB evaluates the units
 *   (G4.1.4): both see every unit and the department-wide ranking.
 * - A supervisor sees their own unit's subtree (their unit and every sub-unit, with the breakdown)
 *   and, when their unit is one of the units the department ranks, its own rank and score among
 *   them — never another unit's figures.
 * - Officers, auditors and administrators see no evaluation: officers are evaluated, not
 *   evaluators; auditors and administrators have no operational need (administrators keep the
 *   rule sets without seeing results — separation of duties).
 */
import { hasAnyRole, hasRole } from '../../core/access/policy.ts';
import type { Actor } from '../../core/request-context.ts';

export type EvaluationScope = { kind: 'all' } | { kind: 'subtree'; unitId: string; unitPath: string };

export function evaluationScopeFor(actor: Actor | null): EvaluationScope | null {
  if (!actor) return null;
  if (hasAnyRole(actor, ['wcpd_coordinator', 'cib_investigator'])) return { kind: 'all' };
  if (hasRole(actor, 'supervisor')) return { kind: 'subtree', unitId: actor.unitId, unitPath: actor.unitPath };
  return null;
}
