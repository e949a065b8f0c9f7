/**
 * Overdue tasks reach their owners by e-mail (issue #5): every five minutes the open tasks past
 * their deadline that were not reminded in the last day are mailed to the active users who hold
 * the task's role in its unit (or to its assignee), and marked reminded in the same transaction as
 * the mail — so a restart neither loses nor repeats a reminder. Subjects carry the case number and
 * the step only (administrators browse the outbox; they see no case content).
 */
import { and, eq, like } from 'drizzle-orm';
import type { AppConfig } from '../../core/config.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import { scheduledJob, type ScheduledJob } from '../../core/queue/job-definition.ts';
import { formatRocDateTime } from '../../core/time.ts';
import { enqueueMailDelivery, queueMail } from '../mail/mail.service.ts';
import { playbookStep } from '../playbook/playbook-114-07-08.ts';
import { units } from '../units/units.tables.ts';
import { users } from '../users/users.tables.ts';
import { tasksRepository, type TaskWithCase } from './tasks.repository.ts';

const REMIND_EVERY_MS = 24 * 3_600_000;

/** E-mail addresses of who owns a task: its assignee, else the active holders of its role in its unit. */
export async function taskRecipients(db: DbOrTx, task: TaskWithCase['task']): Promise<string[]> {
  if (task.assigneeUserId) {
    const rows = await db.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, task.assigneeUserId));
    return rows.filter((r) => r.active && r.email).map((r) => r.email!);
  }
  if (!task.assigneeUnitId) return [];
  const unit = (await db.select({ path: units.path }).from(units).where(eq(units.id, task.assigneeUnitId)).limit(1))[0];
  if (!unit) return [];
  // The unit itself for field roles; its parents' supervisors see the tasks too but are not mailed.
  const rows = await db
    .select({ email: users.email, roles: users.roles })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.active, true), like(units.path, `${unit.path}%`)));
  return [...new Set(rows.filter((r) => r.email && r.roles.includes(task.assigneeRole)).map((r) => r.email!))];
}

/** Sends the reminders due at `now`; returns how many tasks were reminded. */
export async function remindOverdueTasks(db: Database, config: AppConfig, queue: JobQueue | null, now = new Date()): Promise<number> {
  const overdue = await tasksRepository.overdue(db, now, new Date(now.getTime() - REMIND_EVERY_MS), 200);
  let reminded = 0;
  for (const row of overdue) {
    const step = playbookStep(row.task.stepCode);
    const recipients = await taskRecipients(db, row.task);
    let mailId: string | null = null;
    await db.transaction(async (tx) => {
      if (recipients.length > 0) {
        const mail = await queueMail(tx, {
          kind: 'task.overdue',
          from: config.mail.from,
          to: recipients,
          subject: `逾期提醒：案號 ${row.caseNumber}（${step?.titleZh ?? row.task.stepCode}）`,
          text: [
            `案號 ${row.caseNumber} 的「${step?.titleZh ?? row.task.stepCode}」已逾期。`,
            `期限：${row.task.dueAt ? formatRocDateTime(row.task.dueAt) : '—'}（${step?.clause ?? ''}）`,
            config.mail.publicUrl ? `請登入處理：${config.mail.publicUrl.replace(/\/$/, '')}/cases/${row.caseId}` : '請登入平臺處理。',
          ].join('\n'),
          caseId: row.caseId,
        });
        mailId = mail.id;
      }
      // Marked even without recipients: the task still shows on the owners' home page.
      await tasksRepository.markReminded(tx, row.task.id, now);
    });
    if (mailId) await enqueueMailDelivery(queue, mailId);
    reminded += 1;
  }
  return reminded;
}

export function taskRemindersJob(db: Database, config: AppConfig, queue: () => JobQueue | null): ScheduledJob {
  return scheduledJob({ id: 'tasks.overdue-reminders', cron: '*/5 * * * *', run: () => remindOverdueTasks(db, config, queue()) });
}
