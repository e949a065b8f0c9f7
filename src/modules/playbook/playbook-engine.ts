/**
 * Applies a case event to the case's tasks, inside the caller's transaction (so the event and the
 * tasks it opens or closes commit together): steps closed by the event are done, steps it triggers
 * are created (or reopened where the playbook says so) with their deadline from the event's time.
 * Idempotent: applying the same event twice changes nothing more.
 */
import type { DbOrTx } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { tasksRepository } from '../tasks/tasks.repository.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { PLAYBOOK, PLAYBOOK_VERSION, type CaseEvent, type PlaybookStep } from './playbook-114-07-08.ts';

export type CaseForEvent = { id: string; owningUnitId: string };

function dueAt(step: PlaybookStep, at: Date): Date | null {
  return step.dueHours === null ? null : new Date(at.getTime() + step.dueHours * 3_600_000);
}

async function assigneeUnitId(tx: DbOrTx, step: PlaybookStep, owningUnitId: string): Promise<string> {
  if ('unit' in step.assignee) return owningUnitId;
  const unit = await unitsRepository.findByCode(tx, step.assignee.unitCode);
  // A renamed or missing unit must not lose the task: it falls back to the owning unit.
  return unit?.id ?? owningUnitId;
}

export async function applyCaseEvent(tx: DbOrTx, ctx: ServiceContext, target: CaseForEvent, event: CaseEvent, at: Date): Promise<void> {
  const actorId = ctx.actor?.userId ?? null;
  if (event === 'case_closed') {
    const cancelled = await tasksRepository.close(tx, target.id, PLAYBOOK.map((s) => s.code), 'cancelled', at, actorId, event);
    for (const task of cancelled) await recordAudit(tx, ctx, { action: 'task.cancel', objectType: 'case', objectId: target.id, details: { step: task.stepCode, event } });
    return;
  }
  const closing = PLAYBOOK.filter((step) => step.closesOn.includes(event)).map((step) => step.code);
  const closed = await tasksRepository.close(tx, target.id, closing, 'done', at, actorId, event);
  for (const task of closed) await recordAudit(tx, ctx, { action: 'task.done', objectType: 'case', objectId: target.id, details: { step: task.stepCode, event } });

  for (const step of PLAYBOOK) {
    const triggers = step.trigger === event;
    const reopens = step.reopensOn?.includes(event) ?? false;
    if (!triggers && !reopens) continue;
    const existing = await tasksRepository.find(tx, target.id, step.code);
    if (!existing) {
      if (!triggers) continue;
      const created = await tasksRepository.insertIfAbsent(tx, {
        caseId: target.id,
        stepCode: step.code,
        playbookVersion: PLAYBOOK_VERSION,
        assigneeRole: step.assignee.role,
        assigneeUnitId: await assigneeUnitId(tx, step, target.owningUnitId),
        triggeredAt: at,
        dueAt: dueAt(step, at),
      });
      if (created) await recordAudit(tx, ctx, { action: 'task.open', objectType: 'case', objectId: target.id, details: { step: step.code, event, dueAt: created.dueAt?.toISOString() } });
    } else if (reopens && existing.status !== 'open') {
      await tasksRepository.reopen(tx, existing.id, at, dueAt(step, at));
      await recordAudit(tx, ctx, { action: 'task.reopen', objectType: 'case', objectId: target.id, details: { step: step.code, event } });
    }
  }
}
