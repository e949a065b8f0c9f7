/**
 * How long a victim's identity is kept (issue #7, G6.3.6): once a case has been closed for longer
 * than `VICTIM_RETENTION_DAYS`, its victims' sealed identity fields are purged — set to null, the
 * masked forms replaced by a marker, `purged_at` set — with an audit row each (`victim.purge`).
 * The case's facts, the victims' clear facts and every protection record stay. A legal hold on the
 * case or on one victim, set and cleared with a reason by the WCPD or a supervisor of the case,
 * stops the purge. Signed authorisation forms are evidence (append-only) and are not touched here.
 */
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import { systemContext, type ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import type { CaseWithUnit } from '../cases/cases.repository.ts';
import { caseAccessFacts, loadCaseFor } from '../cases/cases.service.ts';
import { isUniqueViolation } from '../patrols/patrols.service.ts';
import { PURGED_MARKER } from './victim-identity.ts';
import { canHoldVictims, cleanReason, loadVictimFor } from './victims.service.ts';
import { victimsRepository, type HoldWithUsers } from './victims.repository.ts';

const DAY_MS = 86_400_000;
const PURGE_BATCH = 200;

async function requireHoldRight(db: Database, ctx: ServiceContext, found: CaseWithUnit, objectId: string, action: string): Promise<void> {
  if (canHoldVictims(ctx.actor, caseAccessFacts(found))) return;
  await recordAuditNow(db, ctx, { action, objectType: 'victim_hold', objectId, outcome: 'denied', details: { caseId: found.case.id } });
  throw new AppError('FORBIDDEN', '僅婦幼隊或案件所屬單位主管可設定或解除保存命令 (only the WCPD or a supervisor of the case sets or clears a legal hold)');
}

async function placeHold(db: Database, ctx: ServiceContext, found: CaseWithUnit, victimId: string | null, reasonText: string, now: Date): Promise<HoldWithUsers> {
  await requireHoldRight(db, ctx, found, victimId ?? found.case.id, 'victim.hold_set');
  const reason = cleanReason(reasonText);
  const alreadyActive = () => new AppError('CONFLICT', '已有生效中的保存命令 (a legal hold is already active)');
  if (await victimsRepository.activeHold(db, found.case.id, victimId)) throw alreadyActive();
  let hold;
  try {
    hold = await db.transaction(async (tx) => {
      const created = await victimsRepository.insertHold(tx, { caseId: found.case.id, victimId, reason, setBy: ctx.actor!.userId, setAt: now });
      await recordAudit(tx, ctx, { action: 'victim.hold_set', objectType: 'victim_hold', objectId: created.id, reason, details: { caseId: found.case.id, victimId } });
      return created;
    });
  } catch (error) {
    // Two holds set at once: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw alreadyActive();
    throw error;
  }
  return (await victimsRepository.findHoldWithUsers(db, hold.id))!;
}

/** Sets a legal hold on all the case's victims (closed cases included: that is where it matters). */
export async function holdCaseVictims(db: Database, ctx: ServiceContext, caseId: string, input: { reason: string }, now = new Date()): Promise<HoldWithUsers> {
  const found = await loadCaseFor(db, ctx, caseId, 'read');
  return placeHold(db, ctx, found, null, input.reason, now);
}

/** Sets a legal hold on one victim. */
export async function holdVictim(db: Database, ctx: ServiceContext, victimId: string, input: { reason: string }, now = new Date()): Promise<HoldWithUsers> {
  const { found } = await loadVictimFor(db, ctx, victimId, 'read');
  return placeHold(db, ctx, found, victimId, input.reason, now);
}

/** Clears an active legal hold, with a reason; a hold of a case beyond the actor's reach is not found. */
export async function clearHold(db: Database, ctx: ServiceContext, holdId: string, input: { reason: string }, now = new Date()): Promise<HoldWithUsers> {
  const hold = await victimsRepository.findHold(db, holdId);
  if (!hold) throw new AppError('NOT_FOUND', 'legal hold not found');
  const found = await loadCaseFor(db, ctx, hold.caseId, 'read');
  await requireHoldRight(db, ctx, found, holdId, 'victim.hold_clear');
  const reason = cleanReason(input.reason);
  await db.transaction(async (tx) => {
    if (!(await victimsRepository.clearHold(tx, holdId, ctx.actor!.userId, now, reason))) throw new AppError('CONFLICT', '此保存命令已解除 (the legal hold was already cleared)');
    await recordAudit(tx, ctx, { action: 'victim.hold_clear', objectType: 'victim_hold', objectId: holdId, reason, details: { caseId: hold.caseId, victimId: hold.victimId } });
  });
  return (await victimsRepository.findHoldWithUsers(db, holdId))!;
}

/**
 * Purges the identities whose retention ended by `now` and that no hold keeps; returns how many.
 * Idempotent: a purged victim is never a candidate again, and each purge re-checks its conditions
 * in its own statement, so a hold set meanwhile still wins.
 */
export async function purgeExpiredVictimIdentities(db: Database, config: Pick<AppConfig, 'victimRetentionDays'>, now = new Date()): Promise<number> {
  const ctx = systemContext('worker:victim-retention');
  const closedBefore = new Date(now.getTime() - config.victimRetentionDays * DAY_MS);
  let purged = 0;
  for (;;) {
    const due = await victimsRepository.purgeCandidates(db, closedBefore, PURGE_BATCH);
    let progressed = false;
    for (const victim of due) {
      await db.transaction(async (tx) => {
        if (!(await victimsRepository.purge(tx, victim.id, closedBefore, now, PURGED_MARKER))) return;
        progressed = true;
        purged += 1;
        await recordAudit(tx, ctx, {
          action: 'victim.purge',
          objectType: 'victim',
          objectId: victim.id,
          details: { caseId: victim.caseId, caseNumber: victim.caseNumber, closedAt: victim.closedAt?.toISOString() ?? null, retentionDays: config.victimRetentionDays },
        });
      });
    }
    // A batch in which nothing could be purged (all held meanwhile) would come back forever.
    if (due.length < PURGE_BATCH || !progressed) return purged;
  }
}
