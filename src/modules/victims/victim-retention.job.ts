/** Daily: purges the victims' identities whose retention ended and that no legal hold keeps (issue #7). Idempotent. */
import type { AppConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/client.ts';
import { scheduledJob, type ScheduledJob } from '../../core/queue/job-definition.ts';
import { purgeExpiredVictimIdentities } from './victim-retention.service.ts';

export function victimRetentionJob(db: Database, config: Pick<AppConfig, 'victimRetentionDays'>): ScheduledJob {
  // 03:41 Asia/Taipei (cron is UTC), outside office hours.
  return scheduledJob({ id: 'victims.retention-purge', cron: '41 19 * * *', run: () => purgeExpiredVictimIdentities(db, config) });
}
