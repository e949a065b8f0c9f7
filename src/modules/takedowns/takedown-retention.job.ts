/** Hourly: the 150- and 170-day reminders of the 180-day retention window (G5.2). Idempotent. */
import { z } from 'zod';
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import type { JobQueue } from '../../core/queue/job-queue.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import { sendRetentionReminders } from './takedown-retention.service.ts';

export function takedownRetentionJob(db: Database, config: AppConfig, queue: JobQueue): JobDefinition<Record<string, never>> {
  return {
    id: 'takedowns.retention-reminders',
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    cron: '17 * * * *',
    retryLimit: 2,
    handler: async () => {
      await sendRetentionReminders(db, config, queue);
    },
  };
}
