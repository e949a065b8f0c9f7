/**
 * The durable job queue: pg-boss in the same database (DESIGN.md, jobs). Jobs survive restarts:
 * a job that was running when the process died is retried when its lease expires.
 */
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client.ts';
import { deterministicJobId, queueName, type JobDefinition } from './job-definition.ts';

type Logger = { error: (obj: unknown, msg?: string) => void; info: (obj: unknown, msg?: string) => void };

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private started = false;
  private lastError: Error | null = null;

  constructor(
    database: DatabaseHandle,
    private readonly logger: Logger,
    options: { schedule?: boolean; maintenanceIntervalSeconds?: number } = {},
  ) {
    this.boss = new PgBoss({
      db: { executeSql: database.executeSql },
      schedule: options.schedule ?? true,
      supervise: true,
      migrate: true,
      // How often expired jobs (their worker died) are put back for retry; pg-boss's default is 120 s.
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    } as ConstructorParameters<typeof PgBoss>[0]);
    this.boss.on('error', (error: Error) => {
      this.lastError = error;
      this.logger.error({ err: error }, 'job queue error');
    });
  }

  /** Installs or upgrades pg-boss's schema and starts its maintenance. */
  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** Registers a definition: creates its queue and, when `work` is true, runs its handler here. */
  async register<P>(definition: JobDefinition<P>, work: boolean): Promise<void> {
    const name = queueName(definition as JobDefinition<unknown>);
    this.definitions.set(name, definition as JobDefinition<unknown>);
    await this.boss.createQueue(name, {
      name,
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 10,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    });
    if (definition.cron) await this.boss.schedule(name, definition.cron, {}, { tz: 'UTC' });
    if (!work) return;
    await this.boss.work<unknown>(name, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) {
        const payload = definition.payload.parse(job.data);
        await definition.handler(payload);
      }
    });
  }

  /** Queues work once per `key`; returns the job id, or null when that key was already queued. */
  async enqueue<P>(definition: JobDefinition<P>, payload: P, key: string): Promise<string | null> {
    const name = queueName(definition as JobDefinition<unknown>);
    const data = definition.payload.parse(payload) as object;
    return this.boss.send(name, data, { id: deterministicJobId(name, key) });
  }

  /** Queue state for /api/health. */
  async health(): Promise<'ok' | 'error'> {
    if (!this.started) return 'error';
    try {
      await this.boss.getQueues();
      return 'ok';
    } catch (error) {
      this.lastError = error as Error;
      return 'error';
    }
  }

  /** Stops polling and waits for running handlers to finish. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
