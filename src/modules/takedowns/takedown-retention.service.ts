/**
 * The 180-day window (G5.2): the SAB's order makes the platform keep the related data for at least
 * 180 days from T. At day 150 the case's officers are reminded to request it (a playbook task, due
 * at day 170) and mailed; at day 170 they are mailed again. Each reminder goes out once per target
 * and is marked in the same transaction as its mail, so a restart neither loses nor repeats one.
 * Targets whose data was already requested are marked without a mail.
 */
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError } from '../../core/errors.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import { systemContext, type ServiceContext } from '../../core/request-context.ts';
import { formatRocDateTime } from '../../core/time.ts';
import { refuseFutureTime } from '../../core/validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadCaseFor } from '../cases/cases.service.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { enqueueMailDelivery, queueMail } from '../mail/mail.service.ts';
import { applyCaseEvent } from '../playbook/playbook-engine.ts';
import { taskRecipients } from '../tasks/task-reminders.job.ts';
import { tasksRepository } from '../tasks/tasks.repository.ts';
import { takedownRetentionRepository } from './takedown-retention.repository.ts';
import { takedownsRepository } from './takedowns.repository.ts';

const DAY_MS = 86_400_000;
/** Days after T at which the reminders go out (issue #6). */
export const RETENTION_REMINDER_DAYS = [150, 170] as const;

/**
 * Sends the retention reminders due at `now`; returns how many targets were reminded. Runs in the
 * takedown clock job; idempotent.
 */
export async function sendRetentionReminders(db: Database, config: AppConfig, queue: JobQueue | null, now = new Date()): Promise<number> {
  const ctx = systemContext('worker:takedown-retention');
  let reminded = 0;
  for (const day of RETENTION_REMINDER_DAYS) {
    const due = await takedownRetentionRepository.reminderDue(db, day, new Date(now.getTime() - day * DAY_MS), 200);
    for (const row of due) {
      const found = await casesRepository.findById(db, row.target.caseId);
      if (!found) continue;
      const alreadyRequested = row.dataRequestCount > 0;
      let mailId: string | null = null;
      await db.transaction(async (tx) => {
        if (!(await takedownRetentionRepository.markReminded(tx, row.target.id, day, now))) return;
        if (alreadyRequested) {
          await recordAudit(tx, ctx, { action: 'takedown.retention_reminder', objectType: 'takedown', objectId: row.target.id, details: { caseId: row.target.caseId, day, mailed: false, reason: 'data already requested' } });
          return;
        }
        if (day === RETENTION_REMINDER_DAYS[0]) await applyCaseEvent(tx, ctx, { id: found.case.id, owningUnitId: found.case.owningUnitId }, 'takedown_retention_due', now);
        const task = await tasksRepository.find(tx, found.case.id, 'takedown_data_request');
        const recipients = task ? await taskRecipients(tx, task) : [];
        if (recipients.length > 0) {
          const endsAt = row.target.retentionEndsAt!;
          const mail = await queueMail(tx, {
            kind: 'takedown.retention_reminder',
            from: config.mail.from,
            to: recipients,
            subject: `保存期限提醒（第 ${day} 日）：案號 ${found.case.number}`,
            text: [
              `案號 ${found.case.number} 之下架目標，平臺依行政處分應保存相關資料至 ${formatRocDateTime(endsAt)}（處分後 180 日）。`,
              `今日為第 ${day} 日，剩餘 ${Math.max(0, Math.ceil((endsAt.getTime() - now.getTime()) / DAY_MS))} 日；如需調取保存資料，請於期限內發文（G5.2）。`,
              config.mail.publicUrl ? `請登入處理：${config.mail.publicUrl.replace(/\/$/, '')}/takedowns/${row.target.id}` : '請登入平臺處理。',
            ].join('\n'),
            caseId: found.case.id,
            ctx,
          });
          mailId = mail.id;
        }
        await recordAudit(tx, ctx, { action: 'takedown.retention_reminder', objectType: 'takedown', objectId: row.target.id, details: { caseId: row.target.caseId, day, mailed: mailId !== null, recipients: recipients.length } });
      });
      if (mailId) await enqueueMailDelivery(queue, mailId);
      reminded += 1;
    }
  }
  return reminded;
}

/** Records the platform's answer to a data request of the window. */
export async function answerDataRequest(db: Database, ctx: ServiceContext, targetId: string, requestId: string, input: { answeredAt: Date; result: string }, now = new Date()) {
  const target = await takedownsRepository.findById(db, targetId);
  if (!target) throw new AppError('NOT_FOUND', '找不到下架目標 (no such takedown target)');
  await loadCaseFor(db, ctx, target.caseId, 'update');
  refuseFutureTime(input.answeredAt, 'answeredAt', now);
  const result = input.result.trim();
  if (!result) throw new AppError('VALIDATION_FAILED', '回復結果必填 (result is required)', { field: 'result' });
  const request = (await takedownsRepository.dataRequests(db, targetId)).find((r) => r.id === requestId);
  if (!request) throw new AppError('NOT_FOUND', '找不到此調取紀錄 (no such data request)');
  if (input.answeredAt < request.sentAt) throw new AppError('VALIDATION_FAILED', '回復時間不可早於發文時間 (the answer cannot precede the request)', { field: 'answeredAt' });
  await db.transaction(async (tx) => {
    if (!(await takedownsRepository.answerDataRequest(tx, requestId, targetId, input.answeredAt, result))) throw new AppError('NOT_FOUND', '找不到此調取紀錄 (no such data request)');
    await recordAudit(tx, ctx, { action: 'takedown.data_answer', objectType: 'takedown', objectId: targetId, details: { caseId: target.caseId, requestId } });
  });
  return (await takedownsRepository.dataRequests(db, targetId)).find((r) => r.id === requestId)!;
}
