/** Every five minutes: orders past T + 24 h while the content is still up become overdue (G5.2). Idempotent. */
import { z } from 'zod';
import type { Database } from '../../core/db/client.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import { markOverdueTargets } from './takedowns.service.ts';

export function takedownClockJob(db: Database): JobDefinition<Record<string, never>> {
  return {
    id: 'takedowns.overdue-clock',
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    cron: '*/5 * * * *',
    retryLimit: 2,
    handler: async () => {
      await markOverdueTargets(db);
    },
  };
}
