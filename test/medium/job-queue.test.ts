/**
 * pg-boss on both databases (PGlite through the executeSql adapter): a deterministic key queues the
 * same work once, and work queued before a stop runs after a restart.
 */
import { expect, it } from 'vitest';
import { z } from 'zod';
import { JobQueue } from '../../src/core/queue/job-queue.ts';
import { deterministicJobId, type JobDefinition } from '../../src/core/queue/job-definition.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const silentLogger = { error: () => undefined, info: () => undefined };

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the job');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('derives the same job id from the same key and different ids from different keys', () => {
  expect(deterministicJobId('q.v1', 'case-1')).toBe(deterministicJobId('q.v1', 'case-1'));
  expect(deterministicJobId('q.v1', 'case-1')).not.toBe(deterministicJobId('q.v1', 'case-2'));
  expect(deterministicJobId('q.v1', 'case-1')).not.toBe(deterministicJobId('q.v2', 'case-1'));
  expect(deterministicJobId('q.v1', 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

describeEachDatabase('job queue', (use) => {
  it('queues a key once, runs it, and resumes queued work after a restart', async () => {
    const seen: string[] = [];
    const definition: JobDefinition<{ key: string }> = {
      id: 'test.echo',
      version: 1,
      payload: z.object({ key: z.string() }),
      handler: async ({ key }) => {
        seen.push(key);
      },
    };

    // First process: queues work but is stopped before it works.
    const producer = new JobQueue(use(), silentLogger, { schedule: false });
    await producer.start();
    await producer.register(definition, false);
    expect(await producer.enqueue(definition, { key: 'a' }, 'a')).not.toBeNull();
    expect(await producer.enqueue(definition, { key: 'a' }, 'a')).toBeNull();
    expect(await producer.enqueue(definition, { key: 'b' }, 'b')).not.toBeNull();
    await expect(producer.enqueue(definition, { key: 42 } as unknown as { key: string }, 'bad')).rejects.toThrow();
    expect(await producer.health()).toBe('ok');
    await producer.stop();
    expect(seen).toEqual([]);

    // After the "restart", a worker picks the queued work up, each key once.
    const worker = new JobQueue(use(), silentLogger, { schedule: false });
    await worker.start();
    await worker.register(definition, true);
    await waitFor(() => seen.length >= 2);
    await worker.stop();
    expect(seen.sort()).toEqual(['a', 'b']);
  });
});
