/**
 * Jobs are definitions (STYLE rule 9): an id, a version, a payload schema and an idempotent
 * handler. A deterministic key per piece of work means the same work is never queued twice.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export type JobDefinition<Payload> = {
  /** Queue name; stable across releases. */
  id: string;
  /** Bumped when the payload or the handler's meaning changes; part of the queue name. */
  version: number;
  payload: z.ZodType<Payload>;
  /** Must be safe to run twice for the same payload (a restart may repeat a job). */
  handler: (payload: Payload) => Promise<void>;
  /** Optional cron schedule (UTC) for recurring work. */
  cron?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
};

/** The pg-boss queue name of a definition: `<id>.v<version>`. */
export function queueName(definition: Pick<JobDefinition<unknown>, 'id' | 'version'>): string {
  return `${definition.id}.v${definition.version}`;
}

/**
 * A UUID derived from the job's queue and key: sending the same key twice inserts one job,
 * because pg-boss refuses a second job with the same id.
 */
export function deterministicJobId(queue: string, key: string): string {
  const hex = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
  // Shape as an RFC 4122 version-5-style UUID so PostgreSQL's uuid type accepts it.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** A recurring job's definition: no payload, its schedule is its only input. */
export type ScheduledJob = JobDefinition<Record<string, never>>;

const NO_PAYLOAD = z.object({}).strict() as unknown as z.ZodType<Record<string, never>>;

/**
 * A recurring job on a cron schedule (UTC). `run` must be idempotent: a restart or a retry may run
 * the same tick twice.
 */
export function scheduledJob(spec: { id: string; version?: number; cron: string; retryLimit?: number; run: () => Promise<unknown> }): ScheduledJob {
  return {
    id: spec.id,
    version: spec.version ?? 1,
    payload: NO_PAYLOAD,
    cron: spec.cron,
    retryLimit: spec.retryLimit ?? 2,
    handler: async () => {
      await spec.run();
    },
  };
}
