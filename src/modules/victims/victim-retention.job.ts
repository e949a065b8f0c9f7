/** Daily: purges the victims' identities whose retention ended and that no legal hold keeps (issue #7). Idempotent. */
import { z } from 'zod';
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import type { JobDefinition } from '../../core/queue/job-definition.ts';
import { purgeExpiredVictimIdentities } from './victim-retention.service.ts';

export function victimRetentionJob(db: Database, config: Pick<AppConfig, 'victimRetentionDays'>): JobDefinition<Record<string, never>> {
  return {
    id: 'victims.retention-purge',
    version: 1,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    // 03:41 Asia/Taipei (cron is UTC), outside office hours.
    cron: '41 19 * * *',
    retryLimit: 2,
    handler: async () => {
      await purgeExpiredVictimIdentities(db, config);
    },
  };
}
