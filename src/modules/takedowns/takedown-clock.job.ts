/**
 * Every five minutes, the 24-hour clock (G5.2): orders past T + 24 h get their deadline removal
 * check (which decides removed or overdue from a capture), and an order whose check has not
 * finished an hour later becomes overdue anyway. Idempotent.
 */
import type { Database } from '../../core/db/client.ts';
import { scheduledJob, type ScheduledJob } from '../../core/queue/job-definition.ts';
import { runTakedownClock, type TakedownClockDeps } from './removal-check.service.ts';

/** The clock; register `deps.checkJob` on the queue before this job runs (pg-boss refuses sends to an unknown queue). */
export function takedownClockJob(db: Database, deps: TakedownClockDeps): ScheduledJob {
  return scheduledJob({ id: 'takedowns.overdue-clock', cron: '*/5 * * * *', run: () => runTakedownClock(db, deps) });
}
