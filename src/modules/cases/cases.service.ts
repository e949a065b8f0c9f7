/**
 * The case register's core (G4.1.1): numbering, creation, need-to-know reads. The Art. 40 check,
 * playbook tasks, suspects and transfer build on these rows.
 */
import { canAccessCase, caseScopeFor, type CaseAccessFacts, type CaseAction } from '../../core/access/policy.ts';
import type { DbOrTx, Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { taipeiParts } from '../../core/time.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { applyCaseEvent } from '../playbook/playbook-engine.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { tasksRepository } from '../tasks/tasks.repository.ts';
import { victimsRepository } from '../victims/victims.repository.ts';
import { caseWorkflowRepository } from './case-workflow.repository.ts';
import { casesRepository, type CaseWithUnit } from './cases.repository.ts';
import type { CaseRow } from './cases.tables.ts';

/** The ROC year of an instant in Taipei (2025 → 114). */
export function rocYearOf(instant: Date): number {
  return taipeiParts(instant).year - 1911;
}

/** `DA-114-0007`: unit code, ROC year, sequence (at least four digits, so lists sort and read alike). */
export function formatCaseNumber(unitCode: string, rocYear: number, sequence: number): string {
  return `${unitCode}-${rocYear}-${String(sequence).padStart(4, '0')}`;
}

export function caseAccessFacts(found: Pick<CaseWithUnit, 'case' | 'unit'> & { assigneeIds?: string[] }): CaseAccessFacts {
  return { owningUnitPath: found.unit.path, cibAssistance: found.case.cibAssistance, assigneeUserIds: found.assigneeIds ?? [] };
}

/**
 * After transfer (G4.2.3) a case is read-only except follow-up entries; a closed case takes no
 * writes until it is reopened with a reason.
 */
export function assertCaseWritable(found: Pick<CaseWithUnit, 'case'>): void {
  if (found.case.status === 'transferred') throw new AppError('CASE_READ_ONLY', `案件 ${found.case.number} 已移送，僅能新增後續紀錄 (the case has been transferred; only follow-up entries may be added)`);
  if (found.case.status === 'closed') throw new AppError('CASE_READ_ONLY', `案件 ${found.case.number} 已結案，請先重新開啟 (the case is closed; reopen it first)`);
}

/** Loads a case the actor may act on; anything else is "not found" and the attempt is audited. */
export async function loadCaseFor(db: Database, ctx: ServiceContext, id: string, action: CaseAction): Promise<CaseWithUnit> {
  requireEvidenceRole(ctx);
  const found = await casesRepository.findById(db, id);
  if (found && canAccessCase(ctx.actor, caseAccessFacts(found), action)) return found;
  await recordAuditNow(db, ctx, { action: `case.${action}`, objectType: 'case', objectId: id, outcome: 'denied' });
  throw notFound('case');
}

/**
 * Opens a case owned by the actor's unit inside the caller's transaction (so a promotion that
 * fails leaves neither the case nor its number behind).
 */
export async function openCaseInTransaction(tx: DbOrTx, ctx: ServiceContext, actor: Actor, input: { title: string; summary: string | null; platformId?: string | null }, now = new Date()): Promise<CaseRow> {
  const title = input.title.trim();
  if (title.length === 0) throw new AppError('VALIDATION_FAILED', '案件名稱不可空白 (the case title is empty)');
  const unit = await unitsRepository.findById(tx, actor.unitId);
  if (!unit) throw new AppError('VALIDATION_FAILED', '使用者單位不存在 (the actor unit does not exist)');
  const rocYear = rocYearOf(now);
  const sequence = await casesRepository.nextSequence(tx, unit.id, rocYear);
  const created = await casesRepository.insert(tx, {
    number: formatCaseNumber(unit.code, rocYear, sequence),
    owningUnitId: unit.id,
    rocYear,
    sequence,
    title,
    summary: input.summary?.trim() || null,
    platformId: input.platformId ?? null,
    createdBy: actor.userId,
  });
  await recordAudit(tx, ctx, { action: 'case.create', objectType: 'case', objectId: created.id, details: { number: created.number } });
  await applyCaseEvent(tx, ctx, created, 'case_opened', now);
  return created;
}

/** One case the actor may read; the read is audited (case content is sensitive, G6.3.6). */
export async function getCase(db: Database, ctx: ServiceContext, id: string): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, id, 'read');
  await recordAuditNow(db, ctx, { action: 'case.view', objectType: 'case', objectId: id });
  return found;
}

/** Cases the actor may see, newest first, optionally searched by number or title. */
export async function listCases(db: Database, ctx: ServiceContext, filter: { search?: string; limit: number }): Promise<CaseWithUnit[]> {
  requireEvidenceRole(ctx);
  const scope = caseScopeFor(ctx.actor);
  if (scope.kind === 'none') return [];
  return casesRepository.list(db, {
    scope:
      scope.kind === 'all'
        ? { unitPathPrefix: null, includeCibRequests: false }
        : { unitPathPrefix: scope.unitPath, includeCibRequests: scope.includeCibRequests, includeAssignedTo: scope.includeAssignedTo },
    search: filter.search,
    limit: filter.limit,
  });
}

export type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;

/** Everything the case page shows but the lists of findings, evidence, suspects and reporters (their own routes). */
export async function getCaseDetail(db: Database, ctx: ServiceContext, id: string) {
  const found = await getCase(db, ctx, id);
  const [assignees, assessments, tasks, cibRequests, preservations, transfer, notices, followUps, victimCount] = await Promise.all([
    caseWorkflowRepository.assignees(db, id),
    caseWorkflowRepository.assessments(db, id),
    tasksRepository.forCase(db, id),
    caseWorkflowRepository.cibRequests(db, id),
    caseWorkflowRepository.preservations(db, id),
    caseWorkflowRepository.transfer(db, id),
    caseWorkflowRepository.notices(db, id),
    caseWorkflowRepository.followUps(db, id),
    victimsRepository.countForCase(db, id),
  ]);
  return { found, assignees, assessments, tasks, cibRequests, preservations, transfer, notices, followUps, victimCount };
}

/** The case's timeline (from the audit trail); reading it is itself audited. */
export async function caseTimeline(db: Database, ctx: ServiceContext, id: string) {
  await loadCaseFor(db, ctx, id, 'read');
  const events = await casesRepository.timeline(db, id, 2000);
  await recordAuditNow(db, ctx, { action: 'case.timeline_view', objectType: 'case', objectId: id });
  return events;
}
