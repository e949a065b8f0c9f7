/** Hourly: the 150- and 170-day reminders of the 180-day retention window (G5.2). Idempotent. */
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import { scheduledJob, type ScheduledJob } from '../../core/queue/job-definition.ts';
import { sendRetentionReminders } from './takedown-retention.service.ts';

export function takedownRetentionJob(db: Database, config: AppConfig, queue: JobQueue): ScheduledJob {
  return scheduledJob({ id: 'takedowns.retention-reminders', cron: '17 * * * *', run: () => sendRetentionReminders(db, config, queue) });
}
