/** A recurring job that deletes expired and idle sessions; running it twice changes nothing more. */
import { z } from 'zod';
import type { Database } from '../../core/db/client.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import { purgeExpiredSessions, type AuthSettings } from './auth.service.ts';

export function sessionCleanupJob(db: Database, settings: AuthSettings): JobDefinition<Record<string, never>> {
  return {
    id: 'auth.session-cleanup',
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    cron: '*/15 * * * *',
    retryLimit: 2,
    handler: async () => {
      await purgeExpiredSessions(db, settings);
    },
  };
}
