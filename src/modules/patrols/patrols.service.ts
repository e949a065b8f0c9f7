/**
 * Patrol sessions (G5.1, G6.1): an officer starts a patrol with chosen platforms and keywords,
 * opens each platform's search from the toolkit, records findings, and ends it. Daily and monthly
 * logs per officer and unit are counted from the sessions and their findings.
 */
import { canAccessCase, caseScopeFor, hasAnyRole } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { platformsRepository } from '../platforms/platforms.repository.ts';
import type { PlatformRow } from '../platforms/platforms.tables.ts';
import { patrolsRepository, type PatrolLogRow, type PatrolWithOwner } from './patrols.repository.ts';
import type { PatrolFocus } from './patrols.tables.ts';

export const MAX_PATROL_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 100;

export type PatrolPlan = { platformIds?: string[]; keywords?: string[]; focuses?: PatrolFocus[]; notes?: string | null };

/** Trims, drops empties and repeats; refuses an over-long list or keyword by name. */
export function cleanKeywords(keywords: readonly string[]): string[] {
  const cleaned = [...new Set(keywords.map((k) => k.trim()).filter((k) => k.length > 0))];
  if (cleaned.length > MAX_PATROL_KEYWORDS) throw new AppError('VALIDATION_FAILED', `關鍵字最多 ${MAX_PATROL_KEYWORDS} 個 (at most ${MAX_PATROL_KEYWORDS} keywords)`);
  const tooLong = cleaned.find((k) => k.length > MAX_KEYWORD_LENGTH);
  if (tooLong) throw new AppError('VALIDATION_FAILED', `關鍵字過長 (keyword longer than ${MAX_KEYWORD_LENGTH} characters): ${tooLong.slice(0, 30)}…`);
  return cleaned;
}

/** Every id must name a registered platform; the first unknown one is named in the error. */
async function checkPlatforms(db: Database, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const known = new Map((await platformsRepository.findAll(db)).map((p: PlatformRow) => [p.id, p]));
  const unknown = unique.find((id) => !known.has(id));
  if (unknown) throw new AppError('VALIDATION_FAILED', `未知的平臺 (unknown platform): ${unknown}`, { platformId: unknown });
  return unique;
}

/** Own patrols always; a unit's patrols for its supervisors and the WCPD (patrol logs, G5.1). */
function canSeePatrol(ctx: ServiceContext, found: PatrolWithOwner): boolean {
  const actor = ctx.actor;
  if (!actor) return false;
  if (found.session.officerId === actor.userId) return true;
  if (!hasAnyRole(actor, ['supervisor', 'wcpd_coordinator'])) return false;
  return canAccessCase(actor, { owningUnitPath: found.unit.path, cibAssistance: 'none', assigneeUserIds: [] }, 'read');
}

export async function getPatrol(db: Database, ctx: ServiceContext, id: string): Promise<PatrolWithOwner> {
  requireEvidenceRole(ctx);
  const found = await patrolsRepository.findById(db, id);
  if (found && canSeePatrol(ctx, found)) return found;
  await recordAuditNow(db, ctx, { action: 'patrol.view', objectType: 'patrol', objectId: id, outcome: 'denied' });
  throw notFound('patrol');
}

/** The actor's open patrol, if any. */
export async function currentPatrol(db: Database, ctx: ServiceContext): Promise<PatrolWithOwner | null> {
  const actor = requireEvidenceRole(ctx);
  return patrolsRepository.findOpenFor(db, actor.userId);
}

export async function startPatrol(db: Database, ctx: ServiceContext, plan: PatrolPlan): Promise<PatrolWithOwner> {
  const actor = requireEvidenceRole(ctx);
  const platformIds = await checkPlatforms(db, plan.platformIds ?? []);
  const keywords = cleanKeywords(plan.keywords ?? []);
  if (await patrolsRepository.findOpenFor(db, actor.userId)) {
    throw new AppError('CONFLICT', '已有進行中的巡查，請先結束 (a patrol is already running; end it first)');
  }
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const session = await patrolsRepository.insert(tx, {
        officerId: actor.userId,
        unitId: actor.unitId,
        platformIds,
        keywords,
        focuses: [...new Set(plan.focuses ?? [])],
        notes: plan.notes?.trim() || null,
      });
      await recordAudit(tx, ctx, { action: 'patrol.start', objectType: 'patrol', objectId: session.id, details: { platforms: platformIds.length, keywords: keywords.length } });
      return session.id;
    });
  } catch (error) {
    // Two tabs pressing "start" at once: the partial unique index lets one win.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', '已有進行中的巡查，請先結束 (a patrol is already running; end it first)');
    throw error;
  }
  return (await patrolsRepository.findById(db, id))!;
}

async function loadOwnOpen(db: Database, ctx: ServiceContext, id: string, action: string): Promise<PatrolWithOwner> {
  const actor = requireEvidenceRole(ctx);
  const found = await getPatrol(db, ctx, id);
  if (found.session.officerId !== actor.userId) {
    await recordAuditNow(db, ctx, { action, objectType: 'patrol', objectId: id, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '只有巡查員警本人可以變更巡查 (only the patrolling officer changes a patrol)');
  }
  if (found.session.endedAt) throw new AppError('CONFLICT', '此巡查已結束 (this patrol has ended)');
  return found;
}

/** Changes the platforms, keywords or notes of the actor's running patrol. */
export async function updatePatrol(db: Database, ctx: ServiceContext, id: string, plan: PatrolPlan): Promise<PatrolWithOwner> {
  await loadOwnOpen(db, ctx, id, 'patrol.update');
  const patch: Parameters<typeof patrolsRepository.update>[2] = {};
  if (plan.platformIds) patch.platformIds = await checkPlatforms(db, plan.platformIds);
  if (plan.keywords) patch.keywords = cleanKeywords(plan.keywords);
  if (plan.focuses) patch.focuses = [...new Set(plan.focuses)];
  if (plan.notes !== undefined) patch.notes = plan.notes?.trim() || null;
  await db.transaction(async (tx) => {
    await patrolsRepository.update(tx, id, patch);
    await recordAudit(tx, ctx, { action: 'patrol.update', objectType: 'patrol', objectId: id, details: { fields: Object.keys(patch) } });
  });
  return (await patrolsRepository.findById(db, id))!;
}

export async function endPatrol(db: Database, ctx: ServiceContext, id: string, notes?: string | null, now = new Date()): Promise<PatrolWithOwner> {
  await loadOwnOpen(db, ctx, id, 'patrol.end');
  await db.transaction(async (tx) => {
    await patrolsRepository.update(tx, id, { endedAt: now, ...(notes !== undefined ? { notes: notes?.trim() || null } : {}) });
    await recordAudit(tx, ctx, { action: 'patrol.end', objectType: 'patrol', objectId: id });
  });
  return (await patrolsRepository.findById(db, id))!;
}

/** Officers see their own patrols; supervisors and the WCPD see their scope's. */
function patrolScope(ctx: ServiceContext): { unitPathPrefix: string | null; officerId?: string } {
  const actor = requireEvidenceRole(ctx);
  const scope = caseScopeFor(actor);
  if (scope.kind === 'all') return { unitPathPrefix: null };
  if (scope.kind === 'scoped' && hasAnyRole(actor, ['supervisor'])) return { unitPathPrefix: scope.unitPath };
  return { unitPathPrefix: null, officerId: actor.userId };
}

export async function listPatrols(db: Database, ctx: ServiceContext, filter: { officerId?: string; from?: Date; to?: Date; limit: number }): Promise<PatrolWithOwner[]> {
  const scope = patrolScope(ctx);
  return patrolsRepository.list(db, { ...filter, ...scope, officerId: scope.officerId ?? filter.officerId });
}

/** Daily or monthly patrol log for the actor's scope (an officer: their own). */
export async function patrolLog(
  db: Database,
  ctx: ServiceContext,
  filter: { period: 'day' | 'month'; from: Date; to: Date; officerId?: string },
  now = new Date(),
): Promise<PatrolLogRow[]> {
  if (!(filter.from < filter.to)) throw new AppError('VALIDATION_FAILED', '起日須早於迄日 (from must be before to)');
  if (filter.to.getTime() - filter.from.getTime() > 400 * 86_400_000) throw new AppError('VALIDATION_FAILED', '期間最長 400 日 (a period of at most 400 days)');
  const scope = patrolScope(ctx);
  const rows = await patrolsRepository.log(db, { ...filter, ...scope, officerId: scope.officerId ?? filter.officerId, now });
  await recordAuditNow(db, ctx, { action: 'patrol.log_view', objectType: 'patrol', details: { period: filter.period, from: filter.from.toISOString(), to: filter.to.toISOString() } });
  return rows;
}

export function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if ((current as { code?: string }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
