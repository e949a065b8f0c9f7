/**
 * Every five minutes, the 24-hour clock (G5.2): orders past T + 24 h get their deadline removal
 * check (which decides removed or overdue from a capture), and an order whose check has not
 * finished an hour later becomes overdue anyway. Idempotent.
 */
import { z } from 'zod';
import type { Database } from '../../core/db/client.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import { runTakedownClock, type TakedownClockDeps } from './removal-check.service.ts';

/** The clock; register `deps.checkJob` on the queue before this job runs (pg-boss refuses sends to an unknown queue). */
export function takedownClockJob(db: Database, deps: TakedownClockDeps): JobDefinition<Record<string, never>> {
  return {
    id: 'takedowns.overdue-clock',
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    cron: '*/5 * * * *',
    retryLimit: 2,
    handler: async () => {
      await runTakedownClock(db, deps);
    },
  };
}
