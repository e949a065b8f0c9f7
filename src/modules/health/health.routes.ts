/** `/api/health`: database and queue state, for load balancers and operators. */
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { AppInstance } from '../../server/app-types.ts';

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  databaseKind: Type.String(),
  queue: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('disabled')]),
});

export default async function healthRoutes(app: AppInstance): Promise<void> {
  const { database } = app.deps;
  app.get('/api/health', { config: { rateLimit: false }, schema: { tags: ['health'], response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply) => {
    let databaseState: 'ok' | 'error' = 'ok';
    try {
      await database.db.execute(sql`select 1`);
    } catch {
      databaseState = 'error';
    }
    // Read at request time: the queue is attached after the app is built.
    const queue = app.deps.queue;
    const queueState = queue ? await queue.health() : 'disabled';
    const healthy = databaseState === 'ok' && queueState !== 'error';
    return reply.status(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'degraded',
      database: databaseState,
      databaseKind: database.kind,
      queue: queueState,
    });
  });
}
