/** A recurring job that deletes expired and idle sessions; running it twice changes nothing more. */
import type { Database } from '../../core/db/client.ts';
import { scheduledJob, type ScheduledJob } from '../../core/queue/job-definition.ts';
import { purgeExpiredSessions, type AuthSettings } from './auth.service.ts';

export function sessionCleanupJob(db: Database, settings: AuthSettings): ScheduledJob {
  return scheduledJob({ id: 'auth.session-cleanup', cron: '*/15 * * * *', run: () => purgeExpiredSessions(db, settings) });
}
